"""The composition mechanisms on crafted text the sample does not happen to contain (a Latin
run at a line start or end, katakana full of ー and small kana, vertical ー and brackets),
rendered to a real PDF with the real stylesheets and the real filters."""

from __future__ import annotations

import pytest

from pdflines import JA, LATIN, find_paragraph, pdf_lines

from brochure.paths import FONTS, STYLES
from brochure.render.jtext import jtext_html
from brochure.render.justify import CAP_JA
from brochure.render.pdf import render_pdf
from brochure.render.tate import tate_html
from brochure.themes import standard_theme

KATAKANA = ("ショッピングセンターのコーヒーショップでキャッシュレス決済のチェックをしたアップデートの"
            "サーバーとデータベースのメンテナンスをクラウドサービスのセキュリティーポリシーでチャレンジ")
MIXED = "東京のDXと5Gの基盤でSmart Tokyoを進める{都庁|とちょう}、Wi-Fiとセンサー等のIoT基盤が2021年に整う。" * 4


def render(tmp_path, body: str):
    links = "".join(f'<link rel="stylesheet" href="{p.as_uri()}">' for p in standard_theme().stylesheets())
    html = f'<!DOCTYPE html><html lang="ja"><head>{links}</head><body class="edition-print">{body}</body></html>'
    pdf = render_pdf(html, tmp_path, [STYLES, FONTS, tmp_path])
    path = tmp_path / "fragment.pdf"
    path.write_bytes(pdf.data)
    return path


@pytest.fixture(scope="module")
def fragment(tmp_path_factory):
    """Justified paragraphs in columns of several widths (so that breaks fall everywhere)."""
    tmp = tmp_path_factory.mktemp("fragment")
    paragraphs = "".join(
        f'<p style="width: {w}mm; margin-bottom: 4mm; text-align: justify">{jtext_html(text)}</p>'
        for w in (52, 55, 58, 61, 64, 67) for text in (MIXED, KATAKANA))
    return pdf_lines(render(tmp, paragraphs))


def test_wa_gap_is_dropped_at_line_start_and_end(fragment):
    by_left: dict[int, list] = {}
    for line in fragment:
        by_left.setdefault(round(line.x0 / 20), []).append(line)
    starts = ends = 0
    for line in fragment:
        chars = line.real
        block = [l for l in fragment if l.page == line.page and abs(l.x0 - line.x0) < 15]
        left = min(l.x0 for l in block)
        # The column edge: where lines ending in a letter end (a 、。 at a line end may have
        # been set in its half-width body, its designed advance reaching past the edge).
        right = max(l.x1 for l in block if l.real[-1].text not in "、。」")
        if LATIN.match(chars[0].text) and line.x0 - left < 5:
            starts += 1
            assert line.x0 - left < 0.3, line.text
        if LATIN.match(chars[-1].text) and right - line.x1 < 5:
            ends += 1
            # Flush right, unless the line had more slack than the caps allow (JLREQ: then the
            # rest stays at the end): its Japanese gaps are at the cap.
            ja_gaps = [(b.x0 - a.x1) / a.em for a, b in zip(chars, chars[1:])
                       if not LATIN.match(a.text) and not LATIN.match(b.text)]
            assert right - line.x1 < 0.5 or max(ja_gaps) > CAP_JA - 0.01, line.text
    assert starts >= 3 and ends >= 3, (starts, ends)


def test_no_justification_gap_inside_a_latin_word(fragment):
    """Justified lines spread the Japanese gaps and the 和欧間, never the letters of a Latin
    word: "Smart", "Tokyo", "IoT" keep their designed advances (kerning may close a pair up,
    nothing opens one)."""
    pairs, lines = 0, set()
    for n, line in enumerate(fragment):
        chars = line.real
        for a, b in zip(chars, chars[1:]):
            if LATIN.match(a.text) and LATIN.match(b.text):
                pairs += 1
                lines.add(n)
                assert b.x0 - a.x1 < 0.01 * a.em, (line.text, a.text + b.text, (b.x0 - a.x1) / a.em)
    assert pairs >= 100 and len(lines) >= 20, (pairs, len(lines))


