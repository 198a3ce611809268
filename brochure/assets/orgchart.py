"""Org chart layout: a tree computed from the content data, drawn as vector.

Two arrangements, chosen by what fits the area the page gives the chart:

- ``tree``: left to right, a column per level and a row per leaf — the clearest for small
  charts (a bureau and its departments);
- ``columns``: top down — the root on top, the units of the first level side by side, and
  each unit's groups and teams listed under it, indented by level — for large charts (up
  to 40 boxes, 5 levels).

Boxes are sized from their text (the em-square estimate, :mod:`.textsize`) at the largest
type size at which the whole chart fits, with padding so that text never touches a border;
the template breaks names only between BudouX phrases. Boxes are HTML (real text, the
bundled fonts, selectable and searchable); the connecting lines are one SVG file, placed as
a CSS background: decoration, which a tagged PDF marks as an artifact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..content.model import OrgNode
from ..text.metrics import PT_MM, squares

MAX_DEPTH = 5
MAX_BOXES = 40
SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)  # never below 7 pt in print
MIN_PRINT_PT = SIZES[-1]  # the brief's caption size: a label prints no smaller in any format


def format_sizes(fmt=None) -> list[tuple[float, float]]:
    """The chart's type sizes for a page format (``themes.Format``; None: A4), largest first:
    (the A4 size it stands for, the size on the format's layout page). On A5 they follow the
    type scale (``Format.type_size``: 1.3 times larger on the layout page), but never print
    below :data:`MIN_PRINT_PT` (7 pt on paper: 9.93 pt on A5's layout page)."""
    if fmt is None or fmt.zoom == 1.0:
        return [(s, s) for s in SIZES]
    floor = MIN_PRINT_PT / fmt.zoom
    found: list[tuple[float, float]] = []
    for s in SIZES:
        size = round(max(fmt.type_size(s), floor), 2)
        if not found or size < found[-1][1]:
            found.append((s, size))
    return found
PAD_X, PAD_Y = 2.0, 1.6  # mm between a box's border and its text
LEADING = 1.3


@dataclass
class PlacedNode:
    name: str
    note: str | None
    sample: bool
    depth: int
    x: float  # mm, top-left of the box
    y: float
    width: float
    height: float


@dataclass
class OrgChartLayout:
    width: float
    height: float
    nodes: list[PlacedNode] = field(default_factory=list)
    lines: str = ""  # SVG path data, in mm
    font_size_pt: float = 9.0  # on the layout page (the format's)
    design_pt: float = 9.0  # the A4 size it stands for (A4: font_size_pt)
    style: str = "tree"  # "tree" or "columns"
    fits: bool = True  # within the area it was laid out for


def _depth(node: OrgNode) -> int:
    return 1 + max((_depth(c) for c in node.children), default=0)


def _leaves(node: OrgNode) -> int:
    return sum(_leaves(c) for c in node.children) or 1


def count_boxes(node: OrgNode) -> int:
    return 1 + sum(count_boxes(c) for c in node.children)


class _TooWide(Exception):
    """A phrase (a word that must not break) is wider than its box at this size."""


def _phrase_lines(text: str, width_mm: float, size_pt: float, strict: bool = False) -> int:
    """Lines of a name broken between phrases in a box ``width_mm`` wide (inner width).
    ``strict``: raise :class:`_TooWide` rather than break inside a phrase."""
    from ..text.segment import split_unit_name  # the phrases the template keeps whole

    per_line = max(1.0, width_mm / (size_pt * PT_MM) * 0.94)  # a little slack: kinsoku, palt
    count, used = 1, 0.0
    for phrase in split_unit_name(text):
        w = squares(phrase)
        if used and used + w > per_line:
            count, used = count + 1, 0.0
        used += w
        if w > per_line:  # a phrase longer than the line still breaks (overflow-wrap)
            if strict:
                raise _TooWide(phrase)
            count += math.ceil(w / per_line) - 1
            used = w % per_line
    return count


def _box_height(node: OrgNode, inner_w: float, size: float, strict: bool = False) -> float:
    text_lines = _phrase_lines(node.name, inner_w, size, strict)
    if node.note:
        text_lines += _phrase_lines(node.note, inner_w, size * 0.8, strict) * 0.8
    if text_lines > 1:
        text_lines += 0.6  # wrapped text breaks less evenly than estimated: room to spare
    return text_lines * size * LEADING * PT_MM + 2 * PAD_Y


def _tree(root: OrgNode, max_w: float, max_h: float, size: float, strict: bool = False) -> OrgChartLayout:
    depth = _depth(root)
    gap = 10.0 if depth <= 3 else 7.0
    box_w = min(70.0, (max_w - gap * (depth - 1)) / depth)
    inner = box_w - 2 * PAD_X
    text_h = max(_box_height(n, inner, size, strict) for n in _walk(root))
    leaves = _leaves(root)
    # A small tree gets generous rows (up to 26 mm) and boxes (up to 16 mm): it fills its area.
    row = max(text_h + max(2.5, text_h * 0.35), min(26.0, max_h / leaves))
    box_h = max(text_h, min(row * 0.7, 16.0))
    chart = OrgChartLayout(width=depth * box_w + (depth - 1) * gap, height=leaves * row - (row - box_h),
                           font_size_pt=size, style="tree")
    paths: list[str] = []
    next_leaf = 0

    def place(node: OrgNode, level: int) -> PlacedNode:
        nonlocal next_leaf
        x = level * (box_w + gap)
        if node.children:
            kids = [place(child, level + 1) for child in node.children]
            y = (kids[0].y + kids[-1].y) / 2
        else:
            kids, y = [], next_leaf * row
            next_leaf += 1
        placed = PlacedNode(node.name, node.note, node.sample, level, x, y, box_w, box_h)
        chart.nodes.append(placed)
        if kids:
            mid_x = x + box_w + gap / 2
            paths.append(f"M{x + box_w:.2f} {y + box_h / 2:.2f}H{mid_x:.2f}")
            paths.append(f"M{mid_x:.2f} {kids[0].y + box_h / 2:.2f}V{kids[-1].y + box_h / 2:.2f}")
            for kid in kids:
                paths.append(f"M{mid_x:.2f} {kid.y + box_h / 2:.2f}H{kid.x:.2f}")
        return placed

    place(root, 0)
    chart.nodes.sort(key=lambda n: (n.depth, n.y))  # reading order: level by level, top down
    chart.lines = "".join(paths)
    chart.fits = chart.height <= max_h and chart.width <= max_w + 1e-6
    return chart


def _walk(node: OrgNode):
    yield node
    for child in node.children:
        yield from _walk(child)


def _columns(root: OrgNode, max_w: float, max_h: float, size: float, strict: bool = False,
             per_row: int | None = None) -> OrgChartLayout:
    units = list(root.children)
    per_row = per_row or (len(units) if len(units) <= 6 else math.ceil(len(units) / 2))
    gap, indent, step = 3.0, 3.5, 1.6  # between columns; per level; between stacked boxes
    col_w = (max_w - gap * (per_row - 1)) / per_row
    root_w = min(max_w, max(60.0, squares(root.name) * size * PT_MM + 2 * PAD_X + 4))
    root_h = _box_height(root, root_w - 2 * PAD_X, size, strict)
    chart = OrgChartLayout(width=max_w, height=0.0, font_size_pt=size, style="columns")
    paths: list[str] = []
    root_box = PlacedNode(root.name, root.note, root.sample, 0, (max_w - root_w) / 2, 0.0, root_w, root_h)
    chart.nodes.append(root_box)
    top = root_h + 7.0  # the root, then a bar joining the units
    bar_y = root_h + 3.5
    paths.append(f"M{max_w / 2:.2f} {root_h:.2f}V{bar_y:.2f}")
    bottom = root_h
    for start in range(0, len(units), per_row):
        row_units = units[start:start + per_row]
        centres = []
        row_bottom = top
        for k, unit in enumerate(row_units):
            x = k * (col_w + gap)
            y = top
            centres.append(x + col_w / 2)

            # Each box under its parent, indented; a spine from the parent down to its last
            # child's middle, with a tick to every child. Returns the box's middle.
            def stack(node: OrgNode, level: int, spine: float | None) -> float:
                nonlocal y
                left = x + (level - 1) * indent
                width = col_w - (level - 1) * indent
                h = _box_height(node, width - 2 * PAD_X, size, strict)
                chart.nodes.append(PlacedNode(node.name, node.note, node.sample, level, left, y, width, h))
                mid = y + h / 2
                if spine is not None:
                    paths.append(f"M{spine:.2f} {mid:.2f}H{left:.2f}")
                bottom_of_box = y + h
                y += h + step
                my_spine = left + indent / 2
                last_mid = None
                for child in node.children:
                    last_mid = stack(child, level + 1, my_spine)
                if last_mid is not None:
                    paths.append(f"M{my_spine:.2f} {bottom_of_box:.2f}V{last_mid:.2f}")
                return mid

            stack(unit, 1, None)
            row_bottom = max(row_bottom, y - step)
        # The bar over the row's units, and a drop to each.
        if len(centres) > 1:
            paths.append(f"M{centres[0]:.2f} {bar_y:.2f}H{centres[-1]:.2f}")
        for c in centres:
            paths.append(f"M{c:.2f} {bar_y:.2f}V{top:.2f}")
        bottom = row_bottom
        if start + per_row < len(units):  # a second row of units: the bar goes on down
            next_top = row_bottom + 8.0
            paths.append(f"M{max_w / 2:.2f} {bar_y:.2f}V{row_bottom + 4:.2f}")
            bar_y, top = row_bottom + 4.0, next_top
    chart.height = bottom
    chart.nodes.sort(key=lambda n: (n.depth, n.x, n.y))
    chart.lines = "".join(paths)
    chart.fits = chart.height <= max_h
    return chart


def layout_orgchart(root: OrgNode, max_width: float = 175.0, max_height: float = 120.0,
                    style: str | None = None, fmt=None) -> OrgChartLayout:
    """Place every node at the largest size that fits ``max_width`` × ``max_height`` (mm);
    raise ValueError if the tree is deeper than :data:`MAX_DEPTH` or has more than
    :data:`MAX_BOXES` boxes. ``style``: "tree" or "columns" (default: whichever fits larger).
    ``fmt``: the page format (``themes.Format``; None: A4), whose sizes :func:`format_sizes` are."""
    depth = _depth(root)
    if depth > MAX_DEPTH:
        raise ValueError(f"the org chart has {depth} levels; at most {MAX_DEPTH} fit the page")
    boxes = count_boxes(root)
    if boxes > MAX_BOXES:
        raise ValueError(f"the org chart has {boxes} boxes; at most {MAX_BOXES} fit the page")
    styles = [style] if style else ["tree", "columns"] if root.children else ["tree"]
    arrangements = []
    for name in styles:
        if name == "tree":
            arrangements.append(("tree", _tree))
        elif root.children:
            units = len(root.children)
            # The units side by side in one row, or in two rows when the columns get narrow.
            for per_row in sorted({units if units <= 6 else math.ceil(units / 2), math.ceil(units / 2)},
                                  reverse=True):
                arrangements.append(("columns", lambda *a, per_row=per_row, **k: _columns(*a, per_row=per_row, **k)))
    sizes = format_sizes(fmt)
    smallest = sizes[-1][1]
    best = None
    for name, arrange in arrangements:
        for design, size in sizes:
            try:  # every word whole in its box; at the smallest size a long word may break
                chart = arrange(root, max_width, max_height, size, strict=size > smallest)
            except _TooWide:
                continue
            chart.design_pt = design
            if chart.fits:
                # The tree reads best: prefer it unless the columns set the text clearly larger.
                if best is None or chart.font_size_pt > best.font_size_pt + (1.0 if name == "columns" else 0):
                    best = chart
                elif size == smallest == best.font_size_pt and _broken(chart) < _broken(best):
                    best = chart  # at the least size, the arrangement that breaks fewest words
                break
    if best is None:  # nothing fits: the smallest columns chart (the planner gives it a page)
        best = (_columns if root.children else _tree)(root, max_width, max_height, smallest)
        best.design_pt = sizes[-1][0]
    return best


def _broken(chart: OrgChartLayout) -> int:
    """Phrases wider than their box (broken inside, as only the smallest size allows)."""
    from ..text.segment import split_unit_name

    count = 0
    for node in chart.nodes:
        per_line = max(1.0, (node.width - 2 * PAD_X) / (chart.font_size_pt * PT_MM) * 0.94)
        count += sum(squares(p) > per_line for p in split_unit_name(node.name))
    return count


def lines_svg(chart: OrgChartLayout, stroke: str = "#1d3461") -> str:
    """The connecting lines as a standalone SVG document, one user unit per millimetre."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{chart.width:.2f}mm" '
            f'height="{chart.height:.2f}mm" viewBox="0 0 {chart.width:.2f} {chart.height:.2f}">'
            f'<path d="{chart.lines}" fill="none" stroke="{stroke}" stroke-width="0.35"/></svg>')
