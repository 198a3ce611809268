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
import tempfile
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .content.load import load_brochure
from .content.model import Brochure
from .editions import EDITIONS, Edition
from .errors import ContentError
from .messages import msg
from .paths import CACHE_DIR_ENV, DEFAULT_OUT, JOBS_ENV, FONTS, STYLES, STYLESHEETS, user_cache_dir
from .press.finish import finish
from .press.links import tag_links
from .render.assets import build_views
from .render.html import render_html
from .render.pdf import RenderedPDF, render_pdf


@dataclass
class BuildResult:
    edition: str
    path: Path
    pages: int
    blank_pages: int
    note: str = ""  # e.g. photos re-encoded smaller to fit the edition's size budget
    layouts: int = 0  # documents laid out for this edition (a size-budget retry, padding: more)


@dataclass
class Prepared:
    """Validated content and where its derived files are cached (the user's cache folder,
    shared by every run whatever its output folder; see ``assets.cachefile``)."""

    content_root: Path
    brochure: Brochure
    cache: Path
    shared: dict = field(default_factory=dict)  # edition-independent assets (org chart, …)

    @property
    def allowed_roots(self) -> list[Path]:
        return [self.content_root, STYLES, FONTS, self.cache]


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written PDF."""
    atomic_write_all([(path, data)], durable)


def atomic_write_all(files: list[tuple[Path, bytes]], durable: bool = True) -> None:
    """Write every file to a temporary file first, then rename them all: an interruption while
    writing (the slow part, with fsync) leaves every previous file as it was. ``durable=False``
    skips the fsync (a working copy that the next save replaces: renamed whole all the same)."""
    temps: list[tuple[str, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append((tmp, path))
            os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; the PDF is for others to read too
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                if durable:
                    os.fsync(f.fileno())
        for tmp, path in temps:  # microseconds: the only window where files change
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
        raise


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


def prepare(content: Path | str, out: Path | str = DEFAULT_OUT) -> Prepared:
    content_root = Path(content).resolve()
    brochure = load_brochure(content_root)
    return Prepared(content_root, brochure, cache_folder(out))


def get_ready(prepared: Prepared, editions: list[Edition], jobs: int | None = None) -> None:
    """Make this process ready to lay out ``editions``: every photo fitted (those not cached
    yet on ``jobs`` cores, default all, while WeasyPrint is imported here), then the views made
    once, so that a broken photo stops the build with every problem before any layout."""
    from .assets.photos import evict_if_grown, fit_photos
    from .render.assets import photo_requests
    from .render.pdf import warm_up

    requests = [r for e in editions for r in photo_requests(
        prepared.brochure, prepared.content_root, prepared.cache, dpi=e.dpi, quality=e.jpeg_quality)]
    fitting = fit_photos(requests, jobs)
    sheets = dict.fromkeys(STYLES / name for e in editions for name in (*STYLESHEETS, *e.stylesheets))
    try:
        warm_up(list(sheets))
    except BaseException:
        fitting.cancel()
        raise
    fitting.wait()
    for edition in editions:
        build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=edition.dpi,
                    quality=edition.jpeg_quality, shared=prepared.shared)
    evict_if_grown(prepared.cache)
    if gc.get_freeze_count():  # a short-lived caller froze its objects (cli._one_build_gc):
        gc.freeze()  # WeasyPrint, the fonts and stylesheets too; the layout's collections skip them


def render_edition(prepared: Prepared, edition: Edition) -> RenderedPDF:
    """Lay out one edition, padded with blank pages to the required page multiple."""
    views = build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=edition.dpi,
                        quality=edition.jpeg_quality, shared=prepared.shared)
    stylesheets = [STYLES / name for name in (*STYLESHEETS, *edition.stylesheets)]

    def once(blank: int) -> RenderedPDF:
        html = render_html(prepared.brochure, views, edition=edition.name, blank_pages=blank,
                           stylesheets=stylesheets)
        pdf = render_pdf(html, prepared.content_root, prepared.allowed_roots, cache=prepared.cache,
                         **edition.pdf_options)
        pdf.blank_pages = blank
        pdf.html = html  # kept for --emit-html
        return pdf

    pdf = once(0)
    blank = (-pdf.page_count) % prepared.brochure.meta.pad_to_multiple
    # Saddle stitching needs a multiple of 4: add blank pages before the back cover.
    pdf = once(blank) if blank else pdf
    pdf.data = tag_links(pdf.data, {str(link.url): link.label for link in prepared.brochure.meta.links})
    return pdf


# JPEG qualities tried in turn when an edition's PDF is over its size budget: at 150 dpi, photos
# show no artefacts at 100 % zoom down to about 70; 60 is the last resort before a warning.
FALLBACK_QUALITIES = (74, 66, 60)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"


def render_within_budget(prepared: Prepared, edition: Edition) -> tuple[RenderedPDF, str]:
    """Render; over the edition's size budget, re-encode the photos at lower JPEG quality.

    Returns the PDF and a note for the user ("" when there is nothing to say).
    """
    pdf = render_edition(prepared, edition)
    if edition.max_bytes is None or len(pdf.data) <= edition.max_bytes:
        return pdf, ""
    for quality in (q for q in FALLBACK_QUALITIES if q < edition.jpeg_quality):
        pdf = render_edition(prepared, replace(edition, jpeg_quality=quality))
        if len(pdf.data) <= edition.max_bytes:
            return pdf, (f"photos re-encoded at JPEG quality {quality} to stay within "
                         f"{_mb(edition.max_bytes)}")
    return pdf, (f"warning: {_mb(len(pdf.data))}, over the {_mb(edition.max_bytes)} budget even at "
                 f"JPEG quality {FALLBACK_QUALITIES[-1]}: use fewer or smaller-detail photos")


def make_edition(prepared: Prepared, edition: Edition, marks: bool = False) -> tuple[RenderedPDF, str, int]:
    """One edition's finished PDF (within its size budget; for the print shop PDF/X-4, with
    crop marks on request), its note and how many times a document was laid out for it; run
    in a forked child when editions run in parallel."""
    from .progress import edition_scope
    from .render.pdf import LAYOUTS

    before = LAYOUTS[edition.name]
    with edition_scope(edition.name):
        pdf, note = render_within_budget(prepared, edition)
        pdf.data = finish(pdf.data, pdfx=edition.press, marks=marks and edition.press)
    return pdf, note, LAYOUTS[edition.name] - before


def build(content: Path | str, out: Path | str = DEFAULT_OUT,
          editions: tuple[str, ...] = ("print",), marks: bool = False,
          emit_html: Path | None = None, channel: str | None = None,
          jobs: int | None = None) -> list[BuildResult]:
    """Build the requested editions; each PDF is replaced atomically only once it is complete.

    ``marks`` puts print-edition pages on a larger sheet with Japanese crop marks.
    With ``channel``, links carry that channel's tracking parameters and the file is named
    ``brochure-<edition>-<channel>.pdf``. Several editions are laid out at the same time, one
    forked child each; ``jobs=1`` makes everything in this process, one edition after the other
    (the same bytes)."""
    from . import forked

    jobs = jobs if jobs is not None else default_jobs()
    prepared = prepare(content, out)
    if channel is not None:
        from .content.channels import select_channel
        prepared.brochure = select_channel(prepared.brochure, channel)
    wanted = [EDITIONS[name] for name in editions]
    get_ready(prepared, wanted, jobs)
    # Render every edition before writing any: a failing edition leaves all previous PDFs.
    if len(wanted) > 1 and (jobs is None or jobs > 1) and forked.available():
        made = forked.run_forked({e.name: partial(make_edition, prepared, e, marks) for e in wanted})
        rendered = [(e, *made[e.name]) for e in wanted]
    else:
        rendered = [(e, *make_edition(prepared, e, marks)) for e in wanted]
    results = []
    for edition, pdf, note, layouts in rendered:
        target = Path(out).resolve() / edition.filename
        if channel is not None:
            target = target.with_name(f"{target.stem}-{channel}{target.suffix}")
        results.append(BuildResult(edition.name, target, pdf.page_count, pdf.blank_pages, note, layouts))
    # Every edition is complete before any file is replaced (an interruption leaves them all).
    atomic_write_all([(result.path, pdf.data) for result, (_, pdf, _, _) in zip(results, rendered)])
    if emit_html is not None:
        from .render.emit import emit_html as write_html
        for result, (_, pdf, _, _) in zip(results, rendered):
            write_html(pdf.html, Path(emit_html), result.path.with_suffix(".html").name,
                       {"content": prepared.content_root, "cache": prepared.cache})
    return results
