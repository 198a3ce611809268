"""The second example brochure (examples/harukaze): a fictitious company whose content sits at
the edges of what the format accepts (six interviews from two to seven questions, one about
three times longer than the rest, twelve projects, five office photos, a long message and
headline, a 28-box chart of five units, eight figures, a long URL) and that uses every section
type. It must build and pass preflight like the sample."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import ROOT, decode_qr_codes, pdf_text_pages, run_cli, squeeze

EXAMPLE = ROOT / "examples" / "harukaze"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("example")
    proc = run_cli("--content", str(EXAMPLE), "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    return out, [json.loads(line) for line in proc.stdout.splitlines()]


def test_example_builds_both_editions_on_a_multiple_of_four(example):
    out, events = example
    written = [e for e in events if e["event"] == "written"]
    assert {e["path"].rsplit("/", 1)[-1] for e in written} == {"brochure-print.pdf", "brochure-screen.pdf"}
    for e in written:
        assert e["pages"] % 4 == 0 and e["blank_pages"] == 0
    pages = [squeeze(t) for t in pdf_text_pages(out / "brochure-print.pdf")]
    assert all(pages[1:-1]), "a blank page inside the booklet"


def test_six_short_questions_are_set_roomier_rather_than_leave_their_page_empty(example):
    """The example's FAQ (six questions, answers of one to three lines) filled 37 % of its page
    in two columns; the planner takes the roomier design (one column at a readable measure,
    larger type) when the first leaves the page sparse."""
    _, events = example
    plans = [e for e in events if e["event"] == "plan"]
    assert len(plans) == 2  # one per edition
    for plan in plans:
        [faq] = [s for s in plan["sections"] if s["type"] == "faq"]
        assert (faq["variant"], faq["pages"]) == ("roomy", 1), faq
        assert faq["used"][0] > 0.7, faq


def test_every_content_item_of_the_example_is_printed(example):
    out, _ = example
    text = squeeze("".join(pdf_text_pages(out / "brochure-print.pdf")))
    expected = []
    for path in (EXAMPLE / "sections").glob("*"):
        raw = path.read_text(encoding="utf-8")
        data = yaml.safe_load(raw.split("---")[1] if path.suffix == ".md" else raw)
        if data["type"] == "interview":
            expected.append(data["name"])
            expected += [line[3:] for line in raw.splitlines() if line.startswith("## ")]
        elif data["type"] == "projects":
            expected += [p["name"] for p in data["projects"]]
        elif data["type"] == "office":
            expected += [p["caption"] for p in data["photos"]]
        elif data["type"] in ("organisation", "figures"):
            expected += [f["label"] for f in data.get("figures", [])]
        elif data["type"] in ("schedule", "career", "flow", "faq", "benefits", "conditions"):
            items = data.get("items") or data.get("steps") or data.get("questions") or data.get("rows")
            key = {"schedule": "activity", "career": "title", "flow": "name", "faq": "question",
                   "benefits": "name", "conditions": "item"}[data["type"]]
            expected += [item[key] for item in items]
    missing = [e for e in expected if squeeze(e) not in text]
    assert not missing, missing


def test_example_qr_codes_carry_its_links(example):
    out, _ = example
    main = yaml.safe_load((EXAMPLE / "brochure.yaml").read_text(encoding="utf-8"))
    urls = {link["id"]: link["url"] for link in main["links"]}
    apply = yaml.safe_load((EXAMPLE / "sections" / "apply.yaml").read_text(encoding="utf-8"))
    decoded = {text for _, text in decode_qr_codes(out / "brochure-print.pdf")}
    assert decoded == {urls[i] for i in apply["links"]} | {urls["careers"]}


def test_example_passes_preflight(example):
    out, _ = example
    code = "import sys; from brochure.cli import main; sys.exit(main(sys.argv[1:]))"
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", code, "check", "--content", str(EXAMPLE), "--out", str(out),
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    findings = [f for f in json.loads(proc.stdout) if f["severity"] != "info"]  # ink measurements aside
    errors = [f for f in findings if f["severity"] == "error"]
    assert not errors, errors
    # Only the example's marked sample values (and photo resolution) are left as warnings.
    assert {f["code"] for f in findings} <= {"sample-photo", "sample-link", "sample-name", "image-dpi", "page-sparse"}


def test_no_display_line_starts_or_ends_inside_a_phrase(example):
    """Roles, card titles, org boxes, figure labels, steps and captions of the example break only
    between their phrases (the check is in test_display_phrases.py)."""
    from test_display_phrases import assert_no_display_line_starts_or_ends_inside_a_phrase

    out, _ = example
    assert_no_display_line_starts_or_ends_inside_a_phrase(EXAMPLE, out / "brochure-print.pdf")


UNINSTALLED = r"""
import importlib, sys
importlib.import_module(sys.argv[1])._INSTALLED = True  # never installed: WeasyPrint's own way
from brochure.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _built_without(hook: str, edition: str, out) -> bytes:
    """The example's ``edition`` built with the layout hook ``hook`` (a module) left out."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", UNINSTALLED, hook, "build", "--content", str(EXAMPLE),
                           "--out", str(out), "--edition", edition, "-q"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return (out / f"brochure-{edition}.pdf").read_bytes()


def test_phrase_widths_measured_once_change_no_byte(example, tmp_path):
    """render/phrasewidths.py keeps each phrase's preferred widths for its layout; the example
    (every section type, display text by phrases in flex rows, org-chart boxes, figures) built
    without it gives the same print PDF, byte for byte."""
    out, _ = example
    assert _built_without("brochure.render.phrasewidths", "print", tmp_path) == (
        out / "brochure-print.pdf").read_bytes()


def test_lines_laid_out_once_change_no_byte(example, tmp_path):
    """render/linecache.py keeps each line laid out for its layout (the columns balanced pass
    after pass, the pages made again); the example built without it gives the same screen
    PDF, byte for byte (the test above compares the print edition)."""
    out, _ = example
    assert _built_without("brochure.render.linecache", "screen", tmp_path) == (
        out / "brochure-screen.pdf").read_bytes()
