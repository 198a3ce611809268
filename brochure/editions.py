"""Editions: one content, several PDFs for different uses.

An edition decides resolution and press options; templates and styles see its name as
``body.edition-<name>`` so a stylesheet can differ per edition where it must.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Edition:
    name: str
    dpi: float  # photos are resampled to this resolution at their placed size
    description: str
    pdf_options: dict = field(default_factory=dict)  # passed to WeasyPrint's write_pdf
    jpeg_quality: int = 90  # photos are re-encoded at this JPEG quality
    stylesheets: tuple[str, ...] = ()  # extra files in styles/, after the shared ones
    max_bytes: int | None = None  # size budget: photos are re-encoded smaller to stay within it
    press: bool = False  # for the print shop: PDF/X-4 (CMYK output intent); crop marks on request

    @property
    def filename(self) -> str:
        return f"brochure-{self.name}.pdf"


EDITIONS: dict[str, Edition] = {
    "print": Edition("print", 350, "for the print shop: A4 trim, 3 mm bleed, 350 dpi photos, PDF/X-4",
                     press=True),
    # Email and web: small, tagged (PDF/UA-1: structure tree, /Lang, DisplayDocTitle), RGB,
    # no bleed. 150 dpi and quality 82 (4:2:0) show no JPEG artefacts at 100 % zoom.
    "screen": Edition("screen", 150, "for email and the web: A4, no bleed, 150 dpi photos, PDF/UA-1",
                      pdf_options={"pdf_variant": "pdf/ua-1"}, jpeg_quality=82,
                      stylesheets=("editions/screen.css",), max_bytes=1_000_000),
}