def test_kinsoku_for_small_kana_and_long_vowel_mark(fragment):
    starts = [line.squeezed[0] for line in fragment]
    assert len(starts) > 40
    assert not [s for s in starts if s in "ーッャュョァィゥェォっゃゅょ、。」）"], starts


def test_vertical_forms_of_long_vowel_and_brackets(tmp_path):
    """ー stands vertical and 「 turns into ﹁ in vertical copy: measured on the pixels."""
    import pypdfium2 as pdfium

    path = render(tmp_path, f'<div style="font-size: 40pt">{tate_html("ー「、ッ")}</div>'
                            '<p style="font-size: 40pt">ー「、ッ</p>')
    lines = {line.squeezed: line for line in pdf_lines(path)}
    assert {"ー", "「", "、", "ッ", "ー「、ッ"} <= set(lines)  # the text stays the same characters
    page = pdfium.PdfDocument(str(path))[0]
    scale = 2
    image = page.render(scale=scale).to_pil().convert("L")
    left, _, _, top = page.get_mediabox()

    def ink(char):
        """Dark pixels of one character's box: (width, height, dark in left/right edge)."""
        box = (int((char.x0 - left) * scale), int((top - char.top) * scale),
               int((char.x1_box - left) * scale), int((top - char.bottom) * scale))
        crop = image.crop(box)
        x0, y0, x1, y1 = crop.point(lambda v: 255 if v < 128 else 0).getbbox()
        dark = lambda b: sum(crop.crop(b).point(lambda v: 1 if v < 128 else 0).histogram()[1:])
        return x1 - x0, y1 - y0, dark((x0, y0, x0 + 4, y1)), dark((x1 - 4, y0, x1, y1))

    def ink_centre(char):
        """Centre of the ink relative to the character's box, 0–1 (x right, y down)."""
        box = (int((char.x0 - left) * scale), int((top - char.top) * scale),
               int((char.x1_box - left) * scale), int((top - char.bottom) * scale))
        crop = image.crop(box)
        x0, y0, x1, y1 = crop.point(lambda v: 255 if v < 128 else 0).getbbox()
        return (x0 + x1) / 2 / crop.width, (y0 + y1) / 2 / crop.height

    w, h, _, _ = ink(lines["ー"].real[0])
    assert h > 3 * w  # vertical ー: a standing bar
    w, h, _, _ = ink(lines["ー「、ッ"].real[0])
    assert w > 3 * h  # horizontal ー: a lying bar
    # 「 has its long stroke on the left; vertical ﹁ has it on the right.
    _, _, left_ink, right_ink = ink(lines["「"].real[0])
    assert right_ink > 2 * left_ink
    _, _, left_ink, right_ink = ink(lines["ー「、ッ"].real[1])
    assert left_ink > 2 * right_ink
    # 、 sits at the lower left in horizontal setting, at the upper right in vertical.
    x, y = ink_centre(lines["、"].real[0])
    assert x > 0.5 and y < 0.5, (x, y)
    x, y = ink_centre(lines["ー「、ッ"].real[2])
    assert x < 0.5 and y > 0.5, (x, y)
    # Small ッ moves right in vertical setting.
    assert ink_centre(lines["ッ"].real[0])[0] > ink_centre(lines["ー「、ッ"].real[3])[0] + 0.05


