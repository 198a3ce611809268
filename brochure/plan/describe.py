"""The plan in words: one short line per section (``-v``), and what the build adds and why.

Both read the plan's entries (:meth:`.planner.Plan.as_json`): what a forked child sends back
(:class:`.planner.PlanSummary`) says as much as the plan itself."""

from __future__ import annotations

from ..messages import WORDS, word


def _pages(e: dict) -> str:
    first, pages = e["first_page"], e["pages"]
    return f"{first:02d}" if pages <= 1 else f"{first:02d}–{first + pages - 1:02d}"


def variant_name(e: dict, lang: str | None = None) -> str:
    key = f"variant.{e.get('filler') or e['variant']}"
    if key == "variant.page" and e["pages"] > 1:  # a design that flowed on over its pages
        turned = (e.get("opts") or {}).get("turn")  # or was shared between them
        return word("variant.turned" if turned else "variant.pages", lang, n=e["pages"])
    if key not in WORDS:
        return e["variant"]
    return word(key, lang, cols=(e.get("opts") or {}).get("cols", ""), n=e["pages"])


def plan_lines(plan, names: dict[int, str], lang: str | None = None) -> list[str]:
    """``names``: section index → how to call it (file name, bookmark label)."""
    if plan is None:
        return []
    found = []
    for e in plan.as_json():
        details = ""
        body = (e.get("opts") or {}).get("body_size")
        if body and e["type"] == "interview":
            details += word("plan.body", lang, size=body)
        if e["used"] and not e.get("filler"):
            details += word("plan.used", lang, used="・".join(f"{u:.0%}" for u in e["used"]))
        name = names.get(e["section"], "") if e.get("section") is not None else ""
        found.append(word("plan.line", lang, pages=_pages(e), name=name, variant=variant_name(e, lang),
                          details=details))
    return found


def plan_notes(plan, multiple: int, files: dict[int, str], lang: str | None = None) -> list[str]:
    """What the planner added to the content's pages, and why, and what no layout could hold
    (for the build's summary). ``files``: section index → its content file."""
    if plan is None:
        return []
    entries = plan.as_json()
    notes = [word("plan.problem", lang, file=files.get(e["section"], e["type"]), why=e["problem"])
             for e in entries if e.get("problem")]
    memo = sum(e["pages"] for e in entries if e.get("filler") == "memo")
    blank = sum(e["pages"] for e in entries if e.get("filler") == "blank")
    if memo:
        notes.append(word("plan.memo", lang, n=memo, m=multiple))
    if blank:
        notes.append(word("plan.blank", lang, n=blank, m=multiple))
    return notes
