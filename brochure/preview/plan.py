"""Which pages each section prints on: the plan shown beside the pages in ``brochure preview``.

Today the plan is read back from the PDF: every section starts at the named destination
``section-N`` (N = its index in ``brochure.yaml``'s ``sections``) and runs up to the next
section's start. A page planner can hand its own plan to :func:`plan_entries` instead.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass

import pikepdf

from ..content.model import Brochure
from ..press.assemble import section_starts as starts_of
from ..render.outline import outline_label


@dataclass(frozen=True)
class PlanEntry:
    index: int  # in brochure.yaml's sections
    file: str
    type: str
    label: str
    pages: list[int]  # 1-based

    def as_dict(self) -> dict:
        return asdict(self)


def section_starts(pdf: bytes) -> dict[int, int]:
    """Section index → 1-based start page, from the PDF's ``section-N`` named destinations."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return starts_of(doc)
        for name, dest in pikepdf.NameTree(dests).items():
            if name.startswith("section-") and name[8:].isdigit():
                target = dest[0] if isinstance(dest, pikepdf.Array) else dest.D[0]
                if target.objgen in numbers:
                    starts[int(name[8:])] = numbers[target.objgen]
    return starts


def plan_entries(brochure: Brochure, starts: dict[int, int], page_count: int) -> list[PlanEntry]:
    """Each section with the pages from its start up to the next section's start."""
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    entries = []
    for k, (index, start) in enumerate(ordered):
        end = ordered[k + 1][1] if k + 1 < len(ordered) else page_count + 1
        if index >= len(brochure.sections):
            continue
        section = brochure.sections[index]
        entries.append(PlanEntry(index, brochure.section_files[index], section.type,
                                 outline_label(section, brochure.meta), list(range(start, max(end, start + 1)))))
    return entries


def plan_of(brochure: Brochure, pdf: bytes, page_count: int) -> list[PlanEntry]:
    return plan_entries(brochure, section_starts(pdf), page_count)
