"""Text drawn over other text: a fixed-size box (the cover, the interview header, a key
figure) whose content is too tall spills over what follows.

Glyph boxes (pdfplumber: advance width × font size) of two different lines overlapping by
more than a third of the smaller one never happen in normal typesetting; glyphs of one line
may touch (kerning, compressed punctuation), so same-line pairs are ignored.
"""

from __future__ import annotations

from collections import defaultdict

from .context import CheckContext
from ..messages import msg, phrase
from .findings import ERROR, Finding, chars_box
from ..content.texts import field_around

OVERLAP = 1 / 3
CELL = 20.0  # pt: grid cell for finding neighbouring glyphs quickly


def _overlap(a: dict, b: dict) -> float:
    if abs(a["bottom"] - b["bottom"]) < 0.25 * min(a["size"], b["size"]):
        return 0.0  # same line: kerning and compressed punctuation (palt) may touch
    w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a["x1"] - a["x0"]) * (a["bottom"] - a["top"]), (b["x1"] - b["x0"]) * (b["bottom"] - b["top"]))
    return w * h / smaller if smaller > 0 else 0.0


def check_overlaps(ctx: CheckContext) -> list[Finding]:
    findings = []
    for number, page in enumerate(ctx.doc.pages, start=1):
        chars = [c for c in page.chars if c["text"].strip()]
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        hits: list[tuple[int, int]] = []  # (earlier drawn, later drawn) glyph indexes
        for i, c in enumerate(chars):
            cx, cy = int(c["x0"] // CELL), int(c["top"] // CELL)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    hits.extend((j, i) for j in grid[cx + dx, cy + dy] if _overlap(c, chars[j]) > OVERLAP)
            grid[cx, cy].append(i)
        if not hits:
            continue
        under = "".join(dict.fromkeys(chars[j]["text"] for j, _ in hits))
        over = "".join(dict.fromkeys(chars[i]["text"] for _, i in hits))
        text = "".join(c["text"] for c in chars)
        offsets = [0]  # where each glyph's text starts in the page text (a glyph may be "fi")
        for c in chars:
            offsets.append(offsets[-1] + len(c["text"]))
        source = field_around(ctx.fields, text, offsets[hits[0][0]])
        other = field_around(ctx.fields, text, offsets[hits[0][1]])
        also = phrase("overlap.also", file=other.file, field=other.field) if other and other != source else ""
        involved = {i for pair in hits for i in pair}
        findings.append(Finding(
            ERROR, "text-overlap",
            msg("check.text-overlap", under=under[:20], over=over[:20], n=len(hits), also=also), page=number,
            file=source.file if source else None, field=source.field if source else None,
            line=source.line if source else None, bbox=chars_box(page, [chars[i] for i in sorted(involved)])))
    return findings
