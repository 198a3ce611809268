"""Rows of a personalisation CSV (from Excel as often as not), each checked on its own.

Encoding: UTF-8 with or without a BOM, or Shift_JIS/cp932 (what Excel on Japanese Windows
writes), decided line by line: a file pasted together from both is read right, never as
mojibake. A line that is valid UTF-8 is UTF-8 (Japanese text in Shift_JIS is practically never
valid UTF-8: its lead bytes 0x81–0x9F are UTF-8 continuation bytes), otherwise Shift_JIS; a
line that is neither is reported with its number and skipped. The other way round does not
work: UTF-8 text often decodes as Shift_JIS too (山田 → 螻ｱ逕ｰ), so a file is never decided
as a whole by the encoding under which most lines decode.

Every row problem (missing column, empty name, a control character, an address too long for
the QR code, a quote left open) is reported the same way, ``ROWS.csv:LINE: column: what is
wrong — what to do``, and only that row is skipped: the others still go through.
"""

from __future__ import annotations

import csv
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
MAX_STEM = 80  # characters of a file name stem
# Bytes of a file name stem (UTF-8): file systems limit a name to 255 bytes, and the temporary
# file ``.NAME.pdf.XXXXXXXX.tmp`` and a ``-N`` suffix need room too (80 kanji are 240 bytes).
MAX_STEM_BYTES = 200
MAX_NAME = 40  # characters: printed at 14 pt on the cover's card (three lines at most)
MAX_EVENT = 60  # characters: a line or two under the name; longer would cover the cover's title
# The row's address, printed as a 20 mm QR code on the card: at most QR version 8 (49 modules,
# 0.35 mm each at 20 mm, error correction M holds 152 bytes), what a phone reads from print.
MAX_URL_BYTES = 150
ENCODINGS = ("utf-8", "cp932")
MAX_RECORD_LINES = 50  # a cell with line breaks (an extra column: notes) may span this many lines
# Characters that must not reach the cover: controls (line breaks, tabs, escapes) print as
# boxes or break the line; bidi controls reverse the printed text; separators and invisible
# marks change it without showing.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_FORBIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ufeff\ufff9-\ufffb]")


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


