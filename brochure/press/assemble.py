"""Join PDFs made separately (one per section, or shared pages + a personal cover) into one.

Appending pages is the easy part; what makes the result equal to a single render is what
lives outside the pages: the outline (bookmarks), named destinations, page labels, and link
annotations whose destination is a page. Those point at page objects of their own file, so
they are re-pointed at the pages of the joined file here. Document-level entries (metadata,
language, output intents) come from the first part, as WeasyPrint writes the same head into
every part.

Fonts: each part carries its own subsets, so a face used in several parts is embedded once
per part. That costs file size (≈15 % for the sample split into ten parts), never glyphs.
"""

from __future__ import annotations

import io
import warnings
from hashlib import blake2b
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem

from .subsets import retag_subsets


@dataclass
class _Bookmark:
    title: str
    page: int  # index in the joined file
    view: list  # the rest of the destination array: /XYZ left top zoom, /Fit, ...
    is_closed: bool
    children: list["_Bookmark"] = field(default_factory=list)


def _page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.objgen: i for i, page in enumerate(pdf.pages)}


def _dest_parts(dest, index: dict[tuple[int, int], int]) -> tuple[int, list] | None:
    """(page index, view) of an explicit destination array; None when it is not one."""
    if not isinstance(dest, Array) or len(dest) == 0:
        return None
    target = dest[0]
    if isinstance(target, pikepdf.Dictionary) and target.is_indirect:
        page = index.get(target.objgen)
    elif isinstance(target, int):
        page = int(target)
    else:
        return None
    return (page, list(dest[1:])) if page is not None else None


def _read_outline(pdf: pikepdf.Pdf, offset: int) -> list[_Bookmark]:
    index = _page_index(pdf)

    def walk(items) -> list[_Bookmark]:
        marks = []
        for item in items:
            dest = item.destination
            if dest is None and item.action is not None and item.action.get("/S") == "/GoTo":
                dest = item.action.get("/D")
            parts = _dest_parts(dest, index)
            page, view = parts if parts else (0, [Name.Fit])
            marks.append(_Bookmark(str(item.title), page + offset, view, item.is_closed,
                                   walk(item.children)))
        return marks

    with pdf.open_outline() as outline:
        return walk(outline.root)


def _write_outline(out: pikepdf.Pdf, marks: list[_Bookmark]) -> None:
    def make(mark: _Bookmark) -> OutlineItem:
        item = OutlineItem(mark.title, Array([out.pages[mark.page].obj, *mark.view]))
        item.is_closed = mark.is_closed
        item.children.extend(make(child) for child in mark.children)
        return item

    with out.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(make(mark) for mark in marks)


def _read_named_dests(pdf: pikepdf.Pdf, offset: int) -> dict[str, tuple[int, list]]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    index = _page_index(pdf)
    found = {}
    for name, dest in pikepdf.NameTree(names.Dests).items():
        if isinstance(dest, Dictionary):
            dest = dest.get("/D")
        parts = _dest_parts(dest, index)
        if parts:
            found[name] = (parts[0] + offset, parts[1])
    return found


def section_starts(pdf: pikepdf.Pdf) -> dict[int, int]:
    """Section index → 1-based page where it starts, from the ``section-N`` named destinations
    (N: the section's index in brochure.yaml's ``sections``; the id of its element)."""
    return {int(name[8:]): page + 1 for name, (page, _) in _read_named_dests(pdf, 0).items()
            if name.startswith("section-") and name[8:].isdigit()}


def _write_named_dests(out: pikepdf.Pdf, dests: dict[str, tuple[int, list]]) -> None:
    if "/Names" in out.Root:
        if "/Dests" in out.Root.Names:
            del out.Root.Names["/Dests"]
    if not dests:
        return
    if "/Names" not in out.Root:
        out.Root.Names = Dictionary()
    tree = pikepdf.NameTree.new(out)
    for name in sorted(dests):
        page, view = dests[name]
        tree[name] = Array([out.pages[page].obj, *view])
    out.Root.Names.Dests = tree.obj


