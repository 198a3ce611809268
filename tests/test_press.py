"""What the print shop receives: geometry and bleed, Japanese crop marks, PDF/X-4, imposition.

Inspects real PDFs: the session's sample build (print edition, PDF/X-4, no marks), one
``make_pdf.py --marks`` build through the command line, and imposed booklets made from them.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import pdf_text_pages, run_cli, squeeze, tool

from brochure.press.impose import saddle_stitch_order
from brochure.press.pdfx import PROFILE

MM = 72 / 25.4
A4_MM = (210.0, 297.0)
A3_LANDSCAPE_PT = (420 * MM, 297 * MM)


# --- helpers -------------------------------------------------------------------------------

def pdfinfo_boxes(path: Path) -> list[dict[str, tuple[float, ...]]]:
    """Per page {"MediaBox": (x0, y0, x1, y1), ...} as printed by poppler's ``pdfinfo -box``."""
    out = subprocess.run([tool("pdfinfo"), "-box", "-f", "1", "-l", "999", str(path)],
                         capture_output=True, text=True, check=True).stdout
    pages: dict[int, dict] = {}
    for number, box, values in re.findall(r"^Page\s+(\d+) (\w+Box):\s+(.*)$", out, re.MULTILINE):
        pages.setdefault(int(number), {})[box] = tuple(float(v) for v in values.split())
    return [pages[n] for n in sorted(pages)]


def size_mm(box) -> tuple[float, float]:
    return (round((box[2] - box[0]) / MM, 1), round((box[3] - box[1]) / MM, 1))