def test_multicolumn_keeps_headings_with_their_text_and_two_lines_each_side(tmp_path):
    """WeasyPrint honours break-after: avoid and orphans/widows inside CSS columns (the Q&A):
    Q&A blocks of many lengths in short columns (overflowing sideways: only the breaks
    matter here), so that headings and paragraphs meet many column ends."""
    text = "東京都の事業規模は大きく、こんな超巨大組織のDX推進なんて、やりがいの塊です。" * 4
    column_breaks = split_paragraphs = 0
    for n in (60, 64):
        paragraphs = {i: f"第{i}段。" + text[:(i * 37) % 150 + 20] for i in range(n) if i % 3}
        blocks = "".join(f"<p>{paragraphs[i]}</p>" if i in paragraphs else f"<h3>見出し{i}</h3>"
                         for i in range(n))
        lines = pdf_lines(render(tmp_path, f'<div class="qa" style="height: 45mm">{blocks}</div>'))
        for a, b in zip(lines, lines[1:]):
            new_column = b.page != a.page or b.top > a.top
            column_breaks += new_column
            if a.squeezed.startswith("Q.見出し"):
                assert not new_column, f"{a.squeezed} ends a column (n={n})"
        for paragraph in paragraphs.values():
            para_lines = find_paragraph(lines, paragraph)
            pieces = [[para_lines[0]]]
            for a, b in zip(para_lines, para_lines[1:]):
                if b.page != a.page or b.top > a.top:
                    pieces.append([])
                pieces[-1].append(b)
            if len(pieces) > 1:
                split_paragraphs += 1
                assert all(len(p) >= 2 for p in pieces), paragraph[:6]
    assert column_breaks >= 20 and split_paragraphs >= 5, (column_breaks, split_paragraphs)


def test_headings_break_only_between_phrases(tmp_path):
    """Markdown headings are set as BudouX phrases: in a narrow column every line ends at a
    phrase (文節) boundary."""
    from brochure.render.markdown import markdown_to_html
    from brochure.text.segment import split_phrases

    heading = "デジタルサービス局のリーディングプロジェクトであるスマートポールの事業企画とDX推進"
    html = markdown_to_html(f"## {heading}", heading_offset=1)
    lines = pdf_lines(render(tmp_path, f'<div class="qa" style="width: 60mm; columns: 1">{html}</div>'))
    lines = [line for line in lines if not line.squeezed.isdigit()]
    assert len(lines) >= 3
    boundaries, pos = set(), 0
    for phrase in split_phrases(heading):
        pos += len(phrase)
        boundaries.add(pos)
    done = 0
    for line in lines:
        done += len(line.squeezed.removeprefix("Q."))
        assert done in boundaries, line.squeezed


def test_justification_adds_to_css_letter_spacing(tmp_path):
    text = "東京都の事業規模は大きく、こんな超巨大組織の推進なんて、やりがいの塊です。" * 3
    lines = pdf_lines(render(tmp_path, f'<p style="width: 60mm; text-align: justify; '
                                       f'letter-spacing: 0.1em">{text}</p>'))
    lines = [line for line in lines if not line.squeezed.isdigit()]
    assert len(lines) >= 4
    ends = [line.x1 for line in lines[:-1]]
    assert max(ends) - min(ends) < 0.5
    for line in lines:
        chars = line.real
        assert min(b.x0 - a.x1 for a, b in zip(chars, chars[1:])) > 0.095 * chars[0].em


def test_heading_lines_never_start_with_a_wa_gap(tmp_path):
    """In a heading set by phrases the gap before a phrase-initial Latin run sits at the end
    of the previous phrase: a heading line that starts with "DX" starts at the left edge."""
    from brochure.render.typeset import phrases

    heading = "各局・区市町村のDX推進を技術面からサポートする東京のDX基盤"
    body = "".join(f'<h2 class="h2" style="width: {w}mm">{phrases(heading)}</h2>'
                   for w in (40, 45, 50, 55, 60, 65, 70))
    lines = [line for line in pdf_lines(render(tmp_path, body)) if not line.squeezed.isdigit()]
    left = {line.page: min(l.x0 for l in lines if l.page == line.page) for line in lines}
    starts = [line for line in lines if line.squeezed.startswith("DX")]
    assert len(starts) >= 5, [line.squeezed for line in lines]
    assert all(line.x0 - left[line.page] < 0.3 for line in starts)


# --- 約物 (JLREQ 3.1.4) ------------------------------------------------------------------

