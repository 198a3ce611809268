"""Nothing lost (interrupted builds), deterministic output, schemas, the message catalogue."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml

from conftest import CONTENT, ROOT

from brochure.cli import main
from brochure.content import model
from brochure.errors import ContentErrors
from brochure.messages import CATALOGUE, LANGUAGES, WORDS

PDF_NAME = "brochure-print.pdf"


# --- nothing lost: Ctrl-C in the middle of a build --------------------------------------------

@pytest.mark.parametrize("moment, edition", [("layout", "print"), ("photos", "print"), ("writing", "all")])
def test_interrupted_build_leaves_previous_pdfs_and_no_partial_files(sample_build, tmp_path, moment, edition):
    out = tmp_path / "out"
    out.mkdir()
    # Sentinel bytes, not a real build: a previous PDF byte-identical to the new one could not
    # tell "left untouched" from "replaced". (The sample build warms the session's photo cache.)
    assert sample_build.is_file()
    previous = b"%PDF-1.7 previous print edition (sentinel)"
    (out / PDF_NAME).write_bytes(previous)
    (out / "brochure-screen.pdf").write_bytes(b"%PDF-1.7 previous screen edition")
    env = dict(os.environ)
    if moment == "photos":  # a cold cache of its own: photos are fitted (by the workers) first
        env["BROCHURE_CACHE_DIR"] = str(tmp_path / "cold-cache")
    # else the session's shared cache has the fitted photos: the build goes straight to layout.
    # Its own process group: "photos" interrupts the whole group, as Ctrl-C in a terminal does.
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "interrupt_runner.py"), moment, "--",
                             "build", "--content", str(CONTENT), "--out", str(out), "--edition", edition,
                             "--lang", "en"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            process_group=0)
    if moment == "layout":
        assert proc.stdout.readline().strip() == "RENDERING"  # fonts load as layout begins
        proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stdout + stderr
    assert "interrupted; previous output left untouched" in stderr
    assert "Traceback" not in stderr
    assert "wrote" not in stdout
    assert (out / PDF_NAME).read_bytes() == previous
    assert (out / "brochure-screen.pdf").read_bytes() == b"%PDF-1.7 previous screen edition"
    assert "FIRED True" in stdout
    leftovers = [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")
                 if p.name.endswith(".tmp") or p.name.startswith(f".{PDF_NAME}")]
    assert leftovers == []
    _assert_no_process_left(proc.pid)


def _assert_no_process_left(group: int) -> None:
    """No process of the interrupted build's group (forked editions, photo workers) lives on."""
    import time

    for _ in range(50):
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError(f"processes of the interrupted build are still running (group {group})")


# --- deterministic ----------------------------------------------------------------------------

