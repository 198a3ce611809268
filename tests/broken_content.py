"""Deliberately broken copies of the sample content, for the preflight tests.

Several defects share one copy (one PDF build) where they do not interfere with each other.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

CONTENT = Path(__file__).resolve().parents[1] / "content"

EMOJI = "😀"
RARE_KANJI = "𠮷"  # in Noto Serif JP (Mincho) and the Gothic fallback, not in BIZ UDPGothic
LONG_LEAD = "フリーアドレスの新オフィスには、ミーティングスペースや個人用集中スペースなど、業務目的に応じた最適な執務環境が用意されています。" * 30
LONG_QUOTE = "東京都の規模でないとできないこともたくさんあります。" * 14  # far taller than its box
LONG_LABEL = "応募方法" * 90  # the running footer grows down into the safe margin and off the page
LONG_CATCH = "新しい東京を創るデジタル人材大募集、" * 30


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _small_photo(path: Path, size: tuple[int, int]) -> None:
    """A real (unmarked) photo of a given pixel size: not a placeholder, just too small."""
    with Image.open(path) as im:
        small = Image.new("RGB", size)  # a new image: no JPEG comment (placeholder mark) carried over
        small.paste(im.convert("RGB").resize(size))
    small.save(path, "JPEG", quality=90)


def make_broken_copy(dest: Path) -> Path:
    """13 pages (pad_to_multiple: 1 and an office section overflowing by one page), low-res
    photos, characters outside the fonts, and an overlong pull quote, cover catch and footer
    label."""
    shutil.copytree(CONTENT, dest)
    main = dest / "brochure.yaml"
    _replace(main, "as_of: 2021-04-01\n", "as_of: 2021-04-01\npad_to_multiple: 1\n")
    _replace(main, "catch: 新しい東京を創るデジタル人材大募集", f"catch: {LONG_CATCH}")
    _replace(dest / "sections/office.yaml", "lead: フリーアドレス", f"lead: {LONG_LEAD}フリーアドレス")
    _small_photo(dest / "photos/office-2.jpg", (120, 80))  # ≈ 57 dpi at 53.7 mm: error
    _small_photo(dest / "photos/office-3.jpg", (440, 293))  # ≈ 200 dpi: warning
    _replace(dest / "sections/projects.yaml", "要件定義から", f"要件定義{EMOJI}から")
    _replace(dest / "sections/projects.yaml", "点検をタブレット", f"{RARE_KANJI}点検をタブレット")
    # The Mincho heading has the rare kanji: no finding expected there.
    _replace(dest / "sections/message.md", "heading: 今、東京が変わる。", f"heading: 今、{RARE_KANJI}東京が変わる。")
    _replace(dest / "sections/interview-kameyama.md", "quote: 東京都の規模でないとできないこともたくさんあります。",
             f"quote: {LONG_QUOTE}")
    _replace(dest / "sections/apply.yaml", "label: 応募方法", f"label: {LONG_LABEL}")
    return dest
