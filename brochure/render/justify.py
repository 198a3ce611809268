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
- ``inline.justify_line``: the distribution described above.

WeasyPrint is pinned to 70.x (pyproject.toml); tests/test_typeset.py measures the result on
the built PDF, so an upgrade that changes these internals fails loudly.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_INSTALLED = False

# Class names the jtext filter gives to a Latin run that touches Japanese text (和欧間), and to
# an opening mark after a closing one (約物: the half em between them).
WA_LEFT, WA_RIGHT, PK_GAP = "wa-l", "wa-r", "pk-g"
_LEFT_AT_LINE_START = {WA_LEFT, PK_GAP}  # margins that vanish at a line start
# Brackets whose blank half a full-width face sets outside the measure at a line edge.
OPENING = set("「『（［【〔〈《｛〘〖｟“‘")
CLOSING = set("」』）］】〕〉》｝〙〗｠”’")
FULL_WIDTH = 0.75  # em: a mark wider than this carries a blank half (full-width body)
# Punctuation carries its own space: beside a Latin run it is no 和欧間 (JLREQ 3.2).
_MARKS = OPENING | CLOSING | set("、。，．・：；！？")


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
    from weasyprint.layout import inline
    from weasyprint.text import line_break
    from weasyprint.text.ffi import ffi, pango

    original_set_text = line_break.Layout.set_text
    original_text_align = inline.text_align

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
            _strip_edge_wa_margins(line)
            _set_edge_brackets(line, line_break)
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

URL = "url"  # class of a URL or e-mail address (jtext.py): never spaced inside


def _leaves(box, in_url: bool = False):
    """(leaf, inside a URL) for the text boxes and atomic inlines of a line, in order (LTR
    only: Japanese here)."""
    from weasyprint.formatting_structure import boxes

    for child in box.children:
        if not child.is_in_normal_flow():
            continue
        url = in_url or URL in _classes(child)
        if isinstance(child, boxes.TextBox):
            if child.text:
                yield child, url
        elif isinstance(child, boxes.InlineBox):
            yield from _leaves(child, url)
        else:
            yield child, url


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
        if _classes(box) & _LEFT_AT_LINE_START and box.margin_left:
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


def _advance(box, index: int, line_break) -> float:
    """The advance of the character ``box.text[index]`` in the box's style (one-character
    layout: only for a mark at a line edge, a few per page)."""
    layout = line_break.Layout(box.style)
    layout.set_text(box.text[index])
    first_line, _ = layout.get_first_line()
    width, _ = line_break.line_size(first_line, box.style)
    layout.deactivate()
    letter_spacing = box.style["letter_spacing"]
    return width - (0 if letter_spacing == "normal" else letter_spacing)


def _set_edge_brackets(line, line_break) -> None:
    """JLREQ 3.1.5 (tentsuki) and the closing bracket at a line end: a full-width face's
    bracket is set in its half-width body at the line's edges. An opening bracket first on the
    line moves the line left by its blank half; a closing bracket last on it no longer counts
    its blank half (the ink stays where it is)."""
    from weasyprint.formatting_structure import boxes

    leaves = [leaf for leaf, _ in _leaves(line)]
    if not leaves:
        return
    first, last = leaves[0], leaves[-1]
    if isinstance(first, boxes.TextBox) and first.text[0] in OPENING:
        em = first.style["font_size"]
        advance = _advance(first, 0, line_break)
        if advance > FULL_WIDTH * em:
            shift = advance - em / 2
            for child in line.children:
                child.translate(-shift, 0)
            line.width -= shift
    if isinstance(last, boxes.TextBox) and last.text[-1] in CLOSING:
        em = last.style["font_size"]
        advance = _advance(last, len(last.text) - 1, line_break)
        if advance > FULL_WIDTH * em:
            trim = advance - em / 2
            _shrink_last(line, trim)


def _shrink_last(line, trim: float) -> None:
    """Narrow the line's last leaf and the inline boxes around it by ``trim`` at their end."""
    from weasyprint.formatting_structure import boxes

    box = line
    while box.children:
        box.width -= trim
        flow = [c for c in box.children if c.is_in_normal_flow()]
        if not flow:
            return
        box = flow[-1]
        if isinstance(box, boxes.TextBox):
            box.width -= trim
            return
        if not isinstance(box, boxes.InlineBox):
            return


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
    """Spread ``extra_width`` in JLREQ's order of priority (see CAP_WA, CAP_JA)."""
    from weasyprint.formatting_structure import boxes

    leaves = list(_leaves(line))
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
