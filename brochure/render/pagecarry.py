"""Carried pages (watch mode): a page whose start and remaining content did not change is
not laid out again.

WeasyPrint makes the pages of a document one after the other (``layout.page.remake_page``),
each from the state the page before left: where the content resumes (the skip stack), the
break and side of the next page, and the page state (counters, quotes, page groups). After
an edit on a part's first page, the second page often starts at the same place of the same
content as before. In a carrying layout (:func:`.carry.carrying`) each page made is filed
with that state and the print of the content from there to the end
(:func:`.boxprints.rest_print`); a page whose state and remaining content equal those of the
page at the same index in the last layout under the same scope is that page again: its boxes
are taken, its page type's margin box styles are computed as ``remake_page`` does, and the
next page's state is the one that page left. The lines it filed go with it
(:mod:`.linecache`), for a later edit that breaks the page again.

Not filed: a page whose layout left a trace elsewhere (a running element, a footnote, a box
broken out of flow, a note: the layout context's counts, as for lines), with a table
(WeasyPrint keeps a table's column widths in the context) or with content waiting for a page
number (``missing_link``). WeasyPrint then adds the margin boxes and backgrounds to every
page, and the part is written as usual (press/keptpages.py keeps the drawing of a page that is
the same box for box). tests/test_fast_rebuild.py compares with a fresh layout.

Margin boxes (running heads, page numbers: text that Pango shapes) are carried too, page by
page, carried or laid out: a page whose index, page type, page box, page state (counters) and
the document's strings (``string-set``) are those of the page at the same index in the last
layout gets that page's margin boxes again (:func:`_install_margins`); never when a running
element (``element()``) may be shown.
"""

from __future__ import annotations

import copy

from . import boxprints, carry

_INSTALLED = False
COUNTS = {"made": 0, "carried": 0, "margins carried": 0}  # pages, since the process started (benches, tests)


def _state(page_maker, index):
    resume_at, next_page, right_page, page_state, _ = page_maker[index]
    return resume_at, next_page, right_page, page_state


def _fileable(page, context, effects, notes) -> bool:
    """Whether the page just made may be taken by a later layout; if so, its boxes are signed
    (one walk: :func:`.boxprints.sign`)."""
    from weasyprint.formatting_structure.boxes import TableBox

    if type(context).line_side_effects != effects or len(context.rendered_notes) != notes:
        return False
    if context.footnotes or context.reported_footnotes or context.broken_out_of_flow:
        return False
    sigs = carry.signatures()
    for box in page.descendants():
        if isinstance(box, TableBox) or box.missing_link is not None:
            return False
        boxprints.sign(box, sigs)  # its boxes keep their elements' signatures
    return True


def install() -> None:
    """Wrap WeasyPrint's ``remake_page`` (once; after :mod:`.linecache`, whose side-effect
    counts it reads)."""
    global _INSTALLED
    if _INSTALLED:
        return
    from weasyprint.layout import page as pages

    original = pages.remake_page

    def remake_page(index, context, root_box, html):
        scope = carry.current()
        if scope is None or index == 0:
            return original(index, context, root_box, html)
        state = _state(context.page_maker, index)
        rest = boxprints.rest_print(root_box, state[0], carry.signatures())
        filed = scope.pages.get(index) or scope.pages_before.get(index)
        if (filed is not None and rest is not None and filed["rest"] == rest and filed["state"] == state
                and not context.footnotes and not context.reported_footnotes
                and not context.broken_out_of_flow):
            scope.pages[index] = filed
            scope.lines.update(filed["lines"])  # for the next layout, which may break this page
            COUNTS["carried"] += 1
            return _take(filed, index, context, html)
        effects, notes = type(context).line_side_effects, len(context.rendered_notes)
        saved_state = copy.deepcopy(state)
        lines_before = len(scope.lines)
        page, resume_at = original(index, context, root_box, html)
        COUNTS["made"] += 1
        if rest is not None and _fileable(page, context, effects, notes):
            root, footnotes, notes_area = page.children
            scope.pages[index] = {
                "state": saved_state, "rest": rest, "page": page, "root": root,
                "root_children": list(root.children), "areas": (footnotes, notes_area),
                "resume_at": resume_at, "next": copy.deepcopy(_state(context.page_maker, index + 1)),
                "lines": dict(list(scope.lines.items())[lines_before:])}  # the lines it filed
        return page, resume_at

    pages.remake_page = remake_page
    _install_margins()
    _INSTALLED = True


def _margin_inputs(context, page, state):
    """What a page's margin boxes are made of, besides the scope's stylesheets: the page's
    index, type and box, its page state (counters: the page number), and the strings set by
    the content (``string()``); None when they may show a running element."""
    if any(any(pages.values()) for pages in context.running_elements.values()):
        return None
    strings = sorted((name, sorted((p, tuple(texts)) for p, texts in by_page.items() if texts))
                     for name, by_page in context.string_set.items())
    box = (page.width, page.height, page.margin_top, page.margin_right, page.margin_bottom,
           page.margin_left, page.padding_top, page.padding_right, page.padding_bottom,
           page.padding_left, page.border_top_width, page.border_right_width,
           page.border_bottom_width, page.border_left_width)
    return boxprints.packed((context.current_page, page.page_type, box, state, strings))


def _install_margins() -> None:
    """Wrap the ``make_margin_boxes`` that ``layout_document`` calls for every page: under a
    carrying scope, a page whose margin boxes are made of what they were made of at the same
    index in the last layout gets those boxes again (laid out: running heads and page numbers
    are text, shaped by Pango)."""
    from weasyprint import layout

    original = layout.make_margin_boxes

    def make_margin_boxes(context, page, state):
        scope = carry.current()
        if scope is None:
            return original(context, page, state)
        inputs = _margin_inputs(context, page, state)
        index = context.current_page
        filed = scope.margins.get(index) or scope.margins_before.get(index)
        if inputs is not None and filed is not None and filed[0] == inputs:
            scope.margins[index] = filed
            COUNTS["margins carried"] += 1
            return list(filed[1])
        boxes = list(original(context, page, state))
        if inputs is not None:
            scope.margins[index] = (inputs, tuple(boxes))
        return boxes

    layout.make_margin_boxes = make_margin_boxes


def _take(filed, index, context, html):
    """The filed page again, and the next page's state as that page left it (what
    ``remake_page`` puts in ``context.page_maker``); its page type's margin box styles
    computed for this document, as ``remake_page`` does."""
    from weasyprint.layout.page import set_page_type_computed_styles

    set_page_type_computed_styles(filed["page"].page_type, html, context.style_for)
    context.forced_break = filed["state"][1]["break"] != "any" or filed["state"][1]["page"]
    root = filed["root"].copy()
    root.children = list(filed["root_children"])
    page = filed["page"].copy()
    page.children = (root, *filed["areas"])
    resume_at, next_page, right_page, page_state = copy.deepcopy(filed["next"])
    page_maker = context.page_maker
    item_changed = index + 1 >= len(page_maker) or _state(page_maker, index + 1) != (
        resume_at, next_page, right_page, page_state)
    if item_changed:
        remake_state = {"content_changed": resume_at is not None, "pages_wanted": False,
                        "anchors": [], "content_lookups": []}
        item = resume_at, next_page, right_page, page_state, remake_state
        if index + 1 >= len(page_maker):
            page_maker.append(item)
        else:
            page_maker[index + 1] = item
    return page, resume_at
