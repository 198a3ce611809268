"""`brochure check`: the preflight report on the sample and on deliberately broken content.

Broken content is built for real (one shared build for several defects that do not interfere);
expected pages are found in the built PDF's text, not hard-coded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml
from PIL import Image

from broken_content import EMOJI, LONG_LEAD, RARE_KANJI, make_broken_copy
from conftest import CONTENT, ROOT, claim_up_to_date, pdf_text_pages, squeeze

SAMPLE_MARK = b"brochure:sample-placeholder"


def run_check(*args: str) -> subprocess.CompletedProcess:
    """``brochure check`` in a separate process, as a user runs it."""
    code = "import sys; from brochure.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, "check", "--lang", "en", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def findings_of(proc: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(proc.stdout)


def only(findings: list[dict], **keys) -> list[dict]:
    return [f for f in findings if all(f.get(k) == v for k, v in keys.items())]


def page_with(pdf: Path, text: str) -> int:
    pages = [i + 1 for i, t in enumerate(pdf_text_pages(pdf)) if squeeze(text) in squeeze(t)]
    assert pages, f"{text!r} not in {pdf}"
    return pages[0]


def line_of(path: Path, start: str) -> int:
    """1-based line of the first line of a file that starts with ``start`` (after indentation)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, line in enumerate(lines) if line.strip().startswith(start))


# --- the sample -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_check(sample_build):
    """The sample's report; the session's sample PDF is up to date, so it is reused."""
    return run_check("--content", str(CONTENT), "--out", str(sample_build.parent), "--json")


def test_sample_report_lists_every_placeholder_as_a_warning(sample_check):
    findings = findings_of(sample_check)
    meta = yaml.safe_load((CONTENT / "brochure.yaml").read_text(encoding="utf-8"))
    for i, link in enumerate(meta["links"]):
        if link.get("sample"):
            [f] = only(findings, code="sample-link", file="brochure.yaml", field=f"links.{i}.url")
            assert f["severity"] == "warning" and f["page"]
    org = yaml.safe_load((CONTENT / "sections/organisation.yaml").read_text(encoding="utf-8"))
    sample_nodes = [f"chart.children.{i}.name" for i, node in enumerate(org["chart"]["children"])
                    if node.get("sample")]
    assert sample_nodes
    for field in sample_nodes:
        [f] = only(findings, code="sample-name", file="sections/organisation.yaml", field=field)
        assert f["severity"] == "warning" and f["page"]
    marked = []
    for photo in (CONTENT / "photos").glob("*.jpg"):
        with Image.open(photo) as im:
            if im.info.get("comment") == SAMPLE_MARK:
                marked.append(f"photos/{photo.name}")
    reported = {f["message"].split("'")[1] for f in only(findings, code="sample-photo", severity="warning")}
    assert marked and reported == set(marked)


def test_sample_has_no_print_defects_of_its_own(sample_check):
    """The sample is 12 pages, uses the bundled fonts, 350-dpi photos, readable QR codes,
    keeps its text inside the safe area and its boxes: only its placeholders are reported."""
    findings = findings_of(sample_check)
    codes = {f["code"] for f in findings}
    for code in ("tofu", "font-fallback", "font-not-embedded", "font-type3", "image-dpi", "page-count",
                 "qr-unreadable", "qr-wrong-url", "bleed-missing", "text-margin",
                 "text-outside", "text-crosses", "section-overflow", "text-overlap", "text-box-overflow"):
        assert code not in codes, [f for f in findings if f["code"] == code]
    assert not [f for f in findings if f["severity"] == "error"]
    assert sample_check.returncode == 0  # warnings only
    assert "up to date, reused" in sample_check.stderr


