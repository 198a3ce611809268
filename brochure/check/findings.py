"""What preflight reports: one :class:`Finding` per problem, pointing at a page and, where the
problem comes from the content, at the file, field and line an editor has to change.

A finding's wording is a catalogue message (``msg("check.<code>", ...)``, both languages in
:mod:`brochure.messages`); it is rendered in the process language when it is reported. Where a
check knows where on the page the problem is, ``bbox`` gives that rectangle in PDF user space
(points, origin bottom-left, like the page's MediaBox and TrimBox), for ``brochure preview``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from ..messages import Msg, Word, msg

Severity = Literal["error", "warning", "info"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
INFO: Severity = "info"  # a measurement, not a problem (e.g. each page's total ink)

BBox = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF user space (points)

# Sample values that must be replaced before the PDF goes to the printer.
SAMPLE_CODES = frozenset({"sample-photo", "sample-link", "sample-name", "sample-alt", "sample-text"})


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str  # stable identifier of the check, e.g. "tofu", "image-dpi"
    message: Msg | str  # what is wrong (and, from the catalogue, what to do)
    hint: Word | str | None = None  # what to do, when not the catalogue message's own
    page: int | None = None  # 1-based page of the built PDF
    file: str | None = None  # content file, relative to the content folder
    field: str | None = None  # dotted field path inside that file, e.g. "projects.2.description"
    line: int | None = None
    bbox: BBox | None = None  # where on the page, when the check knows it
    object: str | None = None  # the PDF object at fault, e.g. "image /Im3 (obj 45)"
    data: dict[str, Any] | None = None  # measured figures, e.g. {"max_ink": 296.0, "x_mm": 12.0}

    def what(self, lang: str | None = None) -> str:
        return self.message.render(lang)[0] if isinstance(self.message, Msg) else str(self.message)

    def todo(self, lang: str | None = None) -> str | None:
        if isinstance(self.hint, Word):
            return self.hint.text(lang)
        if self.hint:
            return self.hint
        return self.message.render(lang)[1] if isinstance(self.message, Msg) else None

    @property
    def is_sample(self) -> bool:
        return self.code in SAMPLE_CODES

    def as_dict(self, lang: str | None = None) -> dict:
        """The finding with its message and hint in ``lang`` (default: the process language)."""
        data = asdict(self)
        data["message"], data["hint"] = self.what(lang), self.todo(lang)
        data["bbox"] = [round(v, 2) for v in self.bbox] if self.bbox else None
        return data


def union(boxes) -> BBox | None:
    """The rectangle around PDF-space boxes (None when there are none)."""
    boxes = [b for b in boxes if b]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def pdf_box(page, obj: dict) -> BBox:
    """A pdfplumber object's box (glyph, image, rectangle) in PDF user space. pdfplumber gives
    x in user space, and y0/y1 relative to the MediaBox's bottom edge (pdfminer's)."""
    bottom = float(page.height) - float(page.mediabox[3])  # the MediaBox's lower y in user space
    return (float(obj["x0"]), float(obj["y0"]) + bottom, float(obj["x1"]), float(obj["y1"]) + bottom)


def chars_box(page, chars) -> BBox | None:
    return union(pdf_box(page, c) for c in chars)


def catalogued(severity: Severity, code: str, key: str, /, *, page: int | None = None,
               object: str | None = None, data: dict[str, Any] | None = None, **params: Any) -> Finding:
    """A finding worded by the message catalogue (``brochure/messages.py``), in the language
    of the report (rendered when it is printed)."""
    return Finding(severity, code, msg(key, **params), page=page, object=object, data=data)


def sort_key(f: Finding) -> tuple:
    """Errors first, then warnings, then measurements; each in page order (document-wide
    findings before page ones)."""
    return ((ERROR, WARNING, INFO).index(f.severity), f.page or 0, f.file or "", f.field or "", f.code, f.what())
