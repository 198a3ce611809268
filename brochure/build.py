"""The pipeline: content → validated model → assets → HTML → PDF → atomic write.

``build()`` is the public entry point; the CLI and the tests call it. ``prepare()`` does the
work that every edition shares (reading and validating the content), so that several
editions can be made in one run without doing it twice.

A build of several editions gets one process ready — content read, every edition's photos
fitted (on every core, while WeasyPrint is imported) — then lays the editions out at the same
time, each in a child forked from it (``forked.run_forked``), and writes them all at once.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable
from pathlib import Path

from .content.load import MAIN_FILE, content_logo, content_output_profile, load_brochure, profile_error
from .content.model import Brochure
from .editions import EDITIONS, Edition
from .errors import ContentError, ContentErrors
from .files import check_out_folder, environment_error, remove_stale_temps, write_temp
from .messages import Word, msg, phrase
from .paths import CACHE_DIR_ENV, DEFAULT_OUT, JOBS_ENV, FONTS, STYLES, user_cache_dir
from .themes import theme_of
from .press.finish import embed_plan, finish
from .press.links import tag_links
from .content.iccprofile import IccError, OutputProfile, load_output_profile
from .render.assets import build_views
from .render.contact import contact_labels
from .render.html import render_html
from .plan.describe import plan_lines, plan_notes
from .render.pdf import RenderedPDF


@dataclass
class BuildResult:
    edition: str
    path: Path
    pages: int
    blank_pages: int
    note: Word | str = ""  # e.g. photos re-encoded smaller to fit the edition's size budget
    warnings: list[ContentError] = field(default_factory=list)  # e.g. a character no font has
    plan: object = None  # brochure.plan.Plan (or its PlanSummary from a forked child)
    notes: list[str] = field(default_factory=list)  # what the planner added and why
    plan_lines: list[str] = field(default_factory=list)  # one line per section (-v)
    layouts: int = 0  # documents laid out for this edition (its sections; a size-budget retry: more)
    notices: list[ContentError] = field(default_factory=list)  # not problems: what the build assumed


@dataclass
class Prepared:
    """Validated content and where its derived files are cached (the user's cache folder,
    shared by every run whatever its output folder; see ``assets.cachefile``)."""

    content_root: Path
    brochure: Brochure
    cache: Path
    shared: dict = field(default_factory=dict)  # edition-independent assets (org chart, …)
    # The print edition's output intent: the shop's profile (--output-intent, else
    # print.output_intent), validated; None = the bundled FOGRA39.
    output_profile: OutputProfile | None = None
    brand: object = None  # assets.brand.BrandLook: brand: of brochure.yaml resolved; None without
    inputs: str | None = None  # digest of what the PDFs are made from (brochure.inputs), embedded in each

    @property
    def allowed_roots(self) -> list[Path]:
        return [self.content_root, STYLES, FONTS, self.cache, *theme_of(self.brochure).roots]


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written PDF."""
    atomic_write_all([(path, data)], durable)


def atomic_write_all(files: list[tuple[Path, bytes]], durable: bool = True) -> None:
    """Write every file to a temporary file first, then rename them all: an interruption while
    writing (the slow part, with fsync) leaves every previous file as it was. ``durable=False``
    skips the fsync (a working copy that the next save replaces: renamed whole all the same).
    Temporary files of these names left by a killed run are removed first (``files``); what the
    disk refuses (full, read-only, …) is one clear error (exit status 2)."""
    temps: list[tuple[int, Path]] = []  # (fd, temporary file), kept open (and locked) until renamed
    path = None
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temps(path.parent, path.name)
            write_temp(path, data, durable, temps)  # mode 0666 less the umask, never changed
        for (_, tmp), (path, _) in zip(temps, files):  # microseconds: the only window where files change
            os.replace(tmp, path)
    except BaseException as exc:
        for _, tmp in temps:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and path is not None:
            raise environment_error(exc, path) from None
        raise
    finally:
        for fd, _ in temps:
            os.close(fd)


