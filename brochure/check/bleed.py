"""Missing bleed: art that reaches the trim edge must go on into the 3 mm bleed, or a thin
white line shows wherever the cut is a little off.

Each page is rendered over its whole MediaBox (pdfium, 150 dpi, the render the QR check
reads too: :mod:`.pixels`). Along each edge, two bands
are sampled millimetre by millimetre: one just inside the trim (0.3–1.3 mm) and one in the
outer part of the bleed (1.5–2.5 mm beyond the trim). Wherever the inner band is painted
and the outer band is blank paper, the art stops at the trim. Glyph boxes are blanked out
first: text is not art (text near the edge is reported by the margin check).
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from .context import CheckContext
from .document import MM
from ..messages import msg, phrase
from .findings import ERROR, Finding
from .pixels import SCALE, RenderedPage, rendered_pages

EDGES = {"top": "edge.top", "bottom": "edge.bottom", "left": "edge.left", "right": "edge.right"}
PAPER = 250  # grey level above which a pixel is blank paper
MIN_GAP_MM = 2  # ignore less than this many millimetres of unbled art along an edge
INNER = (0.3, 1.3)  # mm inside the trim
OUTER = (1.5, 2.5)  # mm outside the trim


def _painted_profile(mask: Image.Image, box: tuple[float, float, float, float], along_x: bool) -> list[bool]:
    """Per millimetre along a band: is most of it painted?"""
    x0, y0, x1, y1 = (round(v) for v in box)
    band = mask.crop((x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)))
    length_mm = max(round((x1 - x0 if along_x else y1 - y0) / (SCALE * MM)), 1)
    size = (length_mm, 1) if along_x else (1, length_mm)
    values = list(band.resize(size, Image.Resampling.BOX).get_flattened_data())
    return [v > 127 for v in values]


def _edges(trim_px: tuple[float, float, float, float]):
    """(edge name, inner band box, outer band box, along x) in pixels."""
    left, top, right, bottom = trim_px
    i0, i1 = (v * SCALE * MM for v in INNER)
    o0, o1 = (v * SCALE * MM for v in OUTER)
    yield "top", (left, top + i0, right, top + i1), (left, top - o1, right, top - o0), True
    yield "bottom", (left, bottom - i1, right, bottom - i0), (left, bottom + o0, right, bottom + o1), True
    yield "left", (left + i0, top, left + i1, bottom), (left - o1, top, left - o0, bottom), False
    yield "right", (right - i1, top, right - i0, bottom), (right + o0, top, right + o1, bottom), False


def _gap_box(edge: str, gaps: list[int], trim: list[float]) -> tuple[float, float, float, float]:
    """The stretch of the trim edge (PDF user space) where the art stops, 3 mm deep on each side."""
    x0, y0, x1, y1 = trim
    first, last = gaps[0] * MM, (gaps[-1] + 1) * MM  # millimetres along the edge, from left or top
    depth = 3 * MM
    if edge == "top":
        return (x0 + first, y1 - depth, x0 + last, y1 + depth)
    if edge == "bottom":
        return (x0 + first, y0 - depth, x0 + last, y0 + depth)
    if edge == "left":
        return (x0 - depth, y1 - last, x0 + depth, y1 - first)
    return (x1 - depth, y1 - last, x1 + depth, y1 - first)


def check_bleed(ctx: CheckContext) -> list[Finding]:
    return [f for rendered in rendered_pages(ctx.doc.path) for f in page_bleed(rendered)]


def page_bleed(rendered: RenderedPage) -> list[Finding]:
    """The bleed findings of one rendered page (:mod:`.pixels`)."""
    trim, bleed = rendered.trim, rendered.bleed
    if min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]) < OUTER[1] * MM:
        return [Finding(ERROR, "bleed-box", msg("check.bleed-box"), page=rendered.number, bbox=tuple(trim))]
    mask = rendered.image.convert("L").point(lambda v: 255 if v < PAPER else 0)

    # Text is not art: text at the edge is the margin check's business, and it must not bleed.
    draw = ImageDraw.Draw(mask)
    textpage = rendered.page.get_textpage()
    for i in range(textpage.count_chars()):
        left_, bottom_, right_, top_ = textpage.get_charbox(i)
        (x0, y0), (x1, y1) = rendered.to_px(left_, top_), rendered.to_px(right_, bottom_)
        draw.rectangle((x0 - 1, y0 - 1, x1 + 1, y1 + 1), fill=0)
    textpage.close()

    left, top = rendered.to_px(trim[0], trim[3])
    right, bottom = rendered.to_px(trim[2], trim[1])
    findings = []
    for edge, inner_box, outer_box, along_x in _edges((left, top, right, bottom)):
        inner = _painted_profile(mask, inner_box, along_x)
        outer = _painted_profile(mask, outer_box, along_x)
        gaps = [i for i, (a, b) in enumerate(zip(inner, outer)) if a and not b]
        if len(gaps) >= MIN_GAP_MM:
            findings.append(Finding(
                ERROR, "bleed-missing",
                msg("check.bleed-missing", edge=phrase(EDGES[edge]), mm=len(gaps), start=gaps[0]),
                page=rendered.number, bbox=_gap_box(edge, gaps, list(trim))))
    return findings
