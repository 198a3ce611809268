"""Content model + fitted assets → one HTML document (Jinja2, autoescaped)."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..assets.cachefile import cache_url
from ..assets.orgchart import OrgChartLayout
from ..assets.photos import FittedPhoto
from ..content.model import Brochure
from ..themes import standard_theme
from . import grids
from .contact import mailto, tel
from ..plan.frames import benefit_columns, office_rows, rows
from .jtext import jtext, plain, printed_url
from .markdown import markdown_to_html
from .names import ruby_name
from .tate import tate
from .templatecache import template_cache
from .typeset import name_parts, phrases, unit_phrases


@dataclass
class SectionView:
    """One section and the assets made for it, as the templates see them.

    ``variant`` and ``opts`` are the planner's choice (``brochure.plan``): which of the
    section type's layouts the template draws, and its settings (type sizes, columns, …)."""

    section: Any
    index: int
    photos: dict[str, FittedPhoto] = field(default_factory=dict)
    qr: dict[str, Markup] = field(default_factory=dict)  # link id → inline SVG
    links: dict[str, Any] = field(default_factory=dict)  # link id → Link, of the links it prints
    meta: Any = None  # brochure.yaml's fields (the cover and back cover print them)
    next_figures: "SectionView | None" = None  # organisation: a figures section it may take in
    after_organisation: bool = False  # figures: right after an organisation without figures
    orgchart: OrgChartLayout | None = None
    orgchart_lines: Path | None = None  # the chart's connecting lines, an SVG file
    body_html: Markup = Markup("")
    variant: str = "page"  # the layout variant, a class "variant-<name>" on the section
    opts: dict[str, Any] = field(default_factory=dict)  # the variant's settings
    outline: str = ""  # label of the section's bookmark
    recipient: Any = None  # personalised copies: who the cover addresses (see personalize.py)
    element_id: str = ""  # the section element's id (default: section-<index>)
    logo: Any = None  # assets.brand.LogoView: the brand's logo on this page (_logo.html.j2)
    # Fits a photo field to another frame (a variant's): (field, Frame) → FittedPhoto.
    fitter: Callable[[str, Any], FittedPhoto] | None = None
    # Pixel size of a photo field's source (as shown): for the planner's resolution checks.
    source_px: Callable[[str], tuple[int, int]] | None = None
    # Lays out the org chart for another height (a variant's): mm → (layout, lines file).
    chart_maker: Callable[[float], tuple[OrgChartLayout, Path]] | None = None

    @property
    def type(self) -> str:
        return self.section.type

    @property
    def id(self) -> str:
        return self.element_id or f"section-{self.index}"

    def with_variant(self, variant: str, **opts: Any) -> "SectionView":
        """The same section and assets in another layout variant."""
        return replace(self, variant=variant, opts=dict(opts))

    def photo(self, field: str) -> FittedPhoto:
        """The photo of a field fitted to its frame in this view's variant (frames.py)."""
        from ..plan.frames import frame_for

        fitted = self.photos[field]
        frame = frame_for(self.type, field, self.variant, self.opts, self.section)
        if frame == fitted.frame or self.fitter is None:
            return fitted
        return self.fitter(field, frame)

    def chart(self) -> tuple[OrgChartLayout, Path]:
        """The org chart laid out for the height this variant gives it (``opts.chart_h``)."""
        height = self.opts.get("chart_h")
        if self.chart_maker is None or not isinstance(height, str):
            return self.orgchart, self.orgchart_lines
        return self.chart_maker(float(height.removesuffix("mm")))

    def per_page(self, entries: int) -> int:
        """Entries on the fuller of the section's pages: all of them, or the more of the two
        halves when the planner turns the page between them (``turn``)."""
        turn = self.opts.get("turn")
        return max(turn, entries - turn) if turn else entries

    def style(self) -> str:
        """The variant's numeric settings as CSS custom properties (``--body-size: 9pt``)."""
        return "; ".join(f"--{key.replace('_', '-')}: {value}" for key, value in sorted(self.opts.items())
                         if isinstance(value, str) and (value[-2:] in ("pt", "mm", "em")
                                                        or re.fullmatch(r"\d+(\.\d+)?", value)))


def _environment(template_dirs: tuple[Path, ...]) -> Environment:
    """Templates are looked for in the theme's folder first, then in the standard theme's
    (``brochure.themes``): a theme overrides only the templates it has."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in template_dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache(),  # compiled once per user, not once per process
    )
    env.filters["phrases"] = phrases
    env.filters["unit_phrases"] = unit_phrases
    env.filters["name_parts"] = name_parts
    env.filters["markdown"] = markdown_to_html
    env.filters["jtext"] = jtext  # ruby, 和欧間, bound last characters
    env.filters["plain"] = plain  # ruby markup reduced to its base (attributes, running heads)
    env.filters["tate"] = tate  # short vertical copy
    env.filters["printed_url"] = printed_url  # the address beside a QR code, without utm_*
    env.filters["uri"] = lambda p: Path(p).as_uri()
    env.filters["cache_url"] = cache_url
    env.globals["office_rows"] = office_rows
    # The newer section types (issue 12): names with readings, contact links, grids.
    env.filters["ruby_name"] = ruby_name  # {{ s.name | ruby_name(s.reading) | jtext(false) }}
    env.filters["mailto"] = mailto
    env.filters["tel"] = tel
    env.filters["lines"] = grids.lines
    env.filters["paragraphs"] = grids.paragraphs
    env.filters["figure_columns"] = grids.figure_columns
    env.filters["figure_size"] = grids.figure_size
    env.filters["benefit_columns"] = benefit_columns
    env.filters["rows"] = rows
    env.filters["density"] = grids.density
    return env


_ENVIRONMENTS: dict[tuple[Path, ...], Environment] = {}


def environment(theme=None) -> Environment:
    """The template environment of a theme (``brochure.themes.Theme``; None: the standard
    theme), made once per process."""
    dirs = tuple((theme or standard_theme()).template_dirs)
    env = _ENVIRONMENTS.get(dirs)
    if env is None:
        env = _ENVIRONMENTS[dirs] = _environment(dirs)
    return env


ENV = environment()


def creation_date(meta, edition: str = "") -> str | None:
    """The PDF's creation date: ``date`` from brochure.yaml, else ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention), else none at all — never the clock, so that two builds of
    the same content are byte-identical. The print edition (PDF/X-4, which requires the dates)
    falls back on the content's own ``as_of`` date instead of none; the build says so
    (``build.date_from_as_of``)."""
    if meta.date:
        return meta.date.isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    from ..editions import EDITIONS

    if getattr(EDITIONS.get(edition), "press", False):
        return meta.as_of.isoformat()
    return None


def render_html(brochure: Brochure, views: list[SectionView], *, edition: str, blank_pages: int = 0,
                stylesheets: list[Path] = (), page_css: str = "") -> str:
    """The whole brochure as one HTML string; ``page_css``: rules the planner made for pages
    (running heads of continuation pages, render/runninghead.py)."""
    template = environment(brochure.theme).get_template("brochure.html.j2")
    return template.render(b=brochure, meta=brochure.meta, views=views, edition=edition,
                           blank_pages=blank_pages, stylesheets=list(stylesheets),
                           created=creation_date(brochure.meta, edition), page_css=Markup(page_css))


def render_recipient_overlay(brochure: Brochure, view: SectionView, *, edition: str) -> str:
    """Only the recipient card of a personalised cover, on a page of its own (personalize.py)."""
    return environment(brochure.theme).get_template("recipient-overlay.html.j2").render(b=brochure, meta=brochure.meta, v=view,
                                                               edition=edition)
