"""Pages of a PDF as PNG images for the browser, cropped to the trim (the page as cut)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import pypdfium2 as pdfium

SCALE = 1.25  # 90 dpi: an A4 page is 744 × 1052 px, a spread fits a laptop screen


@dataclass(frozen=True)
class PageImage:
    number: int  # 1-based
    png: bytes
    digest: str  # of the pixels: an unchanged page keeps its URL (the browser keeps its image)
    width: int  # px
    height: int
    trim: tuple[float, float, float, float]  # the area shown, in PDF user space (points)

    def as_dict(self) -> dict:
        return {"n": self.number, "src": f"/page/{self.digest}.png", "w": self.width, "h": self.height,
                "trim": [round(v, 3) for v in self.trim]}


def _box(page: pdfium.PdfPage, name: str, fallback: tuple) -> tuple[float, float, float, float]:
    try:
        box = tuple(float(v) for v in getattr(page, f"get_{name}")())
    except Exception:  # a box the page does not have
        return fallback
    return box


def render_pages(pdf: bytes, scale: float = SCALE) -> list[PageImage]:
    """Every page rendered within its TrimBox. pdfium is not thread-safe: call this from one
    thread at a time."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for i in range(len(document)):
            page = document[i]
            media = _box(page, "mediabox", (0, 0, *page.get_size()))
            trim = _box(page, "trimbox", media)
            page.set_cropbox(*media)
            crop = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
            image = page.render(scale=scale, crop=tuple(max(0.0, c) for c in crop)).to_pil()
            out = io.BytesIO()
            image.save(out, "PNG", compress_level=1)
            digest = hashlib.sha1(image.tobytes()).hexdigest()[:16]
            pages.append(PageImage(i + 1, out.getvalue(), digest, image.width, image.height, trim))
    finally:
        document.close()
    return pages


def spreads(count: int) -> list[list[int | None]]:
    """Pages as a reader sees them: the cover alone on the right, then left|right pairs, and a
    last even page alone on the left."""
    rows: list[list[int | None]] = [[None, 1]] if count else []
    for left in range(2, count + 1, 2):
        rows.append([left, left + 1 if left + 1 <= count else None])
    return rows
