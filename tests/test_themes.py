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


def print_build(tmp_path_factory, name: str, src, *lines: str):
    """``src`` copied with ``lines`` added to its brochure.yaml, and its print edition built:
    (the content folder, the build's result)."""
    tmp = tmp_path_factory.mktemp(name)
    content = with_theme(src, tmp / "content", *lines)
    [result] = build(content, tmp / "out", editions=("print",))
    return content, result


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


def planner_checks_pass(result):
    """A full booklet: pages in fours, no blank or problem section, no empty page inside."""
    assert result.pages % 4 == 0 and result.blank_pages == 0
    entries = result.plan.as_json()
    assert [e for e in entries if e["problem"]] == []
    assert not [e for e in entries if e["filler"] == "blank"]
    pages = [squeeze(t) for t in pdf_text_pages(result.path)]
    assert len(pages) == result.pages and all(pages[1:-1]), "a blank page inside the booklet"


@pytest.fixture(scope="module")
def typographic_example(tmp_path_factory):
    """The example brochure in the typographic theme: its print edition and plan."""
    return print_build(tmp_path_factory, "typographic", EXAMPLE, "theme: typographic")


def test_example_in_the_typographic_theme_passes_the_planners_checks(typographic_example):
    planner_checks_pass(typographic_example[1])


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
    _, result = print_build(tmp_path_factory, "testtheme", CONTENT, f"theme: {TESTTHEME}")
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


# --- A5 booklet (format: a5) -------------------------------------------------------------------

MM = 72 / 25.4


@pytest.fixture(scope="module")
def a5_example(tmp_path_factory):
    """The example brochure as an A5 booklet: its print edition and plan."""
    return print_build(tmp_path_factory, "a5", EXAMPLE, "format: a5")


def test_example_as_an_a5_booklet_passes_the_planners_checks(a5_example):
    planner_checks_pass(a5_example[1])


def test_example_as_an_a5_booklet_has_no_check_errors(a5_example):
    content, result = a5_example
    findings = check_findings(content, result.path.parent)
    assert [f for f in findings if f["severity"] == "error"] == []


def test_a5_pages_are_a5_with_a_3mm_bleed(a5_example):
    import pikepdf

    with pikepdf.open(a5_example[1].path) as pdf:
        for page in pdf.pages:
            trim = [round(float(v) / MM, 2) for v in page.obj.TrimBox]
            bleed = [round(float(v) / MM, 2) for v in page.obj.BleedBox]
            assert trim == [0, 0, 148, 210]
            assert bleed == [-3, -3, 151, 213]


def _char_sizes(path):
    import collections

    import pdfplumber

    sizes = collections.Counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            sizes.update(round(c["size"], 1) for c in page.chars if c["text"].strip())
    return sizes


def test_a5_body_text_prints_at_the_a5_size(a5_example):
    """Running text 8.5 pt on paper (A4: 9.25 pt; the planner's step down to 9 pt: 8.25 pt),
    display type about 70 % of A4's."""
    sizes = _char_sizes(a5_example[1].path)
    common = [size for size, _ in sizes.most_common(3)]
    assert all(8.0 <= size <= 9.5 for size in common[:2]) and 8.5 in common, sizes.most_common(5)
    assert max(sizes) < 64 * 0.8  # no A4 display size on the A5 page


def _page_body_sizes(path) -> list[tuple[float, int]]:
    """Each page's most common printed size (pt) and its characters: its running text, where
    it has some."""
    import collections

    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [collections.Counter(round(c["size"], 1) for c in page.chars if c["text"].strip()).most_common(1)[0]
                for page in pdf.pages]