def cache_folder(out: Path | str) -> Path:
    """The user's cache folder, created if need be. Where the default one cannot be written
    (a read-only home), ``OUT/.cache`` instead; a ``BROCHURE_CACHE_DIR`` that cannot be
    written is an error (exit status 2)."""
    folder = user_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK | os.X_OK):
            return folder
    except OSError:
        pass
    if os.environ.get(CACHE_DIR_ENV, "").strip():
        raise ContentError(str(folder), msg("cache.unwritable", variable=CACHE_DIR_ENV))
    return Path(out).resolve() / ".cache"


def default_jobs() -> int | None:
    """``$BROCHURE_JOBS`` (processes a build may use; 1: all in one process), else None (one
    per core)."""
    raw = os.environ.get(JOBS_ENV, "").strip()
    return max(1, int(raw)) if raw.isdigit() else None


def prepare(content: Path | str, out: Path | str = DEFAULT_OUT,
            output_intent: Path | str | None = None) -> Prepared:
    """Validated content; ``output_intent`` (an .icc file anywhere) overrides the content's
    ``print.output_intent``. A profile that cannot serve is a content error (exit 2)."""
    from .render.fontfiles import check_font_files

    check_font_files()  # a damaged bundled font would be skipped by WeasyPrint without a word
    content_root = Path(content).resolve()
    brochure = load_brochure(content_root)
    profile = output_profile(content_root, brochure, output_intent)
    return Prepared(content_root, brochure, cache_folder(out), output_profile=profile,
                    brand=brand_look(content_root, brochure, profile))


def brand_look(content_root: Path, brochure: Brochure, profile: OutputProfile | None):
    """``brand:`` with every colour in both forms (``assets/brand.py``); None without it."""
    from .assets.brand import resolve

    meta = brochure.meta
    if meta.brand is None:
        return None
    try:
        logo = content_logo(content_root, meta, brochure.field_lines.get(MAIN_FILE, {}).get("brand.logo.file"))
    except ContentError as exc:  # the file changed since it was validated
        raise ContentErrors([exc]) from None
    return resolve(meta.brand, profile, logo, meta.organisation)


def spot_colour(prepared: Prepared) -> tuple[str, tuple] | None:
    """The logo's spot colour: its name and CMYK alternate (the primary's), if it has one."""
    from .assets.brand import spot_of

    return spot_of(prepared.brand)


def brand_notes(prepared: Prepared) -> list[str]:
    """One line per brand colour the build derived (the brand guide gave only one form)."""
    look = prepared.brand
    if look is None:
        return []
    lines = prepared.brochure.field_lines.get(MAIN_FILE, {})
    notes = []
    for colour in look.derived:
        key = "brand.derived_rgb" if colour.derived == "rgb" else "brand.derived_cmyk"
        line = lines.get(f"brand.{colour.role}")
        where = f"{MAIN_FILE}:{line}: " if line else f"{MAIN_FILE}: "
        notes.append(where + str(phrase(key, role=colour.role, rgb=colour.hex, cmyk=colour.percent,
                                         profile=look.profile)))
    from .assets.brand import spot_unused

    if spot_unused(look):
        line = lines.get("brand.logo.spot")
        notes.append(f"{MAIN_FILE}:{line}: " + str(phrase("brand.spot_unused", spot=look.logo.spot,
                                                         rgb=look.colours["primary"].hex)))
    return notes


def build_inputs(prepared: Prepared, out: Path | str, marks: bool = False, channel: str | None = None) -> str:
    """The digest of the files a build reads and of its options (``brochure.inputs``): the same
    exactly when a rebuild would make the same PDF. The output and cache folders are left out
    (they may lie inside the content folder)."""
    from .inputs import input_digest

    return input_digest(prepared.content_root, skip=(Path(out), prepared.cache),
                        options=f"marks={bool(marks)};channel={channel or ''}")


