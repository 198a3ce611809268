"""PDF/X-4 conformance, ink and black text, on the sample's real print edition and on copies of
it broken one rule at a time with pikepdf: each broken copy gives exactly its finding, the
sample none. ``brochure check --pdf`` is run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from pikepdf import Array, Dictionary, Name, String

from brochure.check.context import CheckContext
from brochure.check.document import PrintedDocument
from brochure.check.fonts import check_fonts
from brochure.check.ink import check_ink, glyph_inks, read_pam, render_separations
from brochure.check.pdfx import check_pdfx
from brochure.messages import set_language
from brochure.press.pdfx import PROFILE
from brochure.content.iccprofile import bundled_profile

MM = 72 / 25.4
needs_gs = pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript (gs) is not installed")


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("ja")


def findings(path: Path, *checks, **options) -> list:
    """Findings (not measurements) of the given checks on a PDF, in process."""
    doc = PrintedDocument.open(path)
    try:
        ctx = CheckContext.pdf_only(doc, **options)
        return [f for check in (checks or (check_pdfx,)) for f in check(ctx) if f.severity != "info"]
    finally:
        doc.close()


def broken(sample_build: Path, tmp_path: Path, change, name: str = "broken.pdf", **save) -> Path:
    """A copy of the sample's print edition changed by ``change(pdf)``."""
    target = tmp_path / name
    with pikepdf.open(sample_build) as pdf:
        change(pdf)
        pdf.save(target, **save)
    return target


def draw_on(pdf: pikepdf.Pdf, number: int, operators: bytes, **resources) -> None:
    """Append drawing to page ``number`` in default user space; ``resources`` are added to a
    copy of the page's resources (WeasyPrint shares one dictionary between pages)."""
    page = pdf.pages[number - 1]
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    page.contents_add(pdf.make_stream(b"\nQ\n" + operators))
    if resources:
        own = Dictionary({k: v for k, v in page.obj.Resources.items()})
        for kind, entries in resources.items():
            table = Dictionary({k: v for k, v in own.get(f"/{kind}", Dictionary()).items()})
            for key, value in entries.items():
                table[key] = value
            own[f"/{kind}"] = table
        page.obj.Resources = own


def codes(found: list) -> list[tuple[str, int | None]]:
    return sorted((f.code, f.page) for f in found)


# --- the sample ---------------------------------------------------------------------------

def test_sample_print_edition_has_no_pdfx_findings(sample_build):
    assert findings(sample_build, check_pdfx, check_fonts) == []


def ink_of(path: Path) -> list:
    doc = PrintedDocument.open(path)
    try:
        return check_ink(CheckContext.pdf_only(doc))
    finally:
        doc.close()


@pytest.fixture(scope="module")
def sample_ink(sample_build) -> list:
    if shutil.which("gs") is None:
        pytest.skip("Ghostscript (gs) is not installed")
    set_language("en")
    return ink_of(sample_build)


def test_sample_ink_figures_and_no_ink_findings(sample_ink, sample_build):
    assert [f for f in sample_ink if f.severity != "info"] == []
    coverage = [f for f in sample_ink if f.code == "ink-coverage"]
    assert [f.page for f in coverage] == list(range(1, len(pikepdf.open(sample_build).pages) + 1))
    for f in coverage:
        assert 0 < f.data["max_ink"] <= f.data["limit"] == 330  # FOGRA39's usual limit
        assert f.data["profile"] == "FOGRA39L coated" and f.data["profile_from"] == "output intent"
        assert -3 <= f.data["x_mm"] <= 213 and -3 <= f.data["y_mm"] <= 300  # inside the bleed


@needs_gs
def test_sample_body_text_is_100_percent_k_on_the_separations(sample_build, tmp_path):
    """Measured on the plates Ghostscript makes through the output intent, not read from CSS."""
    doc = PrintedDocument.open(sample_build)
    try:
        files = render_separations(sample_build, PROFILE, tmp_path, only="text")
        body = [(n, g) for n, path in files.items() for g in glyph_inks(doc.pages[n - 1], read_pam(path))
                if abs(g.size - 9.25) < 0.05]  # --fs-body
    finally:
        doc.close()
    assert len(body) > 2000
    for number, glyph in body:
        ink = glyph.ink
        assert (ink.c, ink.m, ink.y) == (0, 0, 0) and ink.k > 99, (number, glyph)