def grown(box, by: float) -> tuple[float, ...]:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def close(a, b, tol=0.03) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def render(path: Path, index: int, px_per_mm: float, crop=(0, 0, 0, 0)):
    """Greyscale render of the page's CropBox (= the sheet) at ``px_per_mm``."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[index].render(scale=px_per_mm / MM, crop=crop).to_pil().convert("L")
    finally:
        pdf.close()


def cli(*args: str) -> tuple[int, str, str]:
    """``brochure ARGS`` in this process (no second WeasyPrint import): status, stdout, stderr."""
    from brochure.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def marks_build(sample_build, tmp_path_factory) -> Path:
    """The print edition with crop marks, built as a user would: ``make_pdf.py --marks``."""
    out = tmp_path_factory.mktemp("marks-build")
    # The sample build's fitted photos are in the shared cache (conftest): reused.
    result = run_cli("--edition", "print", "--marks", "--out", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr
    path = out / "brochure-print.pdf"
    assert f"wrote {path}" in result.stdout
    return path


@pytest.fixture(scope="module")
def imposed(sample_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("imposed")
    status, _, err = cli("impose", "--out", str(out), str(sample_build))
    assert status == 0, err
    return out / "brochure-print-imposed.pdf"


# --- 1. print edition geometry ------------------------------------------------------------

def test_print_edition_is_a4_trim_with_3mm_bleed_and_no_marks(sample_build):
    for boxes in pdfinfo_boxes(sample_build):
        assert size_mm(boxes["TrimBox"]) == A4_MM
        assert close(boxes["BleedBox"], grown(boxes["TrimBox"], 3 * MM))
        assert close(boxes["MediaBox"], boxes["BleedBox"])  # no sheet beyond the bleed


def _page_with(path: Path, text: str) -> list[int]:
    return [i for i, t in enumerate(pdf_text_pages(path)) if text in squeeze(t)]


def test_full_bleed_art_covers_the_bleed_to_its_outer_edge(sample_build):
    """Cover, back cover and interview portraits really print into the 3 mm bleed."""
    px = 4  # per mm; the rendered page is the MediaBox = BleedBox (216 x 303 mm)
    pages = len(pdf_text_pages(sample_build))
    interviews = _page_with(sample_build, "Interview")
    assert len(interviews) == 2

    def edges(index):
        """Per side: (share of the outermost bleed line that is inked, share of the art
        touching the trim from inside that does not continue to the bleed's outer edge)."""
        image = render(sample_build, index, px)
        w, h = image.size
        b = 3 * px  # the trim, in pixels from the edge of the render
        lines = {"top": [((x, 0), (x, b + 1)) for x in range(w)],
                 "bottom": [((x, h - 1), (x, h - b - 2)) for x in range(w)],
                 "left": [((0, y), (b + 1, y)) for y in range(h)],
                 "right": [((w - 1, y), (w - b - 2, y)) for y in range(h)]}
        result = {}
        for side, pairs in lines.items():
            outer = [image.getpixel(o) < 245 for o, _ in pairs]
            inner = [image.getpixel(i) < 245 for _, i in pairs]
            cut = sum(1 for o, i in zip(outer, inner) if i and not o)
            result[side] = (sum(outer) / len(outer), cut / max(1, sum(inner)))
        return result

    for index in (0, pages - 1):  # covers: every side inked out to the bleed's edge
        for side, (outer, cut) in edges(index).items():
            assert outer > 0.99 and cut < 0.01, (index + 1, side, outer, cut)
    # Interview portraits bleed off the top; variant a also off the outer edge.
    for index in interviews:
        e = edges(index)
        assert e["top"][0] > 0.4, (index + 1, e)  # the portrait is 111 of 216 mm wide
        assert all(cut < 0.01 for _, cut in e.values()), (index + 1, e)
    e = edges(interviews[0])
    assert e["left"][0] > 0.4, e  # 139 of 303 mm tall, on the outer edge of a left page
    # Every page: whatever touches the trim continues to the bleed's outer edge.
    for index in range(1, pages - 1):
        assert all(cut < 0.01 for _, cut in edges(index).values()), index + 1


def test_all_text_stays_5mm_inside_the_trim(sample_build):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(sample_build))
    try:
        worst = []
        for i in range(len(pdf)):
            page = pdf[i]
            x0, y0, x1, y1 = page.get_trimbox()
            text = page.get_textpage()
            for k in range(text.count_chars()):
                if text.get_text_range(k, 1).isspace():
                    continue
                left, bottom, right, top = text.get_charbox(k)
                worst.append((min(left - x0, x1 - right, bottom - y0, y1 - top) / MM, i + 1,
                              text.get_text_range(k, 1)))
    finally:
        pdf.close()
    assert len(worst) > 1000
    assert min(worst)[0] >= 5, min(worst)


# --- 2. crop marks ------------------------------------------------------------------------

def test_marks_sheet_boxes(marks_build, sample_build):
    plain = pdfinfo_boxes(sample_build)
    marked = pdfinfo_boxes(marks_build)
    assert len(marked) == len(plain)
    for boxes in marked:
        media, bleed, trim = boxes["MediaBox"], boxes["BleedBox"], boxes["TrimBox"]
        assert size_mm(trim) == A4_MM
        assert close(bleed, grown(trim, 3 * MM))
        # The sheet is larger than the bleed by 12 mm on every side, origin at 0, 0.
        assert close(media[:2], (0, 0))
        assert close(bleed[:2], (12 * MM, 12 * MM))
        assert close(media[2:], (bleed[2] + 12 * MM, bleed[3] + 12 * MM))
        assert close(boxes["CropBox"], media)