PUNCT_RUNS = ("」「", "」、「", "）（", "。」", "！？」", "、「", "「『", "』」")
PUNCT_TEXT = "".join(f"かな{run[0] if run[0] in '「『（' else ''}まる{run}かな" for run in PUNCT_RUNS)
OPEN, CLOSE, STOP = set("「『（"), set("」』）"), set("、。")


def _run_width_jlreq(run: str, body) -> float:
    """JLREQ's width of a run of marks set between letters, in em: every mark in its body, one
    half em between a closing mark or 、。 and an opening mark (3.1.4), plus the conditional
    half em a full-width face keeps outside the run (before a first opening mark, after a last
    closing mark or 、。); ！？ are full-width, set solid."""
    width = sum(body(c) for c in run)
    width += 0.5 * sum(a in CLOSE | STOP and b in OPEN for a, b in zip(run, run[1:]))
    if body("」") == 0.5 and body.full_width:
        width += 0.5 * (run[0] in OPEN) + 0.5 * (run[-1] in CLOSE | STOP)
    return width


@pytest.fixture(scope="module")
def punct(tmp_path_factory):
    """The runs between letters, in the Gothic (running text) and in the message's Mincho
    (with its `chws`), left-aligned so that nothing but the composition moves the glyphs."""
    from brochure.render.jtext import jtext_html

    tmp = tmp_path_factory.mktemp("punct")
    html = jtext_html(PUNCT_TEXT, False)
    body = (f'<p style="width: 170mm">{html}</p>'
            f'<div class="message-body" style="columns: 1; width: 170mm"><p style="text-align: left; '
            f'text-indent: 0">{html}</p></div>')
    return render(tmp, body)


@pytest.mark.parametrize("face", ["Gothic", "Mincho"])
def test_consecutive_punctuation_by_glyph_positions(punct, face):
    """Each run's width between the letters around it (glyph origins) is JLREQ's: 」「 and
    ）（ 1.5 em, 」、「 2 em (2.1 in the Gothic: its 、 is 0.6 em), 。」 and 」、 solid."""
    from fontTools.ttLib import TTFont

    from brochure.paths import FONTS

    font = TTFont(FONTS / ("BIZUDPGothic-Regular.ttf" if face == "Gothic" else "NotoSerifJP-Regular.ttf"))
    cmap, hmtx, upem = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    full_width = face == "Mincho"

    def body(ch):  # the Gothic's marks are their advance; a full-width face's brackets half an em
        advance = hmtx[cmap[ord(ch)]][0] / upem
        return 0.5 if full_width and ch in OPEN | CLOSE | STOP else advance
    body.full_width = full_width

    lines = [line for line in pdf_lines(punct) if face in line.real[0].font]
    chars = [c for line in lines for c in line.real][:len(PUNCT_TEXT)]  # not the page number
    assert "".join(c.text for c in chars) == PUNCT_TEXT
    text = PUNCT_TEXT
    checked = 0
    for run in PUNCT_RUNS:
        at = text.index("まる" + run) + 2
        before, after = chars[at - 1], chars[at + len(run)]
        assert abs(before.bottom - after.bottom) < 0.1  # one line
        width = (after.x0 - (before.x0 + hmtx[cmap[ord(before.text)]][0] / upem * before.em)) / before.em
        assert abs(width - _run_width_jlreq(run, body)) < 0.03, (face, run, width)
        checked += 1
    assert checked == len(PUNCT_RUNS)


