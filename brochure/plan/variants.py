"""The layout variants of every section type, and what the planner expects of each.

A :class:`Variant` names a layout that the section's template draws (``variant-<name>`` on the
section element, its settings as CSS custom properties). For each section the planner asks
:func:`candidates` for the variants worth trying, each with a :class:`Prediction` made from
the content alone (:mod:`.estimate`): how many pages it will take and how well it will fill
them. The planner tries the most promising first and believes only the measured layout.

Geometry (mm) of the A4 text area: 175 wide, 259 high (base.css); the two-column running
text of interviews has 84 mm columns.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from .estimate import PT_MM, Column, current_format, blocks, column_mm, lines, page_format, squares, text_size

AREA_W, AREA_H = 175.0, 259.0

# Costs, in "pages of white space": the planner minimises their sum.
COST_STEP_DOWN = 0.35  # each step down the body type scale (a last resort)
COST_CONTINUATION = 0.25  # each continuation page of a section that flows on
COST_REPEAT = 0.2  # two neighbouring sections of a type in the same variant (they look copied)
COST_FEATURE_PAGE = 0.45  # a designed extra page (a photo page, a quote page, a figures page)
COST_MEMO = 0.9  # a MEMO page with ruled lines, to reach the page multiple
COST_BLANK = 12.0  # a blank page before the back cover: the very last resort
COST_DEFECT = 100.0  # a layout with a defect (overflow, a bad break): only when nothing else fits
NEAR_EMPTY = 0.25  # a page less than a fifth used is a defect (line boxes measure ~1.2× the glyphs preflight sees)
COST_NEAR_EMPTY = 6.0


LOOK_ONLY = ("side", "page_side")  # settings that mirror a layout without changing what fits


@dataclass(frozen=True)
class Variant:
    """One layout of a section type."""

    name: str
    opts: tuple[tuple[str, Any], ...] = ()
    start: str = "any"  # "left": opens on a left-hand (even) page, as a spread; "right"
    min_pages: int = 1
    max_pages: int = 1  # a variant whose text flows on takes up to this many pages
    penalty: float = 0.0  # design cost: a smaller size, a feature page
    family: str = ""  # variants that look alike (neighbours in one family pay COST_REPEAT)
    feature_pages: int = 0  # designed extra pages (photo, quote, figures) it includes
    continued_from: int | None = None  # page of the section from which a running head says （続き）
    requires: str = ""  # only right after a section of this family (which then requires it)
    # A variant that spreads its content over more pages only for content that would crowd
    # fewer: worth its pages only when laid out it fills at least this much (pages' worth).
    needs_fill: float = 0.0
    # A variant whose last page holds nothing but running text (a quote-spread's Q&A page):
    # worth it only when that page is at least this full (else it looks left unfinished).
    last_fill: float = 0.0

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.opts)

    @property
    def key(self) -> str:
        return self.name + "".join(f"|{k}={v}" for k, v in self.opts)

    @property
    def fit_key(self) -> str:
        """The variant without the settings that change only its look (the portrait's side):
        variants with one fit key take the same pages, so one measurement serves them all."""
        return self.name + "".join(f"|{k}={v}" for k, v in self.opts if k not in LOOK_ONLY)


@dataclass(frozen=True)
class Prediction:
    pages: int
    cost: float  # expected white-space cost (see Measured.cost for the real one)
    fits: bool = True


@dataclass
class Candidate:
    variant: Variant
    predicted: Prediction


def _pt(value: float) -> str:
    return f"{value:g}pt"


FIXED_USED = 0.85  # a designed page without running text (a portrait page) counts as well used


SPARSE = 0.35  # a page less than about a third used looks unfinished
COST_SPARSE = 1.0


def page_cost(used: float) -> float:
    """White-space cost of one page that is ``used`` (0–1) full."""
    return ((1 - used) ** 2 + (COST_SPARSE if used < SPARSE else 0.0)
            + (COST_NEAR_EMPTY if used < NEAR_EMPTY else 0.0))


def _flow(demand: float, capacity: list[float], min_pages: int) -> Prediction:
    """Pages and cost of a text of ``demand`` page-units poured into pages of ``capacity``
    (page-units each; 0 = a designed page without running text)."""
    left, pages, cost = demand * 1.03, 0, 0.0  # 3 %: the estimate's usual error
    for cap in capacity:
        pages += 1
        if cap <= 0:
            cost += page_cost(FIXED_USED)
        else:
            take = min(left, cap)
            left -= take
            cost += page_cost((1 - cap) + take)  # the page's other content, then the text
        if left <= 1e-9 and pages >= min_pages:
            return Prediction(pages, cost)
    return Prediction(len(capacity), COST_DEFECT, fits=False)


# --- interviews ---------------------------------------------------------------------------

QA = Column(84.0, 9.25, 1.75)
QA_PAGE_MM = AREA_H * 2  # two columns of a full text area
BODY_STEPS = (9.25, 9.0, 8.75, 8.5)  # the type scale's steps for running text; never below 8.5


TIGHT_LEADING = 1.6  # where the body cannot be set smaller (A5), its step down is in leading


def body_steps() -> list[tuple[float, float | None]]:
    """The body's steps down, (size, leading; None: the design's 1.75), that print at least
    8.5 pt in the current format: on A4 :data:`BODY_STEPS`; on A5, where 9.25 pt already prints
    at 8.5 pt, that size, then that size on a tighter leading (:data:`TIGHT_LEADING`)."""
    fmt = current_format()
    sizes = BODY_STEPS if fmt is None else tuple(s for s in BODY_STEPS if fmt.body_ok(s)) or BODY_STEPS[:1]
    steps: list[tuple[float, float | None]] = [(size, None) for size in sizes]
    return steps if len(sizes) == len(BODY_STEPS) else steps + [(sizes[-1], TIGHT_LEADING)]


def interview_demand(section, size_pt: float = 9.25, leading: float | None = None) -> float:
    """The Q&A's length in page-units of two 84 mm columns at ``size_pt`` on ``leading``."""
    col = Column(QA.width_mm, size_pt, leading or QA.leading, heading_pt=size_pt * 11.5 / 9.25)
    return column_mm(blocks(section.body), col) / QA_PAGE_MM


