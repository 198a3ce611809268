"""Hostile and broken rows of a personalisation CSV (issue 18, items 2, 8, 9 and 12): each bad
row is reported by its line and skipped, the good rows are all written, nothing is printed as
mojibake, and no row reaches the cover or a QR code with a control character, a line break or a
length the card cannot hold.

The CSV reader is tested on its own (fast); one real batch of a handful of rows (every kind of
bad row between good ones) is built and its PDFs read back."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, decode_qr_codes, pdf_text_pages, squeeze

BROCHURE = str(Path(sys.executable).with_name("brochure"))
HEADER = "name,url,file,event\r\n".encode()


def utf8(line: str) -> bytes:
    return (line + "\r\n").encode("utf-8")


def sjis(line: str) -> bytes:
    return (line + "\r\n").encode("cp932")


def read(tmp_path: Path, *lines: bytes):
    from brochure.content.rows import read_rows

    path = tmp_path / "rows.csv"
    path.write_bytes(HEADER + b"".join(lines))
    return read_rows(path)


def errors_by_line(rows) -> dict[int, tuple[str | None, str | None]]:
    return {e.line: (e.field, e.key) for e in rows.errors}


# --- encoding: decided per line (item 2) ------------------------------------------------

def test_a_shift_jis_row_in_a_utf8_file_is_read_as_shift_jis_and_the_rest_as_utf8(tmp_path):
    # The UTF-8 lines also decode as cp932 (山田 → 螻ｱ逕ｰ): a file decided as a whole by the
    # encoding most lines decode under was read as cp932, every UTF-8 name as mojibake.
    rows = read(tmp_path, utf8("山田 美咲,https://example.com/c/1,yamada,"),
                sjis("佐藤 花子,https://example.com/c/2,sato,合同説明会"),
                utf8("鈴木 結衣,https://example.com/c/3,suzuki,"))
    assert rows.errors == []
    assert [(r.line, r.name, r.event) for r in rows.rows] == [
        (2, "山田 美咲", ""), (3, "佐藤 花子", "合同説明会"), (4, "鈴木 結衣", "")]
    assert rows.encoding == "utf-8+cp932"


@pytest.mark.parametrize("encode, expected", [(sjis, "cp932"), (utf8, "utf-8")])
def test_a_file_in_one_encoding_is_named_by_it(tmp_path, encode, expected):
    rows = read(tmp_path, encode("山田 美咲,https://example.com/c/1,yamada,"),
                encode("伊藤 翔,https://example.com/c/2,ito,大学セミナー"))
    assert [r.name for r in rows.rows] == ["山田 美咲", "伊藤 翔"] and rows.encoding == expected


def test_a_line_in_neither_encoding_is_reported_by_line(tmp_path):
    rows = read(tmp_path, utf8("山田 美咲,https://example.com/c/1,yamada,"),
                b"\x82\xa0\x81\x7f\xff,https://example.com/c/2,bad,\r\n",
                sjis("佐藤 花子,https://example.com/c/3,sato,"))
    assert [r.name for r in rows.rows] == ["山田 美咲", "佐藤 花子"]
    assert errors_by_line(rows) == {3: (None, "rows.undecodable")}


# --- every field limited and validated (item 8) ------------------------------------------

@pytest.mark.parametrize("line, field, key", [
    ("山田 太郎,https://example.com/c/1,yamada," + "合同説明会" * 13, "event", "rows.event_long"),
    ("山田 太郎,https://example.com/" + "x" * 131 + ",yamada,", "url", "rows.url_long"),
    ("山田 太郎,https://example.com/" + "x" * 3000 + ",yamada,", "url", "rows.url_long"),
    ("山田 太郎,https://example.com/a b,yamada,", "url", "rows.url_space"),
    ("山田 太郎,https://example.com/\tb,yamada,", "url", "rows.control"),
    ("山田\x1b[31m太郎,https://example.com/c/1,yamada,", "name", "rows.control"),
    ("山田\u202e太郎,https://example.com/c/1,yamada,", "name", "rows.control"),
    ("山田 太郎,https://example.com/c/1,yamada,説明会\u2028東京", "event", "rows.control"),
    ("山田 太郎,https://example.com/c/1,yama\x07da,", "file", "rows.control"),
    ("山田 太郎,http://[::1,yamada,", "url", "rows.url"),
    ("山田 太郎,https://example.com:port/,yamada,", "url", "rows.url"),
    ("山田 太郎,javascript:alert(1),yamada,", "url", "rows.url"),
])
def test_a_bad_field_fails_its_row_by_line_and_column(tmp_path, line, field, key):
    rows = read(tmp_path, utf8("佐藤 花子,https://example.com/c/0,sato,"), utf8(line),
                utf8("伊藤 翔,https://example.com/c/2,ito,"))
    assert [r.name for r in rows.rows] == ["佐藤 花子", "伊藤 翔"]
    assert errors_by_line(rows) == {3: (field, key)}


def test_a_line_break_inside_a_quoted_url_never_reaches_a_qr_code(tmp_path):
    rows = read(tmp_path, utf8('山田 太郎,"https://example.com/c/1'), utf8('https://evil.example/",yamada,'),
                utf8("伊藤 翔,https://example.com/c/2,ito,"))
    assert [r.name for r in rows.rows] == ["伊藤 翔"]
    assert errors_by_line(rows)[2] == (None, "rows.multiline")
    assert all("\n" not in r.url and "evil" not in r.url for r in rows.rows)


def test_longest_values_allowed_are_accepted(tmp_path):
    from brochure.content.rows import MAX_EVENT, MAX_NAME, MAX_URL_BYTES

    url = "https://example.com/" + "x" * (MAX_URL_BYTES - 20)
    rows = read(tmp_path, utf8(f"{'山' * MAX_NAME},{url},a,{'会' * MAX_EVENT}"))
    assert rows.errors == [] and len(rows.rows[0].url.encode()) == MAX_URL_BYTES


# --- one bad row never takes the good ones with it (item 9) -------------------------------

def test_a_stray_quote_fails_its_own_row_and_the_rows_after_it_are_read(tmp_path):
    # The open quote used to swallow every later line into one field: the rows after it
    # vanished without a word.
    rows = read(tmp_path, utf8("山田 太郎,https://example.com/c/1,yamada,"),
                utf8('"佐藤 花子,https://example.com/c/2,sato,'),
                utf8("伊藤 翔,https://example.com/c/3,ito,"),
                utf8('中村 "結衣",https://example.com/c/4,nakamura,'),  # a quote inside a value: kept
                utf8('"鈴木" 一郎,https://example.com/c/5,suzuki,'),  # text after a closing quote
                utf8("高橋 美咲,https://example.com/c/6,takahashi,"))
    assert [(r.line, r.name) for r in rows.rows] == [(2, "山田 太郎"), (4, "伊藤 翔"), (5, '中村 "結衣"'),
                                                     (7, "高橋 美咲")]
    assert errors_by_line(rows) == {3: (None, "rows.quote"), 6: (None, "rows.quote")}
    assert [rows.error_numbers[3], rows.error_numbers[6]] == [2, 5]  # row numbers (for --rows) stay put
    assert rows.total == 6


def test_a_quote_left_open_to_the_end_of_a_huge_file_is_one_error(tmp_path):
    """Past the csv module's field size limit (131072 characters) it raised csv.Error."""
    rows = read(tmp_path, utf8('"山田 太郎,https://example.com/c/1,yamada,'),
                *[utf8(f"候補者 {i},https://example.com/c/{i},c{i}," + "x" * 50) for i in range(1500)])
    assert errors_by_line(rows) == {2: (None, "rows.quote")}
    assert len(rows.rows) == 1500