def test_opening_bracket_at_a_line_start_and_closing_at_a_line_end(tmp_path):
    """JLREQ 3.1.5 ① (JIS X 4051): a line that starts with an opening bracket starts with the
    bracket's half-width body (tentsuki; after the paragraph's one-em indent on its first
    line); a closing bracket ends a justified line with its body at the column edge. In the
    Mincho the blank half of the full-width bracket leaves the measure; the Gothic's brackets
    are half-width."""
    from brochure.render.jtext import jtext_html

    text = "「かぎかっこ」で始まる行と「かっこ」で終わる行が、「ここ」にも「そこ」にもある。" * 6
    html = jtext_html(text)
    body = "".join(f'<div class="{kind}" style="columns: 1; width: {w}mm; break-after: page"><p>{html}</p></div>'
                   for w in (50, 55, 61) for kind in ("message-body", "qa"))
    lines = [line for line in pdf_lines(render(tmp_path, body)) if not line.squeezed.isdigit()]
    starts = ends = 0
    for line in lines:
        block = [l for l in lines if l.page == line.page]
        left = min(l.x0 + (0.5 * l.real[0].em if l.real[0].text == "「" and "Mincho" in l.real[0].font else 0)
                   for l in block)
        first, last = line.real[0], line.real[-1]
        blank = 0.5 * first.em if "Mincho" in first.font else 0
        if first.text == "「":
            indent = first.x0 + blank - left
            assert abs(indent) < 0.3 or abs(indent - first.em) < 0.3, (line.text, indent)
            starts += 1
        if last.text == "」" and line is not block[-1]:
            right = max(l.real[-1].x1 for l in block if l.real[-1].text not in "」、。")
            body_end = last.x0 + 0.5 * last.em
            assert abs(body_end - right) < 0.3, (line.text, body_end - right)
            ends += 1
    assert starts >= 6 and ends >= 3, (starts, ends)


# --- compression before breaking (compress.py) ---------------------------------------------

def test_lines_closed_up_to_take_one_more_character(tmp_path):
    """JLREQ prefers closing a line up to spreading it: in justified text some lines hold
    和欧間 narrower than a quarter em (never under an eighth) — and such a line sits on both
    column edges with no spacing added between its Japanese characters."""
    from brochure.render.compress import WA_MIN

    body = "".join(f'<p style="width: {w}mm; text-align: justify; break-after: page">{jtext_html(MIXED)}</p>'
                   for w in (52, 55, 58, 61, 64, 67))
    lines = [line for line in pdf_lines(render(tmp_path, body)) if not line.squeezed.isdigit()]
    closed = 0
    for line in lines:
        chars = line.real
        wa = [(b.x0 - a.x1) / a.em for a, b in zip(chars, chars[1:])
              if (LATIN.match(a.text) and JA.match(b.text)) or (JA.match(a.text) and LATIN.match(b.text))]
        if not wa or min(wa) > 0.24:
            continue
        closed += 1
        assert min(wa) > WA_MIN - 0.015, (line.text, wa)
        ja = [(b.x0 - a.x1) / a.em for a, b in zip(chars, chars[1:])
              if not LATIN.match(a.text) and not LATIN.match(b.text) and a.text not in "、。"]
        assert max(ja, default=0) < 0.02, (line.text, ja)
        right = max(l.x1 for l in lines if l.page == line.page and l.real[-1].text not in "、。」")
        assert abs(line.end_near(right) - right) < 0.3, (line.text, line.end_near(right) - right)
    assert closed >= 5, closed


def test_full_stop_at_a_line_end_set_half_width_to_fit(tmp_path):
    """In the Mincho (full-width 。) a line that would otherwise push its last character down
    (追い出し) takes 。 in its half-width body: the 。's blank half hangs past the column edge,
    its ink inside."""
    from brochure.render.jtext import jtext_html

    text = "東京都の事業規模は大きく、こんな超巨大組織の推進は、やりがいの塊です。私たちは共に進みます。" * 3
    body = "".join(f'<div class="message-body" style="columns: 1; width: {w + 0.5}em; font-size: 10pt; '
                   f'break-after: page"><p style="text-indent: 0">{jtext_html(text)}</p></div>'
                   for w in range(14, 30))
    lines = [line for line in pdf_lines(render(tmp_path, body)) if not line.squeezed.isdigit()]
    hanging = 0
    for line, after in zip(lines, lines[1:]):
        if after.page != line.page:
            continue  # the paragraph's last line: flush left
        last = line.real[-1]
        edges = [l.x1 for l in lines if l.page == line.page and l.real[-1].text not in "、。」"]
        if last.text == "。" and edges and last.x1 > max(edges) + 0.3:
            hanging += 1  # its full-width advance reaches past the edge: its body ends there
            assert abs(last.x0 + 0.5 * last.em - max(edges)) < 0.3, line.text
    assert hanging >= 2, hanging


