"""Errors a person can act on.

Every problem the tool finds in the content is a :class:`ContentError`: it names the file,
the field (and the line where the YAML parser knows it) and says what to do. The CLI prints
``str(error)`` as one line and exits with status 2; no traceback reaches the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .messages import Msg, Word, language, msg

# What must not reach a terminal as it is: control characters (an ESC starts a terminal escape
# sequence that can clear the screen or retitle the window), text-direction controls (they
# reorder the rest of the line) and the stand-ins for the bytes of a file name that is not
# UTF-8 (lone surrogates, which cannot even be printed).
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                          "\ud800-\udfff]")
_UNPRINTABLE_OR_NEWLINE = re.compile(_UNPRINTABLE.pattern[:-1] + "\n]")


def _shown(c: str) -> str:
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, newlines: bool = True) -> str:
    """``text`` safe to print on a terminal: every control character, direction control and
    undecodable byte shown as an escape (``\\x1b``, ``\\u202e``, ``\\xff``), line feeds
    too unless ``newlines`` (several lines of one message)."""
    pattern = _UNPRINTABLE if newlines else _UNPRINTABLE_OR_NEWLINE
    return pattern.sub(lambda m: _shown(m.group()), text)


class BrochureError(Exception):
    """Base of every error the tool reports to a person (never a bug).

    Raise it with a catalogue message, ``BrochureError(msg("impose.not_pdf", name=...))``: it is
    printed in the process language as ``what is wrong — what to do``."""

    exit_status = 2

    def __str__(self) -> str:
        if len(self.args) == 1 and isinstance(self.args[0], (Msg, Word)):
            return printable(self.args[0].text(language()))
        return printable(super().__str__())


@dataclass
class ContentError(BrochureError):
    """A problem in one content file: ``file:line: field: what is wrong — what to do``."""

    file: Path | str
    message: str | Msg  # a catalogue message (preferred: both languages) or plain text
    field: str | None = None
    line: int | None = None
    hint: str | None = None  # overrides the catalogue's "what to do"
    column: int | None = None  # 1-based, where the mistake is on its line (typing mistakes)

    def __post_init__(self) -> None:
        super().__init__(self.file, self.message)

    @classmethod
    def of(cls, file: Path | str, message_key: str, /, *, field: str | None = None,
           line: int | None = None, column: int | None = None, **params) -> "ContentError":
        """An error from the message catalogue: ``ContentError.of(file, "file.missing")``."""
        return cls(file, msg(message_key, **params), field=field, line=line, column=column)

    @property
    def key(self) -> str | None:
        return self.message.key if isinstance(self.message, Msg) else None

    def format(self, lang: str | None = None) -> str:
        """``file:line[:column]: field.path: what is wrong — what to do`` in ``lang`` (ja or en)."""
        if isinstance(self.message, Msg):
            message, hint = self.message.render(lang)
        else:
            message, hint = str(self.message), None
        own = self.hint.text(lang) if isinstance(self.hint, (Msg, Word)) else self.hint
        hint = own or hint
        where = str(self.file)
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        text = f"{where}: "
        if self.field:
            text += f"{self.field}: "
        text += message
        if hint:
            text += f" — {hint}"
        return printable(text, newlines=False)  # one line, whatever the content put in it

    def __str__(self) -> str:
        return self.format(language())


class ContentErrors(BrochureError):
    """Several content errors found in one run, reported together."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__(errors)

    def format(self, lang: str | None = None) -> str:
        return "\n".join(e.format(lang) for e in self.errors)

    def __str__(self) -> str:
        return self.format(language())


class InternalError(BrochureError):
    """Not the content's fault: a bug. Reported in one line; ``--debug`` shows the traceback."""

    exit_status = 3


class RenderError(BrochureError):
    """WeasyPrint could not produce a faithful PDF (e.g. a font file is missing)."""

    @classmethod
    def refused(cls, exc) -> "RenderError":
        """A resource the fetcher refused (``render.fetcher.RefusedResource``)."""
        return cls(msg("render.refused", url=exc.url, reason=exc.reason))

    @classmethod
    def degraded(cls, warnings: list[str]) -> "RenderError":
        """WeasyPrint's own warnings (quoted as they are) that make the PDF unfaithful."""
        return cls(msg("render.degraded", detail="; ".join(dict.fromkeys(warnings))))
