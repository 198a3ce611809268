"""Personalised batches as they are mailed: the tagged screen edition by default, every copy a
valid PDF/UA-1 file with the name in its structure tree; a manifest for mail tools; and batches
that stop cleanly on real signals, leave no process of their process group behind and resume.

veraPDF validates a sample of the copies by default; ``BROCHURE_VERAPDF_ALL=1`` validates
every copy of every batch made here (slower; see the README)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from conftest import CONTENT, ROOT, decode_qr_codes, find_console_script, tool
from test_screen_edition import verapdf  # noqa: F401 - the fixture (veraPDF runner, or a skip)

BROCHURE = find_console_script("brochure") or "brochure"  # installed by uv sync
ROWS = [("山田 太郎", "https://example.com/c/0001?ref=dm&x=1#apply", "yamada", "合同説明会 東京"),
        ("佐藤 花子", "https://example.com/c/0002", "sato", ""),
        ("Jane O'Neil", "https://example.com/c/0003", "jane", "Career Forum Tokyo, booth 12"),
        ("長谷川 あいうえおかきくけこさしすせそ", "https://example.com/c/0004", "hasegawa", "大学セミナー"),
        ("伊藤 翔", "https://example.com/c/0005?a=1&b=2", "ito", "")]
FILES = ["yamada.pdf", "sato.pdf", "jane.pdf", "hasegawa.pdf", "ito.pdf"]
ALL = os.environ.get("BROCHURE_VERAPDF_ALL") == "1"
BATCH = 24  # rows of the batches that get stopped


def write_csv(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "url", "file", "event"])
        writer.writerows(rows)
    return path


def many_rows(n: int) -> list[tuple[str, str, str, str]]:
    return [(f"候補者 {i:03d}", f"https://example.com/c/{i:05d}", f"c{i:05d}", "合同説明会") for i in range(n)]


def personalize(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([BROCHURE, "personalize", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, **kw)


def struct_text(path: Path) -> str:
    """The text of the structure tree, in its (reading) order, as poppler reads it."""
    proc = subprocess.run([tool("pdfinfo"), "-struct-text", str(path)], capture_output=True, text=True)
    if proc.returncode:
        pytest.skip(f"pdfinfo -struct-text unavailable: {proc.stderr.strip()[:200]}")
    return "".join(re.findall(r'^\s*"(.*)"\s*$', proc.stdout, flags=re.M))


def manifest_rows(out: Path) -> list[dict]:
    data = (out / "manifest.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads it as UTF-8
    return list(csv.DictReader(data.decode("utf-8-sig").splitlines()))


@pytest.fixture(scope="module")
def screen_batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("screen-batch")
    rows = write_csv(tmp / "rows.csv", ROWS)
    out = tmp / "out"
    proc = personalize(str(rows), "--out", str(out), "--lang", "en")  # no --edition: the default
    return out, proc


def test_default_edition_is_the_tagged_screen_edition(screen_batch):
    out, proc = screen_batch
    assert proc.returncode == 0, proc.stderr
    assert "5 written, 0 skipped (up to date), 0 failed" in proc.stdout
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(FILES)
    for file in FILES:
        with pikepdf.open(out / file) as pdf:
            xmp = str(pdf.open_metadata())
            assert 'pdfuaid:part="1"' in xmp or "<pdfuaid:part>1<" in xmp
            assert "/OutputIntents" not in pdf.Root  # not the PDF/X print edition
            assert all("/TrimBox" not in p.obj or list(p.obj.TrimBox) == list(p.mediabox) for p in pdf.pages)


def test_each_copy_has_one_structure_tree_with_the_card_after_the_title(screen_batch):
    out, _ = screen_batch
    from brochure.content.load import load_brochure
    from brochure.render.outline import outline_label

    brochure = load_brochure(CONTENT)
    reference_outline = [outline_label(s, brochure.meta) for s in brochure.sections]
    for (name, url, _, event), file in zip(ROWS, FILES):
        path = out / file
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "ja"
            assert bool(pdf.Root.MarkInfo.Marked)
            root = pdf.Root.StructTreeRoot
            nums = root.ParentTree.Nums
            parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
            assert int(root.ParentTreeNextKey) > max(parents)
            cover = pdf.pages[0]
            assert cover.obj.Tabs == "/S"
            links = [a for a in cover.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
            assert links and {str(a.A.URI) for a in links} == {url}  # the QR code and the printed address
            for annot in links:
                element = parents[int(annot.StructParent)]
                assert element.S == "/Link" and element.Pg.objgen == cover.objgen
                objrs = [k for k in element.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
                assert [k.Obj.objgen for k in objrs] == [annot.objgen]
                assert annot.P.objgen == cover.objgen and url in str(annot.Contents)
            # Every MCID of the cover's content has its element in the ParentTree, and back.
            content = b"".join(pikepdf.unparse_content_stream([op]) for op in pikepdf.parse_content_stream(cover))
            mcids = sorted(int(m) for m in re.findall(rb"/MCID (\d+)", content))
            page_array = parents[int(cover.obj.StructParents)]
            assert mcids == list(range(len(page_array)))
            assert all(page_array[m].Pg.objgen == cover.objgen for m in mcids)
            assert [str(item.title) for item in pdf.open_outline().root] == reference_outline
        text = struct_text(path)
        assert text.index("Tokyo!") < text.index(f"{name} 様へ") < text.index("新しい")
        if event:
            assert text.index(f"{name} 様へ") < text.index(event) < text.index("新しい")
        assert (1, url) in decode_qr_codes(path)
        check = subprocess.run([tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout, check.stdout


def test_card_content_rewrite_by_pattern_equals_the_parsed_one(screen_batch):
    """The fast path of the graft (resource names and MCIDs found by patterns) gives the same
    operators as parsing the whole content stream, on a real card."""
    from brochure.press import graft

    out, _ = screen_batch
    with pikepdf.open(out / FILES[0]) as pdf:
        card = pdf.pages[0]
        data = b"".join(s.read_bytes() for s in card.obj.Contents)
        resources = card.obj.Resources
        renames = graft._unique_names(resources, pikepdf.Dictionary())

        def ops(content: bytes):
            return [(repr(list(i.operands)), str(i.operator))
                    for i in pikepdf.parse_content_stream(pdf.make_stream(content))]

        fast, parsed = graft._rewrite_content(data, renames, 5), graft._rewrite_parsed(data, renames, 5)
        assert b"/MCID 5" in fast and b"/card" in fast
        assert ops(fast) == ops(parsed)


def test_copies_pass_verapdf_pdf_ua1(screen_batch, verapdf):  # noqa: F811
    out, _ = screen_batch
    sample = FILES if ALL else [FILES[0], FILES[3]]  # the longest name and event, and an ampersand URL
    proc = subprocess.run([str(verapdf), "ua1", *(str(out / f) for f in sample)], capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, f"PDF/UA-1 failed rules:\n{proc.stdout}{proc.stderr}"
    assert proc.stdout.count("compliant=true") == len(sample) and "failedRules=0" in proc.stdout


VARIED = [("山田 太郎", "https://example.com/c/1", "v01", ""),
          ("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも", "https://example.com/c/2", "v02", ""),
          ("Jean-Luc Picard", "https://example.com/c/3?utm_source=x&utm_medium=y#z", "v03", "Career Forum 2026, booth 12"),
          ("髙橋 﨑子", "https://example.com/c/%E6%97%A5%E6%9C%AC", "v04", "大学セミナー（東京・大阪・名古屋）合同説明会 第3回"),
          ("ｶﾀｶﾅ ﾊﾝｶｸ", "http://example.com/c/5", "v05", "会場: 東京国際フォーラム ホールE"),
          ("O'Brien & Söhne", "https://example.com/c/6?a=<b>", "v06", "<script>alert(1)</script>"),
          ("李 明", "https://example.com/" + "x" * 120, "v07", "")]


def test_every_copy_of_a_varied_batch_passes_verapdf(verapdf, tmp_path):  # noqa: F811
    """Opt-in (BROCHURE_VERAPDF_ALL=1): names of every kind of script and length, events, odd
    addresses; every copy validated."""
    if not ALL:
        pytest.skip("validates a larger batch: set BROCHURE_VERAPDF_ALL=1")
    out = tmp_path / "out"
    proc = personalize(str(write_csv(tmp_path / "rows.csv", VARIED)), "--out", str(out), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    files = sorted(out.glob("*.pdf"))
    assert len(files) == len(VARIED)
    check = subprocess.run([str(verapdf), "ua1", *map(str, files)], capture_output=True, text=True, timeout=900)
    assert check.returncode == 0, f"PDF/UA-1 failed rules:\n{check.stdout}{check.stderr}"
    assert check.stdout.count("compliant=true") == len(files)
    for (name, _, file, _), path in zip(VARIED, sorted(files)):
        assert f"{name} 様へ".replace(" ", "") in struct_text(out / f"{file}.pdf").replace(" ", "")


def test_manifest_lists_every_row_for_mail_tools(screen_batch, tmp_path):
    out, proc = screen_batch
    assert str(out / "manifest.csv") in proc.stdout
    rows = manifest_rows(out)
    assert list(rows[0]) == ["line", "name", "file", "bytes", "url", "status", "message"]
    assert [(r["line"], r["name"], r["file"], r["url"], r["status"]) for r in rows] == \
        [(str(i + 2), name, file, url, "written") for i, ((name, url, _, _), file) in enumerate(zip(ROWS, FILES))]
    for r in rows:
        assert int(r["bytes"]) == (out / r["file"]).stat().st_size

    # A bad line and a re-run: the bad row is in the manifest with its message; the rest skipped.
    rows_csv = tmp_path / "rows.csv"
    write_csv(rows_csv, [*ROWS[:2], ("", "https://example.com/c/x", "nobody", "")])
    proc = personalize(str(rows_csv), "--out", str(out), "--lang", "en")
    assert proc.returncode == 1
    listed = manifest_rows(out)
    assert [(r["line"], r["status"]) for r in listed] == [("2", "skipped"), ("3", "skipped"), ("4", "failed")]
    assert "name is empty" in listed[2]["message"] and listed[2]["file"] == ""


def test_a_manifest_we_did_not_write_is_not_overwritten(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.csv").write_text("宛先,メール\n山田,yamada@example.com\n", encoding="utf-8")
    proc = personalize(str(write_csv(tmp_path / "rows.csv", ROWS[:1])), "--out", str(out), "--lang", "en")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "manifest.csv" in proc.stderr and "not written by brochure personalize" in proc.stderr
    assert (out / "manifest.csv").read_text(encoding="utf-8").startswith("宛先")
    assert not list(out.glob("*.pdf"))


def test_row_ranges_and_sub_folders(tmp_path, out, monkeypatch):
    """--rows splits a batch over machines; over 1,000 rows, files go into sub-folders by row
    number (here the limit is lowered to 4 to keep the test small)."""
    from brochure import personalize as module
    from brochure.personalize import personalize as run, subfolder
    from brochure.progress import Reporter

    assert subfolder(1, 1000) == "" and subfolder(1, 1001) == "0001-1000" and subfolder(1001, 1001) == "1001-2000"
    assert subfolder(9999, 10_000) == "09001-10000" and subfolder(5, 100_001) == "000001-001000"
    monkeypatch.setattr(module, "SUBFOLDER_SIZE", 4)
    rows = write_csv(tmp_path / "rows.csv", many_rows(10))
    assert run(rows, CONTENT, out, Reporter("quiet"), jobs=2, row_range=(3, 6)) == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.pdf"))
    assert written == ["01-04/c00002.pdf", "01-04/c00003.pdf", "05-08/c00004.pdf", "05-08/c00005.pdf"]
    assert [r["file"] for r in manifest_rows(out)] == written
    # The other part on "another machine" (here: the same folder): nothing of the first redone.
    assert run(rows, CONTENT, out, Reporter("quiet"), jobs=2, row_range=(7, None)) == 0
    assert len(list(out.rglob("*.pdf"))) == 8 and [r["line"] for r in manifest_rows(out)] == ["8", "9", "10", "11"]


@pytest.mark.parametrize("text, expected", [("1-5000", (1, 5000)), ("5001-", (5001, None)), ("-20", (1, 20)),
                                            ("42", (42, 42)), (" 3 - 4 ", (3, 4))])
def test_row_range_syntax(text, expected):
    from brochure.content.rows import parse_range

    assert parse_range(text) == expected


@pytest.mark.parametrize("text", ["", "a-b", "5-3", "0-4", "1-2-3", "-"])
def test_bad_row_range_is_one_clear_line(text, tmp_path, capsys):
    from brochure.cli import main

    status = main(["personalize", str(write_csv(tmp_path / "rows.csv", ROWS[:1])), "--out", str(tmp_path / "out"),
                   "--rows", text, "--lang", "en"])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "--rows" in err and "is not a range of rows" in err and "1-5000" in err
    assert not (tmp_path / "out").exists()


# --- stopping: real signals, real child processes, asserted by process group -------------------

def group_members(pgid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every live process whose process group is ``pgid``. A zombie
    (state Z) has ended: only its exit status waits for whoever reaps it (init, for orphans)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append((int(entry.name), (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()))
        except (OSError, ValueError):
            continue
    return found


def children_of(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                    kids.append(int(entry.name))
            except (OSError, ValueError):
                continue
    return kids


def assert_group_gone_within(pgid: int, seconds: float, since: float) -> None:
    while group_members(pgid) and time.monotonic() - since < seconds:
        time.sleep(0.02)
    assert group_members(pgid) == [], f"left behind {seconds} s after the signal: {group_members(pgid)}"


def assert_consistent(out: Path, rows_csv: Path, expected_rows: int) -> None:
    """No partial file; every fingerprint names a complete PDF of its size; a re-run writes
    exactly the rows the fingerprint file does not hold, and skips the others."""
    assert [p.name for p in out.rglob("*.tmp")] == []
    entries = json.loads((out / ".personalize.json").read_text(encoding="utf-8"))["files"] \
        if (out / ".personalize.json").exists() else {}
    for pdf_path in out.rglob("*.pdf"):
        with pikepdf.open(pdf_path) as pdf:  # complete: opens, has every page
            assert len(pdf.pages) == 12
    for file, entry in entries.items():
        assert (out / file).stat().st_size == entry["bytes"], file
    # The re-run, in this process (the batch it resumes ran in a process of its own, and what
    # a re-run knows of it is on disk): the run a user starts again, less its start-up.
    from brochure.personalize import personalize as run
    from brochure.progress import Reporter

    said = io.StringIO()
    assert run(rows_csv, CONTENT, out, Reporter("json", stream=said)) == 0, said.getvalue()
    summary = json.loads(said.getvalue().strip().splitlines()[-2])  # then the manifest line
    assert summary["event"] == "summary"
    assert summary["skipped"] == len(entries) and summary["written"] == expected_rows - len(entries)
    assert all(r["status"] in ("written", "skipped") for r in manifest_rows(out))
    assert len(list(out.rglob("*.pdf"))) == expected_rows


def start_batch(args: list[str]) -> subprocess.Popen:
    """A batch in a process group of its own (as a shell runs a job), JSON events on stdout."""
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for_rows(proc: subprocess.Popen, n: int) -> None:
    seen = 0
    for line in proc.stdout:
        if line.startswith("{") and json.loads(line)["event"] == "row":
            seen += 1
            if seen >= n:
                return
    raise AssertionError(f"the batch ended before {n} rows: {proc.stderr.read()}")


@pytest.fixture(scope="module")
def rows_csv(tmp_path_factory) -> Path:
    return write_csv(tmp_path_factory.mktemp("rows") / "rows.csv", many_rows(BATCH))


@pytest.fixture
def out(screen_batch, tmp_path) -> Path:
    """An empty output folder; the session's shared photo cache is already filled by
    ``screen_batch`` (the batches here test stopping, not photo fitting)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("how", ["SIGTERM to the batch", "SIGINT to the group"])