# Running-text capacity of each page of each interview design, in page-units.
INTERVIEW_DESIGNS = {
    # Portrait, name and pull quote over the top half of the left page; the Q&A below and on.
    "spread": dict(capacity=[0.486, 1.0, 1.0, 1.0], start="left", min_pages=2),
    # Left page: portrait and a large quote; the Q&A from the right page on.
    "quote-spread": dict(capacity=[0.0, 1.0, 1.0, 1.0], start="left", min_pages=2),
    # One page: a portrait band over two columns of Q&A.
    "page": dict(capacity=[0.69], start="any", min_pages=1),
    # One page with the spread's large portrait bleeding off the top and the outer edge.
    "page-large": dict(capacity=[0.486], start="any", min_pages=1),
    # A right-hand opening page (large quote, name), then the spread.
    "opener": dict(capacity=[0.0, 0.486, 1.0, 1.0], start="right", min_pages=3),
}


def interview_designs() -> dict[str, dict]:
    """:data:`INTERVIEW_DESIGNS` for the current format. On A5 the body cannot step down (it
    prints at the brief's least already, :func:`body_steps`), so a long interview that A4 sets
    a step smaller takes one more continuation page instead."""
    if body_steps()[-1][1] is None:
        return INTERVIEW_DESIGNS
    return {design: dict(spec, capacity=spec["capacity"] + [1.0]) if len(spec["capacity"]) > 1 else spec
            for design, spec in INTERVIEW_DESIGNS.items()}


def interview_candidates(section) -> list[Candidate]:
    found = []
    for design, spec in interview_designs().items():
        for step, (size, leading) in enumerate(body_steps()):
            demand = interview_demand(section, size, leading)
            prediction = _flow(demand, spec["capacity"], spec["min_pages"])
            sides = ("outer", "spine") if design in ("spread", "quote-spread", "opener") else ("outer",)
            if design == "quote-spread":
                sides = sides[::-1]  # its portrait sits towards the spine unless a neighbour does
            # A one-page design bleeds off the outer edge: the page's side decides which edge.
            placements = (("left", "left"), ("right", "right")) if design == "page-large" \
                else ((spec["start"], None),)
            for order, (side, (start, page_side)) in enumerate(
                    (side, placement) for side in sides for placement in placements):
                opts = (("body_size", _pt(size)), ("side", side)) + ((("page_side", page_side),) if page_side else ())
                opts += (("body_leading", f"{leading:g}"),) if leading else ()
                cont = {"spread": 3, "quote-spread": 3, "opener": 4}.get(design)
                opts += (("cont_from", cont),) if cont else ()
                variant = Variant(
                    design, opts=opts, start=start,
                    min_pages=spec["min_pages"], max_pages=len(spec["capacity"]),
                    penalty=step * COST_STEP_DOWN + (COST_FEATURE_PAGE if design == "opener" else 0.0)
                    + (0.0 if page_side else order * 0.001),  # either edge is the outer one
                    family=f"interview-{design}-{side}-{page_side}", feature_pages=1 if design == "opener" else 0,
                    continued_from=cont, last_fill=SPARSE if design == "quote-spread" else 0.0)
                extra = max(0, prediction.pages - spec["min_pages"]) * COST_CONTINUATION
                found.append(Candidate(variant, Prediction(prediction.pages, prediction.cost + extra,
                                                           prediction.fits)))
            if prediction.fits and prediction.cost < COST_SPARSE:
                break  # a smaller size only where the larger one does not fit, or fits badly
    return found


