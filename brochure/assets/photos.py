"""Photos through Pillow: orient, crop to the frame around a focal point, resample, strip.

Every photo is fitted to the frame it is placed in: EXIF orientation applied, cropped to the
frame's aspect ratio keeping the focal point in view, resampled to the edition's resolution
at its placed size (never upscaled), and re-encoded without any metadata (no GPS, no camera
serial). Results are cached by the hash of the source bytes and the fitting parameters.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from ..content.model import Photo
from ..content.photofile import open_photo
from ..errors import ContentError
from ..progress import log_event
from .cachefile import cache_url, write_cache_file

MM_PER_INCH = 25.4
PIPELINE_VERSION = b"photos-v4"

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