def test_human_report_has_one_line_per_finding_and_strict_fails_on_samples(sample_build, sample_check):
    """The human report (one line per finding, then the verdict) of ``--strict``: the same
    report as a plain check, but the sample values left fail it (exit 1). (One run for both:
    the report does not depend on ``--strict``, only the exit status does.)"""
    proc = run_check("--content", str(CONTENT), "--out", str(sample_build.parent), "--strict")
    lines = proc.stdout.strip().splitlines()
    findings = [f for f in findings_of(sample_check) if f["severity"] != "info"]  # measurements: JSON only
    assert len(lines) == len(findings) + 1
    samples = [f for f in findings if f["code"].startswith("sample-")]
    assert samples
    assert lines[-1].endswith(f": {len(samples)} sample value(s) remain: replace them before sending to print")
    assert f"{sum(f['severity'] == 'warning' for f in findings)} warning(s)" in lines[-1]
    assert "ready for print" not in proc.stdout
    link_line = next(line for line in lines if "[sample-link]" in line)
    assert link_line.startswith("WARNING p.") and "brochure.yaml:" in link_line and "links.0.url" in link_line
    assert " — " in link_line  # what to do
    assert sample_check.returncode == 0  # samples alone do not fail a plain check
    assert proc.returncode == 1  # with --strict they do
    assert "up to date, reused" in proc.stderr


def test_invalid_content_exits_2_without_traceback(content_copy, tmp_path):
    path = content_copy / "sections/office.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("lead:", "leed:"), encoding="utf-8")
    proc = run_check("--content", str(content_copy), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "sections/office.yaml" in proc.stderr and "leed" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "brochure-print.pdf").exists()


# --- broken content: one build, many defects -------------------------------------------

@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken")
    content = make_broken_copy(root / "content")
    proc = run_check("--content", str(content), "--out", str(root / "out"), "--json")
    return content, root / "out" / "brochure-print.pdf", proc, findings_of(proc)


def test_broken_content_exits_1(broken):
    _, _, proc, findings = broken
    assert proc.returncode == 1
    assert "built" in proc.stderr


def test_13_pages_is_an_error_pointing_at_pad_to_multiple(broken):
    content, pdf, _, findings = broken
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) == 13
    [f] = only(findings, code="page-count")
    assert f["severity"] == "error" and "13 pages" in f["message"]
    assert (f["file"], f["field"]) == ("brochure.yaml", "pad_to_multiple")
    assert f["line"] == line_of(content / "brochure.yaml", "pad_to_multiple:")


def test_emoji_is_tofu_with_file_field_and_page(broken):
    content, pdf, _, findings = broken
    [f] = [f for f in only(findings, code="tofu") if EMOJI in f["message"]]
    assert f["severity"] == "error"
    assert (f["file"], f["field"]) == ("sections/projects.yaml", "projects.2.description")
    projects = yaml.safe_load((content / "sections/projects.yaml").read_text(encoding="utf-8"))["projects"]
    description = projects[2]["description"]
    assert f["line"] == line_of(content / "sections/projects.yaml", f"description: {description[:8]}")
    assert f["page"] == page_with(pdf, description.split(EMOJI)[1][:10])


def test_rare_kanji_comes_from_the_fallback_of_its_own_family(broken):
    """𠮷 is missing from BIZ UDPGothic: in Gothic body text it is drawn by the bundled Gothic
    fallback (not by the Mincho, not by a system font), so it is not tofu; in the Mincho heading
    Noto Serif JP has it."""
    import pdfplumber

    _, pdf, _, findings = broken
    assert not [f for f in only(findings, code="tofu") if RARE_KANJI in f["message"]]
    assert not only(findings, code="font-fallback")
    page = page_with(pdf, "点検をタブレットで")
    with pdfplumber.open(pdf) as doc:
        drawn = {c["fontname"].split("+", 1)[1] for c in doc.pages[page - 1].chars if c["text"] == RARE_KANJI}
        heading = {c["fontname"].split("+", 1)[1] for p in doc.pages for c in p.chars
                   if c["text"] == RARE_KANJI and c["size"] > 30}
    assert drawn == {"BrochureGothic-Fallback"}
    assert heading == {"BrochureMincho-NotoSerifJP-Bold"}
    assert not only(findings, file="sections/message.md", field="heading")


def test_low_resolution_photos(broken):
    _, pdf, _, findings = broken
    page = page_with(pdf, "デジタルサービス局オフィス2")
    [low] = only(findings, code="image-dpi", field="photos.1.file")
    assert (low["severity"], low["file"], low["page"]) == ("error", "sections/office.yaml", page)
    assert "image of 120×" in low["message"]  # the 120×80 px photo, cropped to its frame
    [soft] = only(findings, code="image-dpi", field="photos.2.file")
    assert (soft["severity"], soft["file"], soft["page"]) == ("warning", "sections/office.yaml", page)
    # The replaced photos are real photos now, no longer placeholders; the others still are.
    sample_fields = {f["field"] for f in only(findings, code="sample-photo", file="sections/office.yaml")}
    assert sample_fields == {"photos.0.file", "photos.3.file"}


