"""The built PDF as preflight sees it: pages, boxes, characters, images, and where each
content section starts.

Section starts come from the named destinations WeasyPrint writes for element ids: every
section is ``<section id="section-N">`` (N = its index in ``brochure.yaml``'s ``sections``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pdfplumber
import pikepdf

from ..content.texts import squeeze
from ..press.assemble import section_starts

MM = 72 / 25.4
FOOT_MM = 20.0  # the foot margin (styles/base.css): the running footer lives there


def blank_but_footer(page) -> bool:
    """Nothing drawn on a (pdfplumber) page but, at most, its running footer."""
    foot = page.trimbox[3] - FOOT_MM * MM
    return all(obj["top"] >= foot for obj in (*page.chars, *page.images, *page.rects, *page.lines, *page.curves)
               if obj.get("text") is None or obj["text"].strip())


@dataclass
class PrintedDocument:
    path: Path
    plumber: pdfplumber.PDF = field(repr=False)

    @classmethod
    def open(cls, path: Path) -> "PrintedDocument":
        return cls(path, pdfplumber.open(str(path)))

    def close(self) -> None:
        self.plumber.close()

    @property
    def pages(self) -> list:
        return self.plumber.pages

    @property
    def page_count(self) -> int:
        return len(self.plumber.pages)

    @cached_property
    def texts(self) -> list[str]:
        """Squeezed text of each page (characters in drawing order, no whitespace)."""
        return [squeeze("".join(c["text"] for c in page.chars)) for page in self.pages]

    def pages_with(self, snippet: str) -> list[int]:
        needle = squeeze(snippet)
        return [i + 1 for i, text in enumerate(self.texts) if needle and needle in text]

    @cached_property
    def section_starts(self) -> dict[int, int]:
        """Section index → 1-based page where it starts."""
        with pikepdf.open(self.path) as pdf:
            return section_starts(pdf)
            for name, dest in pikepdf.NameTree(dests).items():
                if name.startswith("section-") and name[8:].isdigit():
                    target = dest[0] if isinstance(dest, pikepdf.Array) else dest.D[0]
                    starts[int(name[8:])] = page_numbers[target.objgen]
        return starts

    @cached_property
    def plan(self) -> list[dict]:
        """The page plan the build embedded in the XMP metadata (``press.finish``): per section
        its variant, first page, pages and continuation pages; [] for a PDF made elsewhere."""
        import json

        from ..press.finish import PLAN_KEY

        with pikepdf.open(self.path) as pdf:
            try:
                raw = pdf.open_metadata().get(PLAN_KEY)
            except Exception:  # noqa: BLE001 - no or unreadable XMP: a PDF made elsewhere
                return []
        try:
            return json.loads(raw) if raw else []
        except ValueError:
            return []

    def section_pages(self, index: int) -> range:
        """A section's pages: as the embedded plan has them, else from its start up to the
        next section's start (or the end)."""
        for entry in self.plan:
            if entry.get("section") == index and entry.get("first_page"):
                return range(entry["first_page"], entry["first_page"] + entry["pages"])
        start = self.section_starts.get(index)
        if start is None:
            return range(0)
        later = [p for i, p in self.section_starts.items() if i > index]
        return range(start, (min(later) if later else self.page_count + 1))

    def section_at(self, page: int) -> int | None:
        """Index of the section a page belongs to."""
        best = None
        for index, start in sorted(self.section_starts.items(), key=lambda kv: kv[1]):
            if start <= page:
                best = index
        return best

    def is_empty(self, page: int) -> bool:
        """Nothing drawn but, at most, the running footer: a blank page added for saddle
        stitching or left so that a spread starts on a left page (it carries its page number)."""
        return blank_but_footer(self.pages[page - 1])
