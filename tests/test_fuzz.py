"""Fuzzing the readers (issue 18): hypothesis writes content files, CSV files and Markdown
bodies, hostile or just odd, and feeds them to the YAML/Markdown content reader (through the
whole validation, as a build starts), the CSV row reader of ``brochure personalize`` and the
Markdown renderer. Every input must give a result or a BrochureError (exit status 2, one
line per problem, nothing raw on the terminal): any other exception is what the CLI reports
as an internal error (exit status 3), i.e. a bug.

The default run is a smoke test of a few examples per reader. The fuzz run proper, a few
minutes:  ``uv run pytest tests/test_fuzz.py -n 0 --fuzz`` (or ``BROCHURE_FUZZ=1``; ``--fuzz=N``
sets the examples per reader, default 1500).
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONTENT

from brochure.errors import BrochureError, ContentError, ContentErrors

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
SMOKE_EXAMPLES = 15


def _examples(config) -> int:
    chosen = config.getoption("--fuzz") or (1500 if os.environ.get("BROCHURE_FUZZ", "").strip() not in ("", "0")
                                            else None)
    return int(chosen) if chosen else SMOKE_EXAMPLES


@pytest.fixture(scope="module")
def examples(request) -> int:
    return _examples(request.config)


def _fuzz(examples: int):
    return settings(max_examples=examples, deadline=None, database=None, derandomize=examples == SMOKE_EXAMPLES,
                    suppress_health_check=list(HealthCheck))


# --- what editors (and attackers) type --------------------------------------------------------

KEYS = ["type", "label", "heading", "lead", "photos", "file", "alt", "caption", "focus", "title", "catch",
        "organisation", "as_of", "date", "links", "id", "url", "sample", "sections", "channels", "body",
        "name", "role", "portrait", "quote", "joined", "items", "questions", "print", "output_intent", "見出し"]
SCALARS = ["office", "cover", "message", "interview", "NO", "on", "yes", "~", "null", "2021-13-01", "2021-02-30",
           "2021-04-01", "!!timestamp tomorrow", "!!str x", "!!python/object/apply:os.system ['id']", "*a", "&a x",
           "'unclosed", '"unclosed', "[a, b", "{a: b", "[0.5, 2]", "|", ">", "- x", "「鍵: 括弧」", "“curly”",
           "photos/office-1.jpg", "photos/../../etc/passwd", "/etc/passwd", "https://example.com/",
           "javascript:alert(1)", "https://example.com/" + "a" * 300, "\"\\e[2J\"", "\"\\u202e\"", "オフ\u202eィス",
           "オフ\x07ィス", "\x1b[31m", "値　", "１２３", "2025年4月1日", "<script>x</script>", "% 1", "@x", "`x`",
           "\t", "　", "：", "#", "---", "...", "0x10", "1e400", "-.inf", ".nan"]
WORDS = st.sampled_from(KEYS + SCALARS) | st.text(min_size=0, max_size=12)


@st.composite
def yaml_text(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 14))):
        indent = draw(st.sampled_from(["", "", "  ", "    ", "- ", "  - ", "\t", "　"]))
        key = draw(st.sampled_from(KEYS) | st.text(max_size=6))
        sep = draw(st.sampled_from([": ", ": ", ":", "：", " ", ": |\n  ", ": >\n  "]))
        lines.append(indent + key + sep + draw(WORDS))
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)


def content_bytes():
    return (yaml_text().map(lambda s: s.encode("utf-8"))
            | st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass"))
            | st.binary(max_size=200))


@st.composite
def markdown_text(draw) -> str:
    parts = draw(st.lists(st.sampled_from([
        "# 見出し", "## 質問", "本文です。", "**太字**", "*斜体", "`code", "[link](https://example.com)",
        "[x](file:///etc/passwd)", "<file:///etc/passwd>", "![img](http://127.0.0.1/x.png)", "<script>x</script>",
        "<b>", "{宮坂|みやさか}", "{漢字|かん|じ|い}", "{壊れ", "|}", "※注記", "- 項目", "1. 番号", "> 引用", "---",
        "    code", "```", "\\", "&amp;", "&#0;", "&#x202e;", "\u202e", "\x0b", "\u3000", "\n", "\n\n", " "])
        | st.text(max_size=20), max_size=25))
    return "".join(parts)


# --- the content reader, through the whole validation -------------------------------------------

TARGETS = ["brochure.yaml", "sections/office.yaml", "sections/message.md"]


@pytest.fixture(scope="module")
def fuzz_content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def _only_clear_errors(call):
    """``call()`` returns, or fails with what the CLI prints as exit status 2 (one line per
    problem, file first, nothing raw); anything else propagates: an internal error."""
    try:
        return call()
    except (ContentError, ContentErrors) as exc:
        text = str(exc)
        assert not RAW.search(text), repr(text)
        for line in text.splitlines():
            assert ": " in line, repr(line)
    except BrochureError as exc:
        assert exc.exit_status == 2 and not RAW.search(str(exc)), repr(str(exc))
    return None


def test_content_reader_never_fails_unclearly(fuzz_content, examples):
    from brochure.content.load import load_brochure

    originals = {rel: (fuzz_content / rel).read_bytes() for rel in TARGETS}

    @_fuzz(examples)
    @given(target=st.sampled_from(TARGETS), data=content_bytes(), body=markdown_text())
    def run(target, data, body):
        for rel, raw in originals.items():
            (fuzz_content / rel).write_bytes(raw)
        if target.endswith(".md"):
            data = b"---\n" + data + b"\n---\n" + body.encode("utf-8", "surrogatepass")
        (fuzz_content / target).write_bytes(data)
        _only_clear_errors(lambda: load_brochure(fuzz_content))

    run()


def test_content_reader_keeps_every_value_but_edits_it_in_place(fuzz_content, examples):
    """One field of the sample replaced by an odd value (the rest intact): validation gets past
    the YAML to the model, where most mistakes are named."""
    from brochure.content.load import load_brochure

    office = (CONTENT / "sections" / "office.yaml").read_text(encoding="utf-8")
    main = (CONTENT / "brochure.yaml").read_text(encoding="utf-8")

    @_fuzz(examples)
    @given(line=st.sampled_from(["heading: オフィス", "label: オフィス", "  - file: photos/office-1.jpg"]),
           main_line=st.sampled_from(["as_of: 2021-04-01", "title: \"Hello, Tokyo!\"", "  - id: fair-tokyo",
                                      "    url: https://example.com/"]),
           value=WORDS)
    def run(line, main_line, value):
        key = line.split(":")[0]
        (fuzz_content / "sections" / "office.yaml").write_text(office.replace(line, f"{key}: {value}", 1),
                                                               encoding="utf-8", errors="surrogatepass")
        key = main_line.split(":")[0]
        (fuzz_content / "brochure.yaml").write_text(main.replace(main_line, f"{key}: {value}", 1),
                                                    encoding="utf-8", errors="surrogatepass")
        (fuzz_content / "sections" / "message.md").write_bytes((CONTENT / "sections" / "message.md").read_bytes())
        _only_clear_errors(lambda: load_brochure(fuzz_content))

    run()


# --- the CSV rows of brochure personalize ---------------------------------------------------------

@st.composite
def csv_bytes(draw) -> bytes:
    header = draw(st.sampled_from(["name,url,file", "name,url,file,event", "Name, URL ,File", "name;url;file",
                                   "url,file", ""]))
    cell = st.sampled_from(["山田 太郎", "https://example.com/a", "http://x", "javascript:x", "ftp://x/y", "",
                            "\"quoted, comma\"", "\"unclosed", "a\nb", "../../etc/passwd", "CON", "山" * 80,
                            "\u202e名前", "\x1b[2J", "https://example.com/" + "q" * 3000]) | st.text(max_size=15)
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=5).map(",".join), max_size=6))
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join([header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp932", "mixed"]))
    if encoding == "mixed":
        lines = text.split("\n")
        return b"\n".join(l.encode("cp932", "replace") if i % 2 else l.encode("utf-8", "surrogatepass")
                          for i, l in enumerate(lines))
    return text.encode(encoding, "replace") if encoding == "cp932" else text.encode(encoding, "surrogatepass")


def test_csv_row_reader_never_fails_unclearly(tmp_path_factory, examples):
    from brochure.content.rows import read_rows

    path = tmp_path_factory.mktemp("fuzz-rows") / "rows.csv"

    @_fuzz(examples)
    @given(data=csv_bytes() | st.binary(max_size=300))
    def run(data):
        path.write_bytes(data)
        rows = _only_clear_errors(lambda: read_rows(path, "rows.csv"))
        if rows is not None:
            for error in rows.errors:
                assert not RAW.search(str(error)), repr(str(error))

    run()


# --- the Markdown renderer ----------------------------------------------------------------------------

UNSAFE = re.compile(r"<(script|style|img|link|svg|iframe|object|embed|image|meta|base)\b", re.I)
HREF = re.compile(r'href="([^"]*)"')


def test_markdown_renderer_never_fails_and_emits_no_active_html(examples):
    from brochure.content.markdown_check import check_markdown
    from brochure.render.markdown import markdown_to_html

    @_fuzz(examples)
    @given(body=markdown_text(), offset=st.integers(0, 3))
    def run(body, offset):
        html = str(markdown_to_html(body, heading_offset=offset))
        assert not UNSAFE.search(html), html
        for href in HREF.findall(html):
            assert href.startswith(("https://", "http://", "mailto:")), href
        for error in check_markdown(body, "sections/x.md", 1):
            assert not RAW.search(str(error)), repr(str(error))

    run()
