"""Section-wise (incremental) builds equal full builds; watch mode; --emit-html; progress."""

from __future__ import annotations

from collections import Counter

import io
import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pikepdf
import pytest

from conftest import CONTENT, pdf_text_pages, run_cli, squeeze

from brochure.messages import word

MM = 72 / 25.4


def _text(path: Path) -> list[str]:
    # Every character but whitespace must match. Whitespace differs: a font's one space glyph
    # stands for U+0020 and U+2003, and its ToUnicode entry names whichever character the
    # file drew first, which differs between a whole file and a part; pdfium then also infers
    # extra spaces from it (seen: "I nterv iew"). The glyphs and positions are the same.
    return [squeeze(t) for t in pdf_text_pages(path)]


def _structure(path: Path) -> dict:
    """Everything outside the text that a joined PDF could get wrong."""
    with pikepdf.open(path) as pdf:
        index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        outline = []

        def walk(items, depth):
            for item in items:
                dest = item.destination
                outline.append((depth, item.title, index[dest[0].objgen],
                                [round(float(x), 2) for x in dest[2:4]]))
                walk(item.children, depth + 1)

        with pdf.open_outline() as tree:
            walk(tree.root, 0)
        links = []
        for i, page in enumerate(pdf.pages):
            for annot in page.obj.get("/Annots", []):
                action = annot.get("/A")
                links.append((i, str(annot.Subtype), str(action.URI) if action is not None else None,
                              [round(float(x), 2) for x in annot.Rect]))
        boxes = [tuple(tuple(round(float(x), 2) for x in page.obj[box]) for box in
                       ("/MediaBox", "/TrimBox", "/BleedBox")) for page in pdf.pages]
        return {"pages": len(pdf.pages), "labels": [page.label for page in pdf.pages],
                "outline": outline, "links": links, "boxes": boxes,
                "title": str(pdf.docinfo.get("/Title")), "lang": str(pdf.Root.get("/Lang"))}


def _assert_same_pdf(joined: Path, full: Path) -> None:
    a, b = _structure(joined), _structure(full)
    assert a == b
    assert _text(joined) == _text(full)


def _fonts_embedded(path: Path) -> set[str]:
    names = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                for desc in font.get("/DescendantFonts", [font]):
                    fd = desc.get("/FontDescriptor")
                    assert fd is not None and any(k in fd for k in ("/FontFile2", "/FontFile3", "/FontFile"))
                    names.add(str(desc.BaseFont).split("+", 1)[-1])
    return names


def test_section_build_equals_full_build_and_edits_rebuild_one_section(sample_build, content_copy, tmp_path):
    from brochure.build import build, prepare
    from brochure.editions import EDITIONS
    from brochure.render.sections import SectionRenderer
    from brochure.press.parts import build_parts

    out = tmp_path / "out"
    renderer = SectionRenderer(EDITIONS["print"])
    first = build_parts(renderer, prepare(content_copy, out))
    joined = tmp_path / "joined.pdf"
    joined.write_bytes(first.data)
    assert first.laid_out == first.parts == 10
    _assert_same_pdf(joined, sample_build)
    assert _fonts_embedded(joined) == _fonts_embedded(sample_build)

    # Edit one interview answer: only that section is laid out again.
    interview = content_copy / "sections" / "interview-hirai.md"
    text = interview.read_text(encoding="utf-8")
    assert "私の志は" in text
    interview.write_text(text.replace("私の志は", "編集確認の一文。私の志は", 1), encoding="utf-8")
    from brochure.render import linecache

    lines = dict(linecache.COUNTS)
    edited = build_parts(renderer, prepare(content_copy, out))
    assert edited.laid_out == 1 and edited.pages == 12
    # Its two columns are balanced pass after pass: most of their lines are broken once.
    reused, broken = (linecache.COUNTS[k] - lines[k] for k in ("reused", "laid out"))
    assert reused > broken / 2 > 0, (reused, broken)
    joined.write_bytes(edited.data)
    assert "編集確認の一文" in "".join(_text(joined)[5:7])

    # A replaced photo: new cache entry, its section laid out again, nothing else.
    shutil.copy(content_copy / "photos" / "office-1.jpg", content_copy / "photos" / "hirai.jpg")
    photo_swap = build_parts(renderer, prepare(content_copy, out))
    assert photo_swap.laid_out == 1

    # Grow the message past its page: the planner chooses another layout for it (and for the
    # sections after it where page sides change), and every later page moves; no blank page.
    message = content_copy / "sections" / "message.md"
    message.write_text(message.read_text(encoding="utf-8") + "\n\n" + "追記の段落です。" * 45 + "\n",
                       encoding="utf-8")
    grown = build_parts(renderer, prepare(content_copy, out))
    joined.write_bytes(grown.data)
    [full] = build(content_copy, tmp_path / "full")
    assert grown.pages == full.pages and grown.pages % 4 == 0
    assert grown.blank_pages == full.blank_pages == 0
    assert [s.view.variant for s in renderer.last_plan.sections] == [s["variant"] for s in full.plan.as_json()]
    _assert_same_pdf(joined, full.path)


