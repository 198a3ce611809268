"""``brochure personalize ROWS.csv``: one PDF per row, addressed on the cover with its own QR.

Only the cover differs between copies, and only by a card (name, event, QR code). So the
brochure is laid out and written once, with the plain cover, as ``make_pdf.py`` makes it; each
row then costs the layout
of its card alone, on an otherwise empty page of the cover's size, printed over the shared
cover (``press.assemble.stamp``, link annotation included). Rows are spread over all cores
by forked workers, which inherit the warm WeasyPrint state and the shared PDF.

A row is skipped when its PDF exists and was made from the same content, styles and row
values (a fingerprint per file in ``.personalize.json`` in the output folder). A bad row is
reported with its line number and the others still go through; the exit status is 1 when
any row failed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .assets.qr import qr_svg
from .build import atomic_write, prepare, render_edition
from .content.rows import Row, read_rows
from .editions import EDITIONS
from .errors import BrochureError, ContentError
from .messages import msg, word
from .press.finish import finish
from .progress import Reporter
from .render.html import render_recipient_overlay

MANIFEST = ".personalize.json"
QR_LABEL = "あなたへのご案内"


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
    file: str
    status: str  # written | skipped | failed
    message: str = ""


# State of a batch, set in the parent before the workers fork (inherited, never pickled).
_BATCH: dict = {}


def _card_view(row: Row):
    cover = _BATCH["cover"]
    return dataclasses.replace(
        cover, recipient=Recipient(row.name, row.event, _Link("recipient", row.url)),
        qr={**cover.qr, "recipient": Markup(qr_svg(row.url, QR_LABEL))})


def _card_html(row: Row) -> str:
    renderer, ctx = _BATCH["renderer"], _BATCH["ctx"]
    return render_recipient_overlay(ctx.brochure, _card_view(row), edition=renderer.edition.name)


def _whole(row: Row) -> bytes:
    """Tagged editions: the whole brochure laid out for the row (one structure tree; slow)."""
    from .paths import STYLES, STYLESHEETS
    from .render.html import render_html
    from .render.pdf import render_pdf

    renderer, ctx, prepared = _BATCH["renderer"], _BATCH["ctx"], _BATCH["prepared"]
    from .press.links import tag_links

    edition = renderer.edition
    html = render_html(ctx.brochure, [_card_view(row), *ctx.views[1:]], edition=edition.name,
                       blank_pages=_BATCH["blank"],
                       stylesheets=[STYLES / n for n in (*STYLESHEETS, *edition.stylesheets)])
    data = render_pdf(html, prepared.content_root, prepared.allowed_roots, **edition.pdf_options).data
    labels = {str(link.url): link.label for link in ctx.brochure.meta.links}
    labels[row.url] = QR_LABEL
    return finish(tag_links(data, labels), pdfx=edition.press, marks=False, profile=prepared.output_profile)


def _fingerprint(row: Row) -> str:
    return hashlib.sha256(f"{_BATCH['shared_key']}\0{_card_html(row)}".encode()).hexdigest()


def _make(row: Row) -> Outcome:
    """One row's PDF: its card laid out, printed over the shared cover, written atomically."""
    from .press.assemble import stamp

    renderer, ctx = _BATCH["renderer"], _BATCH["ctx"]
    try:
        if _BATCH["whole"]:
            atomic_write(_BATCH["out"] / row.file, _whole(row))
            return Outcome(row.line, row.file, "written")
        card = renderer.part(ctx, _card_html(row), "", 1)
        if card.pages != 1:
            return Outcome(row.line, row.file, "failed", msg("personalize.card_pages", pages=card.pages).text())
        data = stamp(_BATCH["shared"], 0, renderer.write(card), links=not renderer.edition.press)
        atomic_write(_BATCH["out"] / row.file, data)
    except BrochureError as exc:
        return Outcome(row.line, row.file, "failed", str(exc).splitlines()[0])
    except Exception as exc:  # a bug must not stop the batch: report it on its row
        return Outcome(row.line, row.file, "failed",
                       msg("personalize.internal", detail=f"{type(exc).__name__}: {exc}").text())
    return Outcome(row.line, row.file, "written")


