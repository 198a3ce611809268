"""Channels (utm_* on every link and QR) and personalised batches (one PDF per CSV row)."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from conftest import CONTENT, decode_qr_codes, pdf_text_pages, run_cli, squeeze


@pytest.mark.parametrize("url, expected", [
    ("https://example.com/recruit/",
     "https://example.com/recruit/?utm_source=fair&utm_medium=print&utm_campaign=c%202026"),
    ("https://example.com/apply?role=digital&q=a%20b#form",
     "https://example.com/apply?role=digital&q=a%20b&utm_source=fair&utm_medium=print"
     "&utm_campaign=c%202026#form"),
    ("https://example.com/?utm_source=old&x=1#top",
     "https://example.com/?x=1&utm_source=fair&utm_medium=print&utm_campaign=c%202026#top"),
])
def test_utm_parameters_keep_query_and_fragment(url, expected):
    from brochure.content.channels import with_utm

    params = {"utm_source": "fair", "utm_medium": "print", "utm_campaign": "c 2026", "utm_content": None}
    assert with_utm(url, params) == expected


def test_channel_build_tags_every_qr_code_and_prints_the_back_cover_line(content_copy, tmp_path):
    from brochure.build import build
    from brochure.content.channels import channel_params, with_utm
    from brochure.content.load import load_brochure

    main = content_copy / "brochure.yaml"
    text = main.read_text(encoding="utf-8")
    # One link with a query and a fragment, one with a fragment only.
    text = text.replace("url: https://example.com/recruit/\n", "url: https://example.com/recruit/#jobs\n")
    text = text.replace("apply?role=digital", "apply?role=digital#form")
    main.write_text(text, encoding="utf-8")

    brochure = load_brochure(content_copy)
    channel = next(c for c in brochure.meta.channels if c.id == "fair-tokyo")
    # Literal addresses (the fair-tokyo channel's four utm_* values, the query kept, the
    # fragment last), not computed with with_utm: the function must not check itself.
    utm = "utm_source=job-fair-tokyo&utm_medium=print&utm_campaign=recruit-2021&utm_content=booth-12"
    expected = {"https://example.com/recruit/#jobs": f"https://example.com/recruit/?{utm}#jobs",
                "https://example.com/recruit/apply?role=digital#form":
                    f"https://example.com/recruit/apply?role=digital&{utm}#form",
                "https://example.com/": f"https://example.com/?{utm}"}
    assert expected == {str(link.url): with_utm(str(link.url), channel_params(channel))
                        for link in brochure.meta.links}

    printed, screen = build(content_copy, tmp_path, editions=("print", "screen"), channel="fair-tokyo")
    assert printed.path.name == "brochure-print-fair-tokyo.pdf"
    assert screen.path.name == "brochure-screen-fair-tokyo.pdf"
    for result in (printed, screen):
        decoded = decode_qr_codes(result.path)
        assert len(decoded) == 3  # two on the apply page, one on the back cover
        assert {text for _, text in decoded} == set(expected.values())
        assert squeeze(channel.back_cover) in squeeze(pdf_text_pages(result.path)[-1])
    with pikepdf.open(screen.path) as pdf:  # the print edition (PDF/X) carries no links
        uris = {str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a}
    assert uris == set(expected.values())


def test_unknown_channel_lists_the_known_ones(tmp_path):
    result = run_cli("--out", str(tmp_path), "--channel", "no-such-fair", "--lang", "en")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "unknown channel 'no-such-fair'" in result.stderr
    assert "fair-tokyo, seminar, email" in result.stderr
    result = run_cli("--out", str(tmp_path), "--channel", "no-such-fair")  # Japanese by default
    assert result.returncode == 2
    assert "チャネル「no-such-fair」は brochure.yaml にありません" in result.stderr
    assert "fair-tokyo, seminar, email" in result.stderr and "unknown" not in result.stderr
    assert not list(tmp_path.glob("*.pdf"))


ROWS = [("山田 太郎", "https://example.com/c/0001?ref=dm#apply", "yamada", "合同説明会 東京"),
        ("佐藤 花子", "https://example.com/c/0002", "sato", ""),
        ("鈴木 一郎", "https://example.com/c/0003", "../鈴木/一郎", "大学セミナー"),
        ("高橋 美咲", "https://example.com/c/0004", "yamada", ""),  # same file name as row 1
        ("伊藤 翔", "https://example.com/c/0005?a=1&b=2", "ito", "")]
FILES = ["yamada.pdf", "sato.pdf", "_鈴木_一郎.pdf", "yamada-2.pdf", "ito.pdf"]


def _csv(rows, encoding: str) -> bytes:
    lines = ["name,url,file,event"] + [",".join(row) for row in rows]
    data = ("\r\n".join(lines) + "\r\n").encode("cp932" if encoding == "cp932" else "utf-8")
    return b"\xef\xbb\xbf" + data if encoding == "utf-8-sig" else data


def _footer_numbers(path: Path) -> list[int]:
    """The page numbers printed in the running footers, in page order."""
    numbers = []
    for text in pdf_text_pages(path):
        found = re.findall(r"(?m)^(\d\d)\s|\s(\d\d)\s*$", text)
        numbers += [int(a or b) for a, b in found[-1:]]
    return numbers


def _outline(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    index = {page.objgen: i for i, page in enumerate(pdf.pages)}
    found = []

    def walk(items, depth):
        for item in items:
            found.append((depth, item.title, index[item.destination[0].objgen]))
            walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 0)
    return found


def test_personalized_batch_from_bom_utf8_and_cp932(tmp_path, sample_build):
    from brochure.personalize import personalize
    from brochure.progress import Reporter

    with pikepdf.open(sample_build) as pdf:
        reference_outline = _outline(pdf)

    pdfs = {}
    for encoding, jobs in (("utf-8-sig", 2), ("cp932", 1)):
        rows = tmp_path / f"rows-{encoding}.csv"
        rows.write_bytes(_csv(ROWS, encoding))
        out = tmp_path / encoding
        assert personalize(rows, CONTENT, out, Reporter("quiet"), edition="print", jobs=jobs) == 0
        assert sorted(p.name for p in out.glob("*.pdf")) == sorted(FILES)
        pdfs[encoding] = out

    for (name, url, _, event), file in zip(ROWS, FILES):
        a, b = pdfs["utf-8-sig"] / file, pdfs["cp932"] / file
        texts = pdf_text_pages(a)
        assert texts == pdf_text_pages(b)
        assert len(texts) == 12
        assert squeeze(f"{name} 様へ") in squeeze(texts[0])
        if event:
            assert squeeze(event) in squeeze(texts[0])
        assert (1, url) in decode_qr_codes(a)
        with pikepdf.open(a) as pdf:
            assert [page.label for page in pdf.pages] == [str(n) for n in range(1, 13)]
            assert _outline(pdf) == reference_outline
        # Footers keep counting from the shared pages: 02 … 11 (covers carry none).
        assert _footer_numbers(a) == list(range(2, 12))

    # Re-running skips what is up to date; a changed row is written again.
    rows = tmp_path / "rows-cp932.csv"
    before = {f: (pdfs["cp932"] / f).stat().st_mtime_ns for f in FILES}
    changed = [ROWS[0], (ROWS[1][0], "https://example.com/c/0002-new", *ROWS[1][2:]), *ROWS[2:]]
    rows.write_bytes(_csv(changed, "cp932"))
    assert personalize(rows, CONTENT, pdfs["cp932"], Reporter("quiet"), edition="print") == 0
    after = {f: (pdfs["cp932"] / f).stat().st_mtime_ns for f in FILES}
    assert [f for f in FILES if after[f] != before[f]] == ["sato.pdf"]
    assert (1, "https://example.com/c/0002-new") in decode_qr_codes(pdfs["cp932"] / "sato.pdf")


def test_broken_rows_are_reported_by_line_and_the_rest_still_written(tmp_path):
    good = _csv(ROWS[:2], "cp932").splitlines(keepends=True)
    broken = (good[0] + good[1]
              + "中村 結衣,https://example.com/c/0006\r\n".encode("cp932")  # missing the file column
              + b"\x82\xa0\x81\x7f,https://example.com/c/0007,bad,\r\n"  # not cp932, not UTF-8
              + good[2])
    rows = tmp_path / "rows.csv"
    rows.write_bytes(broken)
    out = tmp_path / "out"
    result = run_cli_personalize(rows, out)
    assert result.returncode == 1, result.stderr
    assert "rows.csv:3:" in result.stderr and "column" in result.stderr
    assert "rows.csv:4:" in result.stderr and "cannot be read" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.glob("*.pdf")) == ["sato.pdf", "yamada.pdf"]
    assert "2 written, 0 skipped (up to date), 2 failed" in result.stdout


def run_cli_personalize(rows: Path, out: Path):
    import subprocess

    from conftest import ROOT, console_script

    return subprocess.run([console_script("brochure"), "personalize", str(rows), "--out", str(out), "--lang", "en"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
