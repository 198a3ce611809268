"""URLs and e-mail addresses in running text: the Latin face, no justification inside, breaks
only after / . ? & = _ - @ with nothing inserted; printed addresses beside QR codes without
utm_* and never broken at a hyphen. Real PDFs, measured with pdfium."""

from __future__ import annotations

import pytest

from pdflines import pdf_lines
from readers import READERS, joined
from test_typeset_mechanisms import render

from brochure.render.jtext import URL_BREAKS, jtext_html, printed_url

URL = "https://www.example.go.jp/security/guidelines/cloud-service_2021/index.html?lang=ja&mode=print"
MAIL = "recruit-digital@example.metro.tokyo.lg.jp"
TEXT = (f"クラウドの安全基準は{URL}に、質問は{MAIL}までお寄せください。GitHub Actionsで回しています。"
        "SLO（Service Level Objective）として可用性を定めています。") * 2


@pytest.fixture(scope="module")
def url_lines(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("urls")
    body = "".join(f'<p style="width: {w}mm; margin-bottom: 5mm; text-align: justify">{jtext_html(TEXT)}</p>'
                   for w in (45, 52, 60, 68))
    path = render(tmp, body)
    return path, pdf_lines(path)


def url_chars(lines, url):
    """Per line, the characters that belong to the URL (lines that hold a piece of it)."""
    found = []
    for line in lines:
        text = line.squeezed
        for piece_start in range(len(text)):
            if url.startswith(text[piece_start:]) or text[piece_start:].startswith(url[:8]):
                break
        chars = [c for c in line.real if c.text in url]
        found.append((line, chars))
    return found


def test_urls_read_whole_in_every_reader(url_lines):
    path, _ = url_lines
    for name, reader in READERS.items():
        text = joined(reader(path)).replace("\x00", "")
        assert text.count(URL) == 8 and text.count(MAIL) == 8, name


def test_urls_break_only_after_break_characters_and_are_not_spaced(url_lines):
    _, lines = url_lines
    breaks = 0
    for line in lines:
        text = line.squeezed
        for url in (URL, MAIL):
            # A line that ends inside the address ends after a break character.
            for k in range(8, len(url)):
                if text.endswith(url[:k]) and k < len(url):
                    breaks += 1
                    assert url[k - 1] in URL_BREAKS, (url[:k], text[-20:])
        # No justification inside an address: its characters sit at their designed advances.
        for url in (URL, MAIL):
            start = text.find(url[:12])
            if start >= 0:
                chars = line.real[start:start + 12]
                gaps = [b.x0 - a.x1 for a, b in zip(chars, chars[1:])]
                assert max(gaps) < 0.01, (url[:12], gaps)
    assert breaks >= 4


def test_urls_are_set_in_the_latin_face(url_lines):
    _, lines = url_lines
    fonts = {c.font.split("+", 1)[1] for line in lines for c in line.real if c.text in "/@"}
    assert fonts == {"BrochureGothic-BIZUDPGothic"}


def test_latin_heavy_lines_put_the_slack_into_word_spaces_and_wa_gaps_first(url_lines):
    """「Actions で 回 し て い ま す 。」 no more: kana gaps get at most CAP_JA."""
    from brochure.render.justify import CAP_JA

    _, lines = url_lines
    for line in lines:
        chars = line.real
        for a, b in zip(chars, chars[1:]):
            if "\u3040" <= a.text <= "\u30ff" and "\u3040" <= b.text <= "\u30ff":
                assert (b.x0 - a.x1) / a.em < CAP_JA + 0.01, line.text


def test_printed_url_drops_utm_and_never_breaks_at_a_hyphen():
    html = printed_url("https://example.com/job-fair/apply?role=digital&utm_source=job-fair&utm_medium=print#form")
    assert "utm_" not in html and "role=" in html and "#form" in html
    pieces = [p.split("</span>")[0] for p in html.split('<span class="up">')[1:]]
    assert "".join(pieces) == "https://example.com/job-fair/apply?role=digital#form"
    assert not [p for p in pieces[:-1] if p.endswith("-")]


def test_a_long_hyphenated_word_of_an_address_is_cut_before_a_hyphen():
    """「…/data-platform-and-site-reliability?…」 in a narrow column: without a break
    character for 24 characters, the piece is cut before its last hyphen, not inside a word
    (「site-r／eliability」 on an application page)."""
    url = "https://careers.example.jp/jobs/data-platform-and-site-reliability?lang=ja"
    pieces = [p.split("</span>")[0] for p in printed_url(url).split('<span class="up">')[1:]]
    assert "".join(pieces) == url
    assert "data-platform-and-site" in pieces and "-reliability?" in pieces
    assert not [p for p in pieces if p.endswith("-")]
