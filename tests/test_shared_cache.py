"""The photo cache outlives the output folder: shared by every run, safe under concurrent builds,
bounded in size; a damaged entry is made again, never used. JPEGs are decoded at reduced size
where the frame allows it."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops, ImageStat

from conftest import CONTENT, ROOT, aged

from brochure.assets import cachefile
from brochure.assets.photos import Frame, fit_photo
from brochure.cli import main
from brochure.content.model import Photo


def _build_json(out: Path, *extra: str) -> tuple[int, list[dict]]:
    stdout = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(stdout):
        status = main(["build", "--content", str(CONTENT), "--out", str(out), "--edition", "print",
                       "--json", *extra])
    return status, [json.loads(line) for line in stdout.getvalue().splitlines() if line.startswith("{")]


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "photos").glob("*.jpg"))


def _sound(path: Path) -> bool:
    key = path.name.rsplit("-", 1)[0]
    return path.name == cachefile.sealed_name(key, path.read_bytes(), ".jpg")


@pytest.fixture(scope="module")
def cold_build(tmp_path_factory):
    """One build of the sample into a cache of its own, cold, in this process: the cache, the
    output folder and the build's events. The tests below each build again with it; the one that
    damages an entry leaves it made again (it checks that it is)."""
    root = tmp_path_factory.mktemp("cold")
    cache = root / "user-cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BROCHURE_CACHE_DIR", str(cache))
        status, events = _build_json(root / "first")
    assert status == 0
    return cache, root / "first", events


def test_a_new_out_folder_reuses_the_shared_photo_cache(cold_build, tmp_path, monkeypatch):
    cache, first_out, first = cold_build
    monkeypatch.setenv("BROCHURE_CACHE_DIR", str(cache))
    fitted = sum(e["event"] == "photo" for e in first)
    entries = _entries(cache)
    # cold: every photo fitted, for every frame a variant placed it in
    assert fitted >= 8 and len(entries) == fitted and all(_sound(p) for p in entries)

    status, again = _build_json(tmp_path / "second")
    assert status == 0
    assert [e for e in again if e["event"] == "photo"] == []  # a new --out: nothing fitted again
    assert _entries(cache) == entries
    assert not (first_out / ".cache").exists() and not (tmp_path / "second" / ".cache").exists()
    assert (first_out / "brochure-print.pdf").read_bytes() == (tmp_path / "second" / "brochure-print.pdf").read_bytes()


def test_default_cache_folder_follows_xdg(monkeypatch, tmp_path):
    from brochure.paths import user_cache_dir

    monkeypatch.delenv("BROCHURE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache_dir() == (tmp_path / "xdg" / "brochure").resolve()
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as XDG says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache_dir() == (tmp_path / "home" / ".cache" / "brochure").resolve()


def test_an_unwritable_cache_folder_is_one_clear_error(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BROCHURE_CACHE_DIR", str(blocker / "cache"))
    assert main(["build", "--content", str(CONTENT), "--out", str(tmp_path / "out"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"error: {blocker / 'cache'}: the cache folder cannot be created or written "
                                        "— set BROCHURE_CACHE_DIR to a folder you may write to, or unset it to use the default"]
    assert "BROCHURE_CACHE_DIR" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_two_concurrent_builds_into_different_folders_agree(tmp_path):
    env = {**os.environ, "BROCHURE_CACHE_DIR": str(tmp_path / "cold-cache")}
    procs = [subprocess.Popen([sys.executable, str(ROOT / "make_pdf.py"), "--content", str(CONTENT),
                               "--out", str(tmp_path / name), "--edition", "print", "-q"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("a", "b")]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    a, b = (tmp_path / name / "brochure-print.pdf" for name in ("a", "b"))
    assert a.read_bytes() == b.read_bytes()
    with pikepdf.open(a) as pdf:
        assert len(pdf.pages) == 12
        assert sum(len(page.get_images()) > 0 for page in pdf.pages) >= 5
    entries = _entries(tmp_path / "cold-cache")
    assert len(entries) >= 8 and all(_sound(p) for p in entries)
    assert list((tmp_path / "cold-cache").rglob("*.tmp")) == []


@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_a_damaged_cache_entry_is_made_again_never_used(cold_build, tmp_path, monkeypatch, damage):
    cache, first_out, _ = cold_build  # built in this process: it remembers the entries
    monkeypatch.setenv("BROCHURE_CACHE_DIR", str(cache))
    entries = _entries(cache)
    assert entries and all(_sound(p) for p in entries)
    biggest = max(entries, key=lambda p: p.stat().st_size)
    good = biggest.read_bytes()
    if damage == "truncated":  # e.g. a crash before the data reached the disk
        biggest.write_bytes(good[: len(good) // 2])
    else:  # same length, a few bytes changed
        biggest.write_bytes(good[:1000] + bytes(b ^ 0xFF for b in good[1000:1010]) + good[1010:])

    status, events = _build_json(tmp_path / "second")  # this process remembers it: checked anyway
    assert status == 0
    assert sum(e["event"] == "photo" for e in events) == 1  # the damaged photo, fitted again
    assert biggest.read_bytes() == good
    assert (tmp_path / "second" / "brochure-print.pdf").read_bytes() == (first_out / "brochure-print.pdf").read_bytes()


def test_the_cache_is_bounded_least_recently_used_first(tmp_path):
    photos = tmp_path / "photos"
    photos.mkdir()
    files = {}
    for name, age in (("old", 9000), ("older", 10000), ("recent", 7200), ("in-use", 60)):
        key = hashlib.sha256(name.encode()).hexdigest()[:32]
        files[name] = cachefile.write_sealed(photos, key, os.urandom(1000), ".jpg")
        aged(files[name], age)
    stale_tmp = photos / f".{files['old'].name}.k3j4h5.tmp"
    stale_tmp.write_bytes(b"half")
    aged(stale_tmp, 5000)
    fresh_tmp = photos / f".{files['recent'].name}.a8b7c6.tmp"  # another build writing right now
    fresh_tmp.write_bytes(b"half")
    # Not ours, even if old: the cache folder may be pointed anywhere (BROCHURE_CACHE_DIR).
    theirs = [photos / "holiday.jpg", tmp_path / "notes" / "0123456789abcdef0123456789abcdef.svg"]
    for path in theirs:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(os.urandom(5000))
        aged(path, 99999)

    removed = cachefile.evict(tmp_path, max_bytes=2500)
    assert not files["older"].exists() and not files["old"].exists()  # oldest use first
    assert files["recent"].exists() and files["in-use"].exists()
    assert not stale_tmp.exists() and fresh_tmp.exists()
    assert all(path.exists() for path in theirs)
    assert removed == 2000 + 4

    # Over the bound, but everything left was used within the hour: nothing more goes.
    os.utime(files["recent"], None)
    assert cachefile.evict(tmp_path, max_bytes=0) == 0


def test_a_cache_hit_marks_the_entry_used(tmp_path):
    Image.new("RGB", (800, 600), (200, 30, 30)).save(tmp_path / "p.jpg")
    first = fit_photo(Photo(file="p.jpg", alt="x"), Frame(40, 30), tmp_path, tmp_path / "cache", dpi=150)
    aged(first.path, 5000)
    from brochure.assets import photos
    photos._FITTED.clear()
    again = fit_photo(Photo(file="p.jpg", alt="x"), Frame(40, 30), tmp_path, tmp_path / "cache", dpi=150)
    assert again.path == first.path
    st = again.path.stat()
    assert time.time() - st.st_atime < 60 and time.time() - st.st_mtime > 4000  # used now, born then


# --- JPEG decoding at reduced size ------------------------------------------------------------

def _photo_source(path: Path, size=(4000, 3000), exif=None) -> Image.Image:
    """A photo with detail at every scale (a gradient with a fine grid and a red mark)."""
    im = Image.linear_gradient("L").resize(size).convert("RGB")
    for x in range(0, size[0], 7):
        im.paste((30, 60, 200), (x, 0, x + 1, size[1]))
    im.paste((220, 20, 20), (size[0] // 2 - 100, size[1] // 2 - 100, size[0] // 2 + 100, size[1] // 2 + 100))
    im.save(path, "JPEG", quality=95, **({"exif": exif} if exif is not None else {}))
    return im


@pytest.mark.parametrize("orientation", [1, 6])
def test_jpeg_drafts_never_go_below_the_target_size(tmp_path, monkeypatch, orientation):
    from PIL import ImageOps, JpegImagePlugin

    exif = Image.Exif()
    exif[0x0112] = orientation
    _photo_source(tmp_path / "big.jpg", exif=exif)
    decoded = []
    real_draft = JpegImagePlugin.JpegImageFile.draft

    def watched(self, mode, size):
        result = real_draft(self, mode, size)
        decoded.append((size, self.size))
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", watched)
    frame = Frame(40, 30)
    fitted = fit_photo(Photo(file="big.jpg", alt="x"), frame, tmp_path, tmp_path / "cache", dpi=150)
    target = (round(40 / 25.4 * 150), round(round(40 / 25.4 * 150) / frame.aspect))
    assert (fitted.width_px, fitted.height_px) == target
    [(asked, got)] = decoded
    assert got[0] < 4000 / 2 + 1 or got[1] < 4000 / 2 + 1  # decoded at 1/2 or less
    assert got[0] >= asked[0] and got[1] >= asked[1]
    upright = got[::-1] if orientation == 6 else got
    assert upright[0] >= target[0] and upright[1] * frame.aspect >= target[0]  # never below target

    # Close to a full decode resampled the ordinary way.
    with Image.open(tmp_path / "big.jpg") as full:
        full = ImageOps.exif_transpose(full).convert("RGB")
        from brochure.assets.photos import crop_box

        reference = full.crop(crop_box(full.size, frame.aspect, (0.5, 0.5))).resize(target, Image.Resampling.LANCZOS)
    with Image.open(fitted.path) as out:
        out = out.convert("RGB")
        mean = ImageStat.Stat(ImageChops.difference(out, reference)).mean
        assert max(mean) < 6, mean  # mean difference under 6 of 255 in every channel
        middle = out.getpixel((target[0] // 2, target[1] // 2))
        assert middle[0] > 150 and middle[2] < 100  # the red mark, upright and centred


def test_no_draft_when_the_frame_needs_the_full_photo(tmp_path, monkeypatch):
    from PIL import JpegImagePlugin

    _photo_source(tmp_path / "p.jpg", size=(2000, 1500))
    called = []
    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft",
                        lambda self, mode, size: called.append(size))
    fitted = fit_photo(Photo(file="p.jpg", alt="x"), Frame(120, 90), tmp_path, tmp_path / "cache", dpi=350)
    assert called == [] and fitted.width_px == round(120 / 25.4 * 350)


# --- compiled templates -----------------------------------------------------------------------

def test_compiled_templates_are_cached_checked_and_private(tmp_path, monkeypatch):
    from jinja2 import DictLoader, Environment

    from brochure.render.templatecache import template_cache

    monkeypatch.setenv("BROCHURE_CACHE_DIR", str(tmp_path / "cache"))
    cache = template_cache()
    assert cache is not None and (tmp_path / "cache" / "templates").stat().st_mode & 0o077 == 0

    def render(source: str, bytecode_cache) -> str:
        env = Environment(loader=DictLoader({"t": source}), bytecode_cache=bytecode_cache)
        return env.get_template("t").render(x=2)

    assert render("{{ x * 21 }}", cache) == "42"
    [entry] = (tmp_path / "cache" / "templates").glob("*.jinja")
    good = entry.read_bytes()
    assert render("{{ x * 21 }}", cache) == "42"  # loaded from the entry
    entry.write_bytes(good[:-20])  # truncated: ignored, compiled and written again
    assert render("{{ x * 21 }}", cache) == "42" and entry.read_bytes() == good
    assert render("{{ x * 5 }}", cache) == "10"  # the template changed: compiled again

    (tmp_path / "cache" / "templates").chmod(0o777)  # others may write code there: not used
    assert template_cache() is None
