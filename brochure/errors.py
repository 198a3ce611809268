"""Errors a person can act on.

Every problem the tool finds in the content is a :class:`ContentError`: it names the file,
the field (and the line where the YAML parser knows it) and says what to do. The CLI prints
``str(error)`` as one line and exits with status 2; no traceback reaches the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class BrochureError(Exception):
    """Base of every error the tool reports to a person (never a bug)."""

    exit_status = 2


@dataclass
class ContentError(BrochureError):
    """A problem in one content file: ``file:line: field: what is wrong — what to do``."""

    file: Path | str
    message: str
    field: str | None = None
    line: int | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.file)
        if self.line:
            where += f":{self.line}"
        text = f"{where}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" — {self.hint}"
        return text


class ContentErrors(BrochureError):
    """Several content errors found in one run, reported together."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class RenderError(BrochureError):
    """WeasyPrint could not produce a faithful PDF (e.g. a font file is missing)."""