def test_paragraph_too_long_overflows_its_section(broken):
    content, pdf, _, findings = broken
    [f] = only(findings, code="section-overflow")
    assert (f["severity"], f["file"], f["field"]) == ("error", "sections/office.yaml", "lead")
    assert f["page"] == page_with(pdf, LONG_LEAD[:20]) + 1
    assert f["line"] == line_of(content / "sections/office.yaml", "lead:")


def test_text_over_other_text_is_found_with_its_field(broken):
    _, pdf, _, findings = broken
    catch = only(findings, code="text-overlap", severity="error", file="brochure.yaml", field="catch")
    cover = page_with(pdf, "Hello, Tokyo!")
    assert cover in {f["page"] for f in catch}
    # The catch runs over the organisation's name at the foot of the cover.
    assert any("organisation" in f["message"] for f in catch if f["page"] == cover)


def test_text_running_out_of_its_box(broken):
    content, pdf, _, findings = broken
    [f] = only(findings, code="text-box-overflow", file="sections/interview-kameyama.md", field="quote")
    assert f["severity"] == "error" and f["page"] == page_with(pdf, "2021年1月入都")
    assert f["line"] == line_of(content / "sections/interview-kameyama.md", "quote:")


def test_text_in_the_safe_margin_and_off_the_page(broken):
    _, pdf, _, findings = broken
    page = page_with(pdf, "応募フォーム")  # the apply page
    for code in ("text-margin", "text-crosses", "text-outside"):
        found = only(findings, code=code, severity="error")
        assert found, code
        # (The overlong catch also runs off the back cover, in vertical columns: its own finding.)
        assert {(f["file"], f["field"], f["page"]) for f in found
                if f["field"] != "catch"} == {("sections/apply.yaml", "label", page)}
    # Text at the edge is not art: no bleed finding for it.
    assert not only(findings, code="bleed-missing")


def test_text_4mm_inside_the_trim_is_in_the_safe_margin_and_6mm_is_not(sample_build, tmp_path):
    """The safe margin is 5 mm: the sample's trim box raised on page 2 so that its lowest text
    (the footer) ends 4 mm above the trim edge, on page 3 so that it ends 6 mm above."""
    import pdfplumber

    MM = 72 / 25.4
    pdf = tmp_path / "doctored.pdf"
    with pdfplumber.open(sample_build) as plumbed:
        # pdfplumber's "bottom" counts down from y = page height in PDF units (as its trimbox).
        above = {i: plumbed.pages[i].height - max(c["bottom"] for c in plumbed.pages[i].chars if c["text"].strip())
                 for i in (1, 2)}
    with pikepdf.open(sample_build) as doc:
        for i, inset in ((1, 4.0), (2, 6.0)):
            page = doc.pages[i]
            box = [float(v) for v in page.TrimBox]
            box[1] = above[i] - inset * MM
            page.TrimBox = pikepdf.Array(box)
        doc.save(pdf)
    from brochure.check.context import CheckContext
    from brochure.check.document import PrintedDocument
    from brochure.check.margins import check_margins

    doc = PrintedDocument.open(pdf)  # the margin check alone, as `check --pdf` runs it
    try:
        findings = check_margins(CheckContext.pdf_only(doc))
    finally:
        doc.close()
    assert {f.page for f in findings if f.code == "text-margin"} == {2}
    assert not [f for f in findings if f.code in ("text-crosses", "text-outside")]


def test_a_page_count_not_divisible_by_4_is_an_error_even_when_even(sample_build, tmp_path):
    """Saddle stitching needs a multiple of 4: 10 pages (the sample less two) is an error."""
    from brochure.check.context import CheckContext
    from brochure.check.document import PrintedDocument
    from brochure.check.pages import check_page_count

    pdf = tmp_path / "ten.pdf"
    with pikepdf.open(sample_build) as doc:
        del doc.pages[5:7]
        doc.save(pdf)
    doc = PrintedDocument.open(pdf)
    try:
        [finding] = check_page_count(CheckContext.pdf_only(doc))
    finally:
        doc.close()
    assert (finding.severity, finding.code) == ("error", "page-count") and "10" in str(finding.message)


