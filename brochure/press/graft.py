"""Join a tagged card (one small PDF/UA page) onto a page of a tagged document, keeping one
valid structure tree: what makes personalised screen copies cost a card's layout, not a
brochure's.

Drawing the card over the page is the easy part; a tagged PDF also says *what* every mark on
the page is, and that is where a plain overlay breaks PDF/UA:

- the card's content is appended to the page's own content (not drawn as a form XObject),
  its marked-content ids (MCIDs) renumbered after the page's, its resource names renamed
  so that they cannot collide with the page's (fonts, graphics states, colour spaces);
- the card's structure elements (the paragraphs, the Link, the QR code's Figure) are copied
  into the document's tree, right after the element named by ``after`` (the cover's title),
  their ``/Pg`` set to the page, each MCID entered in the page's ParentTree array;
- its link annotation goes on the page with a new ``/StructParent`` (ParentTree and
  ParentTreeNextKey updated), its ``/P`` the page, and the page keeps ``/Tabs /S``;
- the card's font subsets get subset tags of their own: WeasyPrint derives the tag from the
  font's description only, so the card's subset of a face would otherwise share its name
  with the document's (different) subset of the same face, which viewers may confuse.

Everything document-level (outline, /Lang, XMP metadata with the PDF/UA identification,
named destinations, page labels) is the document's, untouched.
"""

from __future__ import annotations

import io
import re

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator

from .increment import append_update
from .links import fix_tagged_links
from .subsets import retag_subsets

# Operators whose operand at this index is a resource name (and its category).
_RESOURCE_OPERANDS = {
    "Tf": (0, "/Font"), "gs": (0, "/ExtGState"), "Do": (0, "/XObject"), "sh": (0, "/Shading"),
    "cs": (0, "/ColorSpace"), "CS": (0, "/ColorSpace"), "BDC": (1, "/Properties"), "DP": (1, "/Properties"),
}


class GraftError(ValueError):
    """The card or the document is not what a graft needs (a bug of ours, not of the content)."""


def _kids(node) -> list:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _is_element(node) -> bool:
    return isinstance(node, Dictionary) and "/S" in node and node.get("/Type") not in (Name.OBJR, Name.MCR)


def _elements(node):
    """Structure elements below ``node`` in logical (reading) order, with their parents."""
    for kid in _kids(node):
        if _is_element(kid):
            yield kid, node
            yield from _elements(kid)


def _on_page(element, page) -> bool:
    pg = element.get("/Pg")
    return pg is not None and pg.objgen == page.objgen


def _card_elements(top: pikepdf.Pdf) -> list:
    """The card's own elements: the children of its <section> (Sect), else of its Document."""
    root = top.Root.get("/StructTreeRoot")
    if root is None:
        raise GraftError("the card is not a tagged PDF")
    for element, _ in _elements(root):
        if element.S == Name.Sect:
            return [k for k in _kids(element) if _is_element(k)]
    document = [k for k in _kids(root) if _is_element(k)]
    if len(document) == 1 and document[0].S == Name.Document:
        return [k for k in _kids(document[0]) if _is_element(k)]
    return document


def _insertion_point(root, page, after: str) -> tuple[Dictionary, int]:
    """(parent, index) where the card's elements go: right after the first ``after`` element
    on ``page`` (the cover's title); else at the end of the first element on the page."""
    first = None
    for element, parent in _elements(root):
        if not _on_page(element, page):
            continue
        if element.S == Name(after):
            kids = _kids(parent)
            index = next(i for i, k in enumerate(kids) if isinstance(k, Dictionary) and k.objgen == element.objgen)
            return parent, index + 1
        first = first or element
    if first is None:
        raise GraftError("the page has no structure element to attach the card to")
    return first, len(_kids(first))


def _detach(elements: list) -> None:
    """Cut the card's elements loose from its page and tree before they are copied (a copy
    follows every reference: /P and /Pg would drag the card's whole page and tree along)."""
    def walk(node):
        for key in ("/P", "/Pg"):
            if key in node:
                del node[key]
        for kid in _kids(node):
            if not isinstance(kid, Dictionary):
                continue
            if kid.get("/Type") == Name.OBJR:
                if "/Pg" in kid:
                    del kid["/Pg"]
                if "/P" in kid.Obj:
                    del kid.Obj["/P"]
            elif kid.get("/Type") == Name.MCR:
                if "/Pg" in kid:
                    del kid["/Pg"]
            elif _is_element(kid):
                walk(kid)
    for element in elements:
        walk(element)


def _unique_names(resources: Dictionary, taken: Dictionary) -> dict[str, dict[str, str]]:
    """category → old name → new name for every card resource, none taken by the page."""
    renames: dict[str, dict[str, str]] = {}
    for category in resources.keys():
        entries = resources[category]
        if not isinstance(entries, Dictionary):
            continue
        used = set(taken[category].keys()) if category in taken and isinstance(taken[category], Dictionary) else set()
        mapping = {}
        for name in entries.keys():
            new, n = f"/card{name[1:]}", 2
            while new in used:
                new, n = f"/card{n}{name[1:]}", n + 1
            used.add(new)
            mapping[name] = new
        renames[category] = mapping
    return renames


