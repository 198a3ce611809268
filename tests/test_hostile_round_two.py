"""Issue 18 (hostile and broken input, second round): the faults that are not one content file
breaking in one way (those are cases of tests/hostile_cases.py): ``check`` judging a PDF by
contents, what reaches the terminal, and ``watch`` surviving input it cannot build."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from PIL import Image

from conftest import CONTENT


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_check_rebuilds_for_a_photo_copied_with_its_old_time(sample_build, content_copy, tmp_path):
    """``cp -p`` of a 120×80 px photo over the cover keeps the photo's old time: the PDF looks
    newer than every input, yet it holds the old photo. check must rebuild and report it."""
    from brochure.check.run import run_checks

    out = tmp_path / "out"
    out.mkdir()
    pdf = out / "brochure-print.pdf"
    shutil.copy(sample_build, pdf)
    small = tmp_path / "small.jpg"
    Image.new("RGB", (120, 80), (40, 90, 160)).save(small, quality=90)
    _age(small, 30 * 86400)
    shutil.copy2(small, content_copy / "photos" / "cover.jpg")  # what cp -p does
    result = run_checks(content_copy, out)
    assert result.rebuilt
    assert [f for f in result.findings if f.code == "image-dpi" and f.file == "sections/cover.yaml"
            and f.severity == "error"], [(f.code, f.file) for f in result.findings]


def test_a_pdf_is_current_by_the_contents_of_its_inputs(sample_build, content_copy, tmp_path):
    """Newer times alone do not make a PDF stale; one changed byte does, whatever its time; so
    do crop marks or a channel (check builds neither)."""
    from brochure.build import build_inputs, prepare
    from brochure.check.run import is_up_to_date

    out = sample_build.parent
    assert is_up_to_date(sample_build, prepare(CONTENT, out), out)
    for path in content_copy.rglob("*"):  # every file saved again, unchanged
        os.utime(path)
    prepared = prepare(content_copy, out)
    assert is_up_to_date(sample_build, prepared, out)
    assert build_inputs(prepared, out, marks=True) != build_inputs(prepared, out)
    assert build_inputs(prepared, out, channel="seminar") != build_inputs(prepared, out)
    photo = content_copy / "photos" / "office-2.jpg"
    data = bytearray(photo.read_bytes())
    data[-3] ^= 0x01
    photo.write_bytes(bytes(data))
    _age(photo, 86400)
    assert not is_up_to_date(sample_build, prepare(content_copy, out), out)


def test_watch_outlives_an_impossible_date_and_a_file_name_that_is_not_utf8(content_copy, tmp_path):
    """Both used to end ``brochure watch``: a ValueError out of YAML's date reader, and watchfiles'
    error on a name it cannot decode. Each is one line now, and the next save builds again."""
    import threading

    from test_fast_rebuild import _Events

    from brochure.progress import Reporter
    from brochure.watch import Watcher

    events = _Events()
    watcher = Watcher(content_copy, tmp_path / "out", Reporter("json", events))
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        events.wait_for("watching", 0, timeout=120)
        seen = len(events.events)
        for n in range(30):  # "watching" is said just before the watch starts: until it has
            os.close(os.open(os.fsencode(content_copy / "photos") + b"/\x83\x74\x83\x40\x83\x43\x83\x8b%d.jpg" % n,
                             os.O_CREAT | os.O_WRONLY))  # ファイル.jpg in Shift_JIS, from an old archive
            try:
                bad_name = events.wait_for("error", seen, timeout=2)
                break
            except AssertionError:
                assert thread.is_alive()
        assert "\\x83" in bad_name["bad_name"] and "\\x83" in bad_name["message"] and thread.is_alive()
        seen = len(events.events)
        main = content_copy / "brochure.yaml"
        source = main.read_text(encoding="utf-8")
        main.write_text(source.replace("as_of: 2021-04-01", "as_of: 2021-13-01"), encoding="utf-8")
        error = events.wait_for("error", seen)
        assert "brochure.yaml:11: as_of:" in error["message"] and thread.is_alive()
        seen = len(events.events)
        main.write_text(source.replace("as_of: 2021-04-01", "as_of: 2021-05-01"), encoding="utf-8")
        events.wait_for("built", seen)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_what_a_message_echoes_reaches_the_terminal_escaped(tmp_path, capsys):
    """A channel id given on the command line (or copied from a mail) with a terminal escape
    sequence and a direction override: the error names it, escaped, before any layout."""
    from brochure.cli import main

    status = main(["build", "--content", str(CONTENT), "--out", str(tmp_path / "out"), "--lang", "en",
                   "--channel", "\x1b]0;pwned\x07\x1b[2J\u202eriaf"])
    err = capsys.readouterr().err
    assert status == 2
    assert "\x1b" not in err and "\u202e" not in err and "\x07" not in err
    assert "unknown channel '\\x1b]0;pwned\\x07\\x1b[2J\\u202eriaf'" in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_blank_page_before_a_spread_is_not_the_previous_section_running_on(sample_build, tmp_path):
    """Issue 18 item 6: a blank page (only its running footer) left so that an interview spread
    starts on a left page was counted as the previous section's second page ("the projects
    section runs to 2 pages"). It is reported as what it is, a blank page, and only that. The
    PDF is the sample's with such a page put before the first interview and without its
    embedded plan (as a PDF laid out before the planner, or by hand): pages are then read from
    the section starts."""
    import pikepdf

    from conftest import claim_up_to_date
    from brochure.check.run import run_checks
    from brochure.press.finish import PLAN_KEY

    out = tmp_path / "out"
    out.mkdir()
    pdf_path = out / "brochure-print.pdf"
    shutil.copy(sample_build, pdf_path)
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            del meta[PLAN_KEY]
        model = pdf.pages[4]  # the projects page, before the interview (page 6)
        trim = [float(v) for v in model.obj.TrimBox]
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        footer = f"BT /F1 7 Tf {trim[0] + 40:.1f} {trim[1] + 28:.1f} Td (6) Tj ET".encode()
        blank = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=model.obj.MediaBox, TrimBox=model.obj.TrimBox,
                                   BleedBox=model.obj.get("/BleedBox", model.obj.MediaBox),
                                   Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                                   Contents=pdf.make_stream(footer))
        pdf.pages.insert(5, pikepdf.Page(pdf.make_indirect(blank)))
        pdf.save(pdf_path)
    claim_up_to_date(pdf_path, CONTENT, out)
    result = run_checks(CONTENT, out)
    assert not result.rebuilt
    assert [f.page for f in result.findings if f.code == "page-blank"] == [6]
    assert not [f for f in result.findings if f.code == "section-overflow"], \
        [(f.page, f.file, str(f.message)) for f in result.findings if f.code == "section-overflow"]
