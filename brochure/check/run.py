"""``brochure check``: validate the content, build the print PDF (or reuse it when it is newer
than every input), and run every check on the content and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..build import Prepared, build, prepare
from ..editions import EDITIONS
from ..paths import FONTS, ROOT, STYLES
from ..render.assets import build_views
from .bleed import check_bleed
from .boxes import check_box_overflow
from .context import CheckContext
from .document import PrintedDocument
from .findings import Finding
from .fonts import check_fonts
from .images import check_images
from .margins import check_margins
from .overflow import check_section_pages
from .overlap import check_overlaps
from .pagefill import check_page_fill
from .pages import check_page_count
from .qr import check_qr
from .samples import check_samples
from .texts import read_sources, text_fields
from .tofu import check_tofu

EDITION = "print"
CHECKS = (check_tofu, check_fonts, check_images, check_margins, check_section_pages, check_overlaps,
          check_box_overflow, check_page_fill,
          check_samples, check_qr, check_page_count, check_bleed)


@dataclass
class CheckResult:
    pdf: Path
    rebuilt: bool
    findings: list[Finding]


def _inputs(content_root: Path):
    """Every file the PDF depends on: content, styles, fonts and the tool's own code."""
    for folder in (content_root, STYLES, FONTS, ROOT / "brochure"):
        yield from (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def is_up_to_date(pdf: Path, content_root: Path) -> bool:
    if not pdf.is_file():
        return False
    built = pdf.stat().st_mtime
    return all(p.stat().st_mtime <= built for p in _inputs(content_root))


def run_checks(content: Path | str, out: Path | str) -> CheckResult:
    """Raises ContentErrors (exit 2) if the content does not validate, like ``build``."""
    prepared = prepare(content, out)
    edition = EDITIONS[EDITION]
    pdf = Path(out).resolve() / edition.filename
    rebuilt = not is_up_to_date(pdf, prepared.content_root)
    if rebuilt:
        [result] = build(prepared.content_root, out, editions=(EDITION,))
        pdf = result.path
    return CheckResult(pdf, rebuilt, check_pdf(prepared, pdf))


def check_pdf(prepared: Prepared, pdf: Path) -> list[Finding]:
    """Every check on validated content and its built print PDF (``brochure preview`` calls this
    on each rebuild)."""
    edition = EDITIONS[EDITION]
    # The same fitted photos as the build (served from its cache): to map images to content.
    views = build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=edition.dpi,
                        quality=edition.jpeg_quality, shared=prepared.shared)
    sources = read_sources(prepared.content_root, prepared.brochure.section_files)
    doc = PrintedDocument.open(pdf)
    # Each section in the variant it was laid out in (its photos fitted to that variant's frames).
    for entry in doc.plan:
        index = entry.get("section")
        if isinstance(index, int) and 0 <= index < len(views) and views[index].type == entry.get("type"):
            views[index] = views[index].with_variant(entry["variant"], **(entry.get("opts") or {}))
    try:
        ctx = CheckContext(prepared.content_root, prepared.brochure, sources, text_fields(sources), views, doc)
        return [finding for check in CHECKS for finding in check(ctx)]
    finally:
        doc.close()
