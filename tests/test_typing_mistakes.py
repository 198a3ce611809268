"""Mistakes Japanese typists make, each named as what it is at its line and column, in both
languages; and the look-alikes that are not mistakes pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CONTENT

from brochure.content.load import load_brochure
from brochure.errors import ContentErrors

# (id, file, original text, typed text, message key, the column's character in the typed line)
CASES = [
    ("full-width colon", "brochure.yaml", 'title: "Hello, Tokyo!"', 'title： "Hello, Tokyo!"', "yaml.fullwidth_colon", "："),
    ("full-width colon, last line", "sections/cover.yaml", "type: cover", "type: cover\nnote： x", "yaml.fullwidth_colon", "："),
    ("full-width colon in a front matter", "sections/interview-hirai.md", "joined: 2019", "joined：2019", "yaml.fullwidth_colon", "："),
    ("curly quotes in a front matter", "sections/interview-hirai.md", "heading: 採用者の声", "heading: “採用者の声”", "yaml.smart_quotes", "“"),
    ("full-width indent", "sections/office.yaml", "\n  - file:", "\n　- file:", "yaml.fullwidth_indent", "\u3000"),
    ("full-width indent after spaces", "sections/office.yaml", "\n    alt:", "\n  　alt:", "yaml.fullwidth_indent", "\u3000"),
    ("full-width digits in a date", "brochure.yaml", "as_of: 2021-04-01", "as_of: ２０２１-０４-０１", "value.fullwidth_digits", "２"),
    ("2021年4月1日", "brochure.yaml", "date: 2021-04-01", "date: ２０２１年４月１日", "value.date_japanese", "２"),
    ("full-width number", "brochure.yaml", "date: 2021-04-01", "date: 2021-04-01\npad_to_multiple: ４", "value.fullwidth_digits", "４"),
    ("「」 as quotes", "brochure.yaml", 'title: "Hello, Tokyo!"', "title: 「例: テキスト」", "yaml.kagikakko", "「"),
    ("Word's curly quotes", "brochure.yaml", 'title: "Hello, Tokyo!"', "title: “Hello, Tokyo!”", "yaml.smart_quotes", "“"),
    ("curly quotes and a colon", "brochure.yaml", 'title: "Hello, Tokyo!"', "title: “例: Tokyo”", "yaml.smart_quotes", "“"),
    ("trailing full-width space", "brochure.yaml", 'title: "Hello, Tokyo!"', "title: Hello　", "yaml.trailing_fullwidth_space", "\u3000"),
]


def _typed(tmp_path: Path, file: str, before: str, after: str) -> tuple[Path, int]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert before in text, before
    text = text.replace(before, after, 1)
    path.write_text(text, encoding="utf-8")
    # The line the typed text ends on: where the mistake is.
    line = text[: text.index(after) + len(after)].count("\n") + 1
    return content, line


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_typing_mistake_is_named_at_its_line_and_column(tmp_path, case):
    _, file, before, after, key, char = case
    content, line = _typed(tmp_path, file, before, after)
    with pytest.raises(ContentErrors) as raised:
        load_brochure(content)
    [error] = raised.value.errors  # one message, not a cascade of YAML's guesses
    assert (str(error.file), error.key, error.line) == (file, key, line)
    typed_line = (content / file).read_text(encoding="utf-8").split("\n")[line - 1]
    assert error.column and typed_line[error.column - 1] == char, (typed_line, error.column)
    ja, en = error.format("ja"), error.format("en")
    assert ja.startswith(f"{file}:{line}:{error.column}: ") and en.startswith(f"{file}:{line}:{error.column}: ")
    assert ja != en


def test_the_fixes_say_what_to_type(tmp_path):
    content, _ = _typed(tmp_path, "brochure.yaml", "as_of: 2021-04-01", "as_of: ２０２１年４月１日")
    with pytest.raises(ContentErrors) as raised:
        load_brochure(content)
    assert "2021-04-01 の形" in raised.value.format("ja") and "write it as 2021-04-01" in raised.value.format("en")
    content, _ = _typed(tmp_path / "b", "brochure.yaml", 'title: "Hello, Tokyo!"', 'title： "Hello, Tokyo!"')
    with pytest.raises(ContentErrors) as raised:
        load_brochure(content)
    assert "全角の「：」は半角の「:」に" in raised.value.format("ja")


def test_several_mistakes_in_one_file_are_all_reported(tmp_path):
    content, _ = _typed(tmp_path, "brochure.yaml", 'title: "Hello, Tokyo!"', 'title： "Hello, Tokyo!"')
    path = content / "brochure.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2021-04-01", "date： 2021-04-01"),
                    encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_brochure(content)
    assert [e.key for e in raised.value.errors] == ["yaml.fullwidth_colon", "yaml.fullwidth_colon"]


# Not mistakes: Japanese punctuation inside text, a paragraph indent inside a block of text.
LOOK_ALIKES = [
    ("full-width colon inside a value", "sections/office.yaml", "heading: オフィス", "heading: オフィス：新庁舎"),
    ("「」 inside a value", "brochure.yaml", "catch: 新しい東京を創る", "catch: 「新しい東京」を創る"),
    ("full-width space indenting a paragraph of a block", "sections/office.yaml", "lead: フリー",
     "lead: |\n  　フリー"),
]


@pytest.mark.parametrize("case", LOOK_ALIKES, ids=[c[0] for c in LOOK_ALIKES])
def test_look_alikes_are_not_typing_mistakes(tmp_path, case):
    _, file, before, after = case
    content, _ = _typed(tmp_path, file, before, after)
    brochure = load_brochure(content)  # no error at all
    assert brochure.sections


def test_libyaml_reads_every_file_as_the_python_loader_does(tmp_path, monkeypatch):
    """content/source.py reads YAML with libyaml when the file has no tag, alias or anchor
    (≈10× faster); the data, the line of every field and the findings are those of the
    Python loader, for the sample, the example and generated brochures, front matter too."""
    import sys

    from brochure.content import source

    sys.path.insert(0, str(Path(__file__).parent))
    from generate import generate

    assert source._FAST_LOADER is not None  # .ci/run installs PyYAML with libyaml
    roots = [CONTENT, Path(__file__).parents[1] / "examples" / "harukaze"]
    for seed in (1, 2, 3):
        generate(seed, tmp_path / f"seed{seed}")
        roots.append(tmp_path / f"seed{seed}")
    files = [p for root in roots for p in sorted(root.rglob("*")) if p.suffix in (".yaml", ".yml", ".md")]
    fast = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            if not text.startswith("---\n"):
                continue
            text = text[4:text.index("\n---", 4) + 1]
        fast += source._compose_fast(text) is not None
        read = source._parse_yaml(text, path.name)
        with monkeypatch.context() as m:
            m.setattr(source, "_FAST_LOADER", None)
            slow = source._parse_yaml(text, path.name)
        assert read[0] == slow[0] and read[1] == slow[1], path
        assert [(e.field, e.line, str(e)) for e in read[2]] == [(e.field, e.line, str(e)) for e in slow[2]], path
    assert fast > 0.8 * len(files) > 20, (fast, len(files))