_NAME_BEFORE_OPERATOR = re.compile(
    rb"/([^\s/\[\]<>(){}%]+)((?:\s+[-+]?[\d.]+)*\s*)(Tf|gs|Do|sh|cs|CS|scn|SCN|BDC|DP)(?![^\s/\[\]<>(){}%])")
_MCID = re.compile(rb"/MCID\s+(\d+)")
_UNSAFE_FOR_PATTERNS = re.compile(rb"[()]|(?<![^\s])(?:BI|ID)(?![^\s])")  # literal strings, inline images


def _rewrite_content(data: bytes, renames: dict[str, dict[str, str]], mcid_offset: int) -> bytes:
    """The card's content with its resource names renamed and its MCIDs moved up.

    WeasyPrint writes text as hex strings and no inline images, so every name that is an
    operand of a resource operator (``/F 9 Tf``, ``/a1 gs``, ``/x0 Do``, ``/P0 scn``) can be
    found by a pattern, and so can every ``/MCID n`` (only property lists hold it): about ten
    times faster than parsing the QR code's thousands of path operators. Content with literal
    strings or inline images, where a pattern could match inside data, is parsed instead."""
    if _UNSAFE_FOR_PATTERNS.search(data):
        return _rewrite_parsed(data, renames, mcid_offset)
    category = {op: name for op, (_, name) in _RESOURCE_OPERANDS.items()}
    category.update({"scn": "/Pattern", "SCN": "/Pattern"})

    def name(match: re.Match) -> bytes:
        op = match.group(3).decode()
        new = renames.get(category[op], {}).get("/" + match.group(1).decode("latin-1"))
        return (new.encode("latin-1") if new else b"/" + match.group(1)) + match.group(2) + match.group(3)

    data = _NAME_BEFORE_OPERATOR.sub(name, data)
    return _MCID.sub(lambda m: b"/MCID %d" % (int(m.group(1)) + mcid_offset), data)


def _rewrite_parsed(data: bytes, renames: dict[str, dict[str, str]], mcid_offset: int) -> bytes:
    """:func:`_rewrite_content` by parsing every operator (any content)."""
    out = []
    for operands, operator in _parse(data):
        op = str(operator)
        if op in _RESOURCE_OPERANDS:
            index, category = _RESOURCE_OPERANDS[op]
            if len(operands) > index and isinstance(operands[index], Name):
                new = renames.get(category, {}).get(str(operands[index]))
                if new:
                    operands = [*operands[:index], Name(new), *operands[index + 1:]]
        elif op in ("scn", "SCN") and operands and isinstance(operands[-1], Name):
            new = renames.get("/Pattern", {}).get(str(operands[-1]))
            if new:
                operands = [*operands[:-1], Name(new)]
        if op in ("BDC", "DP") and len(operands) == 2 and isinstance(operands[1], Dictionary) \
                and "/MCID" in operands[1]:
            properties = Dictionary({k: v for k, v in operands[1].items()})
            properties.MCID = int(properties.MCID) + mcid_offset
            operands = [operands[0], properties]
        out.append((operands, operator))
    return pikepdf.unparse_content_stream(out)


def _parse(data: bytes):
    with pikepdf.new() as scratch:
        return [(list(item.operands), item.operator) if not isinstance(item, pikepdf.ContentStreamInlineImage)
                else ([item.iimage], Operator("INLINE IMAGE"))
                for item in pikepdf.parse_content_stream(scratch.make_stream(data))]


def _page_parent_array(root, page, pdf) -> tuple[int, Array]:
    """(StructParents key, MCID → element array) of ``page``; created if the page has none."""
    tree = pikepdf.NumberTree(root.ParentTree)
    if "/StructParents" in page.obj:
        key = int(page.obj.StructParents)
        if key in tree:
            return key, tree[key]
    key = _next_key(root, tree)
    array = pdf.make_indirect(Array())
    tree[key] = array
    page.obj.StructParents = key
    root.ParentTreeNextKey = key + 1
    return key, array


def _next_key(root, tree) -> int:
    keys = [int(k) for k in tree.keys()]
    nxt = max(keys) + 1 if keys else 0
    if "/ParentTreeNextKey" in root:
        nxt = max(nxt, int(root.ParentTreeNextKey))
    return nxt


