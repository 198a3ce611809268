"""When a box of one document is the same as a box of another: element signatures and prints.

Watch mode lays a part out again after an edit, as a new document with new elements, boxes and
style objects. Most of its paragraphs did not change; their lines can be those of the previous
layout (:mod:`.linecache`) if their boxes are the same in every way the line depends on: the
same texts and the same computed styles.

**A computed style** is the cascade's result for an element (which selectors match it) and its
parent's computed style (inheritance), given the same stylesheets and page context (the
caller's *scope*). The selectors our stylesheets can use look at an element's tag and
attributes, its ancestors', its siblings' (``+``, ``~``, ``:nth-child``, ``:last-child``), and
whether it is empty (``:empty``); not at its text. So :func:`signatures` gives each element a
digest of its tag and attributes, its place among its siblings, its siblings' tags, attributes
and emptiness, and its parent's digest. Two elements with equal digests under the same scope
have equal computed styles. ``:has()`` makes a style depend on an element's descendants: a
stylesheet that uses it turns carrying off (:func:`content_sensitive`).

**A line's boxes** are then the same when :func:`line_print` is: for every box under the line
box, in order, its type, its element's signature, its tag (``p::before`` …), its text, its font
size (:mod:`.fitbox` scales a box's style before laying it out) and its number of children.
A box that refers to something outside itself — a replaced box (an image), a box whose
content waits for a page number (``missing_link``) — has no print: its line is not carried.
Each box printed keeps its element's signature (``print_sig``), and so do the copies layout
makes of it: a carried line's boxes belong to the earlier document's elements.

**A laid-out page** is then the same as a page of the earlier layout when :func:`page_prints`
says so: every box on it, in order, with its type, element signature, tag, text, font size,
position, size, margins, paddings and borders, its justification (:mod:`.justify`'s spacing)
and, for an image, its id (WeasyPrint derives it from the URL; photos are named by their
bytes). Watch mode then keeps the page's drawing from the earlier PDF (``press/parts.py``).

**The rest of a document** from where a page starts (:func:`rest_print`: the boxes along the
page's skip stack and everything after them, before layout) tells :mod:`.pagecarry` that a
page starting there lays out the same content as before. The boxes of a page it takes whole
keep their signatures (:func:`sign`) for the page prints of the documents after.

Prints are digests (BLAKE2b, 16 bytes) of the values packed by :func:`packed`.
"""

from __future__ import annotations

import io
import operator
import pickle
from hashlib import blake2b

def _digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


def packed(value) -> bytes:
    """``value`` (tuples, lists and dicts of strings, numbers, bytes and None) as bytes that
    depend on its contents only: pickled without the memo, which would make two equal values
    differ by which of their strings are one object. (15× faster than ``repr``.)"""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return b"repr\0" + repr(value).encode()  # something unusual in a style: by its repr
    return b"pickle\0" + buffer.getvalue()


def signatures(root) -> dict[int, bytes]:
    """``id(element)`` → signature for every element of the tree under ``root`` (the tree must
    stay alive while the ids are used)."""
    sigs = {id(root): _digest(repr((root.tag, sorted(root.attrib.items()))).encode())}
    stack = [root]
    while stack:
        parent = stack.pop()
        kids = list(parent)
        if not kids:
            continue
        shape = repr([(k.tag, sorted(k.attrib.items()), not (len(k) or k.text)) for k in kids])
        base = sigs[id(parent)] + shape.encode()
        for i, kid in enumerate(kids):
            sigs[id(kid)] = _digest(base + i.to_bytes(4, "big"))
        stack.extend(kids)
    return sigs


def content_sensitive(css_texts) -> bool:
    """Whether a stylesheet's selectors look at descendants (``:has()``): then an element's
    signature does not settle its style."""
    return any(":has(" in text for text in css_texts)


def _own(box, sigs) -> tuple:
    """What a box is before layout, itself: type, signature, tag, text, font size, children."""
    sig = getattr(box, "print_sig", None) or sigs.get(id(box.element))
    return (type(box).__name__, sig, box.element_tag, getattr(box, "text", None), box.style["font_size"],
            len(getattr(box, "children", None) or ()))


