"""Read content files: YAML documents and Markdown files with a YAML front matter.

Besides the data, every reader returns a map from field path to line number so that a
validation error can point at the line an HR editor has to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, ContentErrors
from ..messages import Msg, msg, os_reason
from .characters import char_name, first_forbidden, forbidden_in, message_key

# A brochure's longest text file is a few tens of kB; a megabyte is pasted data or an attack.
MAX_CONTENT_BYTES = 1_000_000
# An organisation chart is the deepest structure: a handful of levels. A hostile file nests
# thousands of lists to exhaust the parser's (and the validator's) recursion.
MAX_DEPTH = 32

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
    problems: list[ContentError] = field(default_factory=list)  # found, but validation can go on
    text: str = ""  # the whole file as read (for columns in messages)

    def dotted_lines(self) -> dict[str, int]:
        return {".".join(map(str, loc)): line for loc, line in self.lines.items() if loc}

    def column_of(self, line: int | None, value: str) -> int | None:
        """1-based column of ``value`` on a line of the file (None if it is not there)."""
        lines = self.text.split("\n")
        if not line or not 1 <= line <= len(lines):
            return None
        at = lines[line - 1].find(value)
        return at + 1 if at >= 0 else None

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


def _duplicate_keys(node: yaml.Node, display: str, offset: int) -> list[ContentError]:
    """PyYAML silently keeps the last of two equal keys; for content that hides a mistake."""
    found: list[ContentError] = []

    def walk(n: yaml.Node, loc: Path_) -> None:
        if isinstance(n, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in n.value:
                k = key.value
                line = key.start_mark.line + 1 + offset
                if isinstance(k, str) and k in first:
                    found.append(ContentError.of(display, "yaml.duplicate_key", field=".".join(
                        map(str, loc + (k,))), line=line, key=k, first=first[k]))
                first.setdefault(k, line)
                walk(value, loc + (k,))
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                walk(item, loc + (i,))

    walk(node, ())
    return found


def _deeper_than(root: yaml.Node, limit: int) -> yaml.Node | None:
    """The first node nested deeper than ``limit`` (iterative: the tree may be hostile)."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return node
        if isinstance(node, yaml.MappingNode):
            stack.extend((v, depth + 1) for _, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, depth + 1) for v in node.value)
    return None


