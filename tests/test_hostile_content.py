"""Broken and hostile content: clear errors, nothing lost, nothing leaked.

Every case of tests/hostile_cases.py runs through the real CLI in ONE watched process
(tests/audit_runner.py): an audit hook records files opened outside the allowed folders and
any socket, network or subprocess event. Each case's output folder starts with the sample's
PDF in it, which must come out byte-identical when the build fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pikepdf
import pytest

from conftest import CONTENT, ROOT, pdf_text_pages, squeeze
from hostile_cases import CASES, HOSTILE_HTML, SECRET, Case

from brochure.messages import CATALOGUE, WORDS

PDF_NAME = "brochure-print.pdf"
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@pytest.fixture(scope="module")
def corpus(sample_build, tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    previous = sample_build.read_bytes()
    runner_cases, folders = [], {}
    for case in CASES:
        folder = base / case.id
        outside = folder / "outside"  # a sibling of the content root, never to be read
        outside.mkdir(parents=True)
        (outside / "secret.txt").write_text(f"title: {SECRET}\ntype: cover\n", encoding="utf-8")
        content, out = folder / "content", folder / "out"
        shutil.copytree(CONTENT, content)
        out.mkdir()
        (out / PDF_NAME).write_bytes(previous)
        case.mutate(content, outside)
        runner_cases.append({"id": case.id, "allowed": [str(content), str(out)],
                             "argv": ["build", "--content", str(content), "--out", str(out),
                                      "--edition", "print", "--lang", case.lang]})
        folders[case.id] = out
    for name, html in HOSTILE_HTML.items():
        folder = base / f"html-{name}"
        folder.mkdir()
        runner_cases.append({"id": f"html-{name}", "html": html, "allowed": [str(folder)]})
    # Hostile rows of a personalised batch (issue 18 items 8, 9), watched the same way: a file
    # name climbing out of --out or absolute, addresses that are not web addresses (file:,
    # javascript:, a line break, 3,000 bytes), bidi and escape characters, a stray quote.
    rows_folder = base / "rows"
    shutil.copytree(CONTENT, rows_folder / "content")
    (rows_folder / "out").mkdir()
    (rows_folder / "outside").mkdir()
    (rows_folder / "outside" / "secret.txt").write_text(SECRET, encoding="utf-8")
    (rows_folder / "rows.csv").write_text("".join(f"{line}\r\n" for line in HOSTILE_ROWS(rows_folder)),
                                          encoding="utf-8")
    runner_cases.append({"id": "personalize-rows", "allowed": [str(rows_folder / "content"), str(rows_folder / "out"),
                                                               str(rows_folder / "rows.csv")],
                         "argv": ["personalize", str(rows_folder / "rows.csv"), "--content", str(rows_folder / "content"),
                                  "--out", str(rows_folder / "out"), "--jobs", "1", "--lang", "en"],
                         "fork_ok": True})  # the batch's own worker: its opens are watched too
    folders["personalize-rows"] = rows_folder / "out"
    canary = base / "canary"
    shutil.copytree(CONTENT, canary / "content")
    (canary / "content" / "sections" / "office.yaml").write_text("", encoding="utf-8")  # fail fast
    runner_cases += [  # the watch must see a read outside the allowed folders, a socket, a process
        {"id": "canary-outside", "allowed": [str(canary / "out")],
         "argv": ["build", "--content", str(canary / "content"), "--out", str(canary / "out")]},
        {"id": "canary-socket", "allowed": [], "exec": "import socket; socket.socket().close()"},
        {"id": "canary-process", "allowed": [], "exec": "import subprocess; subprocess.run(['true'])"},
        {"id": "canary-worker", "allowed": [], "fork_ok": True,  # a forked worker's open is seen too
         "exec": "import os\npid = os.fork()\nif pid == 0:\n    open(os.devnull).close()\n    os._exit(0)\n"
                 "os.waitpid(pid, 0)"},
    ]
    (base / "cases.json").write_text(json.dumps(runner_cases), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "audit_runner.py"), str(base / "cases.json"),
                           str(base / "results.json")], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = {r["id"]: r for r in json.loads((base / "results.json").read_text(encoding="utf-8"))}
    return results, folders, previous


def HOSTILE_ROWS(folder) -> list[str]:
    """name,url,file,event lines; the good ones are lines 2 and 10 of the file."""
    return ["name,url,file,event",
            "山田 美咲,https://example.com/c/1,../outside/secret,",  # 2: written, inside --out
            f"佐藤 花子,https://example.com/c/2,{folder}/outside/abs,",  # 3: written, inside --out
            '鈴木 結衣,"https://example.com/c/3\nhttps://evil.example/",suzuki,',  # 4-5: a line break
            "\u202e田中 陽菜,https://example.com/c/4,tanaka,",  # 6: bidi override
            "高橋 葵,javascript:alert(1),takahashi,",  # 7
            f"伊藤 さくら,file://{folder}/outside/secret.txt,ito,",  # 8
            "渡辺 凛,https://example.com/c/7,watanabe,\x1b[31m説明会",  # 9: escape sequence
            "中村 結菜,https://example.com/c/8,nakamura,",  # 10: written
            "小林 莉子,https://example.com/" + "a" * 3000 + ",kobayashi,",  # 11: too long for the QR code
            '加藤 美月,https://example.com/c/9,"kato,']  # 12: a stray quote


def test_hostile_rows_of_a_batch_touch_nothing_outside_and_fail_alone(corpus):
    results, folders, _ = corpus
    result, out = results["personalize-rows"], folders["personalize-rows"]
    said = result["stdout"] + result["stderr"]
    assert result["status"] == 1, said  # some rows failed; the others are written
    assert "Traceback" not in said and "internal error" not in said
    assert not RAW_CONTROLS.search(said), repr(said)
    assert result["violations"] == [], "touched outside the content root / network / processes"
    assert SECRET not in said
    reported = sorted(int(line.split(":")[2]) for line in result["stderr"].splitlines()
                      if line.startswith("error: rows.csv:"))
    assert reported == [4, 5, 6, 7, 8, 9, 11, 12], result["stderr"]
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert len(written) == 3 and "nakamura.pdf" in written, written  # each inside --out
    assert not (out.parent / "outside" / "secret.pdf").exists()


def test_the_corpus_is_large_and_mostly_hostile():
    assert len(CASES) + len(HOSTILE_HTML) >= 40
    assert len({c.id for c in CASES}) == len(CASES)
    assert sum(c.hostile for c in CASES) + len(HOSTILE_HTML) >= 25
    assert {c.lang for c in CASES} == {"ja", "en"}


def _what_is_wrong(key: str, lang: str) -> str:
    """The fixed start of a catalogue message (before its first parameter)."""
    return CATALOGUE[key][lang][0].split("{")[0].strip()


def _find_line(stderr: str, key: str, lang: str, file: str, field: str | None = None,
               line: int | None = None, column: int | None = None) -> str | None:
    where = re.escape(file) + (f":{line}" if line else r"(:\d+)?") + (f":{column}" if column else r"(:\d+)?") + ": "
    if field:
        where += re.escape(field) + ": "
    for text in stderr.splitlines():
        if re.match(where, text) and _what_is_wrong(key, lang) in text and " — " in text:
            return text
    return None


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(corpus, case: Case):
    results, folders, previous = corpus
    result, out = results[case.id], folders[case.id]
    stderr = result["stderr"]
    assert result["status"] == case.status, stderr
    assert "Traceback" not in stderr and "Traceback" not in result["stdout"]
    # Nothing from the content reaches the terminal raw: no escape sequence, no direction control.
    assert not RAW_CONTROLS.search(stderr + result["stdout"]), repr(stderr)
    assert result["violations"] == [], "touched outside the content root / network / processes"
    assert SECRET not in stderr + result["stdout"]
    if case.key:
        found = _find_line(stderr, case.key, case.lang, case.file, case.field, case.line, case.column)
        assert found, f"no '{case.file}:{case.line or ''}: {case.field or ''}: ...' {case.key} line in:\n{stderr}"
        for key, file in case.also:
            assert _find_line(stderr, key, case.lang, file), f"{key} for {file} missing in:\n{stderr}"
        summary = WORDS["summary"][case.lang].split("{")[0]
        assert stderr.splitlines()[-1].startswith(summary.strip()) or summary.strip() in stderr
    # Nothing lost, nothing half-written: the previous PDF is intact (or replaced whole).
    pdf = (out / PDF_NAME).read_bytes()
    if case.status != 0:
        assert pdf == previous
    else:
        assert pdf != previous and pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(f".{PDF_NAME}")]
    assert leftovers == []
    for check in case.checks:
        CHECKS[check](out / PDF_NAME)


def _injection_printed(pdf):
    text = squeeze("".join(pdf_text_pages(pdf)))
    for literal in ["<script>alert(1)</script>", '<linkrel=attachmenthref="file:///etc/passwd">',
                    "</style><style>@importurl(http://127.0.0.1:9/x.css);</style>", "<svg><imagehref=",
                    "採用情報</title><imagehref='file:///etc/passwd'/>", "<imgsrc=xonerror=alert(1)>部A"]:
        assert literal in text, literal


def _no_attachments(pdf):
    with pikepdf.open(pdf) as doc:
        assert "/EmbeddedFiles" not in doc.Root.get("/Names", {})
        for page in doc.pages:
            for annot in page.obj.get("/Annots", []):
                assert annot.get("/Subtype") != "/FileAttachment"
                uri = str(annot.get("/A", {}).get("/URI", ""))
                assert not uri.startswith("file:"), uri


def _all_photos_embedded(pdf):
    with pikepdf.open(pdf) as doc:
        images = {obj.objgen for page in doc.pages for _, obj in page.get_images().items()}
        assert len(images) >= 8  # cover, 3 portraits, 4 office photos
        for page in doc.pages:
            for _, obj in page.get_images().items():
                assert obj.get("/ColorSpace") in ("/DeviceRGB", "/DeviceGray") or "/ICCBased" in str(
                    obj.get("/ColorSpace"))


CHECKS = {"injection-printed": _injection_printed, "no-attachments": _no_attachments,
          "all-photos-embedded": _all_photos_embedded}


@pytest.mark.parametrize("name", sorted(HOSTILE_HTML))
def test_renderer_refuses_every_outside_or_network_resource(corpus, name):
    result = corpus[0][f"html-{name}"]
    assert result["status"] == 2, result["stderr"]
    assert "refused to load" in result["stderr"]
    assert "Traceback" not in result["stderr"]
    assert result["violations"] == []


def test_the_watch_sees_outside_reads_sockets_and_processes(corpus):
    results = corpus[0]
    assert any("/canary/content/" in v for v in results["canary-outside"]["violations"])
    assert any(v.startswith("socket.") for v in results["canary-socket"]["violations"])
    assert any(v.startswith("subprocess.Popen") for v in results["canary-process"]["violations"])
    assert results["canary-worker"]["violations"] == ["(worker) open /dev/null"]