def test_signal_while_rows_are_written_ends_every_worker_and_resumes(rows_csv, out, how):
    proc = start_batch([BROCHURE, "personalize", str(rows_csv), "--out", str(out), "--jobs", "2",
                        "--json", "--lang", "en"])
    wait_for_rows(proc, 3)
    workers = children_of(proc.pid)
    assert len(workers) == 2 and all(w in dict(group_members(proc.pid)) for w in workers)
    sent = time.monotonic()
    if how.startswith("SIGTERM"):
        proc.send_signal(signal.SIGTERM)  # as `timeout` or `kill` does: to the main process
    else:
        os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal does: to the whole group
    stdout, stderr = proc.communicate(timeout=60)
    assert_group_gone_within(proc.pid, 2.0, sent)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    said = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    assert any("interrupted:" in e.get("message", "") and "run the same command again" in e["message"] for e in said)
    listed = manifest_rows(out)
    assert {r["status"] for r in listed} <= {"written", "pending"} and "pending" in {r["status"] for r in listed}
    assert_consistent(out, rows_csv, BATCH)


@pytest.mark.parametrize("moment", ["layout", "fork", "row-writing", "twice", "finishing"])
def test_interrupted_before_while_and_after_the_pool_starts(rows_csv, out, moment):
    """SIGINT while the shared pages are laid out (no worker yet), as the second worker is
    being forked, while a worker is writing a row's PDF (Ctrl-C to the whole group: no
    ``.NAME.pdf.XXXX.tmp`` may be left), the same with Ctrl-C pressed again as the batch stops
    its workers, and when every row is done and the last files are written."""
    argv = [sys.executable, str(ROOT / "tests" / "interrupt_runner.py"), moment, "--", "personalize",
            str(rows_csv), "--out", str(out), "--edition", "screen", "--jobs", "2", "--lang", "en"]
    proc = start_batch(argv)
    sent = None
    if moment == "layout":
        assert proc.stdout.readline().strip() == "RENDERING"
        sent = time.monotonic()
        os.killpg(proc.pid, signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=300)
    assert_group_gone_within(proc.pid, 2.0, sent or time.monotonic())
    assert proc.returncode == 130, stdout + stderr
    assert "Traceback" not in stderr
    if moment != "layout":
        assert "FIRED True" in stdout
    assert_consistent(out, rows_csv, BATCH)


