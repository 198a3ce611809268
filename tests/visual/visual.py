"""Visual regression: each page of a PDF rendered to a low-resolution PNG and compared with a
committed baseline (tests/visual/baselines/page-NN.png).

A pixel differs when one of its RGB channels moves by more than PIXEL_THRESHOLD (anti-aliasing
noise stays below); a page fails when more than PAGE_TOLERANCE of its pixels differ, or when more
than REGION_TOLERANCE pixels differ in any one region of REGION × REGION pixels (≈ 17 mm; the
regions overlap by half): a small element that moves, such as the running footer moved 2 mm,
is a few dozen pixels on a page of 130 000, but they are all in one place. A failed page writes
tests/output/visual/page-NN-diff.png: baseline | current | differing pixels in red.

Update the baselines after an intended change (one command, see README):

    uv run pytest tests/visual --update-baselines
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASELINES = HERE / "baselines"
OUTPUT = HERE.parent / "output" / "visual"

DPI = 36  # A4 with bleed ≈ 306 × 430 px: layout shifts show, file sizes stay small
PIXEL_THRESHOLD = 48  # per channel, 0–255
PAGE_TOLERANCE = 0.001  # fraction of differing pixels a page may have (≈ 130 px: a few characters)
REGION = 24  # px (≈ 17 mm at 36 dpi)
# Differing pixels one region may have: about one character. Measured on the sample: the footer
# moved 2 mm differs by 37–89 px in its worst region on every page with a footer, 1 mm by 13–27.
REGION_TOLERANCE = 24


@dataclass
class PageResult:
    page: int
    differing: float  # fraction of pixels
    diff_image: Path | None = None
    worst_region: int = 0  # differing pixels in the region that has most

    @property
    def ok(self) -> bool:
        return self.differing <= PAGE_TOLERANCE and self.worst_region <= REGION_TOLERANCE


def render_pages(pdf_path: Path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[i].render(scale=DPI / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def baseline_path(page: int, baselines: Path = BASELINES) -> Path:
    return baselines / f"page-{page:02d}.png"


def update_baselines(pdf_path: Path, baselines: Path = BASELINES) -> list[Path]:
    """Replace every baseline with the current rendering (and drop stale ones)."""
    baselines.mkdir(parents=True, exist_ok=True)
    for old in baselines.glob("page-*.png"):
        old.unlink()
    written = []
    for number, image in enumerate(render_pages(pdf_path), start=1):
        path = baseline_path(number, baselines)
        image.save(path, optimize=True)
        written.append(path)
    return written


def _difference_mask(a, b):
    from PIL import ImageChops

    diff = ImageChops.difference(a, b)
    channels = [c.point(lambda v: 255 if v > PIXEL_THRESHOLD else 0) for c in diff.split()]
    mask = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
    return mask


def _worst_region(mask) -> int:
    """The most differing pixels in one REGION × REGION square (squares at every half REGION)."""
    if not mask.getbbox():
        return 0
    step = REGION // 2
    return max(mask.crop((x, y, x + REGION, y + REGION)).histogram()[255]
               for y in range(0, max(mask.height - step, 1), step)
               for x in range(0, max(mask.width - step, 1), step))


def compare(pdf_path: Path, baselines: Path = BASELINES, output: Path = OUTPUT) -> list[PageResult]:
    """Compare every page with its baseline; write a diff image for each failing page."""
    from PIL import Image

    pages = render_pages(pdf_path)
    expected = sorted(baselines.glob("page-*.png"))
    if len(expected) != len(pages):
        raise AssertionError(f"{len(pages)} pages rendered, {len(expected)} baselines in {baselines}")
    results = []
    for number, current in enumerate(pages, start=1):
        baseline = Image.open(baseline_path(number, baselines)).convert("RGB")
        if baseline.size != current.size:
            results.append(PageResult(number, 1.0, _write_diff(number, baseline, current, None, output)))
            continue
        mask = _difference_mask(baseline, current)
        differing = mask.histogram()[255] / (mask.width * mask.height)
        result = PageResult(number, differing, worst_region=_worst_region(mask))
        if not result.ok:
            result.diff_image = _write_diff(number, baseline, current, mask, output)
        results.append(result)
    return results


def _write_diff(number, baseline, current, mask, output: Path) -> Path:
    from PIL import Image

    output.mkdir(parents=True, exist_ok=True)
    width, height = max(baseline.width, current.width), max(baseline.height, current.height)
    sheet = Image.new("RGB", (width * 3, height), "white")
    sheet.paste(baseline, (0, 0))
    sheet.paste(current, (width, 0))
    faded = current.convert("L").point(lambda v: 155 + v * 100 // 255).convert("RGB")
    if mask is not None:
        faded.paste((220, 0, 0), (0, 0), mask)
    sheet.paste(faded, (width * 2, 0))
    path = output / f"page-{number:02d}-diff.png"
    sheet.save(path)
    return path