def test_marked_sheet_has_no_findings_either(sample_ink, sample_build, tmp_path):
    """On the larger sheet with crop marks (registration colour, all four inks, outside the
    bleed): nothing to report, the same ink figures as the plain file."""
    from brochure.press.marks import add_crop_marks

    marked = broken(sample_build, tmp_path, add_crop_marks)
    measured = ink_of(marked)
    assert [f for f in measured if f.severity != "info"] == []
    assert findings(marked, check_pdfx, check_fonts) == []
    figures = {f.page: f.data["max_ink"] for f in measured if f.code == "ink-coverage"}
    assert figures == {f.page: f.data["max_ink"] for f in sample_ink if f.code == "ink-coverage"}


# --- PDF/X-4 rules, one broken copy each ---------------------------------------------------

def _set_xmp(key: str, value: str | None):
    def change(pdf):
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            if value is None:
                del meta[key]
            else:
                meta[key] = value
    return change


def _del_output_intents(pdf):
    del pdf.Root.OutputIntents


def _two_output_intents(pdf):
    pdf.Root.OutputIntents.append(pdf.Root.OutputIntents[0])


def _srgb_as_output_profile(pdf):
    from importlib.resources import files

    stream = pdf.make_stream((files("weasyprint.pdf") / "sRGB2014.icc").read_bytes())
    stream.N = 3
    pdf.Root.OutputIntents[0].DestOutputProfile = stream


def _truncated_output_profile(pdf):
    stream = pdf.make_stream(PROFILE.read_bytes()[:5000])
    stream.N = 4
    pdf.Root.OutputIntents[0].DestOutputProfile = stream


def _no_identifier(pdf):
    del pdf.Root.OutputIntents[0].OutputConditionIdentifier


def _no_trimbox(pdf):
    del pdf.pages[2].obj.TrimBox


def _trim_and_art(pdf):
    pdf.pages[2].obj.ArtBox = pdf.pages[2].obj.TrimBox


def _trim_outside_bleed(pdf):
    pdf.pages[1].obj.TrimBox = Array([-20, 0, 595.28, 841.89])
    pdf.pages[1].obj.BleedBox = Array([-8.5, -8.5, 603.78, 850.39])


def _info_title(pdf):
    pdf.docinfo.Title = String("Another title")


def _info_moddate(pdf):
    pdf.docinfo.ModDate = String("D:20240101000000Z")


def _javascript(pdf):
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert('hi')"))


def _launch(pdf):
    pdf.Root.OpenAction = Dictionary(S=Name.Launch, F=String("calc.exe"))


def _page_aa(pdf):
    pdf.pages[4].obj.AA = Dictionary(O=Dictionary(S=Name.Named, N=Name.NextPage))


def _comment_on_page(pdf):
    annot = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([100, 100, 120, 120]),
                                         Contents=String("please check")))
    pdf.pages[5].obj.Annots = Array([annot])


def _printer_mark_on_page(pdf):  # allowed: must give no finding
    annot = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.PrinterMark, Rect=Array([100, 100, 120, 120])))
    pdf.pages[5].obj.Annots = Array([annot])


def _form(pdf, content: bytes, resources=None, **keys):
    form = pdf.make_stream(content)
    form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, Array([0, 0, 100, 100])
    form.Resources = resources if resources is not None else Dictionary()
    for key, value in keys.items():
        form[f"/{key}"] = value
    return form


def _rgb_without_default(pdf):
    # A form with resources of its own and no /DefaultRGB: its 'rg' is plain DeviceRGB.
    draw_on(pdf, 3, b"q 1 0 0 1 100 400 cm /Fx Do Q", XObject={"/Fx": _form(pdf, b"0 0 1 rg 0 0 50 50 re f")})


