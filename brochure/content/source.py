"""Read content files: YAML documents and Markdown files with a YAML front matter.

Besides the data, every reader returns a map from field path to line number so that a
validation error can point at the line an HR editor has to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError

Path_ = tuple[str | int, ...]


@dataclass
class SourceFile:
    """One parsed content file."""

    path: Path  # absolute
    display: str  # as shown in messages (relative to the content root)
    data: dict[str, Any]
    lines: dict[Path_, int] = field(default_factory=dict)
    body: str | None = None  # Markdown body, for .md files
    body_line: int = 1

    def line_of(self, loc: Path_) -> int | None:
        """The line of the closest known ancestor of a field path."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())


def _line_map(node: yaml.Node, offset: int) -> dict[Path_, int]:
    lines: dict[Path_, int] = {}

    def walk(n: yaml.Node, loc: Path_) -> None:
        lines[loc] = n.start_mark.line + 1 + offset
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                k = key.value
                lines[loc + (k,)] = key.start_mark.line + 1 + offset
                walk(value, loc + (k,))
                lines[loc + (k,)] = key.start_mark.line + 1 + offset
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                walk(item, loc + (i,))

    walk(node, ())
    return lines


def _parse_yaml(text: str, display: str, offset: int = 0) -> tuple[dict, dict[Path_, int]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise ContentError(display, f"YAML syntax error: {problem}", line=line,
                           hint="check indentation (spaces, not tabs), colons and quotes") from None
    except yaml.YAMLError as exc:
        raise ContentError(display, f"YAML error: {exc}", hint="fix the YAML syntax") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(display, "expected a mapping of fields (key: value) at the top level",
                           line=1 + offset, hint="start the file with fields such as 'type: ...'")
    return data, (_line_map(node, offset) if node is not None else {})


def _read_text(path: Path, display: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(display, "file not found",
                           hint="create it or remove it from the list of sections") from None
    except OSError as exc:
        raise ContentError(display, f"cannot read the file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(display, "the file is not UTF-8 text", line=line,
                           hint="save it as UTF-8 (e.g. 'UTF-8' in your editor's save dialog)") from None
    return text.replace("\r\n", "\n")


def read_source(path: Path, display: str) -> SourceFile:
    """Read a ``.yaml``/``.yml`` file or a ``.md`` file with ``---`` front matter."""
    text = _read_text(path, display)
    if path.suffix.lower() in (".yaml", ".yml"):
        data, lines = _parse_yaml(text, display)
        return SourceFile(path, display, data, lines)
    if path.suffix.lower() == ".md":
        if not text.startswith("---\n"):
            raise ContentError(display, "a Markdown section must start with a '---' front matter",
                               line=1, hint="add '---', the section's fields (type: ...), and '---'")
        end = text.find("\n---\n", 4)
        if end < 0:
            if text.endswith("\n---"):
                end = len(text) - 4
            else:
                raise ContentError(display, "the front matter has no closing '---' line",
                                   hint="add a line '---' after the fields")
        front = text[4 : end + 1]
        data, lines = _parse_yaml(front, display, offset=1)
        body_line = front.count("\n") + 3
        return SourceFile(path, display, data, lines, body=text[end + 5 :], body_line=body_line)
    raise ContentError(display, f"unsupported file type '{path.suffix}'",
                       hint="use .yaml or .md")
