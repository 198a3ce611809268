"""``brochure personalize ROWS.csv``: one PDF per row, addressed on the cover with its own QR.

Only the cover differs between copies, and only by a card (name, event, QR code). So the
brochure is laid out and written once, with the plain cover, as ``make_pdf.py`` makes it; each
row then costs the layout of its card alone, on an otherwise empty page of the cover's size,
joined to the shared cover:

- screen edition (the default; tagged PDF/UA-1, for e-mail): the card's content, structure
  elements and link are grafted into the shared document's page and structure tree
  (``press.graft``), so every copy keeps one valid structure tree;
- print edition (PDF/X-4): the card is printed over the shared cover (``press.assemble.stamp``),
  without a link annotation (PDF/X allows none).

Rows are spread over forked worker processes (``forkpool``), which inherit the warm WeasyPrint
state and the shared PDF; stopping a batch (Ctrl-C, SIGTERM) at any moment ends them all.

Files on disk always agree with the fingerprint file ``.personalize.json``: a row's entry is
removed before its PDF is rewritten and added once the new PDF is in place (written to a
temporary file and renamed), so a re-run after an interruption or a crash makes exactly the
rows not yet written. ``manifest.csv`` lists every row of the batch (for mail tools).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .assets.qr import qr_svg
from .build import atomic_write, prepare, render_within_budget, spot_colour
from .content.rows import Row, Rows, read_rows
from .editions import EDITIONS
from .errors import BrochureError, ContentError
from .forkpool import Crash, ForkPool, signals_blocked
from .messages import msg, os_reason, word
from .press.finish import finish
from .progress import Reporter, batch_progress
from .render.html import render_recipient_overlay

FINGERPRINTS = ".personalize.json"
LOCK = ".personalize.lock"
MANIFEST = "manifest.csv"
MANIFEST_HEADER = ("line", "name", "file", "bytes", "url", "status", "message")
QR_LABEL = "あなたへのご案内"
SUBFOLDER_SIZE = 1000  # more rows than this in the CSV: files go into sub-folders of this many
RECYCLE = 500  # a worker process is replaced after this many PDFs (bounds its memory)
ROW_LIMIT = 300.0  # seconds: a worker still on one row after this is taken for hung (a row takes 0.05 s)
CHECKPOINT_SECONDS = 5.0
_TEMPORARY = re.compile(r"^\.(.+\.pdf)\.[^./]+\.tmp$")  # build.atomic_write's temporary files


@dataclass(frozen=True)
class _Link:
    """What the QR block of the templates needs from a link."""

    id: str
    url: str
    label: str = QR_LABEL
    sample: bool = False


@dataclass(frozen=True)
class Recipient:
    name: str
    event: str
    link: _Link


@dataclass
class Outcome:
    line: int
    file: str  # path relative to the output folder
    status: str  # written | skipped | failed | pending
    message: str = ""
    bytes: int = 0


# State of a batch, set in the parent before the workers fork (inherited, never pickled).
_BATCH: dict = {}


def _text(key: str, **params) -> str:
    """A catalogue message as one phrase: 'what is wrong — what to do'."""
    message, hint = msg(key, **params).render()
    return f"{message} — {hint}" if hint else message


def subfolder(number: int, total: int) -> str:
    """The sub-folder of data row ``number`` when the CSV has more than SUBFOLDER_SIZE rows
    (``00001-01000``, ``01001-02000``, …; ``""`` otherwise). It depends on the whole CSV, not on
    ``--rows``: parts made on several machines go into the same folders."""
    if total <= SUBFOLDER_SIZE or number < 1:
        return ""
    width = len(str(-(-total // SUBFOLDER_SIZE) * SUBFOLDER_SIZE))
    first = (number - 1) // SUBFOLDER_SIZE * SUBFOLDER_SIZE + 1
    return f"{first:0{width}d}-{first + SUBFOLDER_SIZE - 1:0{width}d}"


def _relative(row: Row) -> str:
    folder = subfolder(row.number, _BATCH["total"])
    return f"{folder}/{row.file}" if folder else row.file


def _card_view(row: Row):
    cover = _BATCH["cover"]
    return dataclasses.replace(
        cover, recipient=Recipient(row.name, row.event, _Link("recipient", row.url)),
        qr={**cover.qr, "recipient": Markup(qr_svg(row.url, QR_LABEL))})


def _card_html(row: Row) -> str:
    renderer, ctx = _BATCH["renderer"], _BATCH["ctx"]
    return render_recipient_overlay(ctx.brochure, _card_view(row), edition=renderer.edition.name)


def _fingerprint(row: Row) -> str:
    """What a row's PDF depends on: the shared pages and the card template (``base``: the
    card of a fixed probe row, so a change of template, styles or QR encoder shows), and the
    row's own values. Computed without laying out or encoding anything (10,000 rows: 0.1 s)."""
    values = json.dumps([row.name, row.event, row.url], ensure_ascii=False)
    return hashlib.sha256(f"{_BATCH['base_key']}\0{values}".encode()).hexdigest()