def _bad_icc_image(pdf):
    from importlib.resources import files

    profile = pdf.make_stream((files("weasyprint.pdf") / "sRGB2014.icc").read_bytes())
    profile.N = 4  # an RGB profile declared as four components
    image = pdf.make_stream(b"\x00\x00\x00\xff")
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 1, 1
    image.BitsPerComponent, image.ColorSpace = 8, Array([Name.ICCBased, profile])
    draw_on(pdf, 3, b"q 20 0 0 20 100 400 cm /Ix Do Q", XObject={"/Ix": image})


def _rgb_page_group(pdf):
    pdf.pages[2].obj.Group = Dictionary(Type=Name.Group, S=Name.Transparency, CS=Name.DeviceRGB)


def _opi(pdf):
    page = pdf.pages[1]  # the portrait on page 2 (the only image drawn there)
    [name] = [op.operands[0] for op in pikepdf.parse_content_stream(page) if str(op.operator) == "Do"]
    image = page.obj.Resources.XObject[name]
    image.OPI = Dictionary({"/2.0": Dictionary(Type=Name.OPI, Version=2.0, F=String("photo-hires.tif"))})


def _postscript_xobject(pdf):
    ps = pdf.make_stream(b"% nothing")
    ps.Type, ps.Subtype = Name.XObject, Name.PS
    draw_on(pdf, 3, b"/Px Do", XObject={"/Px": ps})


def _external_stream(pdf):
    image = pdf.make_stream(b"")
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 1, 1
    image.BitsPerComponent, image.ColorSpace, image.F = 8, Name.DeviceGray, String("photo.jpg")
    draw_on(pdf, 3, b"q 20 0 0 20 100 400 cm /Fe Do Q", XObject={"/Fe": image})