def _shared_key(renderer, ctx) -> str:
    """Everything the shared pages depend on, without laying anything out."""
    from .render.sections import plan_parts

    h = hashlib.sha256(ctx.key.encode())
    for views, blank in plan_parts(ctx.views, 0):
        h.update(renderer.part_html(ctx, views, blank).encode())
    return h.hexdigest()


def personalize(rows_csv: Path, content: Path, out: Path, reporter: Reporter, edition: str = "print",
                jobs: int | None = None, force: bool = False) -> int:
    from .render.sections import SectionRenderer, joinable

    started = time.perf_counter()
    batch = read_rows(Path(rows_csv), Path(rows_csv).name)
    for error in batch.errors:
        reporter.error(f"{word('error')}: {error}", line=error.line)
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    prepared = prepare(content, out)
    renderer = SectionRenderer(EDITIONS[edition])
    ctx = renderer.context(prepared)
    if not ctx.views or ctx.views[0].type != "cover":
        raise ContentError.of("brochure.yaml", "personalize.cover_first", field="sections")
    _BATCH.update(renderer=renderer, ctx=ctx, cover=ctx.views[0], out=out, prepared=prepared,
                  whole=not joinable(renderer.edition))
    _BATCH["shared_key"] = _shared_key(renderer, ctx)

    manifest_path = out / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    todo, outcomes, keys = [], [], {}
    for row in batch.rows:
        keys[row.file] = _fingerprint(row)
        if not force and manifest.get(row.file) == keys[row.file] and (out / row.file).is_file():
            outcomes.append(Outcome(row.line, row.file, "skipped"))
        else:
            todo.append(row)

    if todo:
        # The shared brochure, plain cover included: laid out and written once, as one
        # document (each font embedded once, the same file make_pdf.py writes).
        t = time.perf_counter()
        result = render_edition(prepared, renderer.edition)
        shared = finish(result.data, pdfx=renderer.edition.press, marks=False, profile=prepared.output_profile)
        _BATCH["shared"], _BATCH["blank"] = shared, result.blank_pages
        reporter.event("shared", pages=result.page_count, seconds=round(time.perf_counter() - t, 3))
        outcomes += _run(todo, jobs or len(os.sched_getaffinity(0)), reporter)

    for o in outcomes:
        if o.status == "written":
            manifest[o.file] = keys[o.file]
        elif o.status == "failed":
            manifest.pop(o.file, None)
            reporter.error(f"{word('error')}: {Path(rows_csv).name}:{o.line}: {o.message}", line=o.line, file=o.file)
    atomic_write(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1).encode())

    count = {s: sum(o.status == s for o in outcomes) for s in ("written", "skipped", "failed")}
    failed = count["failed"] + len(batch.errors)
    seconds = time.perf_counter() - started
    rate = count["written"] / seconds if seconds else 0
    reporter.status(word("personalize.summary", written=count["written"], skipped=count["skipped"], failed=failed,
                         seconds=f"{seconds:.2f}", rate=f"{rate:.1f}", encoding=batch.encoding, out=out),
                    event="summary", written=count["written"], skipped=count["skipped"], failed=failed,
                    seconds=round(seconds, 3), encoding=batch.encoding, out=str(out))
    return 1 if failed else 0


def _worker_signals() -> None:
    """Workers leave interruptions to the parent: the CLI's SIGTERM handler (inherited by fork)
    would otherwise turn the pool's own shutdown into a KeyboardInterrupt traceback."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(rows: list[Row], jobs: int, reporter: Reporter) -> list[Outcome]:
    from .progress import row_progress

    jobs = max(1, min(jobs, len(rows)))
    with row_progress(reporter, len(rows)) as advance:
        if jobs == 1:
            outcomes = []
            for row in rows:
                outcomes.append(_make(row))
                advance(outcomes[-1])
            return outcomes
        # fork: the workers inherit WeasyPrint, the fonts, the stylesheets and the shared PDF.
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_signals) as pool:
            outcomes = []
            for outcome in pool.imap_unordered(_make, rows, chunksize=max(1, len(rows) // (jobs * 8))):
                outcomes.append(outcome)
                advance(outcome)
        return sorted(outcomes, key=lambda o: o.line)