# --- a PDF older than its content and doctored: no build needed -----------------------------

def _reused_pdf(sample_build: Path, out: Path) -> Path:
    out.mkdir(parents=True)
    pdf = out / "brochure-print.pdf"
    shutil.copy(sample_build, pdf)  # its fitted photos are in the shared cache (conftest)
    return pdf


def _draw_on_top(pdf: pikepdf.Pdf, page: pikepdf.Page, operators: bytes) -> None:
    """Append drawing in default user space (the page's own content is wrapped in q … Q)."""
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    page.contents_add(pdf.make_stream(b"\nQ\n" + operators))


def _qr_codes(pdf_path: Path, page: int) -> dict[str, tuple[float, float, float, float]]:
    """Text and bounding box (PDF user space) of each QR code found on a page."""
    import pypdfium2 as pdfium
    import zxingcpp

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        left, _, _, top = doc[page - 1].get_cropbox()
        codes = zxingcpp.read_barcodes(doc[page - 1].render(scale=150 / 72).to_pil())
    finally:
        doc.close()
    found = {}
    for code in codes:
        pos = code.position
        corners = (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)
        xs = [p.x * 72 / 150 + left for p in corners]
        ys = [top - p.y * 72 / 150 for p in corners]
        found[code.text] = (min(xs), min(ys), max(xs), max(ys))
    return found


STALE_URL, NEW_URL = "https://example.com/recruit/apply?role=digital", "https://example.org/jobs/apply"


def test_stale_qr_code_unbled_art_unembedded_font_and_unreadable_qr(sample_build, content_copy, tmp_path):
    """A copy of the sample's PDF, four defects that do not interfere, one check:
    - a stale QR code: the apply address changed in the content since the PDF was made (the PDF
      claims to be up to date, as one edited by hand after its build: check reuses it and finds
      that the apply page's code does not decode to the content's address);
    - doctored with pikepdf: a navy band that stops at the top trim edge of page 3, a line of
      text in Helvetica (not embedded), and a white patch over the centre of the back cover's QR
      code (on a page of its own: the apply page keeps one code per block, so its codes are
      paired with its blocks)."""
    pdf_path = _reused_pdf(sample_build, tmp_path / "out")
    main = content_copy / "brochure.yaml"
    main.write_text(main.read_text(encoding="utf-8").replace(STALE_URL, NEW_URL), encoding="utf-8")
    apply_page = page_with(pdf_path, "応募フォーム")
    assert STALE_URL in _qr_codes(pdf_path, apply_page)
    with pikepdf.open(pdf_path) as pdf:
        qr_page = len(pdf.pages)  # the back cover
    [(qr_url, (x0, y0, x1, y1))] = _qr_codes(pdf_path, qr_page).items()
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        w, h = (x1 - x0) / 2, (y1 - y0) / 2
        patch = f"q 1 1 1 rg {x0 + w / 2:.2f} {y0 + h / 2:.2f} {w:.2f} {h:.2f} re f Q".encode()
        _draw_on_top(pdf, pdf.pages[qr_page - 1], patch)
        page = pdf.pages[2]
        top = float(page.obj.TrimBox[3])
        helvetica = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
        fonts = page.obj.Resources.get("/Font")
        fonts = pikepdf.Dictionary(fonts) if fonts is not None else pikepdf.Dictionary()
        fonts["/FHelv"] = helvetica
        page.obj.Resources["/Font"] = fonts
        band = f"q 0.1 0.2 0.4 rg 100 {top - 20:.2f} 200 20 re f Q ".encode()
        text = b"BT /FHelv 9 Tf 300 400 Td (Preflight) Tj ET"
        _draw_on_top(pdf, page, band + text)
        pdf.save(pdf_path)
    claim_up_to_date(pdf_path, content_copy, tmp_path / "out")  # check reuses it
    proc = run_check("--content", str(content_copy), "--out", str(tmp_path / "out"), "--json")
    findings = findings_of(proc)
    assert proc.returncode == 1 and "reused" in proc.stderr
    [wrong] = only(findings, code="qr-wrong-url")
    assert (wrong["page"], wrong["file"], wrong["field"]) == (apply_page, "sections/apply.yaml", "links.1")
    assert STALE_URL in wrong["message"] and NEW_URL in wrong["message"]
    [bleed] = only(findings, code="bleed-missing")
    assert bleed["page"] == 3 and "top" in bleed["message"]
    [embed] = only(findings, code="font-not-embedded")
    assert embed["page"] == 3 and "Helvetica" in embed["message"]
    assert only(findings, code="font-fallback", page=3)
    back = yaml.safe_load((content_copy / "sections/back-cover.yaml").read_text(encoding="utf-8"))
    meta = yaml.safe_load(main.read_text(encoding="utf-8"))
    assert qr_url == next(link["url"] for link in meta["links"] if link["id"] == back["link"])
    [unreadable] = only(findings, code="qr-unreadable")  # the patched code only, not the stale one
    assert qr_url in unreadable["message"] and unreadable["page"] == qr_page
    assert (unreadable["file"], unreadable["field"]) == ("sections/back-cover.yaml", "link")


