"""HTML → PDF with WeasyPrint, failing loudly where WeasyPrint would only warn.

WeasyPrint logs a missing ``@font-face`` file, an unreadable image or an unknown CSS property
as a warning and carries on with a fallback. In a print product each of those is a defect, so
they are collected during the render and raised as one :class:`RenderError`.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RenderError

# Warnings that mean the PDF is not what the content and styles describe.
FATAL_PATTERNS = (
    "Failed to load font",
    "Font-face",
    "Failed to load image",
    "Failed to load stylesheet",
    "Failed to load attachment",
    "Error fetching",
    "Ignored `",  # unknown or invalid CSS: a typo in styles/ must not pass silently
    "Invalid or unsupported",
    "Failed to load inline SVG",
    "Failed to render SVG image",
    # Tagged (PDF/UA) output: an image without alt text, a document without a language.
    "has no required alt description",
    'Missing required "lang"',
)


class WarningCollector(logging.Handler):
    """WeasyPrint warnings during one layout: ``fatal`` ones fail the build, ``other`` are kept."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.fatal: list[str] = []
        self.other: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()[0]
        (self.fatal if any(p in message for p in FATAL_PATTERNS) else self.other).append(message)


@contextmanager
def collect_warnings():
    logger = logging.getLogger("weasyprint")
    handler = WarningCollector()
    logger.addHandler(handler)
    old_propagate = logger.propagate
    logger.propagate = False  # our own report replaces WeasyPrint's console noise
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


@dataclass
class RenderedPDF:
    data: bytes
    page_count: int
    blank_pages: int = 0
    html: str = ""
    plan: object = None  # brochure.plan.Plan: the sections' variants and pages
    warnings: list[str] = field(default_factory=list)  # WeasyPrint's other warnings (e.g. .notdef)


def render_pdf(html: str, base_dir: Path, allowed_roots: list[Path], cache: Path | None = None,
               **pdf_options) -> RenderedPDF:
    """Lay out and write the PDF in memory; raise :class:`RenderError` on any degraded output."""
    from .weasy import weasyprint  # slow import (≈0.6 s): only when a PDF is really made

    from .justify import install as install_japanese_justification
    install_japanese_justification()

    from .fetcher import RefusedResource, SafeFetcher  # imports WeasyPrint too
    from .textgaps import fold_text_gaps  # copy and search without invented spaces

    fetcher = SafeFetcher(allowed_roots, cache=cache)
    # A file identifier (/ID) that is the MD5 of the file itself: present, as PDF/X wants, and
    # the same for the same content (never random).
    pdf_options.setdefault("pdf_identifier", True)
    with collect_warnings() as collected:
        try:
            document = weasyprint.HTML(string=html, base_url=base_dir.as_uri() + "/",
                                       url_fetcher=fetcher).render(**pdf_options)
            data = fold_text_gaps(document.write_pdf(**pdf_options))
        except RefusedResource as exc:
            raise RenderError.refused(exc) from None
    if fetcher.refused:  # refused, but WeasyPrint carried on without it (e.g. an SVG <image>)
        raise RenderError.refused(fetcher.refused[0])
    if collected.fatal:
        raise RenderError.degraded(collected.fatal)
    return RenderedPDF(data=data, page_count=len(document.pages), warnings=list(dict.fromkeys(collected.other)))
