"""Render small page thumbnails of a built PDF for the README.

Usage: uv run scripts/make_thumbnails.py [build/brochure-print.pdf [NAME.png]]
(the example: uv run scripts/make_thumbnails.py build/harukaze/brochure-print.pdf example-spreads.png)
"""

import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def main(pdf_path: Path, name: str = "spreads.png", out: Path = ROOT / "docs" / "thumbnails") -> None:
    out.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(str(pdf_path))
    pages = []
    for i in range(len(pdf)):
        page = pdf[i]
        pages.append(page.render(scale=150 / page.get_width(), crop=(0, 0, 0, 0)).to_pil().convert("RGB"))
    # One contact sheet: reader spreads (1 | 2-3 | 4-5 | ... | last).
    w, h = pages[0].size
    gap = 8
    rows = [[None, pages[0]]] + [pages[i:i + 2] for i in range(1, len(pages) - 1, 2)] + [[pages[-1], None]]
    per_row = 4  # spreads per row
    lines = [rows[i:i + per_row] for i in range(0, len(rows), per_row)]
    sheet = Image.new("RGB", (per_row * (2 * w + gap) + gap, len(lines) * (h + gap) + gap), (235, 235, 235))
    for r, line in enumerate(lines):
        for s, spread in enumerate(line):
            for k, page in enumerate(spread):
                if page is not None:
                    sheet.paste(page, (gap + s * (2 * w + gap) + k * w, gap + r * (h + gap)))
    sheet.save(out / name, optimize=True)
    print(out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "brochure-print.pdf",
         sys.argv[2] if len(sys.argv) > 2 else "spreads.png")
