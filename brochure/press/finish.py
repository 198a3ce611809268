"""Post-processing of a rendered edition: PDF/X-4 and crop marks, in one pikepdf pass."""

from __future__ import annotations

import io
import json
from typing import Callable

import pikepdf

from .marks import add_crop_marks
from .pdfx import PDF_VERSION, make_pdfx4
from ..content.iccprofile import OutputProfile


PLAN_NS = "https://brochure.invalid/ns/plan/1.0/"  # XMP namespace of the embedded page plan
PLAN_KEY = "{" + PLAN_NS + "}plan"
INPUTS_KEY = "{" + PLAN_NS + "}inputs"  # the digest of what the PDF was made from (brochure.inputs)


def embed_plan(data: bytes, plan: list[dict], inputs: str | None = None) -> bytes:
    """The planner's sections, pages and variants kept in the XMP metadata, where
    ``brochure check`` reads them (:attr:`brochure.check.document.PrintedDocument.plan`), and
    the digest of the build's inputs (``inputs``), by which ``check`` knows the PDF is current."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta[PLAN_KEY] = json.dumps(plan, ensure_ascii=False, separators=(",", ":"))
            if inputs:
                meta[INPUTS_KEY] = inputs
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def finish(data: bytes, *, pdfx: bool, marks: bool, profile: OutputProfile | None = None,
           spot: tuple[str, tuple[float, float, float, float]] | None = None,
           then: Callable[[pikepdf.Pdf], None] | None = None) -> bytes:
    """The PDF ready for its reader: PDF/X-4 if ``pdfx`` (output intent ``profile``, default
    the bundled FOGRA39), the logo's spot colour ``spot`` (name, CMYK alternate) as a
    Separation (print edition), on a marked sheet if ``marks``; ``then`` is given the finished
    file before it is saved (watch: press/keptpages.py)."""
    if not (pdfx or marks or then):
        return data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdfx:
            make_pdfx4(pdf, profile)
            if spot:
                from .spot import add_spot_colour

                add_spot_colour(pdf, *spot)
        if marks:
            add_crop_marks(pdf)
        if then is not None:
            then(pdf)
        out = io.BytesIO()
        # deterministic_id: the same content gives the same file identifier.
        pdf.save(out, deterministic_id=True, force_version=PDF_VERSION if pdfx else None)
        return out.getvalue()
