"""The page planner: which variant each section takes, and where the pages fall.

A booklet has rules that no single section can keep on its own: a two-page interview opens
on a left-hand page, the cover is page 1 and the back cover the last, and the page count is
a multiple of 4 for saddle stitching. The planner keeps them by choosing, for every section,
one of its type's variants (:mod:`.variants`), and by adding designed filler pages (MEMO)
only where no choice of variants reaches the multiple; a blank page before the back cover is
the very last resort.

How it works: every candidate variant has a prediction from the content (pages, cost). A
dynamic programme over the sections (state: the page count so far modulo the multiple and
the previous section's variant family) picks the cheapest plan. The plan's sections are then
laid out one by one at their planned first page; each layout is measured (:mod:`.measure`)
and its real page count and cost replace the prediction. As soon as a layout differs from
what the plan assumed, the plan is made again with what is now known. When every section of
the plan has been laid out at its planned first page, those layouts *are* the brochure: the
final document is made of them, nothing is laid out twice.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from .measure import SectionMeasure
from .variants import (MERGED_FAMILY, COST_BLANK, COST_DEFECT, COST_CONTINUATION, COST_MEMO, COST_REPEAT, Candidate, Variant,
                       candidates, page_cost)

log = logging.getLogger("brochure.plan")

MAX_MEMO = 3  # MEMO pages in a row: more would look like a notebook
MAX_ROUNDS = 40  # plans made before giving up on improving (each round lays out ≥ 1 section)
REPLAN_MARGIN = 0.15  # a layout this much costlier than predicted: plan again with what is known


class Layout(Protocol):
    pages: int
    measure: SectionMeasure


@dataclass
class Measured:
    pages: int
    cost: float
    feasible: bool
    why: str = ""  # why a layout was refused (overflow, a bad headline break, …)


def measured_cost(variant: Variant, m: SectionMeasure, problems: list[str]) -> Measured:
    """Cost of a laid-out variant: its pages' white space, its design cost, continuation pages."""
    pages = m.page_count
    why = "; ".join(problems)
    if m.overflow:
        why = why or ("text leaves its box: " + ", ".join(m.spills) if m.spills else "runs into the page foot")
    if not variant.min_pages <= pages <= variant.max_pages:
        why = why or f"takes {pages} pages (designed for {variant.min_pages}–{variant.max_pages})"
    filled = sum(p.used for p in m.pages if not p.bare)
    if variant.needs_fill and filled < variant.needs_fill:
        why = why or f"fills {filled:.2f} of a page over {pages} pages: fewer pages hold it"
    text_pages = [p.used for p in m.pages if not p.bare]
    if variant.last_fill and text_pages and text_pages[-1] < variant.last_fill:
        why = why or f"its last page is {text_pages[-1]:.0%} full: a layout that fills it"
    cost = variant.penalty + COST_CONTINUATION * max(0, pages - variant.min_pages)
    cost += sum(page_cost(p.used) for p in m.pages if not p.bare)
    if why:  # kept as a last resort: a brochure is still made, and `brochure check` says why
        return Measured(pages, cost + COST_DEFECT, False, why)
    return Measured(pages, cost, True)


@dataclass
class PlannedSection:
    view: Any  # the SectionView in its chosen variant
    first_page: int
    pages: int
    cost: float
    layout: Any = None  # the laid-out part (render.sections.Part)
    filler: str = ""  # "memo", "blank": a page the planner added
    problem: str = ""  # what no variant could avoid (the text is too long for every layout)
    continued_from: int | None = None  # the section's page (1-based) from which a head says （続き）
    designed_pages: int | None = None  # the most pages its variant is designed for

    @property
    def used(self) -> list[float]:
        """How full each page is (0–1), designed full pages (full-bleed, covers) left out."""
        if self.layout is None:
            return []
        return [round(p.used, 3) for p in self.layout.measure.pages if not p.bare]


@dataclass
class Plan:
    sections: list[PlannedSection]
    layouts: int  # layouts performed while planning (the final ones included)
    rounds: int
    seconds: float  # planning, the layouts it kept included
    notes: list[str] = field(default_factory=list)  # what was added and why, for the summary
    overhead: float = 0.0  # of those seconds, what a build that knew its plan would not spend:
    # measuring and checking layouts, choosing, and the layouts it tried and set aside

    @property
    def discarded(self) -> int:
        """Layouts performed and not kept (a variant tried, a section at another page)."""
        return self.layouts - len({id(s.layout) for s in self.sections if s.layout is not None})

    @property
    def pages(self) -> int:
        return sum(s.pages for s in self.sections)

    @property
    def blank_pages(self) -> int:
        return sum(s.pages for s in self.sections if s.filler == "blank")

    @property
    def memo_pages(self) -> int:
        return sum(s.pages for s in self.sections if s.filler == "memo")

    def summary(self) -> "PlanSummary":
        """What the plan says, without its laid-out pages (for another process)."""
        return PlanSummary(self.as_json(), self.pages, self.memo_pages, self.blank_pages, self.layouts,
                           self.seconds, self.overhead, self.discarded)

    def as_json(self) -> list[dict]:
        return [{"section": s.view.index if not s.filler else None, "type": s.view.type,
                 "variant": s.view.variant, "opts": s.view.opts, "first_page": s.first_page,
                 "pages": s.pages, "used": s.used, "filler": s.filler or None,
                 "continued_from": s.continued_from, "designed_pages": s.designed_pages,
                 "problem": s.problem or None}
                for s in self.sections]


