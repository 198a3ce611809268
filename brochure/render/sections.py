"""Lay out the brochure one section at a time, so that an edit re-lays out only its section.

Every section starts on a new page, so a section can be laid out as a small document of its
own and the pages joined afterwards (``press.assemble``). What makes its pages identical to
those of the whole document is what comes just before it: the page number and side (left
and right pages are mirrored) of the page before, and that page's section, whose forced
breaks (an interview spread must start on a left page) may insert a blank page. So each
part starts with a *lead-in*: an empty copy of the previous section's element on a page
numbered and sided like the previous page (``@page :first { counter-reset }``,
``html { break-before }``); the section follows exactly as in the whole document, and the
lead-in page is dropped.

Each part goes through the same finishing as a full build (PDF/X-4 for the print edition),
without crop marks, before it is joined: this is the working copy.

A :class:`SectionRenderer` keeps what is expensive and does not change between rebuilds
warm: the WeasyPrint import, the font configuration (fonts registered once), the parsed
stylesheets, and each part's laid-out pages and PDF bytes keyed by a hash of everything the
part depends on (its HTML with the lead-in, page number, stylesheets, fonts, options).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import RenderError
from ..paths import FONTS, STYLES, STYLESHEETS
from .assets import build_views
from .fetcher import RefusedResource, SafeFetcher
from .html import SectionView, render_html
from .pdf import collect_warnings, count_layout

progress_log = logging.getLogger("brochure.progress")


SECTION_TAG = re.compile(r'<section class="section [^"]*"[^>]*>')
LEAD_IN_STYLE = "height: 1px; min-height: 0; max-height: 1px; overflow: hidden"


def offset_css(page: int) -> str:
    """Number and side the first page of a part (its lead-in) as ``page`` of the brochure."""
    side = "left" if page % 2 == 0 else "right"  # even pages are left-hand pages
    return f"@page :first {{ counter-reset: page {page} }} html {{ break-before: {side} }}"


def lead_in(previous_html: str) -> str:
    """An empty copy of the last section element of the previous part: same classes (named
    page, forced breaks after it), same label (the running footer of a blank page), no id."""
    tags = SECTION_TAG.findall(previous_html)
    if not tags:
        return ""
    tag = re.sub(r'\s(id|style)="[^"]*"', "", tags[-1])
    return tag[:-1] + f' style="{LEAD_IN_STYLE}" aria-hidden="true"></section>'


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


@dataclass
class SectionBuild:
    data: bytes
    pages: int
    blank_pages: int
    laid_out: int  # parts laid out in this build (the others came from the cache)
    parts: int
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


class SectionRenderer:
    """Warm state for repeated section-wise builds of one edition (watch mode, batches)."""

    def __init__(self, edition) -> None:
        from .weasy import weasyprint  # the slow import, paid once per process

        from .justify import install as install_japanese_justification
        install_japanese_justification()  # same line setting as render_pdf: parts equal a full build
        from weasyprint.text.fonts import FontConfiguration

        self._weasyprint = weasyprint
        self.edition = edition
        self.font_config = FontConfiguration()
        self._css: list = []
        self._css_key = ""
        self._parts: dict[str, Part] = {}
        self.last_parts: list[Part] = []

    # -- stylesheets -------------------------------------------------------------------------
    def _stylesheets(self, fetcher: SafeFetcher) -> tuple[list, str]:
        paths = [STYLES / name for name in (*STYLESHEETS, *self.edition.stylesheets)]
        key = _signature(paths + sorted(FONTS.glob("*.[ot]tf")))
        if key != self._css_key:
            with collect_warnings() as warned:
                self._css = [self._weasyprint.CSS(filename=str(p), font_config=self.font_config,
                                                  url_fetcher=fetcher) for p in paths]
            if warned.fatal:
                raise RenderError("; ".join(dict.fromkeys(warned.fatal)))
            self._css_key = key
        return self._css, key

    # -- one part ----------------------------------------------------------------------------
    def _layout(self, html: str, first_page: int, key: str, base_url: str, fetcher, css) -> Part:
        """Lay out one part; ``html`` starts with a lead-in unless it is the first part."""
        wp = self._weasyprint
        extra = [wp.CSS(string=offset_css(first_page - 1), font_config=self.font_config)] \
            if first_page > 1 else []
        count_layout()
        with collect_warnings() as warned:
            try:
                document = wp.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                    font_config=self.font_config, stylesheets=[*css, *extra],
                    **self.edition.pdf_options)
            except RefusedResource as exc:
                raise RenderError(f"refused to load {exc.url}: {exc.reason}") from None
        if fetcher.refused:  # refused, but WeasyPrint carried on without it (e.g. an SVG <image>)
            raise RenderError(f"refused to load {fetcher.refused[0].url}: {fetcher.refused[0].reason}")
        if warned.fatal:
            raise RenderError("; ".join(dict.fromkeys(warned.fatal)))
        if first_page > 1:
            document = document.copy(document.pages[1:])  # drop the lead-in page
        return Part(key, first_page, document, warned.other, pages=len(document.pages))

    def _write(self, part: Part) -> bytes:
        if part.pdf is None:
            from ..press.finish import finish

            with collect_warnings():
                data = part.document.write_pdf(**self.edition.pdf_options)
            # Finished part by part (cached with the part): the join keeps the first part's
            # document-level PDF/X entries (output intent, XMP, version) and every page's own.
            part.pdf = finish(data, pdfx=self.edition.press, marks=False)
            part.document = None  # laid-out boxes are large; the PDF bytes are all we need again
        return part.pdf

    # -- the whole brochure ------------------------------------------------------------------
    def context(self, prepared) -> "Context":
        """What every part of one build shares: views (fitted photos, QR codes), stylesheets."""
        edition = self.edition
        views = build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=edition.dpi,
                            quality=edition.jpeg_quality, shared=prepared.shared)
        fetcher = SafeFetcher(prepared.allowed_roots, cache=prepared.cache)
        css, css_key = self._stylesheets(fetcher)
        return Context(prepared.brochure, views, fetcher, css,
                       f"{css_key}\0{sorted(edition.pdf_options.items())!r}",
                       prepared.content_root.as_uri() + "/", prepared.brochure.meta.pad_to_multiple)

    def part_html(self, ctx: "Context", views: list[SectionView], blank: int) -> str:
        return render_html(ctx.brochure, views, edition=self.edition.name, blank_pages=blank,
                           stylesheets=[])

    def part(self, ctx: "Context", own_html: str, previous_html: str, first_page: int,
             fresh: dict[str, Part] | None = None) -> Part:
        """The laid-out part (from the cache when nothing it depends on changed)."""
        html = with_lead_in(own_html, lead_in(previous_html)) if first_page > 1 else own_html
        key = hashlib.sha256(f"{first_page}\0{ctx.key}\0{html}".encode()).hexdigest()
        part = self._parts.get(key) or (fresh or {}).get(key)
        if part is None:
            part = self._layout(html, first_page, key, ctx.base_url, ctx.fetcher, ctx.css)
            if fresh is not None:
                fresh[key] = part
        return part

    def write(self, part: Part) -> bytes:
        return self._write(part)

    def build(self, prepared, ctx: "Context | None" = None) -> SectionBuild:
        """Lay out (what changed), write and join every part; raise on any problem, leaving
        the cache as it was so that the next good build reuses it."""
        from ..press.assemble import assemble

        start = time.perf_counter()
        ctx = ctx or self.context(prepared)
        fresh: dict[str, Part] = {}

        def lay_out_all(blank: int) -> list[Part]:
            parts, first_page, previous = [], 1, ""
            for part_views, part_blank in plan_parts(ctx.views, blank):
                own = self.part_html(ctx, part_views, part_blank)
                part = self.part(ctx, own, previous, first_page, fresh)
                part.own_html = own
                parts.append(part)
                previous, first_page = own, first_page + part.pages
            return parts

        parts = lay_out_all(0)
        blank = (-sum(p.pages for p in parts)) % ctx.pad
        if blank:  # saddle stitching needs a multiple of 4: blank pages before the back cover
            parts = lay_out_all(blank)
        data = assemble([self._write(p) for p in parts])
        self._parts = {p.key: p for p in parts}  # keep only what the current brochure uses
        self.last_parts = parts
        warnings = [w for p in parts for w in p.warnings]
        return SectionBuild(data, sum(p.pages for p in parts), blank, len(fresh), len(parts),
                            list(dict.fromkeys(warnings)), time.perf_counter() - start)


@dataclass
class Context:
    brochure: Any
    views: list[SectionView]
    fetcher: SafeFetcher
    css: list
    key: str  # stylesheets, fonts and options: part of every part's cache key
    base_url: str
    pad: int
