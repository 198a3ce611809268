"""Japanese composition, measured on the built sample PDF (character positions by pdfium):
両端揃え, kinsoku, 和欧間, ruby, vertical copy and the paragraph rules."""

from __future__ import annotations

import statistics

import pytest

from conftest import CONTENT
from pdflines import JA, LATIN, find_paragraph, pdf_lines

from brochure.content.load import load_brochure
from brochure.render.jtext import RUBY_RE, plain
from brochure.render.justify import CAP_JA

EDGE_TOLERANCE = 0.5  # pt
NO_LINE_START = set("、。，．,.」』）)】〕〉》］｝!?！？ー・：；ゝゞ々"
                    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ")
NO_LINE_END = set("「『（(【〔〈《［｛")


@pytest.fixture(scope="module")
def lines(sample_build):
    return pdf_lines(sample_build)


@pytest.fixture(scope="module")
def brochure():
    return load_brochure(CONTENT)


def body_paragraphs(brochure, types=("message", "interview", "vision")) -> list[str]:
    """Plain text of the justified running-text paragraphs of the content."""
    paragraphs = []
    for section in brochure.sections:
        if section.type in types:
            for block in section.body.split("\n\n"):
                block = block.strip()
                if block and not block.startswith("#"):
                    paragraphs.append(plain(block))
    return paragraphs


@pytest.fixture(scope="module")
def located(lines, brochure):
    """Each running-text paragraph with its lines in the PDF."""
    found = {p: find_paragraph(lines, p) for p in body_paragraphs(brochure)}
    missing = [p[:20] for p, ls in found.items() if ls is None]
    assert not missing, f"paragraphs not found line by line in the PDF: {missing}"
    return found


def column_edges(located) -> dict[tuple[int, int], float]:
    """Right edge of each text column, (page, left-edge bucket) → median of the right ends
    of all non-final paragraph lines in it."""
    ends: dict[tuple[int, int], list[float]] = {}
    for para_lines in located.values():
        for line in para_lines[:-1]:
            if line.real[-1].text not in "、。，．」』）】〕":  # their half-width body may end it
                ends.setdefault(column_key(line), []).append(line.x1)
    return {key: statistics.median(v) for key, v in ends.items()}


def column_key(line) -> tuple[int, int]:
    return line.page, int(line.x0 // 40)  # columns are far wider than 40 pt; indents are 1 em


def test_every_non_final_line_of_a_justified_paragraph_ends_at_the_column_edge(located):
    edges = column_edges(located)
    checked, off = 0, []
    for paragraph, para_lines in located.items():
        for line in para_lines[:-1]:
            checked += 1
            edge = edges[column_key(line)]
            if abs(line.end_near(edge) - edge) > EDGE_TOLERANCE:
                off.append(f"p{line.page} {line.end_near(edge) - edge:+.2f}pt {line.text[-12:]}")
    assert checked > 100
    assert not off, f"{len(off)} of {checked} lines not flush with the column edge: {off[:8]}"


def test_the_column_edges_are_the_text_block_edges(located, lines):
    """The common edge is the column's real edge: no text line on the page goes beyond it."""
    edges = column_edges(located)
    for key, edge in edges.items():
        beyond = [line.text[-10:] for line in lines
                  if column_key(line) == key and line.end_near(edge) > edge + EDGE_TOLERANCE]
        assert not beyond, (key, beyond)


def test_no_justified_line_is_visibly_loose(located):
    """Spacing added between Japanese characters stays within its cap (CAP_JA) on every
    justified line: the slack goes to 和欧間 and word spaces first, and what is left after the
    caps stays at the line end."""
    from brochure.render.justify import CAP_JA

    worst = 0.0
    for para_lines in located.values():
        for line in para_lines[:-1]:
            chars = line.real
            gaps = [b.x0 - a.x1 for a, b in zip(chars, chars[1:])
                    if JA.match(a.text) and JA.match(b.text)]
            if gaps:
                worst = max(worst, max(gaps) / chars[0].em)
    assert worst < CAP_JA + 0.01, f"loosest Japanese gap {worst:.3f} em"


def test_kinsoku_no_line_starts_or_ends_with_a_forbidden_character(located):
    bad = []
    for para_lines in located.values():
        for line in para_lines:
            text = line.squeezed
            if text[0] in NO_LINE_START:
                bad.append(f"starts: {text[:10]}")
            if text[-1] in NO_LINE_END:
                bad.append(f"ends: {text[-10:]}")
    assert not bad, bad


def test_extracted_text_of_each_paragraph_is_the_content_text(located):
    """No character is added: whitespace aside, a paragraph reads exactly as in the content,
    and the only whitespace a PDF reader invents sits at a 和欧間 (Japanese–Latin) gap."""
    invented = []
    for paragraph, para_lines in located.items():
        text = "".join(c.text for line in para_lines for c in line.real)
        assert "".join(text.split()) == "".join(paragraph.split())
        for line in para_lines:
            chars = line.chars
            for i, c in enumerate(chars):
                if c.generated and 0 < i < len(chars) - 1:
                    a, b = chars[i - 1].text, chars[i + 1].text
                    if not ((JA.match(a) and LATIN.match(b)) or (LATIN.match(a) and JA.match(b))):
                        invented.append(f"{a}␣{b}")
    assert not invented, invented


def wa_gaps(lines):
    """(gap in em, line) for every Japanese–Latin letter/digit pair on a line."""
    for line in lines:
        chars = line.real
        for a, b in zip(chars, chars[1:]):
            if (JA.match(a.text) and LATIN.match(b.text)) or (LATIN.match(a.text) and JA.match(b.text)):
                yield (b.x0 - a.x1) / a.em, line


def test_quarter_em_between_japanese_and_latin(located, lines):
    # Unjustified text (the interview's joining date "2019年12月入都"): exactly a quarter em.
    joined = [line for line in lines if line.squeezed in ("2019年12月入都", "2021年1月入都")]
    assert len(joined) == 2
    exact = [gap for gap, _ in wa_gaps(joined)]
    assert len(exact) >= 5 and all(abs(g - 0.25) < 0.02 for g in exact), exact
    # Display text set by phrases (the pull quote "…東京のDX。"): a quarter em too.
    quote = [line for line in lines if line.squeezed.startswith("“") and "東京のDX。" in line.squeezed]
    assert quote and all(abs(g - 0.25) < 0.02 for g, _ in wa_gaps(quote))
    # Justified text: a quarter em plus that line's justification spacing, which goes to the
    # 和欧間 first (JLREQ): up to half an em; or, where closing the line up let one more
    # character in (compress.py), down to an eighth.
    from brochure.render.compress import WA_MIN

    justified = [line for para in located.values() for line in para[:-1]]
    gaps = [gap for gap, _ in wa_gaps(justified)]
    assert len(gaps) > 20
    assert all(WA_MIN - 0.015 < g < 0.5 + 0.03 for g in gaps), sorted(gaps)[:3] + sorted(gaps)[-3:]


def test_no_wa_gap_at_a_line_start(located):
    """A line that begins with a Latin run starts at the column's left edge, not a quarter
    em in (the span's margin is dropped there)."""
    for para_lines in located.values():
        lefts = {}
        for line in para_lines[1:]:
            lefts.setdefault((line.page, int(line.x0 // 40)), []).append(line.x0)
        for line in para_lines[1:]:
            if LATIN.match(line.real[0].text):
                assert line.x0 - min(lefts[(line.page, int(line.x0 // 40))]) < 0.3, line.text


def test_one_em_indent_and_no_single_character_last_line(located):
    for paragraph, para_lines in located.items():
        last = para_lines[-1].squeezed
        assert len(para_lines) == 1 or len(last) >= 2, paragraph[:20]
    indents = []
    for paragraph, para_lines in located.items():
        if paragraph.startswith("※"):
            continue  # notes (注記) are set flush, by design
        first, rest = para_lines[0], [l for l in para_lines[1:] if l.page == para_lines[0].page]
        if rest and abs(rest[0].x0 - first.x0) < 40:
            indents.append(((first.x0 - rest[0].x0) / first.real[0].em, first.text[:12]))
    assert len(indents) > 20
    assert all(abs(i - 1) < 0.05 for i, _ in indents), [x for x in indents if abs(x[0] - 1) >= 0.05]


def test_headings_are_never_at_a_column_bottom_and_no_widowed_lines(located, lines, brochure):
    headings = ["".join(block.strip().lstrip("#").split())
                for s in brochure.sections if s.type == "interview"
                for block in s.body.split("\n\n") if block.strip().startswith("#")]
    assert len(headings) > 8
    for heading in headings:
        [i] = [k for k, line in enumerate(lines) if line.squeezed.endswith(heading)][:1]
        head, after = lines[i], lines[i + 1]
        # The next line is below the heading in the same column (not at a new column top).
        assert after.page == head.page and after.top < head.top and abs(after.x0 - head.x0) < 40, heading
    for para_lines in located.values():
        # A paragraph broken across columns or pages keeps ≥ 2 lines on each side.
        pieces, current = [], [para_lines[0]]
        for a, b in zip(para_lines, para_lines[1:]):
            if b.page != a.page or b.top > a.top:
                pieces.append(current)
                current = []
            current.append(b)
        pieces.append(current)
        if len(pieces) > 1:
            assert all(len(p) >= 2 for p in pieces), [p[0].text[:10] for p in pieces]


def test_ruby_is_centred_above_its_base_at_half_size(lines, brochure):
    rubies = [(m.group(1), m.group(2)) for s in brochure.sections
              for text in (s.body if hasattr(s, "body") else "", getattr(s, "name", "") or "")
              for m in RUBY_RE.finditer(text)]
    assert len(rubies) >= 2
    for base, reading in rubies:
        [reading_line] = [line for line in lines if line.squeezed == reading]
        page = [line for line in lines if line.page == reading_line.page and base in line.squeezed
                and line is not reading_line]
        assert page, f"base {base} not in the running text of page {reading_line.page}"
        base_line = page[0]
        start = base_line.text.index(base)
        base_chars = base_line.chars[start:start + len(base)]
        r = reading_line.real
        assert abs(r[0].size / base_chars[0].size - 0.5) < 0.01
        centre_base = (base_chars[0].x0 + base_chars[-1].x1) / 2
        centre_reading = (r[0].x0 + r[-1].x1) / 2
        # Centred (a letter-spaced base, like the interview name, is off by half its spacing).
        assert abs(centre_base - centre_reading) < max(0.5, 0.05 * base_chars[0].em), base
        # Above the base and clear of it, within half an em. Character boxes are font boxes:
        # Noto Serif JP's ascender reaches 1.16 em while its ideographic em box (the ink) ends
        # at 0.88 em, so up to 0.28 em of box overlap is still white space above the base.
        assert base_chars[0].top - 0.28 * base_chars[0].em <= r[0].bottom < base_chars[0].top + base_chars[0].em * 0.5


def test_vertical_catch_on_the_back_cover_reads_top_to_bottom(lines, brochure):
    catch = brochure.meta.catch
    last = max(line.page for line in lines)
    cells = [line for line in lines if line.page == last and len(line.squeezed) <= 2]
    assert catch in "".join(line.squeezed for line in cells)  # extractable, in reading order
    cells = [line.real[0] for line in cells if line.squeezed in catch]
    # One character per cell, stacked downwards; a new column starts to the left.
    columns = 1
    for a, b in zip(cells, cells[1:]):
        same_column = abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) < a.em * 0.3
        if same_column:
            assert b.top < a.top, (a.text, b.text)
        else:
            columns += 1
            assert b.x1 < a.x0 and b.top > a.top, (a.text, b.text)
    assert len(cells) == len(catch) and columns == 2


def test_closing_and_opening_marks_are_half_an_em_apart(lines):
    """約物 (JLREQ 3.1.4): where a closing mark or 、。 meets an opening mark (」「, 」、「) their
    bodies are half an em apart, in the Gothic (half-width marks: from the end of the closing
    mark's advance) and in the message's Mincho (full-width: from the end of its half-width
    body, the opening bracket set half-width); justification may add its spacing."""
    gaps = []
    for line in lines:
        for a, b in zip(line.real, line.real[1:]):
            if a.text in "、。」）』" and b.text in "「（『":
                mincho = "Mincho" in a.font
                gaps.append(((b.x0 - a.x0) if mincho else (b.x0 - a.x1)) / a.em)
    assert len(gaps) >= 4 and all(0.45 < g < 0.5 + CAP_JA + 0.02 for g in gaps), gaps


def test_columns_start_level(sample_build, located):
    """The first line of every column of the running text (Q&A, message) sits on the same
    baseline as the first line of the other columns of its page (a question heading included)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    keys = {(line.page, int(line.x0 // 150)) for para in located.values() for line in para}
    pdf = pdfium.PdfDocument(str(sample_build))
    tops: dict[tuple[int, int], float] = {}
    try:
        for page in {p for p, _ in keys}:
            textpage = pdf[page - 1].get_textpage()
            x, y = ctypes.c_double(), ctypes.c_double()
            for i in range(textpage.count_chars()):
                raw.FPDFText_GetCharOrigin(textpage, i, x, y)
                key = (page, int(x.value // 150))
                if key in keys and 9 <= raw.FPDFText_GetFontSize(textpage, i) * 0.75 <= 12:
                    tops[key] = max(tops.get(key, 0.0), y.value)
    finally:
        pdf.close()
    pages: dict[int, list[float]] = {}
    for (page, _), top in tops.items():
        pages.setdefault(page, []).append(top)
    compared = {p: v for p, v in pages.items() if len(v) > 1}
    assert len(compared) >= 3
    assert all(max(v) - min(v) < 0.3 for v in compared.values()), compared