# --- display type --------------------------------------------------------------------------

def display_lines(text: str, width_mm: float, size_pt: float) -> int:
    """Lines of a headline broken only between BudouX phrases (greedy, as the browser does)."""
    from ..text.segment import split_phrases  # BudouX: the same phrases the template makes

    per_line = width_mm / (text_size(size_pt) * PT_MM) * 0.97
    count, used = 1, 0.0
    words = [w for p in split_phrases(text) for w in re.split(r"(?<= )", p) if w]  # Latin breaks at spaces
    for phrase in words:
        # Proportional metrics (palt) set brackets and 、。 in about half a square.
        w = squares(phrase) - 0.5 * sum(phrase.count(c) for c in "、。，．「」『』（）・")
        if used and used + w > per_line:
            count, used = count + 1, 0.0
        used += w
        if w > per_line:  # a phrase wider than the line: it would overflow the box
            return 99
    return count


def size_steps(text: str, width_mm: float, sizes: tuple[float, ...], max_lines: int) -> list[float]:
    """The sizes of a scale at which a headline takes at most ``max_lines``, largest first."""
    fitting = [size for size in sizes if display_lines(text, width_mm, size) <= max_lines]
    return fitting or [sizes[-1]]


# --- cover ---------------------------------------------------------------------------------

TITLE_SIZES = (72.0, 60.0, 52.0, 44.0, 36.0)
CATCH_SIZES = (25.0, 22.0, 19.0, 16.0)


def cover_candidates(meta) -> list[Candidate]:
    found = []
    for t_rank, title in enumerate(size_steps(meta.title, 177, TITLE_SIZES, 3)[:2]):
        for c_rank, catch in enumerate(size_steps(meta.catch, 150, CATCH_SIZES, 4)[:2]):
            variant = Variant("page", opts=(("title_size", _pt(title)), ("catch_size", _pt(catch))),
                              penalty=0.05 * (t_rank + c_rank))
            found.append(Candidate(variant, Prediction(1, 0.0)))
    return found


# --- message -------------------------------------------------------------------------------

HEADLINE_SIZES = (42.0, 36.0, 32.0, 28.0, 24.0)  # display → H1 scale, never below 24 pt
MESSAGE_BODY = (10.0, 9.5)  # the message's body size, one step down as a last resort


def message_candidates(view) -> list[Candidate]:
    from ..assets.photos import Frame

    section = view.section
    found = []
    body = blocks(section.body)
    for design, title_w, max_lines in (("page", 88.0, 3), ("flow", 88.0, 3), ("feature", AREA_W, 4)):
        sizes = size_steps(section.heading, title_w, HEADLINE_SIZES, max_lines)
        for rank, size in enumerate(sizes[:2]):
            headline = display_lines(section.heading, title_w, size) * size * 1.35 * PT_MM
            head = (max(95.0, 19 + headline) + 10) if design != "feature" else AREA_H
            for step, body_pt in enumerate(MESSAGE_BODY):
                col = Column(83.5, body_pt, 1.95, paragraph_space_mm=body_pt * 0.5 * PT_MM)
                text = column_mm(body, col) / 2 + 17  # two columns, then the signature
                if design == "page":
                    used = [(head + text) / AREA_H]
                elif design == "flow":
                    first = AREA_H - head
                    used = [1.0, (text - first) / AREA_H] if text > first else [1.0, 0.0]
                else:
                    used = [FIXED_USED, (text + 4) / AREA_H]
                fits = all(u <= 1.0 for u in used) and (design == "page" or used[-1] > 0)
                opts = (("headline_size", _pt(size)), ("body_size", _pt(body_pt)))
                opts += (("cont_from", 2),) if design == "flow" else ()
                low = 0.0
                if design == "feature":  # the portrait fills the page under the headline
                    portrait_h = AREA_H - 19 - headline - 8
                    opts += (("portrait_h", f"{portrait_h:.1f}mm"),)
                    low = resolution_cost(view, "portrait", Frame(AREA_W, portrait_h))
                variant = Variant(design, opts=opts,
                                  min_pages=len(used), max_pages=len(used),
                                  penalty=rank * 0.05 + step * COST_STEP_DOWN
                                  + (COST_FEATURE_PAGE if design == "feature" else 0.0),
                                  continued_from=2 if design == "flow" else None)
                found.append(Candidate(variant, Prediction(len(used), sum(page_cost(min(u, 1.0)) for u in used)
                                                           + low, fits=fits and low < COST_DEFECT)))
    return found


