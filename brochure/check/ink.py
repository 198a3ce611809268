"""Ink on the printing plates: total area coverage and black text, measured on CMYK
separations that Ghostscript makes the way the output intent converts the page.

Ghostscript (``pamcmyk32`` at 150 dpi, no anti-aliasing: each pixel is one colour) renders
every page twice into 8-bit C, M, Y, K planes, converting with the PDF's own output-intent
profile: ``-sOutputICCProfile`` and ``-sDefaultCMYKProfile`` are both that profile (the same
as Ghostscript's ``-dUsePDFX3Profile``), so DeviceCMYK colours reach the plates unchanged,
DeviceGray goes to the K plate, and sRGB (images, DefaultRGB) is converted by the profile
with the PDF's rendering intent — as a RIP working to the output intent does. A PDF without a
usable output intent is measured with the bundled FOGRA39 profile (and says so).

- ``ink-coverage`` (info, every page): the highest total ink C+M+Y+K, averaged over any
  ``AREA_MM`` × ``AREA_MM`` square inside the BleedBox (a sliding window; one 150-dpi pixel
  alone is a dot of a halftone screen, not an area that can set off), with its place in mm
  from the trim's top-left corner. ``ink-limit`` (error): that figure above the limit.
- ``black-text`` (error): text smaller than ``SMALL_TEXT_PT`` whose glyphs are black or dark
  grey but print in more than one ink (rich black, or RGB black converted to four colours):
  on a press the plates never register exactly, so the letters get coloured fringes. Measured
  on a text-only render (``-dFILTERIMAGE -dFILTERVECTOR``): the median colour of each glyph's
  inked pixels. ``black-line``: the same for stroked lines thinner than ``THIN_LINE_PT``,
  measured on a render without text and images.

Without Ghostscript (``gs``) nothing is measured and ``ink-not-measured`` (warning) says why.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ..content.iccprofile import BUNDLED, DEFAULT_INK_LIMIT, IccError, known_condition, read_header
from .context import CheckContext
from .findings import ERROR, INFO, WARNING, Finding, catalogued
from .pdfx import intent_profile_data

DPI = 150
AREA_MM = 2.0  # the square over which total ink is averaged
SMALL_TEXT_PT = 12.0  # text below this size must print in one ink when it is black
THIN_LINE_PT = 1.0  # stroked lines thinner than this: the same
EDGE_PT = 0.5 * 72 / 25.4  # a thin line counts when it reaches 0.5 mm inside the BleedBox
MIN_INK = 3.0  # % : less than this on a plate is no ink (Ghostscript's rounding, paper tint)
BLACK_LIGHTNESS = 0.5  # a glyph whose colour is darker than this, and nearly neutral, is black
BLACK_CHROMA = 0.2
MM = 72 / 25.4
GS_TIMEOUT = 300
MAX_BITMAP = 200_000_000  # bytes: a page buffer up to this, no banding below it


@dataclass(frozen=True)
class Ink:
    """Tone values of one colour in percent."""

    c: float
    m: float
    y: float
    k: float

    @property
    def total(self) -> float:
        return self.c + self.m + self.y + self.k

    @property
    def inks(self) -> int:
        return sum(v >= MIN_INK for v in (self.c, self.m, self.y, self.k))

    @property
    def is_black(self) -> bool:
        """Black or dark grey to the eye (a naive CMYK → RGB estimate; enough to tell a
        rich black from the navy or cyan of the design)."""
        r, g, b = ((1 - v / 100) * (1 - self.k / 100) for v in (self.c, self.m, self.y))
        lightness = 0.299 * r + 0.587 * g + 0.114 * b
        return lightness < BLACK_LIGHTNESS and max(r, g, b) - min(r, g, b) < BLACK_CHROMA

    def text(self) -> str:
        return " ".join(f"{name} {v:.0f} %" for name, v in zip("CMYK", (self.c, self.m, self.y, self.k)))


def ghostscript() -> str | None:
    return shutil.which("gs")


def read_pam(path: Path):
    """A ``pamcmyk32`` file → an H × W × 4 uint8 array (C, M, Y, K; 255 = 100 %)."""
    import numpy as np

    data = path.read_bytes()
    end = data.index(b"ENDHDR\n") + len(b"ENDHDR\n")
    fields = dict(line.split(" ", 1) for line in data[:end].decode("ascii").splitlines()[1:-1]
                  if " " in line and not line.startswith("#"))
    width, height = int(fields["WIDTH"]), int(fields["HEIGHT"])
    return np.frombuffer(data, np.uint8, count=width * height * 4, offset=end).reshape(height, width, 4)


def render_separations(pdf: Path, profile: Path, folder: Path, *, dpi: int = DPI,
                       only: str | None = None, pages: list[int] | None = None) -> dict[int, Path]:
    """Render pages to CMYK planes converted by ``profile``: {page number: .pam file}.
    ``only="text"`` leaves out images and vector art, ``only="vector"`` text and images."""
    folder.mkdir(parents=True, exist_ok=True)
    filters = {"text": ["-dFILTERIMAGE", "-dFILTERVECTOR"], "vector": ["-dFILTERTEXT", "-dFILTERIMAGE"]}
    # -dMaxBitmap: the page is rendered in one buffer of its own (≈9 MB for an A4 page with
    # bleed at 150 dpi) rather than in bands through a temporary display list: the same pixels,
    # in half the time.
    args = [ghostscript() or "gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pamcmyk32",
            f"-r{dpi}", "-dUseCropBox", f"-dMaxBitmap={MAX_BITMAP}", f"-sOutputICCProfile={profile}",
            f"-sDefaultCMYKProfile={profile}", *filters.get(only or "", [])]
    if pages is not None:
        args.append("-sPageList=" + ",".join(map(str, pages)))
    args += ["-o", str(folder / "page-%03d.pam"), str(pdf)]
    subprocess.run(args, check=True, capture_output=True, timeout=GS_TIMEOUT)
    files = sorted(folder.glob("page-*.pam"))
    numbers = pages if pages is not None else list(range(1, len(files) + 1))
    return dict(zip(numbers, files))


def max_coverage(plates, area_px: int, region: tuple[int, int, int, int]) -> tuple[float, int, int]:
    """(highest mean total ink in % over any ``area_px`` square inside ``region`` = (top,
    left, bottom, right) in pixels, its centre row, its centre column)."""
    import numpy as np

    top, left, bottom, right = region
    inside = plates[top:bottom, left:right]
    if inside.size == 0:
        return 0.0, 0, 0
    # The four plates of a pixel are the four bytes of one 32-bit word: added by masks and
    # shifts (numpy's sum over a last axis of 4 is a slow strided loop), whatever the byte order.
    words = np.ascontiguousarray(inside).view(np.uint32)[..., 0]
    total = (words & 0xFF) + ((words >> 8) & 0xFF) + ((words >> 16) & 0xFF) + (words >> 24)
    n = max(1, min(area_px, *total.shape))
    # Window sums, one axis at a time (running sums; 32 bits hold them: ≤ 1020 per pixel).
    rows = np.zeros((total.shape[0] + 1, total.shape[1]), np.uint32)
    np.cumsum(total, axis=0, dtype=np.uint32, out=rows[1:])
    bands = rows[n:] - rows[:-n]  # the sum of n rows down from each row
    cols = np.zeros((bands.shape[0], bands.shape[1] + 1), np.uint32)
    np.cumsum(bands, axis=1, dtype=np.uint32, out=cols[:, 1:])
    sums = cols[:, n:] - cols[:, :-n]  # … of n columns across: each n × n square
    row, col = np.unravel_index(int(sums.argmax()), sums.shape)
    mean = int(sums[row, col]) / (n * n) / 255 * 100
    return float(mean), top + int(row) + n // 2, left + int(col) + n // 2


def median_ink(pixels) -> Ink | None:
    """The colour of the inked pixels of a patch (None when it prints nothing)."""
    import numpy as np

    flat = pixels.reshape(-1, 4)
    inked = flat[flat.max(axis=1) >= MIN_INK * 2.55]
    if len(inked) == 0:
        return None
    c, m, y, k = (float(v) / 2.55 for v in np.median(inked, axis=0))
    return Ink(c, m, y, k)


@dataclass(frozen=True)
class Glyph:
    text: str
    size: float
    ink: Ink


def glyph_inks(page, plates) -> list[Glyph]:
    """The colour on the plates of every glyph drawn on a pdfplumber ``page``, from a
    text-only render of it (``plates``)."""
    scale = DPI / 72
    left, top = page.bbox[0], page.bbox[1]
    glyphs = []
    height, width = plates.shape[:2]
    for char in page.chars:
        if not char["text"].strip():
            continue
        x0, x1 = int((char["x0"] - left) * scale), int((char["x1"] - left) * scale + 0.999)
        y0, y1 = int((char["top"] - top) * scale), int((char["bottom"] - top) * scale + 0.999)
        x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)
        if x1 <= x0 or y1 <= y0:
            continue
        ink = median_ink(plates[y0:y1, x0:x1])
        if ink is not None:
            glyphs.append(Glyph(char["text"], float(char["size"]), ink))
    return glyphs


def thin_lines(page, area: tuple[float, float, float, float] | None = None) -> list[tuple[float, list[tuple[float, float]]]]:
    """(line width, points) of every stroked path thinner than ``THIN_LINE_PT`` on a
    pdfplumber page; points in pdfplumber's page space (x, top). With ``area`` (x0, top, x1,
    bottom in that space, e.g. the BleedBox), only paths that reach at least ``EDGE_PT``
    inside it: crop marks on the sheet outside the bleed are cut off (and are registration
    colour, all inks, on purpose)."""
    found = []
    for kind in ("lines", "rects", "curves"):
        for obj in getattr(page, kind):
            width = obj.get("linewidth") or 0
            if not obj.get("stroke") or not 0 < width < THIN_LINE_PT:
                continue
            if kind == "rects":
                x0, t, x1, b = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
                pts = [(x0, t), (x1, t), (x1, b), (x0, b), (x0, t)]
            else:
                pts = [tuple(p) for p in obj.get("pts") or []]
            if len(pts) < 2:
                continue
            if area is not None:
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                if not (max(xs) > area[0] + EDGE_PT and min(xs) < area[2] - EDGE_PT
                        and max(ys) > area[1] + EDGE_PT and min(ys) < area[3] - EDGE_PT):
                    continue
            found.append((float(width), pts))
    return found


def bleed_area(page, boxes: PageBoxes) -> tuple[float, float, float, float]:
    """The BleedBox in pdfplumber's page space (x0, top, x1, bottom)."""
    left, top = page.bbox[0], page.bbox[1]
    crop, bleed = boxes.crop, boxes.bleed
    return (bleed[0] - crop[0] + left, crop[3] - bleed[3] + top, bleed[2] - crop[0] + left, crop[3] - bleed[1] + top)


