"""Both editions laid out at the same time, one forked child each: the same bytes as one
edition after the other, the same errors, progress events that say which edition they are."""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from conftest import CONTENT

from brochure import paths
from brochure.build import build
from brochure.cli import main


def test_parallel_build_equals_sequential_build(tmp_path):
    parallel = build(CONTENT, tmp_path / "parallel", editions=("print", "screen"))
    sequential = build(CONTENT, tmp_path / "sequential", editions=("print", "screen"), jobs=1)
    assert [r.edition for r in parallel] == ["print", "screen"]
    for a, b in zip(parallel, sequential):
        assert a.path.read_bytes() == b.path.read_bytes(), a.edition
        assert (a.pages, a.blank_pages, a.note, a.layouts) == (b.pages, b.blank_pages, b.note, b.layouts)
        assert a.layouts >= 1


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def test_progress_events_name_their_edition(tmp_path):
    status, out, _ = _cli("build", "--content", str(CONTENT), "--out", str(tmp_path), "--json")
    assert status == 0
    events = [json.loads(line) for line in out.splitlines()]
    for edition in ("print", "screen"):
        pages = [e["page"] for e in events if e["event"] == "page" and e.get("edition") == edition]
        assert pages == list(range(1, 13)), edition
        assert any(e["event"] == "writing" and e.get("edition") == edition for e in events)
    written = {e["edition"]: e for e in events if e["event"] == "written"}
    assert set(written) == {"print", "screen"} and all(e["layouts"] >= 1 for e in written.values())
    assert all(e.get("edition") for e in events if e["event"] == "page")


def _missing_font_styles(tmp_path: Path, monkeypatch) -> None:
    """Styles whose @font-face names a missing file: a RenderError while laying out."""
    styles = tmp_path / "styles"
    shutil.copytree(paths.STYLES, styles)
    fonts_css = styles / "fonts.css"
    fonts_css.write_text(fonts_css.read_text().replace("NotoSerifJP-Bold.ttf", "Missing-Bold.ttf"))
    monkeypatch.setattr("brochure.build.STYLES", styles)
    monkeypatch.setattr("brochure.themes.STYLES", styles)  # the theme's stylesheet lookup
    monkeypatch.setattr("brochure.themes.THEMES_DIR", styles / "themes")


@pytest.mark.parametrize("fault", ["render-error", "bug"])
def test_an_error_in_a_child_is_the_same_one_line_error(tmp_path, monkeypatch, fault):
    if fault == "render-error":
        _missing_font_styles(tmp_path, monkeypatch)
        expected_status = 2
    else:
        def broken_finish(*args, **kwargs):
            raise RuntimeError("simulated bug")

        monkeypatch.setattr("brochure.build.finish", broken_finish)
        expected_status = 3
    outcomes = []
    for jobs in ("2", "1"):
        out = tmp_path / f"out-{jobs}"
        outcomes.append(_cli("build", "--content", str(CONTENT), "--out", str(out), "--lang", "en",
                             "--jobs", jobs))
        assert not out.exists() or list(out.glob("*.pdf")) == []
    (status, stdout, stderr), sequential = outcomes
    assert status == expected_status
    assert (status, stdout, stderr) == sequential  # forked or not: the same words
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert ("font" in stderr) if fault == "render-error" else ("RuntimeError: simulated bug" in stderr)


def test_a_failing_edition_leaves_the_previous_pdfs(tmp_path, monkeypatch, sample_build):
    out = tmp_path / "out"
    out.mkdir()
    (out / "brochure-print.pdf").write_bytes(sample_build.read_bytes())
    (out / "brochure-screen.pdf").write_bytes(b"%PDF-1.7 previous screen edition")
    from brochure import build as build_module

    real = build_module.render_within_budget

    def screen_fails(prepared, edition):
        if edition.name == "screen":
            from brochure.errors import RenderError
            raise RenderError("simulated: the screen edition cannot be laid out")
        return real(prepared, edition)

    monkeypatch.setattr(build_module, "render_within_budget", screen_fails)
    status, _, err = _cli("build", "--content", str(CONTENT), "--out", str(out), "--lang", "en")
    assert status == 2 and "simulated: the screen edition" in err
    assert (out / "brochure-print.pdf").read_bytes() == sample_build.read_bytes()
    assert (out / "brochure-screen.pdf").read_bytes() == b"%PDF-1.7 previous screen edition"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
