"""Regenerate the placeholder photos of the sample (content/photos/) and of the example
brochure (examples/harukaze/photos/).

Real photos replace them by file name; preflight (`brochure check`) reports any placeholder
still in place.  Usage: uv run scripts/make_sample_photos.py
"""

from pathlib import Path

from brochure.assets.placeholders import make_placeholder

ROOT = Path(__file__).resolve().parents[1]

SAMPLES = {
    ROOT / "content" / "photos": [
        ("cover.jpg", "city", (3000, 4260), "表紙 キービジュアル"),
        ("miyasaka.jpg", "portrait", (2000, 2500), "宮坂 学"),
        ("hirai.jpg", "portrait", (2400, 3000), "平井 則輔"),
        ("kameyama.jpg", "portrait", (2400, 3000), "亀山 鉄生"),
        ("office-1.jpg", "office", (3000, 2000), "オフィス1"),
        ("office-2.jpg", "office", (2400, 1600), "オフィス2"),
        ("office-3.jpg", "office", (2400, 1600), "オフィス3"),
        ("office-4.jpg", "office", (2400, 1600), "オフィス4"),
    ],
    ROOT / "examples" / "harukaze" / "photos": [
        ("cover.jpg", "city", (3000, 4260), "表紙（架空の会社）"),
        ("ceo.jpg", "portrait", (2000, 2500), "春風 千早"),
        ("tsukishima.jpg", "portrait", (2400, 3000), "月島 蒼"),
        ("vorontsova.jpg", "portrait", (2400, 3000), "ヴォロンツォワ"),
        ("ogasawara.jpg", "portrait", (2400, 3000), "小笠原 悠"),
        ("nakamura.jpg", "portrait", (2400, 3000), "中村 ほのか"),
        ("yoshida.jpg", "portrait", (2400, 3000), "吉田 健太郎"),
        ("kiuchi.jpg", "portrait", (2400, 3000), "木内 拓海"),
        ("office-1.jpg", "office", (3000, 2000), "東京オフィス"),
        ("office-2.jpg", "office", (2400, 1600), "福岡オフィス"),
        ("office-3.jpg", "office", (2400, 1600), "運行管理室"),
        ("office-4.jpg", "office", (2400, 1600), "全社ミーティング"),
        ("office-5.jpg", "office", (2400, 1600), "ライブラリー"),
        ("schedule.jpg", "office", (2400, 1600), "朝のミーティング"),
        ("text.jpg", "office", (3000, 2000), "設計レビュー"),
    ],
}

if __name__ == "__main__":
    for folder, photos in SAMPLES.items():
        folder.mkdir(parents=True, exist_ok=True)
        for seed, (name, kind, size, label) in enumerate(photos):
            make_placeholder(folder / name, kind, size, label, seed + (100 if "examples" in str(folder) else 0))
            print(folder / name)
