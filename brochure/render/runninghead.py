"""Running heads of continuation pages: 「Interview 平井 則輔（続き）」 at the top outer corner.

A section that flows on past its designed pages (an interview after its spread, a message on
its second page) carries a small head on every page from its ``cont_from``-th on. The pages
are known only to the planner, so the rule is made here as CSS for those pages: relative to
a part's own pages when a section is laid out alone (its lead-in page first), and with the
brochure's page numbers in the one-document HTML (``--emit-html``). (WeasyPrint's named page
groups lose count after a full-bleed page inside a section, so they cannot do it.)
"""

from __future__ import annotations

# What the head says, by section type: the strings are set by the section element (CSS).
CONTENT = {
    "interview": '"Interview\\2003" string(interviewee) "（続き）"',
    "message": 'string(section) "（続き）"',
    # The newer section types: 「見出し（続き）」 from data-continued (macros.section_open).
    **{kind: "string(continued)" for kind in ("schedule", "career", "conditions", "faq", "text",
                                              "benefits", "figures", "flow")},
}
# The size is a custom property: a smaller format sets it larger on its layout page
# (styles/formats/a5.css), as it does the footer's.
STYLE = ('font-weight: 700; font-size: var(--running-head-size, 7.5pt); line-height: 1; '
         'font-family: "BrochureGothic-BIZUDPGothic", "BrochureGothic-Fallback"; color: var(--navy); '
         'vertical-align: bottom; padding-bottom: 6mm;')


def head_css(kind: str, selector: str) -> str:
    """The head on the pages ``selector`` selects (``:nth(n+4)``, ``:nth(14)``): top left on
    left-hand pages, top right on right-hand ones (the outer corners)."""
    content = CONTENT.get(kind)
    if not content:
        return ""
    return (f"@page {selector}:left {{ @top-left {{ content: {content}; {STYLE} }} }} "
            f"@page {selector}:right {{ @top-right {{ content: {content}; {STYLE} }} }}")


def part_css(view, first_page: int) -> str:
    """For a section laid out alone: its pages from ``cont_from`` on (after the lead-in page)."""
    cont = view.opts.get("cont_from")
    if not cont:
        return ""
    lead_in = 1 if first_page > 1 else 0
    return head_css(view.type, f":nth(n+{cont + lead_in})")


def document_css(plan) -> str:
    """For the whole brochure as one document: the continuation pages by number."""
    rules = []
    for s in plan.sections:
        cont = s.view.opts.get("cont_from")
        if cont and s.pages >= cont:
            rules += [head_css(s.view.type, f":nth({page})")
                      for page in range(s.first_page + cont - 1, s.first_page + s.pages)]
    return " ".join(r for r in rules if r)