RULES = {
    # rule: (change, expected [(code, page)])
    "xmp missing": (lambda pdf: pdf.Root.__delattr__("Metadata"), [("pdfx-xmp", None)]),
    "pdfx version missing": (_set_xmp("pdfxid:GTS_PDFXVersion", None), [("pdfx-version", None)]),
    "pdfx version differs": (lambda pdf: setattr(pdf.docinfo, "GTS_PDFXVersion", String("PDF/X-3:2002")),
                             [("pdfx-version", None)]),
    "title missing": (_set_xmp("dc:title", None), [("pdfx-title", None)]),
    "title differs": (_info_title, [("pdfx-title", None)]),
    "trapped unknown": (_set_xmp("pdf:Trapped", "Unknown"), [("pdfx-trapped", None)]),
    "dates differ": (_info_moddate, [("pdfx-dates", None)]),
    "create date missing": (_set_xmp("xmp:CreateDate", None), [("pdfx-dates", None)]),
    "version id missing": (_set_xmp("xmpMM:VersionID", None), [("pdfx-document-id", None)]),
    "no output intent": (_del_output_intents, [("pdfx-output-intent", None)]),
    "two output intents": (_two_output_intents, [("pdfx-output-intent", None)]),
    "no condition identifier": (_no_identifier, [("pdfx-output-intent", None)]),
    "display profile as output": (_srgb_as_output_profile, [("pdfx-output-profile", None)]),
    "truncated output profile": (_truncated_output_profile, [("pdfx-output-profile", None)]),
    "no trimbox": (_no_trimbox, [("pdfx-trimbox", 3)]),
    "trimbox and artbox": (_trim_and_art, [("pdfx-trimbox", 3)]),
    "trim outside bleed": (_trim_outside_bleed, [("pdfx-box-nesting", 2)]),
    "javascript": (_javascript, [("pdfx-javascript", None)]),
    "launch action": (_launch, [("pdfx-action", None)]),
    "additional actions": (_page_aa, [("pdfx-action", 5)]),
    "comment on the page": (_comment_on_page, [("pdfx-annotation", 6)]),
    "printer mark is allowed": (_printer_mark_on_page, []),
    "rgb without default": (_rgb_without_default, [("pdfx-colour-space", 3)]),
    "broken icc image": (_bad_icc_image, [("pdfx-icc-profile", 3)]),
    "rgb page group": (_rgb_page_group, [("pdfx-group-colour-space", 3)]),
    "opi": (_opi, [("pdfx-opi", 2)]),
    "postscript xobject": (_postscript_xobject, [("pdfx-postscript", 3)]),
    "external stream": (_external_stream, [("pdfx-external-stream", 3)]),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_broken_rule_gives_exactly_its_finding(rule, sample_build, tmp_path):
    change, expected = RULES[rule]
    found = findings(broken(sample_build, tmp_path, change), check_pdfx, check_fonts)
    assert codes(found) == sorted(expected), [f.what() for f in found]
    for f in found:
        assert f.severity == "error" and f.what() and f.todo()


def test_pdf_newer_than_1_6_and_encryption(sample_build, tmp_path):
    newer = broken(sample_build, tmp_path, lambda pdf: None, "newer.pdf", force_version="1.7")
    assert codes(findings(newer)) == [("pdfx-pdf-version", None)]
    locked = broken(sample_build, tmp_path, lambda pdf: None, "locked.pdf",
                    encryption=pikepdf.Encryption(owner="shop", user="", R=4))
    assert codes(findings(locked)) == [("pdfx-encrypted", None)]


def test_findings_name_the_object(sample_build, tmp_path):
    [colour] = findings(broken(sample_build, tmp_path, _rgb_without_default))
    assert "form /Fx" in colour.object and "operator rg" in colour.object
    assert "DeviceRGB" in colour.what() and "DefaultRGB" in colour.what()
    [group] = findings(broken(sample_build, tmp_path, _rgb_page_group, "group.pdf"))
    assert group.object == "transparency group of page" and "DeviceRGB" in group.what()
    [profile] = findings(broken(sample_build, tmp_path, _srgb_as_output_profile, "srgb.pdf"))
    assert "display" in profile.what() and profile.object.startswith("DestOutputProfile")


def test_type3_font_is_refused_in_a_pdf_made_elsewhere(sample_build, tmp_path):
    def type3(pdf):
        font = pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type3, FontBBox=Array([0, 0, 1, 1]), FontMatrix=Array([1, 0, 0, 1, 0, 0]),
            CharProcs=Dictionary(a=pdf.make_stream(b"1 0 0 0 1 1 d1 0 0 1 1 re f")), Encoding=Dictionary(
                Type=Name.Encoding, Differences=Array([97, Name.a])), FirstChar=97, LastChar=97, Widths=Array([1])))
        draw_on(pdf, 3, b"BT /T3 9 Tf 300 400 Td (a) Tj ET", Font={"/T3": font})

    found = findings(broken(sample_build, tmp_path, type3), check_pdfx, check_fonts)
    assert codes(found) == [("font-type3", 3)]


def test_shop_profile_the_pdf_does_not_carry(sample_build):
    """Checked against an expected profile (e.g. --output-intent): the bundled one passes, any
    other is named."""
    assert findings(sample_build, output_profile=bundled_profile()) == []


# --- ink ----------------------------------------------------------------------------------

def _recolour_first_body_block(pdf: pikepdf.Pdf, number: int, colour: bytes) -> None:
    """Replace the first 100 % K fill colour of a page's content by ``colour``."""
    page = pdf.pages[number - 1]
    ops = pikepdf.parse_content_stream(page)
    i = next(i for i, op in enumerate(ops) if str(op.operator) == "scn" and [float(v) for v in op.operands] == [0, 0, 0, 1])
    ops[i:i + 1] = [pikepdf.ContentStreamInstruction(o.operands, o.operator)
                    for o in pikepdf.parse_content_stream(pdf.make_stream(colour))]
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))


RGB_BLACK, RICH_BLACK = b"/DeviceRGB cs 0 0 0 scn", b"0.6 0.4 0.4 1 scn"
TEXT_PAGES = {7: RGB_BLACK, 9: RICH_BLACK}


