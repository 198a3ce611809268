"""Photos through Pillow: orient, crop to the frame around a focal point, resample, strip.

Every photo is fitted to the frame it is placed in: EXIF orientation applied, cropped to the
frame's aspect ratio keeping the focal point in view, resampled to the edition's resolution
at its placed size (never upscaled), and re-encoded without any metadata (no GPS, no camera
serial). Results are cached by the hash of the source bytes and the fitting parameters.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from ..content.model import Photo
from ..errors import ContentError
from ..progress import log_event
from .cachefile import cache_url, write_cache_file

MM_PER_INCH = 25.4
# Photos come from phones and cameras: JPEG (its opener also reads MPO, a phone JPEG with a
# depth map), PNG, HEIC. Opening only these keeps the rest of Pillow's decoders (EPS runs
# Ghostscript!) out of reach.
ACCEPTED_FORMATS = ("JPEG", "PNG", "HEIF")
MAX_PHOTO_BYTES = 60_000_000  # checked before reading; a camera's largest JPEG is ~30 MB
MAX_PIXELS = 120_000_000  # a 120 MP photo is far beyond any camera we expect
# Pillow only warns between its limit and twice that; both are made fatal in _strict_pillow.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
PIPELINE_VERSION = b"photos-v4"

# Formats people might drop in, recognised by their first bytes to name them in the message.
_MAGIC = ((b"GIF8", "GIF"), (b"II*\0", "TIFF"), (b"MM\0*", "TIFF"), (b"BM", "BMP"),
          (b"%PDF", "PDF"), (b"%!PS", "PostScript/EPS"), (b"\xc5\xd0\xd3\xc6", "EPS"),
          (b"8BPS", "Photoshop PSD"), (b"RIFF", "WebP/RIFF"), (b"<?xml", "SVG/XML"), (b"<svg", "SVG"))


@dataclass(frozen=True)
class Frame:
    """A photo frame of the layout, in millimetres."""

    width_mm: float
    height_mm: float
    # Darken the top of the photo (fraction of its height) so that type set over it reads.
    # Baked into the pixels rather than drawn as a live transparent gradient: print RIPs and
    # PDF/X colour conversion then have no transparency to flatten (it showed as a band).
    shade_top: float = 0.0

    @property
    def aspect(self) -> float:
        return self.width_mm / self.height_mm


@dataclass(frozen=True)
class FittedPhoto:
    path: Path  # processed JPEG, inside the cache
    width_px: int
    height_px: int
    dpi: float  # effective resolution at the placed size
    frame: Frame
    alt: str

    @property
    def url(self) -> str:
        """Where the PDF renderer asks for it: independent of the output folder's location, so
        the image's id in the PDF (WeasyPrint hashes the URL) is the same in every build."""
        return cache_url(self.path)


def crop_box(size: tuple[int, int], aspect: float, focus: tuple[float, float]) -> tuple[int, int, int, int]:
    """Largest box of the given aspect inside ``size``, centred on ``focus`` where possible."""
    w, h = size
    if w / h > aspect:  # too wide: cut the sides
        cw, ch = round(h * aspect), h
    else:  # too tall: cut top and bottom
        cw, ch = w, round(w / aspect)
    left = min(max(round(focus[0] * w - cw / 2), 0), w - cw)
    top = min(max(round(focus[1] * h - ch / 2), 0), h - ch)
    return left, top, left + cw, top + ch


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
               line: int | None = None, *, load: bool = True) -> Image.Image:
    """Open (and by default decode) a photo; any problem is a :class:`ContentError`."""
    where = {"field": field, "line": line}
    fp = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with _strict_pillow():
            im = Image.open(fp, formats=_formats(_head(source)))
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


