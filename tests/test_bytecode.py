"""The tool's compiled modules kept in the cache folder (brochure/bytecode.py) when Python
writes none beside the sources: used when sound, compiled again when the source changed or
the entry is damaged, never written beside the sources."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PROBE = "import brochure.build, brochure.messages as m, sys; print(m.__name__, any(type(f).__name__ == 'Finder' for f in sys.meta_path))"


def _python(code: str, cache: Path, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPYCACHEPREFIX",)}
    environ.update({"BROCHURE_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1", **env})
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=environ, capture_output=True,
                          text=True, timeout=120)


def _entries(cache: Path) -> dict[str, bytes]:
    folder = cache / "bytecode"
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}


def _sound(name: str, data: bytes) -> bool:
    return name.rsplit("-", 1)[1] == hashlib.sha256(data).hexdigest()[:16] + ".pyc"


def test_compiled_modules_are_kept_sealed_in_the_cache_and_a_damaged_one_is_made_again(tmp_path):
    cache = tmp_path / "cache"
    first = _python(PROBE, cache)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == ["brochure.messages", "True"]
    kept = _entries(cache)
    assert len(kept) >= 10 and all(_sound(n, d) for n, d in kept.items())

    again = _python(PROBE, cache)
    assert again.returncode == 0 and _entries(cache) == kept  # read, not written again

    # A truncated entry, and one holding another module's code (loadable, but not this one's):
    # neither is loaded.
    names = sorted(kept)
    (cache / "bytecode" / names[0]).write_bytes(kept[names[0]][:40])
    (cache / "bytecode" / names[1]).write_bytes(kept[names[2]])
    damaged = _python(PROBE, cache)
    assert damaged.returncode == 0, damaged.stderr
    assert damaged.stdout.split() == ["brochure.messages", "True"]
    now = _entries(cache)
    assert all(_sound(n, d) for n, d in now.items())
    assert now == kept  # both made again, byte for byte


def test_a_changed_source_is_compiled_again_whatever_its_time(tmp_path):
    """Named by the source's bytes: an edit that keeps the file's size and time (``cp -p`` of
    another version, a checkout) is still seen."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "brochure", copy / "brochure", ignore=shutil.ignore_patterns("__pycache__"))
    module = copy / "brochure" / "editions.py"
    stat = module.stat()
    cache = tmp_path / "cache"
    probe = "import brochure.editions as e; print(e.__doc__.split()[0])"
    text = module.read_text()
    first_word = text.split('"""')[1].split()[0]
    assert _python(probe, cache, cwd=copy).stdout.strip() == first_word
    changed = text.replace(first_word, "X" * len(first_word), 1)
    assert len(changed.encode()) == len(text.encode())
    module.write_text(changed)
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _python(probe, cache, cwd=copy).stdout.strip() == "X" * len(first_word)


def test_nothing_is_kept_when_python_keeps_its_own(tmp_path):
    """Without PYTHONDONTWRITEBYTECODE Python's own ``__pycache__`` (here under a prefix) does
    the work: the cache folder gets no bytecode."""
    cache = tmp_path / "cache"
    done = _python(PROBE, cache, PYTHONPYCACHEPREFIX=str(tmp_path / "prefix"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["brochure.messages", "False"]
    assert _entries(cache) == {}


def test_an_unwritable_cache_costs_only_the_compiling(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "bytecode").write_text("a file where the folder would be")
    done = _python(PROBE, cache)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["brochure.messages", "True"] and done.stderr == ""