def graft(base: bytes, page: int, card: bytes, *, after: str = "/H1", labels: dict[str, str] | None = None) -> bytes:
    """``base`` with the first page of the tagged ``card`` joined onto its page ``page`` (same
    size), the card's structure elements in the document's tree right after the first
    ``after`` element of that page. ``labels`` (URL → words) describe the card's links."""
    with pikepdf.open(io.BytesIO(base)) as pdf, pikepdf.open(io.BytesIO(card)) as top:
        target, layer = pdf.pages[page], top.pages[0]
        if [float(x) for x in target.mediabox] != [float(x) for x in layer.mediabox]:
            raise GraftError("the card page and the page it goes on differ in size")
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            raise GraftError("the document is not a tagged PDF")
        fix_tagged_links(top, labels or {})
        first_new = int(pdf.trailer.Size)  # objects from here on are made by this graft

        # The card's pieces, cut loose and copied over in one go (shared objects once).
        elements = _card_elements(top)
        annots = [a for a in layer.obj.get("/Annots", [])]
        _detach(elements)
        resources = layer.obj.get("/Resources", Dictionary())
        retag_subsets(resources)
        renames = _unique_names(resources, target.obj.get("/Resources", Dictionary()))
        renamed = Dictionary({category: Dictionary({renames[category][name]: value
                                                    for name, value in resources[category].items()})
                              for category in renames})
        holder = top.make_indirect(Array([Array(elements), Array(annots), renamed]))
        copied = pdf.copy_foreign(holder)
        new_elements, new_annots, new_resources = list(copied[0]), list(copied[1]), copied[2]

        # Resources: the page's own (possibly shared with other pages), plus the card's.
        page_resources = target.obj.get("/Resources", Dictionary())
        merged = Dictionary({k: v for k, v in page_resources.items()})
        for category in new_resources.keys():
            own = merged.get(category)
            entries = Dictionary({k: v for k, v in own.items()}) if isinstance(own, Dictionary) else Dictionary()
            for name, value in new_resources[category].items():
                entries[name] = value
            merged[category] = entries
        target.obj.Resources = merged

        # Content: the page's own, wrapped in q/Q (WeasyPrint leaves its flip matrix set), then the card's.
        key, mcids = _page_parent_array(root, target, pdf)
        offset = len(mcids)
        card_content = b"".join(s.read_bytes() for s in
                                (layer.obj.Contents if isinstance(layer.obj.Contents, Array) else [layer.obj.Contents]))
        target.contents_add(pdf.make_stream(b"q\n"), prepend=True)
        target.contents_add(pdf.make_stream(b"\nQ\n" + _rewrite_content(card_content, renames, offset)))

        # Structure: into the tree after the title; MCIDs into the page's ParentTree array.
        parent, index = _insertion_point(root, target, after)
        kids = _kids(parent)
        parent.K = Array(kids[:index] + new_elements + kids[index:])
        tree = pikepdf.NumberTree(root.ParentTree)
        next_key = _next_key(root, tree)
        by_mcid: dict[int, Dictionary] = {}
        annot_ids = {a.objgen for a in new_annots}

        def adopt(element, parent_element):
            nonlocal next_key
            element.P = parent_element
            element.Pg = target.obj
            new_kids = []
            for kid in _kids(element):
                if isinstance(kid, int):
                    mcid = int(kid) + offset
                    by_mcid[mcid] = element
                    new_kids.append(mcid)
                elif kid.get("/Type") == Name.MCR:
                    kid.MCID = int(kid.MCID) + offset
                    kid.Pg = target.obj
                    by_mcid[int(kid.MCID)] = element
                    new_kids.append(kid)
                elif kid.get("/Type") == Name.OBJR:
                    kid.Pg = target.obj
                    if kid.Obj.objgen in annot_ids:
                        kid.Obj.P = target.obj
                        kid.Obj.StructParent = next_key
                        tree[next_key] = element
                        next_key += 1
                    new_kids.append(kid)
                else:
                    adopt(kid, element)
                    new_kids.append(kid)
            element.K = Array(new_kids)

        for element in new_elements:
            adopt(element, parent)
        for mcid in sorted(by_mcid):
            while len(mcids) < mcid:  # an MCID the card never used: keep the array dense
                mcids.append(None)
            mcids.append(by_mcid[mcid])
        root.ParentTreeNextKey = next_key
        for annot in new_annots:
            if "/StructParent" not in annot or annot.get("/P") is None:
                raise GraftError("a link annotation of the card has no structure element")
        if new_annots:
            target.obj.Annots = pdf.make_indirect(Array(list(target.obj.get("/Annots", [])) + new_annots))
        target.obj.Tabs = Name.S  # tab order = structure order (PDF/UA 7.18.3)

        # Written as an incremental update of the shared file (the objects changed here, the
        # copied ones), else saved whole.
        changed = [target.obj, root, parent]
        if root.ParentTree.is_indirect:
            changed.append(root.ParentTree)
        if mcids.is_indirect:
            changed.append(mcids)
        if "/Kids" not in root.ParentTree:  # a flat number tree: set in place, nothing else changed
            data = append_update(base, pdf, changed, first_new)
            if data is not None:
                return data
        buffer = io.BytesIO()
        # fix_metadata_version=False: the document's XMP (PDF/UA identification) stays as it is.
        pdf.save(buffer, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 deterministic_id=True, fix_metadata_version=False)
        return buffer.getvalue()
