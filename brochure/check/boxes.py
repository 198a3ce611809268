"""Text running out of a drawn box (a border or a background at least 5 mm in both
directions): a box too small for its text, e.g. a BudouX phrase or a long word that cannot
wrap, or a fixed-height box whose lines go on below it.

Boxes are pdfplumber's rectangles and paths. WeasyPrint draws a border as a ring, an outer
and an inner shape of the same colour; only the sides where they differ are visible (a
box with only a top border has no visible bottom edge, and text wrapping below it is no
defect anyone sees). A background is a single shape, visible on every side.

A glyph is flagged when a visible edge cuts through it, or when text goes on from inside a
box to outside it across a visible edge between two neighbouring glyphs (next on the line,
or first of the next line). A glyph inside a box that comes within ``TOUCH_MM`` of a visible
edge touches it (``text-box-tight``, a warning): the box has no room to spare for its text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import CheckContext
from .document import MM
from ..messages import msg
from .findings import ERROR, WARNING, Finding, chars_box
from ..content.texts import field_around

MIN_BOX_MM = 5.0  # smaller shapes are rules, badges and QR modules, not text boxes
RING_MM = 3.0  # an inner shape this close to an outer one of the same colour makes a border
EDGE_INSET = 0.2  # an edge must cut a glyph at least this far inside it (share of its size)
TOUCH_MM = 0.3  # a glyph this close to a visible edge, inside the box, touches it
SIDES = ("left", "top", "right", "bottom")


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float
    visible: frozenset[str]

    def holds(self, c: dict) -> bool:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        return self.x0 <= cx <= self.x1 and self.top <= cy <= self.bottom

    def side_of(self, c: dict) -> str:
        """The side of the box a glyph outside it lies beyond."""
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        gaps = {"left": self.x0 - cx, "right": cx - self.x1, "top": self.top - cy, "bottom": cy - self.bottom}
        return max(gaps, key=gaps.get)


def _boxes(page) -> list[Box]:
    least, ring = MIN_BOX_MM * MM, RING_MM * MM
    shapes = [(o["x0"], o["top"], o["x1"], o["bottom"], str(o.get("non_stroking_color")))
              for o in (*page.rects, *page.curves)
              if o["x1"] - o["x0"] >= least and o["bottom"] - o["top"] >= least]
    shapes.sort(key=lambda s: -(s[2] - s[0]) * (s[3] - s[1]))  # outer shapes before inner ones
    inner: set[int] = set()
    boxes = []
    for i, (x0, top, x1, bottom, colour) in enumerate(shapes):
        if i in inner:
            continue
        partner = next((j for j, s in enumerate(shapes) if j != i and j not in inner and s[4] == colour
                        and x0 - 0.01 <= s[0] and s[2] <= x1 + 0.01 and top - 0.01 <= s[1] and s[3] <= bottom + 0.01
                        and max(s[0] - x0, s[1] - top, x1 - s[2], bottom - s[3]) < ring), None)
        if partner is None:
            visible = frozenset(SIDES)
        else:
            inner.add(partner)
            s = shapes[partner]
            widths = dict(zip(SIDES, (s[0] - x0, s[1] - top, x1 - s[2], bottom - s[3])))
            visible = frozenset(side for side, w in widths.items() if w > 0.1)
        if visible:
            boxes.append(Box(x0, top, x1, bottom, visible))
    return boxes


def _cut(c: dict, box: Box) -> bool:
    """A visible edge of the box runs through the glyph."""
    w, h = c["x1"] - c["x0"], c["bottom"] - c["top"]
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    xs = [e for e, side in ((box.x0, "left"), (box.x1, "right")) if side in box.visible]
    ys = [e for e, side in ((box.top, "top"), (box.bottom, "bottom")) if side in box.visible]
    cut_x = any(c["x0"] + EDGE_INSET * w < e < c["x1"] - EDGE_INSET * w for e in xs) and box.top <= cy <= box.bottom
    cut_y = any(c["top"] + EDGE_INSET * h < e < c["bottom"] - EDGE_INSET * h for e in ys) and box.x0 <= cx <= box.x1
    return cut_x or cut_y


def _continues(a: dict, b: dict) -> bool:
    """``b`` is the next glyph of the same text as ``a``: next on the line, or first of the next."""
    size = min(a["size"], b["size"])
    if abs(a["bottom"] - b["bottom"]) < 0.25 * size:
        return -0.3 * size < b["x0"] - a["x1"] < 0.5 * size
    return 0 <= b["top"] - a["bottom"] < 0.8 * size and b["x0"] < a["x0"]


def _leaves(a: dict, b: dict, box: Box) -> bool:
    """Text goes from ``a`` to ``b`` across a visible edge of the box."""
    inside_a, inside_b = box.holds(a), box.holds(b)
    if inside_a == inside_b:
        return False
    return box.side_of(b if inside_a else a) in box.visible


def _crossing(chars: list[dict], boxes: list[Box]) -> set[int]:
    found = {i for i, c in enumerate(chars) if any(_cut(c, box) for box in boxes)}
    for i in range(len(chars) - 1):
        a, b = chars[i], chars[i + 1]
        if _continues(a, b) and any(_leaves(a, b, box) for box in boxes):
            found.update((i, i + 1))
    return found


def _touches(c: dict, box: Box) -> bool:
    """A glyph inside the box (not cut by an edge) within TOUCH_MM of one of its visible edges."""
    if not (box.x0 <= c["x0"] and c["x1"] <= box.x1 and box.top <= c["top"] and c["bottom"] <= box.bottom):
        return False
    gaps = {"left": c["x0"] - box.x0, "right": box.x1 - c["x1"], "top": c["top"] - box.top,
            "bottom": box.bottom - c["bottom"]}
    return any(gaps[side] < TOUCH_MM * MM for side in box.visible)


def check_box_overflow(ctx: CheckContext) -> list[Finding]:
    findings = []
    for number, page in enumerate(ctx.doc.pages, start=1):
        chars = [c for c in page.chars if c["text"].strip()]
        boxes = _boxes(page)
        crossing = sorted(_crossing(chars, boxes))
        tight = sorted(i for i, c in enumerate(chars) if i not in crossing and any(_touches(c, b) for b in boxes))
        if tight:
            text = "".join(c["text"] for c in chars)
            source = field_around(ctx.fields, text, tight[0])
            findings.append(Finding(
                WARNING, "text-box-tight",
                msg("check.text-box-tight", char=chars[tight[0]]["text"], around=text[max(tight[0] - 8, 0): tight[0] + 8]),
                page=number, file=source.file if source else None, field=source.field if source else None,
                line=source.line if source else None, bbox=chars_box(page, [chars[j] for j in tight])))
        if not crossing:
            continue
        text = "".join(c["text"] for c in chars)
        groups: dict = {}  # content field → crossing glyphs of its text
        for i in crossing:
            source = field_around(ctx.fields, text, i)
            key = (source.file, source.field) if source else None
            groups.setdefault(key, (source, []))[1].append(i)
        for source, indexes in groups.values():
            i = indexes[0]
            around = text[max(i - 8, 0): i + 8]
            findings.append(Finding(
                ERROR, "text-box-overflow", msg("check.text-box-overflow", char=chars[i]["text"], around=around),
                page=number, file=source.file if source else None, field=source.field if source else None,
                line=source.line if source else None, bbox=chars_box(page, [chars[j] for j in indexes])))
    return findings
