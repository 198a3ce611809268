"""Booklet imposition for an office printer: A4 pages two-up on A3 landscape sheets (an A5
booklet's pages on A4 landscape sheets).

Saddle stitching folds a stack of sheets once; for n pages the outermost sheet carries
n|1 on its front and 2|n-1 on its back, and so on inwards (12 pages: 12|1, 2|11, 10|3, 4|9,
8|5, 6|7). Each page is placed by its TrimBox, centred in its half and clipped to the trim,
so bleed and crop marks of the print edition never reach the office print. Printing the
result duplex with "flip on short edge" gives a booklet that only needs folding and
stapling.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..errors import BrochureError
from ..messages import msg

MM = 72 / 25.4
A3_LANDSCAPE = (420 * MM, 297 * MM)
A4_LANDSCAPE = (297 * MM, 210 * MM)


def sheet_name(data: bytes) -> str:
    """The name of the sheet an imposed PDF is on ("A4", "A3")."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        w = float(pdf.pages[0].mediabox[2]) if len(pdf.pages) else A3_LANDSCAPE[0]
    return "A4" if abs(w - A4_LANDSCAPE[0]) < 1 else "A3" if abs(w - A3_LANDSCAPE[0]) < 1 else f"{w / MM:.0f} mm"


def sheet_for(trim_w: float, trim_h: float) -> tuple[float, float]:
    """The smallest of the office sheets (A4, A3 landscape) that holds two trimmed pages."""
    for sheet_w, sheet_h in (A4_LANDSCAPE, A3_LANDSCAPE):
        if 2 * trim_w <= sheet_w + 0.5 and trim_h <= sheet_h + 0.5:
            return sheet_w, sheet_h
    return 2 * trim_w, trim_h


class ImposeError(BrochureError):
    """The PDF cannot be made into a saddle-stitched booklet."""


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers of each sheet side, front then back, outermost sheet first."""
    if pages <= 0 or pages % 4:
        raise ValueError(pages)
    sides = []
    low, high = 1, pages
    while low < high:
        sides.append((high, low))  # front: last page left, first page right
        sides.append((low + 1, high - 1))  # back
        low, high = low + 2, high - 2
    return sides


def _trim(page: pikepdf.Page) -> list[float]:
    return [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]


def impose_booklet(data: bytes, name: str = "the PDF") -> bytes:
    """Impose ``data`` (a PDF) two-up in saddle-stitch order; raises :class:`ImposeError`."""
    try:
        source = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        raise ImposeError(msg("impose.not_pdf", name=name)) from None
    with source, pikepdf.new() as sheets:
        count = len(source.pages)
        if count == 0 or count % 4:
            raise ImposeError(msg("impose.page_count", name=name, count=count, add=-count % 4 or 4,
                                  remove=count % 4))
        forms = [sheets.copy_foreign(page.as_form_xobject()) for page in source.pages]
        trims = [_trim(page) for page in source.pages]
        sheet_w, sheet_h = sheet_for(max(t[2] - t[0] for t in trims), max(t[3] - t[1] for t in trims))
        half = sheet_w / 2
        for left, right in saddle_stitch_order(count):
            xobjects, ops = Dictionary(), []
            for slot, number in enumerate((left, right)):
                x0, y0, x1, y1 = trims[number - 1]
                w, h = x1 - x0, y1 - y0
                # Centre the trim in its half; clip to the trim (no bleed, no marks).
                ox, oy = slot * half + (half - w) / 2, (sheet_h - h) / 2
                key = Name(f"/P{number}")
                xobjects[key] = forms[number - 1]
                ops.append(f"q {ox:.4f} {oy:.4f} {w:.4f} {h:.4f} re W n "
                           f"1 0 0 1 {ox - x0:.4f} {oy - y0:.4f} cm {key} Do Q")
            box = Array([0, 0, sheet_w, sheet_h])
            page = Dictionary(Type=Name.Page, MediaBox=box, TrimBox=box,
                              Resources=Dictionary(XObject=xobjects),
                              Contents=sheets.make_stream("\n".join(ops).encode()))
            sheets.pages.append(pikepdf.Page(page))
        out = io.BytesIO()
        sheets.save(out, deterministic_id=True)
        return out.getvalue()
