"""What a layout hook keeps for one document, dropped when WeasyPrint lays out another.

:mod:`.phrasewidths` and :mod:`.linecache` key what they keep by box and style ids, which mean
nothing in the next document. Each hands its store to :func:`drop_with_each_document`; one
wrap of ``Document._render`` empties every store before and after each layout, and tells
:func:`current_root` the document's element tree while it is laid out.
"""

from __future__ import annotations

_STORES: list[dict] = []
_INSTALLED = False
_ROOTS: list = []  # the element tree of each document being laid out (innermost last)


def current_root():
    """The root element of the document WeasyPrint is laying out (None between layouts)."""
    return _ROOTS[-1] if _ROOTS else None


def drop_with_each_document(store: dict) -> None:
    """Empty ``store`` before and after every document WeasyPrint lays out (idempotent)."""
    global _INSTALLED
    if not any(s is store for s in _STORES):
        _STORES.append(store)
    if _INSTALLED:
        return
    from weasyprint.document import Document

    original_render = Document._render.__func__

    def _render(cls, html, *args, **kwargs):
        _clear()  # a new document: new boxes, new styles
        _ROOTS.append(html.etree_element)
        try:
            return original_render(cls, html, *args, **kwargs)
        finally:
            _ROOTS.pop()
            _clear()

    Document._render = classmethod(_render)
    _INSTALLED = True


def _clear() -> None:
    for store in _STORES:
        store.clear()
