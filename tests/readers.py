"""The text three PDF readers extract, page by page: pdfium (Chrome, pypdfium2), poppler
(``pdftotext``, most Linux viewers and search indexers) and pdf.js (Firefox; ``pdfjs-dist``
from npm, run with Node: tests/js/)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parent / "js"


def pdfium_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf))]
    finally:
        pdf.close()


def poppler_pages(path: Path, raw: bool = False) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    args = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(path), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if "\f" in text else [text]


def pdfjs_pages(path: Path) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (pdf.js runs on Node)")
    if not (JS / "node_modules" / "pdfjs-dist").is_dir():
        pytest.skip("pdfjs-dist is not installed: run `npm ci` in tests/js (.ci/run does)")
    proc = subprocess.run([node, str(JS / "pdfjs_text.mjs"), str(path)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


READERS = {"pdfium": pdfium_pages, "poppler": lambda p: poppler_pages(p, raw=True), "pdf.js": pdfjs_pages}

LINE_BREAK = "\x00"


def joined(pages: list[str], drop_lines: set[str] = frozenset()) -> str:
    """All pages as one string, every line break a marker; running footers ("02 メッセージ"),
    and lines in ``drop_lines`` (ruby readings, which readers give at the page's end) removed."""
    footer = re.compile(r"^\s*(\d{2}[\s\u2003]+\S.*|\S.*[\s\u2003]+\d{2})\s*$")
    kept = []
    for page in pages:
        for line in page.split("\n"):
            if line.strip() and not footer.match(line) and line.strip() not in drop_lines:
                kept.append(line)
    return LINE_BREAK.join(kept)


def pattern(text: str) -> re.Pattern:
    """``text`` as a reader may give it: a line break anywhere (a marker between any two
    characters), a space of the text possibly lost at a line end, and nothing else — no
    invented space, no missing character."""
    parts = []
    for ch in text:
        if ch == " ":
            parts.append(f"(?: {LINE_BREAK}?|{LINE_BREAK})")
        else:
            parts.append(re.escape(ch) + f"{LINE_BREAK}?")
    return re.compile("".join(parts))
