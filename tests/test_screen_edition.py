"""The screen edition (email, web): small, tagged PDF/UA-1, clickable; built by the CLI's default
run, which writes both editions in one go."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from brochure.content.load import load_brochure
from brochure.render.jtext import plain
from brochure.render.outline import outline_label
from conftest import CONTENT, ROOT, decode_qr_codes, pdf_text_pages, run_cli, squeeze

A4 = (595.276, 841.89)  # points
MAX_BYTES = 1_000_000
MAX_DPI = 200


@pytest.fixture(scope="session")
def default_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """``make_pdf.py --out DIR`` with no --edition: the default, every edition in one run."""
    out = tmp_path_factory.mktemp("all-editions")
    return out, run_cli("--out", str(out))


@pytest.fixture(scope="session")
def screen_pdf(default_run) -> Path:
    out, proc = default_run
    assert proc.returncode == 0, proc.stderr
    return out / "brochure-screen.pdf"


@pytest.fixture(scope="session")
def brochure():
    return load_brochure(CONTENT)


def application_urls(brochure) -> dict[str, str]:
    """URL → label of every link the brochure prints (apply page and back cover)."""
    ids = [i for s in brochure.sections if s.type == "apply" for i in s.links]
    ids += [s.link for s in brochure.sections if s.type == "back-cover"]
    return {str(brochure.link(i).url): brochure.link(i).label for i in ids}


def struct_elements(pdf: pikepdf.Pdf):
    """(structure type, element, parent) of every structure element, in logical (tree) order."""
    def walk(node, parent):
        kids = node.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR" and "/S" in kid:
                yield str(kid.S), kid, node
                yield from walk(kid, kid)
    yield from walk(pdf.Root.StructTreeRoot, None)


def test_default_run_writes_both_editions(default_run):
    out, proc = default_run
    assert proc.returncode == 0, proc.stderr
    assert (out / "brochure-print.pdf").is_file() and (out / "brochure-screen.pdf").is_file()
    assert "brochure-print.pdf" in proc.stdout and "brochure-screen.pdf" in proc.stdout


def test_screen_pdf_is_at_most_1_mb(screen_pdf):
    assert screen_pdf.stat().st_size <= MAX_BYTES, f"{screen_pdf.stat().st_size} bytes"


def test_screen_pages_are_a4_without_bleed(screen_pdf):
    with pikepdf.open(screen_pdf) as pdf:
        for page in pdf.pages:
            box = [float(v) for v in page.mediabox]
            assert (round(box[2] - box[0], 1), round(box[3] - box[1], 1)) == (round(A4[0], 1), round(A4[1], 1))
            for name in ("/TrimBox", "/BleedBox"):
                if name in page.obj:
                    assert [float(v) for v in page.obj[name]] == box


def test_pdf_ua_document_properties_come_from_brochure_yaml(screen_pdf, brochure):
    meta = brochure.meta
    with pikepdf.open(screen_pdf) as pdf:
        assert str(pdf.Root.Lang) == "ja"
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        info = pdf.docinfo
        assert meta.title in str(info.Title)
        assert str(info.Author) == (meta.author or meta.organisation)
        assert str(info.Subject) == meta.subject
        assert [k.strip() for k in str(info.Keywords).split(",")] == meta.keywords
        xmp = str(pdf.open_metadata())
        assert 'pdfuaid:part="1"' in xmp or "<pdfuaid:part>1<" in xmp


def test_outline_has_one_entry_per_section_pointing_at_its_page(screen_pdf, brochure):
    pages = [squeeze(t) for t in pdf_text_pages(screen_pdf)]
    with pikepdf.open(screen_pdf) as pdf:
        page_index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            entries = [(item.title, page_index[item.destination[0].objgen]) for item in outline.root]
    # Literal labels (computing them with outline_label would test the function with itself):
    # each section's label and heading, the heading's ruby as its base, one entry per section.
    assert [title for title, _ in entries] == [
        "Hello, Tokyo! 新しい東京を創るデジタル人材大募集", "メッセージ：今、東京が変わる。",
        "ビジョン：デジタルサービス局とは", "組織図", "主なプロジェクト", "採用者の声：平井 則輔",
        "採用者の声：亀山 鉄生", "オフィス", "応募方法：一緒にチャレンジしてみませんか。", "裏表紙"]
    assert [title for title, _ in entries] == [outline_label(s, brochure.meta) for s in brochure.sections]
    assert len(set(title for title, _ in entries)) == len(entries)  # each makes sense on its own
    assert [i for _, i in entries] == sorted(i for _, i in entries)
    for section, (title, index) in zip(brochure.sections, entries):
        heading = getattr(section, "name", None) or getattr(section, "heading", None)
        if heading:
            assert squeeze(plain(heading)) in pages[index], (title, index)  # ruby: its base


def test_every_application_link_is_a_tagged_described_link_annotation(screen_pdf, brochure):
    expected = application_urls(brochure)
    assert len(expected) >= 3
    with pikepdf.open(screen_pdf) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        found: dict[str, list[float]] = {}
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                uri = str(annot.A.URI)
                assert parents[int(annot.StructParent)].S == "/Link", uri  # PDF/UA 7.18.5
                assert expected.get(uri, uri) in str(annot.Contents)  # makes sense out of context
                x1, y1, x2, y2 = (float(v) for v in annot.Rect)
                found.setdefault(uri, []).append(min(abs(x2 - x1), abs(y2 - y1)) / 72 * 25.4)
    assert set(expected) <= set(found)
    for uri in expected:  # the QR code itself (≥ 20 mm) and the printed address are clickable
        assert len(found[uri]) == 2 and max(found[uri]) >= 20, (uri, found[uri])


def test_qr_codes_still_decode_in_the_screen_edition(screen_pdf, brochure):
    assert {text for _, text in decode_qr_codes(screen_pdf)} == set(application_urls(brochure))


def test_no_image_above_200_dpi(screen_pdf, brochure):
    import pdfplumber

    with pdfplumber.open(screen_pdf) as pdf:
        placed = [(i + 1, im) for i, page in enumerate(pdf.pages) for im in page.images]
    photos = sum(1 for s in brochure.sections for _ in _photos(s))
    assert len(placed) >= photos
    for page, im in placed:
        dpi_x = im["srcsize"][0] / (im["width"] / 72)
        dpi_y = im["srcsize"][1] / (im["height"] / 72)
        assert max(dpi_x, dpi_y) <= MAX_DPI, (page, im["name"], dpi_x, dpi_y)
        assert min(dpi_x, dpi_y) >= 120, (page, im["name"], dpi_x, dpi_y)  # still sharp on screen


def _photos(section):
    from brochure.content.model import Photo

    for name in type(section).model_fields:
        value = getattr(section, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Photo):
                yield item


def test_reading_order_alt_texts_and_captions(screen_pdf, brochure):
    with pikepdf.open(screen_pdf) as pdf:
        elements = list(struct_elements(pdf))
        figures = [e for s, e, _ in elements if s == "/Figure"]
        assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)
        alts = [str(f.Alt) for f in figures]
        # Photos in content order (message before interviews before office); the decorative
        # cover key visual is an artifact, not a figure.
        cover = [s.key_visual.alt for s in brochure.sections if s.type == "cover"]
        content_alts = [p.alt for s in brochure.sections if s.type != "cover" for p in _photos(s)]
        assert [a for a in alts if a in content_alts] == content_alts
        assert not set(cover) & set(alts)
        # QR codes are figures named after their link, inside the link.
        for url, label in application_urls(brochure).items():
            assert any(label in a and "QR" in a for a in alts), label
        # Each caption comes right after its photo, in the same parent.
        captions = [(e, p) for s, e, p in elements if s == "/Caption"]
        assert len(captions) >= sum(1 for s in brochure.sections for p in _photos(s) if p.caption)
        for caption, parent in captions:
            kids = list(parent.K)
            position = next(i for i, k in enumerate(kids) if k.objgen == caption.objgen)
            assert position > 0 and kids[position - 1].S == "/Figure"
        # Headings: sections open with H1 and no level is skipped (PDF/UA 7.4.2).
        levels = [int(s[2]) for s, _, _ in elements if s.startswith("/H") and s[2:].isdigit()]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))


def test_missing_alt_text_names_file_and_field(content_copy):
    message = content_copy / "sections" / "message.md"
    text = message.read_text(encoding="utf-8")
    message.write_text("\n".join(line for line in text.splitlines()
                                 if not line.strip().startswith("alt:")) + "\n", encoding="utf-8")
    proc = run_cli("--content", str(content_copy), "--out", str(content_copy.parent / "out"), "--lang", "en")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    line, _summary = proc.stderr.strip().splitlines()
    assert "sections/message.md:" in line and "portrait.alt" in line and "screen readers" in line
    assert not (content_copy.parent / "out").exists()


# --- independent validation: veraPDF (PDF/UA-1) ---------------------------------------------

# ../shared/tools/verapdf from the main checkout; VERAPDF_RECIPE=DIR elsewhere (e.g. a worktree).
VERAPDF_RECIPE = Path(os.environ.get("VERAPDF_RECIPE", ROOT.parent / "shared" / "tools" / "verapdf"))
JAXB = Path("/usr/share/java/jaxb-runtime.jar")


def verapdf_recipe() -> Path:
    """The veraPDF recipe, as the README says: ``$VERAPDF_RECIPE``, else
    ``shared/tools/verapdf`` beside the repository, or beside its main checkout when this is a
    git worktree (``git rev-parse --git-common-dir`` names the main checkout's .git)."""
    if os.environ.get("VERAPDF_RECIPE"):
        return Path(os.environ["VERAPDF_RECIPE"])
    roots = [ROOT]
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=ROOT,
                                capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        common = ""
    if common:
        roots.append(Path(common).parent)
    candidates = [root.parent / "shared" / "tools" / "verapdf" for root in roots]
    return next((c for c in candidates if (c / "setup").is_file()), candidates[0])


VERAPDF_RECIPE = verapdf_recipe()


@pytest.fixture(scope="session")
def verapdf() -> Path:
    """The veraPDF runner built by the shared recipe, cached outside the repository."""
    setup = VERAPDF_RECIPE / "setup"
    if not setup.is_file():
        pytest.skip(f"veraPDF recipe not found at {setup}")
    if not (shutil.which("java") and shutil.which("javac")):  # Java 17 (default-jdk-headless)
        pytest.skip("Java 17 (java and javac) not installed: apt-get install default-jdk-headless")
    if not JAXB.is_file():
        pytest.skip(f"{JAXB} missing: apt-get install libjaxb-java")
    cache = Path(os.environ.get("VERAPDF_LITE_DIR", Path.home() / ".cache" / "verapdf-lite"))
    runner = cache / "verapdf-lite"
    if not (runner.is_file()
            and runner.stat().st_mtime >= (VERAPDF_RECIPE / "VeraCheck.java").stat().st_mtime):
        # The recipe uses the system's python3 -m pip, not this project's virtualenv.
        venv_bin = Path(sys.prefix) / "bin"
        env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                      if p and Path(p) != venv_bin)
        if subprocess.run(["python3", "-m", "pip", "--version"], env=env, capture_output=True).returncode:
            pytest.skip("the veraPDF recipe needs python3 with pip (apt-get install python3-pip)")
        # The recipe downloads veraPDF's jars (Maven Central) and compiles the runner: without
        # the network, or with a broken JDK, the validation cannot run here; that is a skip
        # with the setup's last words, not a failure of the PDF.
        try:
            proc = subprocess.run(["bash", str(setup), str(cache)], capture_output=True, text=True,
                                  timeout=600, env=env)
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.skip(f"veraPDF setup ({setup}) could not run: {exc}")
        if proc.returncode != 0 or not runner.is_file():
            last = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            pytest.skip(f"veraPDF setup ({setup}) failed, exit {proc.returncode}: {' / '.join(last)[-500:]}")
    return runner


