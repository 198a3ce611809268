"""What preflight reports: one :class:`Finding` per problem, pointing at a page and, where the
problem comes from the content, at the file, field and line an editor has to change."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


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

    def as_dict(self) -> dict:
        return asdict(self)


def sort_key(f: Finding) -> tuple:
    """Errors first, then in page order (document-wide findings before page ones)."""
    return (f.severity != ERROR, f.page or 0, f.file or "", f.field or "", f.code, f.message)
