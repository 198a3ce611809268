"""Japanese line composition inside WeasyPrint 70: 両端揃え and 和欧間 at line edges.

WeasyPrint breaks lines with Pango (kinsoku for 、。」） etc. included) but its
``text-align: justify`` only widens spaces, and Japanese has none. Pango itself can widen
the gap after any character: a letter-spacing attribute on a character range. So, after
WeasyPrint has broken a line (the break is final), the line's remaining width is spread over
its justification opportunities — every gap between two characters except inside a Latin
word — by giving each Pango layout of the line per-character letter spacing. No character is
inserted: the PDF text (copy, search) is unchanged; only glyph positions move.

Three WeasyPrint functions are wrapped (:func:`install`, idempotent, called by ``render_pdf``):

- ``Layout.set_text``: adds the per-character spacing when the layout is drawn justified;
- ``inline.text_align``: drops the 和欧間 margin of a ``.wa-l``/``.wa-r`` span (see
  :mod:`.jtext`) at the start or end of a line, then aligns;
- ``inline.justify_line``: the distribution described above.

WeasyPrint is pinned to 70.x (pyproject.toml); tests/test_typeset.py measures the result on
the built PDF, so an upgrade that changes these internals fails loudly.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_INSTALLED = False

# Class names the jtext filter gives to a Latin run that touches Japanese text (和欧間).
WA_LEFT, WA_RIGHT = "wa-l", "wa-r"


@lru_cache(maxsize=4096)
def is_latin_word_char(ch: str) -> bool:
    """Letters and digits of Latin script: no justification gap inside a Latin word."""
    if ch.isascii():
        return ch.isalnum()
    return unicodedata.category(ch)[0] in "LN" and "LATIN" in unicodedata.name(ch, "")


@lru_cache(maxsize=8192)
def _weights(text: str) -> tuple[int, ...]:
    """Per character: 1 if it takes justification spacing, 0 inside Latin words."""
    return tuple(0 if is_latin_word_char(c) else 1 for c in text)


def install() -> None:
    """Wrap WeasyPrint's line layout (once per process)."""
    global _INSTALLED
    if _INSTALLED:
        return
    from weasyprint.layout import inline
    from weasyprint.text import line_break
    from weasyprint.text.ffi import ffi, pango

    original_set_text = line_break.Layout.set_text
    original_text_align = inline.text_align

    def set_text(self, text, justify=False):
        original_set_text(self, text, justify)
        spacing = getattr(self, "jp_spacing", 0) if justify else 0
        if not spacing:
            return
        attr_list = pango.pango_layout_get_attributes(self.layout)
        if attr_list == ffi.NULL:
            attr_list = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        offsets = _byte_offsets(self.text)
        letter_spacing = self.style["letter_spacing"]  # CSS letter-spacing stays underneath
        base = 0 if letter_spacing == "normal" else letter_spacing
        units = int((base + spacing) * line_break.TO_UNITS)
        for i, weight in enumerate(_weights(self.text)):
            if weight:
                attr = pango.pango_attr_letter_spacing_new(units)
                attr.start_index, attr.end_index = offsets[i], offsets[i + 1]
                pango.pango_attr_list_change(attr_list, attr)
        pango.pango_layout_set_attributes(self.layout, attr_list)

    def text_align(context, line, available_width, last):
        # Only lines of a block: the content of an inline-block (a BudouX phrase, a ruby) is
        # a line of its own whose edges are not the line's edges (its width is already set).
        if getattr(line, "element_tag", None) != "span":
            _strip_edge_wa_margins(line)
        return original_text_align(context, line, available_width, last)

    def justify_line(context, line, extra_width):
        _justify(context, line, extra_width, line_break)

    line_break.Layout.set_text = set_text
    inline.text_align = text_align
    inline.justify_line = justify_line
    _INSTALLED = True


@lru_cache(maxsize=2048)
def _byte_offsets(text: str) -> tuple[int, ...]:
    """UTF-8 byte offset of each character start, plus the end."""
    offsets, n = [0], 0
    for ch in text:
        n += len(ch.encode())
        offsets.append(n)
    return tuple(offsets)


# --- line walking ------------------------------------------------------------------------