def test_screen_edition_passes_verapdf_pdf_ua1(verapdf, screen_pdf):
    proc = subprocess.run([str(verapdf), "ua1", str(screen_pdf)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, f"PDF/UA-1 failed rules:\n{proc.stdout}{proc.stderr}"
    assert "compliant=true" in proc.stdout and "failedRules=0" in proc.stdout


def test_editions_share_dpi_independent_assets(tmp_path):
    """One prepared content feeds both editions: org chart, Markdown and QR codes are made once;
    photos are fitted per edition resolution."""
    from brochure.build import prepare
    from brochure.editions import EDITIONS
    from brochure.render.assets import build_views

    prepared = prepare(CONTENT, tmp_path)
    views = {name: build_views(prepared.brochure, prepared.content_root, prepared.cache,
                               dpi=EDITIONS[name].dpi, quality=EDITIONS[name].jpeg_quality,
                               shared=prepared.shared)
             for name in ("print", "screen")}
    for p, s in zip(views["print"], views["screen"]):
        if p.orgchart is not None:
            assert s.orgchart is p.orgchart and s.orgchart_lines == p.orgchart_lines
        if p.body_html:
            assert s.body_html is p.body_html
        for link_id, svg in p.qr.items():
            assert s.qr[link_id] == svg
        for field, photo in p.photos.items():
            assert photo.path != s.photos[field].path
            assert photo.dpi == pytest.approx(EDITIONS["print"].dpi, rel=0.02) or photo.dpi < EDITIONS["print"].dpi
            assert s.photos[field].dpi == pytest.approx(EDITIONS["screen"].dpi, rel=0.02)


def test_over_the_size_budget_photos_are_reencoded_smaller_or_a_warning_given(tmp_path, screen_pdf):
    """Real photos carry more detail than the samples: over budget, lower JPEG quality is tried."""
    from dataclasses import replace

    from brochure.build import FALLBACK_QUALITIES, prepare, render_within_budget
    from brochure.editions import EDITIONS

    prepared = prepare(CONTENT, tmp_path)
    just_under = replace(EDITIONS["screen"], max_bytes=screen_pdf.stat().st_size - 2_000)
    pdf, note = render_within_budget(prepared, just_under)
    assert len(pdf.data) <= just_under.max_bytes
    assert f"quality {FALLBACK_QUALITIES[0]}" in note.text("en")
    assert f"JPEG 画質 {FALLBACK_QUALITIES[0]}" in note.text("ja")
    # Starting at 66 only the last fallback (60) is tried: fewer renders, same path.
    impossible = replace(EDITIONS["screen"], max_bytes=50_000, jpeg_quality=FALLBACK_QUALITIES[-2])
    pdf, note = render_within_budget(prepared, impossible)
    assert note.text("en").startswith("warning:") and "over the 0.05 MB budget" in note.text("en")
    assert note.text("ja").startswith("警告：") and "上限の 0.05 MB を超えています" in note.text("ja")
    assert len(pdf.data) < just_under.max_bytes  # the smallest attempt is kept