def test_a_long_japanese_file_name_is_shortened_by_bytes(tmp_path):
    from brochure.content.rows import MAX_STEM_BYTES

    rows = read(tmp_path, utf8("山田 太郎,https://example.com/c/1," + "あ" * 77 + ","),
                utf8("佐藤 花子,https://example.com/c/2," + "い" * 200 + ","),
                utf8("伊藤 翔,https://example.com/c/3," + "い" * 200 + ","))
    assert rows.errors == []
    stems = [r.file.removesuffix(".pdf") for r in rows.rows]
    assert all(len(s.encode()) <= MAX_STEM_BYTES for s in stems)
    assert stems[0] == "あ" * 66 and stems[2] == stems[1] + "-2"  # still unique after shortening


# --- the CSV file itself (item 12) --------------------------------------------------------

@pytest.mark.parametrize("what", ["missing", "a folder"])
def test_a_csv_that_cannot_be_read_is_one_clear_line(tmp_path, what):
    rows_csv = tmp_path / "candidates.csv"
    if what == "a folder":
        rows_csv.mkdir()
    out = tmp_path / "out"
    for lang, expected in (("en", "does not exist" if what == "missing" else "cannot read the file"),
                           ("ja", "CSV ファイルがありません" if what == "missing" else "ファイルを読めません")):
        proc = subprocess.run([BROCHURE, "personalize", str(rows_csv), "--out", str(out), "--lang", lang],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
        assert str(rows_csv) in proc.stderr and expected in proc.stderr
    assert not out.exists()


# --- one real batch: every kind of bad row between good ones ------------------------------

LONGEST_NAME = "長谷川" + "あいうえおかきくけこ" * 4
LONGEST_EVENT = "大学セミナー（東京・大阪・名古屋）合同説明会 第3回 " * 3


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory):
    from brochure.content.rows import MAX_EVENT, MAX_NAME, MAX_URL_BYTES

    tmp = tmp_path_factory.mktemp("hostile-batch")
    longest_url = "https://example.com/c/" + "0123456789" * 20
    lines = [
        utf8("山田 美咲,https://example.com/c/1,yamada,"),                            # 2 good (UTF-8)
        utf8("長い,https://example.com/" + "x" * 3000 + ",long,"),                     # 3 URL for no QR code
        sjis("佐藤 花子,https://example.com/c/2,sato,合同説明会"),                     # 4 good (Shift_JIS)
        utf8('"引用,https://example.com/c/4,quote,'),                                  # 5 stray quote
        utf8("鈴木 結衣,https://example.com/c/3," + "あ" * 80 + ","),                # 6 good, long file name
        utf8("伊藤 翔,https://example.com/c/5,ito," + "合同説明会" * 30),            # 7 event over the title
        utf8('中村 結衣,"https://example.com/c/6'), utf8('https://evil.example/",nakamura,'),  # 8-9
        utf8(f"{LONGEST_NAME[:MAX_NAME]},{longest_url[:MAX_URL_BYTES]},longest,{LONGEST_EVENT[:MAX_EVENT]}"),  # 10
        utf8("田中 一郎,https://example.com/c/7,blocked,"),  # 11 its PDF cannot be written: a folder is there
        utf8("笑顔 😀,https://example.com/c/8,emoji,"),  # 12 a character no bundled font has: a box
    ]
    rows_csv = tmp / "rows.csv"
    rows_csv.write_bytes(HEADER + b"".join(lines))
    out = tmp / "out"
    (out / "blocked.pdf").mkdir(parents=True)
    proc = subprocess.run([BROCHURE, "personalize", str(rows_csv), "--out", str(out), "--edition", "screen",
                           "--lang", "en"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    return out, proc, longest_url[:MAX_URL_BYTES]


def test_bad_rows_are_reported_by_line_and_every_good_row_is_written(hostile_batch):
    out, proc, _ = hostile_batch
    assert proc.returncode == 1, proc.stdout + proc.stderr  # some rows failed
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    reported = sorted(int(line.split(":")[2]) for line in proc.stderr.splitlines() if line.startswith("error: rows.csv:"))
    assert reported == [3, 5, 7, 8, 9, 11, 12]
    assert "4 written, 0 skipped (up to date), 7 failed" in proc.stdout and "utf-8+cp932" in proc.stdout
    blocked = next(line for line in proc.stderr.splitlines() if line.startswith("error: rows.csv:11:"))
    assert "blocked.pdf" in blocked and "check that the folder exists" in blocked  # not an "internal error"
    files = sorted(p.name for p in out.glob("*.pdf") if p.is_file())
    assert files == sorted(["yamada.pdf", "sato.pdf", "あ" * 66 + ".pdf", "longest.pdf"])
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as f:
        status = {int(r["line"]): r["status"] for r in csv.DictReader(f)}
    assert status == {2: "written", 3: "failed", 4: "written", 5: "failed", 6: "written", 7: "failed",
                      8: "failed", 9: "failed", 10: "written", 11: "failed", 12: "failed"}
    assert "rows.csv:12: name: '😀' (U+1F600) is in none of the bundled fonts" in proc.stderr
    assert not list(out.glob(".*.tmp"))


def test_names_from_both_encodings_are_printed_without_mojibake(hostile_batch):
    out, _, _ = hostile_batch
    for file, name in (("yamada.pdf", "山田 美咲"), ("sato.pdf", "佐藤 花子")):
        cover = squeeze(pdf_text_pages(out / file)[0])
        assert squeeze(f"{name} 様へ") in cover
        assert not any("\uff61" <= ch <= "\uff9f" for ch in cover)  # 螻ｱ逕ｰ: half-width kana of mojibake
    assert (1, "https://example.com/c/2") in decode_qr_codes(out / "sato.pdf")


def test_the_longest_card_allowed_stays_clear_of_the_cover_title(hostile_batch):
    """Name, event and address at their limits: the card still ends below the cover's catch
    copy, and its QR code (the longest address allowed) decodes from a 150 dpi render."""
    import pypdfium2 as pdfium

    out, _, url = hostile_batch
    pdf = pdfium.PdfDocument(str(out / "longest.pdf"))
    try:
        text = pdf[0].get_textpage()

        def box(needle: str) -> tuple[float, float, float, float]:
            searcher = text.search(needle)
            found = searcher.get_next()
            assert found is not None, needle
            boxes = [text.get_charbox(i) for i in range(found[0], found[0] + found[1])]
            return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                    max(b[2] for b in boxes), max(b[3] for b in boxes))

        catch_copy = box("新しい東京")
        name = box("長谷川")
        assert name[3] < catch_copy[1] - 20 * 72 / 25.4  # the card's first line 20 mm below it
    finally:
        pdf.close()
    assert (1, url) in decode_qr_codes(out / "longest.pdf")
