"""Org chart layout: a left-to-right tree computed from the content data, drawn as vector.

Each level is a column and each leaf a row, so any tree up to depth 4 and about 20 nodes fits
the page: rows shrink (down to a legible minimum) as leaves are added. Boxes are HTML (real
text, the bundled fonts, selectable and searchable); the connecting lines are one SVG file,
placed as a CSS background: decoration, which a tagged PDF marks as an artifact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.model import OrgNode

MAX_DEPTH = 4


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
    font_size_pt: float = 9.0


def _depth(node: OrgNode) -> int:
    return 1 + max((_depth(c) for c in node.children), default=0)


def _leaves(node: OrgNode) -> int:
    return sum(_leaves(c) for c in node.children) or 1


def layout_orgchart(root: OrgNode, max_width: float = 175.0, max_height: float = 120.0) -> OrgChartLayout:
    """Place every node; raise ValueError if the tree is deeper than :data:`MAX_DEPTH`."""
    depth = _depth(root)
    if depth > MAX_DEPTH:
        raise ValueError(f"the org chart has {depth} levels; at most {MAX_DEPTH} fit the page")
    gap = 10.0
    box_w = min(70.0, (max_width - gap * (depth - 1)) / depth)
    leaves = _leaves(root)
    row = min(26.0, max(7.0, max_height / leaves))
    box_h = min(row * 0.7, 16.0)
    font = 11.0 if row >= 22 else 10.5 if row >= 16 else 9.0 if row >= 11 else 7.5 if row >= 8.5 else 6.5
    width = depth * box_w + (depth - 1) * gap
    chart = OrgChartLayout(width=width, height=leaves * row - (row - box_h), font_size_pt=font)
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
    return chart


def lines_svg(chart: OrgChartLayout, stroke: str = "#1d3461") -> str:
    """The connecting lines as a standalone SVG document, one user unit per millimetre."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{chart.width:.2f}mm" '
            f'height="{chart.height:.2f}mm" viewBox="0 0 {chart.width:.2f} {chart.height:.2f}">'
            f'<path d="{chart.lines}" fill="none" stroke="{stroke}" stroke-width="0.35"/></svg>')
