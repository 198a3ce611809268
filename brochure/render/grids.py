"""Sizes the newer section templates choose from their content: columns of a card grid by
item count (the design brief's "grids by count"), the type size of key figures so that the
longest value fits its column, and text split into lines or paragraphs.

Widths are measured in em with the advance widths of the bold Gothic face the values are set
in (fonts/BIZUDPGothic-Bold.ttf, without kerning or ``palt``, so a little wider than printed).
"""

from __future__ import annotations

from functools import lru_cache

from ..paths import FONTS
from .jtext import plain

VALUE_FONT = FONTS / "BIZUDPGothic-Bold.ttf"

CONTENT_MM = 175.0  # the text block of an A4 page (frames.CONTENT_W)
GUTTER_MM = 4.0
PT_PER_MM = 72 / 25.4

# Item count → columns (1–2 side by side, 3 in a row, 4 as 2 × 2, then rows of 3 or 4).
FIGURE_COLUMNS = {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3, 7: 4, 8: 4}
FIGURE_MAX_PT = {1: 80.0, 2: 60.0, 3: 46.0, 4: 38.0}  # by columns
FIGURE_MIN_PT = 16.0
UNIT_SCALE = 0.42  # the unit's size relative to the value's
CARD_PADDING_MM = 10.0  # left + right padding of a figure card


@lru_cache(maxsize=1)
def _advances() -> tuple[dict[int, float], float]:
    """Code point → advance width in em of the values' face; and its full-width advance."""
    from fontTools.ttLib import TTFont

    font = TTFont(VALUE_FONT, lazy=True)
    upem = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    advances = {cp: metrics[name][0] / upem for cp, name in font.getBestCmap().items()}
    font.close()
    return advances, 1.0


def em_width(text: str) -> float:
    """Width in em of one line of ``text`` in the values' face (ruby markup: its base)."""
    advances, full = _advances()
    return sum(advances.get(ord(c), full) for c in plain(str(text)))


def column_width_mm(columns: int) -> float:
    return (CONTENT_MM - (columns - 1) * GUTTER_MM) / columns


def _joined_em(figure) -> float:
    """Value and unit on one line."""
    return em_width(figure.value) + UNIT_SCALE * em_width(figure.unit or "") + 0.1


def _split_em(figure) -> float:
    """The unit on a line of its own (it may wrap under the value; the value never breaks)."""
    return max(em_width(figure.value), UNIT_SCALE * em_width(figure.unit or "")) + 0.05


def _room_pt(columns: int) -> float:
    return (column_width_mm(columns) - CARD_PADDING_MM) * PT_PER_MM


def figure_columns(figures, most: int = 4) -> int:
    """Columns of a key-figure grid: by count (at most ``most``: an A5 page takes three), fewer
    when a value is so long that it would not fit its column even at the smallest size."""
    columns = min(FIGURE_COLUMNS.get(len(figures), 4), most)
    widest = max((_split_em(f) for f in figures), default=0.0)
    while columns > 1 and widest * FIGURE_MIN_PT > _room_pt(columns):
        columns -= 1
    return columns


def figure_size(figures, columns: int) -> float:
    """Type size (pt) of the values: as large as the columns allow with every value and its
    unit on one line; if that would go below the smallest size, units may wrap under their
    values and the longest value alone decides."""
    largest = FIGURE_MAX_PT.get(columns, FIGURE_MAX_PT[4])
    joined = _room_pt(columns) / max((_joined_em(f) for f in figures), default=1.0)
    if joined >= FIGURE_MIN_PT:
        return round(min(largest, joined), 1)
    split = _room_pt(columns) / max((_split_em(f) for f in figures), default=1.0)
    return round(max(min(largest, split), FIGURE_MIN_PT), 1)


def density(count: int, roomy: int, dense: int) -> str:
    """``roomy`` up to ``roomy`` items, ``dense`` from ``dense`` on, ``medium`` between: the
    spacing class of a list, so that few items fill their page and many fit it."""
    return "roomy" if count <= roomy else "dense" if count >= dense else "medium"


def lines(text: str) -> list[str]:
    """The lines of a text field as written (a YAML block keeps them); blank ones dropped."""
    return [line.strip() for line in str(text).strip().split("\n") if line.strip()]


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a text field: separated by blank lines; a single line break is kept
    inside the paragraph as a line (the template joins a paragraph's lines with <br>)."""
    return [block.strip() for block in str(text).strip().split("\n\n") if block.strip()]
