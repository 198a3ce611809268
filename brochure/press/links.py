"""Link annotations of a tagged PDF: one per link, tagged as a Link, described in words.

WeasyPrint 70 gives every box inside an ``<a>`` its own link annotation. The QR code's SVG
inside its link therefore gets a second annotation, parented to the SVG's Figure element, and
PDF/UA-1 requires every link annotation to belong to a Link element (rule 7.18.5-1). That
duplicate lies inside the Link's own annotation with the same target, so removing it changes
nothing a reader can click.

WeasyPrint sets each annotation's ``/Contents`` (the description a screen reader announces) to
the bare address; links of the brochure get their label with it, so they make sense out of
context ("応募フォーム（https://…）").
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Name


def _box(rect) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = map(float, rect)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _contains(outer, inner, eps: float = 0.5) -> bool:
    (ox1, oy1, ox2, oy2), (ix1, iy1, ix2, iy2) = _box(outer), _box(inner)
    return ox1 - eps <= ix1 and oy1 - eps <= iy1 and ix2 <= ox2 + eps and iy2 <= oy2 + eps


def _uri(annot) -> str | None:
    action = annot.get("/A")
    return str(action.URI) if action is not None and "/URI" in action else None


def _drop_objr(element, annot) -> None:
    kids = element.get("/K")
    if isinstance(kids, Array):
        keep = [k for k in kids if not (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == Name.OBJR
                                        and k.Obj.objgen == annot.objgen)]
        element.K = Array(keep)


def tag_links(data: bytes, labels: dict[str, str]) -> bytes:
    """Fix the link annotations of a tagged PDF; an untagged PDF is returned unchanged.

    ``labels`` maps a URL to the words that describe it (the link's label).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if not fix_tagged_links(pdf, labels):
            return data
        out = io.BytesIO()
        # deterministic_id: the /ID is a hash of the content, not random (byte-identical builds)
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
        return out.getvalue()


def fix_tagged_links(pdf: pikepdf.Pdf, labels: dict[str, str]) -> bool:
    """:func:`tag_links` on an open PDF; False (and nothing changed) when it is not tagged."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root or "/Nums" not in root.ParentTree:
        return False
    nums = root.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    dropped: set[int] = set()
    for page in pdf.pages:
        links = [a for a in page.obj.get("/Annots", [])
                 if a.get("/Subtype") == Name.Link and _parent_tag(a, parents) == Name.Link]
        keep = []
        for annot in page.obj.get("/Annots", []):
            tag = _parent_tag(annot, parents)
            if annot.get("/Subtype") == Name.Link and tag not in (None, Name.Link) and any(
                    _uri(link) == _uri(annot) and _contains(link.Rect, annot.Rect) for link in links):
                _drop_objr(parents[int(annot.StructParent)], annot)
                dropped.add(int(annot.StructParent))
                continue
            keep.append(annot)
            uri = _uri(annot)
            if uri in labels:
                annot.Contents = pikepdf.String(f"{labels[uri]}（{uri}）")
        if "/Annots" in page.obj:
            page.obj.Annots = Array(keep)
    if dropped:
        root.ParentTree.Nums = Array([item for key, value in parents.items() if key not in dropped
                                      for item in (key, value)])
    return True


def _parent_tag(annot, parents):
    index = annot.get("/StructParent")
    if index is None or int(index) not in parents:
        return None
    return parents[int(index)].get("/S")