def test_a_killed_worker_fails_its_row_and_the_batch_goes_on(rows_csv, out):
    proc = start_batch([BROCHURE, "personalize", str(rows_csv), "--out", str(out), "--jobs", "2",
                        "--json", "--lang", "en"])
    wait_for_rows(proc, 2)
    victim = children_of(proc.pid)[0]
    os.kill(victim, signal.SIGKILL)  # as the kernel's out-of-memory killer does
    stdout, stderr = proc.communicate(timeout=300)
    assert group_members(proc.pid) == []
    assert proc.returncode == 1, stderr
    events = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    failed = [e for e in events if e["event"] == "row" and e["status"] == "failed"]
    assert len(failed) == 1 and "stopped unexpectedly (SIGKILL)" in failed[0]["message"]
    summary = next(e for e in events if e["event"] == "summary")
    assert (summary["written"], summary["failed"]) == (BATCH - 1, 1)
    errors = [e["message"] for e in events if e["event"] == "error"]
    assert any(m.startswith(f"error: rows.csv:{failed[0]['line']}: ") and "stopped unexpectedly" in m for m in errors)
    assert [r["status"] for r in manifest_rows(out)].count("failed") == 1
    assert_consistent(out, rows_csv, BATCH)  # the re-run makes the one failed row


def test_the_batch_killed_outright_leaves_no_worker_and_resumes(rows_csv, out):
    """SIGKILL of the main process (no handler can run): the kernel ends its workers
    (PR_SET_PDEATHSIG), and the next run cleans up and makes the rows not yet recorded."""
    proc = start_batch([BROCHURE, "personalize", str(rows_csv), "--out", str(out), "--jobs", "2",
                        "--json", "--lang", "en"])
    wait_for_rows(proc, 2)
    assert len(children_of(proc.pid)) == 2
    sent = time.monotonic()
    proc.kill()
    proc.communicate(timeout=60)
    assert_group_gone_within(proc.pid, 2.0, sent)
    for tmp in out.rglob("*.tmp"):  # a worker may have been killed while writing: the next run removes it
        assert re.fullmatch(r"\.c\d{5}\.pdf\.[^.]+\.tmp", tmp.name), tmp
    from brochure.personalize import personalize as run  # the re-run, in process (see assert_consistent)
    from brochure.progress import Reporter

    said = io.StringIO()
    assert run(rows_csv, CONTENT, out, Reporter("json", stream=said)) == 0, said.getvalue()
    assert [p.name for p in out.rglob("*.tmp")] == []
    assert len(list(out.rglob("*.pdf"))) == BATCH


