"""The plan in words: one short line per section (``-v``), and what the build adds and why."""

from __future__ import annotations

from ..messages import WORDS, word
from .planner import Plan, PlannedSection


def _pages(s: PlannedSection) -> str:
    last = s.first_page + s.pages - 1
    return f"{s.first_page:02d}" if s.pages == 1 else f"{s.first_page:02d}–{last:02d}"


def variant_name(s: PlannedSection, lang: str | None = None) -> str:
    key = f"variant.{s.filler or s.view.variant}"
    if key == "variant.page" and s.pages > 1:  # a design that flowed on over its pages
        return word("variant.pages", lang, n=s.pages)
    if key not in WORDS:
        return s.view.variant
    return word(key, lang, cols=s.view.opts.get("cols", ""))


def plan_lines(plan: Plan, names: dict[int, str], lang: str | None = None) -> list[str]:
    """``names``: section index → how to call it (file name, bookmark label)."""
    found = []
    for s in plan.sections:
        details = ""
        body = s.view.opts.get("body_size")
        if body and s.view.type == "interview":
            details += word("plan.body", lang, size=body)
        used = [u for u, p in zip(s.used, s.layout.measure.pages if s.layout else []) if not p.bare]
        if used and not s.filler:
            details += word("plan.used", lang, used="・".join(f"{u:.0%}" for u in used))
        name = names.get(s.view.index, "") if not s.filler else ""
        found.append(word("plan.line", lang, pages=_pages(s), name=name, variant=variant_name(s, lang),
                          details=details))
    return found


def plan_notes(plan: Plan, multiple: int, files: dict[int, str], lang: str | None = None) -> list[str]:
    """What the planner added to the content's pages, and why, and what no layout could hold
    (for the build's summary). ``files``: section index → its content file."""
    notes = [word("plan.problem", lang, file=files.get(s.view.index, s.view.type), why=s.problem)
             for s in plan.sections if s.problem]
    if plan.memo_pages:
        notes.append(word("plan.memo", lang, n=plan.memo_pages, m=multiple))
    if plan.blank_pages:
        notes.append(word("plan.blank", lang, n=plan.blank_pages, m=multiple))
    return notes
