"""Lay out the brochure one section at a time: the planner's measurements are the layout.

Every section starts on a new page, so a section can be laid out as a small document of its
own. What makes its pages identical to those of the whole document is the page before it:
its number and side (left and right pages are mirrored). So each part starts with a
*lead-in*, an empty section on a page numbered and sided like the previous page
(``@page :first { counter-reset }``, ``html { break-before }``); the section follows exactly
as in the whole document, and the lead-in page is dropped. No section forces a left or right
page itself: the planner (``brochure.plan``) places spreads on left pages.

The planner lays out each section in its variants (:meth:`SectionRenderer.layout`) and keeps
the layouts it chooses; :func:`write_document` then writes their pages as one document (one
font subset, one structure tree for the tagged edition): nothing is laid out twice. Watch
mode instead writes each part on its own, finished like a full build, and joins the parts
(``press.parts``), so that an edit writes only its section.

A :class:`SectionRenderer` keeps what is expensive and does not change between rebuilds
warm: the WeasyPrint import, the font configuration (fonts registered once), the parsed
stylesheets, and each part's laid-out pages and PDF bytes keyed by a hash of everything the
part depends on (its HTML with the lead-in, page number, stylesheets, fonts, options).
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import RenderError
from ..paths import FONTS, STYLES
from ..themes import DEFAULT_FORMAT, FORMATS, standard_theme, theme_of
from . import carry
from .assets import build_views
from .boxprints import content_sensitive, page_prints
from .fetcher import RefusedResource, SafeFetcher
from .fillers import filler_view
from .html import SectionView, render_html
from .pdf import WARM, collect_warnings, count_layout, write_pdf
from .runninghead import part_css


SECTION_TAG = re.compile(r'<section class="section [^"]*"[^>]*>')
LEAD_IN_STYLE = "height: 1px; min-height: 0; max-height: 1px; overflow: hidden"


@functools.lru_cache(maxsize=256)
def _own_sheet(css, text: str, font_config):
    return css(string=text, font_config=font_config)


def offset_css(page: int) -> str:
    """Number and side the first page of a part (its lead-in) as ``page`` of the brochure."""
    side = "left" if page % 2 == 0 else "right"  # even pages are left-hand pages
    return f"@page :first {{ counter-reset: page {page} }} html {{ break-before: {side} }}"


LEAD_IN = f'<section class="section s-lead-in" style="{LEAD_IN_STYLE}" aria-hidden="true"></section>'


def lead_in(previous_html: str = "") -> str:
    """An empty section on the page before the part; it is dropped once laid out. (Kept
    generic: no section forces a page side, so the previous section does not matter.)"""
    return LEAD_IN


def with_lead_in(html: str, lead: str) -> str:
    body = re.search(r"<body[^>]*>", html)
    return html[:body.end()] + lead + html[body.end():] if body and lead else html


def plan_parts(views: list[SectionView], blank_pages: int) -> list[tuple[list[SectionView], int]]:
    """(views, blank pages) of each part: one section each; padding goes with the back cover
    (the template puts it just before it), or with the last part when there is none."""
    holder = next((i for i, v in enumerate(views) if v.type == "back-cover"), len(views) - 1)
    return [([v], blank_pages if i == holder else 0) for i, v in enumerate(views)]


def joinable(edition) -> bool:
    """Whether an edition's parts can be joined page by page. A tagged PDF (PDF/UA, PDF/A-a)
    has one structure tree for the whole document, which joining parts would not rebuild."""
    options = edition.pdf_options
    variant = str(options.get("pdf_variant") or "")
    return not options.get("pdf_tags") and not variant.startswith("pdf/ua")


def _signature(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        st = p.stat()
        h.update(f"{p}:{st.st_mtime_ns}:{st.st_size};".encode())
    return h.hexdigest()


@dataclass
class Part:
    key: str
    first_page: int
    document: Any  # weasyprint.Document; released once written (the bytes are what is kept)
    warnings: list[str]
    pages: int = 0
    pdf: bytes | None = None
    own_html: str = ""  # the part's HTML without its lead-in
    measure: Any = None  # plan.measure.SectionMeasure of its pages, taken once laid out
    seconds: float = 0.0  # WeasyPrint's layout of it (0 once it comes from the cache)
    scope: str | None = None  # watch: what its lines may be carried under (render/linecache.py)
    prints: list[bytes] | None = None  # watch: each page's print (render/boxprints.py)
    kept: int = 0  # watch: pages whose drawing came from the earlier PDF (press/keptpages.py)
    drawing_warnings: list[str] = field(default_factory=list)  # what writing its PDF warned of


class SectionRenderer:
    """Warm state for repeated section-wise builds of one edition (watch mode, batches)."""

    def __init__(self, edition, styles: Path = STYLES) -> None:
        from .weasy import weasyprint  # the slow import, paid once per process

        from .justify import install as install_japanese_justification
        install_japanese_justification()  # same line setting as render_pdf: parts equal a full build

        self._weasyprint = weasyprint
        self.edition = edition
        self.styles = styles  # the shared stylesheets' folder (the theme's: brochure.themes)
        # The process's warm font configuration and parsed stylesheets (render.pdf.WARM: parsed
        # once, before editions are forked), so that a new renderer parses nothing again.
        self.font_config = WARM._config()
        self._css: list = []
        self._css_key = ""
        self._parts: dict[str, Part] = {}
        # Watch: a part laid out again takes its unchanged lines from its last layout
        # (render/linecache.py); untagged editions only, and not when a selector looks at
        # descendants (boxprints.content_sensitive).
        self.carry_lines = False
        self._css_sensitive = False
        self.written: dict[str, Part] = {}  # watch: each scope's last written part (press/parts.py)
        self.last_parts: list[Part] = []
        self.spot = None  # the brand logo's spot colour (name, CMYK alternate), set by context()
        self.page_format = FORMATS[DEFAULT_FORMAT]  # the brochure's (context()): its zoom

    # -- stylesheets -------------------------------------------------------------------------
    def _stylesheets(self, fetcher: SafeFetcher, theme=None) -> tuple[list, str]:
        paths = (theme or standard_theme()).stylesheets(self.edition.stylesheets)
        key = _signature(paths + sorted(FONTS.glob("*.[ot]tf")))
        if key != self._css_key:
            warm = [WARM.sheet(p, fetcher) for p in paths]
            if all(css is not None for css in warm):
                self._css = warm
            else:  # one that does not parse cleanly: parse here, to report what is wrong
                with collect_warnings() as warned:
                    try:
                        self._css = [self._weasyprint.CSS(filename=str(p), font_config=self.font_config,
                                                          url_fetcher=fetcher) for p in paths]
                    except RefusedResource as exc:
                        raise RenderError.refused(exc) from None
                if warned.fatal:
                    raise RenderError.degraded(warned.fatal)
            self._css_key = key
            self._css_sensitive = content_sensitive(p.read_text(encoding="utf-8", errors="replace")
                                                    for p in paths)
        return self._css, key

    def _with_brand(self, css: list, key: str, brand) -> tuple[list, str]:
        """The theme's stylesheets and, last, the brand's custom properties (assets/brand.py)."""
        from ..assets.brand import brand_css

        text = brand_css(brand, self.edition.name)
        if not text:
            return css, key
        cached = getattr(self, "_brand_css", None)
        if cached is None or cached[0] != text:
            with collect_warnings() as warned:
                sheet = self._weasyprint.CSS(string=text, font_config=self.font_config)
            if warned.fatal:
                raise RenderError.degraded(warned.fatal)
            self._brand_css = cached = (text, sheet)
        return [*css, cached[1]], f"{key}\0{brand.key()}"  # colours, logo, spot colour

    # -- one part ----------------------------------------------------------------------------
    def _sheet(self, text: str):
        """A part's own small stylesheet (its page numbers' offset, its running heads), parsed
        once per text and process, as the theme's are (render/stylecarry.py carries what
        the same stylesheet objects gave)."""
        return _own_sheet(self._weasyprint.CSS, text, self.font_config)

    def _layout(self, html: str, first_page: int, key: str, base_url: str, fetcher, css,
                extra_css: str = "", scope: str | None = None) -> Part:
        """Lay out one part; ``html`` starts with a lead-in unless it is the first part."""
        wp = self._weasyprint
        extra = [self._sheet(offset_css(first_page - 1))] if first_page > 1 else []
        if extra_css:
            extra.append(self._sheet(extra_css))
        count_layout()
        started = time.perf_counter()
        from ..progress import pages_from

        with collect_warnings() as warned, pages_from(first_page, 1 if first_page > 1 else 0), \
                carry.carrying(scope):
            try:
                document = wp.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                    font_config=self.font_config, stylesheets=[*css, *extra],
                    **self.edition.pdf_options)
            except RefusedResource as exc:
                raise RenderError.refused(exc) from None
        if fetcher.refused:  # refused, but WeasyPrint carried on without it (e.g. an SVG <image>)
            raise RenderError.refused(fetcher.refused[0])
        if warned.fatal:
            raise RenderError.degraded(warned.fatal)
        if first_page > 1:
            document = document.copy(document.pages[1:])  # drop the lead-in page
        prints = page_prints(document.pages) if scope is not None else None
        return Part(key, first_page, document, warned.other, pages=len(document.pages),
                    seconds=time.perf_counter() - started, scope=scope, prints=prints)

    # -- the whole brochure ------------------------------------------------------------------
    def context(self, prepared) -> "Context":
        """What every part of one build shares: views (fitted photos, QR codes), stylesheets."""
        edition = self.edition
        brand = getattr(prepared, "brand", None)
        views = build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=edition.dpi,
                            quality=edition.jpeg_quality, shared=prepared.shared, brand=brand,
                            edition=edition.name)
        fetcher = SafeFetcher(prepared.allowed_roots, cache=prepared.cache)
        theme = theme_of(prepared.brochure)
        self.page_format = theme.page_format
        css, css_key = self._stylesheets(fetcher, theme)
        css, css_key = self._with_brand(css, css_key, brand)
        from ..assets.brand import spot_of

        self.spot = spot_of(brand)  # the logo's spot colour, for press/parts.py
        return Context(prepared.brochure, views, fetcher, css,
                       f"{css_key}\0{sorted(edition.pdf_options.items())!r}",
                       prepared.content_root.as_uri() + "/", prepared.brochure.meta.pad_to_multiple)

    def part_html(self, ctx: "Context", views: list[SectionView], blank: int = 0) -> str:
        return render_html(ctx.brochure, views, edition=self.edition.name, blank_pages=blank,
                           stylesheets=[])

    def part(self, ctx: "Context", own_html: str, previous_html: str, first_page: int,
             fresh: dict[str, Part] | None = None, extra_css: str = "") -> Part:
        """The laid-out part (from the cache when nothing it depends on changed)."""
        html = with_lead_in(own_html, lead_in(previous_html)) if first_page > 1 else own_html
        key = hashlib.sha256(f"{first_page}\0{ctx.key}\0{extra_css}\0{html}".encode()).hexdigest()
        part = self._parts.get(key) or (fresh or {}).get(key)
        if part is None:
            scope = None  # the same stylesheets, options, page and running heads: lines may carry
            if self.carry_lines and joinable(self.edition) and not self._css_sensitive:
                scope = hashlib.sha256(f"{first_page}\0{ctx.key}\0{extra_css}".encode()).hexdigest()
            part = self._layout(html, first_page, key, ctx.base_url, ctx.fetcher, ctx.css, extra_css,
                                scope)
            if fresh is not None:
                fresh[key] = part
        part.own_html = own_html
        return part

    def layout(self, ctx: "Context", view: SectionView, first_page: int,
               fresh: dict[str, Part] | None = None) -> Part:
        """One section, in its variant, laid out from ``first_page`` on, and measured."""
        from ..plan.measure import measure_pages

        heads = part_css(view, first_page)  # continuation pages' running heads
        part = self.part(ctx, self.part_html(ctx, [view]), "", first_page, fresh, heads)
        if part.measure is None:
            if part.document is None:  # written and released (watch): lay it out again
                self._parts.pop(part.key, None)
                if fresh is not None:
                    fresh.pop(part.key, None)
                part = self.part(ctx, self.part_html(ctx, [view]), "", first_page, fresh, heads)
            part.measure = measure_pages(part.document)
        return part

    def keep(self, plan) -> list[Part]:
        """Keep cached only the parts ``plan`` uses (what the current brochure is made of)."""
        parts = [s.layout for s in plan.sections if s.layout is not None]
        self._parts = {p.key: p for p in parts}
        scopes = {p.scope for p in parts}
        self.written = {s: p for s, p in self.written.items() if s in scopes}
        if self.carry_lines:
            carry.keep_only(scopes)
        self.last_parts = parts
        self.last_plan = plan
        return parts

    def forget(self) -> None:
        """Forget every laid-out part and carried line: the next build lays out everything."""
        self._parts.clear()
        self.written.clear()
        carry.drop()

    def plan(self, ctx: "Context", fresh: dict[str, Part] | None = None):
        """Choose every section's variant by laying it out (``brochure.plan``)."""
        carry.next_rebuild()
        from ..plan import plan_sections
        from ..plan.rules import problems
        from ..progress import planning_pages

        with planning_pages():
            return plan_sections(
                ctx.views, lambda view, page: self.layout(ctx, view, page, fresh), multiple=ctx.pad,
                check=problems, memo_view=lambda n: filler_view("memo", n),
                blank_view=lambda n: filler_view("blank", n, pages=n))

    def write_document(self, plan, metadata_html: str | None = None) -> bytes:
        """The planned layouts' pages written as one PDF (fonts subset once, one structure
        tree), with the document metadata of the first part (all parts share it)."""
        laid = [s for s in plan.sections if s.layout is not None]  # a merged section has no pages
        pages = [page for s in laid for page in s.layout.document.pages]
        first = laid[0].layout.document
        from .textgaps import fold_text_gaps  # copy and search without invented spaces

        options = {"pdf_identifier": True, **self.edition.pdf_options}  # /ID: the file's own hash
        with collect_warnings() as warned:
            data = fold_text_gaps(write_pdf(first.copy(pages), self.page_format.zoom, **options))
        # Drawing reports glyphs no font has (.notdef); layout warned of the rest.
        self.write_warnings = list(dict.fromkeys([w for s in laid for w in s.layout.warnings]
                                                 + warned.other))
        return data

@dataclass
class Context:
    brochure: Any
    views: list[SectionView]
    fetcher: SafeFetcher
    css: list
    key: str  # stylesheets, fonts and options: part of every part's cache key
    base_url: str
    pad: int
