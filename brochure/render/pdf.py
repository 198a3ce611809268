"""HTML → PDF with WeasyPrint, failing loudly where WeasyPrint would only warn.

WeasyPrint logs a missing ``@font-face`` file, an unreadable image or an unknown CSS property
as a warning and carries on with a fallback. In a print product each of those is a defect, so
they are collected during the render and raised as one :class:`RenderError`.

The process keeps our stylesheets parsed and their fonts registered (:class:`WarmStyles`):
a document linking only stylesheets of ``styles/`` is laid out with those parsed copies (and
the links taken out of the HTML handed to WeasyPrint), so a build that forks one child per
edition parses them and loads the fonts once, before the fork (:func:`warm_up`).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import RenderError
from ..paths import FONTS, STYLES

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


# Documents laid out by this process, by edition (``progress.edition_scope``; "" if unknown):
# bench/run.py prints it, a second layout of an edition shows there.
LAYOUTS: Counter = Counter()


def count_layout() -> None:
    from ..progress import current_edition

    LAYOUTS[current_edition() or ""] += 1


LINK = re.compile(r'<link rel="stylesheet" href="(file://[^"]+)">\n?')
ANY_STYLESHEET = re.compile(r"<link\b[^>]*\bstylesheet\b|<style\b", re.IGNORECASE)


class WarmStyles:
    """Our stylesheets, parsed once per process (again when a file changes), with one font
    configuration holding the fonts they register."""

    def __init__(self) -> None:
        self.font_config = None
        self._sheets: dict[Path, tuple[tuple[int, int], object]] = {}

    def _config(self):
        if self.font_config is None:
            from weasyprint.text.fonts import FontConfiguration

            self.font_config = FontConfiguration()
        return self.font_config

    def sheet(self, path: Path, fetcher):
        """The parsed stylesheet; None if it cannot be parsed cleanly (the caller then lets
        WeasyPrint load it, which reports the problem as usual)."""
        from .weasy import weasyprint

        try:
            st = path.stat()
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        known = self._sheets.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        with collect_warnings() as warned:
            try:
                css = weasyprint.CSS(filename=str(path), font_config=self._config(), url_fetcher=fetcher)
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException:  # noqa: BLE001 - incl. a refused fetch; reported by the ordinary path
                return None
        if warned.fatal or warned.other:
            return None
        self._sheets[path] = (stamp, css)
        return css

    def split(self, html: str, fetcher) -> tuple[str, list] | None:
        """``html`` without its stylesheet links and the parsed sheets, in order; None unless
        every stylesheet of the document is one of ours (``styles/``) and parses cleanly."""
        links = LINK.findall(html)
        if not links or len(ANY_STYLESHEET.findall(html)) != len(links):
            return None
        sheets = []
        for href in links:
            path = Path(unquote(urlsplit(href).path))
            if not path.is_relative_to(STYLES) or (css := self.sheet(path, fetcher)) is None:
                return None
            sheets.append(css)
        return LINK.sub("", html), sheets


WARM = WarmStyles()


def warm_up(stylesheets: list[Path] = ()) -> None:
    """Import WeasyPrint and install our layout hooks now (≈0.4 s), and parse ``stylesheets``
    (registering their fonts): e.g. while photos are fitted in other processes, and before
    forking one child per edition, rather than in each layout."""
    from .weasy import weasyprint  # noqa: F401

    from .justify import install as install_japanese_justification
    install_japanese_justification()
    from .fetcher import SafeFetcher

    fetcher = SafeFetcher([STYLES, FONTS])
    for path in stylesheets:
        WARM.sheet(Path(path), fetcher)


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
    count_layout()
    with collect_warnings() as collected:
        warm = WARM.split(html, fetcher)
        if warm is not None:
            html, sheets = warm
            pdf_options = {**pdf_options, "stylesheets": sheets, "font_config": WARM.font_config}
        try:
            document = weasyprint.HTML(string=html, base_url=base_dir.as_uri() + "/",
                                       url_fetcher=fetcher).render(**pdf_options)
            data = fold_text_gaps(document.write_pdf(**{k: v for k, v in pdf_options.items()
                                                        if k not in ("stylesheets", "font_config")}))
        except RefusedResource as exc:
            raise RenderError.refused(exc) from None
    if fetcher.refused:  # refused, but WeasyPrint carried on without it (e.g. an SVG <image>)
        raise RenderError.refused(fetcher.refused[0])
    if collected.fatal:
        raise RenderError.degraded(collected.fatal)
    return RenderedPDF(data=data, page_count=len(document.pages), warnings=list(dict.fromkeys(collected.other)))


_UNPAINTED: set[int] = set()  # ids of the pages write_pdf(..., unpainted=) leaves empty


def _install_unpainted() -> None:
    from weasyprint.document import Page

    if getattr(Page.paint, "brochure_unpainted", False):
        return
    paint = Page.paint

    def paint_unless_kept(self, *args, **kwargs):
        if id(self) in _UNPAINTED:
            return None
        return paint(self, *args, **kwargs)

    paint_unless_kept.brochure_unpainted = True
    Page.paint = paint_unless_kept


def write_pdf(document, zoom: float = 1.0, unpainted: tuple[int, ...] = (), **options) -> bytes:
    """A laid-out document's PDF; at a ``zoom`` other than 1 (a smaller format laid out on an
    A4-wide page, brochure/themes.py) with the page boxes put right: WeasyPrint 70 scales the
    MediaBox but offsets the TrimBox and BleedBox by the unscaled bleed. Here the BleedBox is
    the MediaBox and the TrimBox the page inside the bleed, as WeasyPrint makes them at zoom 1.

    ``unpainted``: indexes of pages left empty (their links, anchors and boxes are written as
    usual): watch mode puts in the drawing of the same page from the earlier PDF
    (press/keptpages.py)."""
    if unpainted:
        _install_unpainted()
        kept = {id(document.pages[i]) for i in unpainted}
        _UNPAINTED.update(kept)
        try:
            return write_pdf(document, zoom, **options)
        finally:
            _UNPAINTED.difference_update(kept)
    if zoom == 1.0:
        return document.write_pdf(**options)
    import io

    import pikepdf

    data = document.write_pdf(zoom=zoom, **options)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.obj.MediaBox)
            page.obj.BleedBox = pikepdf.Array(page.obj.MediaBox)
            page.obj.TrimBox = pikepdf.Array([0, 0, round(x1 + x0, 6), round(y1 + y0, 6)])
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()