def _unlink_page_refs(pdf: pikepdf.Pdf) -> None:
    """Replace page references in link annotations by page numbers, before the copy.

    Copying a page copies everything it refers to: a link to another page would drag a
    detached duplicate of that page along. Numbers are turned back into references after.
    """
    index = _page_index(pdf)
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            for holder, key in ((annot, "/Dest"), (annot.get("/A"), "/D")):
                if holder is None or key not in holder:
                    continue
                parts = _dest_parts(holder[key], index)
                if parts:
                    holder[key] = Array([parts[0], *parts[1]])
            if "/P" in annot:
                del annot["/P"]


def _relink_page_refs(out: pikepdf.Pdf, first: int, last: int, offset: int) -> None:
    for page in list(out.pages)[first:last]:
        for annot in page.obj.get("/Annots", []):
            for holder, key in ((annot, "/Dest"), (annot.get("/A"), "/D")):
                if holder is None or key not in holder:
                    continue
                dest = holder[key]
                if isinstance(dest, Array) and len(dest) and isinstance(dest[0], int):
                    holder[key] = Array([out.pages[int(dest[0]) + offset].obj, *list(dest[1:])])


def _read_page_labels(pdf: pikepdf.Pdf, offset: int) -> list[tuple[int, Dictionary]]:
    labels = pdf.Root.get("/PageLabels")
    if labels is None:
        return []
    return [(start + offset, Dictionary(dict(style)))
            for start, style in pikepdf.NumberTree(labels).items()]


# The parts of the last assemble but its first, opened and read (watch joins the same parts
# again and again, one of them new): id(bytes) → _Opened. The first part is opened anew each
# time: the pages of the others are added to it.
_OPENED: dict[int, "_Opened"] = {}


@dataclass
class _Opened:
    data: bytes  # kept: its id is the key
    pdf: pikepdf.Pdf  # page references in its links already turned into numbers
    marks: list[_Bookmark]  # outline, destinations and labels, at offset 0
    dests: dict[str, tuple[int, list]]
    labels: list[tuple[int, Dictionary]]


_STATIC_ID = b"<31415926535897932384626433832795>"  # what qpdf writes for static_id


def _saved(out: pikepdf.Pdf, parts: list["_Opened"]) -> bytes:
    """``out`` saved with a file identifier made from its parts' own (each a digest of that
    part's bytes): the same parts, the same bytes, without hashing the joined file again as
    ``deterministic_id`` does (≈3 ms for the sample). qpdf keeps the first part's first
    element and writes a constant second one, which is replaced here (same length)."""
    ids = [part.pdf.trailer.get("/ID") for part in parts]
    buffer = io.BytesIO()
    if all(i is not None and len(i) == 2 for i in ids):
        out.save(buffer, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 static_id=True)
        data = buffer.getvalue()
        if data.count(_STATIC_ID) == 1:
            digest = blake2b(b"\0".join(bytes(i[1]) for i in ids), digest_size=16).hexdigest()
            return data.replace(_STATIC_ID, f"<{digest}>".encode())
        buffer = io.BytesIO()
    out.save(buffer, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
             deterministic_id=True)
    return buffer.getvalue()


def _shifted(marks: list[_Bookmark], offset: int) -> list[_Bookmark]:
    return [_Bookmark(m.title, m.page + offset, m.view, m.is_closed, _shifted(m.children, offset)) for m in marks]


def _open(data: bytes, unlink: bool, cached: bool) -> _Opened:
    found = _OPENED.get(id(data)) if cached else None
    if found is not None and found.data is data:
        return found
    pdf = pikepdf.open(io.BytesIO(data))
    opened = _Opened(data, pdf, _read_outline(pdf, 0), _read_named_dests(pdf, 0), _read_page_labels(pdf, 0))
    if unlink:
        _unlink_page_refs(pdf)
    return opened


