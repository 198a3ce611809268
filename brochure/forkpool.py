"""Forked worker processes for batches, that stop cleanly whatever happens.

Why not ``multiprocessing.Pool``: its handler thread forks replacement workers on its own, also
while the pool is being torn down after Ctrl-C, and such a late worker could wait on the pool's
queue for ever (seen: 26 minutes after a ``timeout`` had stopped a batch). Here everything is
done by the calling (main) thread, and there is no thread at all:

- workers are forked by the caller, with SIGINT and SIGTERM blocked across the fork so that a
  signal cannot land between a fork and the bookkeeping of its process id;
- each worker has a pipe of its own for tasks and one for results, and one task in flight at a
  time, so the parent always knows which item a worker is on;
- workers ignore SIGINT and SIGTERM (Ctrl-C reaches the whole process group, ``timeout`` signals
  it too): stopping is the parent's job. Whatever ends the parent's loop (a signal turned into
  KeyboardInterrupt, an error) kills every worker with SIGKILL and reaps it before returning,
  then lets the caller clean up after the items they were on (``on_kill``), all with SIGINT and
  SIGTERM held back, so that pressing Ctrl-C again cannot leave a half-written file;
- a worker whose parent dies is killed by the kernel (``PR_SET_PDEATHSIG`` on Linux) and, on
  any system, reads end-of-file on its task pipe and exits;
- a worker that dies (SIGKILL, out of memory, a crash in C code) fails the one item it was on,
  as a :class:`Crash`; a new worker is forked and the batch goes on;
- a worker still on one item after ``limit`` seconds (a hang) is killed, and the item fails;
- a worker exits after ``recycle`` items and a fresh one is forked from the parent, which
  bounds the memory a long batch can accumulate in one process.

Workers share the process group of the parent, so ``kill -- -PGID`` (and a terminal's Ctrl-C)
reaches them all, and a test can assert by process group that nothing survives.
"""

from __future__ import annotations

import ctypes
import errno
import gc
import os
import pickle
import select
import signal
import struct
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from . import tempfolders

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_HEADER = struct.Struct("!I")
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Crash:
    """A worker died while working on an item: how (``signal 9 (SIGKILL)``, ``exit status 1``)."""

    how: str
    signal: int | None = None


@dataclass
class _Worker:
    pid: int
    tasks: int  # parent → worker (write end)
    results: int  # worker → parent (read end)
    current: int | None = None  # index of the item in flight
    done: int = 0
    started: float = 0.0  # when the item in flight was sent
    overdue: bool = False  # killed for taking longer than the pool's time limit


