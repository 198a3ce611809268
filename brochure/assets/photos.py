"""Photos through Pillow: orient, crop to the frame around a focal point, resample, strip.

Every photo is fitted to the frame it is placed in: EXIF orientation applied, cropped to the
frame's aspect ratio keeping the focal point in view, resampled to the edition's resolution
at its placed size (never upscaled), and re-encoded without any metadata (no GPS, no camera
serial). Results are cached by the hash of the source bytes and the fitting parameters, in the
user's cache folder (``assets.cachefile``: shared by every run, checked before use), and in
memory for the life of the process (keyed by the source file's identity and time stamp).

A JPEG is decoded at 1/2, 1/4 or 1/8 of its size when its frame needs no more pixels (DCT
scaling, never below the target size), and :func:`fit_photos` fits many photos at once on
every core, ahead of the layout.
"""

from __future__ import annotations

import errno
import hashlib
import io
import math
import os
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from ..content.model import Photo
from ..content.photofile import open_photo
from ..errors import ContentError
from ..progress import log_event
from .cachefile import cache_url, evict, read_sealed, write_sealed

MM_PER_INCH = 25.4
# v5: JPEG draft decoding; no resampling for less than RESAMPLE_TOLERANCE of reduction.
PIPELINE_VERSION = b"photos-v6"  # v6: every embedded profile converted to sRGB
# A photo at most 1 % larger than its target keeps its pixels (e.g. 353 dpi for 350): the
# resampling would cost as much as a large reduction and blur it for no gain.
RESAMPLE_TOLERANCE = 0.01

@dataclass(frozen=True)
class Frame:
    """A photo frame of the layout, in millimetres."""

    width_mm: float
    height_mm: float
    # Darken the top of the photo (fraction of its height) so that type set over it reads.
    # Baked into the pixels rather than drawn as a live transparent gradient: print RIPs and
    # PDF/X colour conversion then have no transparency to flatten (it showed as a band).
    shade_top: float = 0.0
    shade_rgb: tuple[int, int, int] | None = None  # the shade's colour: the brand's primary, else SHADE_RGB

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


def _is_srgb(profile: ImageCms.ImageCmsProfile) -> bool:
    """Already sRGB (a camera's "sRGB IEC61966-2.1", Pillow's own): kept as it is."""
    try:
        description = ImageCms.getProfileDescription(profile)
    except ImageCms.PyCMSError:
        return False
    return "srgb" in description.lower().replace(" ", "")


def _to_srgb(im: Image.Image, icc: bytes) -> Image.Image | None:
    """Colour-managed conversion through the photo's own profile (Adobe RGB, Display P3,
    CMYK, grey) into sRGB; None if the profile is unusable."""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if im.mode == "RGB" and _is_srgb(profile):
            return im
        return ImageCms.profileToProfile(im, profile, _SRGB, outputMode="RGB",
                                         renderingIntent=ImageCms.Intent.PERCEPTUAL)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None


def to_rgb(im: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None]:
    """8-bit sRGB on white paper, and the ICC profile that describes it (None: no profile was
    embedded, the pixels are taken as sRGB).

    Both editions declare their photos sRGB (the print edition tags RGB images ICCBased sRGB,
    PDF/X-4), so every photo with an embedded profile is converted through it into sRGB: an
    Adobe RGB or Display P3 photo keeps its colours instead of printing duller and shifted (a
    CMYK JPEG from a print agency too). Without a profile, RGB is taken as sRGB and other
    colour spaces get Pillow's plain formulas, which are only approximate for CMYK.
    """
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgb_profile = icc if icc and im.mode == "RGBA" and icc_mode(icc) == "RGB" else None
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))  # paper white behind transparency
        flat.paste(rgba, mask=rgba.getchannel("A"))
        im, icc = flat, rgb_profile  # (a grey profile cannot describe the flattened RGB pixels)
    if im.mode.startswith("I;16") or im.mode in ("I", "F"):
        im = im.convert("I") if im.mode.startswith("I;16") else im
        im = im.point(lambda v: v * (1 / 256)).convert("L")  # 16-bit grey → 8-bit
    if im.mode == "P":
        im = im.convert("RGB")
    if icc and im.mode in ("RGB", "CMYK", "L"):
        converted = _to_srgb(im, icc)
        if converted is not None:
            return converted, _SRGB_BYTES
    return im.convert("RGB") if im.mode != "RGB" else im, None


