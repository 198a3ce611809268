"""Lines of a real PDF with character positions (pypdfium2), for typesetting checks.

pdfium returns a page's text in content-stream order (the document order for running text),
one visual line per ``\\r\\n``; each character has a loose box (its advance box). Spaces that
pdfium *generates* for wide gaps are marked, so tests can tell them from content spaces.

The build carries the spacing between glyphs in their advances (brochure/render/textgaps.py:
a wider or narrower copy of the glyph), so a loose box reaches over the gap after its glyph.
``x1`` is therefore the end of the glyph's *designed* advance: the width of the original glyph
of its font that stands for the same character (the copies get higher CIDs than every glyph
of the subset). ``x1_box`` is pdfium's box.
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
    x1_box: float = 0.0  # pdfium's loose box end (includes spacing carried in the advance)
    font: str = ""

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

    def end_near(self, edge: float) -> float:
        """Where the line ends, seen from a column edge: the end of its last glyph's advance,
        or, for a 、。 or closing bracket, of its half-width body (set so at a line end:
        justify.py, compress.py) — whichever is nearer the edge."""
        last = self.real[-1]
        if last.text in "、。，．」』）】〕":
            return min((self.x1, last.x0 + 0.5 * last.em), key=lambda x: abs(x - edge))
        return self.x1

    @property
    def top(self) -> float:
        return max(c.top for c in self.real)


def designed_widths(path: Path) -> dict[tuple[str, str], float]:
    """(font name, character) → the width (1/1000 em) of the lowest CID standing for it: the
    original glyph (textgaps.py appends its copies after the subset's glyphs)."""
    import pikepdf

    widths: dict[tuple[str, str], float] = {}
    lowest: dict[tuple[str, str], int] = {}
    with pikepdf.open(path) as pdf:
        seen = set()
        for page in pdf.pages:
            fonts = dict((page.obj.get("/Resources") or {}).get("/Font") or {})
            for xobject in ((page.obj.get("/Resources") or {}).get("/XObject") or {}).values():
                fonts.update(dict((xobject.get("/Resources") or {}).get("/Font") or {}))
            for font in fonts.values():
                if font.objgen in seen or "/DescendantFonts" not in font or "/ToUnicode" not in font:
                    continue
                seen.add(font.objgen)
                name = str(font.BaseFont)[1:]
                w = list(font.DescendantFonts[0].get("/W", []))
                cid_width, i = {}, 0
                while i < len(w):
                    if isinstance(w[i + 1], pikepdf.Array):
                        for k, value in enumerate(w[i + 1]):
                            cid_width[int(w[i]) + k] = float(value)
                        i += 2
                    else:
                        for cid in range(int(w[i]), int(w[i + 1]) + 1):
                            cid_width[cid] = float(w[i + 2])
                        i += 3
                cmap = font.ToUnicode.read_bytes()
                for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
                    values = re.findall(rb"<([0-9A-Fa-f]+)>", block)
                    for code, text in zip(values[::2], values[1::2]):
                        cid = int(code, 16)
                        if cid in cid_width:
                            ch = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
                            key = (name, ch)
                            if cid < lowest.get(key, 1 << 20):
                                lowest[key] = cid
                                widths[key] = cid_width[cid]
    return widths


def pdf_lines(path: Path) -> list[Line]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    widths = designed_widths(path)
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
                font = _font_name(raw, textpage, i)
                designed = widths.get((font, ch))
                end = left + designed / 1000 * size * 0.75 if designed is not None else right
                line.chars.append(Char(ch, left, min(end, right), top, bottom, size, generated, right, font))
            if line.real:
                lines.append(line)
    finally:
        pdf.close()
    return _merge_split_lines(lines)


def _font_name(raw, textpage, index: int) -> str:
    import ctypes

    flags = ctypes.c_int()
    length = raw.FPDFText_GetFontInfo(textpage, index, None, 0, ctypes.byref(flags))
    if length <= 0:
        return ""
    buffer = ctypes.create_string_buffer(length)
    raw.FPDFText_GetFontInfo(textpage, index, buffer, length, ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace")


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
