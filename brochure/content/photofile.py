"""Photo files as content: which files are accepted, and the cheap checks made before layout.

Validation (``content.load``) calls :func:`probe_photo` on every photo a section names: size on
disk, format and pixel count, read from the header only. The photo pipeline
(``assets.photos``) opens files through :func:`open_photo` too, so both stages accept exactly
the same files and report a broken one with the same message.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import Callable

from PIL import Image, ImageFile, UnidentifiedImageError

from ..errors import ContentError

# Photos come from phones and cameras: JPEG (its opener also reads MPO, a phone JPEG with a
# depth map), PNG, HEIC. Opening only these keeps the rest of Pillow's decoders (EPS runs
# Ghostscript!) out of reach.
ACCEPTED_FORMATS = ("JPEG", "PNG", "HEIF")
MAX_PHOTO_BYTES = 60_000_000  # checked before reading; a camera's largest JPEG is ~30 MB
MAX_PIXELS = 120_000_000  # a 120 MP photo is far beyond any camera we expect
# Pillow only warns between its limit and twice that; both are made fatal in _strict_pillow.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# Formats people might drop in, recognised by their first bytes to name them in the message.
_MAGIC = ((b"GIF8", "GIF"), (b"II*\0", "TIFF"), (b"MM\0*", "TIFF"), (b"BM", "BMP"),
          (b"%PDF", "PDF"), (b"%!PS", "PostScript/EPS"), (b"\xc5\xd0\xd3\xc6", "EPS"),
          (b"8BPS", "Photoshop PSD"), (b"RIFF", "WebP/RIFF"), (b"<?xml", "SVG/XML"), (b"<svg", "SVG"))



def _format_name(head: bytes) -> str | None:
    stripped = head.lstrip()
    for magic, name in _MAGIC:
        if head.startswith(magic) or stripped.startswith(magic):
            return name
    return None


@cache
def _register_heif() -> None:
    import pillow_heif  # ≈40 ms to import: only once a photo may be HEIF

    pillow_heif.register_heif_opener()


def _formats(head: bytes) -> tuple[str, ...]:
    """The formats Pillow may try for a file starting with ``head``. The HEIF opener is
    registered only for a file it could accept, an ISO media file (``ftyp`` box first); until
    then "HEIF" is left out (Pillow fails on a format name it does not know)."""
    if head[4:8] == b"ftyp":
        _register_heif()
    return tuple(f for f in ACCEPTED_FORMATS if f in Image.OPEN or f != "HEIF")


def _head(source: bytes | Path) -> bytes:
    if isinstance(source, bytes):
        return source[:12]
    with Path(source).open("rb") as f:
        return f.read(12)


@contextmanager
def _strict_pillow():
    """Bomb warnings are errors, and a truncated photo is an error: WeasyPrint's import sets
    Pillow's process-wide LOAD_TRUNCATED_IMAGES to True (grey bands instead of an error)."""
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated


def open_photo(source: bytes | Path, name: str, display: str, field: str | None,
               line: int | None = None, *, load: bool = True,
               draft: Callable[[Image.Image], tuple[int, int] | None] | None = None) -> Image.Image:
    """Open (and by default decode) a photo; any problem is a :class:`ContentError`.

    ``draft`` is asked, for a JPEG, the smallest size the caller needs (None: full size); the
    decoder then scales the image down by 1/2, 1/4 or 1/8 while decoding (Pillow's ``draft``:
    DCT scaling, much faster), never below that size."""
    where = {"field": field, "line": line}
    fp = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with _strict_pillow():
            im = Image.open(fp, formats=_formats(_head(source)))
            if draft is not None and im.format in ("JPEG", "MPO") and (size := draft(im)):
                im.draft(im.mode, size)
            if load:
                im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = f"{int(found[1]) / 1e6:.0f}" if found else "?"
        raise ContentError.of(display, "photo.bomb", name=name, pixels=pixels,
                              limit=MAX_PIXELS // 1_000_000, **where) from None
    except UnidentifiedImageError:
        head = source[:16] if isinstance(source, bytes) else Path(source).open("rb").read(16)
        kind = _format_name(head)
        if kind:
            raise ContentError.of(display, "photo.format", name=name, format=kind, **where) from None
        raise ContentError.of(display, "photo.unreadable", name=name, detail="not a JPEG, PNG or HEIC file",
                              **where) from None
    except Exception as exc:  # noqa: BLE001 - any decoder failure is a broken file, not our bug
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ContentError.of(display, "photo.unreadable", name=name, detail=detail, **where) from None
    return im


def _version(path: Path) -> tuple:
    """What tells one version of a file from another: path, inode, size, modification time."""
    st = os.stat(path)
    return str(path), st.st_ino, st.st_size, st.st_mtime_ns


_PROBED: set[tuple] = set()  # versions of the photos that passed (a watch session asks again)


def probe_photo(path: Path, name: str, display: str, field: str, line: int | None) -> None:
    """Cheap checks before any layout: size on disk, format, pixel count (header only); once
    per version of a file that passes."""
    version = _version(path)
    if version in _PROBED:
        return
    size = version[2]
    if size > MAX_PHOTO_BYTES:
        raise ContentError.of(display, "photo.too_large_file", field=field, line=line, name=name,
                              size=f"{size / 1e6:.0f}", limit=MAX_PHOTO_BYTES // 1_000_000)
    open_photo(path, name, display, field, line, load=False).close()
    if len(_PROBED) > 4096:
        _PROBED.clear()
    _PROBED.add(version)


def oriented_size(path: Path) -> tuple[int, int]:
    """Pixel size of a photo as shown (EXIF orientation applied), from its header only; read
    once per version of the file (the planner asks for it at every rebuild)."""
    return _oriented_size(*_version(path))


@lru_cache(maxsize=4096)
def _oriented_size(path: str, *version) -> tuple[int, int]:
    with Image.open(path, formats=_formats(_head(path))) as im:
        width, height = im.size
        try:
            orientation = im.getexif().get(0x0112, 1)
        except Exception:  # noqa: BLE001 - unreadable EXIF: the pixels as stored
            orientation = 1
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)
