"""Characters that no bundled font can draw.

fontconfig sees only the bundled fonts (:mod:`.fontconfig`). A character that none of the type
families has (an emoji, a rare symbol) is drawn by the last-resort font
(``fonts/last-resort/BrochureLastResort.ttf``): a box in print, but still the right character in the PDF's
text. The build warns about each such character with the file and line where it is written
(``brochure.build.glyph_warnings``); ``brochure check`` reports it as a ``tofu`` error.

The union of the families' character maps takes ≈0.25 s to read from the font files, so it is
kept in the user's cache folder (``coverage-<fonts>.txt``), keyed by the fonts' names, sizes
and modification times, with the SHA-256 of its code points (a damaged file is made again).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from ..assets.cachefile import write_cache_file
from ..paths import FONTS, STYLES

LAST_RESORT = "last-resort/BrochureLastResort.ttf"
_FONT_FILE = re.compile(r"url\(\.\./fonts/([^)]+)\)")
_NOTDEF = re.compile(r"\.notdef glyph rendered for Unicode string unsupported by fonts: .*\(U\+([0-9A-Fa-f]+)\)")


def family_files() -> list[Path]:
    """The fonts of the type families (styles/fonts.css), the last resort left out."""
    names = _FONT_FILE.findall((STYLES / "fonts.css").read_text(encoding="utf-8"))
    return [FONTS / name for name in dict.fromkeys(names) if name != LAST_RESORT]


_SEAL = "coverage-v2"  # then the SHA-256 of the code points: a damaged file is made again, never used


def _digest(codes: list[str]) -> str:
    return hashlib.sha256(" ".join(codes).encode("ascii")).hexdigest()


def _key(files: list[Path]) -> str:
    stamp = "".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns};" for p in files)
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


@lru_cache(maxsize=4)
def _coverage(key: str, cache: Path | None) -> frozenset[int]:
    stored = cache / f"coverage-{key}.txt" if cache is not None else None
    if stored is not None:
        try:
            kept = stored.read_text(encoding="ascii").split()
            if kept and kept[0] == _SEAL and len(kept) > 2 and kept[1] == _digest(kept[2:]):
                return frozenset(int(x, 16) for x in kept[2:])
        except (OSError, ValueError):  # missing, or not what we wrote (empty, truncated, garbage)
            pass
    from fontTools.ttLib import TTFont

    chars: set[int] = set()
    for path in family_files():
        chars |= set(TTFont(path, lazy=True).getBestCmap())
    if stored is not None:
        codes = [f"{c:x}" for c in sorted(chars)]
        try:  # made again if it cannot be kept: the cache only saves time
            write_cache_file(stored, " ".join([_SEAL, _digest(codes), *codes]).encode("ascii"))
        except OSError:
            pass
    return frozenset(chars)


def coverage(cache: Path | None = None) -> frozenset[int]:
    """Every code point some bundled type family can draw."""
    return _coverage(_key(family_files()), cache)


def _invisible(ch: str) -> bool:
    import unicodedata

    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Mn") or 0xFE00 <= ord(ch) <= 0xFE0F


def uncovered(text: str, cache: Path | None = None) -> list[str]:
    """Characters of ``text`` that no bundled family has, once each, in order."""
    covered = coverage(cache)
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in covered and not _invisible(ch)))


def missing_characters(warnings: list[str]) -> list[str]:
    """The characters of WeasyPrint's .notdef warnings (should the last resort ever lack one)."""
    found = [chr(int(m.group(1), 16)) for w in warnings if (m := _NOTDEF.search(w))]
    return list(dict.fromkeys(found))