def test_a5_running_text_never_prints_below_8_5pt(a5_example):
    """The planner's step down of the body (an interview at 9 pt or less, a section set
    ``tight`` at 8.75 pt: 8.25 and 8.0 pt on A5's paper) is not taken below the brief's 8.5 pt:
    every page of an interview or of a tight section prints its running text at 8.5 pt."""
    from brochure.themes import FORMATS

    result = a5_example[1]
    sizes = _page_body_sizes(result.path)
    entries = [e for e in result.plan.as_json() if e["type"] == "interview" or (e["opts"] or {}).get("tight")]
    assert len([e for e in entries if e["type"] == "interview"]) >= 3
    pages = {p: e["type"] for e in entries for p in range(e["first_page"], e["first_page"] + e["pages"])}
    # (A page of a portrait and a quote, with a few lines of Q&A at most, is left out.)
    low = {p: (kind, sizes[p - 1]) for p, kind in pages.items() if sizes[p - 1][1] >= 100 and sizes[p - 1][0] < 8.5}
    assert low == {}, low
    assert sum(sizes[p - 1][1] >= 100 for p in pages) >= 6
    assert all(FORMATS["a5"].body_ok(float(e["opts"].get("body_size", "9.25pt")[:-2])) for e in entries)


def test_a5_prints_nothing_below_6pt(a5_example):
    """Not even a key-figure label stepped down by its fitbox (at most to 0.8 of its size, though
    WeasyPrint lays the four-column tiles out twice)."""
    assert min(_char_sizes(a5_example[1].path)) >= 6.0


def _chart_label_sizes(content, result) -> list[float]:
    """The printed size (pt) of each org-chart box's name, read from the organisation page."""
    import pdfplumber

    from brochure.content.load import load_brochure

    brochure = load_brochure(content)
    [chart] = [s.chart for s in brochure.sections if s.type == "organisation"]
    names, todo = [], [chart]
    while todo:
        node = todo.pop()
        names.append(node.name)
        todo += node.children
    [entry] = [e for e in result.plan.as_json() if e["type"] == "organisation"]
    with pdfplumber.open(result.path) as pdf:
        chars = [c for c in pdf.pages[entry["first_page"] - 1].chars if c["text"].strip()]
    text = "".join(c["text"] for c in chars)
    found = []
    for name in names:
        head = name.replace(" ", "")[:4]
        at = text.find(head)
        assert at >= 0, name
        found.append(min(c["size"] for c in chars[at:at + len(head)]))
    return found


def test_a5_body_steps_down_in_leading_not_to_a_near_empty_page(a5_example):
    """Without a smaller size on A5, the step down is a tighter leading (an interview's
    ``body_leading``, ``.tight``): a long interview or text section is not left with a last
    page of a few lines (the example's first interview and its text section had one, 3 % used)."""
    from brochure.plan.variants import NEAR_EMPTY

    entries = [e for e in a5_example[1].plan.as_json() if not e["filler"] and e["pages"]]
    low = [(e["type"], e["first_page"], e["used"]) for e in entries if min(e["used"] or [1.0]) < NEAR_EMPTY]
    assert low == []
    assert any("body_leading" in (e["opts"] or {}) or (e["opts"] or {}).get("tight") for e in entries)


def test_a5_org_chart_breaks_as_few_words_as_its_arrangements_allow():
    """At A5's least chart size no arrangement of the example's chart keeps every word whole:
    the one that breaks fewest is taken (three units to a row: two phrases by the estimate,
    one in print; five to a row: sixteen, the one taken before)."""
    from brochure.assets.orgchart import _broken, layout_orgchart
    from brochure.content.load import load_brochure
    from brochure.themes import FORMATS

    [chart] = [s.chart for s in load_brochure(EXAMPLE).sections if s.type == "organisation"]
    laid = layout_orgchart(chart, max_height=163.5, fmt=FORMATS["a5"])
    assert laid.fits and _broken(laid) <= 2


