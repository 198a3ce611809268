"""Files the tool derives from the content (fitted photos, chart lines) in the build cache."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..paths import CACHE_URL_SCHEME


def write_cache_file(path: Path, data: bytes) -> None:
    """Unique temporary name, then rename: an interrupted build leaves no half file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cache_url(path: Path) -> str:
    """How the PDF renderer asks for a cache file: ``brochure-cache:<folder>/<name>``, the same
    wherever the output folder is, so the image ids WeasyPrint derives from URLs are stable."""
    return f"{CACHE_URL_SCHEME}:{Path(path).parent.name}/{Path(path).name}"