def make_copy(row: Row) -> bytes:
    """The PDF of one row: its card laid out and joined to the shared pages."""
    from .press.assemble import stamp
    from .press.graft import graft
    from .render.pdf import collect_warnings, write_pdf

    renderer, ctx = _BATCH["renderer"], _BATCH["ctx"]
    card = renderer.part(ctx, _card_html(row), "", 1)
    if card.pages != 1:
        raise ContentError("", msg("personalize.card_pages", pages=card.pages), field="name")
    with collect_warnings():  # the card as WeasyPrint writes it: its page is all that is used
        data = write_pdf(card.document, renderer.page_format.zoom, **renderer.edition.pdf_options)  # A5: zoomed
    if renderer.edition.press:
        # PDF/X: the shared document has the output intent; the card's page only needs its RGB
        # tagged as sRGB (what finishing a whole PDF/X file would also do to it), no links.
        return stamp(_BATCH["shared"], 0, data, links=False, srgb=True)
    return graft(_BATCH["shared"], 0, data, after="/H1", labels={row.url: QR_LABEL})


def _make(row: Row) -> Outcome:
    """Worker: one row's PDF, written atomically; every failure becomes a line on the row."""
    path = _relative(row)
    try:
        data = make_copy(row)
        atomic_write(_BATCH["out"] / path, data)
    except ContentError as exc:
        message, hint = exc.message.render() if hasattr(exc.message, "render") else (str(exc.message), exc.hint)
        return Outcome(row.line, path, "failed", f"{exc.field + ': ' if exc.field else ''}{message}"
                                                 f"{' — ' + hint if hint else ''}")
    except BrochureError as exc:
        return Outcome(row.line, path, "failed", str(exc).splitlines()[0])
    except MemoryError:
        return Outcome(row.line, path, "failed", _text("personalize.crashed", how=word("personalize.oom")))
    except OSError as exc:  # the machine: a full disk, a folder that went read-only
        return Outcome(row.line, path, "failed", _text("file.io", path=exc.filename or path, reason=os_reason(exc)))
    except Exception as exc:  # a bug must not stop the batch: report it on its row
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return Outcome(row.line, path, "failed", _text("personalize.internal", detail=detail))
    return Outcome(row.line, path, "written", bytes=len(data))


def _shared_key(renderer, ctx) -> str:
    """Everything the shared pages depend on, without laying anything out."""
    from .render.sections import plan_parts

    h = hashlib.sha256(ctx.key.encode())
    for views, blank in plan_parts(ctx.views, 0):
        h.update(renderer.part_html(ctx, views, blank).encode())
    return h.hexdigest()


# -- the fingerprint file and the manifest ---------------------------------------------------

