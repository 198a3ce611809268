"""Short vertical copy (縦書き) without ``writing-mode`` (unsupported by WeasyPrint 70).

Each character is a block of its own, stacked top to bottom; columns run right to left. The
glyph forms of vertical setting come from the fonts themselves: both bundled families have the
OpenType ``vert`` feature, which the stylesheet switches on for ``.tate`` (measured: it turns
ー and … upright-vertical, rotates 「」（） and the dashes, and moves small kana and 、。 to the
upper right of their cell, as 縦組み wants). The characters in the PDF stay the original ones
(the vertical glyphs map back to them), so the copy is extractable and searchable.

Up to two Latin digits/letters share one cell (縦中横, "21"); longer Latin runs stand upright
one letter per cell. ``\n`` in the text starts a new column (to the left); with ``max_chars``
a longer line is also broken into columns, between BudouX phrases (文節).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from .jtext import plain
from ..text.segment import split_phrases

_CELL = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{1,2}(?![A-Za-z0-9])|.", re.S)


def _columns(text: str, max_chars: int | None) -> list[str]:
    columns = []
    for line in plain(text).split("\n"):
        line = line.strip()
        if not max_chars or len(line) <= max_chars:
            columns.append(line)
            continue
        column = ""
        for phrase in split_phrases(line):
            if column and len(column) + len(phrase) > max_chars:
                columns.append(column)
                column = ""
            column += phrase
        columns.append(column)
    return columns


@lru_cache(maxsize=256)
def _tate_html(text: str, max_chars: int | None = None) -> str:
    # Columns are absolutely placed from the right, in reading order: painted (so extracted)
    # right column first. Flex row-reverse would paint the left one first, and floats do not
    # give their block a height in WeasyPrint 70 (both measured).
    columns, height = [], 0.0
    for index, line in enumerate(_columns(text, max_chars)):
        cells, column_height = [], 0.0
        for m in _CELL.finditer(line):
            cell = m.group()
            if cell.isspace():
                cells.append('<span class="tc tc-space"></span>')
                column_height += SPACE_EM
                continue
            kind = "tc tcy" if len(cell) == 2 else "tc"
            cells.append(f'<span class="{kind}">{escape(cell)}</span>')
            column_height += CELL_EM
        right = index * (1 + COLUMN_GAP_EM)
        columns.append(f'<span class="tate-col" style="right: {right:.2f}em">{"".join(cells)}</span>')
        height = max(height, column_height)
    width = len(columns) + (len(columns) - 1) * COLUMN_GAP_EM
    return (f'<div class="tate {{cls}}" style="width: {width:.2f}em; height: {height:.2f}em">'
            f'{"".join(columns)}</div>')


# Keep in step with .tate in styles/typeset.css.
CELL_EM = 1.12  # line-height of a cell
SPACE_EM = 0.5  # a space between words: half a cell
COLUMN_GAP_EM = 0.45


def tate_html(text: str, max_chars: int | None = None, cls: str = "") -> str:
    return _tate_html(text, max_chars).replace("{cls}", escape(cls), 1)


def tate(text, max_chars: int | None = None, cls: str = "") -> Markup:
    """Jinja filter: a ``.tate`` block of columns (see the ``tate`` macro)."""
    return Markup(tate_html(str(text), max_chars, cls))
