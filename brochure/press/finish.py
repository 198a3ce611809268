"""Post-processing of a rendered edition: PDF/X-4 and crop marks, in one pikepdf pass."""

from __future__ import annotations

import io

import pikepdf

from .marks import add_crop_marks
from .pdfx import PDF_VERSION, make_pdfx4
from .profiles import OutputProfile


def finish(data: bytes, *, pdfx: bool, marks: bool, profile: OutputProfile | None = None) -> bytes:
    """The PDF ready for its reader: PDF/X-4 if ``pdfx`` (output intent ``profile``, default
    the bundled FOGRA39), on a marked sheet if ``marks``."""
    if not (pdfx or marks):
        return data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdfx:
            make_pdfx4(pdf, profile)
        if marks:
            add_crop_marks(pdf)
        out = io.BytesIO()
        # deterministic_id: the same content gives the same file identifier.
        pdf.save(out, deterministic_id=True, force_version=PDF_VERSION if pdfx else None)
        return out.getvalue()
