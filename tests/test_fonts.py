"""No system fonts, ever: fontconfig sees only fonts/, every family has a fallback of its own
kind, and a character no bundled font has is a box in print, a build warning and a check error.

Real builds (WeasyPrint through the real stylesheets); the machine's own fonts (this one has
DejaVu, which has many symbols) must make no difference."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pikepdf
import pytest

from conftest import CONTENT, ROOT, run_cli
from test_typeset_mechanisms import render

from brochure.paths import FONTS

NAMES = "𠮷田 髙木 山﨑 渡邉 齋藤"
EMOJI = "😀"


def pdf_fonts(path) -> set[str]:
    names = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for _, font in (page.obj.Resources.get("/Font") or {}).items():
                names.add(str(font.BaseFont).split("+", 1)[1])
    return names


def drawn_by(path) -> list[tuple[str, str]]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [(c["text"], c["fontname"].split("+", 1)[1]) for p in pdf.pages for c in p.chars
                if c["text"].strip()]


def test_fontconfig_lists_no_font_of_the_machine():
    """The configuration WeasyPrint runs with lists one font, the last-resort box of fonts/."""
    code = ("import os, subprocess, brochure.render; "
            "print(os.environ['FONTCONFIG_FILE']); "
            "print(len(subprocess.run(['fc-list'], capture_output=True, text=True).stdout.split(chr(10))) - 1)")
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list (fontconfig) is not installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FONTCONFIG")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=env, check=True).stdout.split()
    assert out == [str(FONTS / "fonts.conf"), "1"]  # the last-resort box font only
    # (Whatever the machine has — here DejaVu and the URW fonts — is not seen.)


@pytest.fixture(scope="module")
def names_pdf(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("names")
    body = (f'<p style="font-size: 20pt">{NAMES} {EMOJI}</p>'
            f'<p style="font-size: 20pt; font-weight: 700">{NAMES}</p>'
            f'<p class="message-body" style="font-family: BrochureMincho-NotoSerifJP, BrochureMincho-Fallback">'
            f'{NAMES} Łukasz Dvořák</p>')
    return render(tmp, body)


def test_names_in_gothic_text_are_drawn_in_gothic_faces_only(names_pdf):
    drawn = drawn_by(names_pdf)
    gothic = [(t, f) for t, f in drawn if t in NAMES][: 2 * len(NAMES.replace(" ", ""))]
    assert {t for t, _ in gothic} == set(NAMES.replace(" ", ""))
    assert all(f.startswith("BrochureGothic-") for _, f in gothic), gothic
    assert ("𠮷", "BrochureGothic-Fallback") in gothic and ("𠮷", "BrochureGothic-Fallback-Bold") in gothic
    start = [i for i, (t, _) in enumerate(drawn) if t == "𠮷"][2]
    mincho = drawn[start:start + len((NAMES + "ŁukaszDvořák").replace(" ", ""))]
    assert mincho and all(f.startswith("BrochureMincho-") for _, f in mincho), mincho
    assert ("ř", "BrochureMincho-Fallback") in mincho  # serif Latin for Mincho text


def test_every_font_of_the_pdf_is_a_bundled_file(names_pdf):
    assert pdf_fonts(names_pdf) <= {
        "BrochureGothic-BIZUDPGothic", "BrochureGothic-BIZUDPGothic-Bold",
        "BrochureGothic-Fallback", "BrochureGothic-Fallback-Bold",
        "BrochureMincho-NotoSerifJP", "BrochureMincho-NotoSerifJP-Bold",
        "BrochureMincho-Fallback", "BrochureMincho-Fallback-Bold", "BrochureLastResort", "Brochure-Last-Resort"}


def test_a_character_no_font_has_is_a_box_and_stays_in_the_text(names_pdf):
    assert {f for t, f in drawn_by(names_pdf) if t == EMOJI} <= {"BrochureLastResort", "Brochure-Last-Resort"}
    out = subprocess.run(["pdftotext", str(names_pdf), "-"], capture_output=True, text=True).stdout \
        if shutil.which("pdftotext") else None
    if out is not None:  # poppler reads every font (WeasyPrint's own .notdef path broke that)
        assert NAMES.split()[0] in out and EMOJI in out


def test_build_warns_about_a_character_no_font_has(content_copy, tmp_path):
    path = content_copy / "sections/projects.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("要件定義から", f"要件定義{EMOJI}から", 1), encoding="utf-8")
    line = next(i + 1 for i, row in enumerate(path.read_text(encoding="utf-8").splitlines()) if EMOJI in row)
    proc = run_cli("--content", str(content_copy), "--out", str(tmp_path / "out"), "--edition", "print",
                   "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    [warning] = [row for row in proc.stderr.splitlines() if EMOJI in row]
    assert warning.startswith(f"warning: sections/projects.yaml:{line}: projects.")
    assert "U+1F600" in warning and " — replace it" in warning
    proc = run_cli("--content", str(content_copy), "--out", str(tmp_path / "out"), "--edition", "print", "-q")
    assert [row for row in proc.stderr.splitlines() if EMOJI in row][0].startswith("警告: ")  # ja, even with -q


def test_a_character_written_as_a_yaml_escape_is_found_too(content_copy, tmp_path):
    """The quick look goes over the validated content, not the files' bytes: a character that
    the file spells as an escape (``"\\U0001F600"``) is printed, so it is reported too."""
    from brochure.build import glyph_warnings, prepare

    path = content_copy / "brochure.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Hello, Tokyo!"' in text
    path.write_text(text.replace('title: "Hello, Tokyo!"', 'title: "Hello, Tokyo!\\U0001F600"'), encoding="utf-8")
    assert EMOJI not in path.read_text(encoding="utf-8")
    [warning] = glyph_warnings(prepare(content_copy, tmp_path / "out"))
    assert warning.file == "brochure.yaml" and warning.line == 5 and warning.field == "title"
    assert "U+1F600" in str(warning)


def test_the_sample_has_no_character_outside_the_fonts(sample_build):
    from brochure.build import glyph_warnings, prepare

    assert glyph_warnings(prepare(CONTENT, sample_build.parent)) == []
    assert pdf_fonts(sample_build) <= {"BrochureGothic-BIZUDPGothic", "BrochureGothic-BIZUDPGothic-Bold",
                                       "BrochureMincho-NotoSerifJP", "BrochureMincho-NotoSerifJP-Bold"}
