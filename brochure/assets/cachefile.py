"""Files the tool derives from the content (fitted photos, chart lines), in the shared cache.

The cache folder (``paths.user_cache_dir``) is shared by every build, check, watch and
personalize run of the user, whatever their output folder, and by several of them at once:

- every entry is written to a unique temporary name, flushed to the disk (fsync), then renamed:
  readers see whole files;
- a sealed entry carries the SHA-256 of its bytes in its name (``<key>-<digest>.jpg``) and is
  read back only when the bytes match: a truncated or corrupt file is deleted and made again,
  never used;
- the folder is bounded in size: past ``paths.cache_max_bytes()`` the least recently used
  entries are removed first, never one used in the last hour (a build in progress may be
  about to read it).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path

from ..files import write_whole
from ..paths import CACHE_URL_SCHEME

DIGEST_CHARS = 16  # of the SHA-256 hex digest of an entry's bytes, in its name
IN_USE_SECONDS = 3600  # entries used this recently are never evicted; stale temp files go after it
# What eviction may remove: only files this tool writes, in its own folders of the cache (the
# folder may be pointed anywhere with BROCHURE_CACHE_DIR: nothing else there is touched).
# bytecode: the tool's compiled modules (brochure/bytecode.py); cffi: WeasyPrint's C
# declarations parsed (render/weasy.py).
OWN_FOLDERS = ("photos", "orgchart", "bytecode", "cffi")
OWN_FILE = re.compile(r"[0-9a-f]{32}(-[0-9a-f]{%d})?\.(jpg|svg|pyc|pickle)" % DIGEST_CHARS)
OWN_TEMP = re.compile(r"\.[0-9a-f]{32}(-[0-9a-f]{%d})?\.(jpg|svg|pyc|pickle)\.[^/]+\.tmp" % DIGEST_CHARS)


def write_cache_file(path: Path, data: bytes) -> None:
    """Unique temporary name, on the disk (fsync), then rename: an interrupted build or a
    power cut leaves no half file under an entry's name. Readable as the umask allows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_whole(path, data, durable=True)


def cached_text_file(folder: Path, text: str, suffix: str) -> Path:
    """Write ``text`` to a file named by its hash (once) so the PDF renderer can load it; a
    file of that name with other bytes (truncated, corrupt) is written again."""
    data = text.encode("utf-8")
    path = folder / (hashlib.sha256(data).hexdigest()[:32] + suffix)
    try:
        sound = path.read_bytes() == data
    except OSError:
        sound = False
    if not sound:
        write_cache_file(path, data)
    return path


def cache_url(path: Path) -> str:
    """How the PDF renderer asks for a cache file: ``brochure-cache:<folder>/<name>``, the same
    wherever the cache and the output folder are, so the image ids WeasyPrint derives from URLs
    are stable."""
    return f"{CACHE_URL_SCHEME}:{Path(path).parent.name}/{Path(path).name}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:DIGEST_CHARS]


def sealed_name(key: str, data: bytes, suffix: str) -> str:
    return f"{key}-{digest(data)}{suffix}"


def touch(path: Path) -> None:
    """Mark an entry as used now (its access time; the modification time stays its birth)."""
    try:
        os.utime(path, ns=(time.time_ns(), path.stat().st_mtime_ns))
    except OSError:
        pass


# folder → (its mtime_ns when listed, key → names): one listing per change of the folder.
_LISTINGS: dict[Path, tuple[int, dict[str, list[str]]]] = {}


def _entries(folder: Path, key: str) -> list[str]:
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        return []
    listed = _LISTINGS.get(folder)
    if listed is None or listed[0] != stamp:
        names: dict[str, list[str]] = {}
        with os.scandir(folder) as it:
            for entry in it:
                if not entry.name.startswith("."):
                    names.setdefault(entry.name.rsplit("-", 1)[0], []).append(entry.name)
        listed = _LISTINGS[folder] = (stamp, names)
    return listed[1].get(key, [])


def read_sealed(folder: Path, key: str, suffix: str) -> tuple[Path, bytes] | None:
    """The entry for ``key`` whose bytes match the digest in its name; any other file for the
    key (truncated, corrupt) is deleted. None if there is no sound entry."""
    for name in _entries(folder, key):
        if not name.endswith(suffix):
            continue
        path = folder / name
        try:
            data = path.read_bytes()
        except OSError:  # removed meanwhile (evicted by another run): a miss
            continue
        if name == sealed_name(key, data, suffix):
            touch(path)
            return path, data
        path.unlink(missing_ok=True)  # never used: made again by the caller
    return None


def write_sealed(folder: Path, key: str, data: bytes, suffix: str) -> Path:
    path = folder / sealed_name(key, data, suffix)
    write_cache_file(path, data)
    listed = _LISTINGS.get(folder)
    if listed is not None and path.name not in listed[1].get(key, []):
        listed[1].setdefault(key, []).append(path.name)  # seen by this process's next lookup
    return path


def evict(root: Path, max_bytes: int, now: float | None = None) -> int:
    """Remove the least recently used entries under ``root`` until its entries take at most
    ``max_bytes`` (entries used in the last hour stay), and temporary files left by interrupted
    runs; only files named as this tool names them, in its own folders.
    Returns the bytes removed. Safe while other runs use the cache: they re-make a missing entry."""
    now = time.time() if now is None else now
    files: list[tuple[float, int, Path]] = []
    removed = 0
    for folder in (root / name for name in OWN_FOLDERS):
        if not folder.is_dir():
            continue
        with os.scandir(folder) as it:
            for entry in it:
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not entry.is_file(follow_symlinks=False):
                    continue
                if OWN_TEMP.fullmatch(entry.name):
                    if now - st.st_mtime > IN_USE_SECONDS:
                        Path(entry.path).unlink(missing_ok=True)
                        removed += st.st_size
                elif OWN_FILE.fullmatch(entry.name):
                    files.append((max(st.st_atime, st.st_mtime), st.st_size, Path(entry.path)))
    total = sum(size for _, size, _ in files)
    for used, size, path in sorted(files):
        if total <= max_bytes or now - used < IN_USE_SECONDS:
            break
        path.unlink(missing_ok=True)
        total -= size
        removed += size
    return removed
