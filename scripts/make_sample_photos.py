"""Regenerate the sample placeholder photos in content/photos/.

Real photos replace them by file name; preflight (`brochure check`) reports any placeholder
still in place.  Usage: uv run scripts/make_sample_photos.py
"""

from pathlib import Path

from brochure.assets.placeholders import make_placeholder

PHOTOS = Path(__file__).resolve().parents[1] / "content" / "photos"

SAMPLES = [
    ("cover.jpg", "city", (3000, 4260), "表紙 キービジュアル"),
    ("miyasaka.jpg", "portrait", (2000, 2500), "宮坂 学"),
    ("hirai.jpg", "portrait", (2400, 3000), "平井 則輔"),
    ("kameyama.jpg", "portrait", (2400, 3000), "亀山 鉄生"),
    ("office-1.jpg", "office", (3000, 2000), "オフィス1"),
    ("office-2.jpg", "office", (2400, 1600), "オフィス2"),
    ("office-3.jpg", "office", (2400, 1600), "オフィス3"),
    ("office-4.jpg", "office", (2400, 1600), "オフィス4"),
]

if __name__ == "__main__":
    for seed, (name, kind, size, label) in enumerate(SAMPLES):
        make_placeholder(PHOTOS / name, kind, size, label, seed)
        print(PHOTOS / name)
