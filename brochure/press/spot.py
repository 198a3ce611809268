"""The logo's spot colour (特色) in the print edition: a ``/Separation`` colour space.

The print edition's logo paints its primary-colour parts with a marker colour
(``assets.brand.SPOT_MARKER``, written by WeasyPrint as ``/DeviceCMYK cs c m y k scn``). Here
each such pair becomes ``/BrandSpot cs 1 scn`` (``CS``/``SCN`` for strokes), and every resource
dictionary of a content stream that uses it gets ``/BrandSpot`` = ``[/Separation /<name>
/DeviceCMYK <tint transform>]``: the shop's RIP prints the spot plate; anything that does not
know the ink shows the alternate, the primary's CMYK (a type 2 function from paper to it).
PDF/X-4 allows Separation spaces with a DeviceCMYK alternate under a CMYK output intent.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name

from ..assets.brand import SPOT_MARKER, SPOT_RESOURCE


def _is_marker(operands) -> bool:
    return len(operands) == 4 and all(abs(float(v) - m) < 5e-5 for v, m in zip(operands, SPOT_MARKER))


def separation(pdf: pikepdf.Pdf, name: str, cmyk: tuple[float, float, float, float]) -> pikepdf.Object:
    tint = Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([0, 0, 0, 0]),
                      C1=Array([round(c, 4) for c in cmyk]), N=1)
    return pdf.make_indirect(Array([Name.Separation, Name("/" + name), Name.DeviceCMYK, pdf.make_indirect(tint)]))


def _rewrite(stream_owner) -> bool:
    """Replace marker colours in one content stream; True if any was replaced."""
    ops = pikepdf.parse_content_stream(stream_owner)
    out, changed = [], False
    for i, (operands, op) in enumerate(ops):
        name = str(op)
        if name in ("scn", "sc", "SCN", "SC") and _is_marker(operands):
            setter = "cs" if name.islower() else "CS"
            if out and str(out[-1][1]) == setter:
                out.pop()  # the /DeviceCMYK cs before it
            out.append(([Name("/" + SPOT_RESOURCE)], pikepdf.Operator(setter)))
            out.append(([1], pikepdf.Operator(name)))
            changed = True
        else:
            out.append((operands, op))
    if changed:
        data = pikepdf.unparse_content_stream(out)
        if isinstance(stream_owner, pikepdf.Page):
            stream_owner.contents_coalesce()
            stream_owner.obj.Contents.write(data)
        else:
            stream_owner.write(data)
    return changed


def add_spot_colour(pdf: pikepdf.Pdf, name: str, cmyk: tuple[float, float, float, float]) -> int:
    """Turn the logo's marker colour into the spot colour ``name``; returns the streams changed."""
    space = None
    changed = 0
    owners = [page for page in pdf.pages]
    owners += [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
               and obj.get("/Subtype") == Name.Form]
    for owner in owners:
        if not _rewrite(owner):
            continue
        changed += 1
        space = space or separation(pdf, name, cmyk)
        holder = owner.obj if isinstance(owner, pikepdf.Page) else owner
        if "/Resources" not in holder:
            holder.Resources = Dictionary()
        if "/ColorSpace" not in holder.Resources:
            holder.Resources.ColorSpace = Dictionary()
        holder.Resources.ColorSpace[Name("/" + SPOT_RESOURCE)] = space
    return changed