def get_ready(prepared: Prepared, editions: list[Edition], jobs: int | None = None,
              alongside: Callable[[], None] | None = None) -> None:
    """Make this process ready to lay out ``editions``: every photo fitted (those not cached
    yet on ``jobs`` cores, default all, while WeasyPrint is imported here), then the views made
    once, so that a broken photo stops the build with every problem before any layout.
    ``alongside``: work for a thread meanwhile, work that mostly waits on the disk or on C code
    (hashing the input files): on the core that the import and the stylesheets leave idle."""
    from concurrent.futures import ThreadPoolExecutor

    from .assets.photos import evict_if_grown, fit_photos
    from .render.assets import photo_requests
    from .render.pdf import warm_up

    requests = [r for e in editions for r in photo_requests(
        prepared.brochure, prepared.content_root, prepared.cache, dpi=e.dpi, quality=e.jpeg_quality,
        brand=prepared.brand)]
    fitting = fit_photos(requests, jobs)
    theme = theme_of(prepared.brochure)
    sheets = dict.fromkeys(p for e in editions for p in theme.stylesheets(e.stylesheets))
    with ThreadPoolExecutor(1) as thread:
        beside = thread.submit(alongside) if alongside is not None else None
        try:
            warm_up(list(sheets))
        except BaseException:
            fitting.cancel()
            raise
        if beside is not None:
            beside.result()  # its error, if any, is raised here
    fitting.wait()
    for edition in editions:
        build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=edition.dpi,
                    quality=edition.jpeg_quality, shared=prepared.shared, brand=prepared.brand,
                    edition=edition.name)
    evict_if_grown(prepared.cache)
    if gc.get_freeze_count():  # a short-lived caller froze its objects (cli._one_build_gc):
        gc.freeze()  # WeasyPrint, the fonts and stylesheets too; the layout's collections skip them


def output_profile(content_root: Path, brochure: Brochure,
                   override: Path | str | None = None) -> OutputProfile | None:
    if override is not None:
        try:
            return load_output_profile(Path(override))
        except IccError as exc:
            raise ContentErrors([profile_error(override, exc)]) from None
    line = brochure.field_lines.get(MAIN_FILE, {}).get("print.output_intent")
    try:
        return content_output_profile(content_root, brochure.meta, line)
    except ContentError as exc:  # the file changed since it was validated
        raise ContentErrors([exc]) from None


def render_edition(prepared: Prepared, edition: Edition, renderer=None) -> RenderedPDF:
    """Plan and lay out one edition (``brochure.plan``: each section's variant, fillers to
    reach the page multiple), then write the planned layouts as one PDF."""
    from .render.sections import SectionRenderer

    if renderer is None or renderer.edition.stylesheets != edition.stylesheets:
        renderer = SectionRenderer(edition, STYLES)
    renderer.edition = edition  # the same stylesheets; photo quality may differ (size budget)
    ctx = renderer.context(prepared)
    plan = renderer.plan(ctx)
    pdf = RenderedPDF(data=renderer.write_document(plan), page_count=plan.pages,
                      blank_pages=plan.blank_pages, warnings=renderer.write_warnings)
    pdf.plan = plan
    stylesheets = theme_of(prepared.brochure).stylesheets(edition.stylesheets)
    from .assets.brand import brand_css
    from .render.runninghead import document_css

    pdf.html = render_html(prepared.brochure, [s.view for s in plan.sections], edition=edition.name,
                           stylesheets=stylesheets,  # --emit-html
                           page_css=document_css(plan) + brand_css(prepared.brand, edition.name))
    labels = {str(link.url): link.label for link in prepared.brochure.meta.links}
    labels.update(contact_labels(prepared.brochure))  # the apply page's mailto: and tel: links
    pdf.data = tag_links(pdf.data, labels)
    pdf.data = embed_plan(pdf.data, plan.as_json(), prepared.inputs)  # for brochure check
    return pdf


# JPEG qualities tried in turn when an edition's PDF is over its size budget: at 150 dpi, photos
# show no artefacts at 100 % zoom down to about 70; 60 is the last resort before a warning.
FALLBACK_QUALITIES = (74, 66, 60)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"