def test_marks_add_only_opaque_vector_lines_in_registration_colour(marks_build, sample_build):
    with pikepdf.open(sample_build) as plain, pikepdf.open(marks_build) as pdf:
        def images(p):
            return sum(1 for o in p.objects
                       if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image")

        assert images(pdf) == images(plain)  # nothing rasterised, no image added
        for page in pdf.pages:
            ops = pikepdf.parse_content_stream(page)
            # Two top-level q…Q groups: the page's content (moved, clipped), then the marks.
            depth, groups = 0, []
            for i, (_, op) in enumerate(ops):
                if str(op) == "q" and depth == 0:
                    groups.append([i, None])
                depth += {"q": 1, "Q": -1}.get(str(op), 0)
                if str(op) == "Q" and depth == 0:
                    groups[-1][1] = i
            assert len(groups) == 2 and groups[0][0] == 0 and groups[1][1] == len(ops) - 1
            marks = ops[groups[1][0]:]
            used = {str(op) for _, op in marks}
            assert used <= {"q", "Q", "gs", "CS", "SCN", "w", "J", "j", "d", "m", "l", "S"}, used
            assert {"m", "l", "S"} <= used
            [(cs_operands, _)] = [(o, op) for o, op in marks if str(op) == "CS"]
            space = page.Resources.ColorSpace[cs_operands[0]]
            assert list(space)[:3] == [pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK]
            [(sc, _)] = [(o, op) for o, op in marks if str(op) == "SCN"]
            assert float(sc[0]) == 1  # full tint: prints on every plate
            [(width, _)] = [(o, op) for o, op in marks if str(op) == "w"]
            assert 0.2 <= float(width[0]) <= 0.3  # hairline, ~0.1 mm
            [(gs, _)] = [(o, op) for o, op in marks if str(op) == "gs"]
            state = page.Resources.ExtGState[gs[0]]
            assert float(state.CA) == 1 and float(state.ca) == 1
            assert state.get("/SMask", pikepdf.Name("/None")) == pikepdf.Name("/None")
            assert state.get("/BM", pikepdf.Name.Normal) == pikepdf.Name.Normal


def test_marks_look_like_japanese_tombo_at_600_dpi(marks_build):
    """A 600-dpi render of the top-left corner and the top centre of a text page."""
    px = 600 / 25.4  # per mm
    # Page 2 has no art in its bleed, so only marks can be dark there. Crop: left 20 mm,
    # top 20 mm of the sheet (trim corner at 15, 15 mm; bleed corner at 12, 12 mm).
    corner = render(marks_build, 1, px, crop=(0, 307 * MM, 220 * MM, 0))

    def dark(x_mm, y_mm):
        x, y = round(x_mm * px), round(y_mm * px)
        return min(corner.getpixel((x + dx, y + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)) < 128

    for t in (2, 5, 8.5):  # along each mark, t mm from the sheet edge
        assert dark(t, 12) and dark(t, 15)  # horizontal bleed and trim lines
        assert dark(12, t) and dark(15, t)  # vertical bleed and trim lines
    assert not dark(1, 12) and not dark(12, 1)  # lines stop 2 mm before the sheet edge
    # Nothing enters the bleed or the page: the L's corner is on the bleed corner.
    for x, y in ((13.5, 13.5), (13.5, 8), (8, 13.5), (16, 16), (14, 14), (12.5, 17), (17, 12.5)):
        assert not dark(x, y), (x, y)
    assert dark(12, 12)
    # Centre mark (十字) above the middle of the page: x = 120 mm on the sheet.
    top = render(marks_build, 1, px, crop=(105 * MM, 307 * MM, 105 * MM, 0))

    def centre(x_mm, y_mm):
        return top.getpixel((round(x_mm * px), round(y_mm * px))) < 128

    assert centre(15, 3) and centre(15, 10) and not centre(15, 13.5)  # along the centre line
    assert centre(9, 7) and centre(21, 7) and not centre(9, 4)  # the cross bar


def test_marks_keep_content_and_bookmarks_in_place(marks_build, sample_build):
    assert [squeeze(t) for t in pdf_text_pages(marks_build)] == \
        [squeeze(t) for t in pdf_text_pages(sample_build)]

    def bookmarks(path):
        with pikepdf.open(path) as pdf:
            pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
            return [(str(title), pages[dest[0].objgen], float(dest[2]), float(dest[3]))
                    for title, dest in _outline_dests(pdf.Root.Outlines)]

    plain, marked = bookmarks(sample_build), bookmarks(marks_build)
    assert len(plain) >= 9
    shift = 15 * MM  # trim origin: 0 -> 15 mm on the sheet
    for (title, page, x, y), (title_m, page_m, x_m, y_m) in zip(plain, marked, strict=True):
        assert (title, page) == (title_m, page_m)
        assert close((x + shift, y + shift), (x_m, y_m), 0.01), title


def _outline_dests(outline):
    item = outline.get("/First")
    while item is not None:
        if "/Dest" in item:
            yield item.Title, item.Dest
        yield from _outline_dests(item)
        item = item.get("/Next")


# --- 3. PDF/X-4 ---------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["plain", "marks"])
def test_fonts_embedded_no_type3_and_qpdf_clean(which, sample_build, marks_build):
    path = sample_build if which == "plain" else marks_build
    fonts = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows
    for row in rows:
        assert "Type 3" not in row
        assert re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row).group(1) == "yes", row
    check = subprocess.run([tool("qpdf"), "--check", str(path)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout


@pytest.mark.parametrize("which", ["plain", "marks"])
def test_pdfx4_output_intent_and_identification(which, sample_build, marks_build):
    path = sample_build if which == "plain" else marks_build
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == "1.6"
        [intent] = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFX
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4
        data = profile.read_bytes()
        assert data == PROFILE.read_bytes()
        assert data[16:20] == b"CMYK" and data[12:16] == b"prtr"  # ICC header: output, CMYK
        assert str(intent.OutputConditionIdentifier)
        assert pdf.docinfo.GTS_PDFXVersion == "PDF/X-4"
        assert pdf.docinfo.Trapped == pikepdf.Name("/False")
        meta = pdf.open_metadata()
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert meta["dc:title"] == str(pdf.docinfo.Title)
        assert "/ID" in pdf.trailer
        for page in pdf.pages:
            assert "/TrimBox" in page.obj and "/ArtBox" not in page.obj
            # PDF/X: no annotation on the page but TrapNet and PrinterMark (links are dropped).
            assert not [a for a in page.obj.get("/Annots", [])
                        if a.get("/Subtype") not in ("/TrapNet", "/PrinterMark")]
        # No untagged RGB under the CMYK intent: in any object, and in the direct dictionaries
        # inside them (a page's /Group, a resource dictionary's /Shading entries).
        assert _device_rgb_uses(pdf) == []
        assert all("/DefaultRGB" in page.Resources.ColorSpace for page in pdf.pages)


def _device_rgb_uses(pdf: pikepdf.Pdf) -> list[str]:
    """Where /ColorSpace or /CS is /DeviceRGB: every indirect object, walked recursively through
    its direct dictionaries and arrays (indirect references are visited as objects of their own)."""
    found = []

    def walk(obj, where: str) -> None:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            for key in obj.keys():
                value = obj.get(key)
                if key in ("/ColorSpace", "/CS") and value == pikepdf.Name.DeviceRGB:
                    found.append(f"{where}{key}")
                if isinstance(value, (pikepdf.Dictionary, pikepdf.Array)) and not value.is_indirect:
                    walk(value, f"{where}{key}")
        elif isinstance(obj, pikepdf.Array):
            for i, item in enumerate(obj):
                if isinstance(item, (pikepdf.Dictionary, pikepdf.Array)) and not item.is_indirect:
                    walk(item, f"{where}[{i}]")

    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
            walk(obj, f"{obj.objgen}")
    return found


def test_ghostscript_keeps_text_and_fonts(marks_build, tmp_path):
    """gs pdfwrite must not rasterise pages (it does when it meets unsupported transparency)."""
    out = tmp_path / "gs.pdf"
    subprocess.run([tool("gs"), "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                    f"-sOutputFile={out}", str(marks_build)], check=True, capture_output=True,
                   timeout=240)
    text = subprocess.run([tool("pdftotext"), str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "新しい東京を創るデジタル人材大募集" in squeeze(text)
    assert len(squeeze(text)) > 0.95 * len(squeeze("".join(pdf_text_pages(marks_build))))
    fonts = subprocess.run([tool("pdffonts"), str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert len(fonts) >= 4 and not any("Type 3" in f for f in fonts)

    def count(p):
        return len(subprocess.run([tool("pdfimages"), "-list", str(p)], capture_output=True, text=True,
                                  check=True).stdout.splitlines())

    assert count(out) == count(marks_build)  # no page turned into an image


# --- 4. imposition ------------------------------------------------------------------------

def test_saddle_stitch_order():
    assert saddle_stitch_order(12) == [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]
    assert saddle_stitch_order(4) == [(4, 1), (2, 3)]
    with pytest.raises(ValueError):
        saddle_stitch_order(6)


def _halves_text(path: Path) -> list[tuple[str, str]]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        halves = []
        for i in range(len(pdf)):
            page, text = pdf[i], pdf[i].get_textpage()
            w, h = page.get_size()
            halves.append((squeeze(text.get_text_bounded(0, 0, w / 2, h)),
                           squeeze(text.get_text_bounded(w / 2, 0, w, h))))
        return halves
    finally:
        pdf.close()


def _char_boxes(path: Path) -> list[tuple]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        boxes = []
        for i in range(len(pdf)):
            text = pdf[i].get_textpage()
            boxes += [(i, text.get_text_range(k, 1), *text.get_charbox(k))
                      for k in range(text.count_chars())]
        return [(f"{b[0]}:{b[1]}", *b[2:]) for b in boxes]
    finally:
        pdf.close()


def test_imposed_booklet_is_a3_landscape_in_saddle_stitch_order(imposed, sample_build):
    pages = [squeeze(t) for t in pdf_text_pages(sample_build)]
    boxes = pdfinfo_boxes(imposed)
    assert len(boxes) == len(pages) // 2
    for b in boxes:
        assert close(b["MediaBox"], (0, 0, *A3_LANDSCAPE_PT), 0.05)
    found = []
    for left, right in _halves_text(imposed):
        found.append(tuple(pages.index(t) + 1 if t in pages else None for t in (left, right)))
    assert found == [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]
    check = subprocess.run([tool("qpdf"), "--check", str(imposed)], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0


def test_imposing_the_marked_pdf_places_pages_by_trim(marks_build, imposed, tmp_path):
    """Marks and bleed stay off the office print: same sheets as from the plain PDF."""
    status, stdout, err = cli("impose", "--out", str(tmp_path), str(marks_build))
    assert status == 0, err
    assert "brochure-print-imposed.pdf" in stdout
    assert _halves_text(tmp_path / "brochure-print-imposed.pdf") == _halves_text(imposed)
    # Every character at the same place on the sheet (to 0.05 pt).
    marked, plain = _char_boxes(tmp_path / "brochure-print-imposed.pdf"), _char_boxes(imposed)
    assert len(marked) == len(plain) > 1000
    assert all(a[0] == b[0] and close(a[1:], b[1:], 0.05) for a, b in zip(marked, plain))


def test_impose_refuses_a_page_count_not_divisible_by_4(sample_build, tmp_path):
    thirteen = tmp_path / "thirteen.pdf"
    with pikepdf.open(sample_build) as pdf:
        pdf.pages.append(pdf.pages[1])
        pdf.save(thirteen)
    out = tmp_path / "out"
    status, _, err = cli("impose", "--out", str(out), str(thirteen), "--lang", "en")
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert "13 pages" in lines[0] and "multiple of 4" in lines[0] and "add 3" in lines[0]
    status, _, err = cli("impose", "--out", str(out), str(thirteen))  # Japanese by default
    [line] = err.strip().splitlines()
    assert status == 2 and "13 ページ" in line and "4 の倍数" in line and "3 ページ足す" in line
    assert not (out / "brochure-print-imposed.pdf").exists()
