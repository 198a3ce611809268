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
- ``inline.text_align``: drops the 和欧間 margin of a ``.wa-l``/``.wa-r`` span and the half em
  before an opening mark (``.pk-g``, see :mod:`.jtext`) at the start or end of a line, sets an
  opening bracket at a line start and a closing bracket at a line end in its half-width body
  (JLREQ: tentsuki; the blank half of a full-width face's bracket leaves the measure), then
  aligns;
- ``inline.justify_line``: the distribution described above;
- ``inline.split_inline_box`` (for a justified line box): breaks the line once more when
  compression could let more in (:mod:`.compress`).

(:mod:`.fitbox`, :mod:`.phrasewidths` and :mod:`.linecache` are installed with them: display
text fitted to its box, the phrases' preferred widths measured and the lines laid out once per
layout.)

WeasyPrint is pinned to 70.x (pyproject.toml); tests/test_typeset.py measures the result on
the built PDF, so an upgrade that changes these internals fails loudly.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from . import compress, fitbox, linebox, linecache, pagecarry, phrasewidths, stylecarry

_INSTALLED = False

# Punctuation carries its own space: beside a Latin run it is no 和欧間 (JLREQ 3.2).
_MARKS = linebox.OPENING | linebox.CLOSING | set("、。，．・：；！？")


@lru_cache(maxsize=4096)
def is_latin_word_char(ch: str) -> bool:
    """Letters and digits of Latin script: no justification gap inside a Latin word."""
    if ch.isascii():
        return ch.isalnum()
    return unicodedata.category(ch)[0] in "LN" and "LATIN" in unicodedata.name(ch, "")


# JLREQ's order of priority for the slack of a justified line (3.8, "line adjustment"): first
# the spaces between Latin words and the 和欧間 gaps, up to CAP_WA each (a quarter em more: the
# 和欧間 then reaches half an em), then the gaps between Japanese characters, up to CAP_JA each;
# what is still left stays at the line's end (the line is set short rather than torn apart).
CAP_WA = 0.25  # em added to a word space or a 和欧間 gap
CAP_JA = 0.15  # em added between two Japanese characters
# Characters of a Latin run that take no spacing (a URL, "SLO (Service Level Objective)").
_LATIN_MARKS = set(".,:;/-_'’()[]&?=@#%+~!")

WA, JA, NONE = 2, 1, 0  # what a character or a gap takes: word-space priority, Japanese, nothing


@lru_cache(maxsize=8192)
def _kinds(text: str) -> tuple[int, ...]:
    """Per character: WA for a space (between Latin words), 0 inside Latin runs, else JA."""
    return tuple(WA if c == " " else NONE if (is_latin_word_char(c) or c in _LATIN_MARKS) else JA
                 for c in text)


def _weights(text: str) -> tuple[int, ...]:
    return tuple(1 if k else 0 for k in _kinds(text))


def install() -> None:
    """Wrap WeasyPrint's line layout (once per process)."""
    global _INSTALLED
    if _INSTALLED:
        return
    fitbox.install()
    phrasewidths.install()
    linecache.install()
    pagecarry.install()
    stylecarry.install()
    from weasyprint.layout import inline
    from weasyprint.text import line_break
    from weasyprint.text.ffi import ffi, pango

    from weasyprint.formatting_structure import boxes

    original_set_text = line_break.Layout.set_text
    original_text_align = inline.text_align
    original_split = inline.split_inline_box

    def set_text(self, text, justify=False):
        original_set_text(self, text, justify)
        spacing = getattr(self, "jp_spacing", 0) if justify else 0
        word_spacing = getattr(self, "jp_word_spacing", 0) if justify else 0
        if not (spacing or word_spacing):
            return
        attr_list = pango.pango_layout_get_attributes(self.layout)
        if attr_list == ffi.NULL:
            attr_list = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        offsets = _byte_offsets(self.text)
        letter_spacing = self.style["letter_spacing"]  # CSS letter-spacing stays underneath
        base = 0 if letter_spacing == "normal" else letter_spacing
        units = {JA: int((base + spacing) * line_break.TO_UNITS),
                 WA: int((base + word_spacing) * line_break.TO_UNITS)}
        for i, kind in enumerate(_kinds(self.text)):
            if kind and units[kind]:
                attr = pango.pango_attr_letter_spacing_new(units[kind])
                attr.start_index, attr.end_index = offsets[i], offsets[i + 1]
                pango.pango_attr_list_change(attr_list, attr)
        pango.pango_layout_set_attributes(self.layout, attr_list)

    def text_align(context, line, available_width, last):
        # Only lines of a block: the content of an inline-block (a BudouX phrase, a ruby) is
        # a line of its own whose edges are not the line's edges (its width is already set).
        if getattr(line, "element_tag", None) != "span":
            linebox.set_edges(line)
            if line.width > available_width + 1e-6:  # broken longer: compress.split_line
                compress.compress_line(line, line.width - available_width)
        return original_text_align(context, line, available_width, last)

    def split_inline_box(context, box, position_x, max_x, *args):
        if (isinstance(box, boxes.LineBox) and box.style["text_align_all"] == "justify"
                and getattr(box, "element_tag", None) != "span"):
            return compress.split_line(original_split, context, box, position_x, max_x, *args)
        return original_split(context, box, position_x, max_x, *args)

    def justify_line(context, line, extra_width):
        _justify(context, line, extra_width, line_break)

    line_break.Layout.set_text = set_text
    inline.text_align = text_align
    inline.justify_line = justify_line
    inline.split_inline_box = split_inline_box
    _INSTALLED = True


@lru_cache(maxsize=2048)
def _byte_offsets(text: str) -> tuple[int, ...]:
    """UTF-8 byte offset of each character start, plus the end."""
    offsets, n = [0], 0
    for ch in text:
        n += len(ch.encode())
        offsets.append(n)
    return tuple(offsets)


# --- line walking: render/linebox.py -----------------------------------------------------

URL = linebox.URL


def _justify(context, line, extra_width, line_break) -> None:
    """Spread ``extra_width`` in JLREQ's order of priority (see CAP_WA, CAP_JA)."""
    from weasyprint.formatting_structure import boxes

    leaves = list(linebox.leaves(line))
    if not leaves or extra_width <= 0:
        return
    em = line.style["font_size"]
    # Opportunities, counted in units of one gap: inside a text box Pango gives each spaced
    # character half its letter spacing on either side, trimmed at the box ends, so the gap
    # between characters a and b gets (s_a + s_b) / 2; between two leaves one gap, unless both
    # sides are inside one Latin word or a URL.
    count = {WA: 0.0, JA: 0.0}
    boundary = []
    for i, (leaf, url) in enumerate(leaves):
        if isinstance(leaf, boxes.TextBox) and not url:
            kinds = _kinds(leaf.text)
            for a, b in zip(kinds, kinds[1:]):
                for k in (a, b):
                    if k:
                        count[k] += 0.5
        if i + 1 < len(leaves):
            nxt, next_url = leaves[i + 1]
            left = leaf.text[-1] if isinstance(leaf, boxes.TextBox) else "\ufffc"
            right = nxt.text[0] if isinstance(nxt, boxes.TextBox) else "\ufffc"
            latin_left, latin_right = is_latin_word_char(left), is_latin_word_char(right)
            if (url and next_url) or (latin_left and latin_right):
                gap = NONE
            elif left == " " or right == " " or (latin_left != latin_right and not (
                    left in _MARKS or right in _MARKS)):
                gap = WA  # 和欧間 (a Latin run beside a Japanese letter) or beside a word space
            else:
                gap = JA
            boundary.append(gap)
            if gap:
                count[gap] += 1
    spacing = {NONE: 0.0, WA: 0.0, JA: 0.0}
    left_over = extra_width
    for kind, cap in ((WA, CAP_WA), (JA, CAP_JA)):
        if count[kind] and left_over > 0:
            spacing[kind] = min(left_over / count[kind], cap * em)
            left_over -= spacing[kind] * count[kind]
    if not (spacing[WA] or spacing[JA]):
        return

    advance = 0.0
    index = {id(leaf): i for i, (leaf, _) in enumerate(leaves)}
    in_url = {id(leaf) for leaf, url in leaves if url}

    def apply(box):
        nonlocal advance
        if isinstance(box, boxes.TextBox):
            box.position_x += advance
            if box.text and id(box) not in in_url and any(_weights(box.text)) and len(box.text) > 1:
                layout = line_break.Layout(box.style, 0, None)
                layout.jp_spacing, layout.jp_word_spacing = spacing[JA], spacing[WA]
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
            advance += spacing[boundary[i]]

    before = advance
    for child in line.children:
        if child.is_in_normal_flow():
            apply(child)
    line.width += advance - before