def _leaves(box):
    """Text boxes and atomic inlines of a line, in order (LTR only: Japanese here)."""
    from weasyprint.formatting_structure import boxes

    for child in box.children:
        if not child.is_in_normal_flow():
            continue
        if isinstance(child, boxes.TextBox):
            if child.text:
                yield child
        elif isinstance(child, boxes.InlineBox):
            yield from _leaves(child)
        else:
            yield child


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) != "span":
        return set()
    return set((element.get("class") or "").split())


def _strip_edge_wa_margins(line) -> None:
    """No 和欧間 at a line's start or end: zero the margin of a .wa-l/.wa-r span there."""
    from weasyprint.formatting_structure import boxes

    # Start of line: follow first children.
    path, box = [], line
    while box.children and isinstance(box.children[0], boxes.InlineBox):
        box = box.children[0]
        path.append(box)
        if WA_LEFT in _classes(box) and box.margin_left:
            shift = box.margin_left
            box.margin_left = 0
            for child in box.children:
                child.translate(-shift, 0)
            for ancestor in [line, *path[:-1]]:
                ancestor.width -= shift
            # Everything after the span on the line moves left with it.
            _translate_following(line, path, -shift)
            break
    # End of line: follow last children.
    path, box = [], line
    while box.children and isinstance(box.children[-1], boxes.InlineBox):
        box = box.children[-1]
        path.append(box)
        if WA_RIGHT in _classes(box) and box.margin_right:
            shift = box.margin_right
            box.margin_right = 0
            for ancestor in [line, *path[:-1]]:
                ancestor.width -= shift
            break


def _translate_following(line, path, dx) -> None:
    parent = line
    for box in path:
        after = False
        for child in parent.children:
            if after:
                child.translate(dx, 0)
            after = after or child is box
        parent = box


def _justify(context, line, extra_width, line_break) -> None:
    """Spread ``extra_width`` evenly over the line's inter-character gaps (JLREQ's simplest form)."""
    from weasyprint.formatting_structure import boxes

    leaves = list(_leaves(line))
    if not leaves:
        return
    # Weight of each gap: inside a text box (w_i + w_{i+1}) / 2 — Pango gives each spaced
    # character half its letter spacing on either side, trimmed at the box ends — and 1
    # between two leaves unless both sides are inside one Latin word.
    total = 0.0
    boundary = []
    for i, leaf in enumerate(leaves):
        if isinstance(leaf, boxes.TextBox):
            w = _weights(leaf.text)
            total += sum((a + b) / 2 for a, b in zip(w, w[1:]))
        if i + 1 < len(leaves):
            left = leaf.text[-1] if isinstance(leaf, boxes.TextBox) else "\ufffc"
            nxt = leaves[i + 1]
            right = nxt.text[0] if isinstance(nxt, boxes.TextBox) else "\ufffc"
            gap = 0 if (is_latin_word_char(left) and is_latin_word_char(right)) else 1
            boundary.append(gap)
            total += gap
    if total <= 0:
        return
    spacing = extra_width / total

    advance = 0.0
    index = {id(leaf): i for i, leaf in enumerate(leaves)}

    def apply(box):
        nonlocal advance
        if isinstance(box, boxes.TextBox):
            box.position_x += advance
            if box.text and any(_weights(box.text)) and len(box.text) > 1:
                layout = line_break.Layout(box.style, 0, None)
                layout.jp_spacing = spacing
                layout.set_text(box.text, justify=True)
                first_line, _ = layout.get_first_line()
                width, _ = line_break.line_size(first_line, box.style)
                layout.deactivate()
                advance += width - box.width
                box.width = width
                box.pango_layout = layout
        elif isinstance(box, boxes.InlineBox):
            box.position_x += advance
            before = advance
            for child in box.children:
                if child.is_in_normal_flow():
                    apply(child)
            box.width += advance - before
            return
        else:
            box.translate(advance, 0)
        i = index.get(id(box))
        if i is not None and i < len(boundary):
            advance += spacing * boundary[i]

    before = advance
    for child in line.children:
        if child.is_in_normal_flow():
            apply(child)
    line.width += advance - before