def line_ink(plates, pts, bbox) -> Ink | None:
    """The colour of a stroked path on the plates: sampled every pixel along its segments."""
    import numpy as np

    scale = DPI / 72
    height, width = plates.shape[:2]
    samples = []
    for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
        steps = max(2, int(max(abs(xb - xa), abs(yb - ya)) * scale))
        for t in np.linspace(0.1, 0.9, steps):
            col = int(((xa + (xb - xa) * t) - bbox[0]) * scale)
            row = int(((ya + (yb - ya) * t) - bbox[1]) * scale)
            if 0 <= row < height and 0 <= col < width:
                samples.append(plates[row, col])
    return median_ink(np.array(samples)) if samples else None


def _profile_for(path: Path, folder: Path) -> tuple[Path, str, bool]:
    """The profile to convert with: the PDF's output intent (written out), else the bundled
    one. Returns (path, description, whether it is the PDF's own)."""
    with pikepdf.open(path) as pdf:
        data = intent_profile_data(pdf)
    if data:
        try:
            header = read_header(data)
            if header.colour_space == "CMYK" and header.profile_class == "prtr":
                target = folder / "output-intent.icc"
                target.write_bytes(data)
                return target, header.description, True
        except IccError:
            pass
    return BUNDLED, read_header(BUNDLED.read_bytes()).description, False