def _pixels(data: bytes, dpi: int = 60) -> list[bytes]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB").tobytes() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_a_watched_edit_carries_unchanged_lines_and_keeps_unchanged_pages(content_copy, tmp_path):
    """Watch mode lays an edited part out again with the lines of its unchanged paragraphs
    taken from its last layout (render/linecache.py, render/boxprints.py): the PDF is then the
    one a renderer that carries nothing makes of the same content, byte for byte. A page
    laid out box for box as before keeps its drawing from the earlier PDF
    (press/keptpages.py): every page looks the same, pixel for pixel, as in that fresh PDF,
    with the same text, outline, links and page boxes. Edits: a sentence added to an answer
    on the interview's first page, then one letter of it (the second page kept twice); then two
    letters of the last answer (on the second page, every box where it was); then a
    paragraph added (new siblings: nothing in that answer's block carries) and the
    interviewee's name changed (on both pages). The fonts of a part written again are taken
    from earlier writes where their glyphs are the same (render/fontcarry.py), and an
    element's style rules from its last layout (render/stylecarry.py)."""
    from brochure.build import prepare
    from brochure.editions import EDITIONS
    from brochure.press.parts import build_parts
    from brochure.render import fontcarry, linecache, stylecarry
    from brochure.render.sections import SectionRenderer

    out = tmp_path / "out"
    lines_only, watched = SectionRenderer(EDITIONS["print"]), SectionRenderer(EDITIONS["print"])
    for renderer in (lines_only, watched):
        renderer.carry_lines = True
        build_parts(renderer, prepare(content_copy, out))
    interview = content_copy / "sections" / "interview-hirai.md"
    text = interview.read_text(encoding="utf-8")
    sentence = text.replace("私の志は", "編集確認の一文。私の志は", 1)
    longer = sentence.replace("編集確認の一文。", "編集確認の二文。")  # in the lines it had
    edits = [sentence, longer, longer.replace("最適な環境です", "最良な環境です"),
             text.replace("私の志は", "新しい段落を足しました。\n\n私の志は", 1).replace("平井", "平田")]
    fonts, styled = dict(fontcarry.COUNTS), dict(stylecarry.COUNTS)
    assert stylecarry.source_digest() == stylecarry.COPIED_FROM  # else WeasyPrint's own styles, uncarried
    for n, edited in enumerate(edits):
        assert edited != text
        interview.write_text(edited, encoding="utf-8")
        fresh = build_parts(SectionRenderer(EDITIONS["print"]), prepare(content_copy, out))  # carries nothing
        lines_only.written.clear()  # no earlier PDF to keep pages from: lines carried only
        counts = dict(linecache.COUNTS)
        carried = build_parts(lines_only, prepare(content_copy, out))
        moved, broken = (linecache.COUNTS[k] - counts[k] for k in ("carried", "laid out"))
        assert carried.data == fresh.data
        assert carried.laid_out == 1 and carried.kept_pages == 0
        kept = build_parts(watched, prepare(content_copy, out))
        assert kept.laid_out == 1
        paths = {}
        for name, build in (("kept", kept), ("fresh", fresh)):
            paths[name] = tmp_path / f"{name}-{n}.pdf"
            paths[name].write_bytes(build.data)
        _assert_same_pdf(paths["kept"], paths["fresh"])
        assert _pixels(kept.data) == _pixels(fresh.data)
        if n == 3:
            assert broken > 0 and kept.kept_pages == 0
        else:  # the first page edited (twice); two letters on the second, lines as they were
            assert moved > 4 * broken > 0, (n, moved, broken)
            assert kept.kept_pages == 1  # the other page of the interview
    # Font subsets and their widened copies were taken from earlier writes (render/fontcarry.py),
    # and made again for new glyphs: the bytes above are those of fonts made anew.
    assert all(fontcarry.COUNTS[k] > fonts[k] for k in fonts), (fonts, fontcarry.COUNTS)
    # Most elements' rules were carried (render/stylecarry.py); the new paragraph's matched.
    carried, matched = (stylecarry.COUNTS[k] - styled[k] for k in ("carried", "matched"))
    assert carried > 4 * matched > 0, (carried, matched)