def _load_fingerprints(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, dict) and isinstance(data.get("files"), dict):
        return {k: v for k, v in data["files"].items() if isinstance(v, dict) and "key" in v}
    if isinstance(data, dict):  # the first format: file → key
        return {k: {"key": v} for k, v in data.items() if isinstance(v, str)}
    return {}


def _save_fingerprints(path: Path, files: dict[str, dict]) -> None:
    atomic_write(path, json.dumps({"version": 2, "files": dict(sorted(files.items()))},
                                  ensure_ascii=False, indent=0).encode())


def _up_to_date(entry: dict | None, key: str, path: Path) -> bool:
    if not entry or entry.get("key") != key:
        return False
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return entry.get("bytes") in (None, size)


def _check_manifest_is_ours(path: Path) -> None:
    """Never overwrite a manifest.csv the tool did not write."""
    try:
        with path.open("rb") as f:
            head = f.read(256)
    except FileNotFoundError:
        return
    except OSError:
        head = b""
    ours = ("\ufeff" + ",".join(MANIFEST_HEADER)).encode()
    if not head.startswith(ours):
        raise ContentError(path, msg("personalize.foreign_manifest", path=path.name))


def _manifest(rows: list[Row], errors: list[ContentError], outcomes: dict[int, Outcome]) -> bytes:
    """UTF-8 with BOM (Excel then reads it as UTF-8), one line per row of the batch, CSV order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MANIFEST_HEADER)
    lines = []
    for row in rows:
        o = outcomes[row.line]
        lines.append((row.line, [row.line, row.name, o.file, o.bytes or "", row.url, o.status, o.message]))
    for error in errors:  # rows the CSV could not give: no name, no file
        message = error.format()
        prefix = f"{error.file}:{error.line}: "
        lines.append((error.line or 0, [error.line or "", "", "", "", "", "failed",
                                        message[len(prefix):] if message.startswith(prefix) else message]))
    for _, line in sorted(lines, key=lambda item: item[0]):
        writer.writerow(line)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _lock(out: Path):
    """Hold ``OUT/.personalize.lock`` for the batch: two batches writing into one folder would
    remove each other's temporary files and race on the fingerprint file. The lock ends with
    the process (and with its last worker), however it ends."""
    import fcntl

    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise ContentError(out, msg("personalize.busy")) from None
    return fd


def _remove_temporaries(out: Path, rows: list[Row]) -> None:
    """Temporary files of these rows' PDFs (``.NAME.pdf.*.tmp``, as ``build.atomic_write`` names
    them): left by a worker that was killed while writing, or by a batch killed outright. Safe:
    no other batch writes into this folder meanwhile (see :func:`_lock`)."""
    by_folder: dict[Path, set[str]] = {}
    for row in rows:
        target = out / _relative(row)
        by_folder.setdefault(target.parent, set()).add(target.name)
    for folder, names in by_folder.items():
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            match = _TEMPORARY.match(entry)
            if match and match.group(1) in names:
                (folder / entry).unlink(missing_ok=True)


# -- the batch -------------------------------------------------------------------------------

def personalize(rows_csv: Path, content: Path, out: Path, reporter: Reporter, edition: str = "screen",
                jobs: int | None = None, force: bool = False,
                row_range: tuple[int, int | None] | None = None) -> int:
    """Write one PDF per row of ``rows_csv`` into ``out``; 0 when every row is written or up to
    date, 1 when some failed, 130 when interrupted (after writing what is finished)."""
    display = Path(rows_csv).name
    batch: Rows = read_rows(Path(rows_csv), display)
    if row_range is not None:
        batch = batch.select(*row_range)
    for error in batch.errors:
        reporter.error(f"{word('error')}: {error}", line=error.line)
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / MANIFEST
    _check_manifest_is_ours(manifest_path)
    lock = _lock(out)
    try:
        return _personalize(batch, display, content, out, manifest_path, reporter, edition, jobs, force)
    finally:
        os.close(lock)


def _unprintable(batch: Rows, display: str) -> list[ContentError]:
    """Rows whose name or event holds a character no bundled font has (it would print as a
    box on the cover): moved from the batch's rows to its errors, and returned."""
    from .render.coverage import uncovered

    found, kept = [], []
    for row in batch.rows:
        for field, text in (("name", row.name), ("event", row.event)):
            missing = uncovered(text)
            if missing:
                found.append(ContentError.of(display, "glyph.missing", field=field, line=row.line,
                                             char=missing[0], code=f"{ord(missing[0]):04X}"))
                break
        else:
            kept.append(row)
    batch.rows = kept
    batch.errors = sorted([*batch.errors, *found], key=lambda e: e.line or 0)
    return found


