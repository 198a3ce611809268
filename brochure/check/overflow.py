"""Section overflow: a section printing on more pages than planned.

WeasyPrint never reports overflow: it paginates. Every section is planned as one page, an
interview as a two-page spread; sections start at the PDF's named destinations
``section-N``. A section with more non-empty pages than planned had text too long for it,
and every later page shifts. The finding points at the first extra page and the content
field whose text goes on there. (Text spilling out of fixed-size boxes is found by
:mod:`.overlap` and :mod:`.boxes`.)
"""

from __future__ import annotations

from .context import CheckContext
from ..messages import msg
from .findings import ERROR, Finding, chars_box
from .texts import field_around

PLANNED_PAGES = {"interview": 2}  # pages per section type; every other type: 1


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
        page = ctx.doc.pages[first_extra - 1]
        findings.append(Finding(
            ERROR, "section-overflow",
            msg("check.section-overflow", type=section.type, used=len(used), planned=planned, page=first_extra),
            page=first_extra, file=file, field=source.field if source else None,
            line=source.line if source else None, bbox=chars_box(page, [c for c in page.chars if c["text"].strip()])))
    return findings