@dataclass
class PlanSummary:
    """A plan's entries and counts (picklable: what a forked child sends back)."""

    entries: list[dict]
    pages: int
    memo_pages: int
    blank_pages: int
    layouts: int
    seconds: float = 0.0
    overhead: float = 0.0
    discarded: int = 0

    def as_json(self) -> list[dict]:
        return self.entries


@dataclass
class _Choice:
    memo: int  # MEMO pages just before the section
    candidate: Candidate | None  # None: the blank pages at the end


def _slot(views) -> tuple[int, int]:
    """Where MEMO pages may go (before the apply page, else before the back cover, else at the
    end) and where the last-resort blank pages go (before the back cover, else at the end)."""
    n = len(views)
    back = next((i for i, v in enumerate(views) if v.type == "back-cover"), n)
    apply = next((i for i, v in enumerate(views) if v.type == "apply"), back)
    return apply, back


def _choose(views, options: list[list[tuple[Candidate, int, float]]], multiple: int):
    """The cheapest plan: per section (memo pages before it, candidate), and blanks at the end.

    ``options[i]``: (candidate, pages, cost) with what is known of each candidate now."""
    memo_slot, blank_slot = _slot(views)
    modulus = multiple * 2 // math.gcd(multiple, 2)  # sides need parity, stitching the multiple
    # state: (pages so far mod modulus, family of the previous section) → (cost, back-pointer)
    states: dict[tuple[int, str], tuple[float, Any]] = {(0, ""): (0.0, None)}
    history = []
    for i, view in enumerate(views):
        nxt: dict[tuple[int, str], tuple[float, Any]] = {}
        memos = range(MAX_MEMO + 1) if i == memo_slot else (0,)
        for (mod, prev_family), (cost, _) in states.items():
            for memo in memos:
                start = mod + memo + 1  # the section's first page number, modulo
                for candidate, pages, c in options[i]:
                    if not math.isfinite(c):
                        continue
                    # A section merged into the one before (figures on the organisation page)
                    # goes with that one's merging variant, and that variant with it.
                    needs = candidate.variant.requires
                    if (needs and (needs != prev_family or memo)) or (prev_family == MERGED_FAMILY and not needs):
                        continue
                    side = candidate.variant.start
                    if (side == "left" and start % 2) or (side == "right" and not start % 2):
                        continue
                    if i == 0 and memo:
                        continue
                    total = cost + c + memo * COST_MEMO
                    family = candidate.variant.family
                    if family and family == prev_family:
                        total += COST_REPEAT
                    key = ((mod + memo + pages) % modulus, family)
                    if key not in nxt or total < nxt[key][0]:
                        nxt[key] = (total, ((mod, prev_family), _Choice(memo, candidate)))
        history.append(nxt)
        states = nxt
        if not states:
            return None
    # Blank pages (before the back cover) reach the multiple when nothing else did.
    best, best_key, best_blank = math.inf, None, 0
    for (mod, family), (cost, _) in states.items():
        blank = (-mod) % multiple
        total = cost + blank * COST_BLANK
        if total < best:
            best, best_key, best_blank = total, (mod, family), blank
    if best_key is None:
        return None
    choices: list[_Choice] = []
    key = best_key
    for nxt in reversed(history):
        _, (prev, choice) = nxt[key]
        choices.append(choice)
        key = prev
    choices.reverse()
    return choices, best_blank, blank_slot, best