def icc_mode(icc: bytes) -> str:
    """The colour space an ICC profile describes, as a Pillow mode ("RGB", "CMYK", "L"), or ""."""
    space = icc[16:20] if len(icc) >= 20 else b""
    return {b"RGB ": "RGB", b"CMYK": "CMYK", b"GRAY": "L"}.get(space, "")


def has_colour_profile(path: Path) -> bool:
    """Whether the photo file embeds an ICC profile (read from its header, kept per file)."""
    try:
        identity = _identity(path)
    except OSError:
        return True  # not readable: reported elsewhere, not as a missing profile
    known = _PROFILES.get(identity)
    if known is None:
        if path.suffix.lower() in (".heic", ".heif"):
            from ..content.photofile import _register_heif

            _register_heif()
        try:
            with Image.open(path) as im:
                known = bool(im.info.get("icc_profile"))
        except Exception:  # noqa: BLE001 - not a photo Pillow reads: reported by the fitting
            known = True
        _PROFILES[identity] = known
    return known


_PROFILES: dict[tuple, bool] = {}


SHADE_RGB = (12, 30, 66)  # the brand navy
SHADE_OPACITY = 0.9


def _shade_top(im: Image.Image, fraction: float, rgb: tuple[int, int, int] = SHADE_RGB) -> Image.Image:
    """Blend a navy gradient over the top of the photo: opaque-ish at the top, clear at
    ``fraction``. The photo is changed in place (and returned)."""
    stop = max(1, round(im.height * fraction))
    ramp = Image.linear_gradient("L").resize((1, stop))  # 0 at the top → 255 at the stop
    column = ramp.point(lambda v: round((255 - v) * SHADE_OPACITY))  # the shade's opacity per row
    # Below the stop the photo stays as it is: the colour is blended over the band above only,
    # each row at its opacity (a column repeated across: the same mask a smooth resize makes).
    mask = column.resize((im.width, stop), Image.Resampling.NEAREST)
    im.paste(rgb, (0, 0, im.width, stop), mask)
    return im


def _target_width(frame: Frame, dpi: float) -> int:
    return round(frame.width_mm / MM_PER_INCH * dpi)


_TRANSPOSED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


def _draft_size(frame: Frame, dpi: float, focus: tuple[float, float]):
    """For ``open_photo(draft=…)``: the decoded size (as stored, before EXIF rotation) whose
    crop to the frame still has at least the target's pixels; None when only a full decode has."""
    def size(im: Image.Image) -> tuple[int, int] | None:
        swap = im.getexif().get(0x0112, 1) in _TRANSPOSED
        w, h = (im.height, im.width) if swap else im.size
        left, top, right, bottom = crop_box((w, h), frame.aspect, focus)
        target_w = _target_width(frame, dpi)
        factor = max(target_w / (right - left), target_w / frame.aspect / (bottom - top))
        if factor > 0.5:  # the decoder's smallest step is 1/2: nothing to gain
            return None
        # +2 px: the crop box of the smaller image is rounded again.
        need = (math.ceil(w * factor) + 2, math.ceil(h * factor) + 2)
        return (need[1], need[0]) if swap else need
    return size


def _fit(source: bytes, photo: Photo, frame: Frame, dpi: float, quality: int, display: str,
         field: str, line: int | None) -> tuple[bytes, tuple[int, int]]:
    """The fitted JPEG's bytes and pixel size."""
    im = open_photo(source, photo.file, display or photo.file, field, line,
                    draft=_draft_size(frame, dpi, photo.focus))
    try:
        icc = im.info.get("icc_profile")
        ImageOps.exif_transpose(im, in_place=True)  # no copy of an upright photo
        im, icc = to_rgb(im, icc)
    except Exception as exc:  # noqa: BLE001 - an odd mode or broken EXIF: the file's fault
        raise ContentError.of(display or photo.file, "photo.unreadable", field=field, line=line,
                              name=photo.file, detail=str(exc)[:120] or type(exc).__name__) from None
    im = im.crop(crop_box(im.size, frame.aspect, photo.focus))
    target_w = _target_width(frame, dpi)
    if im.width > target_w * (1 + RESAMPLE_TOLERANCE):  # never upscale: report low resolution instead
        im = im.resize((target_w, round(target_w / frame.aspect)), Image.Resampling.LANCZOS)
    if frame.shade_top:
        im = _shade_top(im, frame.shade_top, frame.shade_rgb or SHADE_RGB)
    buffer = io.BytesIO()
    # No exif, no comments, no XMP: only pixels and the colour profile. Pillow re-writes
    # what is left in .info (e.g. a JPEG comment), so empty it.
    im.info = {}
    im.save(buffer, "JPEG", quality=quality, optimize=True, subsampling="4:2:0" if dpi < 300 else "4:4:4",
            **({"icc_profile": icc} if icc else {}))
    return buffer.getvalue(), im.size