def test_a_second_batch_into_the_same_folder_is_refused(tmp_path):
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".personalize.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running batch holds it
        proc = personalize(str(write_csv(tmp_path / "rows.csv", ROWS[:1])), "--out", str(out), "--lang", "en")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "another batch is writing into this folder" in proc.stderr
    assert not list(out.glob("*.pdf"))


# --- the worker pool on its own (no WeasyPrint): crashes, recycling, nothing left ------------

def _work(item):
    if item == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if item == "exit":
        os._exit(3)
    if item == "hang":
        time.sleep(120)
    return (item, os.getpid())


def test_fork_pool_reports_crashes_recycles_workers_and_leaves_no_child():
    from brochure.forkpool import Crash, ForkPool

    items = ["a", "b", "die", "c", "d", "exit", "e", "f", "g"]
    results = {}
    before = set(children_of(os.getpid()))  # what other tests of this process started is theirs
    with ForkPool(items, _work, 2, recycle=2) as pool:
        pool.run(range(len(items)), lambda i, r: results.__setitem__(i, r))
    assert set(results) == set(range(len(items)))
    assert results[2] == Crash("SIGKILL", signal.SIGKILL) and results[5] == Crash("exit status 3")
    done = {items[i]: r for i, r in results.items() if not isinstance(r, Crash)}
    assert set(done) == {"a", "b", "c", "d", "e", "f", "g"} and all(item == r[0] for item, r in done.items())
    pids = [pid for _, pid in done.values()]
    assert all(pids.count(pid) <= 2 for pid in pids)  # each worker made at most `recycle` items
    assert pool.forked >= 5 and pool.workers == {}
    assert set(children_of(os.getpid())) <= before


