"""``brochure check``: validate the content, build the print PDF (or reuse it when it was made
from exactly the current inputs, by their contents, and carries the wanted output intent), and run every check on the content
and the PDF. ``brochure check --pdf FILE``: the checks that need no content, on any PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ..build import Prepared, build, build_inputs, prepare
from ..content.load import profile_error
from ..editions import EDITIONS
from ..errors import BrochureError, ContentErrors
from ..messages import msg
from ..press.finish import INPUTS_KEY
from ..content.iccprofile import IccError, bundled_profile, load_output_profile
from ..render.assets import build_views
from .bleed import check_bleed, page_bleed
from .boxes import check_box_overflow
from .clipping import check_clipped_glyphs
from .context import CheckContext
from .contrast import check_contrast
from .document import PrintedDocument
from .findings import Finding
from .fonts import check_fonts
from .images import check_images
from .ink import check_ink, start as start_separations
from .margins import check_margins
from .overflow import check_section_pages
from .overlap import check_overlaps
from .pagefill import check_page_fill
from .pages import check_page_count
from .pdfx import check_pdfx, intent_profile_data
from .pixels import rendered_pages
from .qr import QRCheck
from .samples import check_samples
from ..content.texts import read_sources, text_fields
from .tofu import check_tofu

EDITION = "print"


def check_rendered(ctx: CheckContext) -> list[Finding]:
    """The QR codes and the bleed, both on one render of each page (:mod:`.pixels`)."""
    qr = QRCheck(ctx)
    codes: list[Finding] = []
    bleed: list[Finding] = []
    for rendered in rendered_pages(ctx.doc.path):
        codes += qr.page(rendered)
        bleed += page_bleed(rendered)
    return codes + bleed


CHECKS = (check_tofu, check_fonts, check_images, check_margins, check_section_pages, check_overlaps,
          check_box_overflow, check_clipped_glyphs, check_page_fill,
          check_samples, check_rendered, check_page_count, check_pdfx, check_ink, check_contrast)
# What needs no content (no fields, photos, sections or links): ``check --pdf``.
PDF_CHECKS = (check_fonts, check_images, check_margins, check_overlaps, check_box_overflow, check_clipped_glyphs,
              check_page_count, check_bleed, check_pdfx, check_ink)


@dataclass
class CheckResult:
    pdf: Path
    rebuilt: bool
    findings: list[Finding]


def _embedded(pdf: Path) -> tuple[str | None, bytes | None]:
    """The input digest a build embedded in the PDF and its output intent's profile (None, None:
    no PDF, or one that cannot be read)."""
    if not pdf.is_file():
        return None, None
    try:
        with pikepdf.open(pdf) as doc:
            try:
                inputs = doc.open_metadata().get(INPUTS_KEY)
            except Exception:  # noqa: BLE001 - no or unreadable XMP: not one of our builds
                inputs = None
            return (str(inputs) if inputs else None), intent_profile_data(doc)
    except (pikepdf.PdfError, OSError, ValueError):
        return None, None


def _intent_data(pdf: Path) -> bytes | None:
    """The profile of the PDF's output intent (None: none, or not a readable PDF)."""
    return _embedded(pdf)[1]


def is_up_to_date(pdf: Path, prepared: Prepared, out: Path | str) -> bool:
    """The PDF was built from exactly these inputs (their contents, not their times), without
    crop marks or a channel: what ``check`` would build."""
    inputs, _ = _embedded(pdf)
    return inputs is not None and inputs == build_inputs(prepared, out)


def run_checks(content: Path | str, out: Path | str, output_intent: Path | str | None = None,
               ink_limit: int | None = None) -> CheckResult:
    """Raises ContentErrors (exit 2) if the content does not validate, like ``build``.
    ``output_intent``: the shop's profile (else ``print.output_intent``, else the bundled one);
    ``ink_limit``: % (else ``print.ink_limit``, else the profile's usual limit)."""
    prepared = prepare(content, out, output_intent)
    wanted = prepared.output_profile or bundled_profile()
    edition = EDITIONS[EDITION]
    pdf = Path(out).resolve() / edition.filename
    inputs, intent = _embedded(pdf)
    rebuilt = inputs is None or inputs != build_inputs(prepared, out) or intent != wanted.data
    if rebuilt:
        [result] = build(prepared.content_root, out, editions=(EDITION,), output_intent=output_intent)
        pdf = result.path
    return CheckResult(pdf, rebuilt, check_pdf(prepared, pdf, wanted, ink_limit))


def check_pdf(prepared: Prepared, pdf: Path, wanted=None, ink_limit: int | None = None) -> list[Finding]:
    """Every check on validated content and its built print PDF (``brochure preview`` calls this
    on each rebuild). ``wanted``: the output-intent profile the PDF must carry (default: the
    content's, else the bundled one)."""
    edition = EDITIONS[EDITION]
    wanted = wanted or prepared.output_profile or bundled_profile()
    # The same fitted photos as the build (served from its cache): to map images to content.
    views = build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=edition.dpi,
                        quality=edition.jpeg_quality, shared=prepared.shared, brand=prepared.brand,
                        edition=edition.name)
    sources = read_sources(prepared.content_root, prepared.brochure.section_files)
    doc = PrintedDocument.open(pdf)
    # Each section in the variant it was laid out in (its photos fitted to that variant's frames).
    for entry in doc.plan:
        index = entry.get("section")
        if isinstance(index, int) and 0 <= index < len(views) and views[index].type == entry.get("type"):
            views[index] = views[index].with_variant(entry["variant"], **(entry.get("opts") or {}))
    separations = start_separations(pdf)  # Ghostscript renders while the other checks run
    try:
        ctx = CheckContext(prepared.content_root, prepared.brochure, sources, text_fields(sources), views, doc,
                           output_profile=wanted,
                           ink_limit=ink_limit if ink_limit is not None else prepared.brochure.meta.print.ink_limit,
                           separations=separations)
        return [finding for check in CHECKS for finding in check(ctx)]
    finally:
        if separations is not None:
            separations.close()
        doc.close()


def run_pdf_checks(pdf: Path | str, output_intent: Path | str | None = None,
                   ink_limit: int | None = None) -> CheckResult:
    """The checks that need no content, on any PDF. A file that cannot be opened as a PDF is
    a BrochureError (exit 2); ``output_intent``: the profile the PDF must carry, if given."""
    path = Path(pdf)
    wanted = None
    if output_intent is not None:
        try:
            wanted = load_output_profile(Path(output_intent))
        except IccError as exc:
            raise ContentErrors([profile_error(output_intent, exc)]) from None
    try:
        with pikepdf.open(path):
            pass
        doc = PrintedDocument.open(path)
    except pikepdf.PasswordError:
        raise BrochureError(msg_line("check.pdf.password", path)) from None
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise BrochureError(msg_line("check.pdf.unreadable", path, reason=str(exc).splitlines()[0][:120])) from None
    separations = start_separations(path)
    try:
        ctx = CheckContext.pdf_only(doc, wanted, ink_limit)
        ctx.separations = separations
        findings = [finding for check in PDF_CHECKS for finding in check(ctx)]
    finally:
        if separations is not None:
            separations.close()
        doc.close()
    return CheckResult(path, False, findings)


def msg_line(key: str, path: Path, **params) -> str:
    """``FILE: what is wrong — what to do`` from the catalogue, in this run's language."""
    message, hint = msg(key, **params).render()
    return f"{path}: {message}" + (f" — {hint}" if hint else "")