@dataclass(frozen=True)
class PageBoxes:
    crop: tuple[float, float, float, float]
    trim: tuple[float, float, float, float]
    bleed: tuple[float, float, float, float]


def _boxes(path: Path) -> list[PageBoxes]:
    def rect(v):
        x0, y0, x1, y1 = (float(a) for a in v)
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    with pikepdf.open(path) as pdf:
        out = []
        for page in pdf.pages:
            crop = rect(page.cropbox)
            trim = rect(page.obj.get("/TrimBox", page.obj.get("/ArtBox", page.cropbox)))
            bleed = rect(page.obj.get("/BleedBox", page.cropbox))
            out.append(PageBoxes(crop, trim, bleed))
        return out


def ink_limit_for(ctx: CheckContext, description: str) -> tuple[int, str]:
    """(limit %, where it comes from): --ink-limit / print.ink_limit, else the usual limit of
    the output intent's printing condition, else 350 %."""
    if ctx.ink_limit is not None:
        return int(ctx.ink_limit), "set"
    known = known_condition(description)
    if known:
        return known[1], known[0]
    return DEFAULT_INK_LIMIT, "default"


class Separations:
    """The Ghostscript renders of a PDF, started at once on threads of their own (each waits on
    its Ghostscript process), so that the other checks run meanwhile: ``brochure check`` starts
    them before its first check (:func:`start`). Closing waits for them and removes their
    files."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tmp = tempfile.TemporaryDirectory(prefix="brochure-ink-")
        self._pool = ThreadPoolExecutor(max_workers=3)  # three Ghostscript processes
        try:
            self.folder = Path(self._tmp.name)
            self.profile, self.description, self.own = _profile_for(path, self.folder)
            self.full = self._pool.submit(render_separations, path, self.profile, self.folder / "full")
            self.text = self._pool.submit(render_separations, path, self.profile, self.folder / "text", only="text")
        except BaseException:
            self.close()
            raise

    def vector(self, pages: list[int]):
        return self._pool.submit(render_separations, self.path, self.profile, self.folder / "vector",
                                 only="vector", pages=pages)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._tmp.cleanup()


def start(path: Path) -> Separations | None:
    """The renders of ``path`` started, if Ghostscript is there (None: :func:`check_ink` says so)."""
    if ghostscript() is None:
        return None
    try:
        return Separations(path)
    except (OSError, pikepdf.PdfError):
        return None  # check_ink tries again and reports what went wrong


def check_ink(ctx: CheckContext) -> list[Finding]:
    if ghostscript() is None:
        return [catalogued(WARNING, "ink-not-measured", "check.ink.no_gs")]
    started = ctx.separations if isinstance(ctx.separations, Separations) else None
    renders = started or Separations(ctx.doc.path)
    try:
        return _measure(ctx, renders)
    finally:
        if started is None:
            renders.close()


def _measure(ctx: CheckContext, renders: Separations) -> list[Finding]:
    try:
        boxes = _boxes(ctx.doc.path)
        lined = [i + 1 for i, p in enumerate(ctx.doc.pages) if thin_lines(p, bleed_area(p, boxes[i]))]
        vector = renders.vector(lined) if lined else None
        full_files, text_files = renders.full.result(), renders.text.result()
        vector_files = vector.result() if vector else {}
    except (subprocess.SubprocessError, OSError) as exc:
        detail = (getattr(exc, "stderr", b"") or b"").decode("utf-8", "replace").strip().splitlines()
        return [catalogued(WARNING, "ink-not-measured", "check.ink.gs_failed",
                           detail=(detail[-1] if detail else type(exc).__name__)[:160])]
    description, own = renders.description, renders.own
    limit, limit_source = ink_limit_for(ctx, description)
    findings: list[Finding] = []
    for number in range(1, ctx.doc.page_count + 1):
        findings += _page_ink(ctx, number, boxes[number - 1], full_files.get(number), text_files.get(number),
                              vector_files.get(number), limit, limit_source, description, own)
    return findings


def _page_ink(ctx, number, boxes: PageBoxes, full, text, vector, limit, limit_source, description,
              own) -> list[Finding]:
    findings = []
    scale = DPI / 72
    crop, trim, bleed = boxes.crop, boxes.trim, boxes.bleed
    if full is not None:
        plates = read_pam(full)
        # The pixels wholly inside the BleedBox (a crop mark drawn on its edge stays out).
        region = (max(0, math.ceil((crop[3] - bleed[3]) * scale)), max(0, math.ceil((bleed[0] - crop[0]) * scale)),
                  min(plates.shape[0], math.floor((crop[3] - bleed[1]) * scale)),
                  min(plates.shape[1], math.floor((bleed[2] - crop[0]) * scale)))
        area_px = max(1, round(AREA_MM * MM * scale))
        percent, row, col = max_coverage(plates, area_px, region)
        x_mm = ((col + 0.5) / scale + crop[0] - trim[0]) / MM
        y_mm = (trim[3] - (crop[3] - (row + 0.5) / scale)) / MM
        data = {"max_ink": round(percent, 1), "x_mm": round(x_mm, 1), "y_mm": round(y_mm, 1),
                "area_mm": AREA_MM, "limit": limit, "profile": description, "dpi": DPI,
                "profile_from": "output intent" if own else "bundled (no output intent)"}
        from ..messages import Msg

        profile = description if own else Msg("check.ink.profile_bundled", {"name": description})
        findings.append(catalogued(INFO, "ink-coverage", "check.ink.coverage", page=number, data=data,
                                   percent=f"{percent:.0f}", x=f"{x_mm:.0f}", y=f"{y_mm:.0f}", area=f"{AREA_MM:g}",
                                   limit=limit, profile=profile))
        if percent > limit:
            findings.append(catalogued(ERROR, "ink-limit", "check.ink.limit", page=number, data=data,
                                       percent=f"{percent:.0f}", x=f"{x_mm:.0f}", y=f"{y_mm:.0f}",
                                       area=f"{AREA_MM:g}", limit=limit,
                                       source=_limit_source(limit_source, description)))
        del plates
    page = ctx.doc.pages[number - 1]
    if text is not None:
        findings += _black_text(number, glyph_inks(page, read_pam(text)))
    if vector is not None:
        plates = read_pam(vector)
        for width, pts in thin_lines(page, bleed_area(page, boxes)):
            ink = line_ink(plates, pts, page.bbox)
            if ink is not None and ink.is_black and ink.inks > 1:
                x_mm = (pts[0][0] - page.bbox[0] + crop[0] - trim[0]) / MM
                y_mm = (pts[0][1] - page.bbox[1] - (crop[3] - trim[3])) / MM
                findings.append(catalogued(ERROR, "black-line", "check.ink.black_line", page=number,
                                           width=f"{width:.2f}", x=f"{x_mm:.0f}", y=f"{y_mm:.0f}", inks=ink.text(),
                                           data={"width_pt": round(width, 2), "x_mm": round(x_mm, 1),
                                                 "y_mm": round(y_mm, 1), "ink": ink.__dict__}))
    return findings


def _limit_source(source: str, description: str):
    from ..messages import Msg

    if source == "set":
        return Msg("check.ink.limit_set")
    if source == "default":
        return Msg("check.ink.limit_default")
    return Msg("check.ink.limit_condition", {"condition": source})


def _black_text(number: int, glyphs: list[Glyph]) -> list[Finding]:
    """One finding per colour of small black text that prints in several inks on a page."""
    runs: dict[tuple, list[Glyph]] = {}
    for glyph in glyphs:
        if glyph.size < SMALL_TEXT_PT and glyph.ink.is_black and glyph.ink.inks > 1:
            key = tuple(round(v / 5) * 5 for v in (glyph.ink.c, glyph.ink.m, glyph.ink.y, glyph.ink.k))
            runs.setdefault(key, []).append(glyph)
    findings = []
    for group in runs.values():
        text = "".join(g.text for g in group)
        ink = group[0].ink
        findings.append(catalogued(
            ERROR, "black-text", "check.ink.black_text", page=number,
            text=text[:30] + ("…" if len(text) > 30 else ""), n=len(group),
            size=f"{max(g.size for g in group):.1f}", inks=ink.text(),
            data={"text": text, "glyphs": len(group), "ink": ink.__dict__}))
    return findings