# --- organisation --------------------------------------------------------------------------

def _figures_band_mm(section, title: str | None = None) -> float:
    n = len(section.figures)
    if not n:
        return 0.0
    title = title if title is not None else getattr(section, "figures_title", None)
    per_row = 4 if n > 4 else n
    rows = math.ceil(n / per_row)
    label = max(lines(f.label, AREA_W / per_row - 6, 8) for f in section.figures)
    # (Sizes set at the format's: on A5's layout page the band's type is larger.)
    row = text_size(16 if n > 4 else 20) * 1.2 * PT_MM + 4 + label * text_size(8) * 1.5 * PT_MM
    return 15 + (10 * text_size(12) / 12 if title else 0) + rows * row + (rows - 1) * 5


MERGED_FAMILY = "organisation+figures"  # the figures section after it, set as the page's band


def organisation_candidates(view) -> list[Candidate]:
    section = view.section
    head = 19 + 12.8 + 6 + lines(section.lead, AREA_W, 10.5) * text_size(10.5) * 1.8 * PT_MM + 8 \
        + 12 + (text_size(12) - 12) * 1.3 * PT_MM  # eyebrow, H1, lead, the chart's title (12 pt)
    found = []
    band = _figures_band_mm(section)
    designs = [("page", band + 10 if band else 0.0)] + ([("two-page", 0.0)] if section.figures else [])
    following = getattr(view, "next_figures", None)  # a figures section right after, to take in
    if following is not None and not section.figures:
        designs.append(("with-figures", _figures_band_mm(following.section, following.section.heading) + 10))
    for design, below, share in [(d, b, sh) for d, b in designs for sh in (1.0, 0.85)]:
        chart_h = (AREA_H - head - below - 10) * share
        chart = _chart(section, chart_h)
        used = [min(1.0, (head + chart.height + 10 + below) / AREA_H)]
        if design == "two-page":
            used.append(FIXED_USED)
        variant = Variant(design, opts=(("chart_h", f"{chart_h:.1f}mm"),), min_pages=len(used),
                          max_pages=len(used), penalty=(COST_FEATURE_PAGE if design == "two-page" else 0.0)
                          + (0.2 if share < 1 else 0.0), feature_pages=len(used) - 1,
                          family=MERGED_FAMILY if design == "with-figures" else "")
        # A chart whose type would go below 9 pt is worth a page of its own for the figures.
        small = 0.3 * max(0.0, 9.0 - chart.design_pt)
        found.append(Candidate(variant, Prediction(len(used), sum(page_cost(u) for u in used) + small,
                                                   fits=chart.fits)))
    return found


def _chart(section, height: float):
    from ..assets.orgchart import layout_orgchart

    return layout_orgchart(section.chart, max_height=height, fmt=current_format())


# --- photo resolution ----------------------------------------------------------------------

PRINT_DPI, LOW_DPI = 300.0, 150.0  # below 300 dpi check warns; below 150 it is an error
COST_LOW_DPI = 0.5


def resolution_cost(view, field: str, frame) -> float:
    """The cost of placing a photo in a frame its pixels do not fill at print resolution."""
    if getattr(view, "source_px", None) is None:
        return 0.0
    try:
        width, height = view.source_px(field)
    except Exception:  # noqa: BLE001 - a photo that cannot be read is reported elsewhere
        return 0.0
    crop_w = min(width, height * frame.aspect)  # the crop keeps the frame's aspect
    fmt = current_format()  # the frame is in the layout page's mm, printed at the format's zoom
    dpi = crop_w / (frame.width_mm * (fmt.zoom if fmt is not None else 1.0) / 25.4)
    if dpi < LOW_DPI:
        return COST_DEFECT
    return 0.0 if dpi >= PRINT_DPI else COST_LOW_DPI if dpi >= 250 else 3 * COST_LOW_DPI if dpi >= 200 else 4.0


