"""Sample placeholder photos: generated, visibly stamped "SAMPLE / 見本写真", and marked.

The mark is a JPEG comment (:data:`SAMPLE_MARK`) so that preflight can tell a placeholder from
a real photo dropped in under the same file name, whatever the content files say.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SAMPLE_MARK = b"brochure:sample-placeholder"
FONT = Path(__file__).resolve().parents[2] / "fonts" / "BIZUDPGothic-Bold.ttf"


def is_placeholder(path: Path) -> bool:
    """True if the file is one of our generated sample photos."""
    try:
        with Image.open(path) as im:
            return im.info.get("comment", b"") == SAMPLE_MARK
    except OSError:
        return False


def _gradient(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    w, h = size
    column = Image.new("RGB", (1, h))
    for y in range(h):
        t = y / max(h - 1, 1)
        column.putpixel((0, y), tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize(size)


def _skyline(im: Image.Image, rng: random.Random, horizon: float) -> None:
    w, h = im.size
    draw = ImageDraw.Draw(im)
    for layer, shade in enumerate([(60, 90, 140), (35, 60, 105), (20, 38, 72)]):
        x = -rng.randint(0, w // 20)
        base = int(h * (horizon + 0.06 * layer))
        while x < w:
            bw = rng.randint(w // 28, w // 9)
            bh = rng.randint(h // 10, int(h * (0.45 - 0.08 * layer)))
            draw.rectangle([x, base - bh, x + bw, h], fill=shade)
            for wy in range(base - bh + h // 60, base, h // 45):  # lit windows
                for wx in range(x + bw // 8, x + bw - bw // 8, max(bw // 6, 4)):
                    if rng.random() < 0.35:
                        draw.rectangle([wx, wy, wx + max(bw // 14, 2), wy + h // 120],
                                       fill=(250, 214, 120) if rng.random() < 0.5 else (170, 220, 240))
            x += bw + rng.randint(0, w // 60)


def _office(im: Image.Image, rng: random.Random) -> None:
    w, h = im.size
    draw = ImageDraw.Draw(im)
    draw.rectangle([0, int(h * 0.62), w, h], fill=(196, 186, 170))  # floor
    for i in range(7):  # windows at the back
        x = int(w * (0.04 + i * 0.14))
        draw.rectangle([x, int(h * 0.1), x + int(w * 0.11), int(h * 0.5)], fill=(205, 228, 240))
    for i in range(rng.randint(3, 5)):  # tables with screens
        cx = rng.randint(int(w * 0.1), int(w * 0.9))
        cy = rng.randint(int(h * 0.66), int(h * 0.85))
        tw = rng.randint(w // 8, w // 5)
        draw.ellipse([cx - tw, cy - tw // 5, cx + tw, cy + tw // 5], fill=(240, 240, 236))
        draw.rectangle([cx - tw // 3, cy - tw // 2, cx + tw // 3, cy - tw // 5], fill=(30, 36, 48))
    draw.rectangle([0, int(h * 0.58), w, int(h * 0.62)], fill=(120, 150, 110))  # plants


def _portrait(im: Image.Image, focus_y: float) -> None:
    w, h = im.size
    draw = ImageDraw.Draw(im)
    cx, cy, r = w // 2, int(h * focus_y), int(w * 0.17)
    draw.ellipse([cx - int(w * 0.42), cy + int(r * 1.5), cx + int(w * 0.42), cy + int(r * 6)],
                 fill=(52, 64, 88))
    draw.ellipse([cx - r, cy - int(r * 1.2), cx + r, cy + int(r * 1.2)], fill=(226, 196, 170))


def _stamp(im: Image.Image, label: str) -> None:
    w, h = im.size
    draw = ImageDraw.Draw(im)
    size = max(w, h) // 40
    font = ImageFont.truetype(str(FONT), size)
    text = f"SAMPLE  見本写真\n{label}"
    box = draw.multiline_textbbox((0, 0), text, font=font, spacing=size // 3)
    pad = size // 2
    x, y = w - (box[2] - box[0]) - 3 * pad, h - (box[3] - box[1]) - 3 * pad
    draw.rectangle([x - pad, y - pad, x + box[2] - box[0] + pad, y + box[3] - box[1] + pad * 1.4],
                   fill=(255, 255, 255))
    draw.multiline_text((x, y), text, font=font, fill=(200, 30, 60), spacing=size // 3)


def make_placeholder(path: Path, kind: str, size: tuple[int, int], label: str, seed: int) -> None:
    """Write one stamped sample JPEG (kind: 'city', 'office' or 'portrait')."""
    rng = random.Random(seed)
    if kind == "city":
        im = _gradient(size, (10, 30, 70), (0, 150, 200))
        _skyline(im, rng, horizon=0.72)
    elif kind == "office":
        im = _gradient(size, (236, 238, 240), (214, 210, 200))
        _office(im, rng)
        im = im.filter(ImageFilter.GaussianBlur(2))
    elif kind == "portrait":
        im = _gradient(size, (214, 224, 236), (150, 170, 196))
        _portrait(im, focus_y=0.3)
    else:
        raise ValueError(kind)
    _stamp(im, label)
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, "JPEG", quality=88, optimize=True, comment=SAMPLE_MARK)
