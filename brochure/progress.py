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
            self.reporter.event(**fields) if fields else None
            self._show(message)
        elif match := PAGE_RE.search(message):
            self.pages = int(match.group(1))
            self.reporter.event("page", page=self.pages, **tag)
            if edition:
                self.edition_pages[edition] = self.pages
                self._show(", ".join(f"{name} page {n}" for name, n in self.edition_pages.items())
                           + " laid out")
            else:
                self._show(f"page {self.pages} laid out")
        elif "Creating PDF" in message or "Step 6" in message:
            self.reporter.event("writing", **tag)
            self._show(f"writing {edition} PDF" if edition else "writing PDF")


def log_event(message: str, **fields) -> None:
    """Log a progress event for whoever listens (a :class:`Reporter`), cheaply otherwise."""
    logger = logging.getLogger("brochure.progress")
    if logger.isEnabledFor(logging.INFO):
        logger.info(message, extra={"fields": fields})


@contextmanager
def row_progress(reporter: Reporter, total: int):
    """A bar over a batch of rows; yields ``advance(outcome)`` (outcome has line/file/status)."""
    if reporter.mode == "rich" and sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        with Progress("{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      transient=True) as bar:
            task = bar.add_task("PDFs written", total=total)
            yield lambda outcome: bar.advance(task)
    else:
        yield lambda outcome: reporter.event("row", line=outcome.line, file=outcome.file,
                                             status=outcome.status, message=outcome.message)