# --- office --------------------------------------------------------------------------------

def _lead_head_mm(heading: str, lead: str) -> float:
    """Eyebrow, H1 and lead paragraph (base.css), as they stack at the top of a page."""
    return 7 + lines(heading, AREA_W, 28) * 28 * 1.3 * PT_MM + 6 + lines(lead, AREA_W, 10.5) * 10.5 * 1.8 * PT_MM + 8


def office_candidates(view) -> list[Candidate]:
    from .frames import office_frames

    section = view.section
    head = _lead_head_mm(section.heading, section.lead)
    found = []
    designs = ["page"] + (["photo-page"] if len(section.photos) >= 2 else [])
    for design in designs:
        for rank, share in enumerate((0.985, 0.9)):  # the rows fill the page; a little less if needed
            height = (AREA_H - head) * share
            pages = 2 if design == "photo-page" else 1
            used = [FIXED_USED] * (pages - 1) + [min(1.0, (head + height) / AREA_H)]
            frames = office_frames(len(section.photos), design, height)
            low = sum(resolution_cost(view, f"photos.{i}", f) for i, f in enumerate(frames))
            variant = Variant(design, opts=(("photos_h", f"{height:.1f}mm"),), min_pages=pages, max_pages=pages,
                              penalty=rank * 0.1 + (COST_FEATURE_PAGE if pages == 2 else 0.0),
                              feature_pages=pages - 1)
            found.append(Candidate(variant, Prediction(pages, sum(page_cost(u) for u in used) + low,
                                                       fits=low < COST_DEFECT)))
    return found


# --- vision --------------------------------------------------------------------------------

CIRCLE_TEXT = {3: (58 - 12, 10.5), 4: (46 - 9, 9.0), 5: (38 - 6, 9.0)}  # inner width mm, size pt


def _circles_fit(functions) -> bool:
    """Whether every function's text fits its circle (three lines, no word broken)."""
    n = len(functions)
    width, size = CIRCLE_TEXT.get(min(n, 3) if n <= 3 else n, (44 - 8, 9.0))
    return all(display_lines(f, width * 0.82, size) <= 3 for f in functions)


def vision_candidates(section) -> list[Candidate]:
    text = 7 + lines(section.heading, AREA_W, 28) * 28 * 1.3 * PT_MM + 6 + 9
    text += column_mm(blocks(section.body), Column(AREA_W, 10, 1.85)) + 10
    n = len(section.functions)
    circles = _circles_fit(section.functions)
    if circles:
        shape = 58 if n <= 3 else 46 if n == 4 else 38 if n == 5 else 44 * 2 + 4
    else:  # boxes as tall as their text, three to a row
        rows = math.ceil(n / 3)
        # a box: padding and its number (16 mm), its text at 9 pt / 1.5; rows 4 mm apart
        shape = rows * (16 + 9 * 1.5 * PT_MM * max(lines(f, 50, 9) for f in section.functions)) + (rows - 1) * 4
    pillar_rows = 1 if len(section.pillars) <= 6 else 2
    diagrams = (12 + shape + 12) + (12 + pillar_rows * 45 + (14 if section.pillars_goal else 0))
    style = ("functions", "circles" if circles else "boxes")
    found = []
    one = (text + diagrams) / AREA_H
    found.append(Candidate(Variant("page", opts=(style,)), Prediction(1, page_cost(min(one, 1.0)), fits=one <= 1.0)))
    if one > 0.9:  # text and diagrams would crowd one page: the diagrams on a page of their own
        two = [min(1.0, text * 1.05 / AREA_H), min(1.0, (diagrams + 4) / AREA_H)]
        found.append(Candidate(Variant("two-page", opts=(style,), min_pages=2, max_pages=2,
                                       penalty=COST_CONTINUATION, needs_fill=0.9),
                               Prediction(2, sum(page_cost(u) for u in two),
                                          fits=text * 1.05 <= AREA_H and diagrams <= AREA_H)))
    if circles:  # the boxes hold any text: the fallback when a circle's text does not fit after all
        found.append(Candidate(Variant("page", opts=(("functions", "boxes"),), penalty=0.3),
                               Prediction(1, page_cost(min(one, 1.0)), fits=one <= 1.0)))
    return found


