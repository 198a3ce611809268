"""Run a few tasks at the same time, each in a child forked from this (warm) process.

The children inherit everything the parent has ready — imported WeasyPrint, the content, the
fitted photos in memory — and pay none of it again. Each returns its result (or its error) to
the parent through a pipe. While they run:

- progress events logged in a child (``brochure.progress``, ``weasyprint.progress``) are
  logged again in the parent, tagged with the task's name (``record.edition``), so the
  parent's reporter shows them as if the work were its own;
- the first child that fails stops the others; its :class:`~brochure.errors.BrochureError`
  (or any other exception) is raised in the parent as it was — same message, same exit
  status — with the child's traceback as a note (shown with ``--debug``);
- an interruption of the parent (Ctrl-C, or SIGTERM through the CLI) stops every child
  before it propagates: no process is left behind. Children write nothing but their results
  to the pipe, so a stopped child leaves no file.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import pickle
import signal
import sys
import traceback
from multiprocessing.connection import wait
from typing import Any, Callable

PROGRESS_LOGGERS = ("brochure.progress", "weasyprint.progress")
STOP_SECONDS = 5  # after SIGTERM, a child still running is killed


class ChildFailed(Exception):
    """A child failed with an exception that could not be sent back as it was, or ended
    without a result: a bug (the CLI reports it as an internal error, exit status 3)."""


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class _Forward(logging.Handler):
    """In a child: send progress records to the parent."""

    def __init__(self, conn) -> None:
        super().__init__(logging.INFO)
        self.conn = conn

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.conn.send(("log", record.name, record.levelno, record.getMessage(),
                            getattr(record, "fields", None)))
        except (OSError, ValueError):
            pass  # the parent is gone or stopping us: nothing to report to


def _stop(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _child(name: str, task: Callable[[], Any], conn) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _stop)  # the parent stopping us: unwind (temporary files go)
    for logger_name in PROGRESS_LOGGERS:
        logger = logging.getLogger(logger_name)
        for handler in list(logger.handlers):  # the parent's reporter: never touched from here
            logger.removeHandler(handler)
        logger.addHandler(_Forward(conn))
        logger.propagate = False
    try:
        result = task()
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        detail = traceback.format_exc()
        try:
            payload = pickle.dumps(exc)
            pickle.loads(payload)
        except Exception:  # noqa: BLE001 - an exception that does not survive pickling
            payload = None
        conn.send(("error", payload, f"{type(exc).__name__}: {exc}", detail))
    else:
        conn.send(("done", result))
    finally:
        conn.close()


def _relog(task: str, logger_name: str, level: int, message: str, fields: dict | None) -> None:
    record = logging.makeLogRecord({"name": logger_name, "levelno": level,
                                    "levelname": logging.getLevelName(level), "msg": message,
                                    "edition": task, **({"fields": fields} if fields is not None else {})})
    logging.getLogger(logger_name).handle(record)


def run_forked(tasks: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run every task in its own forked child, all at once; their results by name."""
    ctx = multiprocessing.get_context("fork")
    children: dict[Any, tuple[str, Any]] = {}
    results: dict[str, Any] = {}
    sys.stdout.flush()
    sys.stderr.flush()
    frozen = gc.get_freeze_count() > 0
    gc.freeze()  # objects made so far are not collected in the children: fewer copied pages
    try:
        for name, task in tasks.items():
            receive, send = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_child, args=(name, task, send), name=f"brochure-{name}",
                                  daemon=True)
            process.start()
            send.close()
            children[receive] = (name, process)
        if not frozen:
            gc.unfreeze()
        open_ends = list(children)
        while open_ends:
            for conn in wait(open_ends):
                name, process = children[conn]
                try:
                    message = conn.recv()
                except EOFError:  # the child ended without a result
                    open_ends.remove(conn)
                    if name not in results:
                        process.join()
                        raise ChildFailed(f"the {name} task stopped unexpectedly "
                                          f"(exit status {process.exitcode})")
                    continue
                if message[0] == "log":
                    _relog(name, *message[1:])
                elif message[0] == "done":
                    results[name] = message[1]
                elif message[0] == "error":
                    _, payload, summary, detail = message
                    error = pickle.loads(payload) if payload is not None else ChildFailed(summary)
                    if not isinstance(error, Exception) or isinstance(error, (SystemExit, KeyboardInterrupt)):
                        error = ChildFailed(summary)
                    error.add_note(f"in the {name} task (forked child):\n{detail.rstrip()}")
                    raise error
        return results
    finally:
        for conn, (_, process) in children.items():
            if process.is_alive():
                process.terminate()
        for conn, (_, process) in children.items():
            process.join(STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
            conn.close()
        if not frozen and gc.get_freeze_count():
            gc.unfreeze()
