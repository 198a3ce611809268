"""Characters that no bundled font can draw.

fontconfig sees only the bundled fonts (:mod:`.fontconfig`). A character that none of the type
families has (an emoji, a rare symbol) is drawn by the last-resort font
(``fonts/last-resort/BrochureLastResort.ttf``): a box in print, but still the right character in the PDF's
text. The build warns about each such character with the file and line where it is written
(``brochure.build.glyph_warnings``); ``brochure check`` reports it as a ``tofu`` error.

The union of the families' character maps is read from the fonts' ``cmap`` tables
(:func:`.sfnt.cmap_code_points`, ≈10 ms for all of them; fontTools took ≈0.25 s, and its result
was kept in a cache file that could be damaged), once per process and set of font files.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..paths import FONTS, STYLES
from . import sfnt

LAST_RESORT = "last-resort/BrochureLastResort.ttf"
_FONT_FILE = re.compile(r"url\(\.\./fonts/([^)]+)\)")
_NOTDEF = re.compile(r"\.notdef glyph rendered for Unicode string unsupported by fonts: .*\(U\+([0-9A-Fa-f]+)\)")


def family_files() -> list[Path]:
    """The fonts of the type families (styles/fonts.css), the last resort left out."""
    names = _FONT_FILE.findall((STYLES / "fonts.css").read_text(encoding="utf-8"))
    return [FONTS / name for name in dict.fromkeys(names) if name != LAST_RESORT]


def _key(files: list[Path]) -> tuple:
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


@lru_cache(maxsize=32)
def _file_code_points(name: str, size: int, mtime_ns: int) -> frozenset[int]:
    cmap = sfnt.table_of_file(name, b"cmap")
    return frozenset(sfnt.cmap_code_points(cmap)) if cmap is not None else frozenset()


def code_points(path: Path) -> frozenset[int]:
    """The code points a font file maps to a glyph (read once per process and file version)."""
    st = path.stat()
    return _file_code_points(str(path), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=4)
def _coverage(key: tuple) -> frozenset[int]:
    chars: set[int] = set()
    for name, size, mtime_ns in key:
        chars |= _file_code_points(name, size, mtime_ns)
    return frozenset(chars)


def coverage() -> frozenset[int]:
    """Every code point some bundled type family can draw."""
    return _coverage(_key(family_files()))


def _invisible(ch: str) -> bool:
    import unicodedata

    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Mn") or 0xFE00 <= ord(ch) <= 0xFE0F


def uncovered(text: str) -> list[str]:
    """Characters of ``text`` that no bundled family has, once each, in order."""
    covered = coverage()
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in covered and not _invisible(ch)))


def missing_characters(warnings: list[str]) -> list[str]:
    """The characters of WeasyPrint's .notdef warnings (should the last resort ever lack one)."""
    found = [chr(int(m.group(1), 16)) for w in warnings if (m := _NOTDEF.search(w))]
    return list(dict.fromkeys(found))