# --- apply ---------------------------------------------------------------------------------

def apply_candidates(section, links) -> list[Candidate]:
    head = 7 + display_lines(section.heading, AREA_W, 32) * 32 * 1.3 * PT_MM + 10
    head += lines(section.lead, 140, 11.5) * 11.5 * 1.9 * PT_MM + 14
    n = len(section.links)

    def url_lines(width: float, size: float) -> int:
        return max(lines(str(link.url), width, size) for link in links)

    designs = {
        "rows": (n, 36 + 18 + max(0, url_lines(120, 10) - 1) * 5),
        "compact": (n, 30 + 11 + max(0, url_lines(125, 10) - 1) * 5),
        "two-col": (math.ceil(n / 2), 28 + 12 + max(0, url_lines(45, 8) - 2) * 4),
    }
    found = []
    for rank, (design, (rows, row_mm)) in enumerate(designs.items()):
        total = head + rows * row_mm + 8  # and the trademark note
        variant = Variant(design, penalty=rank * 0.05)
        found.append(Candidate(variant, Prediction(1, page_cost(min(1.0, total / AREA_H)), fits=total <= AREA_H)))
    return found


# --- projects ------------------------------------------------------------------------------

# Columns by count (the brief: 1–2 full width, 3 in a row, 4 as 2×2, 5–6 as 3×2, 7–9 as 3×3);
# the first is the designer's choice, the others are tried when it does not fit.
PROJECT_COLUMNS = {1: (1,), 2: (1, 2), 3: (3, 1), 4: (2,), 5: (3, 2), 6: (3, 2), 7: (3,), 8: (3, 2),
                   9: (3,), 10: (3, 4), 11: (3, 4), 12: (3, 4)}
HEAD_MM = 27.0  # eyebrow and a one-line H1
CONTINUED_MM = 14.0  # the continuation heading on the second page
STRETCH = 0.92  # share of a page's free height that growing cards may take (a little air stays)


def _card_inner_mm(cols: int, compact: bool) -> float:
    small = compact or cols >= 3
    inner = (AREA_W - (cols - 1) * 4.0) / cols - 2 * (5.0 if small else 7.0)
    return inner - (22 + 7 if cols == 1 else 0)  # one to a row: the number beside the text


def name_size(projects, cols: int, compact: bool) -> float:
    """The card titles' size: the scale's largest at which every phrase fits the card."""
    small = compact or cols >= 3
    sizes = (13.0, 12.0, 11.0, 10.0) if small else (17.0, 15.0, 13.0, 12.0)
    inner = _card_inner_mm(cols, compact)
    for size in sizes:
        if all(display_lines(p.name, inner, size) < 99 for p in projects):
            return size
    return sizes[-1]


def _card_mm(project, cols: int, compact: bool, name_pt: float | None = None) -> float:
    small = compact or cols >= 3
    pad_y = 9.5 if small else 13.0
    number_mm = 0.0 if cols == 1 else (22 if small else 34) * PT_MM + (3.5 if small else 6.0)
    inner = _card_inner_mm(cols, compact)
    default_pt, desc_pt, desc_lh = (13, 9, 1.75) if small else (17, 10, 1.8)
    name_pt = name_pt or default_pt
    height = pad_y + 1.2 + number_mm
    height += lines(project.name, inner, name_pt) * text_size(name_pt) * 1.4 * PT_MM + (2.5 if small else 4.0)
    height += lines(project.description, inner, desc_pt) * text_size(desc_pt) * desc_lh * PT_MM
    if project.source:
        height += 4 + text_size(7) * 1.5 * PT_MM
    return height


