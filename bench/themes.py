"""Pages, layouts and warm build time of each theme and format: ``uv run python bench/themes.py``.

Builds the print edition of the sample and of the example (examples/harukaze) in the standard
and typographic themes, at A4 and A5 (copies of the content with ``theme:``/``format:`` added,
in a temporary folder), once to fill the photo cache and once measured, in this process.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from brochure.build import build

ROOT = Path(__file__).resolve().parents[1]
CONTENTS = {"sample": ROOT / "content", "example": ROOT / "examples" / "harukaze"}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in CONTENTS.items():
            for theme in ("standard", "typographic"):
                for fmt in ("a4", "a5"):
                    content = Path(tmp) / f"{name}-{theme}-{fmt}"
                    shutil.copytree(source, content)
                    with (content / "brochure.yaml").open("a", encoding="utf-8") as f:
                        f.write(f"\ntheme: {theme}\nformat: {fmt}\n")
                    build(content, Path(tmp) / "out", editions=("print",))
                    started = time.perf_counter()
                    [result] = build(content, Path(tmp) / "out", editions=("print",))
                    seconds = time.perf_counter() - started
                    print(f"{name:8s} {theme:12s} {fmt}  {result.pages:3d} pages ({result.plan.memo_pages} MEMO)  "
                          f"{result.layouts:3d} layouts  {seconds:5.1f} s")


if __name__ == "__main__":
    main()