@pytest.fixture(scope="module")
def ink_defects(sample_build, tmp_path_factory):
    """One copy of the sample with a defect for every ink rule, each on its own page:
    page 3 a 20 mm square of 400 % ink (lower-left corner at 100 pt, 400 pt) and a 0.3 pt RGB
    black line; page 5 the same line in 100 % K (no finding); pages 7 and 9 their first body
    text block in RGB black (four inks after conversion) and rich black."""
    if shutil.which("gs") is None:
        pytest.skip("Ghostscript (gs) is not installed")

    def change(pdf):
        draw_on(pdf, 3, b"q 1 1 1 1 k 100 400 56.69 56.69 re f Q q 0 0 0 RG 0.3 w 100 300 m 300 300 l S Q")
        draw_on(pdf, 5, b"q 0 0 0 1 K 0.3 w 100 300 m 300 300 l S Q")
        for number, colour in TEXT_PAGES.items():
            _recolour_first_body_block(pdf, number, colour)

    path = broken(sample_build, tmp_path_factory.mktemp("ink"), change)
    set_language("en")
    return path, [f for f in ink_of(path) if f.severity != "info"]


def test_ink_defects_give_exactly_their_findings(ink_defects):
    _, found = ink_defects
    assert codes(found) == [("black-line", 3), ("black-text", 7), ("black-text", 9), ("ink-limit", 3)]


def test_total_ink_above_the_limit_is_found_where_it_is(ink_defects):
    [limit] = [f for f in ink_defects[1] if f.code == "ink-limit"]
    assert limit.data["max_ink"] > 395 and limit.data["limit"] == 330
    left, top = 100 / MM, 297 - (400 + 56.69) / MM  # the square, in mm from the trim's top-left
    assert left < limit.data["x_mm"] < left + 20 and top < limit.data["y_mm"] < top + 20
    assert "330 %" in limit.what() and "FOGRA39" in limit.what()


@pytest.mark.parametrize("number", TEXT_PAGES, ids=["rgb-black", "rich-black"])
def test_small_black_text_in_several_inks(number, ink_defects):
    import pdfplumber

    path, found = ink_defects
    with pdfplumber.open(path) as doc:
        changed = "".join(c["text"] for c in doc.pages[number - 1].chars
                          if c["text"].strip() and c["size"] < 12
                          and tuple(c["non_stroking_color"] or ()) in ((0, 0, 0), (0.6, 0.4, 0.4, 1)))
    assert len(changed) > 5
    [text] = [f for f in found if f.code == "black-text" and f.page == number]
    assert text.data["text"] == changed and changed[:10] in text.what()
    ink = text.data["ink"]
    assert ink["k"] > 50 and sum(ink[c] > 3 for c in "cmy") == 3


def test_thin_black_line_in_several_inks(ink_defects):
    [line] = [f for f in ink_defects[1] if f.code == "black-line"]
    assert line.page == 3  # not page 5, where the same line is 100 % K
    assert abs(line.data["x_mm"] - 100 / MM) < 2 and abs(line.data["y_mm"] - (297 - 300 / MM)) < 2
    assert line.data["width_pt"] == 0.3 and "0.30 pt" in line.what()