def _carrying_layouts(css: str):
    """``lay_out(html, scope)``: ``html`` laid out with the stylesheet ``css`` as a rebuild
    of its own, carrying under ``scope`` (None: carrying nothing): watch mode's carrying on
    documents other than the brochure."""
    from brochure.editions import EDITIONS
    from brochure.render import carry
    from brochure.render.sections import SectionRenderer

    renderer = SectionRenderer(EDITIONS["print"])
    wp = renderer._weasyprint
    sheet = wp.CSS(string=css, font_config=renderer.font_config)

    def lay_out(html: str, scope: str | None):
        carry.next_rebuild()
        with carry.carrying(scope):
            return wp.HTML(string=html).render(font_config=renderer.font_config, stylesheets=[sheet])

    return lay_out


def test_margin_boxes_are_carried_only_when_what_they_show_is_the_same():
    """In a carrying layout a page gets its margin boxes from the last layout when its index,
    type, box, counters and the document's strings are the same (render/pagecarry.py): a
    running head set from the content (``string()``) and a page count (``counter(pages)``)
    change with the content, and then the boxes are made anew."""
    from brochure.render import carry, pagecarry

    lay_out = _carrying_layouts("@page { size: A6; margin: 20mm; @top-center { content: string(name) } "
                                "@bottom-center { content: counter(page) ' / ' counter(pages) } } "
                                "h1 { string-set: name content() } .next { break-before: page }")

    def heads(html: str, scope: str | None) -> list[list[str]]:
        return [["".join(b.text for b in box.descendants() if hasattr(b, "text"))
                 for box in page._page_box.children[1:]] for page in lay_out(html, scope).pages]

    def html(name: str, pages: int) -> str:
        return f"<h1>{name}</h1><p>本文</p>" + "<p class=next>続き</p>" * (pages - 1)

    carried = pagecarry.COUNTS["margins carried"]
    try:
        asked = [("平井", 2), ("平井", 2), ("平田", 2), ("平田", 3), ("平田", 3)]
        for name, pages in asked:
            got = heads(html(name, pages), "margin-carry-test")
            assert got == heads(html(name, pages), None)  # as a layout that carries nothing
            assert got[0] == [name, f"1 / {pages}"]
        # Carried: the second layout's pages and the last one's; the others made anew.
        assert pagecarry.COUNTS["margins carried"] - carried == 2 + 3
    finally:
        carry.drop()


