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

    @property
    def filename(self) -> str:
        return f"brochure-{self.name}.pdf"


EDITIONS: dict[str, Edition] = {
    "print": Edition("print", 350, "for the print shop: A4 trim, 3 mm bleed, 350 dpi photos"),
}
