"""Compression before breaking (JLREQ 3.8: 追い込み before 追い出し) for justified lines.

Pango breaks a line where the next character no longer fits; justification then spreads the
slack. JLREQ prefers to close the line up first, when that lets the next character in: the
half em after a full stop or comma at the line end goes (the mark set in its half-width body),
the half em between consecutive marks (``.pk-g``) shrinks to a quarter, and 和欧間 to an
eighth of an em. So a justified line that breaks is laid out once more with the width those
reductions (and the line's edges, :func:`.linebox.edges`) could give; when the longer line
fits after them it is kept, and :func:`compress_line` takes exactly its excess, in that order
of priority and evenly within each kind. Word spaces and the Mincho's mid-line punctuation
are not reduced (a Pango letter spacing widens both sides of a glyph: it cannot take a
mark's blank half alone).

Cost: one more layout of a broken justified line whose next character (with the marks that
must follow it) would fit once the line is closed up; other lines are not laid out again.
"""

from __future__ import annotations

from . import linebox

WA_MIN = 0.125  # em: 和欧間 down to an eighth
PK_MIN = 0.25  # em: the half em between consecutive marks down to a quarter
# A segment is the next character and the marks that may not start a line after it (kinsoku):
# Pango breaks before the whole of it or not at all.
from .jtext import NO_LINE_END, NO_LINE_START  # noqa: E402


def items(line, found_edges=None) -> list[list[tuple]]:
    """What the line can give, by priority: [(kind, target, capacity)] per priority class.
    ``target`` is the path of a span (margins) or None (the line-end mark); ``found_edges``:
    the line's :func:`.linebox.edges`, when known."""
    boxes = linebox.boxes_module()
    found_edges = found_edges or linebox.edges(line)
    skip = {found_edges.start_margin[0][-1] if found_edges.start_margin else None,
            found_edges.end_margin[0][-1] if found_edges.end_margin else None}
    end_stop, marks, wa = [], [], []
    last = linebox.edge_leaf(line, last=True)
    if isinstance(last, boxes.TextBox) and last.text[-1] in linebox.STOPS:
        em = last.style["font_size"]
        extra = linebox.advance(last, len(last.text) - 1) - em / 2
        if extra > 0.01 * em:
            end_stop.append(("end", None, extra))
    for span, path in linebox.spans(line):
        if span in skip:
            continue
        names = linebox.classes(span)
        em = span.style["font_size"]
        if linebox.PK_GAP in names and span.margin_left > PK_MIN * em:
            marks.append(("left", path, span.margin_left - PK_MIN * em))
        if linebox.WA_LEFT in names and span.margin_left > WA_MIN * em:
            wa.append(("left", path, span.margin_left - WA_MIN * em))
        if linebox.WA_RIGHT in names and span.margin_right > WA_MIN * em:
            wa.append(("right", path, span.margin_right - WA_MIN * em))
    return [end_stop, marks, wa]


def capacity(line, found_edges=None) -> float:
    return sum(c for group in items(line, found_edges) for _, _, c in group)


def compress_line(line, excess: float) -> float:
    """Take ``excess`` from the line by priority, evenly within a kind; what is left (negative:
    the line came out short, and justification spreads the rest). A line-end mark is set in
    its half-width body or not at all (JLREQ: its half em is deleted)."""
    for group in items(line):
        total = sum(c for _, _, c in group)
        if excess <= 1e-6 or not total:
            continue
        share = 1.0 if group and group[0][0] == "end" else min(1.0, excess / total)
        for side, path, cap in group:
            amount = cap * share
            if path is None:
                linebox.shrink_last(line, amount)
            else:
                linebox.narrow_margin(line, path, side, amount)
        excess -= total * share
    return excess


def next_segment(line, resume_at) -> tuple[float, float] | None:
    """(width, what its end can give) of the text that follows a broken line: its next
    character and the marks bound to it; the end gives a stop's or a closing bracket's blank
    half (it would end the longer line). None when an atomic inline (a phrase, a ruby) comes
    next: no retry."""
    boxes = linebox.boxes_module()
    box, stack = line, resume_at
    while True:
        if isinstance(box, boxes.TextBox):
            offset = next(iter(stack)) if stack else 0
            text = box.text.encode()[offset:].decode()
            break
        if stack is None:
            flow = [c for c in box.children if c.is_in_normal_flow()]
            if not flow or not isinstance(box, (boxes.InlineBox, boxes.LineBox)):
                return None
            box = flow[0]
            continue
        (index, stack), = stack.items()
        if index >= len(box.children):
            return None
        box = box.children[index]
    segment = text[:1]
    if segment.isascii() and segment.isalnum():  # a Latin word breaks only at its end
        while len(segment) < len(text) and text[len(segment)].isascii() and text[len(segment)].isalnum():
            segment += text[len(segment)]
    while len(segment) < len(text) and (text[len(segment)] in NO_LINE_START
                                        or segment[-1] in NO_LINE_END):
        segment += text[len(segment)]
    if not segment or segment.isspace():
        return None
    start = len(box.text) - len(text)
    width = sum(linebox.advance(box, start + k) for k in range(len(segment)))
    last, em = start + len(segment) - 1, box.style["font_size"]
    if segment[-1] in linebox.STOPS:
        allowance = max(0.0, linebox.advance(box, last) - em / 2)
    elif segment[-1] in linebox.CLOSING:
        allowance = linebox.blank_half(box, last)
    else:
        allowance = 0.0
    return width, allowance


def split_line(original, context, box, position_x, max_x, bottom_space, skip_stack,
               containing_block, absolute_boxes, fixed_boxes, line_placeholders,
               waiting_floats, line_children, *rest):
    """``inline.split_inline_box`` for a justified line box: break, and when compression
    could let more in, break again with that room (see the module doc)."""
    lists = (absolute_boxes, fixed_boxes, line_placeholders, waiting_floats, line_children)
    sizes = [len(x) for x in lists]
    shapes = len(context.excluded_shapes)
    args = (bottom_space, skip_stack, containing_block, *lists, *rest)
    result = original(context, box, position_x, max_x, *args)
    line, resume_at = result[0], result[1]
    out_of_flow = lambda: [len(x) for x in lists[:4]] != sizes[:4]  # noqa: E731
    if resume_at is None or result[2] or out_of_flow() or len(context.excluded_shapes) != shapes:
        return result  # last line, forced break, or floats / positioned boxes: leave it
    available = max_x - box.position_x
    # What the line could give once it goes on: its start edge and mid-line reductions (its
    # end is no longer the end: a stop there keeps its half em, a 和欧間 margin there stays).
    found = linebox.edges(line)
    gain = ((found.start_margin[1] if found.start_margin else 0.0) + found.start_bracket
            + sum(c for group in items(line, found)[1:] for _, _, c in group))
    segment = next_segment(box, resume_at)
    if segment is None:
        return result
    width, allowance = segment
    if width - allowance > available - line.width + gain + 1e-6:
        return result  # even closed up, the line cannot take what comes next
    first_items = [x[n:] for x, n in zip(lists, sizes)]
    for x, n in zip(lists, sizes):
        del x[n:]
    retry = original(context, box, position_x, max_x + gain + allowance, *args)
    longer = retry[0]
    longer_edges = linebox.edges(longer)
    fits = (retry[1] != resume_at and not out_of_flow()
            and longer.width - longer_edges.total - available <= capacity(longer, longer_edges) + 1e-6)
    if fits:
        return retry
    for x, n, kept in zip(lists, sizes, first_items):
        del x[n:]
        x.extend(kept)
    return result
