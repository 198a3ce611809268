"""Pages as a reader turns them: no blank page inside the booklet, no page barely used, and
every continuation page under its running head.

The build's planner avoids all three; what it could not avoid (content too long or too short
for every layout) is found here, on the PDF, so that a PDF made by hand is checked alike.
Fill is measured from what is drawn (pdfplumber: characters, images, rules and boxes): the
share of the text area's height (the trim less 18 mm at the top and 20 mm at the foot, as
in styles/base.css) that carries anything. Full-bleed pages (a photo, the covers) count as full.
"""

from __future__ import annotations

from ..messages import msg
from .context import CheckContext
from .document import FOOT_MM, MM, blank_but_footer
from .findings import ERROR, WARNING, Finding

TOP_MM = 18.0  # the top margin: the running head lives there (the foot: document.FOOT_MM)
SPARSE = 0.2  # a page less than a fifth used
CONTINUED = "（続き）"


def _objects(page) -> list[dict]:
    return [*page.chars, *page.images, *page.rects, *page.lines, *page.curves]


def page_fill(page) -> float:
    """Share (0–1) of the page's text area height that carries something drawn."""
    x0, top, x1, bottom = page.trimbox
    area_top, area_bottom = top + TOP_MM * MM, bottom - FOOT_MM * MM
    spans = []
    for obj in _objects(page):
        if obj.get("text") is not None and not obj["text"].strip():
            continue
        y0, y1 = max(obj["top"], area_top), min(obj["bottom"], area_bottom)
        if obj["x1"] <= x0 or obj["x0"] >= x1 or y1 <= y0:
            continue
        if obj["bottom"] - obj["top"] >= (bottom - top) * 0.9 and obj["x1"] - obj["x0"] >= (x1 - x0) * 0.9:
            return 1.0  # art over the whole page: a designed full page
        spans.append((y0, y1))
    covered, end = 0.0, area_top
    for y0, y1 in sorted(spans):
        if y1 > end:
            covered += y1 - max(y0, end)
            end = y1
    return covered / (area_bottom - area_top)


def _blank(page) -> bool:
    """Nothing on the page but, at most, its running footer."""
    return blank_but_footer(page)


def check_page_fill(ctx: CheckContext) -> list[Finding]:
    findings = []
    doc = ctx.doc
    files = ctx.brochure.section_files
    last = doc.page_count
    for number, page in enumerate(doc.pages, start=1):
        if number in (1, last):
            continue  # the covers are designed pages
        section = doc.section_at(number)
        file = files[section] if section is not None and section < len(files) else None
        if _blank(page):
            findings.append(Finding(ERROR, "page-blank", msg("check.page-blank", page=number),
                                    page=number, file=file))
            continue
        fill = page_fill(page)
        if fill < SPARSE:
            findings.append(Finding(WARNING, "page-sparse", msg("check.page-sparse", page=number, used=f"{fill:.0%}"),
                                    page=number, file=file))
    # Continuation pages of a section carry a running head with （続き）.
    for entry in doc.plan:
        start, cont = entry.get("first_page"), entry.get("continued_from")
        if not start or not cont:
            continue
        for number in range(start + cont - 1, start + entry.get("pages", 0)):
            if 1 <= number <= last and CONTINUED not in doc.texts[number - 1]:
                index = entry.get("section")
                findings.append(Finding(
                    ERROR, "continuation-head", msg("check.continuation-head", page=number), page=number,
                    file=files[index] if isinstance(index, int) and index < len(files) else None))
    return findings