# --- ruby (ruby.py) -----------------------------------------------------------------------

RUBY_CASES = {
    "names": "{齊藤|さいとう}{葵|あおい}さんと{田中|たなか} {葵|あおい}さん",
    "kana": "ひかり{葵|あおい}かおり",
    "kanji": "東京{葵|あおい}区役所",
    "mono": "じっと{凝|ぎょう}{視|し}する",
    "jukugo": "この{漢字|かん|じ}は",
    "group": "まさに{人跡未踏|じんせきみとう}の地",
}


@pytest.fixture(scope="module")
def rubies(tmp_path_factory):
    from brochure.render.jtext import jtext_html

    tmp = tmp_path_factory.mktemp("ruby")
    body = "".join(f'<p style="font-size: 12pt; line-height: 2; margin-bottom: 6mm">{jtext_html(t, False)}</p>'
                   for t in RUBY_CASES.values())
    lines = [line for line in pdf_lines(render(tmp, body)) if not line.squeezed.isdigit()]
    base = {line.squeezed: line for line in lines if line.real[0].em > 10}
    readings = [line for line in lines if line.real[0].em < 7]
    return base, readings


class _Chars:
    def __init__(self, chars):
        self.real = chars
        for c in chars:
            # A ruby glyph's advance: the designed width of the lowest CID may be the base's
            # form of the kana; pdfium's box includes a folded gap to a reading that follows.
            c.end = min(c.x1, c.x1_box)


def _reading(readings, text, near):
    """The characters of the reading ``text`` closest above the base character ``near``
    (pdfium gives the readings of one line as one line, with a space between separate ones).
    Each character gets ``end``: where its advance ends."""
    found = []
    for line in readings:
        chars = line.real
        for i in range(len(chars) - len(text) + 1):
            if "".join(c.text for c in chars[i:i + len(text)]) == text and chars[i].bottom > near.bottom:
                found.append(_Chars(chars[i:i + len(text)]))
    return min(found, key=lambda r: abs(r.real[0].bottom - near.top) + abs(r.real[0].x0 - near.x0))


def _base(base, case):
    from brochure.render.jtext import plain

    return base[plain(RUBY_CASES[case]).replace(" ", "")]


def test_neighbouring_readings_never_touch(rubies):
    """{齊藤|さいとう}{葵|あおい}: the readings keep a quarter em apart, so 「さいとうあおい」
    does not read as one word; the bases stay together in the text."""
    from brochure.render.ruby import RUBY_GAP

    base, readings = rubies
    line = _base(base, "names")
    assert line.squeezed.startswith("齊藤葵さんと田中葵さん")
    sai = _reading(readings, "さいとう", line.real[0])
    aoi = _reading(readings, "あおい", line.real[2])
    gap = (aoi.real[0].x0 - sai.real[-1].end) / line.real[0].em
    assert RUBY_GAP - 0.02 < gap < RUBY_GAP + 0.1, gap
    # あおい leans over the kana after 葵 (さ) rather than over 藤, another ruby's base.
    assert aoi.real[0].x0 >= line.real[2].x0 - 0.2
    # The base spans its reading or more: さいとう over 齊藤.
    assert sai.real[0].x0 >= line.real[0].x0 - 0.2 and sai.real[-1].end <= line.real[1].x1 + 0.2


