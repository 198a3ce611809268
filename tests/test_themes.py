"""Themes (issue 19): the sample's design is the standard theme; `theme:` chooses another (the
tool's typographic theme, a folder of the content's themes/, or a folder by path), which
overrides only some templates and styles and falls back to the standard theme for the rest.
Each theme build here is one real build, shared by its tests."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat

from conftest import CONTENT, DATA, ROOT, pdf_text_pages, run_cli, squeeze

from brochure.build import build
from brochure.themes import THEMES_DIR, available_themes, find_theme, standard_theme

EXAMPLE = ROOT / "examples" / "harukaze"
TESTTHEME = DATA / "themes" / "testtheme"


def with_theme(src, dest, *lines: str):
    shutil.copytree(src, dest)
    with (dest / "brochure.yaml").open("a", encoding="utf-8") as f:
        f.write("".join(f"\n{line}" for line in lines) + "\n")
    return dest


def check_findings(content, out) -> list[dict]:
    code = "import sys; from brochure.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", code, "check", "--content", str(content), "--out", str(out),
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    return [f for f in json.loads(proc.stdout) if f["severity"] != "info"]


def fonts_used(path) -> set[str]:
    import pikepdf

    names = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                names.add(str(font.get("/BaseFont")))
    return names


@pytest.fixture(scope="module")
def typographic_example(tmp_path_factory):
    """The example brochure in the typographic theme: its print edition and plan."""
    tmp = tmp_path_factory.mktemp("typographic")
    content = with_theme(EXAMPLE, tmp / "content", "theme: typographic")
    [result] = build(content, tmp / "out", editions=("print",))
    return content, result


def test_example_in_the_typographic_theme_passes_the_planners_checks(typographic_example):
    _, result = typographic_example
    assert result.pages % 4 == 0 and result.blank_pages == 0
    entries = result.plan.as_json()
    assert [e for e in entries if e["problem"]] == []
    assert not [e for e in entries if e["filler"] == "blank"]
    pages = [squeeze(t) for t in pdf_text_pages(result.path)]
    assert len(pages) == result.pages and all(pages[1:-1]), "a blank page inside the booklet"


def test_example_in_the_typographic_theme_has_no_check_errors(typographic_example):
    content, result = typographic_example
    findings = check_findings(content, result.path.parent)
    assert [f for f in findings if f["severity"] == "error"] == []


def test_typographic_theme_sets_its_display_type_in_gothic(typographic_example, sample_build):
    """The second theme is not the first recoloured: no Mincho anywhere (headlines, message,
    quotes, numbers in Gothic), while the standard theme's headlines are Mincho."""
    _, result = typographic_example
    assert not [f for f in fonts_used(result.path) if "NotoSerifJP" in f]
    assert [f for f in fonts_used(sample_build) if "NotoSerifJP" in f]


def test_typographic_cover_has_the_key_visual_as_a_band_below_the_title(typographic_example):
    """The cover's upper part is paper (the title in navy), the photo fills its foot."""
    _, result = typographic_example
    pdf = pdfium.PdfDocument(str(result.path))
    image = pdf[0].render(scale=0.5).to_pil().convert("L")
    w, h = image.size
    top = image.crop((0, int(h * 0.05), w, int(h * 0.12)))
    foot = image.crop((0, int(h * 0.75), w, int(h * 0.95)))
    assert ImageStat.Stat(top).mean[0] > 200  # paper
    assert ImageStat.Stat(foot).mean[0] < 150  # the night-time key visual


@pytest.fixture(scope="module")
def test_theme_build(tmp_path_factory):
    """The sample in the test theme, given by its folder's path (nothing of it in brochure/)."""
    tmp = tmp_path_factory.mktemp("testtheme")
    content = with_theme(CONTENT, tmp / "content", f"theme: {TESTTHEME}")
    [result] = build(content, tmp / "out", editions=("print",))
    return result


def test_a_theme_folder_overrides_one_page_type_and_inherits_the_rest(test_theme_build, sample_build):
    ours = [squeeze(t) for t in pdf_text_pages(test_theme_build.path)]
    standard = [squeeze(t) for t in pdf_text_pages(sample_build)]
    assert "TESTTHEMEBACKCOVER" in ours[-1] and "TESTTHEME" not in "".join(standard)
    assert len(ours) == len(standard)
    assert ours[:-1] == standard[:-1]  # every other page type: the standard theme's


def test_a_content_themes_folder_is_found_by_name(tmp_path):
    shutil.copytree(TESTTHEME, tmp_path / "themes" / "mytheme")
    theme = find_theme("mytheme", tmp_path)
    assert theme is not None and theme.folders[0] == (tmp_path / "themes" / "mytheme").resolve()
    assert theme.folders[-1] == (THEMES_DIR / "standard").resolve()
    assert "mytheme" in available_themes(tmp_path)
    # Its one template first, then the standard theme's templates; its one file is used.
    assert theme.template_dirs[0] == theme.folders[0] / "templates"
    assert theme.stylesheets() == standard_theme().stylesheets()  # it has no styles of its own


def test_the_typographic_theme_adds_its_stylesheet_after_the_page_styles():
    theme = find_theme("typographic", CONTENT)
    sheets = theme.stylesheets(("editions/screen.css",))
    assert sheets[-3].name == "theme.css" and sheets[-3].parent.name == "typographic"
    assert [p.name for p in sheets[-2:]] == ["typeset.css", "screen.css"]


@pytest.mark.parametrize("lang, line, expected", [
    ("ja", "theme: modern", ["brochure.yaml:", "theme", "'modern'", "standard, typographic"]),
    ("en", "theme: modern", ["brochure.yaml:", "theme", "no theme 'modern'", "standard, typographic"]),
    ("en", "format: b5", ["brochure.yaml:", "format", "no page format 'b5'", "a4, a5"]),
])
def test_an_unknown_theme_or_format_is_one_line_naming_the_choices(tmp_path, lang, line, expected):
    content = with_theme(CONTENT, tmp_path / "content", line)
    out = tmp_path / "out"
    out.mkdir()
    (out / "brochure-print.pdf").write_bytes(b"previous")
    proc = run_cli("--content", str(content), "--out", str(out), "--edition", "print", "--lang", lang)
    assert proc.returncode == 2, proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.startswith("brochure.yaml")]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr  # and the summary line
    assert all(part in lines[0] for part in expected), lines[0]
    assert (out / "brochure-print.pdf").read_bytes() == b"previous"
