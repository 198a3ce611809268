"""Files, the disk and the cache (issue 18 items 1, 3, 12 and 13; issue 20 defects 4 and 5):
the tool never deletes or overwrites a file it did not write, says clearly what the disk
refused (exit status 2, never an internal error), cleans up after a killed run only what is
its own, and never uses a damaged cache file."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, aged

from brochure.cli import main


def _repository_copy(dest: Path) -> Path:
    """The program, its styles and the sample content copied; the fonts hard-linked (a font
    deleted by a faulty build removes only the link)."""
    for name in ("brochure", "styles", "content"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "fonts", dest / "fonts", copy_function=os.link)
    shutil.copy2(ROOT / "make_pdf.py", dest / "make_pdf.py")
    return dest


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- item 1: --emit-html into the tool's own folders --------------------------------------------

@pytest.mark.parametrize("emit", [".", "styles", "content/photos", "brochure/render"])
def test_emit_html_into_the_tools_own_folders_is_refused_and_nothing_is_deleted(tmp_path, emit):
    repo = _repository_copy(tmp_path / "repo")
    before = {name: _snapshot(repo / name) for name in ("styles", "fonts", "content", "brochure")}
    run = subprocess.run([sys.executable, "make_pdf.py", "--edition", "print", "--emit-html", emit,
                          "--lang", "en"], cwd=repo, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2, run.stderr
    [line] = run.stderr.strip().splitlines()
    assert line.startswith(f"error: {emit}: --emit-html may not write into the tool's own files") and " — " in line
    assert {name: _snapshot(repo / name) for name in before} == before
    assert not (repo / "build").exists()  # refused before any work


def test_emit_html_twice_into_its_own_folder_replaces_only_its_copies(tmp_path):
    from brochure.paths import FONTS, STYLES
    from brochure.render.emit import emit_html

    html = tmp_path / "html"
    page = f'<link rel="stylesheet" href="{(STYLES / "base.css").as_uri()}"><p>x</p>'
    for _ in range(2):  # the second time, every copy (hard links to the fonts too) is there already
        target = emit_html(page, html, "brochure-print.html", {})
    assert target.read_text(encoding="utf-8") == '<link rel="stylesheet" href="styles/base.css"><p>x</p>'
    assert (html / "styles" / "fonts.css").read_bytes() == (STYLES / "fonts.css").read_bytes()
    font = next(p for p in FONTS.iterdir() if p.suffix == ".ttf")
    assert os.path.samefile(html / "fonts" / font.name, font) and font.stat().st_size > 0
    assert list(html.rglob("*.tmp")) == []


# --- item 12: the disk refuses ------------------------------------------------------------------

def test_out_that_is_a_file_is_said_before_any_work(tmp_path, capsys):
    blocker = tmp_path / "brochure.pdf"
    blocker.write_bytes(b"someone's file")
    for out in (blocker, blocker / "sub"):
        assert main(["build", "--content", str(CONTENT), "--out", str(out), "--lang", "en"]) == 2
        [line] = capsys.readouterr().err.strip().splitlines()
        assert line == (f"error: {blocker} is a file, not a folder: the PDFs cannot be written into it — give --out "
                        "the name of a folder (a new name is created), or move that file elsewhere")
    assert blocker.read_bytes() == b"someone's file"


def _unshare() -> list[str]:
    """A private mount namespace (as an ordinary user) where a small tmpfs can be mounted."""
    probe = subprocess.run(["unshare", "--map-root-user", "--mount", "sh", "-c",
                            "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || mount -t tmpfs -o size=64k tmpfs /tmp"],
                           capture_output=True) if shutil.which("unshare") else None
    if probe is None or probe.returncode != 0:
        pytest.skip("needs unshare with user and mount namespaces (util-linux) to mount a small tmpfs")
    return ["unshare", "--map-root-user", "--mount", "sh", "-c"]


def _in_small_disk(tmp_path: Path, script: str) -> subprocess.CompletedProcess:
    disk = tmp_path / "disk"
    disk.mkdir()
    command = f"mount -t tmpfs -o size=400k tmpfs {disk} && {script}"
    return subprocess.run([*_unshare(), command], capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "DISK": str(disk)})


def _build_cmd(out: str) -> str:
    return f'"{sys.executable}" make_pdf.py --edition print -q --lang en --out {out}'


def test_a_full_disk_is_its_own_message_and_the_previous_pdf_stays(tmp_path):
    # The previous PDF (a small sentinel, not the new one's bytes) and a build that fills the disk.
    script = (f'mkdir "$DISK/out" && printf previous > "$DISK/out/brochure-print.pdf" && '
              f'{_build_cmd(chr(34) + "$DISK/out" + chr(34))}; echo "rc=$?"; cat "$DISK/out/brochure-print.pdf"; echo; '
              f'ls -A "$DISK/out"')
    run = _in_small_disk(tmp_path, script)
    lines = run.stdout.splitlines()
    assert lines[0] == "rc=2", run.stderr
    assert lines[1] == "previous"  # untouched
    assert lines[2:] == ["brochure-print.pdf"]  # no temporary file left
    [line] = run.stderr.strip().splitlines()
    assert line.startswith("error: ") and "the disk is full; nothing was written and the previous file is unchanged — free some space" in line
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr


def test_a_read_only_disk_is_its_own_message(tmp_path):
    script = (f'mkdir "$DISK/out" && mount -o remount,ro "$DISK" && {_build_cmd(chr(34) + "$DISK/out" + chr(34))}; '
              f'echo "rc=$?"')
    run = _in_small_disk(tmp_path, script)
    assert run.stdout.splitlines() == ["rc=2"], run.stderr
    [line] = run.stderr.strip().splitlines()
    assert line.endswith("/disk/out: this disk may only be read, not written (a read-only drive, a locked USB stick or "
                         "a CD) — build into a folder on a disk you can save to, with --out")


def test_a_write_the_disk_refuses_midway_is_an_environment_error(tmp_path, monkeypatch):
    """ENOSPC at the write layer itself (os.write inside the temporary file), where the system
    gives no file name: still the full-disk message naming the PDF, exit 2."""
    import errno

    from brochure import files
    from brochure.build import atomic_write_all
    from brochure.errors import BrochureError

    target = tmp_path / "brochure-print.pdf"
    target.write_bytes(b"previous")

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "write", full)
    with pytest.raises(BrochureError) as caught:
        atomic_write_all([(target, b"%PDF new")])
    assert caught.value.exit_status == 2
    assert f"{target}: the disk is full" in caught.value.args[0].text("en")
    assert target.read_bytes() == b"previous" and [p.name for p in tmp_path.iterdir()] == [target.name]


# --- item 13: temporary files of a killed build ------------------------------------------------

KILLED_WRITER = textwrap.dedent("""
    import os, signal, sys, tempfile
    from pathlib import Path
    target = Path(sys.argv[1])
    # the temporary file as every version of atomic_write names it: .NAME.xxxxxxxx.tmp
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.write(fd, b"%PDF-1.6 half")
    os.kill(os.getpid(), signal.SIGKILL)  # kill -9 at the write instant