def test_a5_org_chart_labels_print_at_the_caption_size_at_least(a5_example):
    """The chart's type follows the format (assets/orgchart.py, format_sizes): A4's chart sets
    its labels at 7 pt at the least (the brief's captions); on A5 they print no smaller (they
    printed at 6.0 pt, the A4 size written at 148/210). The boxes still hold their text: the
    check's text-box-tight and overflow findings are errors (the no-check-errors test)."""
    content, result = a5_example
    sizes = _chart_label_sizes(content, result)
    assert len(sizes) >= 8 and round(min(sizes), 1) >= 7.0, sorted(sizes)[:5]


def _image_dpis(path) -> list[float]:
    """Each placed photo's effective resolution on paper (its pixels over its printed inches)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [min(im["srcsize"][0] / ((im["x1"] - im["x0"]) / 72), im["srcsize"][1] / ((im["bottom"] - im["top"]) / 72))
                for page in pdf.pages for im in page.images if im["x1"] - im["x0"] > 36]


def test_a5_photos_are_fitted_for_their_printed_size(a5_example):
    """Photo frames are in the layout page's mm (A4's), written at 148/210: photos fitted at
    the print edition's 350 dpi for the layout page printed at about 500 dpi (a larger PDF for
    nothing). Fitted for A5's paper, they print at 350 dpi, as on A4 (the check asks 300)."""
    from brochure.editions import EDITIONS

    dpis = _image_dpis(a5_example[1].path)
    target = EDITIONS["print"].dpi
    assert len(dpis) >= 10
    assert all(300 <= dpi <= target * 1.02 for dpi in dpis), sorted(round(d) for d in dpis)


@pytest.fixture(scope="module")
def a5_sample(tmp_path_factory):
    """The sample as an A5 booklet (the standard theme): its print edition and plan."""
    return print_build(tmp_path_factory, "a5-sample", CONTENT, "format: a5")


def test_a5_sample_keeps_its_key_figures_on_the_organisation_page(a5_sample):
    """As on A4, the organisation page holds the chart and the key figures' band at its foot.
    The planner had estimated the page at A4's sizes and the band's labels left it (a label of
    three lines the flex row did not make room for): the figures took a page of their own,
    a third full."""
    result = a5_sample[1]
    planner_checks_pass(result)
    [entry] = [e for e in result.plan.as_json() if e["type"] == "organisation"]
    assert (entry["variant"], entry["pages"]) == ("page", 1), entry
    pages = [squeeze(t) for t in pdf_text_pages(result.path)]
    page = pages[entry["first_page"] - 1]
    assert "数字で見る東京都" in page and "7.4兆円" in page and "都立高校の職員や警察消防を合わせた職員数" in page


def test_a5_booklet_is_imposed_on_a4_sheets(a5_example):
    import pikepdf

    from brochure.press.impose import impose_booklet

    data = impose_booklet(a5_example[1].path.read_bytes())
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        assert len(pdf.pages) == a5_example[1].pages // 2
        assert [round(float(v) / MM) for v in pdf.pages[0].mediabox] == [0, 0, 297, 210]


def test_the_sample_in_the_typographic_theme_as_an_a5_booklet(tmp_path_factory):
    _, result = print_build(tmp_path_factory, "typographic-a5", CONTENT, "theme: typographic", "format: a5")
    planner_checks_pass(result)
    assert not [f for f in fonts_used(result.path) if "NotoSerifJP" in f]


def test_each_themes_a5_type_scale_is_what_the_script_writes(tmp_path):
    """formats/a5.css is written by scripts/make_format_css.py from the theme's stylesheets: a
    font size changed without running it again leaves A5 at the old size."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_format_css", ROOT / "scripts" / "make_format_css.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for theme in ("standard", "typographic"):
        copy = tmp_path / theme
        shutil.copytree(THEMES_DIR / theme, copy)
        script.write(copy)
        assert (copy / "formats" / "a5.css").read_text(encoding="utf-8") == \
            (THEMES_DIR / theme / "formats" / "a5.css").read_text(encoding="utf-8"), theme
