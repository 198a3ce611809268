"""Temporary folders that a library makes and leaves to its objects' finalisers to remove,
removed here at exit by the process that made them.

WeasyPrint writes the fonts of our ``@font-face`` rules (≈29 MB) into a folder of its own
(``/tmp/weasyprint-*``) once per process, and removes it when its font configuration is
garbage collected. The command-line entry points end without Python's teardown
(``cli.exit_now``) and forked workers with ``os._exit``, so that never happens: every build
left its folder behind. :mod:`.render.weasy` registers each such folder here; the exit
handlers remove the ones this process made (``cli.exit_now`` runs them), and a forked worker
calls :func:`remove_own` before it ends. A folder made by a parent is never removed by the
child that shares it.
"""

from __future__ import annotations

import atexit
import os
import shutil

_FOLDERS: list[tuple[int, str]] = []  # (pid of the process that made it, path)
_HANDLER = [False]


def register(path) -> None:
    """Remove ``path`` (a folder this process just made) when this process ends."""
    _FOLDERS.append((os.getpid(), str(path)))
    if not _HANDLER[0]:
        atexit.register(remove_own)
        _HANDLER[0] = True


def remove_own() -> None:
    """Remove the registered folders this process made."""
    pid = os.getpid()
    for entry in [f for f in _FOLDERS if f[0] == pid]:
        shutil.rmtree(entry[1], ignore_errors=True)
        _FOLDERS.remove(entry)