@contextmanager
def signals_blocked():
    """SIGINT and SIGTERM held back (delivered when the block ends): for a fork and its
    bookkeeping, or for writing the last files after an interruption."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _read_exact(fd: int, n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        chunk = os.read(fd, n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _send(fd: int, payload: bytes) -> None:
    data = _HEADER.pack(len(payload)) + payload
    while data:
        data = data[os.write(fd, data):]


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl: nobody to work for
        os._exit(0)


def _worker_main(items: Sequence[Any], work: Callable[[Any], Any], tasks: int, results: int,
                 recycle: int) -> int:
    done = 0
    while done < recycle:
        header = _read_exact(tasks, _HEADER.size)
        if header is None:  # the parent closed the pipe (finished, or died)
            return 0
        index = _HEADER.unpack(header)[0]
        result = work(items[index])
        _send(results, pickle.dumps((index, result), protocol=pickle.HIGHEST_PROTOCOL))
        done += 1
    return 0


def _describe(status: int) -> Crash:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return Crash(f"{name}", number)
    return Crash(f"exit status {os.waitstatus_to_exitcode(status)}")


class ForkPool:
    """Run ``work(items[i])`` for every index given to :meth:`run`, in ``jobs`` forked workers.

    ``work`` and ``items`` are inherited by the fork (never pickled); each result is pickled
    back. The pool is used once: ``with ForkPool(...) as pool: pool.run(indices, on_result)``.
    Leaving the ``with`` block (normally, by an exception or by KeyboardInterrupt) leaves no
    worker alive: they are killed and reaped."""

    def __init__(self, items: Sequence[Any], work: Callable[[Any], Any], jobs: int, *,
                 recycle: int = 1000, limit: float | None = None,
                 on_fork: Callable[[], None] | None = None,
                 on_kill: Callable[[list[int]], None] | None = None) -> None:
        self.items = items
        self.work = work
        self.jobs = max(1, jobs)
        self.recycle = max(1, recycle)
        self.limit = limit  # seconds one item may take
        self.on_fork = on_fork  # run in each new worker, before its first item
        # Run in the parent with the items whose workers were killed mid-item (what they were
        # writing is to be removed), before SIGINT and SIGTERM are let through again: a second
        # Ctrl-C cannot cut the clean-up short.
        self.on_kill = on_kill
        self.workers: dict[int, _Worker] = {}  # by results fd
        self.forked = 0
        self.killed: list[int] = []  # items in flight when the pool was closed with kill
        self._parent = os.getpid()

    # -- life cycle --------------------------------------------------------------------------
    def __enter__(self) -> "ForkPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close(kill=exc[0] is not None)

    def close(self, kill: bool = True) -> None:
        """End every worker: closing its task pipe lets an idle one exit; with ``kill`` (or
        when one does not exit at once) SIGKILL. Returns once each is reaped."""
        with signals_blocked():
            killed = []
            for worker in list(self.workers.values()):
                if worker.current is not None:
                    killed.append(worker.current)
                self._end(worker, kill=kill or worker.current is not None)
            self.workers.clear()
            self.killed += killed
            if killed and self.on_kill is not None:
                self.on_kill(killed)

    def _end(self, worker: _Worker, kill: bool) -> int:
        for fd in (worker.tasks, worker.results):
            try:
                os.close(fd)
            except OSError:
                pass
        if kill:
            try:
                os.kill(worker.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        while True:
            try:
                return os.waitpid(worker.pid, 0)[1]
            except InterruptedError:
                continue
            except ChildProcessError:
                return 0

    def _fork(self) -> _Worker:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        others = [fd for w in self.workers.values() for fd in (w.tasks, w.results)]
        with signals_blocked():
            gc.collect()
            gc.freeze()  # objects made so far stay out of the workers' collections (copy-on-write)
            pid = os.fork()
            if pid == 0:  # the worker: never returns into the caller's code
                status = 70
                try:
                    for sig in STOP_SIGNALS:
                        signal.signal(sig, signal.SIG_IGN)
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
                    _die_with_parent(self._parent)
                    for fd in (task_w, result_r, *others):
                        os.close(fd)
                    if self.on_fork is not None:
                        self.on_fork()
                    status = _worker_main(self.items, self.work, task_r, result_w, self.recycle)
                except BaseException:  # noqa: BLE001 - a worker reports by its exit status only
                    status = 70
                finally:
                    tempfolders.remove_own()  # os._exit runs no exit handler
                    os._exit(status)
            gc.unfreeze()
            os.close(task_r)
            os.close(result_w)
            worker = _Worker(pid, task_w, result_r)
            self.workers[result_r] = worker
            self.forked += 1
        return worker

    # -- the batch ---------------------------------------------------------------------------
    def run(self, indices: Sequence[int], on_result: Callable[[int, Any], None],
            tick: Callable[[], None] | None = None, interval: float = 0.2) -> None:
        """Work through ``indices``; ``on_result(index, result or Crash)`` as each finishes,
        ``tick()`` at least every ``interval`` seconds (progress, checkpoints)."""
        pending = list(reversed(indices))

        def feed(worker: _Worker) -> None:
            if pending and worker.done < self.recycle:
                worker.current, worker.started = pending.pop(), time.monotonic()
                try:
                    os.write(worker.tasks, _HEADER.pack(worker.current))  # 4 bytes: atomic
                except BrokenPipeError:  # it died just now: found by the read below
                    pass

        while pending or any(w.current is not None for w in self.workers.values()):
            while pending and len(self.workers) < min(self.jobs, len(pending) + self._busy()):
                feed(self._fork())
            if tick is not None:
                tick()
            self._kill_overdue()
            try:
                ready, _, _ = select.select(list(self.workers), [], [], interval)
            except InterruptedError:  # pragma: no cover - PEP 475 retries; kept for clarity
                continue
            for fd in ready:
                worker = self.workers[fd]
                message = self._receive(worker)
                if message is not None:
                    index, result = message
                    worker.current, worker.done = None, worker.done + 1
                    on_result(index, result)
                    if worker.done < self.recycle:
                        feed(worker)
                        continue
                # End of file: the worker exited (recycled after its items) or died.
                del self.workers[fd]
                lost = worker.current
                status = self._end(worker, kill=lost is not None)
                if lost is not None:
                    on_result(lost, Crash(f"no result after {self.limit:g} s", signal.SIGKILL)
                              if worker.overdue else _describe(status))
        if tick is not None:
            tick()

    def _kill_overdue(self) -> None:
        if self.limit is None:
            return
        now = time.monotonic()
        for worker in self.workers.values():
            if worker.current is not None and not worker.overdue and now - worker.started > self.limit:
                worker.overdue = True
                try:
                    os.kill(worker.pid, signal.SIGKILL)  # its pipe then reads end-of-file
                except ProcessLookupError:
                    pass

    def _busy(self) -> int:
        return sum(w.current is not None for w in self.workers.values())

    @staticmethod
    def _receive(worker: _Worker):
        try:
            header = _read_exact(worker.results, _HEADER.size)
            payload = header and _read_exact(worker.results, _HEADER.unpack(header)[0])
        except OSError as exc:
            if exc.errno not in (errno.EPIPE, errno.ECONNRESET, errno.EBADF):
                raise
            return None
        return pickle.loads(payload) if payload else None

    def pids(self) -> list[int]:
        return [w.pid for w in self.workers.values()]
