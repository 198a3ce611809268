"""Everything the checks look at, gathered once: the validated content, its raw files (for
line numbers), the printed texts, the fitted assets, and the built PDF.

``brochure check --pdf`` checks a PDF without content: ``brochure`` is None, the content
lists are empty, and only the checks in ``run.PDF_CHECKS`` run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.model import Brochure
from ..content.source import SourceFile
from ..content.iccprofile import OutputProfile
from ..render.html import SectionView
from .document import PrintedDocument
from .findings import BBox, chars_box
from ..content.texts import TextField, squeeze


@dataclass
class CheckContext:
    content_root: Path | None
    brochure: Brochure | None
    sources: dict[str, SourceFile]  # content file (relative) → parsed file
    fields: list[TextField]
    views: list[SectionView]  # per section, as rendered: fitted photos, QR codes
    doc: PrintedDocument
    output_profile: OutputProfile | None = None  # the shop's profile the PDF must carry, if given
    ink_limit: int | None = None  # % total ink: --ink-limit, else print.ink_limit
    separations: object = None  # ink.Separations started before the checks (Ghostscript renders)

    @classmethod
    def pdf_only(cls, doc: PrintedDocument, output_profile: OutputProfile | None = None,
                 ink_limit: int | None = None) -> "CheckContext":
        return cls(None, None, {}, [], [], doc, output_profile, ink_limit)

    def section_index(self, file: str) -> int | None:
        files = self.brochure.section_files
        return files.index(file) if file in files else None

    def section_start(self, file: str) -> int | None:
        index = self.section_index(file)
        return None if index is None else self.doc.section_starts.get(index)

    def link_pages(self, link_id: str) -> list[int]:
        """Pages of the sections that print a link (apply: ``links``, back cover: ``link``)."""
        pages = []
        for index, section in enumerate(self.brochure.sections):
            ids = section.links if section.type == "apply" else [section.link] if section.type == "back-cover" else []
            if link_id in ids and index in self.doc.section_starts:
                pages.append(self.doc.section_starts[index])
        return pages

    def line_of(self, file: str, field: str) -> int | None:
        src = self.sources.get(file)
        if src is None:
            return None
        loc = tuple(int(p) if p.isdigit() else p for p in field.split(".")) if field else ()
        return src.line_of(loc)

    def page_of(self, field: TextField, at: int | None = None) -> int | None:
        """The page where a field is printed: found by its text (around character ``at`` when
        given), else the first page of its section."""
        text = field.text
        if at is None:
            text = text.lstrip("#>*- \t")  # Markdown markers are not printed
        if at is not None:
            # A few characters before and after the position, as printed (no whitespace).
            before, after = squeeze(text[:at])[-6:], squeeze(text[at + 1:])[:6]
            candidates = [before + text[at] + after, before, after]
        else:
            candidates = [text[:12], text[-12:]]
        for snippet in candidates:
            if len(squeeze(snippet)) >= 2:
                pages = self.doc.pages_with(snippet)
                if pages:
                    return pages[0]
        return self.section_start(field.file)

    def text_box(self, page: int | None, text: str) -> BBox | None:
        """Where a text is printed on a page (its glyphs' box in PDF user space), if found."""
        needle = squeeze(text)
        if page is None or not needle:
            return None
        pdf_page = self.doc.pages[page - 1]
        chars = [c for c in pdf_page.chars if c["text"].strip()]
        offsets, joined = [], ""
        for i, c in enumerate(chars):
            offsets.extend([i] * len(c["text"]))
            joined += c["text"]
        at = joined.find(needle)
        if at < 0:
            return None
        return chars_box(pdf_page, [chars[i] for i in sorted(set(offsets[at:at + len(needle)]))])
