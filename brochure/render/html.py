"""Content model + fitted assets → one HTML document (Jinja2, autoescaped)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..assets.cachefile import cache_url
from ..assets.orgchart import OrgChartLayout
from ..assets.photos import FittedPhoto
from ..content.model import Brochure
from .jtext import jtext
from .markdown import markdown_to_html
from .tate import tate
from .templatecache import template_cache
from .typeset import phrases


@dataclass
class SectionView:
    """One section and the assets made for it, as the templates see them."""

    section: Any
    index: int
    photos: dict[str, FittedPhoto] = field(default_factory=dict)
    qr: dict[str, Markup] = field(default_factory=dict)  # link id → inline SVG
    orgchart: OrgChartLayout | None = None
    orgchart_lines: Path | None = None  # the chart's connecting lines, an SVG file
    body_html: Markup = Markup("")
    variant: int = 0  # n-th section of its type: lets repeated layouts vary (e.g. interviews)
    outline: str = ""  # label of the section's bookmark
    recipient: Any = None  # personalised copies: who the cover addresses (see personalize.py)

    @property
    def type(self) -> str:
        return self.section.type


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("brochure.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=template_cache(),  # compiled once per user, not once per process
    )
    env.filters["phrases"] = phrases
    env.filters["markdown"] = markdown_to_html
    env.filters["jtext"] = jtext  # ruby, 和欧間, bound last characters
    env.filters["tate"] = tate  # short vertical copy
    env.filters["uri"] = lambda p: Path(p).as_uri()
    env.filters["cache_url"] = cache_url
    return env


ENV = _environment()


def creation_date(meta) -> str | None:
    """The PDF's creation date: ``date`` from brochure.yaml, else ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention), else none at all — never the clock, so that two builds of
    the same content are byte-identical."""
    if meta.date:
        return meta.date.isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def render_html(brochure: Brochure, views: list[SectionView], *, edition: str, blank_pages: int = 0,
                stylesheets: list[Path] = ()) -> str:
    """The whole brochure as one HTML string."""
    template = ENV.get_template("brochure.html.j2")
    return template.render(b=brochure, meta=brochure.meta, views=views, edition=edition,
                           blank_pages=blank_pages, stylesheets=list(stylesheets),
                           created=creation_date(brochure.meta))


def render_recipient_overlay(brochure: Brochure, view: SectionView, *, edition: str) -> str:
    """Only the recipient card of a personalised cover, on a page of its own (personalize.py)."""
    return ENV.get_template("recipient-overlay.html.j2").render(b=brochure, meta=brochure.meta, v=view,
                                                               edition=edition)