def test_style_rules_are_carried_only_for_the_same_element_under_the_same_stylesheets():
    """In a carrying layout an element gets the declarations its stylesheets' rules gave the
    element of the same signature in the last layout (render/stylecarry.py): every box is
    styled as in a layout that carries nothing, through a style attribute against an
    !important rule, sibling and child selectors, and pseudo-elements, after edits that move
    elements among their siblings and change their attributes."""
    from brochure.render import carry, stylecarry

    lay_out = _carrying_layouts(
        "p { color: rgb(1, 2, 3) !important; font-size: 11px } .a { color: rgb(4, 5, 6) } "
        "p + p { font-size: 14px } p:first-child::before { content: '»'; color: rgb(7, 8, 9) } "
        "div > span:last-child { letter-spacing: 2px } [data-x='1'] { font-size: 17px }")

    def styles(html: str, scope: str | None) -> list[tuple]:
        return [(type(b).__name__, b.element_tag, getattr(b, "text", None), str(b.style["color"]),
                 b.style["font_size"], str(b.style["letter_spacing"]))
                for page in lay_out(html, scope).pages for b in page._page_box.descendants()]

    asked = ['<p class="a">一</p><p style="color: red">二</p><div><span>三</span><span>四</span></div>',
             '<p class="a">一</p><p style="color: red">二</p><div><span>三</span><span>四</span></div>',
             '<p>零</p><p class="a">一</p><p style="color: blue">二</p><div><span>三</span><span>四</span></div>',
             '<p>零</p><p class="a" data-x="1">一</p><p style="color: blue">二</p><div><span>三</span></div>',
             '<p>零</p><p class="a" data-x="1">一</p><p style="color: blue">二</p><div><span>三</span></div>']
    counts = dict(stylecarry.COUNTS)
    try:
        for html in asked:
            assert styles(html, "style-carry-test") == styles(html, None)
        assert stylecarry.COUNTS["carried"] - counts["carried"] > 10
    finally:
        carry.drop()


