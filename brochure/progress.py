"""Progress and status: rich bars on a terminal, nothing with ``-q``, JSON lines with ``--json``.

The pipeline does not know about any of this: it logs events on the ``brochure.progress``
logger (photos) and WeasyPrint logs its own on ``weasyprint.progress`` (pages laid out, PDF
written). A :class:`Reporter` listens to both while a command runs.

Editions laid out at the same time in forked children (``forked.py``) send their records to
the parent, tagged with the edition; in this process :func:`edition_scope` tags them. Page
events then carry ``edition`` and the progress line shows each edition's page.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from contextlib import contextmanager
from typing import IO

from .messages import word

PAGE_RE = re.compile(r"Creating layout - Page (\d+)")

_edition: list[str | None] = [None]  # the edition this process is laying out, if known


def current_edition() -> str | None:
    return _edition[0]


@contextmanager
def edition_scope(name: str):
    """Progress records logged inside the block belong to edition ``name``."""
    previous, _edition[0] = _edition[0], name
    try:
        yield
    finally:
        _edition[0] = previous


class Reporter:
    def __init__(self, mode: str = "rich", stream: IO[str] | None = None) -> None:
        if mode not in ("rich", "quiet", "json"):
            raise ValueError(mode)
        self.mode = mode
        self.stream = stream or sys.stdout

    # -- one-line results ---------------------------------------------------------------
    def status(self, line: str, **event) -> None:
        """A result line (``wrote …``, a watch rebuild): printed unless quiet; in JSON mode
        the event fields are printed instead."""
        if self.mode == "json":
            self.event(**event) if event else self.event("status", text=line)
        elif self.mode == "rich":
            print(line, file=self.stream, flush=True)

    def error(self, text: str, **event) -> None:
        """Errors are shown even with ``-q`` (on stderr, or as a JSON event)."""
        if self.mode == "json":
            self.event("error", message=text, **event)
        else:
            print(text, file=sys.stderr if self.stream is sys.stdout else self.stream, flush=True)

    def warning(self, text: str, **event) -> None:
        """A warning about the content (the PDF was written but is flawed): on stderr, even
        with ``-q`` (a character printing as an empty box must never pass silently)."""
        if self.mode == "json":
            self.event("warning", message=text, **event)
        else:
            print(text, file=sys.stderr if self.stream is sys.stdout else self.stream, flush=True)

    def event(self, event: str, **fields) -> None:
        if self.mode == "json":
            record = {"event": event, "time": round(time.time(), 3), **fields}
            print(json.dumps(record, ensure_ascii=False, default=str), file=self.stream, flush=True)

    # -- progress while something runs ------------------------------------------------------
    @contextmanager
    def progress(self, description: str):
        """Show photos processed and pages laid out while the block runs."""
        handler = _ProgressHandler(self, description)
        loggers = [logging.getLogger("brochure.progress"), logging.getLogger("weasyprint.progress")]
        old_levels = [lg.level for lg in loggers]
        for lg in loggers:
            lg.addHandler(handler)
            lg.setLevel(logging.INFO)
        try:
            with handler.live():
                yield handler
        finally:
            for lg, level in zip(loggers, old_levels):
                lg.removeHandler(handler)
                lg.setLevel(level)


class _ProgressHandler(logging.Handler):
    def __init__(self, reporter: Reporter, description: str) -> None:
        super().__init__(logging.INFO)
        self.reporter = reporter
        self.description = description
        self.photos = 0
        self.pages = 0
        self.edition_pages: dict[str, int] = {}  # edition → last page laid out
        self._bar = None
        self._task = None

    @contextmanager
    def live(self):
        # Bars only on an interactive terminal: in a pipe or a log they would be noise.
        if self.reporter.mode == "rich" and sys.stderr.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                          transient=True) as bar:
                self._bar = bar
                self._task = bar.add_task(self.description, total=None)
                yield
            self._bar = None
        else:
            yield

    def _show(self, text: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=f"{self.description}: {text}")

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        edition = getattr(record, "edition", None) or _edition[0]
        tag = {"edition": edition} if edition else {}
        if record.name.startswith("brochure"):
            fields = getattr(record, "fields", {})
            if fields.get("event") == "photo":
                self.photos += 1
                message = word("progress.photo", file=fields.get("file", ""))
            self.reporter.event(**fields) if fields else None
            self._show(message)
        elif match := PAGE_RE.search(message):
            self.pages = int(match.group(1))
            self.reporter.event("page", page=self.pages, **tag)
            if edition:
                self.edition_pages[edition] = self.pages
                self._show(word("progress.pages_of", pages=", ".join(
                    word("progress.edition_page", edition=name, n=n) for name, n in self.edition_pages.items())))
            else:
                self._show(word("progress.page", n=self.pages))
        elif "Creating PDF" in message or "Step 6" in message:
            self.reporter.event("writing", **tag)
            self._show(word("progress.writing_edition", edition=edition) if edition else word("progress.writing"))


class _PartPages(logging.Filter):
    """While sections are laid out one by one (the planner, ``render.sections``), WeasyPrint's
    "Page N" counts the part's pages, lead-in page included, and a section may be laid out
    again in another variant. This filter, on the logger itself (so that it acts in a forked
    child before its records are sent on), turns N into the brochure's page number, drops the
    lead-in page and every page not beyond the highest one already reported."""

    def __init__(self) -> None:
        super().__init__()
        self.base, self.lead_in, self.highest = 0, 0, 0

    def filter(self, record: logging.LogRecord) -> bool:
        match = PAGE_RE.search(record.getMessage())
        if not match:
            return True
        number = int(match.group(1))
        if number <= self.lead_in:
            return False
        number = number - self.lead_in + self.base
        if number <= self.highest:
            return False
        self.highest = number
        record.msg, record.args = f"Step 5 - Creating layout - Page {number}", None
        return True


_part_pages = _PartPages()


@contextmanager
def planning_pages():
    """Around one build's planning: page events count the brochure's pages once, rising."""
    logger = logging.getLogger("weasyprint.progress")
    _part_pages.base, _part_pages.lead_in, _part_pages.highest = 0, 0, 0
    logger.addFilter(_part_pages)
    try:
        yield
    finally:
        logger.removeFilter(_part_pages)


@contextmanager
def pages_from(first_page: int, lead_in: int = 0):
    """Progress pages of a part laid out from ``first_page`` after ``lead_in`` pages."""
    before = (_part_pages.base, _part_pages.lead_in)
    _part_pages.base, _part_pages.lead_in = first_page - 1, lead_in
    try:
        yield
    finally:
        _part_pages.base, _part_pages.lead_in = before


def log_event(message: str, **fields) -> None:
    """Log a progress event for whoever listens (a :class:`Reporter`), cheaply otherwise."""
    logger = logging.getLogger("brochure.progress")
    if logger.isEnabledFor(logging.INFO):
        logger.info(message, extra={"fields": fields})


class BatchProgress:
    """Progress of a batch of rows: a bar with the time left on a terminal, a line every
    ``every`` seconds in a log, JSON ``row`` and ``progress`` events with ``--json``.
    ``advance(outcome)`` per finished row; ``tick()`` as often as the caller can (the bar is
    redrawn there, by the caller's thread: no refresh thread, so worker processes can be forked
    at any time)."""

    def __init__(self, reporter: Reporter, total: int, label: str, every: float = 10.0) -> None:
        self.reporter = reporter
        self.total = total
        self.label = label
        self.every = every
        self.done = 0
        self.start = time.monotonic()
        self.first: float | None = None  # when the first row finished (start-up excluded)
        self._last_line = self.start
        self._bar = None
        self._task = None

    def rate(self) -> float:
        """Rows per second since the first row finished (the start-up is not in it)."""
        if self.first is None or self.done < 2:
            return 0.0
        elapsed = time.monotonic() - self.first
        return (self.done - 1) / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        rate = self.rate()
        return (self.total - self.done) / rate if rate else None

    def advance(self, outcome) -> None:
        self.done += 1
        if self.first is None:
            self.first = time.monotonic()
        if self._bar is not None:
            self._bar.advance(self._task)
        self.reporter.event("row", line=outcome.line, file=outcome.file, status=outcome.status,
                            message=outcome.message)

    def tick(self) -> None:
        now = time.monotonic()
        if self._bar is not None:
            if now - self._last_line >= 0.1:  # at most ten redraws a second
                self._last_line = now
                self._bar.refresh()
        elif now - self._last_line >= self.every and self.done < self.total:
            self._last_line = now
            eta = self.eta()
            if self.reporter.mode == "json":
                self.reporter.event("progress", done=self.done, total=self.total, rate=round(self.rate(), 2),
                                    eta_seconds=None if eta is None else round(eta))
            elif self.reporter.mode == "rich" and eta is not None:
                from .messages import word

                left = word("personalize.minutes", n=round(eta / 60)) if eta >= 90 else \
                    word("personalize.seconds", n=max(1, round(eta)))
                print(word("personalize.progress", done=self.done, total=self.total,
                           rate=f"{self.rate():.1f}", eta=left), file=sys.stderr, flush=True)


@contextmanager
def batch_progress(reporter: Reporter, total: int, label: str):
    progress = BatchProgress(reporter, total, label, every=1.0 if reporter.mode == "json" else 10.0)
    if reporter.mode == "rich" and sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        with Progress("{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      transient=True, auto_refresh=False) as bar:
            progress._bar, progress._task = bar, bar.add_task(label, total=total)
            yield progress
    else:
        yield progress