def decode_line(raw: bytes) -> tuple[str, str] | None:
    """(text, encoding) of one line: UTF-8 if it is valid UTF-8, else Shift_JIS (cp932);
    None when it is neither."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def detect_encoding(data: bytes) -> str:
    """The file's encoding as the summary names it: ``utf-8-sig`` (a BOM), ``utf-8``, ``cp932``,
    or ``utf-8+cp932`` when lines of both are mixed (each line is read in its own)."""
    found = []
    for line in data.removeprefix(b"\xef\xbb\xbf").splitlines():
        if line.isascii():
            continue
        decoded = decode_line(line)
        if decoded and decoded[1] not in found:
            found.append(decoded[1])
    if data.startswith(b"\xef\xbb\xbf") and found in ([], ["utf-8"]):
        return "utf-8-sig"
    return "+".join(sorted(found, key=ENCODINGS.index)) or "utf-8"


def sanitise_stem(value: str) -> str:
    """A file name stem safe on every system: no separators, reserved or control characters."""
    stem = unicodedata.normalize("NFC", value).strip()
    if stem.lower().endswith(".pdf"):
        stem = stem[:-4]
    stem = UNSAFE.sub("_", stem).strip(" .")  # no hidden files, no trailing dots (Windows)
    stem = re.sub(r"\s+", " ", stem)[:MAX_STEM]
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:  # 77 kanji: "File name too long"
        stem = stem[:-1]
    stem = stem.strip(" .")
    if stem.upper().split(".")[0] in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                                      *(f"LPT{i}" for i in range(1, 10))}:
        stem = "_" + stem
    return stem


class _Lines:
    """The decoded lines of the file, handed to ``csv.reader`` one at a time from ``pos``: a
    record that goes wrong (a quote left open swallows the lines after it) is read again from
    the line after its first, so that one bad row never takes the good ones with it. An
    undecodable line (None) ends any record, as the end of the file would, and so does the
    ``MAX_RECORD_LINES``-th line of one record (each quote left open costs that many lines at
    most, not the rest of the file)."""

    def __init__(self, lines: list[str | None]) -> None:
        self.lines, self.pos, self.end = lines, 0, len(lines)

    def __iter__(self) -> "_Lines":
        return self

    def record(self) -> "_Lines":
        """From here, one record at most: ``MAX_RECORD_LINES`` lines."""
        self.end = min(len(self.lines), self.pos + MAX_RECORD_LINES)
        return self

    def __next__(self) -> str:
        if self.pos >= self.end or self.lines[self.pos] is None:
            raise StopIteration
        self.pos += 1
        return self.lines[self.pos - 1]


def read_rows(path: Path, display: str | None = None) -> Rows:
    display = display or path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError.of(str(path), "rows.missing", where=str(Path(path).absolute().parent)) from None
    except OSError as exc:
        raise ContentError.of(str(path), "rows.unreadable", reason=os_reason(exc)) from None
    encoding = detect_encoding(data)
    errors: list[ContentError] = []
    lines: list[str | None] = []
    for number, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True), start=1):
        decoded = decode_line(raw)
        if decoded is None:
            errors.append(ContentError.of(display, "rows.undecodable", line=number, encoding="UTF-8 / Shift_JIS"))
        lines.append(decoded[0] if decoded else None)
    if not lines or lines[0] is None:
        if errors:
            raise errors[0]
        raise ContentError.of(display, "rows.empty", columns=",".join(REQUIRED))
    try:
        header = [h.strip().lower() for h in next(csv.reader([lines[0]]))]
    except (StopIteration, csv.Error):
        header = []
    if not any(header):
        raise ContentError.of(display, "rows.empty", columns=",".join(REQUIRED))
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ContentError.of(display, "rows.missing_columns", line=1, missing=", ".join(missing),
                              required=", ".join(REQUIRED), optional=", ".join(OPTIONAL))
    col = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}

    rows: list[Row] = []
    used: set[str] = set()
    numbers: dict[int, int] = {}  # line of an error → its data row number
    number = 0
    source = _Lines(lines)
    source.pos = 1
    while source.pos < len(lines):
        start = source.pos + 1  # the CSV line number where this record starts
        if lines[source.pos] is None:  # undecodable: already reported; still a row of the file
            source.pos += 1
            number += 1
            numbers[start] = number
            continue
        try:
            record = next(csv.reader(source.record(), strict=True), None)
            problem = None
        except csv.Error:
            record, problem = None, "rows.quote"
        if record is None and problem is None:
            break
        spans = source.pos - start + 1 > 1  # the record took more than its own line
        ours = [record[i] for i in col.values() if i < len(record)] if record is not None else []
        if problem is None and spans and (len(record) != len(header) or any("\n" in v or "\r" in v for v in ours)):
            problem = "rows.quote" if len(record) != len(header) else "rows.multiline"
        if problem is not None:
            # Read again from the next line: the lines it swallowed are rows of their own.
            source.pos = start
            number += 1
            numbers[start] = number
            errors.append(ContentError.of(display, problem, line=start))
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


def _forbidden(text: str) -> Msg | None:
    """A control, bidi or invisible character in a value: named, with its position."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    ch = match.group()
    return msg("rows.control", position=match.start() + 1, code=f"U+{ord(ch):04X}",
               name=unicodedata.name(ch, "control character"))


def _check(value: dict[str, str]) -> tuple[str, Msg] | None:
    for column in ("name", "url", "file", "event"):
        problem = _forbidden(value.get(column, ""))
        if problem is not None:
            return column, problem
    if not value["name"]:
        return "name", msg("rows.name_empty")
    if len(value["name"]) > MAX_NAME:
        return "name", msg("rows.name_long", limit=MAX_NAME)
    if len(value.get("event", "")) > MAX_EVENT:
        return "event", msg("rows.event_long", limit=MAX_EVENT, length=len(value["event"]))
    url = value["url"]
    if len(url.encode("utf-8")) > MAX_URL_BYTES:
        return "url", msg("rows.url_long", length=len(url.encode("utf-8")), limit=MAX_URL_BYTES)
    space = re.search(r"\s", url)
    if space:
        return "url", msg("rows.url_space", position=space.start() + 1)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or not parts.hostname:
        return "url", msg("rows.url", url=url)
    if not value["file"]:
        return "file", msg("rows.file_empty")
    return None