def test_a_widened_font_is_carried_only_for_the_same_font_and_the_same_added_glyphs():
    """Watch mode takes a widened font (render/textgaps.py) from an earlier write when the font
    and the glyphs it gains are the same (render/fontcarry.py); other glyphs, or another font,
    give the font made anew. What the last two rebuilds that wrote a part did not use is
    dropped."""
    import zlib

    from brochure.render import fontcarry
    from brochure.render.textgaps import _widen_font

    fonts = Path(__file__).resolve().parents[1] / "fonts"
    regular, bold = ((fonts / name).read_bytes() for name in ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf"))
    asked = [((regular, [(36, 100)])), (regular, [(36, 200)]), (regular, [(36, 100), (37, 50)]),
             (bold, [(36, 100)]), (regular, [(36, 100)])]
    with fontcarry.carrying_fonts():
        for data, glyphs in asked:
            made = _widen_font(data, glyphs)
            assert fontcarry.widened(data, glyphs, _widen_font) == (made, zlib.compress(made))
    assert len({_widen_font(d, g) for d, g in asked}) == 4
    # Kept while rebuilds write nothing (a save that changed nothing), dropped after two
    # rebuilds that wrote without it.
    data, glyphs = asked[0]

    def carried_again() -> bool:
        before = fontcarry.COUNTS["widened carried"]
        with fontcarry.carrying_fonts():
            fontcarry.widened(data, glyphs, _widen_font)
        return fontcarry.COUNTS["widened carried"] > before

    for _ in range(3):
        fontcarry.next_rebuild()
    assert carried_again()
    for _ in range(2):
        fontcarry.next_rebuild()
        with fontcarry.carrying_fonts():
            fontcarry.widened(bold, glyphs, _widen_font)
    fontcarry.next_rebuild()
    assert not carried_again()
    fontcarry.drop()


def test_changed_photo_gets_a_new_cache_entry(tmp_path):
    from PIL import Image

    from brochure.assets.photos import Frame, fit_photo
    from brochure.content.model import Photo

    root = tmp_path / "content"
    (root / "photos").mkdir(parents=True)
    Image.new("RGB", (800, 600), (200, 30, 30)).save(root / "photos" / "p.jpg")
    photo = Photo(file="photos/p.jpg", alt="test")
    frame = Frame(40, 30)
    before = fit_photo(photo, frame, root, tmp_path / "cache", dpi=150)
    again = fit_photo(photo, frame, root, tmp_path / "cache", dpi=150)
    assert again.path == before.path  # unchanged photo: cache hit

    Image.new("RGB", (800, 600), (30, 30, 200)).save(root / "photos" / "p.jpg")
    after = fit_photo(photo, frame, root, tmp_path / "cache", dpi=150)
    assert after.path != before.path
    with Image.open(after.path) as im:
        r, g, b = im.convert("RGB").getpixel((im.width // 2, im.height // 2))
    assert b > 150 and r < 80  # the new pixels, not the cached old ones


class _Events(io.TextIOBase):
    """A stream for the JSON reporter that lets a test wait for an event."""

    def __init__(self) -> None:
        self.events: list[dict] = []
        self._buffer = ""
        self._changed = threading.Condition()

    def write(self, text: str) -> int:
        with self._changed:
            self._buffer += text
            *lines, self._buffer = self._buffer.split("\n")
            self.events += [json.loads(line) for line in lines if line.strip()]
            self._changed.notify_all()
        return len(text)

    def wait_for(self, kind: str, after: int, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event in self.events[after:]:
                    if event["event"] == kind:
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {kind!r} event within {timeout} s: {self.events[after:]}")
                self._changed.wait(left)


def test_watch_rebuilds_and_keeps_last_good_pdf_on_error(content_copy, tmp_path, monkeypatch):
    """A YAML mistake keeps the last good PDF; a YAML fix and then a stylesheet edit each
    rebuild it (the edited stylesheet parsed again, not the warm copy of the first build)."""
    from brochure.paths import FONTS, STYLES
    from brochure.progress import Reporter
    from brochure.watch import Watcher

    # A copy of the styles, watched and used in place of styles/ (fonts.css loads ../fonts/).
    styles = tmp_path / "theme" / "styles"
    shutil.copytree(STYLES, styles)
    (tmp_path / "theme" / "fonts").symlink_to(FONTS)
    for module in ("brochure.watch", "brochure.build", "brochure.render.pdf", "brochure.themes"):
        monkeypatch.setattr(f"{module}.STYLES", styles)
    monkeypatch.setattr("brochure.themes.THEMES_DIR", styles / "themes")  # the theme's lookup
    events = _Events()
    watcher = Watcher(content_copy, tmp_path / "out", Reporter("json", events))
    watcher.renderer.styles = styles
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        events.wait_for("watching", 0, timeout=120)
        pdf = watcher.target
        good = pdf.read_bytes()
        time.sleep(0.3)  # let the watcher settle on its folders

        seen = len(events.events)
        yaml = content_copy / "brochure.yaml"
        source = yaml.read_text(encoding="utf-8")
        yaml.write_text(source.replace("title:", "titel:", 1), encoding="utf-8")
        error = events.wait_for("error", seen)
        assert "brochure.yaml" in error["message"] and "title" in error["message"]
        assert word("watch.kept") in error["message"]  # 前に作った PDF はそのままです
        assert pdf.read_bytes() == good

        seen = len(events.events)
        yaml.write_text(source.replace("title: \"Hello, Tokyo!\"", "title: \"Hello again, Tokyo!\"", 1), encoding="utf-8")
        built = events.wait_for("built", seen)
        assert built["pages"] == 12 and str(yaml) in built["changed"]
        assert pdf.read_bytes() != good
        with pikepdf.open(pdf) as rebuilt:
            assert str(rebuilt.docinfo.Title).startswith("Hello again, Tokyo!")
            [width] = {round(float(p.TrimBox[2] - p.TrimBox[0]) / MM) for p in rebuilt.pages}
            assert width == 210

        seen = len(events.events)
        base = styles / "base.css"
        base.write_text(base.read_text(encoding="utf-8").replace("size: A4;", "size: 220mm 297mm;", 1),
                        encoding="utf-8")
        built = events.wait_for("built", seen)
        assert str(base) in built["changed"]
        with pikepdf.open(pdf) as rebuilt:
            assert {round(float(p.TrimBox[2] - p.TrimBox[0]) / MM) for p in rebuilt.pages} == {220}
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_emit_html_reproduces_the_pages_and_json_progress(tmp_path):
    out, html_dir = tmp_path / "out", tmp_path / "html"
    result = run_cli("--content", str(CONTENT), "--out", str(out), "--edition", "print",
                     "--emit-html", str(html_dir), "--json")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds.count("page") >= 12 and kinds[-1] == "written" and events[-1]["pages"] == 12
    [plan] = [e for e in events if e["event"] == "plan"]  # the page plan: one entry per section
    assert [s["first_page"] for s in plan["sections"]] == [1, 2, 3, 4, 5, 6, 8, 10, 11, 12]
    assert [s["variant"] for s in plan["sections"] if s["type"] == "interview"] == ["spread", "quote-spread"]

    html = (html_dir / "brochure-print.html").read_text(encoding="utf-8")
    assert "file:" not in html and str(tmp_path) not in html
    again = tmp_path / "again.pdf"
    subprocess.run([sys.executable, "-m", "weasyprint", str(html_dir / "brochure-print.html"), str(again)], check=True,
                   capture_output=True, timeout=300)
    built = out / "brochure-print.pdf"
    # Same text on as many pages. Plain WeasyPrint has no Japanese composition hooks
    # (render/justify.py: justification, compression before breaking; render/fitbox.py), so
    # inter-character spacing (and the spaces a text extractor guesses from it) differ, and a
    # line closed up to take one more character may fall to the next page: whitespace is left
    # out, and a page may start up to two lines (60 characters) earlier or later.
    plain_pages = [squeeze(t) for t in pdf_text_pages(again)]
    built_pages = [squeeze(t) for t in pdf_text_pages(built)]
    # (The running footer, "06採用者の声", sits wherever the page's text ends: characters, not order.)
    assert len(plain_pages) == len(built_pages)
    assert Counter("".join(plain_pages)) == Counter("".join(built_pages))
    starts = lambda pages: [sum(len(p) for p in pages[:i]) for i in range(len(pages))]  # noqa: E731
    assert all(abs(x - y) <= 60 for x, y in zip(starts(plain_pages), starts(built_pages)))
    a, b = _structure(again), _structure(built)
    assert a.pop("links") and not b.pop("links")  # PDF/X finishing drops them from the print edition
    # Bookmarks: the same titles on the same pages; a heading may sit a line or two higher or
    # lower where a paragraph above it took a line more or less (see above).
    outline_a, outline_b = a.pop("outline"), b.pop("outline")
    assert [o[:3] for o in outline_a] == [o[:3] for o in outline_b]
    assert all(abs(x[3][1] - y[3][1]) <= 40 for x, y in zip(outline_a, outline_b))
    assert a == b


def test_quiet_still_reports_errors(tmp_path):
    # -q silences progress and result lines, never the error line.
    result = run_cli("--content", str(tmp_path / "missing"), "--out", str(tmp_path), "-q")
    assert result.returncode != 0 and result.stdout == "" and "error" in result.stderr


def test_assemble_repoints_outline_destinations_and_internal_links():
    """Joining keeps each part's bookmarks, named destinations and page links on the right
    pages of the joined file, and copies no page twice (a link to a page drags it along)."""
    import io

    import weasyprint

    from brochure.press.assemble import assemble

    def part(body: str) -> bytes:
        html = f"<html><head><style>@page {{ size: A6 }} h1 {{ break-before: page }}</style></head><body>{body}</body></html>"
        return weasyprint.HTML(string=html).write_pdf()

    parts = [part('<h1>One</h1><a href="https://example.com/one">out</a>'),
             part('<h1>Two</h1><p><a href="#two-b">down</a></p><h1 id="two-b">Two B</h1>'),
             part('<h1>Three</h1><h2>Three sub</h2>')]
    data = assemble(parts)
    # The parts after the first stay opened for the next join (watch joins them again and
    # again): the same parts, the same bytes; a part given twice is copied twice.
    assert assemble(parts) == data
    assert len(pikepdf.open(io.BytesIO(assemble([*parts, parts[1]]))).pages) == 6
    assert assemble(parts) == data
    joined = pikepdf.open(io.BytesIO(data))
    pages = {page.objgen: i for i, page in enumerate(joined.pages)}
    assert len(pages) == 4
    assert sum(1 for obj in joined.objects if isinstance(obj, pikepdf.Dictionary)
               and obj.get("/Type") == "/Page") == 4  # no detached copies

    with joined.open_outline() as outline:
        marks = [(item.title, pages[item.destination[0].objgen], [c.title for c in item.children])
                 for item in outline.root]
    assert marks == [("One", 0, []), ("Two", 1, []), ("Two B", 2, []), ("Three", 3, ["Three sub"])]

    external = [str(a.A.URI) for a in joined.pages[0].obj.get("/Annots", [])]
    assert external == ["https://example.com/one"]
    [internal] = joined.pages[1].obj.Annots
    dest = internal.get("/Dest") or internal.A.D
    if isinstance(dest, pikepdf.String):  # a named destination
        dest = pikepdf.NameTree(joined.Root.Names.Dests)[str(dest)]
    assert pages[dest[0].objgen] == 2
