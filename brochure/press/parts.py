"""Watch mode's working copy: every planned section written as a PDF of its own, finished like
a full build (PDF/X-4 for the print edition), cached with its part, and the parts joined
(``press.assemble``). An edit then lays out and writes only the section it touched.

(A build writes the planned layouts as one document instead: ``render.sections``.)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..render.fontcarry import carrying_fonts
from ..render.pdf import collect_warnings, write_pdf
from ..render.sections import Part, SectionRenderer
from ..render.textgaps import fold_text_gaps
from .assemble import assemble
from .finish import finish
from .keptpages import put_back


@dataclass
class SectionBuild:
    data: bytes
    pages: int
    blank_pages: int
    laid_out: int  # parts laid out in this build (the others came from the cache)
    parts: int
    kept_pages: int = 0  # pages of the parts laid out whose drawing was kept (press/keptpages.py)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _same_pages(earlier: Part | None, part: Part) -> list[int]:
    """The pages of ``part`` laid out box for box as in ``earlier`` (the same section's last
    written layout, the same scope)."""
    if earlier is None or earlier.pdf is None or not earlier.prints or not part.prints \
            or len(earlier.prints) != len(part.prints) or earlier.drawing_warnings:
        return []  # (a drawing that warned, of a glyph missing: drawn again, to warn again)
    return [i for i, (a, b) in enumerate(zip(earlier.prints, part.prints)) if a == b]


def write_part(renderer: SectionRenderer, part: Part) -> bytes:
    """The part's finished PDF, written once (then kept with the part). In watch mode, the
    pages that are the same as in the section's last written layout keep their drawing
    (press/keptpages.py)."""
    if part.pdf is None:
        earlier = renderer.written.get(part.scope) if part.scope is not None else None
        same = _same_pages(earlier, part)
        with collect_warnings() as warned, carrying_fonts(part.scope is not None):
            data = fold_text_gaps(write_pdf(part.document, renderer.page_format.zoom, unpainted=tuple(same),
                                            **renderer.edition.pdf_options))
        part.warnings = [*part.warnings, *warned.other]  # drawing reports .notdef glyphs
        part.drawing_warnings = list(warned.other)
        # Finished part by part: the join keeps the first part's document-level PDF/X entries
        # (output intent, XMP, version) and every page's own.
        kept = (lambda pdf: put_back(pdf, earlier.pdf, same)) if same else None
        part.pdf = finish(data, pdfx=renderer.edition.press, marks=False, spot=renderer.spot, then=kept)
        if same:
            part.kept = len(same)
        part.document = None  # laid-out boxes are large; the PDF bytes are all we need again
        if part.scope is not None:
            renderer.written[part.scope] = part
    return part.pdf


def build_parts(renderer: SectionRenderer, prepared, ctx=None) -> SectionBuild:
    """Plan (laying out only what changed), write and join every part. Raise on any problem,
    leaving the renderer's cache as it was."""
    start = time.perf_counter()
    ctx = ctx or renderer.context(prepared)
    fresh: dict[str, Part] = {}
    plan = renderer.plan(ctx, fresh)
    parts = [s.layout for s in plan.sections if s.layout is not None]
    data = assemble([write_part(renderer, p) for p in parts])
    kept = sum(p.kept for p in parts if p.key in fresh)
    renderer.keep(plan)
    warnings = [w for p in parts for w in p.warnings]
    return SectionBuild(data, sum(p.pages for p in parts), plan.blank_pages, len(fresh), len(parts),
                        kept, list(dict.fromkeys(warnings)), time.perf_counter() - start)
