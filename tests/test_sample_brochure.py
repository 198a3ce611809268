"""The sample brochure, end to end: a real PDF built from content/ and inspected."""

from __future__ import annotations

import re

import pikepdf
import pytest
import yaml

from conftest import CONTENT, DATA, decode_qr_codes, pdf_text_pages, squeeze

A4 = (595.276, 841.89)  # points


def seed_paragraphs(first: str, last: str) -> list[str]:
    """Paragraphs of the seed text between two marker lines (inclusive of neither)."""
    lines = (DATA / "hello-tokyo-recruitment.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index(first) + 1
    end = lines.index(last, start)
    return [line.strip() for line in lines[start:end] if len(line.strip()) > 25]


def ruby_readings() -> list[str]:
    """Readings of the content's ruby ({宮坂|みやさか}): a page's text ends with them."""
    from brochure.render.jtext import RUBY_RE

    return [m.group(2) for f in (CONTENT / "sections").iterdir()
            for m in RUBY_RE.finditer(f.read_text(encoding="utf-8"))]


def test_every_seed_paragraph_of_message_and_interviews_is_in_the_pdf(sample_build):
    text = squeeze("".join(pdf_text_pages(sample_build, body_only=True)))
    for reading in ruby_readings():
        text = text.replace(reading, "", 1)
    paragraphs = (seed_paragraphs("東京都副知事 宮坂 学", "ビジョン")
                  + seed_paragraphs("平井 則輔 (2019年12月入都)", "亀山 鉄生 (2021年1月入都)")
                  + seed_paragraphs("亀山 鉄生 (2021年1月入都)", "閲覧者へのメッセージ"))
    lines = (DATA / "hello-tokyo-recruitment.txt").read_text(encoding="utf-8").splitlines()
    paragraphs.append(lines[-1].strip())  # the last answer of the second interview
    assert len(paragraphs) > 30
    missing = [p[:30] for p in paragraphs if squeeze(p) not in text]
    assert not missing, f"seed paragraphs not found in the PDF: {missing}"


def test_cover_and_section_texts(sample_build):
    pages = [squeeze(t) for t in pdf_text_pages(sample_build)]
    assert "Hello,Tokyo!" in pages[0]
    assert "新しい東京を創るデジタル人材大募集" in pages[0]
    everything = "".join(pages)
    for words in ["今、東京が変わる。", "つながる東京", "街のDX", "行政のDX", "スマートポール",
                  "西新宿のスマートシティ化", "コロナ対策リーダ登録サイト", "徹底点検プロジェクト",
                  "デジタルサービス局オフィス4", "2021年4月1日時点"]:
        assert words in everything, words


def test_page_count_is_a_multiple_of_four_and_pages_are_a4(sample_build):
    with pikepdf.open(sample_build) as pdf:
        assert len(pdf.pages) % 4 == 0
        assert len(pdf.pages) >= 12
        for page in pdf.pages:
            box = page.obj.get("/TrimBox", page.mediabox)
            width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
            assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))


def _fonts(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        for _, font in (page.resources.get("/Font") or {}).items():
            yield font


def test_all_fonts_are_bundled_embedded_and_subset(sample_build):
    # styles/fonts.css gives the bundled files private family names; a system fallback
    # font would be embedded under its own name (e.g. DejaVuSans).
    bundled = ("BrochureGothic-BIZUDPGothic", "BrochureMincho-NotoSerifJP")
    with pikepdf.open(sample_build) as pdf:
        names = set()
        for font in _fonts(pdf):
            assert font.get("/Subtype") != "/Type3"
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
            names.add(str(descendant.BaseFont))
    assert names
    for name in names:
        assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not subset"
        assert any(b in name for b in bundled), f"{name} is not a bundled font (system fallback?)"
    # A Gothic and a Mincho, each with a real bold face.
    assert {"BrochureGothic-BIZUDPGothic", "BrochureGothic-BIZUDPGothic-Bold",
            "BrochureMincho-NotoSerifJP", "BrochureMincho-NotoSerifJP-Bold"} == {
        n.split("+", 1)[1] for n in names}


def test_every_qr_code_decodes_to_its_url(sample_build):
    # Links are clickable in the screen edition (test_screen_edition.py); the print edition is
    # PDF/X-4, which allows no link annotations on the page (test_press.py).
    meta = yaml.safe_load((CONTENT / "brochure.yaml").read_text(encoding="utf-8"))
    urls = {link["id"]: link["url"] for link in meta["links"]}
    decoded = decode_qr_codes(sample_build, dpi=150)
    apply_ids = yaml.safe_load((CONTENT / "sections/apply.yaml").read_text(encoding="utf-8"))["links"]
    back_id = yaml.safe_load((CONTENT / "sections/back-cover.yaml").read_text(encoding="utf-8"))["link"]
    expected = {urls[i] for i in apply_ids} | {urls[back_id]}
    assert {text for _, text in decoded} == expected
    assert len(decoded) == len(apply_ids) + 1


def test_qr_codes_are_at_least_20_mm(sample_build):
    import pypdfium2 as pdfium
    import zxingcpp

    pdf = pdfium.PdfDocument(str(sample_build))
    dpi = 150
    sizes = []
    for i in range(len(pdf)):
        for code in zxingcpp.read_barcodes(pdf[i].render(scale=dpi / 72).to_pil()):
            xs = [code.position.top_left.x, code.position.top_right.x]
            sizes.append((max(xs) - min(xs)) / dpi * 25.4)
    assert sizes and min(sizes) >= 16  # symbol without quiet zone: >= 20 mm with it