def render_within_budget(prepared: Prepared, edition: Edition, renderer=None) -> tuple[RenderedPDF, Word | str]:
    """Render; over the edition's size budget, re-encode the photos at lower JPEG quality.
    ``renderer``: a warm ``SectionRenderer`` of the edition to reuse (``personalize`` lays its
    cards out with the one that made the shared pages).

    Returns the PDF and a note for the user ("" when there is nothing to say).
    """
    from .render.sections import SectionRenderer

    renderer = renderer or SectionRenderer(edition, STYLES)
    pdf = render_edition(prepared, edition, renderer)
    if edition.max_bytes is None or len(pdf.data) <= edition.max_bytes:
        return pdf, ""
    for quality in (q for q in FALLBACK_QUALITIES if q < edition.jpeg_quality):
        pdf = render_edition(prepared, replace(edition, jpeg_quality=quality), renderer)
        if len(pdf.data) <= edition.max_bytes:
            return pdf, phrase("build.reencoded", quality=quality, budget=_mb(edition.max_bytes))
    return pdf, phrase("build.over_budget", size=_mb(len(pdf.data)), budget=_mb(edition.max_bytes),
                       quality=FALLBACK_QUALITIES[-1])


def glyph_warnings(prepared: Prepared, warnings: list[str] = ()) -> list[ContentError]:
    """One warning per content line that holds a character no bundled font has (it prints as
    the last-resort box): ``file:line: field: '😀' (U+1F600) … — what to do``."""
    from .content.texts import read_sources, text_fields  # content files with line numbers
    from .render.coverage import missing_characters, uncovered

    missing = missing_characters(list(warnings))
    # Everything printed comes from the validated content: when none of its characters lacks a
    # glyph (the usual case, said in ≈1 ms), the files need not be read again for line numbers.
    if not missing and not uncovered(prepared.brochure.model_dump_json()):
        return []
    fields = text_fields(read_sources(prepared.content_root, prepared.brochure.section_files))
    chars = uncovered("".join(f.text for f in fields))
    chars += [c for c in missing if c not in chars]
    found = []
    for ch in chars:
        params = {"char": ch, "code": f"{ord(ch):04X}"}
        where = [f for f in fields if ch in f.text]
        found += [ContentError.of(f.file, "glyph.missing", field=f.field, line=f.line, **params)
                  for f in where] or [ContentError.of("brochure.yaml", "glyph.missing", **params)]
    return found


def build_notices(prepared: Prepared, editions: list[Edition]) -> list[ContentError]:
    """What the build assumed for the content, to say once (not problems): photos without a
    colour profile taken as sRGB, the print edition's date taken from ``as_of``."""
    from .assets.photos import has_colour_profile
    from .assets.placeholders import is_placeholder
    from .render.assets import _photo_fields

    brochure = prepared.brochure
    notices = []
    if (any(e.press for e in editions) and brochure.meta.date is None
            and not os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit()):
        notices.append(ContentError.of(MAIN_FILE, "build.date_from_as_of", field="date",
                                       as_of=brochure.meta.as_of.isoformat()))
    seen = set()
    for section, file in zip(brochure.sections, brochure.section_files):
        for field_path, photo in _photo_fields(section):
            path = prepared.content_root / photo.file
            if photo.file in seen or is_placeholder(path) or has_colour_profile(path):
                continue  # (the sample's own placeholders are made in sRGB)
            seen.add(photo.file)
            notices.append(ContentError.of(file, "photo.no_profile", field=f"{field_path}.file", name=photo.file,
                                           line=brochure.field_lines.get(file, {}).get(f"{field_path}.file")))
    return notices


def make_edition(prepared: Prepared, edition: Edition, marks: bool = False) -> tuple[RenderedPDF, str, int]:
    """One edition's finished PDF (within its size budget; for the print shop PDF/X-4, with
    crop marks on request), its note and how many times a document was laid out for it; run
    in a forked child when editions run in parallel."""
    from .progress import edition_scope
    from .render.pdf import LAYOUTS

    before = LAYOUTS[edition.name]
    with edition_scope(edition.name):
        pdf, note = render_within_budget(prepared, edition)
        pdf.data = finish(pdf.data, pdfx=edition.press, marks=marks and edition.press,
                          profile=prepared.output_profile, spot=spot_colour(prepared))
    return pdf, note, LAYOUTS[edition.name] - before


