"""Rows of a personalisation CSV (from Excel as often as not), each checked on its own.

Encoding: UTF-8 with or without a BOM, or Shift_JIS/cp932 (what Excel on Japanese Windows
writes). The whole file decides: a BOM means UTF-8; otherwise the encoding under which most
lines decode. A line that does not decode under it is reported with its number and skipped,
the other rows still go through. Every row problem (missing column, empty name, bad URL) is
reported the same way: ``ROWS.csv:LINE: column: what is wrong — what to do``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ContentError
from ..messages import Msg, msg, os_reason, word

REQUIRED = ("name", "url", "file")
OPTIONAL = ("event",)
# Characters that are unsafe or reserved in file names on Windows, macOS or Linux.
UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
MAX_STEM = 80


@dataclass(frozen=True)
class Row:
    line: int  # line number in the CSV (1 = header)
    name: str
    url: str
    file: str  # sanitised, unique file name ending in .pdf
    event: str = ""
    number: int = 0  # data row number: 1 = the first row under the header (for --rows)


@dataclass
class Rows:
    encoding: str
    rows: list[Row]
    errors: list[ContentError]
    total: int = 0  # data rows in the file, good and bad
    error_numbers: dict[int, int] = dc_field(default_factory=dict)  # error line → data row number

    def select(self, first: int, last: int | None) -> "Rows":
        """Only the data rows numbered ``first`` to ``last`` (inclusive; None: to the end)."""
        def inside(number: int) -> bool:
            return number >= first and (last is None or number <= last)
        return Rows(self.encoding, [r for r in self.rows if inside(r.number)],
                    [e for e in self.errors if inside(self.error_numbers.get(e.line or 0, 0))],
                    self.total, self.error_numbers)


def parse_range(text: str) -> tuple[int, int | None]:
    """``--rows`` values: ``1-5000``, ``5001-`` (to the end), ``-5000``, ``42``."""
    match = re.fullmatch(r"\s*(\d*)\s*(-?)\s*(\d*)\s*", text or "")
    if not match or not (match.group(1) or match.group(3)) or (not match.group(2) and not match.group(1)):
        raise ContentError.of("--rows", "rows.range", value=text)
    first = int(match.group(1) or 1)
    last = int(match.group(3)) if match.group(3) else (None if match.group(2) else first)
    if first < 1 or (last is not None and last < first):
        raise ContentError.of("--rows", "rows.range", value=text)
    return first, last


def detect_encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    lines = data.splitlines()

    def decodable(encoding: str) -> int:
        ok = 0
        for line in lines:
            try:
                line.decode(encoding)
                ok += 1
            except UnicodeDecodeError:
                pass
        return ok

    # ASCII-only files decode either way; UTF-8 wins ties (it is the stricter decoder).
    return "utf-8" if decodable("utf-8") >= decodable("cp932") else "cp932"


def sanitise_stem(value: str) -> str:
    """A file name stem safe on every system: no separators, reserved or control characters."""
    stem = unicodedata.normalize("NFC", value).strip()
    if stem.lower().endswith(".pdf"):
        stem = stem[:-4]
    stem = UNSAFE.sub("_", stem).strip(" .")  # no hidden files, no trailing dots (Windows)
    stem = re.sub(r"\s+", " ", stem)[:MAX_STEM].strip(" .")
    if stem.upper().split(".")[0] in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                                      *(f"LPT{i}" for i in range(1, 10))}:
        stem = "_" + stem
    return stem


def read_rows(path: Path, display: str | None = None) -> Rows:
    display = display or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError.of(display, "rows.unreadable", reason=os_reason(exc)) from None
    encoding = detect_encoding(data)
    errors: list[ContentError] = []
    text_lines: list[str] = []
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        try:
            text_lines.append(raw.decode(encoding if number == 1 or encoding != "utf-8-sig" else "utf-8"))
        except UnicodeDecodeError:
            errors.append(ContentError.of(display, "rows.undecodable", line=number,
                                          encoding=encoding.replace("-sig", "")))
            text_lines.append("\n")  # keep line numbers; the empty line is skipped below

    reader = csv.reader(io.StringIO("".join(text_lines), newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ContentError.of(display, "rows.empty", columns=",".join(REQUIRED)) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ContentError.of(display, "rows.missing_columns", line=1, missing=", ".join(missing),
                              required=", ".join(REQUIRED), optional=", ".join(OPTIONAL))
    col = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}

    rows: list[Row] = []
    used: set[str] = set()
    bad_lines = {e.line for e in errors}
    numbers: dict[int, int] = {}  # line of an error → its data row number
    line, number = 1, 0
    for record in reader:
        start, line = line + 1, reader.line_num
        if start in bad_lines:
            number += 1  # already reported; still a row of the file (row numbers stay put)
            numbers[start] = number
            continue
        if not any(field.strip() for field in record):
            continue  # an empty line
        number += 1
        numbers[start] = number
        if len(record) <= max(col[c] for c in REQUIRED):
            errors.append(ContentError.of(display, "rows.column_count", line=start, count=len(record),
                                          header=len(header)))
            continue
        value = {name: record[i].strip() if i < len(record) else "" for name, i in col.items()}
        problem = _check(value)
        if problem:
            field, message = problem
            errors.append(ContentError(display, message, field=field, line=start))
            continue
        stem = sanitise_stem(value["file"])
        if not stem:
            errors.append(ContentError.of(display, "rows.file_unusable", field="file", line=start))
            continue
        unique, n = stem, 2
        while unique.lower() in used:  # never let two rows write the same file
            unique, n = f"{stem}-{n}", n + 1
        used.add(unique.lower())
        rows.append(Row(start, value["name"], value["url"], unique + ".pdf", value.get("event", ""), number))
    name = word("encoding.bom", encoding="utf-8") if encoding == "utf-8-sig" else encoding
    return Rows(name, rows, sorted(errors, key=lambda e: e.line or 0),
                number, {e.line: numbers.get(e.line, 0) for e in errors if e.line})


MAX_NAME = 40


def _check(value: dict[str, str]) -> tuple[str, Msg] | None:
    if not value["name"]:
        return "name", msg("rows.name_empty")
    if len(value["name"]) > MAX_NAME:
        return "name", msg("rows.name_long", limit=MAX_NAME)
    url = urlsplit(value["url"])
    if url.scheme not in ("http", "https") or not url.netloc:
        return "url", msg("rows.url", url=value["url"])
    if not value["file"]:
        return "file", msg("rows.file_empty")
    return None