def line_print(linebox, sigs: dict[int, bytes]) -> bytes | None:
    """The print of a line box's content before it is laid out, or None if it has none. (Not
    :func:`_tree`'s, which :func:`rest_print` keeps for the document from a page's start: a
    line is printed when it is first asked for, after :mod:`.fitbox` has scaled its styles.)"""
    from weasyprint.formatting_structure.boxes import ReplacedBox

    entries = []
    stack = [linebox]
    while stack:
        box = stack.pop()
        if isinstance(box, ReplacedBox) or box.missing_link is not None:
            return None
        sig = sigs.get(id(box.element))
        if sig is None:
            return None
        box.print_sig = sig
        entries.append(_own(box, sigs))
        stack.extend(reversed(getattr(box, "children", None) or ()))
    return _digest(packed(entries))


_GEOMETRY = ("position_x", "position_y", "width", "height", "margin_top", "margin_right",
             "margin_bottom", "margin_left", "padding_top", "padding_right", "padding_bottom",
             "padding_left", "border_top_width", "border_right_width", "border_bottom_width",
             "border_left_width")


_geometry = operator.attrgetter(*_GEOMETRY)


def page_prints(pages) -> list[bytes]:
    """The print of each laid-out page (``weasyprint.Page``) of one document."""
    if not pages:
        return []
    root = pages[0]._page_box.children[0].element
    sigs = signatures(root)
    return [_page_print(page._page_box, sigs) for page in pages]


def _page_print(page_box, sigs: dict[int, bytes]) -> bytes:
    from weasyprint.formatting_structure.boxes import ReplacedBox, TextBox

    entries = []
    stack = [page_box]
    while stack:
        box = stack.pop()
        children = getattr(box, "children", None) or ()
        sig = getattr(box, "print_sig", None) or sigs.get(id(box.element))
        try:
            geometry = _geometry(box)
        except AttributeError:
            geometry = tuple(getattr(box, n, None) for n in _GEOMETRY)
        entry = (type(box).__name__, sig, box.element_tag, getattr(box, "text", None),
                 box.style["font_size"], len(children), geometry)
        if isinstance(box, TextBox):
            layout = getattr(box, "pango_layout", None)
            entry += (box.justification_spacing, getattr(layout, "jp_spacing", None),
                      getattr(layout, "jp_word_spacing", None))
        elif isinstance(box, ReplacedBox):
            image = box.replacement
            entry += (type(image).__name__, getattr(image, "id", None), getattr(image, "_key", None))
        entries.append(entry)
        stack.extend(reversed(children))
    return _digest(packed(entries))


def sign(box, sigs: dict[int, bytes]) -> None:
    """Give ``box`` its element's signature (``print_sig``), for a later document that takes
    it (:mod:`.pagecarry` signs every box of a page it files)."""
    if getattr(box, "print_sig", None) is None:
        sig = sigs.get(id(box.element))
        if sig is not None:
            box.print_sig = sig


_TREES: dict[int, tuple] = {}  # per document: id(box) → (box, print of its subtree)


def _tree(box, sigs) -> bytes | None:
    """The print of ``box`` and everything under it, before layout (None: not printable)."""
    from weasyprint.formatting_structure.boxes import ReplacedBox

    found = _TREES.get(id(box))
    if found is not None and found[0] is box:
        return found[1]
    if box.missing_link is not None:
        digest = None
    else:
        parts = [packed(_own(box, sigs))]
        if isinstance(box, ReplacedBox):
            parts.append(packed((box.element.get("src") if hasattr(box.element, "get") else None,)))
        for child in getattr(box, "children", None) or ():
            sub = _tree(child, sigs)
            if sub is None:
                parts = None
                break
            parts.append(sub)
        digest = None if parts is None else _digest(b"\0".join(parts))
    _TREES[id(box)] = (box, digest)
    return digest


def rest_print(root_box, skip_stack, sigs: dict[int, bytes]) -> bytes | None:
    """The print of the content a page starting at ``skip_stack`` lays out from there to the
    end of the document (the boxes before the layout), or None."""
    parts = []
    box, stack = root_box, skip_stack
    while True:
        parts.append(packed(_own(box, sigs)))
        children = getattr(box, "children", None)
        if stack is None or not children:
            rest = _tree(box, sigs)
            if rest is None:
                return None
            parts.append(rest + packed(stack))
            break
        if len(stack) != 1:
            return None
        (index, stack), = stack.items()
        if not 0 <= index < len(children):
            return None
        for child in children[index + 1:]:
            sub = _tree(child, sigs)
            if sub is None:
                return None
            parts.append(sub)
        parts.append(b"@%d" % index)
        box = children[index]
    return _digest(b"\0".join(parts))
