"""Bad content stops the build with one clear line, exit status 2, no traceback, and leaves
the previous PDF byte-identical."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

from brochure.paths import FONTS


@pytest.fixture
def previous_pdf(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    pdf = out / "brochure-print.pdf"
    pdf.write_bytes(b"%PDF-1.7\n% the previous, good build\n")
    return pdf


def break_yaml(content: Path) -> None:
    path = content / "sections" / "vision.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("heading: デジタルサービス局とは",
                                                             "heading: [デジタルサービス局とは"), encoding="utf-8")


def remove_photo(content: Path) -> None:
    (content / "photos" / "hirai.jpg").unlink()


def drop_required_field(content: Path) -> None:
    path = content / "sections" / "message.md"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 宮坂 学\n", ""), encoding="utf-8")


def misspell_field(content: Path) -> None:
    path = content / "sections" / "apply.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("lead:", "laed:"), encoding="utf-8")


def bad_url(content: Path) -> None:
    path = content / "brochure.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("url: https://example.com/\n", "url: example\n"),
                    encoding="utf-8")


def broken_ruby(content: Path) -> None:
    path = content / "sections" / "interview-hirai.md"
    path.write_text(path.read_text(encoding="utf-8").replace("{雲泥|うんでい}の差", "{雲泥|うんでいの差"),
                    encoding="utf-8")


def miscounted_ruby(content: Path) -> None:
    path = content / "sections" / "interview-hirai.md"
    path.write_text(path.read_text(encoding="utf-8").replace("{雲泥|うんでい}の差", "{雲泥|うん|で|い}の差"),
                    encoding="utf-8")


CASES = [
    (break_yaml, "sections/vision.yaml:4:", "opened here is not closed properly"),
    (remove_photo, "sections/interview-hirai.md:8: portrait.file:", "not found"),
    (drop_required_field, "sections/message.md:", "name: required field is missing"),
    (misspell_field, "sections/apply.yaml:6: laed: unknown field", "did you mean 'lead'?"),
    (bad_url, "brochure.yaml:", "links.2.url"),
    (broken_ruby, "sections/interview-hirai.md:49: body:", "ruby markup is incomplete"),
    (miscounted_ruby, "sections/interview-hirai.md:49: body:", "as many readings as characters"),
]


@pytest.mark.parametrize("breaker, where, what", CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_input_gives_one_clear_line_and_keeps_the_previous_pdf(content_copy, previous_pdf,
                                                                   breaker, where, what):
    before = previous_pdf.read_bytes()
    breaker(content_copy)
    proc = run_cli("--content", str(content_copy), "--out", str(previous_pdf.parent), "--lang", "en")
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    *lines, summary = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert summary == "1 problem(s) found; no PDF was written (the previous PDF is unchanged)"
    assert where in lines[0] and what in lines[0], lines[0]
    assert " — " in lines[0]  # says what to do
    assert previous_pdf.read_bytes() == before
    assert sorted(p.name for p in previous_pdf.parent.iterdir()) == ["brochure-print.pdf"]


def _theme_with_one_font(tmp_path, monkeypatch, src: str) -> None:
    """A test theme: the real styles and every font of fonts/, but the Mincho bold's @font-face
    ``src`` replaced by ``src`` (the other faces by absolute URL, so that they all load)."""
    import shutil

    from brochure import paths

    styles = tmp_path / "styles"
    shutil.copytree(paths.STYLES, styles)
    fonts_css = styles / "fonts.css"
    css = fonts_css.read_text().replace("url(../fonts/", f"url({paths.FONTS.as_uri()}/")
    bold = f"url({paths.FONTS.as_uri()}/NotoSerifJP-Bold.ttf)"
    assert css.count(bold) == 1
    fonts_css.write_text(css.replace(bold, src))
    monkeypatch.setattr("brochure.render.sections.STYLES", styles)  # where the layout reads them
    monkeypatch.setattr("brochure.build.STYLES", styles)  # and where the fetcher may read
    monkeypatch.setattr("brochure.themes.STYLES", styles)  # the theme's stylesheet lookup
    monkeypatch.setattr("brochure.themes.THEMES_DIR", styles / "themes")


@pytest.mark.parametrize("src, expected", [
    # A font file that is not there: the fetcher's refusal names it.
    (f"url({(FONTS / 'NotoSerifJP-Missing.ttf').as_uri()})", "NotoSerifJP-Missing.ttf"),
    # A face no file backs (an installed font by name): WeasyPrint only warns, we fail.
    ('local("Hiragino Mincho ProN W6")', "Font-face 'BrochureMincho-NotoSerifJP' cannot be loaded"),
])
def test_missing_font_is_an_error_not_a_silent_fallback(tmp_path, monkeypatch, src, expected):
    from brochure import paths
    from brochure.build import build
    from brochure.errors import RenderError

    _theme_with_one_font(tmp_path, monkeypatch, src)
    with pytest.raises(RenderError) as failed:
        build(paths.DEFAULT_CONTENT, tmp_path / "out", editions=("print",))
    assert expected in str(failed.value), str(failed.value)
    assert not (tmp_path / "out" / "brochure-print.pdf").exists()


@pytest.mark.parametrize("damage", ["truncated", "not-a-font", "empty"])
def test_a_damaged_font_file_is_an_error_before_any_layout(tmp_path, monkeypatch, damage):
    """WeasyPrint skips a @font-face whose file is not a font at debug level only (the Mincho bold
    was silently missing from the PDF): the build names the damaged file, exit 2, no PDF."""
    import shutil

    from brochure import paths
    from brochure.build import build
    from brochure.errors import BrochureError, InternalError

    fonts = tmp_path / "fonts"
    shutil.copytree(paths.FONTS, fonts)
    bold = fonts / "NotoSerifJP-Bold.ttf"
    data = bold.read_bytes()
    bold.write_bytes({"truncated": data[:len(data) // 3], "not-a-font": b"<html>404</html>\n" * 40,
                      "empty": b""}[damage])
    monkeypatch.setattr("brochure.render.coverage.FONTS", fonts)
    monkeypatch.setattr("brochure.render.fontfiles.FONTS", fonts)
    with pytest.raises(BrochureError) as failed:
        build(paths.DEFAULT_CONTENT, tmp_path / "out", editions=("print",))
    assert not isinstance(failed.value, InternalError) and failed.value.exit_status == 2
    assert "fonts/NotoSerifJP-Bold.ttf" in str(failed.value), str(failed.value)
    assert not (tmp_path / "out" / "brochure-print.pdf").exists()
