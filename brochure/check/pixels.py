"""One render of each page for the checks that look at its pixels: the QR codes (they must
decode as a phone camera would see a modest print) and the bleed (art must go on past the
trim). pdfium renders each page once, over its whole MediaBox (the bleed is in the picture),
at ``RENDER_DPI``; each check reads the same picture (``brochure check`` rendered every page
twice, at two resolutions, ≈0.25 s).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pikepdf
import pypdfium2 as pdfium
from PIL import Image

RENDER_DPI = 150
SCALE = RENDER_DPI / 72  # pixels per PDF point


def _rect(value) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


@dataclass
class RenderedPage:
    number: int
    page: pdfium.PdfPage  # its CropBox set to the MediaBox (what ``image`` shows)
    image: Image.Image  # RGB, the MediaBox at RENDER_DPI
    media: tuple[float, float, float, float]  # PDF user space
    trim: tuple[float, float, float, float]
    bleed: tuple[float, float, float, float]

    def to_pdf(self, x: float, y: float) -> tuple[float, float]:
        """A pixel position in PDF user space."""
        return self.media[0] + x / SCALE, self.media[3] - y / SCALE

    def to_px(self, x: float, y: float) -> tuple[float, float]:
        """A point of PDF user space in pixels."""
        return (x - self.media[0]) * SCALE, (self.media[3] - y) * SCALE


def rendered_pages(path: Path) -> Iterator[RenderedPage]:
    """Every page of the PDF, rendered, in order (one at a time: the last one is let go)."""
    document = pdfium.PdfDocument(str(path))
    try:
        with pikepdf.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                media = _rect(page.mediabox)
                trim = _rect(page.obj.get("/TrimBox", page.mediabox))
                bleed = _rect(page.obj.get("/BleedBox", page.mediabox))
                p = document[number - 1]
                p.set_cropbox(*media)
                yield RenderedPage(number, p, p.render(scale=SCALE).to_pil(), media, trim, bleed)
    finally:
        document.close()
