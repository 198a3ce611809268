"""The preferred widths of BudouX phrases, measured once per layout.

Display text is set by phrases (``phrases``: each phrase an inline-block, ``.ph``). WeasyPrint
sizes an inline-block by shrink-to-fit: its min-content and max-content widths, each found by
breaking its text with Pango. It asks again for every layout of the phrase — each pass of a
flex container (the vision's pillars, the figures, the org chart's boxes), each line the
phrase is tried on — and the answer is always the same: a phrase's preferred widths depend
only on its text and the computed styles of its boxes (its margins, 和欧間 and letter spacing
are in those styles). In the sample's print edition four phrase widths in five were asked for
again: ≈0.13 s of 1.0 s of layout.

So ``preferred.min_content_width`` and ``max_content_width`` are wrapped (:func:`install`,
idempotent, with the other layout hooks): for a ``.ph`` inline-block (and a URL's ``.up``
pieces, the same kind of box) the answer is kept,
keyed by ``outer`` and, for each box of the phrase, its type, its style object and its text.
The style objects are kept with the answer (their ids cannot be reused meanwhile); a phrase
that ``fitbox`` set smaller has new style objects, hence a new key. The answers are dropped
when a new document is laid out. The PDFs are the same, byte for byte (tests/test_weasy.py).
"""

from __future__ import annotations

from . import perdocument

# The inline-blocks measured once: BudouX phrases, and the pieces a printed URL is cut into
# (``.url .up``, styles/typeset.css), the same kind of box.
MEASURED_ONCE = frozenset({"ph", "up"})
_INSTALLED = False
_KEPT: dict[tuple, tuple[float, list]] = {}  # key → (width, the style objects of its boxes)


def _is_phrase(box, inline_block) -> bool:
    if type(box) is not inline_block:
        return False
    element = getattr(box, "element", None)
    return element is not None and hasattr(element, "get") and not MEASURED_ONCE.isdisjoint(
        (element.get("class") or "").split())


def _key(kind: str, outer: bool, box) -> tuple[tuple, list]:
    parts, styles, stack = [], [], [box]
    while stack:
        b = stack.pop()
        styles.append(b.style)
        parts.append((type(b), id(b.style), getattr(b, "text", None)))
        children = getattr(b, "children", None)
        if children:
            stack.extend(reversed(children))
    return (kind, outer, tuple(parts)), styles


def install() -> None:
    """Wrap WeasyPrint's preferred widths where its layout modules look them up (once)."""
    global _INSTALLED
    if _INSTALLED:
        return
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import flex, grid, page, preferred

    inline_block = boxes.InlineBlockBox

    def kept(kind: str, measure):
        def width(context, box, outer=True):
            if not _is_phrase(box, inline_block):
                return measure(context, box, outer)
            key, styles = _key(kind, outer, box)
            found = _KEPT.get(key)
            if found is None:
                found = _KEPT[key] = (measure(context, box, outer), styles)
            return found[0]
        width.kept_phrase_widths = True
        return width

    min_width = kept("min", preferred.min_content_width)
    max_width = kept("max", preferred.max_content_width)
    for module in (preferred, flex, grid, page):  # each imported the names for itself
        if hasattr(module, "min_content_width"):
            module.min_content_width = min_width
        if hasattr(module, "max_content_width"):
            module.max_content_width = max_width
    perdocument.drop_with_each_document(_KEPT)
    _INSTALLED = True