def test_ink_is_not_measured_without_ghostscript(sample_build, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    code = ("import sys; from brochure.cli import main; sys.exit(main(sys.argv[1:]))")
    proc = subprocess.run([sys.executable, "-c", code, "check", "--pdf", str(sample_build), "--json", "--lang", "en"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "PATH": str(empty)})
    found = json.loads(proc.stdout)
    [skipped] = [f for f in found if f["code"] == "ink-not-measured"]
    assert skipped["severity"] == "warning" and "Ghostscript" in skipped["message"]
    assert [f for f in found if f["severity"] == "error"] == []  # the sample, checked with --pdf
    assert proc.returncode == 0


# --- brochure check --pdf, as a user runs it ----------------------------------------------

def run_check(*args: str) -> subprocess.CompletedProcess:
    code = "import sys; from brochure.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, "check", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@needs_gs
def test_check_pdf_on_a_copy_without_output_intent(sample_build, tmp_path):
    """(The sample itself, checked with --pdf: no error and exit 0 in
    ``test_ink_is_not_measured_without_ghostscript``, no ink finding at the profile's limit in
    ``test_sample_ink_figures_and_no_ink_findings``, and its ink figures as the command reports
    them in ``test_ink_limit_option``.)"""
    copy = broken(sample_build, tmp_path, _del_output_intents)
    proc = run_check("--pdf", str(copy), "--json")  # Japanese by default
    assert proc.returncode == 1
    errors = [f for f in json.loads(proc.stdout) if f["severity"] == "error"]
    assert [e["code"] for e in errors] == ["pdfx-output-intent"]
    assert "出力インテントがありません" in errors[0]["message"] and errors[0]["hint"]


@needs_gs
def test_ink_limit_option(sample_build):
    """``check --pdf`` on the sample: an ink figure for every page, and nothing else to fix;
    the navy of the design is 228 % total ink: under a limit of 220 % every page that has it is
    an error, with the limit named as the one set."""
    proc = run_check("--pdf", str(sample_build), "--json", "--ink-limit", "220", "--lang", "en")
    assert proc.returncode == 1
    found = json.loads(proc.stdout)
    assert [f for f in found if f["severity"] == "error" and f["code"] != "ink-limit"] == []
    pages = [f["page"] for f in found if f["code"] == "ink-coverage"]
    assert pages == list(range(1, len(pages) + 1)) and len(pages) >= 12
    assert all(isinstance(f["data"]["max_ink"], float) for f in found if f["code"] == "ink-coverage")
    coverage = {f["page"]: f["data"]["max_ink"] for f in found if f["code"] == "ink-coverage"}
    over = sorted(f["page"] for f in found if f["code"] == "ink-limit")
    assert over == sorted(p for p, v in coverage.items() if v > 220) and len(over) >= 4
    assert all("220 % (as set)" in f["message"] for f in found if f["code"] == "ink-limit")
    bad = run_check("--pdf", str(sample_build), "--ink-limit", "900")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_check_pdf_refuses_what_is_not_a_pdf(tmp_path):
    junk = tmp_path / "notes.pdf"
    junk.write_text("not a pdf", encoding="utf-8")
    proc = run_check("--pdf", str(junk), "--lang", "en")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert str(junk) in proc.stderr and "cannot read the file as a PDF" in proc.stderr


def test_max_coverage_is_the_highest_square_mean_of_the_four_plates():
    """The sliding-window figure of ``ink-coverage``, against a plain loop over every square,
    on random plates (pixels up to 100 % on every plate: 400 % total) and awkward regions."""
    import numpy as np

    from brochure.check.ink import max_coverage

    rng = np.random.default_rng(7)
    for shape, region, n in [((40, 50), (0, 0, 40, 50), 5), ((33, 27), (3, 4, 30, 25), 7),
                             ((20, 20), (2, 2, 6, 20), 8), ((16, 9), (0, 0, 16, 9), 1)]:
        plates = rng.integers(0, 256, size=(*shape, 4), dtype=np.uint8)
        plates[5:9, 5:9] = 255  # a patch at the limit of every plate
        top, left, bottom, right = region
        total = plates[top:bottom, left:right].astype(np.int64).sum(axis=2)
        side = max(1, min(n, *total.shape))
        best = max((total[r:r + side, c:c + side].sum(), r, c)
                   for r in range(total.shape[0] - side + 1) for c in range(total.shape[1] - side + 1))
        percent, row, col = max_coverage(plates, n, region)
        assert percent == pytest.approx(best[0] / (side * side) / 255 * 100)
        assert (row, col) == (top + best[1] + side // 2, left + best[2] + side // 2) or \
            total[row - top - side // 2:row - top - side // 2 + side,
                  col - left - side // 2:col - left - side // 2 + side].sum() == best[0]  # a tie