def test_fork_pool_kills_a_hung_worker_after_the_time_limit():
    from brochure.forkpool import Crash, ForkPool

    items = ["a", "hang", "b"]
    results = {}
    before = set(children_of(os.getpid()))
    with ForkPool(items, _work, 2, limit=1.0) as pool:
        pool.run(range(len(items)), lambda i, r: results.__setitem__(i, r), interval=0.05)
    assert results[1] == Crash("no result after 1 s", signal.SIGKILL)
    assert results[0][0] == "a" and results[2][0] == "b"
    assert set(children_of(os.getpid())) <= before


def test_fork_pool_stopped_cleans_up_after_killed_workers_with_signals_held_back():
    """Stopped mid-item (KeyboardInterrupt in the parent), the pool kills the busy worker and
    calls ``on_kill`` with its item while SIGINT and SIGTERM are still blocked: a second
    Ctrl-C cannot cut the clean-up short (it comes once the clean-up is done)."""
    from brochure.forkpool import ForkPool

    seen = []

    def on_kill(killed):
        seen.append((list(killed), signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []),
                     [pid for pid in pids if Path(f"/proc/{pid}").exists() and
                      Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"]))

    def tick():
        pids[:] = pool.pids()
        if pool._busy() and time.monotonic() - started > 0.3:
            raise KeyboardInterrupt

    pids: list[int] = []
    started = time.monotonic()
    pool = ForkPool(["hang"], _work, 1, on_kill=on_kill)
    with pytest.raises(KeyboardInterrupt):
        with pool:
            pool.run([0], lambda i, r: None, tick, interval=0.05)
    assert seen == [([0], True, [])]  # the hung item, signals blocked, its worker already gone
    assert pool.killed == [0] and pool.workers == {}
