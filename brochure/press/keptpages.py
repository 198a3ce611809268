"""Watch mode: a page that did not change keeps its drawing from the part's earlier PDF.

After an edit, a section is laid out again, and most of its pages are often the same as
before: an answer edited on the first page of an interview leaves the second page's lines
where they were. :func:`.render.boxprints.page_prints` says which pages are the same box for
box. The part is then written with those pages left empty (``render.pdf.write_pdf(...,
unpainted=)``): the document's outline, named destinations, links and page boxes are the new
layout's, as always. :func:`put_back` then gives each such page the content stream and the
resources it had in the earlier finished PDF (fonts subset for that PDF, images, colour
spaces: PDF/X-finished already), each page's resources cut down to what its stream uses.
Drawing, folding the text gaps and compressing are then paid for the changed pages only.
"""

from __future__ import annotations

import io

import pikepdf


def _indirect(pdf: pikepdf.Pdf, obj):
    """``obj`` as an indirect object of ``pdf`` (what ``copy_foreign`` takes): a page kept
    from an earlier PDF has its own direct resources dictionary."""
    return obj if obj.is_indirect else pdf.make_indirect(obj)


def put_back(pdf: pikepdf.Pdf, earlier: bytes, pages: list[int]) -> None:
    """Draw ``pages`` of ``pdf`` (a finished part, those pages written empty) as they are in
    ``earlier`` (the same part, finished, before the edit)."""
    with pikepdf.open(io.BytesIO(earlier)) as before:
        for i in pages:
            page, old = pdf.pages[i], before.pages[i]
            page.obj.Contents = pdf.copy_foreign(_indirect(before, old.obj.Contents))
            resources = pdf.copy_foreign(_indirect(before, old.obj.Resources))  # maybe shared
            page.obj.Resources = pdf.make_indirect(pikepdf.Dictionary({
                key: pikepdf.Dictionary(dict(value.items())) if isinstance(value, pikepdf.Dictionary) else value
                for key, value in resources.items()}))  # the page's own, to be cut down
            page.remove_unreferenced_resources()
