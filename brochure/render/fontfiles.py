"""The bundled font files are what they claim to be, before any layout.

WeasyPrint skips a ``@font-face`` whose file is not a font with a message at debug level only:
a damaged NotoSerifJP-Bold.ttf (an interrupted copy, a text file saved in its place) would
give a PDF silently set in another face. Each file the type families name (styles/fonts.css)
and the last-resort font are read as far as their table directory: the sfnt signature, the
tables a font needs, each table inside the file and the ``head`` table's magic number. That
reads a few hundred bytes per file and is remembered per file size and time in the process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import BrochureError
from ..messages import msg
from ..paths import FONTS
from .coverage import LAST_RESORT, family_files

_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"true")
_REQUIRED = (b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name")
_HEAD_MAGIC = 0x5F0F3CF5


def font_fault(path: Path) -> str | None:
    """Why ``path`` is not a usable font (a short English reason), or None."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(12)
            if len(header) < 12 or header[:4] not in _SIGNATURES:
                return "not a TrueType/OpenType font"
            count = int.from_bytes(header[4:6], "big")
            if not 0 < count < 200:
                return "no table directory"
            directory = f.read(16 * count)
            if len(directory) < 16 * count:
                return "cut short"
            tables = {}
            for i in range(count):
                entry = directory[16 * i:16 * i + 16]
                offset, length = int.from_bytes(entry[8:12], "big"), int.from_bytes(entry[12:16], "big")
                if offset + length > size:
                    return f"cut short (table {entry[:4].decode('latin-1')!r})"
                tables[entry[:4]] = offset
            missing = [t.decode() for t in _REQUIRED if t not in tables]
            if b"glyf" not in tables and b"CFF " not in tables and b"CFF2" not in tables:
                missing.append("glyf/CFF")
            if missing:
                return f"tables missing: {', '.join(missing)}"
            f.seek(tables[b"head"] + 12)
            if int.from_bytes(f.read(4), "big") != _HEAD_MAGIC:
                return "damaged head table"
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


@lru_cache(maxsize=64)
def _checked(path: Path, stamp: tuple[int, int]) -> str | None:
    return font_fault(path)


def check_font_files() -> None:
    """Raise (exit 2, naming the file) when a bundled font file is missing or damaged."""
    for path in [*family_files(), FONTS / LAST_RESORT]:
        try:
            st = path.stat()
        except OSError:
            raise BrochureError(msg("font.file_missing", file=_shown(path))) from None
        why = _checked(path, (st.st_size, st.st_mtime_ns))
        if why is not None:
            raise BrochureError(msg("font.file_damaged", file=_shown(path), why=why))


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(FONTS.parent))
    except ValueError:
        return str(path)
