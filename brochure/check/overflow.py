"""Layout overflow: text that does not fit the space the layout gives it.

Two symptoms are measured in the PDF, because WeasyPrint never reports overflow itself:

* a section running onto more pages than planned (every section is one page, an interview a
  two-page spread): its flowing text was too long, and every later page shifts. The finding
  points at the first extra page and the content field whose text starts there.
* text running across the edge of a drawn box (a border or a background at least 5 mm in
  both directions): a box too narrow or too short for its text, e.g. a word that cannot wrap.
* text drawn over other text: a fixed-height box (e.g. the interview header) whose content
  is too tall spills over what follows. Glyph boxes of two different lines overlapping by
  more than a third of the smaller one never happen in normal typesetting (glyphs of one line
  may touch: kerning, compressed punctuation).
"""

from __future__ import annotations

from collections import defaultdict

from .context import CheckContext
from .document import MM
from .findings import ERROR, Finding
from .texts import field_around

MIN_BOX_MM = 5.0  # smaller shapes are rules, badges and QR modules, not text boxes
EDGE_INSET = 0.2  # an edge must cut a glyph at least this far inside it (share of its size)
PLANNED_PAGES = {"interview": 2}  # pages per section type; every other type: 1
OVERLAP = 1 / 3
CELL = 20.0  # pt: grid cell for finding neighbouring glyphs quickly


def check_section_pages(ctx: CheckContext) -> list[Finding]:
    findings = []
    for index, (section, file) in enumerate(zip(ctx.brochure.sections, ctx.brochure.section_files)):
        planned = PLANNED_PAGES.get(section.type, 1)
        # Empty pages are not the section's text: blank pages padded before the back cover,
        # or a page left empty so that a spread starts on a left page.
        used = [p for p in ctx.doc.section_pages(index) if not ctx.doc.is_empty(p)]
        if len(used) <= planned:
            continue
        first_extra = used[planned]
        # The field whose text goes on at the top of the extra page (the footer comes last).
        text = ctx.doc.texts[first_extra - 1]
        own = [f for f in ctx.fields if f.file == file]
        source = next(filter(None, (field_around(own, text, i) for i in range(min(len(text), 40)))), None)
        findings.append(Finding(
            ERROR, "section-overflow",
            f"the {section.type} section runs to {len(used)} pages (planned {planned}): "
            f"its text overflows onto page {first_extra}",
            hint="shorten the text (or split it into another section)", page=first_extra, file=file,
            field=source.field if source else None, line=source.line if source else None))
    return findings


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
        also = f" (overlaps {other.file} {other.field})" if other and other != source else ""
        findings.append(Finding(
            ERROR, "text-overlap",
            f"text is drawn over other text ({under[:20]!r} and {over[:20]!r}, {len(hits)} glyphs): "
            f"a box is too small for its text{also}",
            hint="shorten the text or give the box more room", page=number,
            file=source.file if source else None, field=source.field if source else None,
            line=source.line if source else None))
    return findings


def _boxes(page) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) of the boxes drawn on a page: rectangles and (rounded) paths."""
    least = MIN_BOX_MM * MM
    return [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in (*page.rects, *page.curves)
            if o["x1"] - o["x0"] >= least and o["bottom"] - o["top"] >= least]


def _inside(c: dict, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _cut(c: dict, box: tuple[float, float, float, float]) -> bool:
    """An edge of the box runs through the glyph."""
    x0, top, x1, bottom = box
    w, h = c["x1"] - c["x0"], c["bottom"] - c["top"]
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    cut_x = any(c["x0"] + EDGE_INSET * w < e < c["x1"] - EDGE_INSET * w for e in (x0, x1)) and top <= cy <= bottom
    cut_y = any(c["top"] + EDGE_INSET * h < e < c["bottom"] - EDGE_INSET * h for e in (top, bottom)) and x0 <= cx <= x1
    return cut_x or cut_y


def _continues(a: dict, b: dict) -> bool:
    """``b`` is the next glyph of the same line of text as ``a``. (Not across lines: a box
    drawn with only a top border has invisible sides, and text wrapping below it is no defect
    anyone sees; text running out of the bottom of a box usually overprints what follows,
    which the overlap check finds.)"""
    size = min(a["size"], b["size"])
    same_line = abs(a["bottom"] - b["bottom"]) < 0.25 * size
    return same_line and -0.3 * size < b["x0"] - a["x1"] < 0.5 * size


def _crossing(chars: list[dict], boxes: list) -> set[int]:
    """Glyphs where text runs across a box edge: an edge cuts them, or a line of text goes on
    from inside a box to outside it (or back) between two of its glyphs."""
    found = {i for i, c in enumerate(chars) if any(_cut(c, box) for box in boxes)}
    for i in range(len(chars) - 1):
        a, b = chars[i], chars[i + 1]
        if _continues(a, b) and any(_inside(a, box) != _inside(b, box) for box in boxes):
            found.update((i, i + 1))
    return found


def check_box_overflow(ctx: CheckContext) -> list[Finding]:
    findings = []
    for number, page in enumerate(ctx.doc.pages, start=1):
        chars = [c for c in page.chars if c["text"].strip()]
        boxes = _boxes(page)
        crossing = sorted(_crossing(chars, boxes))
        if not crossing:
            continue
        text = "".join(c["text"] for c in chars)
        seen = set()
        for i in crossing:
            source = field_around(ctx.fields, text, i)
            key = (source.file, source.field) if source else None
            if key in seen:
                continue
            seen.add(key)
            around = text[max(i - 8, 0): i + 8]
            findings.append(Finding(
                ERROR, "text-box-overflow", f"text runs across the edge of its box at {chars[i]['text']!r} "
                f"(…{around}…)",
                hint="shorten the text or let its box grow (a BudouX phrase or a long word cannot wrap)",
                page=number,
                file=source.file if source else None, field=source.field if source else None,
                line=source.line if source else None))
    return findings