def probe_photo(path: Path, name: str, display: str, field: str, line: int | None) -> None:
    """Cheap checks before any layout: size on disk, format, pixel count (header only)."""
    size = path.stat().st_size
    if size > MAX_PHOTO_BYTES:
        raise ContentError.of(display, "photo.too_large_file", field=field, line=line, name=name,
                              size=f"{size / 1e6:.0f}", limit=MAX_PHOTO_BYTES // 1_000_000)
    open_photo(path, name, display, field, line, load=False).close()


_SRGB = ImageCms.createProfile("sRGB")
_SRGB_BYTES = ImageCms.ImageCmsProfile(_SRGB).tobytes()


def _to_srgb(im: Image.Image, icc: bytes) -> Image.Image | None:
    """Colour-managed conversion through the photo's own profile (CMYK, grey); None if unusable."""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(im, profile, _SRGB, outputMode="RGB",
                                         renderingIntent=ImageCms.Intent.PERCEPTUAL)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None


def to_rgb(im: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None]:
    """8-bit RGB on white paper, and the ICC profile that describes it (None: plain sRGB).

    RGB photos keep their profile (phones shoot Display P3). Other colour spaces are converted
    through their embedded profile into sRGB when they have one (a CMYK JPEG from a print
    agency), else with Pillow's plain formulas, which are only approximate for CMYK.
    """
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))  # paper white behind transparency
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat, (icc if im.mode == "RGBA" else None)
    if im.mode.startswith("I;16") or im.mode in ("I", "F"):
        im = im.convert("I") if im.mode.startswith("I;16") else im
        im = im.point(lambda v: v * (1 / 256)).convert("L")  # 16-bit grey → 8-bit
    if im.mode == "RGB":
        return im, icc
    if icc and im.mode in ("CMYK", "L"):
        converted = _to_srgb(im, icc)
        if converted is not None:
            return converted, _SRGB_BYTES
    return im.convert("RGB"), None


SHADE_RGB = (12, 30, 66)  # the brand navy
SHADE_OPACITY = 0.9


def _shade_top(im: Image.Image, fraction: float) -> Image.Image:
    """Blend a navy gradient over the top of the photo: opaque-ish at the top, clear at ``fraction``."""
    h = im.height
    stop = max(1, round(h * fraction))
    ramp = Image.linear_gradient("L").resize((1, stop))  # 0 at the top → 255 at the stop
    alpha = Image.new("L", (1, h), 0)
    alpha.paste(ramp.point(lambda v: round((255 - v) * SHADE_OPACITY)), (0, 0))
    shade = Image.new("RGB", im.size, SHADE_RGB)
    return Image.composite(shade, im, alpha.resize(im.size))


def fit_photo(photo: Photo, frame: Frame, content_root: Path, cache_dir: Path,
              dpi: float = 350, display: str = "", field: str = "", quality: int = 90,
              line: int | None = None) -> FittedPhoto:
    """Fit one photo to its frame (cached). Raises :class:`ContentError` on unreadable input."""
    source_path = (content_root / photo.file).resolve()  # symlinks and '..' resolved first
    if not source_path.is_relative_to(content_root.resolve()):
        raise ContentError.of(display or photo.file, "photo.outside", field=field, line=line, name=photo.file)
    source = source_path.read_bytes()
    key = hashlib.sha256(PIPELINE_VERSION + source + repr(
        (frame.width_mm, frame.height_mm, frame.shade_top, dpi, photo.focus, quality)).encode()).hexdigest()[:32]
    out = cache_dir / f"{key}.jpg"
    if out.exists():
        with Image.open(out) as done:
            size = done.size
    else:
        im = open_photo(source, photo.file, display or photo.file, field, line)
        try:
            icc = im.info.get("icc_profile")
            im = ImageOps.exif_transpose(im)
            im, icc = to_rgb(im, icc)
        except Exception as exc:  # noqa: BLE001 - an odd mode or broken EXIF: the file's fault
            raise ContentError.of(display or photo.file, "photo.unreadable", field=field, line=line,
                                  name=photo.file, detail=str(exc)[:120] or type(exc).__name__) from None
        im = im.crop(crop_box(im.size, frame.aspect, photo.focus))
        target_w = round(frame.width_mm / MM_PER_INCH * dpi)
        if im.width > target_w:  # never upscale: report low resolution instead
            im = im.resize((target_w, round(target_w / frame.aspect)), Image.Resampling.LANCZOS)
        if frame.shade_top:
            im = _shade_top(im, frame.shade_top)
        cache_dir.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        # No exif, no comments, no XMP: only pixels and the colour profile. Pillow re-writes
        # what is left in .info (e.g. a JPEG comment), so empty it.
        im.info = {}
        im.save(buffer, "JPEG", quality=quality, optimize=True, subsampling="4:2:0" if dpi < 300 else "4:4:4",
                **({"icc_profile": icc} if icc else {}))
        write_cache_file(out, buffer.getvalue())
        size = im.size
        log_event(f"photo {photo.file} processed", event="photo", file=str(photo.file))
    return FittedPhoto(out, size[0], size[1], size[0] / (frame.width_mm / MM_PER_INCH), frame, photo.alt)

