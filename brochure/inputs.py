"""What a built PDF was made from, as one digest: the content files, the tool's styles, fonts and
code, and the build's options. A build embeds it in the PDF (``press.finish.embed_plan``);
``brochure check`` reuses a PDF only when the digest it carries is that of the inputs now.

Contents, not modification times: a photo copied with ``cp -p`` (or unpacked from an archive,
or restored from a backup) keeps its old time, and a PDF judged by times would be reused with
the old photo in it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Iterable

from .paths import FONTS, ROOT, STYLES

CHUNK = 1 << 20


def _tree(root: Path, skip: tuple[Path, ...]) -> Iterable[tuple[str, Path]]:
    """(name relative to ``root``, path) of every file under ``root``, sorted; links are not
    followed into folders, and folders in ``skip`` (the output, the cache) are left out."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and here / d not in skip)
        for name in sorted(files):
            yield (here / name).relative_to(root).as_posix(), here / name


def _add_file(h, root: Path, path: Path) -> None:
    """A file's bytes; a link that leads outside ``root`` (or nowhere) counts by its target's
    name only: it is never opened (the build refuses it anyway)."""
    real = Path(os.path.realpath(path))
    if path.is_symlink() and not real.is_relative_to(root):
        h.update(b"link:" + os.fsencode(os.readlink(path)))
        return
    try:
        st = os.stat(real)
        if not stat.S_ISREG(st.st_mode):
            h.update(b"special")
            return
        h.update(b"size:%d:" % st.st_size)
        with open(real, "rb") as f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
    except OSError as exc:
        h.update(b"unreadable:%d" % (exc.errno or 0))


def input_digest(content_root: Path, skip: Iterable[Path] = (), options: str = "") -> str:
    """SHA-256 over every file of the content folder (but ``skip``) and of the tool's styles,
    fonts and code, names included, and the build's ``options``."""
    h = hashlib.sha256(options.encode("utf-8", "surrogateescape") + b"\0")
    skipped = tuple(Path(p).resolve() for p in skip)
    for label, root in (("content", Path(content_root).resolve()), ("styles", STYLES), ("fonts", FONTS),
                        ("code", ROOT / "brochure")):
        for rel, path in _tree(root, skipped):
            h.update(f"\0{label}/{rel}\0".encode("utf-8", "surrogateescape"))
            _add_file(h, root, path)
    return h.hexdigest()
