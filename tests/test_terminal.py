"""Every command run in a terminal (a pty, with pexpect) as a user runs it, in both languages:
what it prints, its progress line, and how it stops on Ctrl-C."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, find_console_script

pexpect = pytest.importorskip("pexpect", reason="pexpect not installed: uv sync (it is a dev dependency)")

BROCHURE = find_console_script("brochure") or "brochure"  # installed by uv sync
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")

# What each language says, by command: (Japanese, English).
SAID = {
    "help": ("使い方: brochure", "usage: brochure"),
    "wrote": ("を書き出しました", "wrote "),
    "building": ("作成中", "building"),
    "verdict": ("見本の値が", "sample value(s) remain"),
    "imposed": ("A3 横・中綴じの順", "A3 landscape, saddle-stitch order"),
    "rows": ("作成 1 件", "1 written"),
    "built": ("brochure-print.pdf を作りました", "built brochure-print.pdf"),
    "watching": ("の変更を見張っています（Ctrl-C で終了）", "(Ctrl-C to stop)"),
    "stopped": ("見張りを終了しました", "stopped watching"),
    "preview": ("プレビュー: ブラウザで http://127.0.0.1:", "preview: open http://127.0.0.1:"),
    "preview stopped": ("プレビューを終了しました", "preview stopped"),
}


def said(key: str, lang: str) -> str:
    return SAID[key][0 if lang == "ja" else 1]


def spawn(*args: str, lang: str, program: str = BROCHURE):
    env = {k: v for k, v in os.environ.items() if k != "BROCHURE_LANG"}
    env.update(COLUMNS="160", LINES="50", TERM="xterm-256color")
    args = (*args, "--lang", "en") if lang == "en" else args
    if program.endswith(".py"):
        program, args = sys.executable, (program, *args)
    return pexpect.spawn(program, list(args), cwd=str(ROOT), env=env, encoding="utf-8", timeout=180,
                         dimensions=(50, 160))


def finish(child) -> str:
    """Everything left to read; the child's exit status is then in ``child.exitstatus``."""
    child.expect(pexpect.EOF)
    child.close()
    return ANSI.sub("", child.before)


def plain(text: str) -> str:
    return ANSI.sub("", text)


def assert_lang(text: str, lang: str) -> None:
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    if lang == "en":  # the content's own values (quoted) may be Japanese; the tool's words are not
        ours = re.sub(r"'[^'\n]*'", "", text)
        assert not JAPANESE.search(ours), text


@pytest.fixture(scope="module")
def out(sample_build, tmp_path_factory) -> Path:
    """An output folder; the sample's fitted photos are in the session's shared cache once
    ``sample_build`` ran (the builds are then quicker)."""
    folder = tmp_path_factory.mktemp("terminal")
    return folder


LANGS = ("ja", "en")


def both(*args: str, **kwargs) -> dict:
    """The same command in both languages, run at the same time (two cores, half the wait)."""
    return {lang: spawn(*[a.format(lang=lang) for a in args], lang=lang, **kwargs) for lang in LANGS}


def test_help():
    for program in (BROCHURE, str(ROOT / "make_pdf.py")):
        for lang, child in both("--help", program=program).items():
            text = finish(child)
            assert child.exitstatus == 0 and "`" not in text
            assert text.startswith(said("help", lang).replace("brochure", Path(program).name))
            assert_lang(text, lang)


def test_build_shows_its_progress_and_where_it_wrote(out):
    for lang, child in both("build", "--edition", "print", "--out", str(out / "build-{lang}")).items():
        text = finish(child)
        assert child.exitstatus == 0, text
        assert said("building", lang) in text  # the progress line, in the same language
        assert said("wrote", lang) in text and "brochure-print.pdf" in text and "12" in text
        assert "警告" not in text and "warning" not in text  # nothing missing on this machine
        assert_lang(text, lang)


def test_check_ends_with_its_verdict(sample_build):
    for lang, child in both("check", "--out", str(sample_build.parent)).items():
        text = finish(child)
        assert child.exitstatus == 0, text
        assert said("verdict", lang) in text.strip().splitlines()[-1]
        assert_lang(text, lang)


def test_impose_and_schema(sample_build, out):
    for lang, child in both("impose", "--out", str(out / "impose-{lang}"), str(sample_build)).items():
        text = finish(child)
        assert child.exitstatus == 0 and said("imposed", lang) in text
        assert (out / f"impose-{lang}" / "brochure-print-imposed.pdf").is_file()
        assert_lang(text, lang)
    for lang, child in both("schema", "--write", str(out / "schema-{lang}")).items():
        text = finish(child)
        assert child.exitstatus == 0 and text.count(said("wrote", lang)) == 2
        assert_lang(text, lang)


def test_personalize(out, tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("name,url,file\nYamada Taro,https://example.com/c/1,yamada\n", encoding="utf-8")
    for lang, child in both("personalize", str(rows), "--out", str(out / "rows-{lang}"), "--jobs", "1").items():
        text = finish(child)
        assert child.exitstatus == 0, text
        assert said("rows", lang) in text and (out / f"rows-{lang}" / "yamada.pdf").is_file()
        assert_lang(text, lang)


def test_watch_builds_then_stops_on_ctrl_c_with_its_own_line(out, tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    children = both("watch", "--content", str(tmp_path / "content"), "--out", str(out / "watch-{lang}"))
    for lang, child in children.items():
        child.expect_exact(said("built", lang))
        child.expect_exact(said("watching", lang))
        child.sendintr()  # Ctrl-C
        text = plain(child.before) + finish(child)
        assert child.exitstatus == 0, text
        assert said("stopped", lang) in text
        assert_lang(text, lang)


def test_preview_prints_its_address_and_stops_on_ctrl_c(out):
    children = both("preview", "--out", str(out / "preview-{lang}"), "--port", "0")
    for lang, child in children.items():
        child.expect_exact(said("preview", lang))
        child.sendintr()  # while the first build runs
        text = finish(child)
        assert child.exitstatus == 0, text
        assert said("preview stopped", lang) in text
        assert_lang(text, lang)
