"""Short display text whose phrases fit their box: a step down in size, within limits.

Role lines, card titles, pillar names, org-chart boxes, figure labels and captions are set by
BudouX phrases (``phrases``: each phrase an inline-block, so lines break only between
phrases). A phrase wider than its box would still break inside (チー／ム): WeasyPrint shrinks
an inline-block to the line and wraps its content. An element with ``class="fitbox"`` is
therefore measured before WeasyPrint lays it out: when its widest phrase (its max-content
width) is wider than the box, the element's text is set smaller by just enough, but not below
``data-min-scale`` of its size (default ``MIN_SCALE``); at that floor a phrase that still
does not fit breaks inside, rather than leaving the box.

The size changes the computed styles of the element's boxes (font size, and the lengths
derived from it: letter spacing, the 和欧間 and ruby margins, a line height in px) before
layout, so every later layout of the element (pagination, column balancing) sees them once.
``block.block_level_layout`` is wrapped (:func:`install`, idempotent, called with the
justification hook).
"""

from __future__ import annotations

MIN_SCALE = 0.8  # the smallest step: four fifths of the designed size
FITBOX, PHRASE = "fitbox", "ph"
_LENGTHS = ("letter_spacing", "word_spacing", "margin_left", "margin_right", "padding_left",
            "padding_right")
_INSTALLED = False


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return set()
    return set((element.get("class") or "").split())


def _descendants(box):
    for child in getattr(box, "children", ()):
        yield child
        yield from _descendants(child)


def _content_width(box, containing_block) -> float | None:
    """The width the element's lines get (after ``resolve_percentages``)."""
    if box.width != "auto":
        return box.width
    width = getattr(containing_block, "width", None)
    if not isinstance(width, (int, float)):
        return None
    spent = sum(v for v in (box.margin_left, box.margin_right, box.padding_left, box.padding_right,
                            box.border_left_width, box.border_right_width) if isinstance(v, (int, float)))
    return width - spent


def _scaled_style(style, factor: float, lengths: bool = True):
    """A copy of ``style`` at ``factor`` of its size; ``lengths``: its horizontal margins and
    paddings too (the 和欧間, ruby and punctuation margins inside the text, not the box's own)."""
    from weasyprint.css.properties import Dimension

    copy = style.copy()
    copy["font_size"] = style["font_size"] * factor
    for key in _LENGTHS if lengths else ("letter_spacing", "word_spacing"):
        value = style[key]
        if isinstance(value, Dimension) and value.unit == "px":
            copy[key] = Dimension(value.value * factor, "px")
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and key.startswith("letter"):
            copy[key] = value * factor
    line_height = style["line_height"]
    if isinstance(line_height, Dimension) and line_height.unit == "px":
        copy["line_height"] = Dimension(line_height.value * factor, "px")
    return copy


def fit(context, box, containing_block) -> float:
    """Step the element's text down so that its widest phrase fits; the scale applied.

    The scale is kept on every box it changed (``fit_done``, of the designed size): WeasyPrint
    may lay out a copy of the element again (a flex item measured, then laid out) whose own
    style is the designed one but whose children were scaled already; scaling them again would
    take the text below the floor (an A5 figure label printed at 5.5 pt)."""
    from weasyprint.layout.preferred import max_content_width

    width = _content_width(box, containing_block)
    from weasyprint.formatting_structure import boxes

    phrases = [b for b in _descendants(box) if isinstance(b, boxes.InlineBlockBox) and PHRASE in _classes(b)]
    if width is None or width <= 0 or not phrases:
        return 1.0
    done = min(getattr(p, "fit_done", 1.0) for p in phrases)  # what the children carry already
    widest = max(max_content_width(context, p) for p in phrases)
    try:
        floor = float(box.element.get("data-min-scale") or MIN_SCALE)
    except ValueError:
        floor = MIN_SCALE
    total = done if widest <= width + 1e-3 else max(min(floor, done), done * width / widest * 0.995)
    if total >= 0.999:
        return 1.0
    own = getattr(box, "fit_scale", 1.0)
    if abs(own - total) > 1e-9:
        box.style = _scaled_style(box.style, total / own, lengths=False)
        box.fit_scale = total
    for b in _descendants(box):
        already = getattr(b, "fit_done", 1.0)
        if abs(already - total) > 1e-9:
            b.style = _scaled_style(b.style, total / already)
            b.fit_done = total
    return total / done


def install() -> None:
    global _INSTALLED
    if _INSTALLED:
        return
    from weasyprint.layout import block

    original = block.block_level_layout

    def block_level_layout(context, box, bottom_space, skip_stack, containing_block, *args, **kwargs):
        if FITBOX in _classes(box) and skip_stack is None:
            from weasyprint.layout.percent import resolve_percentages

            resolve_percentages(box, containing_block)
            fit(context, box, containing_block)
        return original(context, box, bottom_space, skip_stack, containing_block, *args, **kwargs)

    block.block_level_layout = block_level_layout
    _INSTALLED = True