""")

HOLDING_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from brochure.files import write_temp
    write_temp(Path(sys.argv[1]), b"%PDF-1.6 still writing", durable=False)
    print("ready", flush=True)
    time.sleep(120)
""")


def test_a_killed_builds_temporary_file_is_removed_by_the_next_build_and_only_it(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "brochure-print.pdf"
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target)], cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL
    [stale] = out.glob(".brochure-print.pdf.*.tmp")
    aged(stale, 3600)
    live = subprocess.Popen([sys.executable, "-c", HOLDING_WRITER, str(target)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert live.stdout.readline() == "ready\n"
        [held] = [p for p in out.glob(".brochure-print.pdf.*.tmp") if p != stale]
        aged(held, 3600)  # old, but its writer lives: never removed
        fresh = out / ".brochure-print.pdf.k2j3h4g5.tmp"  # ours by name, but written a moment ago
        fresh.write_bytes(b"x")
        theirs = [out / ".brochure-print.pdf.notes.tmp", out / ".brochure-print.pdf.abcdefgh.tmp.bak",
                  out / ".other.pdf.abcdefgh.tmp", out / "brochure-print.pdf.abcdefgh.tmp"]
        for path in theirs:
            path.write_bytes(b"not ours")
            aged(path, 3600)
        from brochure.build import atomic_write_all  # how every build writes its PDFs

        atomic_write_all([(target, b"%PDF-1.6 the next build")])
        assert not stale.exists()
        assert held.exists() and fresh.exists() and all(p.exists() for p in theirs)
        assert target.read_bytes() == b"%PDF-1.6 the next build"
    finally:
        live.kill()
        live.wait()


# --- issue 20 defect 4 (file modes) and defect 5 (the umask, the SIGTERM handler) --------------

def test_files_follow_the_umask_without_changing_it(tmp_path, monkeypatch):
    from brochure import build as build_module
    from brochure.assets import cachefile

    calls = []
    real = os.umask
    monkeypatch.setattr(os, "umask", lambda mask: calls.append(mask) or real(mask))
    previous = real(0o027)
    try:
        build_module.atomic_write(tmp_path / "a.pdf", b"%PDF")
        cachefile.write_cache_file(tmp_path / "photos" / "x.jpg", b"jpeg")
    finally:
        real(previous)
    assert calls == []  # never set, not even for a moment (other threads would see it)
    assert stat.S_IMODE((tmp_path / "a.pdf").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "photos" / "x.jpg").stat().st_mode) == 0o640  # not 0600


def test_the_commands_sigterm_handler_is_put_back(tmp_path, capsys):
    def ours(signum, frame):
        pass

    previous = signal.signal(signal.SIGTERM, ours)
    try:
        main(["build", "--content", str(tmp_path / "nothing"), "--out", str(tmp_path / "out")])
        assert signal.getsignal(signal.SIGTERM) is ours
    finally:
        signal.signal(signal.SIGTERM, previous)


# --- item 3: the fonts' coverage (once kept in a cache file that could be damaged) -----------

def test_the_fonts_coverage_is_read_from_every_subtable_as_fonttools_reads_it():
    """The coverage is no longer cached in a file (nothing to damage): it is read from the
    fonts' cmap tables at each build. Each subtable format our reader knows (12: the whole
    repertoire, 4: the BMP, 13: the last resort's) gives fontTools' mapping, .notdef left out,
    for every bundled font."""
    import struct

    from fontTools.ttLib import TTFont

    from brochure.render import coverage, sfnt

    fonts = coverage.family_files() + [coverage.FONTS / coverage.LAST_RESORT]
    formats = set()
    for path in fonts:
        raw = sfnt.table_of_file(path, b"cmap")
        offsets = {struct.unpack_from(">HH", raw, 4 + 8 * i): struct.unpack_from(">I", raw, 8 + 8 * i)[0]
                   for i in range(int.from_bytes(raw[2:4], "big"))}
        font = TTFont(path, lazy=True)
        for table in font["cmap"].tables:
            if table.format not in (4, 12, 13) or not table.isUnicode():
                continue
            formats.add(table.format)
            alone = (raw[:2] + (1).to_bytes(2, "big") + struct.pack(">HHI", 3, 10, 12)
                     + raw[offsets[(table.platformID, table.platEncID)]:])
            expected = {c for c, g in table.cmap.items() if g != ".notdef"}
            assert sfnt.cmap_code_points(alone) == expected, (path.name, table.format)
        assert sfnt.cmap_code_points(raw) == {c for c, g in font.getBestCmap().items() if g != ".notdef"}
    assert formats == {4, 12, 13}
    covered = coverage.coverage()
    assert {ord("あ"), ord("漢"), ord("A")} <= covered and 0x1F600 not in covered


def test_a_stamped_card_gives_the_same_bytes_every_time(sample_build):
    """``press.assemble.stamp`` (a personalised cover's card over the shared cover): its file
    identifier is a hash of the file, not random, so two runs give byte-identical PDFs."""
    import io

    import pikepdf

    from brochure.press.assemble import stamp

    base = sample_build.read_bytes()
    with pikepdf.open(sample_build) as pdf:
        box = [float(x) for x in pdf.pages[0].mediabox]
    card = pikepdf.new()
    card.add_blank_page(page_size=(box[2] - box[0], box[3] - box[1]))
    card.pages[0].mediabox = pikepdf.Array(box)
    buffer = io.BytesIO()
    card.save(buffer)
    first, second = (stamp(base, 0, buffer.getvalue()) for _ in range(2))
    assert first == second


def test_a_full_disk_under_the_photo_cache_is_its_own_message(tmp_path, monkeypatch):
    import errno

    from PIL import Image

    from brochure import files
    from brochure.assets.photos import Frame, fit_photo
    from brochure.content.model import Photo
    from brochure.errors import BrochureError

    Image.new("RGB", (300, 200), (10, 120, 200)).save(tmp_path / "p.jpg")

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "write", full)
    with pytest.raises(BrochureError) as caught:
        fit_photo(Photo(file="p.jpg", alt="x"), Frame(40, 30), tmp_path, tmp_path / "cache" / "photos", dpi=100)
    assert caught.value.args[0].text("en") == (
        f"{tmp_path / 'cache'}: the disk holding the photo cache is full; nothing was written — free some space "
        "on that disk, or set BROCHURE_CACHE_DIR to a folder on another disk")
    assert list((tmp_path / "cache" / "photos").iterdir()) == []


def test_a_folder_we_may_not_write_to_is_said_before_any_work(tmp_path, monkeypatch, capsys):
    """(As root every folder is writable: the refusal is simulated at os.access, the system's
    answer for this user.)"""
    from brochure import files

    out = tmp_path / "shared" / "out"
    (tmp_path / "shared").mkdir()
    monkeypatch.setattr(files.os, "access", lambda path, mode: Path(path) != tmp_path / "shared")
    assert main(["build", "--content", str(CONTENT), "--out", str(out), "--lang", "en"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line == (f"error: {tmp_path / 'shared'}: you are not allowed to write in this folder — build into a "
                    "folder of your own with --out, or ask whoever manages the folder for write access")
    assert not out.exists()
