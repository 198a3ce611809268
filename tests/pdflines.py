"""Lines of a real PDF with character positions (pypdfium2), for typesetting checks.

pdfium returns a page's text in content-stream order (the document order for running text),
one visual line per ``\\r\\n``; each character has a loose box (its advance box). Spaces that
pdfium *generates* for wide gaps are marked, so tests can tell them from content spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

JA = re.compile(r"[\u3005\u3006\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float  # PDF y of the box top (grows upwards)
    bottom: float
    size: float  # as pdfium reports it: in CSS px (WeasyPrint draws with a 0.75 pt/px matrix)
    generated: bool

    @property
    def em(self) -> float:
        """The font size in pt."""
        return self.size * 0.75


@dataclass
class Line:
    page: int  # 1-based
    chars: list[Char] = field(default_factory=list)

    @property
    def real(self) -> list[Char]:
        return [c for c in self.chars if not c.generated]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def squeezed(self) -> str:
        return "".join(self.text.split())

    @property
    def x0(self) -> float:
        return self.real[0].x0

    @property
    def x1(self) -> float:
        return self.real[-1].x1

    @property
    def top(self) -> float:
        return max(c.top for c in self.real)


def pdf_lines(path: Path) -> list[Line]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    lines: list[Line] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in range(len(pdf)):
            textpage = pdf[number].get_textpage()
            text = textpage.get_text_range()
            line = Line(number + 1)
            for i, ch in enumerate(text):
                if ch in "\r\n":
                    if ch == "\n" and line.real:
                        lines.append(line)
                    if ch == "\n":
                        line = Line(number + 1)
                    continue
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                generated = bool(raw.FPDFText_IsGenerated(textpage, i) == 1)
                size = raw.FPDFText_GetFontSize(textpage, i)
                line.chars.append(Char(ch, left, right, top, bottom, size, generated))
            if line.real:
                lines.append(line)
    finally:
        pdf.close()
    return _merge_split_lines(lines)


def _merge_split_lines(lines: list[Line]) -> list[Line]:
    """pdfium sometimes starts a new line after an inline-block (a ruby base) although the
    text goes on along the same baseline: join such pieces back into one visual line."""
    merged: list[Line] = []
    for line in lines:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.page == line.page
                and abs(prev.real[-1].bottom - line.real[0].bottom) < 0.5
                and -0.5 < line.x0 - prev.x1 < line.real[0].em):
            prev.chars.extend(line.chars)
        else:
            merged.append(line)
    return merged


def find_paragraph(lines: list[Line], paragraph: str, max_skips: int = 4) -> list[Line] | None:
    """The consecutive lines (skipping a few foreign lines: footers, ruby readings, captions)
    whose text, whitespace removed, is ``paragraph``."""
    target = "".join(paragraph.split())
    for i, line in enumerate(lines):
        s = line.squeezed
        if not s or not target.startswith(s):
            continue
        found, done, skips = [line], s, 0
        j = i + 1
        while done != target and j < len(lines) and skips <= max_skips:
            nxt = lines[j].squeezed
            if nxt and target.startswith(done + nxt):
                found.append(lines[j])
                done += nxt
            else:
                skips += 1
            j += 1
        if done == target:
            return found
    return None
