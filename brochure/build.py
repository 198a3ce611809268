"""The pipeline: content → validated model → assets → HTML → PDF → atomic write.

``build()`` is the public entry point; the CLI and the tests call it. ``prepare()`` does the
work that every edition shares (reading and validating the content), so that several
editions can be made in one run without doing it twice.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .content.load import load_brochure
from .content.model import Brochure
from .editions import EDITIONS, Edition
from .paths import DEFAULT_OUT, FONTS, STYLES, STYLESHEETS
from .render.assets import build_views
from .render.html import render_html
from .render.pdf import RenderedPDF, render_pdf


@dataclass
class BuildResult:
    edition: str
    path: Path
    pages: int
    blank_pages: int


@dataclass
class Prepared:
    """Validated content and where its derived files are cached."""

    content_root: Path
    brochure: Brochure
    cache: Path

    @property
    def allowed_roots(self) -> list[Path]:
        return [self.content_root, STYLES, FONTS, self.cache]


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prepare(content: Path | str, out: Path | str = DEFAULT_OUT) -> Prepared:
    content_root = Path(content).resolve()
    brochure = load_brochure(content_root)
    return Prepared(content_root, brochure, Path(out).resolve() / ".cache")


def render_edition(prepared: Prepared, edition: Edition) -> RenderedPDF:
    """Lay out one edition, padded with blank pages to the required page multiple."""
    views = build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=edition.dpi)
    stylesheets = [STYLES / name for name in STYLESHEETS]

    def once(blank: int) -> RenderedPDF:
        html = render_html(prepared.brochure, views, edition=edition.name, blank_pages=blank,
                           stylesheets=stylesheets)
        pdf = render_pdf(html, prepared.content_root, prepared.allowed_roots, **edition.pdf_options)
        pdf.blank_pages = blank
        pdf.html = html  # kept for --emit-html
        return pdf

    pdf = once(0)
    blank = (-pdf.page_count) % prepared.brochure.meta.pad_to_multiple
    # Saddle stitching needs a multiple of 4: add blank pages before the back cover.
    return once(blank) if blank else pdf


def build(content: Path | str, out: Path | str = DEFAULT_OUT,
          editions: tuple[str, ...] = ("print",), emit_html: Path | None = None,
          channel: str | None = None) -> list[BuildResult]:
    """Build the requested editions; each PDF is replaced atomically only once it is complete.
    With ``channel``, links carry that channel's tracking parameters and the file is named
    ``brochure-<edition>-<channel>.pdf``."""
    prepared = prepare(content, out)
    if channel is not None:
        from .content.channels import select_channel
        prepared.brochure = select_channel(prepared.brochure, channel)
    results = []
    for name in editions:
        edition = EDITIONS[name]
        pdf = render_edition(prepared, edition)
        target = Path(out).resolve() / edition.filename
        if channel is not None:
            target = target.with_name(f"{target.stem}-{channel}{target.suffix}")
        atomic_write(target, pdf.data)
        if emit_html is not None:
            from .render.emit import emit_html as write_html
            write_html(pdf.html, Path(emit_html), target.with_suffix(".html").name,
                       {"content": prepared.content_root, "cache": prepared.cache})
        results.append(BuildResult(name, target, pdf.page_count, pdf.blank_pages))
    return results
