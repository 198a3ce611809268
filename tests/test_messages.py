"""Japanese by default, English with --lang en or BROCHURE_LANG=en, for every command.

Every help text comes from the catalogue (checked on the parsers themselves), argparse's own
words are translated, and each command's error paths are run in both languages: a line of the
Japanese run without any Japanese, or a line of the English run with Japanese in it (the inputs
are ASCII), is a message missing from the catalogue in that language.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import socket
from pathlib import Path

import pikepdf
import pytest

from conftest import CONTENT, ROOT

from brochure import cli
from brochure.messages import CATALOGUE, LANGUAGES, WORDS, language_from, set_language

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")  # kana, kanji, full-width forms


def run(*argv: str, env_lang: str | None = None, monkeypatch=None, entry=cli.main) -> tuple[int, str, str]:
    """A command in this process, as a user types it: (status, stdout, stderr)."""
    if monkeypatch is not None:
        if env_lang:
            monkeypatch.setenv("BROCHURE_LANG", env_lang)
        else:
            monkeypatch.delenv("BROCHURE_LANG", raising=False)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = entry(list(argv))
        except SystemExit as exc:  # argparse: --help, usage errors
            status = exc.code
    return status, out.getvalue(), err.getvalue()


PREFIX = re.compile(r"^(?:[\w.\-]+(?: [\w.\-]+)?: )?(?:エラー|警告|error|warning): ")
USAGE_CONTINUED = re.compile(r"^\s+[\[\]{}A-Za-z0-9_.,|=\- ]+$")  # argparse's wrapped usage: syntax only


def _english_phrases() -> set[str]:
    """Pieces of the catalogue's English (three words or more, between parameters) that no
    Japanese text has: seen in a Japanese run, they are an English message that leaked."""
    english = [t for texts in CATALOGUE.values() for t in texts["en"] if t]
    english += [texts["en"] for texts in WORDS.values()]
    japanese = " ".join([t for texts in CATALOGUE.values() for t in texts["ja"] if t]
                        + [texts["ja"] for texts in WORDS.values()])
    pieces = set()
    for text in english:
        for piece in re.split(r"\{[^}]*\}|%\(\w+\)[rs]|%[rs]|\(|\)", text):
            piece = piece.strip(" :;,.—'\"")
            if len(re.findall(r"[A-Za-z]+", piece)) >= 3 and piece not in japanese:
                pieces.add(piece)
    return pieces


ENGLISH = _english_phrases()


def assert_language(text: str, lang: str, context: str) -> None:
    if lang == "ja":
        leaked = [piece for piece in ENGLISH if piece in text]
        assert not leaked, f"{context}: English catalogue text in the Japanese output: {leaked}"
    lines = [line for line in text.splitlines() if line.strip() and not USAGE_CONTINUED.match(line)]
    assert lines, f"{context}: nothing printed"
    for line in lines:
        line = PREFIX.sub("", line)  # "エラー: " alone does not make a message Japanese
        if lang == "ja":
            assert JAPANESE.search(line), f"{context}: a line without Japanese (untranslated?): {line!r}"
        else:
            assert not JAPANESE.search(line), f"{context}: Japanese in the English output: {line!r}"


# --- the language is known before parsing ------------------------------------------------------

def test_language_comes_from_the_command_line_then_the_environment():
    assert language_from([], {}) == "ja"
    assert language_from(["build", "--lang", "en"], {}) == "en"
    assert language_from(["build", "--lang=en"], {"BROCHURE_LANG": "ja"}) == "en"
    assert language_from(["check"], {"BROCHURE_LANG": "en"}) == "en"
    assert language_from(["check", "--lang", "xx"], {"BROCHURE_LANG": "en"}) == "en"  # argparse reports xx
    assert language_from(["--", "--lang", "en"], {}) == "ja"


# --- help: every text from the catalogue, in the chosen language ----------------------------------

def _parsers(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_help_text_is_a_catalogue_phrase(lang):
    set_language(lang)
    phrases = {texts[lang] for texts in WORDS.values()}
    parsers = [*_parsers(cli.parser())]
    assert {p.prog.split()[-1] for p in parsers} >= {"brochure", "build", "check", "watch", "preview", "impose",
                                                    "personalize", "schema"}
    for p in parsers:
        for text in (p.description, p.epilog):
            assert text is None or text in phrases, (p.prog, text)
        for action in p._actions:
            if action.help not in (None, argparse.SUPPRESS):
                assert action.help in phrases, (p.prog, action.option_strings, action.help)
        for group in p._action_groups:
            assert group.title in phrases, (p.prog, group.title)
    set_language("ja")


@pytest.mark.parametrize("command", ["", "build", "check", "watch", "preview", "impose", "personalize", "schema"])
def test_help_of_every_command_in_both_languages(monkeypatch, command):
    argv = [command, "--help"] if command else ["--help"]
    status, ja, _ = run(*argv, monkeypatch=monkeypatch)
    assert status == 0
    assert ja.startswith("使い方: brochure") and "オプション:" in ja and "この説明を表示して終了する" in ja
    assert "usage:" not in ja and "show this help" not in ja and "`" not in ja
    status, en, _ = run(*argv, "--lang", "en", monkeypatch=monkeypatch)
    assert status == 0 and en.startswith("usage: brochure") and "show this help message and exit" in en
    assert not JAPANESE.search(en.replace("トンボ", "")) and "`" not in en
    _, by_env, _ = run(*argv, env_lang="en", monkeypatch=monkeypatch)
    assert by_env == en  # BROCHURE_LANG=en switches --help too


def test_make_pdf_help_in_both_languages(monkeypatch):
    _, ja, _ = run("--help", monkeypatch=monkeypatch, entry=cli.make_pdf_main)
    _, en, _ = run("--help", "--lang", "en", monkeypatch=monkeypatch, entry=cli.make_pdf_main)
    assert ja.startswith("使い方: make_pdf.py") and "brochure build と同じです" in ja
    assert en.startswith("usage: make_pdf.py") and not JAPANESE.search(en)


def test_help_lines_fit_the_terminal_counting_a_kanji_as_two_cells(monkeypatch):
    import unicodedata

    monkeypatch.setenv("COLUMNS", "80")
    _, ja, _ = run("build", "--help", monkeypatch=monkeypatch)
    widths = [sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in ja.splitlines()]
    assert max(widths) <= 80, max(widths)


# --- error paths of every command, in both languages ------------------------------------------------

@pytest.fixture(scope="module")
def thirteen_pages(sample_build, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("thirteen") / "thirteen.pdf"
    with pikepdf.open(sample_build) as pdf:
        pdf.pages.append(pdf.pages[1])
        pdf.save(path)
    return path


@pytest.fixture(scope="module")
def busy_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock.getsockname()[1]
    sock.close()


def _bad_content(root: Path) -> Path:
    import shutil

    content = root / "content"
    if not content.exists():
        shutil.copytree(CONTENT, content)
        office = content / "sections" / "office.yaml"
        office.write_text(office.read_text(encoding="utf-8").replace("lead:", "leed:"), encoding="utf-8")
    return content


def _bad_csv(root: Path) -> Path:
    rows = root / "rows.csv"
    rows.write_text("name,file\nYamada,yamada\n", encoding="utf-8")
    return rows


# (command line, expected exit status); {tmp}, {bad}, {csv}, {pdf13}, {port} are filled in.
ERROR_PATHS = [
    (["build", "--content", "{tmp}/missing"], 2),
    (["build", "--content", "{bad}", "--out", "{tmp}/out"], 2),
    (["build", "--out", "{tmp}/out", "--channel", "no-such-fair"], 2),
    (["build", "--edition", "poster"], 2),
    (["build", "--no-such-option"], 2),
    (["check", "--content", "{bad}", "--out", "{tmp}/out"], 2),
    (["check", "--content", "{tmp}/missing"], 2),
    (["watch", "--content", "{tmp}/missing", "--out", "{tmp}/out"], 2),
    (["watch", "--edition", "all"], 2),
    (["preview", "--content", "{tmp}/missing", "--out", "{tmp}/out", "--port", "0"], 2),
    (["preview", "--port", "{port}", "--out", "{tmp}/out"], 2),
    (["preview", "--port", "eighty"], 2),
    (["impose", "--out", "{tmp}/out", "{tmp}/none.pdf"], 2),
    (["impose", "--out", "{tmp}/out", "{csv}"], 2),
    (["impose", "--out", "{tmp}/out", "{pdf13}"], 2),
    (["personalize", "{tmp}/none.csv", "--out", "{tmp}/out"], 2),
    (["personalize", "{csv}", "--out", "{tmp}/out"], 2),
    (["personalize", "{csv}", "--jobs", "many"], 2),
    (["personalize"], 2),
    (["schema", "--write", "{csv}/schemas"], 2),
    (["schema", "--section", "extra"], 2),
    (["nope"], 2),
    ([], 2),
]


@pytest.mark.parametrize("argv, status", ERROR_PATHS, ids=[" ".join(a) or "(none)" for a, _ in ERROR_PATHS])
def test_error_paths_speak_the_chosen_language(argv, status, tmp_path_factory, thirteen_pages, busy_port,
                                               monkeypatch):
    root = tmp_path_factory.getbasetemp() / "error-paths"
    root.mkdir(exist_ok=True)
    fill = {"tmp": str(root), "bad": str(_bad_content(root)), "csv": str(_bad_csv(root)),
            "pdf13": str(thirteen_pages), "port": str(busy_port)}
    argv = [part.format(**fill) for part in argv]
    outputs = {}
    for lang in LANGUAGES:
        got, out, err = run(*argv, "--lang", lang, monkeypatch=monkeypatch) if argv else run(
            env_lang=lang, monkeypatch=monkeypatch)
        assert got == status, (lang, out, err)
        assert "Traceback" not in out + err
        assert_language(out + err, lang, f"{' '.join(argv)} ({lang})")
        outputs[lang] = err
    assert outputs["ja"] != outputs["en"]
    assert not (root / "out" / "brochure-print.pdf").exists()


# --- the catalogue itself ---------------------------------------------------------------------------

def test_every_phrase_is_used_by_the_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "brochure").rglob("*")
                     if p.suffix in (".py", ".js", ".html"))
    unused = [key for key in WORDS if f'"{key}"' not in code and not key.startswith("about.")]
    assert unused == []


def test_every_field_description_names_a_real_field():
    """``about.<Model>.<field>`` phrases are looked up by name: each must name a field the
    model describes."""
    from brochure.content import model

    for key in (k for k in WORDS if k.startswith("about.")):
        _, cls, name = key.split(".")
        assert getattr(model, cls).model_fields[name].description, key


def test_catalogue_keys_are_unique_across_messages_and_phrases():
    assert not set(CATALOGUE) & set(WORDS)


def test_every_japanese_text_is_japanese():
    """An entry whose Japanese was left as the English (or never written) is found here."""
    placeholder = re.compile(r"\{[^}]*\}|%\(\w+\)[rsd]|%[rsd]")
    texts = [(key, t) for key, entry in CATALOGUE.items() for t in entry["ja"] if t]
    texts += [(key, entry["ja"]) for key, entry in WORDS.items()]
    for key, text in texts:
        words = placeholder.sub("", text)
        if re.search(r"[A-Za-z]{3,}", words):
            assert JAPANESE.search(words), (key, text)
