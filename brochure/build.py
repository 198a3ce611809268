"""The pipeline: content → validated model → assets → HTML → PDF → atomic write.

``build()`` is the public entry point; the CLI and the tests call it.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .content.load import load_brochure
from .paths import DEFAULT_OUT, FONTS, STYLES, STYLESHEETS
from .render.assets import build_views
from .render.html import render_html
from .render.pdf import render_pdf

EDITIONS = {"print": {"dpi": 350}}


@dataclass
class BuildResult:
    path: Path
    pages: int
    blank_pages: int


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


def build(content: Path | str, out: Path | str = DEFAULT_OUT, edition: str = "print") -> BuildResult:
    """Build one edition of the brochure; return where it was written and its page count."""
    content_root = Path(content).resolve()
    out_dir = Path(out).resolve()
    settings = EDITIONS[edition]
    brochure = load_brochure(content_root)
    cache = out_dir / ".cache"
    views = build_views(brochure, content_root, cache, dpi=settings["dpi"])
    stylesheets = [STYLES / name for name in STYLESHEETS]
    roots = [content_root, STYLES, FONTS, cache]

    def once(blank: int):
        html = render_html(brochure, views, edition=edition, blank_pages=blank, stylesheets=stylesheets)
        return render_pdf(html, content_root, roots)

    pdf = once(0)
    multiple = brochure.meta.pad_to_multiple
    blank = (-pdf.page_count) % multiple
    if blank:  # saddle stitching needs a multiple of 4: add blank pages before the back cover
        pdf = once(blank)
    target = out_dir / f"brochure-{edition}.pdf"
    atomic_write(target, pdf.data)
    return BuildResult(target, pdf.page_count, blank)
