"""Each page of the sample against its committed baseline; and proof that a changed CSS margin
fails the comparison. After an intended visual change:

    uv run pytest tests/visual --update-baselines
"""

from __future__ import annotations

import shutil

import pytest

import visual
from conftest import CONTENT

from brochure import build as build_module, themes
from brochure.paths import FONTS, STYLES


def test_every_page_matches_its_baseline(sample_build, request):
    if request.config.getoption("--update-baselines"):
        written = visual.update_baselines(sample_build)
        pytest.skip(f"wrote {len(written)} baselines to {visual.BASELINES}")
    results = visual.compare(sample_build)
    failed = [f"page {r.page}: {r.differing:.2%} of pixels differ ({r.worst_region} in one region), "
              f"see {r.diff_image}"
              for r in results if not r.ok]
    assert not failed, "\n".join(failed) + "\n(intended? uv run pytest tests/visual --update-baselines)"


def _styles_with(tmp_path, monkeypatch, extra_css: str) -> None:
    """The build reads a copy of styles/ whose base.css ends with ``extra_css``."""
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    (tmp_path / "fonts").symlink_to(FONTS)  # fonts.css loads ../fonts/
    with (styles / "base.css").open("a", encoding="utf-8") as css:
        css.write(f"\n{extra_css}\n")
    monkeypatch.setattr(build_module, "STYLES", styles)
    monkeypatch.setattr(themes, "STYLES", styles)  # the stylesheets are the theme's (brochure.themes)
    monkeypatch.setattr(themes, "THEMES_DIR", styles / "themes")


def test_a_changed_css_margin_fails_the_comparison(tmp_path, monkeypatch, request):
    if request.config.getoption("--update-baselines"):
        pytest.skip("baselines are being rewritten")
    # A copy of the styles where one margin changes: the page margins grow by 4 mm.
    _styles_with(tmp_path, monkeypatch, "@page { margin-top: 22mm; } @page :left { margin-top: 22mm; }"
                                        " @page :right { margin-top: 22mm; }")
    [result] = build_module.build(CONTENT, tmp_path / "out", editions=("print",))

    results = visual.compare(result.path, output=tmp_path / "diff")
    failed = [r for r in results if not r.ok]
    # Every page with margins moves (the full-bleed covers have none).
    assert len(failed) >= len(results) // 2, "a 4 mm margin change went unnoticed"
    for r in failed:
        assert r.diff_image is not None and r.diff_image.exists()


def test_a_footer_moved_2mm_fails_the_comparison(tmp_path, monkeypatch, request):
    """The running footer alone, 2 mm lower on every page: a few dozen pixels per page, far
    below the page tolerance, but all in one place (the region check)."""
    if request.config.getoption("--update-baselines"):
        pytest.skip("baselines are being rewritten")
    _styles_with(tmp_path, monkeypatch, "@page { @bottom-right { padding-top: 10mm; } }"  # was 8mm
                                        " @page :left { @bottom-left { padding-top: 10mm; } }")
    [result] = build_module.build(CONTENT, tmp_path / "out", editions=("print",))

    results = visual.compare(result.path, output=tmp_path / "diff")
    assert all(r.differing <= visual.PAGE_TOLERANCE for r in results)  # what the page check alone saw
    # Every page but the two covers has the footer.
    assert [r.page for r in results if not r.ok] == list(range(2, len(results))), \
        [(r.page, r.worst_region) for r in results]


def test_updated_baselines_match_and_stale_ones_go(sample_build, tmp_path):
    """What --update-baselines writes is what the comparison accepts; stale pages are dropped."""
    (tmp_path / "page-99.png").write_bytes(visual.baseline_path(1).read_bytes())
    written = visual.update_baselines(sample_build, tmp_path)
    assert sorted(tmp_path.glob("page-*.png")) == written
    assert all(r.ok and r.differing == 0 for r in visual.compare(sample_build, tmp_path, tmp_path / "d"))
