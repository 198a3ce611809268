"""What preflight reports: one :class:`Finding` per problem, pointing at a page and, where the
problem comes from the content, at the file, field and line an editor has to change."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from ..messages import msg

Severity = Literal["error", "warning", "info"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
INFO: Severity = "info"  # a measurement, not a problem (e.g. each page's total ink)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str  # stable identifier of the check, e.g. "tofu", "image-dpi"
    message: str  # what is wrong
    hint: str | None = None  # what to do
    page: int | None = None  # 1-based page of the built PDF
    file: str | None = None  # content file, relative to the content folder
    field: str | None = None  # dotted field path inside that file, e.g. "projects.2.description"
    line: int | None = None
    object: str | None = None  # the PDF object at fault, e.g. "image /Im3 (obj 45)"
    data: dict[str, Any] | None = None  # measured figures, e.g. {"max_ink": 296.0, "x_mm": 12.0}

    def as_dict(self) -> dict:
        return asdict(self)


def catalogued(severity: Severity, code: str, key: str, /, *, page: int | None = None,
               object: str | None = None, data: dict[str, Any] | None = None, **params: Any) -> Finding:
    """A finding worded by the message catalogue (``brochure/messages.py``), in the language
    of this run (``--lang``)."""
    message, hint = msg(key, **params).render()
    return Finding(severity, code, message, hint, page=page, object=object, data=data)


def sort_key(f: Finding) -> tuple:
    """Errors first, then warnings, then measurements; each in page order (document-wide
    findings before page ones)."""
    return ((ERROR, WARNING, INFO).index(f.severity), f.page or 0, f.file or "", f.field or "", f.code, f.message)