def plan_sections(views: list, layout: Callable[[Any, int], Layout], multiple: int = 4,
                  check: Callable[[Any, Layout], list[str]] | None = None,
                  memo_view: Callable[[int], Any] | None = None,
                  blank_view: Callable[[int], Any] | None = None) -> Plan:
    """Choose every section's variant and lay the brochure out.

    ``layout(view, first_page)`` lays out one section (in ``view.variant``) starting on that
    page; ``check(view, layout)`` names what makes a layout unacceptable beyond its pages
    (e.g. a headline broken badly); ``memo_view(n)`` / ``blank_view(n)`` make the filler
    sections (the n-th of each)."""
    started = time.perf_counter()
    cands = [candidates(v) for v in views]
    known: dict[tuple[int, str], Measured] = {}  # (section, variant's fit key) → measured
    done: dict[tuple[int, str, int], Layout] = {}
    fillers: dict[tuple[str, int], Layout] = {}
    layouts = 0

    # A measured variant corrects the predictions of its unmeasured siblings (same design,
    # other sizes): the estimate errs alike for them, and trying them would cost a layout.
    bias: dict[tuple[int, str], float] = {}

    def options(i: int) -> list[tuple[Candidate, int, float]]:
        found = []
        # Every variant measured so far is defective: the estimate may have been wrong about
        # those it predicted not to fit, so they are tried next (before a defect is accepted).
        tried = [m for (j, _), m in known.items() if j == i]
        stuck = bool(tried) and not any(m.feasible for m in tried)
        for c in cands[i]:
            m = known.get((i, c.variant.fit_key))
            if m is not None:
                found.append((c, m.pages, m.cost))
            elif c.predicted.fits:
                correction = max(0.0, bias.get((i, c.variant.name), 0.0))
                found.append((c, c.predicted.pages, c.predicted.cost + c.variant.penalty + 0.01 + correction))
            elif stuck:  # predicted not to fit, but what was predicted to fit does not
                found.append((c, c.predicted.pages, COST_DEFECT / 2 + c.variant.penalty))
            else:  # predicted not to fit: tried only when nothing else is left
                found.append((c, c.predicted.pages, COST_DEFECT * 2 + c.variant.penalty))
        return found

    rounds = 0
    while True:
        rounds += 1
        chosen = _choose(views, [options(i) for i in range(len(views))], multiple)
        if chosen is None:
            raise PlanningError("no variant of some section can be laid out")
        choices, blank, blank_slot, _ = chosen
        planned: list[PlannedSection] = []
        page, changed = 1, False
        for i, (view, choice) in enumerate(zip(views, choices)):
            if i == blank_slot and blank and blank_view is not None:
                planned.append(PlannedSection(blank_view(blank), page, blank, COST_BLANK * blank, filler="blank"))
                page += blank
            for n in range(choice.memo):
                planned.append(PlannedSection(memo_view(n), page, 1, COST_MEMO, filler="memo"))
                page += 1
            variant = choice.candidate.variant
            key = (i, variant.key, page)
            vview = view.with_variant(variant.name, **variant.options)
            if variant.max_pages == 0:  # taken into the section before: no page of its own
                planned.append(PlannedSection(vview, page, 0, 0.0))
                continue
            if key not in done:
                done[key] = layout(vview, page)
                layouts += 1
                log.debug("laid out section %d as %s from page %d", i, variant.key, page)
                problems = check(vview, done[key]) if check else []
                before = known.get((i, variant.fit_key))
                m = measured_cost(variant, done[key].measure, problems)
                if before is not None and before.feasible and m.feasible:
                    m.cost = min(m.cost, before.cost)  # a mirrored twin: the same fit
                known[(i, variant.fit_key)] = m
                if m.feasible and m.pages == choice.candidate.predicted.pages:
                    # The estimate had the pages right and the fill wrong: so it has for its siblings.
                    bias[(i, variant.name)] = m.cost - choice.candidate.predicted.cost - variant.penalty
                expected = before.pages if before else choice.candidate.predicted.pages
                worse = before is None and len(cands[i]) > 1 and m.cost > choice.candidate.predicted.cost \
                    + variant.penalty + REPLAN_MARGIN and rounds <= MAX_ROUNDS
                changed = not m.feasible or m.pages != expected or worse
                if changed:
                    log.debug("  → %s (pages %d, expected %d; cost %.3f)", m.why or "replan", m.pages,
                              expected, m.cost)
            m = known[(i, variant.fit_key)]
            cont = variant.continued_from
            planned.append(PlannedSection(vview, page, m.pages, m.cost, layout=done[key],
                                          problem="" if m.feasible else m.why,
                                          continued_from=cont if cont and m.pages >= cont else None,
                                          designed_pages=variant.max_pages))
            page += m.pages
            if changed:
                break
        if not changed:
            if blank_slot >= len(views) and blank and blank_view is not None:
                planned.append(PlannedSection(blank_view(blank), page, blank, COST_BLANK * blank, filler="blank"))
            break
        if rounds > MAX_ROUNDS * 2:
            raise PlanningError("the plan does not settle")
    # Lay out the fillers where they fall.
    for s in planned:
        if s.filler and s.layout is None:
            cache_key = (s.view.variant + s.filler, s.first_page * 100 + s.pages)
            if cache_key not in fillers:
                fillers[cache_key] = layout(s.view, s.first_page)
                layouts += 1
            s.layout = fillers[cache_key]
            s.pages = s.layout.pages
    notes = []
    memo = sum(s.pages for s in planned if s.filler == "memo")
    blank_pages = sum(s.pages for s in planned if s.filler == "blank")
    if memo:
        notes.append(f"memo:{memo}")
    if blank_pages:
        notes.append(f"blank:{blank_pages}")
    seconds = time.perf_counter() - started
    kept = {id(s.layout): s.layout for s in planned if s.layout is not None}
    overhead = max(0.0, seconds - sum(getattr(k, "seconds", 0.0) for k in kept.values()))
    return Plan(planned, layouts, rounds, seconds, notes, overhead)


class PlanningError(Exception):
    pass
