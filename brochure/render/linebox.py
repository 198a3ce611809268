"""Walking and editing a WeasyPrint 70 line box after Pango has broken it (LTR only).

Used by :mod:`.justify` (spreading a line's slack) and :mod:`.compress` (closing a line up so
that one more character fits): the text boxes and atomic inlines of a line in order, the
spans the ``jtext`` filter marks (和欧間 ``wa-l``/``wa-r``, the half em between consecutive
marks ``pk-g``), what a line's edges give back (JLREQ: no 和欧間 and no bracket blank at a line
edge) and the primitives that move boxes along the line. Nothing here imports WeasyPrint at
module level: the caller has installed the hook first.
"""

from __future__ import annotations

from dataclasses import dataclass

# Class names the jtext filter gives to a Latin run that touches Japanese text (和欧間), to an
# opening mark after a closing one (約物: the half em between them) and to a URL.
WA_LEFT, WA_RIGHT, PK_GAP, URL = "wa-l", "wa-r", "pk-g", "url"
LEFT_AT_LINE_START = {WA_LEFT, PK_GAP}  # margins that vanish at a line start
# Brackets whose blank half a full-width face sets outside the measure at a line edge.
OPENING = set("「『（［【〔〈《｛〘〖｟“‘")
CLOSING = set("」』）］】〕〉》｝〙〗｠”’")
STOPS = set("、。，．")
FULL_WIDTH = 0.75  # em: a mark wider than this carries a blank half (full-width body)


_BOXES = None


def boxes_module():
    global _BOXES
    if _BOXES is None:
        from weasyprint.formatting_structure import boxes

        _BOXES = boxes
    return _BOXES


def edge_leaf(line, last: bool = False):
    """The line's first (or last) text box or atomic inline, found without walking the rest."""
    boxes = boxes_module()
    box = line
    while True:
        flow = [c for c in box.children if c.is_in_normal_flow()]
        if last:
            flow.reverse()
        for child in flow:
            if isinstance(child, boxes.TextBox):
                if child.text:
                    return child
                continue
            if isinstance(child, boxes.InlineBox):
                found = edge_leaf(child, last)
                if found is not None:
                    return found
                continue
            return child
        return None


def leaves(box, in_url: bool = False):
    """(leaf, inside a URL) for the text boxes and atomic inlines of a line, in order."""
    boxes = boxes_module()
    for child in box.children:
        if not child.is_in_normal_flow():
            continue
        url = in_url or URL in classes(child)
        if isinstance(child, boxes.TextBox):
            if child.text:
                yield child, url
        elif isinstance(child, boxes.InlineBox):
            yield from leaves(child, url)
        else:
            yield child, url


def classes(box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) != "span":
        return set()
    return set((element.get("class") or "").split())


def spans(box, path=()):
    """(inline box, path from the line to it) for every inline box of a line, in order."""
    boxes = boxes_module()
    for child in box.children:
        if child.is_in_normal_flow() and isinstance(child, boxes.InlineBox):
            yield child, (*path, child)
            yield from spans(child, (*path, child))


def translate_following(line, path, dx) -> None:
    """Move everything on the line after the last box of ``path`` by ``dx``."""
    parent = line
    for box in path:
        after = False
        for child in parent.children:
            if after:
                child.translate(dx, 0)
            after = after or child is box
        parent = box


def narrow_margin(line, path, side: str, amount: float) -> None:
    """Take ``amount`` from the left or right margin of the inline box at the end of ``path``;
    what follows on the line moves left with it."""
    box = path[-1]
    if side == "left":
        box.margin_left -= amount
        for child in box.children:
            child.translate(-amount, 0)
    else:
        box.margin_right -= amount
    for ancestor in [line, *path[:-1]]:
        ancestor.width -= amount
    translate_following(line, path, -amount)


def shrink_last(line, trim: float) -> None:
    """Narrow the line's last leaf and the inline boxes around it by ``trim`` at their end
    (the glyphs stay where they are: a blank half leaves the measure)."""
    boxes = boxes_module()
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


def _style_key(style) -> tuple:
    return (tuple(style["font_family"]), style["font_size"], style["font_weight"],
            style["font_style"], str(style["font_feature_settings"]), style["lang"])


_ADVANCES: dict[tuple, float] = {}


def advance(box, index: int) -> float:
    """The advance of the character ``box.text[index]`` in the box's style, letter spacing
    aside (one-character layout, cached per style and character)."""
    from weasyprint.text import line_break

    ch = box.text[index]
    key = (_style_key(box.style), ch)
    if key not in _ADVANCES:
        layout = line_break.Layout(box.style)
        layout.set_text(ch)
        first_line, _ = layout.get_first_line()
        width, _ = line_break.line_size(first_line, box.style)
        layout.deactivate()
        letter_spacing = box.style["letter_spacing"]
        _ADVANCES[key] = width - (0 if letter_spacing == "normal" else letter_spacing)
    return _ADVANCES[key]


def blank_half(box, index: int) -> float:
    """The blank half of a full-width mark (0 for a half-width or proportional one)."""
    em = box.style["font_size"]
    width = advance(box, index)
    return width - em / 2 if width > FULL_WIDTH * em else 0.0


@dataclass
class Edges:
    """What a line's edges give back (JLREQ): the margin of a 和欧間 span or of the half em
    before an opening mark at the line start, of a 和欧間 span at its end, and the blank half
    of a full-width opening bracket that starts it (tentsuki) or closing bracket that ends it."""

    start_margin: tuple | None = None  # (path, amount)
    end_margin: tuple | None = None
    start_bracket: float = 0.0
    end_bracket: float = 0.0

    @property
    def total(self) -> float:
        return ((self.start_margin[1] if self.start_margin else 0.0)
                + (self.end_margin[1] if self.end_margin else 0.0)
                + self.start_bracket + self.end_bracket)


def edges(line) -> Edges:
    boxes = boxes_module()
    found = Edges()
    path, box = [], line
    while box.children and isinstance(box.children[0], boxes.InlineBox):
        box = box.children[0]
        path.append(box)
        if classes(box) & LEFT_AT_LINE_START and box.margin_left:
            found.start_margin = (tuple(path), box.margin_left)
            break
    path, box = [], line
    while box.children and isinstance(box.children[-1], boxes.InlineBox):
        box = box.children[-1]
        path.append(box)
        if WA_RIGHT in classes(box) and box.margin_right:
            found.end_margin = (tuple(path), box.margin_right)
            break
    first, last = edge_leaf(line), edge_leaf(line, last=True)
    if isinstance(first, boxes.TextBox) and first.text[0] in OPENING:
        found.start_bracket = blank_half(first, 0)
    if isinstance(last, boxes.TextBox) and last.text[-1] in CLOSING:
        found.end_bracket = blank_half(last, len(last.text) - 1)
    return found


def set_edges(line) -> None:
    """Apply :func:`edges`: the margins go, an opening bracket's blank half moves the line left
    (the bracket starts at the line's start), a closing bracket's leaves the measure."""
    found = edges(line)
    if found.start_margin:
        narrow_margin(line, found.start_margin[0], "left", found.start_margin[1])
    if found.end_margin:
        narrow_margin(line, found.end_margin[0], "right", found.end_margin[1])
    if found.start_bracket:
        for child in line.children:
            child.translate(-found.start_bracket, 0)
        line.width -= found.start_bracket
    if found.end_bracket:
        shrink_last(line, found.end_bracket)
