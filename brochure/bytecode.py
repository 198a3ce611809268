"""The tool's own compiled modules, kept in the user's cache folder when Python may not write
them beside the sources.

Python compiles every module it imports; it keeps the result in ``__pycache__`` beside the
source unless told not to (``PYTHONDONTWRITEBYTECODE``, ``python -B``). Then every run compiles
the tool's ≈19,000 lines again: ≈0.1 s of every build and check, 4–5 % of a build. With that
setting, and no ``PYTHONPYCACHEPREFIX``, the ``brochure`` package's modules (only they: the
libraries keep their own) are loaded through :class:`Loader`, which keeps their code in the
cache folder (``paths.user_cache_dir()``/bytecode), nothing beside the sources.

An entry is named by the SHA-256 of the Python version, the source file's path and its bytes,
then by the SHA-256 of the entry's own bytes (``assets.cachefile``'s sealed names): a changed
source is compiled again, whatever its modification time, and a truncated or damaged entry is
never loaded (it is compiled and written again). Written to a unique temporary name, then
renamed, so that runs at the same time see whole files; not fsynced (a lost entry is only
compiled again). The cache's size bound removes old entries with the photos'
(``assets.cachefile.evict``). Only the standard library here: this module is imported first.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import marshal
import os
import secrets
import sys
from pathlib import Path

FOLDER = "bytecode"
_DIGEST_CHARS = 16  # as assets.cachefile.DIGEST_CHARS
_TAG = f"{sys.implementation.cache_tag}\0{sys.version}\0".encode()


class Loader(importlib.machinery.SourceFileLoader):
    """A module of the ``brochure`` package, its code from the cache folder when sound."""

    finder: Finder

    def get_code(self, fullname: str):
        source_path = self.get_filename(fullname)
        source = self.get_data(source_path)
        key = hashlib.sha256(_TAG + os.fsencode(source_path) + b"\0" + source).hexdigest()[:32]
        folder = self.finder.folder
        code = _read(folder, key, self.finder.names(key))
        if code is None:
            code = self.source_to_code(source, source_path)
            _write(folder, key, marshal.dumps(code))
        return code


def _read(folder: Path, key: str, names: list[str]):
    for name in names:
        path = folder / name
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if name == f"{key}-{hashlib.sha256(data).hexdigest()[:_DIGEST_CHARS]}.pyc":
            try:
                return marshal.loads(data)
            except (EOFError, ValueError, TypeError):
                pass
        try:
            path.unlink()  # not what was written: compiled and written again
        except OSError:
            pass
    return None


def _write(folder: Path, key: str, data: bytes) -> None:
    name = f"{key}-{hashlib.sha256(data).hexdigest()[:_DIGEST_CHARS]}.pyc"
    tmp = folder / f".{name}.{secrets.token_hex(6)}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(tmp, "xb") as f:
            f.write(data)
        os.replace(tmp, folder / name)
    except OSError:  # a read-only or full cache: the module is used all the same
        try:
            tmp.unlink()
        except OSError:
            pass


class Finder:
    """``sys.meta_path`` entry: the ``brochure`` package's source modules through :class:`Loader`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._names: dict[str, list[str]] | None = None

    def names(self, key: str) -> list[str]:
        """The folder's entries for ``key`` (the folder is listed once per process)."""
        if self._names is None:
            self._names = {}
            try:
                listed = os.listdir(self.folder)
            except OSError:
                listed = []
            for name in listed:
                if name.endswith(".pyc") and not name.startswith("."):
                    self._names.setdefault(name.split("-", 1)[0], []).append(name)
        return self._names.get(key, [])

    def find_spec(self, fullname: str, path=None, target=None):
        if fullname != "brochure" and not fullname.startswith("brochure."):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or type(spec.loader) is not importlib.machinery.SourceFileLoader:
            return spec
        loader = Loader(fullname, spec.origin)
        loader.finder = self
        spec.loader = loader
        return spec


def install() -> bool:
    """Keep the package's compiled modules in the cache folder, if Python keeps none itself;
    True if installed (once per process)."""
    if not sys.dont_write_bytecode or sys.pycache_prefix is not None:
        return False
    if any(isinstance(f, Finder) for f in sys.meta_path):
        return True
    from .paths import user_cache_dir

    try:
        folder = user_cache_dir() / FOLDER
    except (OSError, RuntimeError):  # no home folder to find: compiled at each run, as before
        return False
    sys.meta_path.insert(0, Finder(folder))
    return True