def _tab_line(text: str) -> int | None:
    """First line indented with a tab (YAML forbids it; PyYAML's message does not say so)."""
    for number, line in enumerate(text.split("\n"), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return number
    return None


# --- mistakes of Japanese input methods and of text pasted from word processors --------------

FULLWIDTH_SPACE = "\u3000"
SMART_OPEN, SMART_CLOSE = "“‘„‚", "”’“‘"
_BLOCK_START = re.compile(r"^( *)(?:- +)*(?:[^#\s][^#]*?:[ \t]+)?[|>][0-9+-]*[ \t]*(?:#.*)?$")
_FULLWIDTH_KEY = re.compile(r"^(?:- +)*([A-Za-z_][A-Za-z0-9_-]*)[ \u3000]*：")
_VALUE = re.compile(r"^(?:- +)*(?:(?P<key>[A-Za-z_][A-Za-z0-9_-]*): +|- *)(?P<value>.*)$")


def _yaml_lines(text: str):
    """(line number, line) of the lines of a YAML text that YAML reads as structure, leaving out
    the contents of block scalars (``key: |`` text, where a full-width space is a paragraph
    indent and a trailing one is text) and comments."""
    block_indent: int | None = None
    for number, line in enumerate(text.split("\n"), 1):
        spaces = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or spaces > block_indent:
                continue  # text of the block scalar
            block_indent = None
        if not line.strip() or line.lstrip(" ").startswith("#"):
            continue
        yield number, line
        start = _BLOCK_START.match(line)
        if start:
            block_indent = len(start.group(1))


def _typing_mistakes(text: str, display: str, offset: int) -> list[ContentError]:
    """Mistakes a Japanese typist makes that YAML misreads or reports as something else: a
    full-width colon after a key, full-width spaces as indentation, a trailing full-width space,
    a value in curly quotes pasted from Word. Each named as what it is, at its line and column."""
    found: list[ContentError] = []
    for number, line in _yaml_lines(text):
        at = {"line": number + offset}
        lead = len(line) - len(line.lstrip(" " + FULLWIDTH_SPACE))
        if FULLWIDTH_SPACE in line[:lead]:
            found.append(ContentError.of(display, "yaml.fullwidth_indent", column=line.index(FULLWIDTH_SPACE) + 1,
                                         **at))
            continue
        body = line[lead:]
        key = _FULLWIDTH_KEY.match(body)
        if key:
            found.append(ContentError.of(display, "yaml.fullwidth_colon", column=lead + key.end(),
                                         key=key.group(1), **at))
            continue
        stripped = line.rstrip(" \t")
        if stripped.endswith(FULLWIDTH_SPACE) and stripped.strip(FULLWIDTH_SPACE + " "):
            column = len(stripped.rstrip(FULLWIDTH_SPACE)) + 1
            found.append(ContentError.of(display, "yaml.trailing_fullwidth_space", column=column, **at))
            continue
        value = _VALUE.match(body)
        if value:
            v = value.group("value").strip()
            if len(v) >= 2 and v[0] in SMART_OPEN and v[-1] in SMART_CLOSE:
                found.append(ContentError.of(display, "yaml.smart_quotes", column=lead + value.start("value") + 1,
                                             quotes=f"{v[0]} {v[-1]}", **at))
    return found


def _quoting_mistake(text: str, line: int) -> tuple[str, dict, int] | None:
    """On a line YAML could not read because of a ': ' in its value: a value put in 「」 or in
    curly quotes, which are no quotes to YAML. (message key, parameters, column)"""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    raw = lines[line - 1]
    lead = len(raw) - len(raw.lstrip(" "))
    value = _VALUE.match(raw[lead:])
    if not value or not value.group("value"):
        return None
    v = value.group("value").strip()
    column = lead + value.start("value") + 1
    if v[0] == "「":
        shown = v if len(v) <= 40 else v[:39] + "…"
        return "yaml.kagikakko", {"key": value.group("key") or "", "value": shown.replace('"', '\\"')}, column
    if v[0] in SMART_OPEN:
        return "yaml.smart_quotes", {"quotes": f"{v[0]} {v[-1] if v[-1] in SMART_CLOSE else ''}".strip()}, column
    return None


class _AliasUsed(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _TagUsed(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _ContentLoader(yaml.SafeLoader):
    """SafeLoader without aliases: ``*name`` lets a few lines expand into billions of values
    ("billion laughs"), and content files never need them. Without tags either (``!!str``,
    ``!!timestamp tomorrow``, ``!!python/...``): a value is what it reads as."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasUsed(self.peek_event().start_mark)
        event = self.peek_event()
        if getattr(event, "tag", None) is not None:  # an explicit tag (implicit ones are None)
            raise _TagUsed(event.start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node):
        """A date YAML recognises by its shape but the calendar does not have (2021-13-01,
        2021-02-30) stays the text it is: the model then says "not a valid date" at its field
        and line (PyYAML itself raises a bare ValueError)."""
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(self, node)
        except (ValueError, OverflowError):
            return node.value


_ContentLoader.add_constructor("tag:yaml.org,2002:timestamp", _ContentLoader.construct_yaml_timestamp)

# libyaml's parser (PyYAML's C extension), ≈10× faster than the Python one, for the files it
# can read the same way: no ``!tag``, ``*alias`` or ``&anchor`` where a token can start (the
# Python loader refuses them, at their line) and no syntax error. Anything else goes through
# ``_ContentLoader``, whose errors are the ones the messages are written for. The nodes, marks
# (lines) and constructed values are the same (tests/test_content_errors.py compares them).
_FAST_LOADER = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        construct_yaml_timestamp = _ContentLoader.construct_yaml_timestamp

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _FastLoader.construct_yaml_timestamp)
    _FAST_LOADER = _FastLoader
_NOT_FAST = re.compile(r"(?:^|[\s\[\]{},])[!*&]")


def _compose_fast(text: str):
    """(node, data) read by libyaml, or None when the file needs the Python loader."""
    if _FAST_LOADER is None or _NOT_FAST.search(text):
        return None
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
        return None
    finally:
        loader.dispose()


def _yaml_problem(exc: yaml.MarkedYAMLError) -> tuple[str, dict, yaml.Mark | None]:
    """The catalogue message for the YAML mistakes editors make, and the mark to point at
    (the opening quote or bracket, not the end of the file where the parser noticed)."""
    context, problem = exc.context or "", (exc.problem or "").strip()
    if problem.startswith("mapping values are not allowed"):
        return "yaml.colon", {}, None
    if "quoted scalar" in context:
        return "yaml.unclosed_quote", {}, exc.context_mark
    if "flow sequence" in context or "flow mapping" in context:
        return "yaml.flow", {}, exc.context_mark
    if "simple key" in context:
        return "yaml.no_colon", {}, exc.context_mark
    found = re.search(r"found character '(.+)' that cannot start any token", problem)
    if found:
        return "yaml.bad_start", {"char": found[1]}, None
    if "could not determine a constructor for the tag" in problem:
        return "yaml.tag", {}, None
    return "yaml.syntax", {"problem": problem or context or "invalid YAML"}, None


def _parse_yaml(text: str, display: str, offset: int = 0) -> tuple[dict, dict[Path_, int], list]:
    """Data, line map and non-fatal problems (duplicate keys) of one YAML document."""
    typing = _typing_mistakes(text, display, offset)
    if typing:  # YAML would misread these or report something else: name them instead
        raise ContentErrors(typing)
    fast = _compose_fast(text)
    loader = _ContentLoader(text if fast is None else "")
    try:
        node, data = fast if fast is not None else (None, None)
        if fast is None:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
    except _AliasUsed as exc:
        raise ContentError.of(display, "yaml.alias", line=exc.mark.line + 1 + offset) from None
    except _TagUsed as exc:
        raise ContentError.of(display, "yaml.tag", line=exc.mark.line + 1 + offset) from None
    except RecursionError:  # PyYAML's parser recurses once per nesting level
        raise ContentError.of(display, "yaml.too_deep", line=1 + offset, limit=MAX_DEPTH) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        tab = _tab_line(text)
        if tab is not None:
            raise ContentError.of(display, "yaml.tab", line=tab + offset) from None
        key, params, at = _yaml_problem(exc)
        if at is not None:
            line = at.line + 1 + offset
        quoting = _quoting_mistake(text, line - offset) if key == "yaml.colon" and line else None
        if quoting:
            key, params, column = quoting
            raise ContentError.of(display, key, line=line, column=column, **params) from None
        raise ContentError.of(display, key, line=line, **params) from None
    except yaml.YAMLError as exc:
        raise ContentError.of(display, "yaml.syntax", problem=str(exc)) from None
    finally:
        loader.dispose()
    if data is None:
        raise ContentError.of(display, "file.empty", line=1 + offset)
    too_deep = _deeper_than(node, MAX_DEPTH)
    if too_deep is not None:
        raise ContentError.of(display, "yaml.too_deep", line=too_deep.start_mark.line + 1 + offset,
                              limit=MAX_DEPTH)
    if not isinstance(data, dict):
        raise ContentError.of(display, "yaml.not_mapping", line=1 + offset)
    return data, _line_map(node, offset), _duplicate_keys(node, display, offset) + _escaped_controls(
        node, display, offset)


def _escaped_controls(node: yaml.Node, display: str, offset: int) -> list[ContentError]:
    """Control and direction characters written as escapes in a quoted value (``"\\e[2J"``,
    ``"\\u202e"``): refused like the characters themselves, at their field and line."""
    found: list[ContentError] = []
    stack: list[tuple[yaml.Node, Path_]] = [(node, ())]
    while stack:
        n, loc = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            c = first_forbidden(n.value) if isinstance(n.value, str) else None
            if c is not None:
                found.append(ContentError.of(display, message_key(c), field=".".join(map(str, loc)) or None,
                                             line=n.start_mark.line + 1 + offset, char=char_name(c)))
        elif isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                k = key.value
                c = first_forbidden(k) if isinstance(k, str) else None
                if c is not None:  # a key: named by its line (the key itself is not printable)
                    found.append(ContentError.of(display, message_key(c), field=".".join(map(str, loc)) or None,
                                                 line=key.start_mark.line + 1 + offset, char=char_name(c)))
                    continue
                stack.append((value, loc + (k,)))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend((item, loc + (i,)) for i, item in enumerate(n.value))
    return sorted(found, key=lambda e: e.line or 0)


def _read_text(path: Path, display: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_CONTENT_BYTES:  # checked before reading: a huge file is never loaded
            raise ContentError.of(display, "file.too_large", size=f"{size / 1e6:.1f}",
                                  limit=f"{MAX_CONTENT_BYTES / 1e6:g}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError.of(display, "file.missing") from None
    except OSError as exc:
        raise ContentError.of(display, "file.unreadable", reason=os_reason(exc)) from None
    if b"\0" in raw:
        raise ContentError.of(display, "file.binary", line=raw[: raw.index(b"\0")].count(b"\n") + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError.of(display, "file.not_utf8", line=line, guess=_encoding_guess(raw)) from None
    # Windows (CR LF) and classic Mac (CR alone, still written by some exporters) line endings.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    forbidden = forbidden_in(text)
    if forbidden:  # before YAML, whose reader fails on most of them without saying which
        raise ContentErrors([ContentError.of(display, message_key(c), line=line, column=column, char=char_name(c))
                             for line, column, c in forbidden[:20]])
    return text


def _encoding_guess(raw: bytes) -> Msg | str:
    """Japanese Windows editors still save Shift_JIS (cp932): say so when it decodes as that."""
    try:
        raw.decode("cp932")
    except UnicodeDecodeError:
        return ""
    return msg("file.not_utf8.sjis")


def read_source(path: Path, display: str) -> SourceFile:
    """Read a ``.yaml``/``.yml`` file or a ``.md`` file with ``---`` front matter.

    Raises :class:`ContentError`, or :class:`ContentErrors` for several typing mistakes."""
    if path.suffix.lower() not in (".yaml", ".yml", ".md"):
        raise ContentError.of(display, "file.type", suffix=path.suffix)
    text = _read_text(path, display)
    if not text.strip():
        raise ContentError.of(display, "file.empty", line=1)
    if path.suffix.lower() in (".yaml", ".yml"):
        data, lines, problems = _parse_yaml(text, display)
        return SourceFile(path, display, data, lines, problems=problems, text=text)
    if not text.startswith("---\n"):
        raise ContentError.of(display, "md.no_front_matter", line=1)
    end = text.find("\n---\n", 3)
    if end < 0:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            raise ContentError.of(display, "md.unclosed_front_matter", line=1)
    front = text[4 : end + 1]
    data, lines, problems = _parse_yaml(front, display, offset=1)
    body_line = front.count("\n") + 3
    return SourceFile(path, display, data, lines, body=text[end + 5 :], body_line=body_line,
                      problems=problems, text=text)
