"""Writing files whole, with the user's permissions, and saying clearly why the disk refused.

Every file the tool writes (PDFs, HTML, cache entries) goes to a hidden temporary file beside
it, ``.NAME.xxxxxxxx.tmp`` (eight random characters), which is renamed over ``NAME`` only once
it is complete:

- it is created with mode 0666 less the process umask, applied by the system itself: the
  umask is never changed (``os.umask`` would change it for every thread of the process);
- it is locked (``flock``) while its writer lives, so a later run can tell a temporary file
  left by a run that was killed (``kill -9``, a power cut) from one being written right now;
  :func:`remove_stale_temps` removes only the former, only of this exact pattern, only old;
- :func:`environment_error` turns what the disk refused (a full disk, a read-only disk, no
  permission, a file where a folder is expected) into one line saying what to do (exit 2).
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import secrets
import time
from pathlib import Path

from .errors import BrochureError
from .messages import msg, os_reason

TEMP_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"  # as tempfile's names
TEMP_RANDOM = 8
# What the disk or the system refuses, never a bug of ours: exit status 2 with its own message.
ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR,
                      errno.EEXIST, errno.EISDIR, errno.EMFILE, errno.ENFILE, errno.ENOMEM, errno.EIO,
                      errno.ENAMETOOLONG}
STALE_SECONDS = 60  # a temporary file this old and not locked by a live writer was abandoned


def temp_pattern(name: str) -> re.Pattern:
    """The temporary files of ``name`` that this module makes, and nothing else."""
    return re.compile(rf"\.{re.escape(name)}\.[{TEMP_ALPHABET}]{{{TEMP_RANDOM}}}\.tmp")


def write_fd(fd: int, data: bytes) -> None:
    """All of ``data`` to ``fd`` (the write layer: a full disk shows here as ENOSPC)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def temp_path(path: Path) -> Path:
    """A fresh name for a temporary file of ``path`` (:func:`temp_pattern`)."""
    suffix = "".join(secrets.choice(TEMP_ALPHABET) for _ in range(TEMP_RANDOM))
    return path.parent / f".{path.name}.{suffix}.tmp"


def write_temp(path: Path, data: bytes, durable: bool = True, made: list | None = None) -> tuple[int, Path]:
    """``data`` in a new temporary file beside ``path``, on the disk (fsync) if ``durable``;
    the file is left open and locked (rename it, then close the descriptor), and ``(fd, path)``
    is added to ``made`` before anything can interrupt the caller. Interrupted at any moment
    (Ctrl-C, SIGTERM from a pool stopping its workers), it leaves no file behind."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = temp_path(path)
        fd = None
        try:
            fd = os.open(tmp, flags, 0o666)  # the system applies the umask
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # new and ours: never contended
            except OSError:
                pass  # a file system without locks: the age alone protects it
            write_fd(fd, data)
            if durable:
                os.fsync(fd)
            if made is not None:
                made.append((fd, tmp))
            return fd, tmp
        except FileExistsError:
            if fd is None:
                continue  # the name was taken: another one
            raise
        except BaseException:
            # Also when interrupted just after the file was made (fd not yet assigned): the
            # name is random and was free a moment ago, so a file there is ours.
            if made is None or (fd, tmp) not in made:
                if fd is not None:
                    os.close(fd)
                tmp.unlink(missing_ok=True)
            raise
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def write_whole(path: Path, data: bytes, durable: bool = True) -> None:
    """``path`` replaced by ``data`` at once: a reader sees the old file or the new one."""
    made: list[tuple[int, Path]] = []
    try:
        write_temp(path, data, durable, made)
        os.replace(made[0][1], path)
    except BaseException:
        for _, tmp in made:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        for fd, _ in made:
            os.close(fd)


def remove_stale_temps(folder: Path, name: str, min_age: float = STALE_SECONDS) -> list[Path]:
    """Remove the temporary files of ``name`` in ``folder`` left by runs that were killed
    while writing: only names of :func:`temp_pattern`, only regular files older than
    ``min_age`` seconds, only when no live process holds their lock. Returns what went."""
    pattern = temp_pattern(name)
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not pattern.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if now - st.st_mtime < min_age:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live run is writing it
            if os.lstat(entry.path).st_ino == st.st_ino:  # still the file we locked
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed


def _existing(path: Path) -> Path:
    """``path`` or its nearest ancestor that exists."""
    path = Path(path).absolute()
    while not os.path.lexists(path) and path != path.parent:
        path = path.parent
    return path


def _read_only(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def environment_error(exc: OSError, path: Path | str) -> BrochureError:
    """What the disk refused while writing ``path``, as one line saying what to do."""
    path = Path(path)
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return BrochureError(msg("out.full", path=path))
    if code == errno.EROFS or (code in (errno.EACCES, errno.EPERM) and _read_only(_existing(path))):
        return BrochureError(msg("out.read_only", path=_existing(path)))
    if code in (errno.ENOTDIR, errno.EEXIST) or (code == errno.ENOENT and _existing(path).is_file()):
        blocker = _existing(path)
        if blocker.is_file() or blocker.is_symlink() and not blocker.is_dir():
            return BrochureError(msg("out.not_folder", path=blocker))
    if code in (errno.EACCES, errno.EPERM):
        return BrochureError(msg("out.denied", path=_existing(path)))
    return BrochureError(msg("file.io", path=exc.filename or path, reason=os_reason(exc)))


def check_out_folder(folder: Path | str) -> None:
    """Before any work: ``folder`` is (or can be made as) a folder this process may write to."""
    folder = Path(folder).absolute()
    existing = _existing(folder)
    if not existing.is_dir():
        raise BrochureError(msg("out.not_folder", path=existing))
    if _read_only(existing):
        raise BrochureError(msg("out.read_only", path=existing))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise BrochureError(msg("out.denied", path=existing))
