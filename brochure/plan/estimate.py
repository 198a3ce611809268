"""How much room a text needs, estimated from its characters before anything is laid out.

The planner tries first the variant that the estimate says fits best, and lays out only
that one when the estimate is right (the sample's case): every layout costs time. The
estimate only orders the candidates; the measured layout decides (:mod:`.measure`).

Widths come from the em-square estimate of :mod:`brochure.assets.textsize`.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from ..text.metrics import PT_MM, squares
from ..text.metrics import lines as _lines

__all__ = ["PT_MM", "Block", "Column", "blocks", "column_mm", "lines", "squares", "text_size",
           "page_format", "current_format"]

# The brochure's page format while candidates are estimated (brochure/themes.py): on A5's
# layout page, text is set larger than the A4 sizes the estimates are written in.
_FORMAT: ContextVar = ContextVar("page_format", default=None)


@contextmanager
def page_format(fmt):
    token = _FORMAT.set(fmt)
    try:
        yield
    finally:
        _FORMAT.reset(token)


def current_format():
    """The page format candidates are being estimated for (None: A4, the sizes as written)."""
    return _FORMAT.get()


def text_size(pt: float) -> float:
    """The size a text designed at ``pt`` (A4) is set at in the current format."""
    fmt = _FORMAT.get()
    return fmt.type_size(pt) if fmt is not None else pt


def lines(text: str, width_mm: float, size_pt: float, indent_em: float = 0.0) -> int:
    """Lines of ``text`` in a column ``width_mm`` wide at ``size_pt`` (an A4 size; set at the
    current format's size)."""
    return _lines(text, width_mm, text_size(size_pt), indent_em)

MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Block:
    kind: str  # "h" heading, "p" paragraph, "note"
    text: str


def blocks(markdown: str) -> list[Block]:
    """The Markdown body's blocks: ``##`` headings, ``※`` notes and paragraphs."""
    found = []
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        chunk = MARKUP.sub(lambda m: m.group(1) or "", chunk.strip())
        if not chunk:
            continue
        if chunk.startswith("#"):
            found.append(Block("h", chunk.lstrip("#").strip()))
        elif chunk.startswith("※"):
            found.append(Block("note", chunk))
        else:
            found.append(Block("p", " ".join(chunk.splitlines())))
    return found


@dataclass(frozen=True)
class Column:
    """The type of a running text: column width, sizes, leading, spacing (mm)."""

    width_mm: float
    size_pt: float
    leading: float
    heading_pt: float = 11.5
    heading_leading: float = 1.5
    heading_space_mm: float = 5.5  # above and below a heading together
    note_pt: float = 8.0
    note_leading: float = 1.6
    paragraph_space_mm: float = 0.0


def column_mm(text_blocks: list[Block], col: Column) -> float:
    """Height of the blocks set one after another in one column (sizes: A4's, set at the
    current format's)."""
    col = replace(col, size_pt=text_size(col.size_pt), heading_pt=text_size(col.heading_pt),
                  note_pt=text_size(col.note_pt))
    total = 0.0
    for b in text_blocks:
        if b.kind == "h":
            n = _lines(b.text, col.width_mm, col.heading_pt)
            total += n * col.heading_pt * col.heading_leading * PT_MM + col.heading_space_mm
        elif b.kind == "note":
            total += _lines(b.text, col.width_mm, col.note_pt) * col.note_pt * col.note_leading * PT_MM + 2
        else:
            total += _lines(b.text, col.width_mm, col.size_pt, indent_em=1) * col.size_pt * col.leading * PT_MM
            total += col.paragraph_space_mm
    return total
