"""Text position against the trim: outside the page, across the trim edge, or inside the
5 mm safe margin (where the cutting tolerance may shave it off).

Each character's box (pdfplumber: advance width × font size) is compared with the page's
TrimBox; characters on one baseline with the same problem are reported together, and the
text is traced back to the content field it comes from.
"""

from __future__ import annotations

from itertools import groupby

from .context import CheckContext
from .document import MM
from ..messages import msg
from .findings import ERROR, Finding, chars_box
from ..content.texts import field_around

SAFE_MM = 5.0


def _where(c: dict, trim: tuple, safe: tuple) -> str | None:
    x0, top, x1, bottom = trim
    if c["x1"] <= x0 or c["x0"] >= x1 or c["bottom"] <= top or c["top"] >= bottom:
        return "outside"
    if c["x0"] < x0 or c["x1"] > x1 or c["top"] < top or c["bottom"] > bottom:
        return "crosses"
    sx0, stop, sx1, sbottom = safe
    if c["x0"] < sx0 or c["x1"] > sx1 or c["top"] < stop or c["bottom"] > sbottom:
        return "margin"
    return None


MESSAGES = {"outside": "check.text-outside", "crosses": "check.text-crosses", "margin": "check.text-margin"}


def check_margins(ctx: CheckContext) -> list[Finding]:
    findings = []
    for number, page in enumerate(ctx.doc.pages, start=1):
        trim = page.trimbox
        safe = (trim[0] + SAFE_MM * MM, trim[1] + SAFE_MM * MM, trim[2] - SAFE_MM * MM, trim[3] - SAFE_MM * MM)
        chars = [c for c in page.chars if c["text"].strip()]
        page_text = "".join(c["text"] for c in chars)
        marked = [(round(c["bottom"]), _where(c, trim, safe), i) for i, c in enumerate(chars)]
        marked = [m for m in marked if m[1]]
        for (_, kind), group in groupby(marked, key=lambda m: (m[0], m[1])):
            indexes = [m[2] for m in group]
            text = "".join(chars[i]["text"] for i in indexes)
            source = field_around(ctx.fields, page_text, indexes[0])
            findings.append(Finding(
                ERROR, f"text-{kind}", msg(MESSAGES[kind], text=text[:40], mm=f"{SAFE_MM:g}"), page=number,
                file=source.file if source else None, field=source.field if source else None,
                line=source.line if source else None, bbox=chars_box(page, [chars[i] for i in indexes])))
    return findings