def assemble(parts: list[bytes]) -> bytes:
    """One PDF holding every page of ``parts`` in order, with outline, destinations and labels."""
    if not parts:
        raise ValueError("nothing to assemble")
    ids = [id(data) for data in parts]
    once = {i for i in ids[1:] if ids.count(i) == 1}  # the same bytes twice: copies, not kept
    first = _open(parts[0], unlink=False, cached=False)  # the joined file: opened anew
    rest = [_open(data, unlink=True, cached=id(data) in once) for data in parts[1:]]
    kept = {id(part.data): part for part in rest if id(part.data) in once}
    try:
        out = first.pdf
        marks, dests, labels = [], {}, []
        offset = 0
        for part in [first, *rest]:
            marks += _shifted(part.marks, offset)
            dests.update({name: (page + offset, view) for name, (page, view) in part.dests.items()})
            labels += [(start + offset, style) for start, style in part.labels]
            offset += len(part.pdf.pages)
        offset = len(out.pages)
        for part in rest:
            count = len(part.pdf.pages)
            with warnings.catch_warnings():
                # pikepdf warns that named destinations are not carried over: done below.
                warnings.simplefilter("ignore")
                out.pages.extend(part.pdf.pages)
            _relink_page_refs(out, offset, offset + count, offset)
            offset += count
        _write_outline(out, marks)
        _write_named_dests(out, dests)
        if labels:
            tree = pikepdf.NumberTree.new(out)
            for start, style in labels:
                tree[start] = style
            out.Root.PageLabels = tree.obj
        return _saved(out, [first, *rest])
    finally:
        for part in [first, *rest]:
            if kept.get(id(part.data)) is not part:
                part.pdf.close()
        for key, part in _OPENED.items():
            if kept.get(key) is not part:
                part.pdf.close()
        _OPENED.clear()
        _OPENED.update(kept)


def _overlay(target: pikepdf.Page, layer: pikepdf.Page) -> None:
    """``target.add_overlay(layer)`` with a resource name of our own: pikepdf's is random, so
    the same card would give other bytes at every run."""
    formx = layer.as_form_xobject()
    existing = target.obj.get("/Resources", {}).get("/XObject", {})
    name = next(Name(f"/BrochureCard{i}") for i in range(len(existing) + 1)
                if f"/BrochureCard{i}" not in existing)
    target.add_resource(formx, Name.XObject, name=name)
    placement = target.calc_form_xobject_placement(formx, name, pikepdf.Rectangle(target.mediabox),
                                                   allow_shrink=True, allow_expand=True)
    target.contents_add(b"q\n", prepend=True)
    target.contents_add(b"Q\n", prepend=False)
    target.contents_add(placement, prepend=False)
    target.contents_coalesce()


def stamp(base: bytes, page: int, overlay: bytes, links: bool = True, srgb: bool = False) -> bytes:
    """``base`` with the first page of ``overlay`` drawn over its page ``page`` (same size),
    with the overlay's link annotations unless ``links`` is false (PDF/X allows none); with
    ``srgb``, the overlay's RGB colours are tagged sRGB first (PDF/X-4, as ``press.pdfx`` does)."""
    with pikepdf.open(io.BytesIO(base)) as pdf, pikepdf.open(io.BytesIO(overlay)) as top:
        if srgb:
            from .pdfx import tag_rgb_as_srgb

            tag_rgb_as_srgb(top)
        target, layer = pdf.pages[page], top.pages[0]
        if [float(x) for x in target.mediabox] != [float(x) for x in layer.mediabox]:
            raise ValueError("the overlay page and the page it goes on differ in size")
        if "/Resources" in layer.obj:
            retag_subsets(layer.obj.Resources)  # its own subset names (see press/subsets.py)
        _overlay(target, layer)
        annots = [pdf.copy_foreign(a) for a in layer.obj.get("/Annots", [])] if links else []
        for annot in annots:
            if "/P" in annot:
                annot.P = target.obj
        if annots:
            existing = list(target.obj.get("/Annots", []))
            target.obj.Annots = pdf.make_indirect(Array(existing + annots))
        buffer = io.BytesIO()
        # deterministic_id: the same base and card give the same bytes (the /ID a hash, not random).
        pdf.save(buffer, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 deterministic_id=True)
        return buffer.getvalue()
