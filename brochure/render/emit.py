"""Write the exact HTML WeasyPrint renders, with its files beside it, for debugging and benching.

The rendered HTML points at files by absolute ``file:`` URLs (styles, fonts through the
styles, processed photos in the cache). Here each such file is linked (or copied) under the
output folder, keeping the tool's own layout (``styles/`` next to ``fonts/``, so the
stylesheets' relative ``url(../fonts/…)`` still work), and the URLs are made relative. Then
``weasyprint DIR/brochure-print.html out.pdf`` lays out the same pages: the same text on the
same pages. Plain WeasyPrint lacks one hook of ours, Japanese justification
(render/justify.py), so its lines end ragged where ours end flush; the line breaks are the same.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..errors import BrochureError
from ..files import temp_path, write_whole
from ..messages import msg
from ..paths import CACHE_URL_SCHEME, FONTS, ROOT, STYLES

PACKAGE = ROOT / "brochure"

# Only URLs the renderer loads: an href="…" or src="…" attribute value or a CSS url(…). The same
# text in a caption ("資料は file://server/share/x.pdf") is text, and stays as it is.
_LOADED = r'((?:\bhref|\bsrc)=["\']|url\(["\']?)'
FILE_URL = re.compile(_LOADED + r'(file://[^"\'\s)]+)')
CACHE_URL = re.compile(_LOADED + "(" + CACHE_URL_SCHEME + r':[^"\'\s)]+)')  # processed photos (assets/cachefile.py)


def _place(src: Path, dest: Path, link: bool = False) -> None:
    """Copy ``src`` to ``dest``; ``link`` hard-links instead (fonts are megabytes and are
    never edited; styles and photos are copied so that editing them here changes nothing).
    The copy is written beside ``dest`` and renamed over it: ``dest`` is never deleted first,
    and a ``dest`` that is ``src`` itself (the same file) is left alone."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        if os.path.samefile(src, dest):
            return
    except OSError:
        pass  # no dest yet
    if link:
        tmp = temp_path(dest)
        try:
            os.link(src, tmp)
            os.replace(tmp, dest)
            return
        except OSError:
            tmp.unlink(missing_ok=True)
    write_whole(dest, src.read_bytes(), durable=False)


def refuse_folder(out_dir: Path, content_root: Path, cache: Path | None = None) -> None:
    """Before any work: ``out_dir`` must not be, or be inside, a folder the emitted files are
    copied from (the program, ``styles/``, ``fonts/``, the content, the cache), nor a folder
    whose ``styles/`` or ``fonts/`` is ours (the repository's root): copying there would
    replace the sources with themselves."""
    out = Path(out_dir).resolve()
    sources = [(PACKAGE, "brochure/"), (STYLES, "styles/"), (FONTS, "fonts/"),
               (Path(content_root).resolve(), "content")]
    if cache is not None:
        sources.append((Path(cache).resolve(), "cache"))
    for root, which in sources:
        if out.is_relative_to(root):
            raise BrochureError(msg("emit.inside", path=out_dir, which=which))
    if (out / "styles").resolve() == STYLES or (out / "fonts").resolve() == FONTS:
        raise BrochureError(msg("emit.inside", path=out_dir, which="styles/, fonts/"))


def emit_html(html: str, out_dir: Path, name: str, roots: dict[str, Path]) -> Path:
    """Write ``out_dir/name`` and every local file it uses; ``roots`` maps a folder name in
    ``out_dir`` to the folder whose files go there (the styles and fonts are always added)."""
    out_dir = Path(out_dir).resolve()
    roots = {"styles": STYLES, "fonts": FONTS, **roots}

    def relative(match: re.Match) -> str:
        path = Path(unquote(urlsplit(match.group(2)).path))
        for folder, root in roots.items():
            if path.is_relative_to(root):
                rel = Path(folder) / path.relative_to(root)
                _place(path, out_dir / rel)
                return match.group(1) + quote(rel.as_posix())
        raise ValueError(f"cannot emit {path}: outside the styles, fonts, content and cache folders")

    def cached(match: re.Match) -> str:
        rel = unquote(match.group(2).split(":", 1)[1])
        src = (roots["cache"] / rel).resolve()
        if not src.is_relative_to(roots["cache"].resolve()):
            raise ValueError(f"cannot emit {match.group(2)}: outside the cache")
        _place(src, out_dir / "cache" / rel)
        return match.group(1) + quote(f"cache/{rel}")

    text = FILE_URL.sub(relative, html)
    if "cache" in roots:
        text = CACHE_URL.sub(cached, text)
    # The stylesheets pull in the fonts by relative URL: place every font file too.
    for font in FONTS.iterdir():
        if font.is_file():
            _place(font, out_dir / "fonts" / font.name, link=True)
    for css in STYLES.rglob("*.css"):
        _place(css, out_dir / "styles" / css.relative_to(STYLES))
    target = out_dir / name
    write_whole(target, text.encode("utf-8"), durable=False)
    return target