def _personalize(batch: Rows, display: str, content: Path, out: Path, manifest_path: Path, reporter: Reporter,
                 edition: str, jobs: int | None, force: bool) -> int:
    from .paths import STYLES
    from .render.sections import SectionRenderer

    started = time.perf_counter()
    prepared = prepare(content, out)
    renderer = SectionRenderer(EDITIONS[edition], STYLES)
    ctx = renderer.context(prepared)
    if not ctx.views or ctx.views[0].type != "cover":
        raise ContentError("brochure.yaml", msg("personalize.no_cover"), field="sections")
    for error in _unprintable(batch, display):
        reporter.error(f"{word('error')}: {error}", line=error.line)
    _BATCH.clear()
    _BATCH.update(renderer=renderer, ctx=ctx, cover=ctx.views[0], out=out, total=batch.total)
    probe = Row(0, "probe", "https://example.com/probe", "probe.pdf", "probe")
    _BATCH["base_key"] = hashlib.sha256(f"{_shared_key(renderer, ctx)}\0{edition}\0{_card_html(probe)}"
                                        .encode()).hexdigest()

    fingerprints_path = out / FINGERPRINTS
    fingerprints = _load_fingerprints(fingerprints_path)
    outcomes: dict[int, Outcome] = {}
    keys: dict[int, str] = {}
    todo: list[Row] = []
    for row in batch.rows:
        rel = _relative(row)
        keys[row.line] = _fingerprint(row)
        if not force and _up_to_date(fingerprints.get(rel), keys[row.line], out / rel):
            outcomes[row.line] = Outcome(row.line, rel, "skipped", bytes=(out / rel).stat().st_size)
        else:
            todo.append(row)

    interrupted = False
    if todo:
        try:
            interrupted = _make_rows(todo, prepared, renderer, reporter, jobs, outcomes, keys, fingerprints,
                                     fingerprints_path)
        except KeyboardInterrupt:  # before the workers started (shared pages) or as they stopped
            interrupted = True

    # The last files: with SIGINT/SIGTERM held back for the few milliseconds they take.
    with signals_blocked():
        for row in batch.rows:
            if row.line not in outcomes:
                outcomes[row.line] = Outcome(row.line, _relative(row), "pending", _text_pending())
        _save_fingerprints(fingerprints_path, fingerprints)
        atomic_write(manifest_path, _manifest(batch.rows, batch.errors, outcomes))

    for o in sorted(outcomes.values(), key=lambda o: o.line):
        if o.status == "failed":
            reporter.error(f"{word('error')}: {display}:{o.line}: {o.file}: {o.message}", line=o.line, file=o.file)
    count = {s: sum(o.status == s for o in outcomes.values()) for s in ("written", "skipped", "failed", "pending")}
    failed = count["failed"] + len(batch.errors)
    seconds = time.perf_counter() - started
    rate = count["written"] / seconds if seconds else 0
    reporter.status(word("personalize.summary", written=count["written"], skipped=count["skipped"], failed=failed,
                         seconds=f"{seconds:.2f}", rate=f"{rate:.1f}", encoding=batch.encoding, out=out),
                    event="summary", written=count["written"], skipped=count["skipped"], failed=failed,
                    pending=count["pending"], seconds=round(seconds, 3), encoding=batch.encoding, out=str(out))
    reporter.status(word("personalize.manifest", path=manifest_path), event="manifest", path=str(manifest_path))
    if interrupted:
        reporter.error(word("personalize.interrupted", written=count["written"], left=count["pending"]),
                       interrupted=True)
        return 130
    return 1 if failed else 0


