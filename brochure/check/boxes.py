"""Text running across the edge of a drawn box (a border or a background at least 5 mm in
both directions): a box too narrow for its text, e.g. a BudouX phrase or a long word that
cannot wrap.

A glyph is flagged when a box edge cuts through it, or when a line of text goes on from
inside a box to outside it between two neighbouring glyphs. Boxes are pdfplumber's
rectangles and paths (WeasyPrint draws borders as filled rings).
"""

from __future__ import annotations

from .context import CheckContext
from .document import MM
from .findings import ERROR, Finding
from .texts import field_around

MIN_BOX_MM = 5.0  # smaller shapes are rules, badges and QR modules, not text boxes
EDGE_INSET = 0.2  # an edge must cut a glyph at least this far inside it (share of its size)


def _boxes(page) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) of the boxes drawn on a page: rectangles and (rounded) paths."""
    least = MIN_BOX_MM * MM
    return [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in (*page.rects, *page.curves)
            if o["x1"] - o["x0"] >= least and o["bottom"] - o["top"] >= least]


def _inside(c: dict, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _cut(c: dict, box: tuple[float, float, float, float]) -> bool:
    """An edge of the box runs through the glyph."""
    x0, top, x1, bottom = box
    w, h = c["x1"] - c["x0"], c["bottom"] - c["top"]
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    cut_x = any(c["x0"] + EDGE_INSET * w < e < c["x1"] - EDGE_INSET * w for e in (x0, x1)) and top <= cy <= bottom
    cut_y = any(c["top"] + EDGE_INSET * h < e < c["bottom"] - EDGE_INSET * h for e in (top, bottom)) and x0 <= cx <= x1
    return cut_x or cut_y


def _continues(a: dict, b: dict) -> bool:
    """``b`` is the next glyph of the same line of text as ``a``. (Not across lines: a box
    drawn with only a top border has invisible sides, and text wrapping below it is no defect
    anyone sees; text running out of the bottom of a box usually overprints what follows,
    which the overlap check finds.)"""
    size = min(a["size"], b["size"])
    same_line = abs(a["bottom"] - b["bottom"]) < 0.25 * size
    return same_line and -0.3 * size < b["x0"] - a["x1"] < 0.5 * size


def _crossing(chars: list[dict], boxes: list) -> set[int]:
    """Glyphs where text runs across a box edge: an edge cuts them, or a line of text goes on
    from inside a box to outside it (or back) between two of its glyphs."""
    found = {i for i, c in enumerate(chars) if any(_cut(c, box) for box in boxes)}
    for i in range(len(chars) - 1):
        a, b = chars[i], chars[i + 1]
        if _continues(a, b) and any(_inside(a, box) != _inside(b, box) for box in boxes):
            found.update((i, i + 1))
    return found


def check_box_overflow(ctx: CheckContext) -> list[Finding]:
    findings = []
    for number, page in enumerate(ctx.doc.pages, start=1):
        chars = [c for c in page.chars if c["text"].strip()]
        boxes = _boxes(page)
        crossing = sorted(_crossing(chars, boxes))
        if not crossing:
            continue
        text = "".join(c["text"] for c in chars)
        seen = set()
        for i in crossing:
            source = field_around(ctx.fields, text, i)
            key = (source.file, source.field) if source else None
            if key in seen:
                continue
            seen.add(key)
            around = text[max(i - 8, 0): i + 8]
            findings.append(Finding(
                ERROR, "text-box-overflow", f"text runs across the edge of its box at {chars[i]['text']!r} "
                f"(…{around}…)",
                hint="shorten the text or let its box grow (a BudouX phrase or a long word cannot wrap)",
                page=number,
                file=source.file if source else None, field=source.field if source else None,
                line=source.line if source else None))
    return findings