def test_reading_overhangs_kana_by_one_ruby_character_at_most_and_kanji_never(rubies):
    base, readings = rubies
    em = 12
    line = _base(base, "kana")  # ひかり葵かおり: あおい over 葵 reaches over り and か
    aoi_base = line.real[3]
    aoi = _reading(readings, "あおい", aoi_base)
    reach_left, reach_right = aoi_base.x0 - aoi.real[0].x0, aoi.real[-1].end - aoi_base.x1
    assert 0 < reach_left <= 0.5 * em / 2 + 0.2 and 0 < reach_right <= 0.5 * em / 2 + 0.2
    line = _base(base, "kanji")  # 東京葵区役所: no reach over 京 or 区, the base makes room
    before, aoi_base, after = line.real[1], line.real[2], line.real[3]
    aoi = _reading(readings, "あおい", aoi_base)
    assert aoi.real[0].x0 >= before.x1 - 0.2 and aoi.real[-1].end <= after.x0 + 0.2


def test_mono_jukugo_and_group_ruby(rubies):
    base, readings = rubies
    from brochure.render.ruby import RUBY_GAP

    # Mono ruby: ぎょう over 凝 (leaning over the kana と before it: 視 is another ruby's
    # base), し centred over 視; 凝 and 視 move apart until the readings are RUBY_GAP apart.
    line = _base(base, "mono")
    to, gyo, shi = line.real[2], line.real[3], line.real[4]
    assert shi.x0 - gyo.x1 > 0.2 * gyo.em
    found = {text: _reading(readings, text, under) for text, under in (("ぎょう", gyo), ("し", shi))}
    r = found["ぎょう"]
    assert r.real[0].x0 < (gyo.x0 + gyo.x1) / 2 < r.real[-1].end and r.real[-1].end <= gyo.x1 + 0.2
    assert gyo.x0 - r.real[0].x0 <= 0.5 * gyo.em + 0.2 and to.x1 - 0.5 * gyo.em - 0.2 <= r.real[0].x0
    r = found["し"]
    assert abs((r.real[0].x0 + r.real[-1].end) / 2 - (shi.x0 + shi.x1) / 2) < 0.3
    assert (found["し"].real[0].x0 - found["ぎょう"].real[-1].end) / gyo.em > RUBY_GAP - 0.02
    # Jukugo ruby with short readings: each over its character, the compound set solid.
    line = _base(base, "jukugo")
    kan, ji = line.real[2], line.real[3]
    assert abs(ji.x0 - kan.x1) < 0.2
    for text, under in (("かん", kan), ("じ", ji)):
        r = _reading(readings, text, under)
        assert abs((r.real[0].x0 + r.real[-1].end) / 2 - (under.x0 + under.x1) / 2) < 0.3, text
    # Group ruby shorter than its base: spread over the whole base (1:2:1: space between its
    # characters, half as much at its ends — more with the Gothic's narrower kana), centred.
    line = _base(base, "group")
    first, last = line.real[3], line.real[6]
    r = _reading(readings, "じんせきみとう", first)
    inner = [b.x0 - a.end for a, b in zip(r.real, r.real[1:])]
    assert min(inner) > 0.3
    lead, trail = r.real[0].x0 - first.x0, last.x1 - r.real[-1].end
    assert lead > min(inner) / 2 - 0.2 and abs(lead - trail) < 0.4, (lead, trail, inner)


def test_a_target_counter_shows_its_targets_page(tmp_path):
    """A theme may print a cross-reference's page (``target-counter()``): WeasyPrint knows it
    only once the target's page is laid out, puts it into the boxes of the first page and makes
    that page again. The lines kept for the layout (render/linecache.py) are dropped then; kept,
    they printed 「0ページ」."""
    import pypdfium2 as pdfium

    body = ('<style>a.to::after { content: "（" target-counter(attr(href), page) "ページ）" }'
            ' .brk { break-before: page }</style>'
            '<p>採用の流れは <a class="to" href="#z">こちら</a></p>'
            '<div class="brk"><p>二ページ目</p></div><div class="brk"><p>三ページ目</p></div>'
            '<div class="brk"><h2 id="z">四ページ目の見出し</h2></div>')
    pdf = pdfium.PdfDocument(str(render(tmp_path, body)))
    try:
        assert len(pdf) == 4
        first = pdf[0].get_textpage().get_text_range()
        assert "こちら（4ページ）" in first, first
    finally:
        pdf.close()