def _source_path(photo: Photo, content_root: Path, display: str, field: str, line: int | None) -> Path:
    source_path = (content_root / photo.file).resolve()  # symlinks and '..' resolved first
    if not source_path.is_relative_to(content_root.resolve()):
        raise ContentError.of(display or photo.file, "photo.outside", field=field, line=line, name=photo.file)
    return source_path


# In memory, for the life of the process (watch, a build's editions): a source file's content
# hash by its identity and time stamp, and the photos fitted from it with the cache entry's
# stamp when its bytes were checked (a changed or removed entry is looked up again).
_SOURCE_DIGESTS: dict[tuple, str] = {}
_FITTED: dict[tuple, tuple[FittedPhoto, tuple | None]] = {}


def _entry_stamp(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _remember(memo: tuple, fitted: FittedPhoto) -> FittedPhoto:
    _FITTED[memo] = (fitted, _entry_stamp(fitted.path))
    return fitted


_grown = [0]  # entries this process added to the cache (its own or its workers') since the last eviction


def evict_if_grown(cache_root: Path) -> None:
    """Keep the cache within its size bound, once this process has added entries to it."""
    from ..paths import cache_max_bytes

    if _grown[0]:
        _grown[0] = 0
        evict(cache_root, cache_max_bytes())


def _identity(path: Path) -> tuple:
    st = path.stat()
    return str(path), st.st_ino, st.st_size, st.st_mtime_ns


def _memo_key(identity: tuple, frame: Frame, dpi: float, photo: Photo, quality: int, cache_dir: Path) -> tuple:
    return identity, frame, float(dpi), tuple(photo.focus), quality, str(cache_dir)


def _entry_key(source_digest: str, frame: Frame, dpi: float, focus, quality: int) -> str:
    params = repr((frame.width_mm, frame.height_mm, frame.shade_top, dpi, tuple(focus), quality)
                  + ((frame.shade_rgb,) if frame.shade_rgb else ()))
    return hashlib.sha256(PIPELINE_VERSION + source_digest.encode() + params.encode()).hexdigest()[:32]


def _jpeg_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as im:
        return im.size


def _fitted(path: Path, size: tuple[int, int], frame: Frame, alt: str) -> FittedPhoto:
    return FittedPhoto(path, size[0], size[1], size[0] / (frame.width_mm / MM_PER_INCH), frame, alt)


def _lookup(photo: Photo, frame: Frame, content_root: Path, cache_dir: Path, dpi: float, quality: int,
            display: str, field: str, line: int | None):
    """(memo key, fitted photo from memory or the cache or None, source bytes if read, entry key)."""
    source_path = _source_path(photo, content_root, display, field, line)
    identity = _identity(source_path)
    memo = _memo_key(identity, frame, dpi, photo, quality, cache_dir)
    hit = _FITTED.get(memo)
    if hit is not None and hit[1] is not None and _entry_stamp(hit[0].path) == hit[1]:  # as checked
        fitted = hit[0]
        return memo, (fitted if fitted.alt == photo.alt else replace(fitted, alt=photo.alt)), None, None
    source = None
    source_digest = _SOURCE_DIGESTS.get(identity)
    if source_digest is None:
        source = source_path.read_bytes()
        source_digest = _SOURCE_DIGESTS[identity] = hashlib.sha256(source).hexdigest()
    key = _entry_key(source_digest, frame, dpi, photo.focus, quality)
    found = read_sealed(cache_dir, key, ".jpg")
    if found is None:
        return memo, None, source if source is not None else source_path.read_bytes(), key
    path, data = found
    fitted = _remember(memo, _fitted(path, _jpeg_size(data), frame, photo.alt))
    return memo, fitted, None, key


def fit_photo(photo: Photo, frame: Frame, content_root: Path, cache_dir: Path,
              dpi: float = 350, display: str = "", field: str = "", quality: int = 90,
              line: int | None = None) -> FittedPhoto:
    """Fit one photo to its frame (cached). Raises :class:`ContentError` on unreadable input."""
    memo, fitted, source, key = _lookup(photo, frame, content_root, cache_dir, dpi, quality,
                                        display, field, line)
    if fitted is not None:
        return fitted
    data, size = _fit(source, photo, frame, dpi, quality, display, field, line)
    try:
        path = write_sealed(cache_dir, key, data, ".jpg")
    except OSError as exc:  # the cache's disk: full, read-only, … (the machine's fault, exit 2)
        from ..errors import BrochureError
        from ..files import environment_error
        from ..messages import msg

        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise BrochureError(msg("cache.full", path=cache_dir.parent)) from None
        raise environment_error(exc, cache_dir) from None
    _grown[0] += 1
    log_event(f"photo {photo.file} processed", event="photo", file=str(photo.file))
    return _remember(memo, _fitted(path, size, frame, photo.alt))


# --- many photos at once, on every core ------------------------------------------------------

@dataclass(frozen=True)
class FitRequest:
    """One :func:`fit_photo` call, made ahead of the layout by :func:`fit_photos`."""

    photo: Photo
    frame: Frame
    content_root: Path
    cache_dir: Path
    dpi: float
    quality: int


# A worker decoding the largest photo accepted (content.photofile.MAX_PIXELS, RGB, with the
# crop and the resampled copy) needs about this much memory: no more workers than fit.
WORKER_BYTES = 1_000_000_000


def _worker_count(jobs: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        free = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        free = WORKER_BYTES
    return max(1, min(cores, jobs, 4, free // WORKER_BYTES))


def _stop_worker(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _worker_init() -> None:
    """A fitting worker: interruptions are the parent's (it stops the pool); SIGTERM unwinds,
    so temporary cache files are removed; no progress output of its own (the parent reports)."""
    import logging
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    progress = logging.getLogger("brochure.progress")
    for handler in list(progress.handlers):
        progress.removeHandler(handler)
    progress.setLevel(logging.WARNING)


def _fit_request(request: FitRequest) -> tuple[FitRequest, FittedPhoto | None]:
    try:
        return request, fit_photo(request.photo, request.frame, request.content_root, request.cache_dir,
                                  dpi=request.dpi, quality=request.quality)
    except ContentError:
        return request, None  # reported with its file, field and line by the layout's own fit_photo


def _reported(outcome: tuple[FitRequest, FittedPhoto | None]) -> None:
    """In the parent, as each worker's photo comes back: remember it, report it."""
    request, fitted = outcome
    if fitted is None:
        return
    identity = _identity(_source_path(request.photo, request.content_root, "", "", None))
    _remember(_memo_key(identity, request.frame, request.dpi, request.photo, request.quality,
                        request.cache_dir), fitted)
    _grown[0] += 1
    log_event(f"photo {request.photo.file} processed", event="photo", file=str(request.photo.file))


class Fitting:
    """Photos being fitted by a pool of forked workers; :meth:`wait` returns once they are in
    memory, where :func:`fit_photo` finds them. Meanwhile the caller may do other work."""

    def __init__(self, requests: list[FitRequest], jobs: int | None) -> None:
        self._pool = None
        self._pending: list = []
        if not requests:
            return
        import multiprocessing

        workers = _worker_count(len(requests)) if jobs is None else max(1, min(jobs, len(requests)))
        if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
            self._pending = list(requests)  # fitted here, one after the other, in wait()
            return
        self._pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_init)
        self._pending = [self._pool.apply_async(_fit_request, (r,), callback=_reported) for r in requests]

    def cancel(self) -> None:
        """Stop the workers (interrupted); they remove their temporary files."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def wait(self) -> None:
        try:
            for pending in self._pending:
                if isinstance(pending, FitRequest):
                    _fit_request(pending)  # fit_photo logs and remembers it
                else:
                    pending.get()
        finally:
            if self._pool is not None:
                if all(p.ready() for p in self._pending):
                    self._pool.close()
                else:  # interrupted: stop the workers (they remove their temporary files)
                    self._pool.terminate()
                self._pool.join()
                self._pool = None


def fit_photos(requests: list[FitRequest], jobs: int | None = None) -> Fitting:
    """Start fitting every photo of ``requests`` not already cached, on every core (``jobs``
    workers; default one per core, as many as memory allows); call ``.wait()`` before the
    layout. A photo that cannot be fitted is left to the layout's own :func:`fit_photo`, which
    reports it with its file, field and line."""
    misses: dict[tuple, tuple[int, FitRequest]] = {}
    for r in requests:
        try:
            memo, fitted, source, _ = _lookup(r.photo, r.frame, r.content_root, r.cache_dir, r.dpi,
                                              r.quality, "", "", None)
        except (ContentError, OSError):
            continue
        if fitted is None and memo not in misses:
            misses[memo] = (len(source), r)
    largest_first = [r for _, r in sorted(misses.values(), key=lambda m: -m[0])]  # the pool ends together
    return Fitting(largest_first, jobs)