def _edition_in_child(prepared: Prepared, edition: Edition, marks: bool = False) -> tuple[RenderedPDF, str, int]:
    """:func:`make_edition` in a forked child: what goes back through the pipe is the PDF and
    the plan's summary (the laid-out pages stay in the child)."""
    pdf, note, layouts = make_edition(prepared, edition, marks)
    pdf.plan = pdf.plan.summary() if pdf.plan is not None else None
    return pdf, note, layouts


def build(content: Path | str, out: Path | str = DEFAULT_OUT,
          editions: tuple[str, ...] = ("print",), marks: bool = False,
          emit_html: Path | None = None, channel: str | None = None,
          output_intent: Path | str | None = None, jobs: int | None = None) -> list[BuildResult]:
    """Build the requested editions; each PDF is replaced atomically only once it is complete.

    ``marks`` puts print-edition pages on a larger sheet with Japanese crop marks.
    With ``channel``, links carry that channel's tracking parameters and the file is named
    ``brochure-<edition>-<channel>.pdf``. ``output_intent``: the print shop's CMYK profile
    for the print edition (default: ``print.output_intent``, else the bundled FOGRA39).
    Several editions are laid out at the same time, one forked child each; ``jobs=1`` makes
    everything in this process, one edition after the other (the same bytes)."""
    from . import forked

    jobs = jobs if jobs is not None else default_jobs()
    check_out_folder(out)  # a file in its place, a read-only disk: said before any work
    prepared = prepare(content, out, output_intent)
    if emit_html is not None:
        from .render.emit import refuse_folder

        check_out_folder(emit_html)
        refuse_folder(emit_html, prepared.content_root, prepared.cache)
    if channel is not None:
        from .content.channels import select_channel
        prepared.brochure = select_channel(prepared.brochure, channel)
    wanted = [EDITIONS[name] for name in editions]

    def inputs() -> None:
        prepared.inputs = build_inputs(prepared, out, marks=marks, channel=channel)

    get_ready(prepared, wanted, jobs, alongside=inputs)
    # Render every edition before writing any: a failing edition leaves all previous PDFs.
    if len(wanted) > 1 and (jobs is None or jobs > 1) and forked.available():
        made = forked.run_forked({e.name: partial(_edition_in_child, prepared, e, marks) for e in wanted})
        rendered = [(e, *made[e.name]) for e in wanted]
    else:
        rendered = [(e, *make_edition(prepared, e, marks)) for e in wanted]
    results = []
    warnings = glyph_warnings(prepared, [w for _, pdf, _, _ in rendered for w in pdf.warnings])
    notices = build_notices(prepared, wanted)
    files = dict(enumerate(prepared.brochure.section_files))
    derived = brand_notes(prepared)
    for edition, pdf, note, layouts in rendered:
        notes, derived = derived, []  # said once, with the first edition
        target = Path(out).resolve() / edition.filename
        if channel is not None:
            target = target.with_name(f"{target.stem}-{channel}{target.suffix}")
        results.append(BuildResult(edition.name, target, pdf.page_count, pdf.blank_pages, note, warnings,
                                   pdf.plan, notes + plan_notes(pdf.plan, prepared.brochure.meta.pad_to_multiple, files),
                                   plan_lines(pdf.plan, files), layouts, notices))
    # Every edition is complete before any file is replaced (an interruption leaves them all).
    atomic_write_all([(result.path, pdf.data) for result, (_, pdf, _, _) in zip(results, rendered)])
    if emit_html is not None:
        from .render.emit import emit_html as write_html
        for result, (_, pdf, _, _) in zip(results, rendered):
            write_html(pdf.html, Path(emit_html), result.path.with_suffix(".html").name,
                       {"content": prepared.content_root, "cache": prepared.cache})
    return results