def project_candidates(section) -> list[Candidate]:
    projects = section.projects
    n = len(projects)
    head = HEAD_MM + max(0, lines(section.heading, AREA_W, 28) - 1) * 28 * 1.3 * PT_MM
    found = []
    for rank, cols in enumerate(PROJECT_COLUMNS.get(n, (3,))):
        for compact in (False, True):
            if compact and cols >= 3:
                continue  # three or four in a row are compact already
            gap = 4.0 if compact else 6.0
            title_pt = name_size(projects, cols, compact)
            rows = [max(_card_mm(p, cols, compact, title_pt) for p in projects[i:i + cols]) + gap
                    for i in range(0, n, cols)]
            size = "compact" if compact else "normal"
            penalty = rank * 0.05 + (0.08 if compact else 0.0)
            for split in range(len(rows)):
                pages = [(head, rows[:split or len(rows)])] + ([(CONTINUED_MM, rows[split:])] if split else [])
                fits = all(top + sum(r) <= AREA_H for top, r in pages)
                # Cards grow (min-height) so that the rows fill their page, up to twice their text.
                grow = min(min(2 * (h - gap) for _, r in pages for h in r),
                           min((AREA_H - top) * STRETCH / len(r) - gap for top, r in pages if r))
                used = [min(1.0, (top + sum(max(h, grow + gap) for h in r)) / AREA_H) for top, r in pages]
                variant = Variant("grid", opts=(("cols", cols), ("size", size), ("split", split),
                                                ("row_min", f"{max(0.0, grow):.1f}mm"),
                                                ("name_size", _pt(title_pt))),
                                  min_pages=len(pages), max_pages=len(pages),
                                  penalty=penalty + (COST_CONTINUATION if split else 0.0),
                                  continued_from=2 if split else None)
                found.append(Candidate(variant, Prediction(len(pages), sum(page_cost(u) for u in used),
                                                           fits=fits)))
    return found


# --- generic -------------------------------------------------------------------------------

def single(name: str = "page", pages: int = 1, **opts: Any) -> Candidate:
    return Candidate(Variant(name, opts=tuple(sorted(opts.items())), min_pages=pages, max_pages=pages),
                     Prediction(pages, 0.02))


# The newer section types (issue 12) have one design each that flows on as far as its content
# goes (a continuation head on every later page); figures and flow are designed to fit one page.
FLOWING = {"schedule": 8, "career": 8, "conditions": 8, "faq": 8, "text": 8, "benefits": 8,
           "figures": 1, "flow": 1}


# The flowing types whose entries are rows of their own (the benefits' cards go in rows): a
# page may turn before any of them (``turn``: the template gives that entry the class
# ``turn``). The FAQ's questions flow in columns; the text's paragraphs are not entries.
TURNABLE = {"schedule": "items", "career": "steps", "conditions": "rows", "benefits": "items"}
TURN_MIN = 4  # entries: with fewer, two half pages are no better than one page and a bit
# Two pages about half full, for one full page and a continuation page less than a third
# used (page_cost): a continuation page, and a little more, so that a continuation page used
# above SPARSE is kept.
COST_TURN = COST_CONTINUATION + 0.35
# The flowing types with a roomier design (variant ``roomy``: larger type, more space between
# entries) for when their page, or their continuation page, would be left largely empty.
ROOMY = {"faq", "text", "schedule"}
COST_ROOMY = 0.05


def turnable_entries(section) -> int:
    """The rows a page may turn before (:data:`TURNABLE`): the benefits' cards go in rows."""
    if section.type not in TURNABLE:
        return 0
    items = getattr(section, TURNABLE[section.type])
    if section.type == "benefits":
        from .frames import benefit_columns, rows

        return rows(items, benefit_columns(items))
    return len(items)


