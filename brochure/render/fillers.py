"""Pages the planner adds that no content file describes: MEMO pages, and blank pages.

They are sections of their own for the templates (``pages/memo.html.j2``, ``pages/blank.html.j2``)
so that a planned brochure is still one list of sections in page order.
"""

from __future__ import annotations

from dataclasses import dataclass

from .html import SectionView

LABELS = {"memo": "MEMO", "blank": None}


@dataclass(frozen=True)
class Filler:
    """The "section" of a filler page: a type and the running footer's label."""

    type: str  # "memo" or "blank"
    pages: int = 1
    label: str | None = None


def filler_view(kind: str, n: int, pages: int = 1) -> SectionView:
    """The n-th filler page of its kind (ids ``memo-0``, ``blank-0`` …; no bookmark)."""
    return SectionView(section=Filler(kind, pages, LABELS[kind]), index=-1, variant="page",
                       element_id=f"{kind}-{n}")
