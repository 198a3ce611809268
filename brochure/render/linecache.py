"""Lines laid out once per layout: the same line at the same place is not broken again.

WeasyPrint balances a multi-column box (the message, the interviews' answers) by laying its
content out again and again: once at the page's full height, then at the average column
height and a little more at each pass until the last column is no longer the longest, then
once more for the columns it keeps. Each pass breaks the same paragraphs into the same
lines. A line depends on where it starts in its paragraph (the skip stack), the left edge,
width and height of its containing block, its text-indent and the computed styles of its
boxes, not on the height it is tried at. Of the lines a print build of the sample asks for,
713 of 1,539 had been laid out already (Pango's line breaking, the 両端揃え and the
compression retry of each).

So ``inline.get_next_linebox`` is wrapped (:func:`install`, idempotent, with the other layout
hooks): a line laid out with no float beside it is kept, keyed by its line box, the line
box's style object, the skip stack, the containing block's left edge, width and height and
the text-indent, as a pristine copy of the result. Asked again, the copy is copied once more
and moved down (or up) to the new position. A line whose layout did anything beyond itself
is not kept: a float, an absolutely positioned or running box, a footnote, a broken
out-of-flow box (:func:`_count_side_effects`). Content WeasyPrint parses again into boxes
already laid out (a ``target-counter()`` once its target's page is known) drops every kept
line (:func:`_forget_on_new_content`). ``fitbox`` gives the boxes it sets smaller new
style objects, hence a new key. A line at another left edge is laid out again: moved sideways
its positions would differ in their last digits. The lines are dropped when a new document is
laid out; the PDFs are the same, byte for byte (tests/test_example.py).
"""

from __future__ import annotations

from . import perdocument

_INSTALLED = False
# key → (pristine line, resume_at, its top, the line box and its style: kept so that their ids
# are not reused while the key is)
_KEPT: dict[tuple, tuple] = {}
COUNTS = {"laid out": 0, "reused": 0}  # lines, since the process started: for benches and tests


def _stack_key(stack):
    """A skip stack (nested ``{index: stack or None}``) as a hashable value."""
    if stack is None:
        return None
    return tuple(sorted((k, _stack_key(v)) for k, v in stack.items()))


def _clone(box):
    """A copy of ``box`` and its descendants sharing nothing a later layout step changes in
    place (``Box.deepcopy`` shares the set of decoration sides)."""
    new = box.copy()
    sides = getattr(box, "remove_decoration_sides", None)
    if sides is not None:
        new.remove_decoration_sides = set(sides)
    children = getattr(box, "children", None)
    if children is not None:
        new.children = type(children)([_clone(child) for child in children])
    return new


def _count_side_effects(cls) -> None:
    """Count, on the layout context's class, the calls that leave a trace beyond the line."""
    if getattr(cls, "line_side_effects", None) is not None:
        return
    cls.line_side_effects = 0
    for name in ("add_running_element", "layout_footnote", "report_footnote", "add_broken_out_of_flow"):
        original = getattr(cls, name)

        def counted(self, *args, _original=original, **kwargs):
            type(self).line_side_effects += 1
            return _original(self, *args, **kwargs)

        setattr(cls, name, counted)


def _forget_on_new_content(targets) -> None:
    """Drop every kept line whenever WeasyPrint puts new content into boxes it has laid out:
    a ``target-counter()`` or a page-based ``counter()`` in ``content`` is parsed again once
    the page it refers to is known, and the page is made again with the same line boxes."""
    lookup_init = targets.CounterLookupItem.__init__

    def init(self, parse_again, *args, **kwargs):
        def parse_again_anew(*a, **k):
            _KEPT.clear()
            return parse_again(*a, **k)

        lookup_init(self, parse_again_anew, *args, **kwargs)

    targets.CounterLookupItem.__init__ = init
    check_pending = targets.TargetCollector.check_pending_targets

    def check_pending_targets(self, *args, **kwargs):
        _KEPT.clear()
        return check_pending(self, *args, **kwargs)

    targets.TargetCollector.check_pending_targets = check_pending_targets


def install() -> None:
    """Wrap WeasyPrint's next-line layout where ``iter_line_boxes`` looks it up (once)."""
    global _INSTALLED
    if _INSTALLED:
        return
    from weasyprint.css import targets
    from weasyprint.layout import LayoutContext, inline

    _count_side_effects(LayoutContext)
    _forget_on_new_content(targets)
    original = inline.get_next_linebox

    def get_next_linebox(context, linebox, position_y, bottom_space, skip_stack, containing_block,
                         absolute_boxes, fixed_boxes, first_letter_style, first_line_style):
        args = (context, linebox, position_y, bottom_space, skip_stack, containing_block, absolute_boxes,
                fixed_boxes, first_letter_style, first_line_style)
        if first_letter_style is not None or first_line_style is not None or context.excluded_shapes:
            return original(*args)
        height = containing_block.height
        key = (id(linebox), id(linebox.style), _stack_key(skip_stack), containing_block.content_box_x(),
               containing_block.width, height if isinstance(height, (int, float)) else str(height),
               linebox.text_indent)
        found = _KEPT.get(key)
        if found is not None:
            pristine, resume_at, top = found[:3]
            line = _clone(pristine)
            if position_y != top:
                line.translate(0, position_y - top)
                line.position_y = position_y  # as WeasyPrint sets it (no rounding error)
            linebox.position_y = position_y
            COUNTS["reused"] += 1
            return line, resume_at
        effects = type(context).line_side_effects
        absolutes, fixed = len(absolute_boxes), len(fixed_boxes)
        line, resume_at = original(*args)
        COUNTS["laid out"] += 1
        if (line is not None and type(context).line_side_effects == effects and not context.excluded_shapes
                and len(absolute_boxes) == absolutes and len(fixed_boxes) == fixed):
            _KEPT[key] = (_clone(line), resume_at, line.position_y, linebox, linebox.style)
        return line, resume_at

    inline.get_next_linebox = get_next_linebox
    perdocument.drop_with_each_document(_KEPT)
    _INSTALLED = True