def test_a_build_and_a_check_leave_no_temporary_folder(tmp_path):
    """WeasyPrint writes the fonts of our @font-face rules (≈29 MB) into a temporary folder
    that it removes only when its font configuration is garbage collected; the command ends
    without Python's teardown (cli.exit_now) and forked workers with os._exit, so every run
    used to leave one behind (brochure/tempfolders.py). A build of both editions (forked) and
    a check (Ghostscript's separations) leave the temporary folder as they found it."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    out = tmp_path / "out"
    brochure = str(Path(sys.executable).with_name("brochure"))  # the installed command
    for args, status in (([sys.executable, "make_pdf.py", "--out", str(out), "-q"], 0),
                         ([brochure, "check", "--out", str(out)], 0)):  # warnings only: the sample values
        result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == status, result.stdout + result.stderr
        assert sorted(p.name for p in temp.iterdir()) == [], args


def test_two_builds_of_each_edition_are_byte_identical(sample_build, tmp_path, monkeypatch):
    from brochure.build import build

    # Other folders, a cold photo cache: the bytes must not depend on where or when.
    monkeypatch.setenv("BROCHURE_CACHE_DIR", str(tmp_path / "cold-cache"))
    print_again, screen = build(CONTENT, tmp_path / "elsewhere", editions=("print", "screen"))
    assert print_again.path.read_bytes() == sample_build.read_bytes()
    [screen_again] = build(CONTENT, tmp_path / "third", editions=("screen",))
    assert screen_again.path.read_bytes() == screen.path.read_bytes()  # tagged, post-processed
    with pikepdf.open(sample_build) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20210401")  # `date` in brochure.yaml
        assert str(pdf.docinfo["/ModDate"]).startswith("D:20210401")
        assert len(pdf.trailer.ID) == 2


def test_creation_date_comes_from_content_then_source_date_epoch(monkeypatch):
    import datetime as dt

    from brochure.content.load import load_brochure
    from brochure.render.html import creation_date

    meta = load_brochure(CONTENT).meta
    assert creation_date(meta) == "2021-04-01"
    undated = meta.model_copy(update={"date": None})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1617235200")
    assert creation_date(undated) == "2021-04-01T00:00:00Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert creation_date(undated) is None  # never the clock
    assert dt  # (imported for readers: dates are ISO strings for WeasyPrint's dcterms metadata)


# --- errors: language, --debug ----------------------------------------------------------------

def _broken_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    text = (content / "sections/cover.yaml").read_text(encoding="utf-8")
    (content / "sections/cover.yaml").write_text(text.replace("  alt:", "  atl:"), encoding="utf-8")
    return content


def test_messages_are_japanese_by_default_and_english_on_request(tmp_path, capsys):
    content = _broken_copy(tmp_path)
    assert main(["build", "--content", str(content), "--out", str(tmp_path / "out")]) == 2
    ja = capsys.readouterr().err
    assert "key_visual.alt" not in ja  # the typo is one problem, not also "alt is missing"
    assert ja.startswith("sections/cover.yaml:5: key_visual.atl: 知らない項目です — 'alt' の書き間違いではありませんか？")
    assert main(["build", "--content", str(content), "--out", str(tmp_path / "out"), "--lang", "en"]) == 2
    en = capsys.readouterr().err
    assert en.startswith("sections/cover.yaml:5: key_visual.atl: unknown field — did you mean 'alt'?")
    assert not (tmp_path / "out" / PDF_NAME).exists()


def test_debug_shows_the_traceback(tmp_path):
    content = _broken_copy(tmp_path)
    with pytest.raises(ContentErrors):
        main(["build", "--content", str(content), "--out", str(tmp_path / "out"), "--debug"])


def test_the_catalogue_has_both_languages_with_the_same_parameters():
    fields = re.compile(r"{(\w+)}")
    for key, texts in {**CATALOGUE, **{k: {lang: (v, None) for lang, v in w.items()} for k, w in WORDS.items()}}.items():
        assert set(texts) == set(LANGUAGES), key
        params = {lang: {p for part in texts[lang] if part for p in fields.findall(part)} for lang in LANGUAGES}
        assert params["ja"] - {"op_ja"} == params["en"] - {"op"}, key


def test_every_catalogue_message_renders_in_both_languages():
    from string import Formatter

    from brochure.messages import Msg

    for key, texts in CATALOGUE.items():
        names = {name for part in texts["en"] + texts["ja"] if part
                 for _, name, _, _ in Formatter().parse(part) if name}
        for lang in LANGUAGES:
            message, hint = Msg(key, {name: "X" for name in names}).render(lang)
            assert message and not re.search(r"{\w*}", message + (hint or "")), (key, lang)


def test_every_catalogue_message_is_used_by_the_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "brochure").rglob("*.py"))
    unused = [key for key in CATALOGUE if f'"{key}"' not in code]
    assert unused == []


# --- schemas for editors ---------------------------------------------------------------------

@pytest.mark.parametrize("which, argv", [("brochure", ["schema"]), ("section", ["schema", "--section"])])
def test_committed_schema_is_what_brochure_schema_prints(capsys, which, argv):
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert (ROOT / "schema" / f"{which}.schema.json").read_text(encoding="utf-8") == printed


def _modeline_schema(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path} has no yaml-language-server line"
    return (path.parent / match[1]).resolve()


def test_sample_yaml_files_point_to_the_schemas_and_validate():
    import jsonschema

    files = [CONTENT / "brochure.yaml", *sorted((CONTENT / "sections").glob("*.yaml"))]
    for path in files:
        schema_path = _modeline_schema(path)
        expected = "brochure.schema.json" if path.name == "brochure.yaml" else "section.schema.json"
        assert schema_path == ROOT / "schema" / expected
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_what_the_build_rejects():
    import jsonschema

    schema = json.loads((ROOT / "schema" / "section.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    good = {"type": "back-cover", "link": "home"}
    assert validator.is_valid(good)
    assert not validator.is_valid({**good, "stylesheet": "x.css"})  # unknown key
    assert not validator.is_valid({**good, "type": "../../etc/passwd"})  # not a section type
    assert set(model.SECTION_TYPES) == {d["properties"]["type"]["const"] for d in schema["$defs"].values()
                                       if "type" in d.get("properties", {}) and "const" in d["properties"]["type"]}


def test_a_bug_is_one_line_without_traceback_unless_debug(monkeypatch, capsys):
    import brochure.content.schema

    def broken(which="brochure"):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(brochure.content.schema, "schema_text", broken)
    assert main(["schema", "--lang", "en"]) == 3
    err = capsys.readouterr().err
    assert err.strip() == ("error: internal error (RuntimeError: simulated bug); run again with --debug "
                           "and report the output")
    with pytest.raises(RuntimeError):
        main(["schema", "--debug"])