# --- honest verdicts: samples left, --strict, and "ready" only when nothing is left ----------------

def _replace_samples(content: Path, keep_alt: str | None = None) -> None:
    """Do what an HR person does before printing: real photos (no placeholder mark), real
    department names and URLs; the alt texts rewritten, except the one of ``keep_alt``."""
    for photo in (content / "photos").glob("*.jpg"):
        with Image.open(photo) as im:
            real = im.convert("RGB")
        real.info.pop("comment", None)  # a "real" photo: no sample marker
        real.save(photo, "JPEG", quality=90)
    for path in (content / "sections").iterdir():
        text = path.read_text(encoding="utf-8")
        if path.name != keep_alt:
            text = text.replace("（見本写真）", "")
        text = text.replace("      sample: true\n", "")
        for letter, name in zip("ABCD", ("企画部", "開発部", "運用部", "総務部")):
            text = text.replace(f"サンプル部{letter}（部名は見本）", name)
        path.write_text(text, encoding="utf-8")
    main = content / "brochure.yaml"
    main.write_text(main.read_text(encoding="utf-8").replace("    sample: true\n", ""), encoding="utf-8")


def test_a_replaced_photo_whose_alt_still_says_sample_is_a_finding_then_ready(tmp_path):
    """The check that finds the alt text, in process: its JSON report, its Japanese human
    report and its --strict exit status are made from the same findings, as the command makes
    them (``brochure.check.command``); the last check, after the fix, is the command itself."""
    from brochure.check.report import exit_status, human_report, json_report
    from brochure.check.run import run_checks
    from brochure.messages import set_language

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    _replace_samples(content, keep_alt="message.md")
    out = tmp_path / "out"
    result = run_checks(content, out)
    assert result.rebuilt
    findings = [f for f in json.loads(json_report(result.findings)) if f["severity"] != "info"]  # ink aside
    assert [(f["code"], f["file"], f["field"]) for f in findings] == [
        ("sample-alt", "sections/message.md", "portrait.alt")]
    [alt] = findings
    assert alt["severity"] == "warning" and alt["line"] == line_of(content / "sections/message.md", "alt:")
    assert "photos/miyasaka.jpg" in alt["message"] and alt["page"] == page_with(out / "brochure-print.pdf", "宮坂")
    assert alt["bbox"]  # the portrait, for the preview
    assert exit_status(result.findings) == 0 and exit_status(result.findings, strict=True) == 1
    set_language("ja")
    ja = human_report(result.findings, str(result.pdf))
    assert ja.splitlines()[-1].endswith("。見本の値が 1 件残っています：差し替えてから入稿してください")
    assert "代替テキスト（alt）がまだ見本のままです" in ja and "入稿できます" not in ja

    message = content / "sections/message.md"
    message.write_text(message.read_text(encoding="utf-8").replace("（見本写真）", ""), encoding="utf-8")
    ready = run_check("--content", str(content), "--out", str(out), "--lang", "ja", "--strict")
    assert ready.returncode == 0, ready.stdout
    assert ready.stdout.strip().splitlines() == [f"{out / 'brochure-print.pdf'}：エラー 0 件、警告 0 件。入稿できます"]
