"""Japanese-style crop marks (トンボ) on an enlarged sheet around each page's bleed.

WeasyPrint's ``marks: crop`` draws western marks inside the bleed with transparency, which a
Japanese print shop cannot use. Here each page is moved onto a sheet ``SLUG`` larger than
its BleedBox on every side, its content unchanged (translated, clipped to the bleed), and the
marks are drawn outside the bleed as thin vector lines in registration colour
(``/Separation /All``), opaque and with normal blending:

- corner marks (角トンボ), double: an L whose corner sits on the bleed corner (外トンボ,
  裁ち落とし線) and, parallel to its two arms, the trim lines (内トンボ, 仕上がり線), which
  start at the bleed and run outwards, so no line ever reaches into the printed area;
- centre marks (センタートンボ): a cross (十字) outside the middle of each side.

Boxes on the new sheet: MediaBox = CropBox = the sheet, BleedBox = trim + bleed, TrimBox =
the A4 trim. Link rectangles and outline destinations are moved with the content.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name

MM = 72 / 25.4
SLUG = 12 * MM  # sheet beyond the bleed on every side
MARK = 10 * MM  # length of every mark line, from the bleed line outwards
CROSS = 7.5 * MM  # half length of a centre mark's bar parallel to the edge
LINE_WIDTH = 0.25  # pt (≈ 0.09 mm): the usual hairline of printed トンボ

REG_SPACE = Name("/BrochureRegistration")
MARKS_STATE = Name("/BrochureMarksState")


def _box(page: pikepdf.Page, key: str) -> list[float]:
    return [float(v) for v in page.obj.get(key, page.mediabox)]


def _registration(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """Registration colour: tint 1 prints on every plate (C = M = Y = K = 100 %)."""
    tint = Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([0, 0, 0, 0]),
                      C1=Array([1, 1, 1, 1]), N=1)
    return pdf.make_indirect(Array([Name.Separation, Name.All, Name.DeviceCMYK, tint]))


def _opaque_state(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return pdf.make_indirect(Dictionary(Type=Name.ExtGState, CA=1, ca=1, BM=Name.Normal,
                                        SMask=Name("/None"), OP=False, op=False))


def mark_lines(trim: list[float], bleed: float) -> list[list[tuple[float, float]]]:
    """Polylines of the marks for a trim box ``[x0, y0, x1, y1]`` (sheet coordinates)."""
    x0, y0, x1, y1 = trim
    b, m = bleed, MARK
    lines = []
    for cx, sx in ((x0, -1), (x1, 1)):
        for cy, sy in ((y0, -1), (y1, 1)):
            # Outer L: corner on the bleed corner, arms outwards along the bleed lines.
            lines.append([(cx + sx * (b + m), cy + sy * b), (cx + sx * b, cy + sy * b),
                          (cx + sx * b, cy + sy * (b + m))])
            # Inner marks: the trim lines, from the bleed line outwards.
            lines.append([(cx + sx * b, cy), (cx + sx * (b + m), cy)])
            lines.append([(cx, cy + sy * b), (cx, cy + sy * (b + m))])
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    for y, s in ((y0, -1), (y1, 1)):  # bottom and top centre
        lines.append([(mx, y + s * b), (mx, y + s * (b + m))])
        lines.append([(mx - CROSS, y + s * (b + m / 2)), (mx + CROSS, y + s * (b + m / 2))])
    for x, s in ((x0, -1), (x1, 1)):  # left and right centre
        lines.append([(x + s * b, my), (x + s * (b + m), my)])
        lines.append([(x + s * (b + m / 2), my - CROSS), (x + s * (b + m / 2), my + CROSS)])
    return lines


def _marks_stream(trim: list[float], bleed: float) -> bytes:
    ops = [f"q {MARKS_STATE} gs {REG_SPACE} CS 1 SCN {LINE_WIDTH} w 0 J 0 j [] 0 d"]
    for line in mark_lines(trim, bleed):
        (x, y), *rest = line
        ops.append(f"{x:.3f} {y:.3f} m " + " ".join(f"{u:.3f} {v:.3f} l" for u, v in rest))
    ops.append("S Q")
    return "\n".join(ops).encode()


def _shift_rect(rect, dx: float, dy: float) -> Array:
    return Array([float(v) + (dx if i % 2 == 0 else dy) for i, v in enumerate(rect)])


def _shift_dest(dest, dx: float, dy: float) -> None:
    """Move an explicit destination ``[page /XYZ left top zoom]`` (and the /Fit* forms)."""
    if not isinstance(dest, pikepdf.Array) or len(dest) < 2:
        return
    kind = str(dest[1])
    offsets = {"/XYZ": (dx, dy), "/FitH": (dy,), "/FitBH": (dy,), "/FitV": (dx,),
               "/FitBV": (dx,), "/FitR": (dx, dy, dx, dy)}.get(kind, ())
    for i, offset in enumerate(offsets, start=2):
        try:
            dest[i] = float(dest[i]) + offset
        except (IndexError, TypeError, ValueError):  # missing or null: "keep the current value"
            pass


def _destinations(pdf: pikepdf.Pdf):
    def name_tree(node):
        names = node.get("/Names")
        if names is not None:
            for i in range(1, len(names), 2):
                yield names[i].get("/D") if isinstance(names[i], pikepdf.Dictionary) else names[i]
        for kid in node.get("/Kids", []):
            yield from name_tree(kid)

    names = pdf.Root.get("/Names")
    if names is not None and "/Dests" in names:
        yield from name_tree(names.Dests)
    outline = pdf.Root.get("/Outlines")
    stack = [outline.get("/First")] if outline is not None else []
    while stack:
        item = stack.pop()
        if item is None:
            continue
        yield item.get("/Dest")
        if "/A" in item:
            yield item.A.get("/D")
        stack += [item.get("/First"), item.get("/Next")]
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            yield annot.get("/Dest")
            if "/A" in annot:
                yield annot.A.get("/D")


def add_crop_marks(pdf: pikepdf.Pdf) -> None:
    """Put every page on an enlarged sheet with Japanese crop marks (in place)."""
    registration, state = _registration(pdf), _opaque_state(pdf)
    shifts = set()
    for page in pdf.pages:
        trim, bleed_box = _box(page, "/TrimBox"), _box(page, "/BleedBox")
        bleed = trim[0] - bleed_box[0]
        dx, dy = SLUG - bleed_box[0], SLUG - bleed_box[1]
        shifts.add((round(dx, 3), round(dy, 3)))
        width = bleed_box[2] - bleed_box[0] + 2 * SLUG
        height = bleed_box[3] - bleed_box[1] + 2 * SLUG
        bx, by = bleed_box[0], bleed_box[1]
        bw, bh = bleed_box[2] - bx, bleed_box[3] - by
        # Content: moved onto the sheet and clipped to its bleed, so nothing beyond the
        # bleed (overflowing art) appears among the marks.
        page.contents_add(f"q 1 0 0 1 {dx:.4f} {dy:.4f} cm {bx:.4f} {by:.4f} {bw:.4f} {bh:.4f} re W n\n"
                          .encode(), prepend=True)
        new_trim = [trim[0] + dx, trim[1] + dy, trim[2] + dx, trim[3] + dy]
        page.contents_add(b"\nQ\n" + _marks_stream(new_trim, bleed))
        resources = page.obj.Resources
        for key in ("/ColorSpace", "/ExtGState"):
            if key not in resources:
                resources[key] = Dictionary()
        resources.ColorSpace[REG_SPACE] = registration
        resources.ExtGState[MARKS_STATE] = state
        sheet = Array([0, 0, width, height])
        page.obj.MediaBox = sheet
        page.obj.CropBox = sheet
        page.obj.BleedBox = _shift_rect(bleed_box, dx, dy)
        page.obj.TrimBox = Array(new_trim)
        if "/ArtBox" in page.obj:
            del page.obj.ArtBox  # PDF/X: TrimBox, not both
        for annot in page.obj.get("/Annots", []):
            annot.Rect = _shift_rect(annot.Rect, dx, dy)
            if "/QuadPoints" in annot:
                annot.QuadPoints = _shift_rect(annot.QuadPoints, dx, dy)
    # Destinations are shared between pages; all pages of the brochure have one geometry.
    if len(shifts) == 1:
        (dx, dy), = shifts
        moved = set()
        for dest in _destinations(pdf):
            if isinstance(dest, pikepdf.Array) and dest.is_indirect:
                if dest.objgen in moved:
                    continue
                moved.add(dest.objgen)
            _shift_dest(dest, dx, dy)