def flowing_candidates(kind: str, entries: int = 0) -> list[Candidate]:
    """The design as it flows, roomier (:data:`ROOMY`) for when its page would be sparse, and
    set a step tighter (smaller type, less space: class ``tight``) for when the last page
    would be nearly empty. When it still would be, a section of ``entries`` rows
    (:data:`TURNABLE`) may turn the page halfway through them: two pages about half full
    rather than a full one and one with an entry or two."""
    most = FLOWING[kind]
    found = []
    for step, tight in enumerate((False, True)):
        opts = (("cont_from", 2),) if most > 1 else ()
        opts += (("tight", 1),) if tight else ()
        variant = Variant("page", opts=opts, min_pages=1, max_pages=most, penalty=step * COST_STEP_DOWN,
                          continued_from=2 if most > 1 else None)
        found.append(Candidate(variant, Prediction(1, 0.05)))
    if kind in ROOMY:  # tried once the design as it flows has measured sparse
        # A name of its own: the planner corrects a variant's unmeasured siblings of the same
        # name by the first one's error, and this one is made to err the other way.
        variant = Variant("roomy", opts=(("cont_from", 2),), min_pages=1, max_pages=most,
                          penalty=COST_ROOMY, continued_from=2)
        found.insert(1, Candidate(variant, Prediction(1, 0.2)))
    if kind in TURNABLE and entries >= TURN_MIN:
        variant = Variant("page", opts=(("cont_from", 2), ("turn", (entries + 1) // 2)), min_pages=2,
                          max_pages=2, penalty=COST_TURN, continued_from=2)  # two halves, no more
        found.append(Candidate(variant, Prediction(2, 2 * page_cost(0.55))))
    return found


def candidates_for_section(section) -> list[Candidate]:
    """The candidates of a section on its own (no assets): for hints that name a count."""
    from types import SimpleNamespace

    return candidates(SimpleNamespace(section=section, links={}, meta=None))


def likely_frames(section, fields) -> dict:
    """The frame of each photo field in the variant the planner most likely chooses (its best
    prediction, before any layout): photos are fitted ahead, on every core, in those frames, so
    that the layout seldom has to fit one again for its variant (``plan.frames``)."""
    from .frames import frame_for

    try:
        best = candidates_for_section(section)[0].variant
    except Exception:  # noqa: BLE001 - a prediction needing what a bare section lacks
        return {f: frame_for(section.type, f) for f in fields}
    return {f: frame_for(section.type, f, best.name, best.options, section) for f in fields}


def view_link(view, link_id: str):
    return view.links[link_id]


def candidates(view) -> list[Candidate]:
    """Every variant worth trying for this section, the most promising first (estimated for
    the brochure's page format: on A5's layout page, text is larger). Predicted once for the
    same content, page format and view facts (:func:`_view_facts`): the planner and the photo
    fitting ask at every rebuild."""
    from ..themes import FORMATS

    name = getattr(getattr(view, "meta", None), "format", None) or "a4"
    fmt = FORMATS.get(name)
    section = view.section
    facts = _view_facts(view)
    if facts is None:
        with page_format(fmt):
            return _candidates(view)
    key = (name, section.type, section.model_dump_json(), facts)
    found = _PREDICTED.get(key)
    if found is None:
        with page_format(fmt):
            found = _candidates(view)
        if len(_PREDICTED) > 256:
            _PREDICTED.clear()
        _PREDICTED[key] = found
    return [replace(c) for c in found]  # the same prediction, a candidate of its own


def _source_px(view, field: str):
    """What :func:`resolution_cost` reads of a view: its photo's pixel size (None without)."""
    if getattr(view, "source_px", None) is None:
        return None
    try:
        return tuple(view.source_px(field))
    except Exception:  # noqa: BLE001 - a photo that cannot be read is reported elsewhere
        return None


def _view_facts(view) -> tuple | None:
    """Besides the section itself, what its candidates read of its view (see
    :func:`_candidates`); None when that is not known: then they are not kept."""
    section = view.section
    kind = section.type
    if kind in ("interview", "projects", "vision") or kind in FLOWING and kind != "figures":
        return ()
    if kind == "message":
        return (_source_px(view, "portrait"),)
    if kind == "office":
        return tuple(_source_px(view, f"photos.{i}") for i in range(len(section.photos)))
    if kind == "organisation":
        following = getattr(view, "next_figures", None)
        return (following.section.model_dump_json() if following is not None else None,)
    if kind == "figures":
        return (bool(getattr(view, "after_organisation", False)),)
    return None  # the cover (brochure.yaml's fields), the application page (links), others


_PREDICTED: dict[tuple, list] = {}


def _candidates(view) -> list[Candidate]:
    section = view.section
    kind = section.type
    if kind == "cover":
        found = cover_candidates(view.meta)
    elif kind == "interview":
        found = interview_candidates(section)
    elif kind == "projects":
        found = project_candidates(section)
    elif kind == "message":
        found = message_candidates(view)
    elif kind == "organisation":
        found = organisation_candidates(view)
    elif kind == "figures" and getattr(view, "after_organisation", False):
        # Right after the organisation: on its page as a band when they fit there, else its own.
        found = flowing_candidates(kind) + [Candidate(
            Variant("merged", min_pages=0, max_pages=0, requires=MERGED_FAMILY), Prediction(0, 0.0))]
    elif kind == "office":
        found = office_candidates(view)
    elif kind == "vision":
        found = vision_candidates(section)
    elif kind in FLOWING:
        found = flowing_candidates(kind, turnable_entries(section))
    elif kind == "apply":
        found = apply_candidates(section, [view_link(view, i) for i in section.links])
    else:
        found = [single()]
    return sorted(found, key=lambda c: (not c.predicted.fits, c.predicted.cost + c.variant.penalty))
