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

**Carried lines** (watch mode, :func:`.carry.carrying`): after an edit, a part is laid out
again as a new document, and most of its paragraphs did not change. In a carrying layout,
every line kept is also filed under its print (:func:`.boxprints.line_print`: the same
texts, the same computed styles) and the same position keys, and a line asked for that the
last layout under the same scope filed is reused from it: only the edited paragraphs are
broken into lines again. The watched part's PDF is the same, byte for byte, as that of a
fresh layout (tests/test_fast_rebuild.py).
"""

from __future__ import annotations

from . import boxprints, carry, perdocument

_INSTALLED = False
# key → (pristine line, resume_at, its top, the line box and its style: kept so that their ids
# are not reused while the key is)
_KEPT: dict[tuple, tuple] = {}
COUNTS = {"laid out": 0, "reused": 0, "carried": 0}  # lines, since the process started (benches, tests)

# per document: id(line box) → (line box, its style, print)
_PRINTS: dict[int, tuple] = {}


def _carry_key(linebox, position_key):
    """The key a line is filed under across documents, or None (no print)."""
    found = _PRINTS.get(id(linebox))
    if found is None or found[0] is not linebox or found[1] is not linebox.style:
        found = _PRINTS[id(linebox)] = (linebox, linebox.style,
                                        boxprints.line_print(linebox, carry.signatures()))
    return None if found[2] is None else (found[2], *position_key)


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
        position_key = (_stack_key(skip_stack), containing_block.content_box_x(), containing_block.width,
                        height if isinstance(height, (int, float)) else str(height), linebox.text_indent)
        key = (id(linebox), id(linebox.style), *position_key)
        found = _KEPT.get(key)
        carried = carry.current()
        carry_key = _carry_key(linebox, position_key) if carried is not None and found is None else None
        if carry_key is not None:
            found = carried.lines.get(carry_key) or carried.lines_before.get(carry_key)
            if found is not None:
                carried.lines[carry_key] = found
                _KEPT[key] = (*found, linebox, linebox.style)
                COUNTS["carried"] += 1
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
            if carry_key is not None:
                carried.lines[carry_key] = _KEPT[key][:3]
        return line, resume_at

    inline.get_next_linebox = get_next_linebox
    perdocument.drop_with_each_document(_KEPT)
    perdocument.drop_with_each_document(_PRINTS)
    _INSTALLED = True
