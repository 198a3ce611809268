"""Section overflow: a section printing on more pages than planned.

WeasyPrint never reports overflow: it paginates. The build's planner chooses for every
section a layout variant with its number of pages and embeds the plan in the PDF
(:attr:`.document.PrintedDocument.plan`); sections start at the PDF's named destinations
``section-N``. A section with more non-empty pages than its plan, or one that the planner
could lay out only with a defect (its text too long for every variant), is reported at its
first extra page with the content field whose text goes on there, and a hint that names the
count or length the layouts can hold. A PDF without a plan (made elsewhere) is held to one
page per section and two per interview. (Text spilling out of fixed-size boxes is found by
:mod:`.overlap` and :mod:`.boxes`.)
"""

from __future__ import annotations

from .context import CheckContext
from ..messages import Word, msg, phrase
from .findings import ERROR, Finding, chars_box
from ..content.texts import field_around

PLANNED_PAGES = {"interview": 2}  # without a plan: pages per section type; every other type: 1


def _hint(section) -> Word | None:
    """What to change so that a layout holds the section: a count where the count is the cause
    (None: the catalogue message's own hint, shorten the text)."""
    from ..plan.variants import candidates_for_section

    if section.type == "projects":
        n = len(section.projects)
        fitting = max((k for k in range(1, n + 1)
                       if any(c.predicted.fits for c in candidates_for_section(
                           section.model_copy(update={"projects": section.projects[:k]})))), default=0)
        if fitting < n:
            return phrase("hint.cards", n=n, fit=fitting, move=n - fitting)
    if section.type == "apply":
        return phrase("hint.links", n=len(section.links))
    return None


# Without a plan (a PDF made elsewhere): types that continue onto further pages by design.
CONTINUING = {"schedule", "career", "conditions", "faq", "text", "benefits"}


def check_section_pages(ctx: CheckContext) -> list[Finding]:
    findings = []
    plan = {e["section"]: e for e in ctx.doc.plan if isinstance(e.get("section"), int)}
    for index, (section, file) in enumerate(zip(ctx.brochure.sections, ctx.brochure.section_files)):
        entry = plan.get(index)
        if entry is None and section.type in CONTINUING:
            continue
        # The pages its layout is designed for (the build's plan), else one (an interview two).
        planned = (entry.get("designed_pages") or entry["pages"]) if entry \
            else PLANNED_PAGES.get(section.type, 1)
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
            hint=_hint(section), page=first_extra, file=file, field=source.field if source else None,
            line=source.line if source else None, bbox=chars_box(page, [c for c in page.chars if c["text"].strip()])))
    return findings