def _make_rows(todo: list[Row], prepared, renderer, reporter: Reporter, jobs: int | None,
               outcomes: dict[int, Outcome], keys: dict[int, str], fingerprints: dict[str, dict],
               fingerprints_path: Path) -> bool:
    """The shared pages, then every row of ``todo``; True when interrupted."""
    out = _BATCH["out"]
    _remove_temporaries(out, todo)
    # Entries of the rows about to be rewritten go first: the file on disk never claims a PDF
    # it does not describe, whatever stops the batch.
    if any(_relative(row) in fingerprints for row in todo):
        for row in todo:
            fingerprints.pop(_relative(row), None)
        _save_fingerprints(fingerprints_path, fingerprints)
    # The shared brochure, plain cover included: laid out and written once, as one document
    # (each font embedded once, the same file make_pdf.py writes).
    t = time.perf_counter()
    # render_edition, as make_pdf.py lays an edition out (the size budget, the cache root of the
    # photos, links tagged, the plan embedded), with the renderer the cards are laid out with.
    result, note = render_within_budget(prepared, renderer.edition, renderer)
    _BATCH["shared"] = finish(result.data, pdfx=renderer.edition.press, marks=False, profile=prepared.output_profile,
                              spot=spot_colour(prepared))
    reporter.event("shared", pages=result.page_count, seconds=round(time.perf_counter() - t, 3), note=note)
    if note:
        reporter.status(note, event="note", text=note)
    return _run(todo, jobs or len(os.sched_getaffinity(0)), reporter, outcomes, keys, fingerprints,
                fingerprints_path)


def _text_pending() -> str:
    return word("personalize.pending")


def _run(rows: list[Row], jobs: int, reporter: Reporter, outcomes: dict[int, Outcome], keys: dict[int, str],
         fingerprints: dict[str, dict], fingerprints_path: Path) -> bool:
    """Make ``rows`` in worker processes; True when interrupted (Ctrl-C, SIGTERM)."""
    out = _BATCH["out"]
    last_save = [time.monotonic(), False]  # time, unsaved changes

    def on_result(index: int, result) -> None:
        row = rows[index]
        if isinstance(result, Crash):
            with signals_blocked():  # what it was writing goes, whatever is pressed meanwhile
                _remove_temporaries(out, [row])
            result = Outcome(row.line, _relative(row), "failed", _text("personalize.crashed", how=result.how))
        if result.status == "written":
            fingerprints[result.file] = {"key": keys[row.line], "bytes": result.bytes}
            last_save[1] = True
        outcomes[row.line] = result
        progress.advance(result)

    def tick() -> None:
        progress.tick()
        if last_save[1] and time.monotonic() - last_save[0] > CHECKPOINT_SECONDS:
            _save_fingerprints(fingerprints_path, fingerprints)  # a checkpoint, should the parent be killed
            last_save[:] = [time.monotonic(), False]

    # Stopped (Ctrl-C, SIGTERM), the pool kills and reaps every worker and, before a further
    # Ctrl-C can get through, removes what the killed ones were writing.
    pool = ForkPool(rows, _make, min(jobs, len(rows)), recycle=RECYCLE, limit=ROW_LIMIT,
                    on_kill=lambda killed: _remove_temporaries(out, [rows[i] for i in killed]))
    with batch_progress(reporter, len(rows), word("personalize.bar")) as progress:
        try:
            with pool:
                pool.run(range(len(rows)), on_result, tick)
        except KeyboardInterrupt:
            return True
    return False
