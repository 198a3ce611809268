"""The newer section types (figures, schedule, career, conditions, flow, faq, text, benefits),
the fields real content has (readings, an interview's role, the apply page's contact block),
and ``brochure new``: real builds, real PDFs.

Three brochures are built once per session: the one ``brochure new`` writes (both editions,
through make_pdf.py as a user runs it), and the ``short`` and ``long`` cases of
``section_cases`` (the fewest items with the shortest text; the longest text and the most
items the model accepts)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pikepdf
import pytest
import yaml

from brochure.cli import main
from brochure.content.load import load_brochure
from brochure.content import model
from brochure.render.contact import mailto, tel
from brochure.render.jtext import plain
from conftest import ROOT, pdf_text_pages, run_cli, squeeze
from section_cases import make_case

NEW_TYPES = model.NEW_SECTION_TYPES
JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


# --- builds ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def new_dir(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("new") / "brochure-2027"
    assert main(["new", str(dest)]) == 0
    return dest


@pytest.fixture(scope="session")
def new_build(new_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("new-out")
    proc = run_cli("--content", str(new_dir), "--out", str(out))
    return out, proc


@pytest.fixture(scope="session")
def new_pdf(new_build) -> Path:
    out, proc = new_build
    assert proc.returncode == 0, proc.stderr
    return out / "brochure-print.pdf"


@pytest.fixture(scope="session")
def new_screen(new_build) -> Path:
    out, proc = new_build
    assert proc.returncode == 0, proc.stderr
    return out / "brochure-screen.pdf"


def _case_build(tmp_path_factory, case: str, **counts):
    from brochure.build import build

    root = tmp_path_factory.mktemp(case)
    content = make_case(root / "content", case, only_new=True, **counts)
    [result] = build(content, root / "out", editions=("print",))
    return content, result.path


@pytest.fixture(scope="session")
def long_case(tmp_path_factory):
    return _case_build(tmp_path_factory, "long", rows=7, questions=6, items=10, text_parts=3)


@pytest.fixture(scope="session")
def short_case(tmp_path_factory):
    return _case_build(tmp_path_factory, "short")


def section_pages(pdf: Path) -> dict[int, list[int]]:
    """Section index → its pages (1-based), from the page plan the build embeds in the PDF
    (pages the planner added, such as MEMO pages, belong to no section)."""
    from brochure.check.document import PrintedDocument

    doc = PrintedDocument.open(pdf)
    try:
        return {e["section"]: list(range(e["first_page"], e["first_page"] + e["pages"]))
                for e in doc.plan if isinstance(e.get("section"), int)}
    finally:
        doc.close()


# --- what each type prints, in order ----------------------------------------------------------

def printed_fields(section) -> list[str]:
    """The texts a section prints, in the order the page gives them."""
    s = section
    out = [s.heading, s.lead or ""]
    if s.type == "figures":
        for f in s.figures:
            out += [f.value, f.unit or "", f.label, f.note or "", f.source or ""]
    elif s.type == "schedule":
        out += [s.photo.caption or ""] if s.photo else []
        out += [s.person.name, s.person.role or ""] if s.person else []
        for item in s.items:
            out += [item.time, item.activity, item.detail or ""]
        out += [s.note or ""]
    elif s.type == "career":
        for step in s.steps:
            out += [step.period, step.title or "", step.description]
        out += [s.note or ""]
    elif s.type == "conditions":
        out += list(s.columns)
        for row in s.rows:
            out += [row.item, *row.detail.splitlines()]
        out += [s.note or ""]
    elif s.type == "flow":
        for step in s.steps:
            out += [step.name, step.note or ""]
        out += [s.note or ""]
    elif s.type == "faq":
        for q in s.questions:
            out += [q.question, *q.answer.splitlines()]
    elif s.type == "text":
        out += [s.photo.caption or ""] if s.photo else []
        out += [re.sub(r"^(#+|-|\d+\.)\s+", "", line) for line in s.body.splitlines()]
    elif s.type == "benefits":
        for item in s.items:
            out += [item.name]
            if item.figure:
                out += [item.figure.label, item.figure.value, item.figure.unit or ""]
            out += [item.description]
            if item.figure:
                out += [item.figure.note or "", item.figure.source or ""]
        out += [s.note or ""]
    return [squeeze(plain(t)) for t in out if t and squeeze(t)]


def assert_in_order(fields: list[str], text: str, where: str) -> None:
    """Each field's start and end are in ``text``, in order (a long field may be split by a
    page break: the next page's continuation head and table head come between)."""
    pos = 0
    for field in fields:
        head, tail = field[:12], field[-12:]
        at = text.find(head, pos)
        assert at >= 0, f"{where}: {field[:40]!r} missing or out of order"
        end = text.find(tail, at)
        assert end >= 0, f"{where}: the end of {field[:40]!r} missing"
        pos = at + len(head)


def check_every_field_in_order(content: Path, pdf: Path, types=NEW_TYPES) -> None:
    brochure = load_brochure(content)
    pages = section_pages(pdf)
    texts = [squeeze(t) for t in pdf_text_pages(pdf, body_only=True)]
    seen = set()
    for index, section in enumerate(brochure.sections):
        if section.type not in types:
            continue
        seen.add(section.type)
        text = "".join(texts[p - 1] for p in pages[index])
        assert_in_order(printed_fields(section), text, f"{section.type} (pages {pages[index]})")
    assert seen == set(types)


@pytest.mark.parametrize("case", ["new", "short", "long"])
def test_every_field_of_each_new_type_is_printed_in_order(case, request):
    if case == "new":
        content, pdf = request.getfixturevalue("new_dir"), request.getfixturevalue("new_pdf")
    else:
        content, pdf = request.getfixturevalue(f"{case}_case")
    check_every_field_in_order(content, pdf)


# --- brochure new -----------------------------------------------------------------------------

def test_brochure_new_builds_at_once_on_a_multiple_of_4_pages(new_build, new_pdf):
    out, proc = new_build
    assert "Traceback" not in proc.stderr
    with pikepdf.open(new_pdf) as pdf:
        assert len(pdf.pages) % 4 == 0
    assert (out / "brochure-screen.pdf").is_file()


def test_brochure_new_has_every_section_type_and_check_finds_only_samples(new_dir, new_pdf, capsys):
    brochure = load_brochure(new_dir)
    assert {s.type for s in brochure.sections} == set(model.SECTION_TYPES)
    assert all(s.sample for s in brochure.sections) and brochure.meta.sample
    capsys.readouterr()
    status = main(["check", "--content", str(new_dir), "--out", str(new_pdf.parent), "--json"])
    findings = [f for f in json.loads(capsys.readouterr().out) if f["severity"] != "info"]  # ink measured
    assert status == 0, findings
    assert [f for f in findings if f["severity"] == "error"] == []
    assert findings and all(f["code"].startswith("sample-") for f in findings), findings
    assert {f["file"] for f in findings if f["code"] == "sample-text"} >= set(brochure.section_files)


def test_brochure_new_comments_every_field_in_japanese_and_points_to_the_schemas(new_dir):
    import jsonschema

    for path in [new_dir / "brochure.yaml", *sorted((new_dir / "sections").iterdir())]:
        lines = path.read_text(encoding="utf-8").splitlines()
        if path.suffix == ".md":
            lines = lines[1: lines.index("---", 1)]
        else:
            match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", lines[0])
            assert match, path
            schema = json.loads((path.parent / match[1]).read_text(encoding="utf-8"))
            data = json.loads(json.dumps(yaml.safe_load("\n".join(lines)), default=str))
            jsonschema.Draft202012Validator(schema).validate(data)
        for i, line in enumerate(lines):
            if re.match(r"^\w+:", line):  # a top-level field: a Japanese comment just above it
                above = next(lines[j] for j in range(i - 1, -1, -1) if lines[j].strip())
                assert above.startswith("#") and JA.search(above), f"{path.name}:{i + 1}: {line}"


def test_brochure_new_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    dest = tmp_path / "taken"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(dest), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "not empty" in err and "Traceback" not in err
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]
    assert (dest / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name != "taken"]  # no temporary folder left
    assert main(["new", str(dest / "notes.txt")]) == 2
    assert "ファイル" in capsys.readouterr().err  # Japanese by default


def test_brochure_new_from_copies_text_and_photos_and_resets_dates_and_sample_markers(tmp_path, capsys):
    import datetime as dt

    from brochure.content.load import load_brochure as load

    dest = tmp_path / "next-year"
    assert main(["new", str(dest), "--from", str(ROOT / "content")]) == 0
    assert "コピー" in capsys.readouterr().out
    source = ROOT / "content"
    for photo in (source / "photos").iterdir():
        assert (dest / "photos" / photo.name).read_bytes() == photo.read_bytes()
    old, new = load(source), load(dest)
    today = dt.date.today()
    assert new.meta.as_of == today and new.meta.date == today and new.meta.sample
    assert all(s.sample for s in new.sections)
    for before, after in zip(old.sections, new.sections):
        assert after.model_dump(exclude={"sample", "as_of"}) == before.model_dump(exclude={"sample", "as_of"})
        if before.type == "organisation":
            assert after.as_of == today
    assert [link.sample for link in new.meta.links] == [link.sample for link in old.meta.links]
    message = (dest / "sections" / "message.md").read_text(encoding="utf-8")
    assert message.startswith("---\n") and "sample: true\n---\n" in message  # inside the front matter
    vision = (dest / "sections" / "vision.yaml").read_text(encoding="utf-8")
    assert vision.startswith("# yaml-language-server: $schema=")
    assert (dest / "sections" / vision.splitlines()[0].split("=", 1)[1]).resolve() == ROOT / "schema" / "section.schema.json"


# --- the single-page types hold their longest content; the continuing ones continue ------------

def test_longest_content_leaves_no_box_and_runs_over_only_where_designed(long_case, short_case):
    from brochure.check.run import run_checks

    for content, pdf in (long_case, short_case):
        result = run_checks(content, pdf.parent)
        assert not result.rebuilt
        errors = [f for f in result.findings if f.severity == "error"]
        assert errors == [], [f"{f.code} p{f.page} {f.file} {f.field}: {f.message}" for f in errors]
    content, pdf = long_case
    brochure, pages = load_brochure(content), section_pages(pdf)
    runs = {s.type: len(pages[i]) for i, s in enumerate(brochure.sections)}
    assert runs["figures"] == runs["flow"] == 1  # eight figures, eight steps, every text at its longest
    assert runs["conditions"] >= 2 and runs["faq"] >= 2 and runs["schedule"] >= 2 and runs["text"] >= 2


def test_continued_pages_carry_a_continuation_head_and_the_first_page_none(long_case):
    """(A margin box: its text comes at the end of the page's text.)"""
    content, pdf = long_case
    brochure, pages = load_brochure(content), section_pages(pdf)
    texts = [squeeze(t) for t in pdf_text_pages(pdf)]
    for index, section in enumerate(brochure.sections):
        if section.type not in NEW_TYPES:
            continue
        head = squeeze(section.heading + "（続き）")
        first, *rest = pages[index]
        assert head not in texts[first - 1], section.type
        for page in rest:
            assert head in texts[page - 1], (section.type, page, texts[page - 1][:40])


def test_conditions_table_continues_with_its_head_row_on_the_next_page(long_case):
    import pdfplumber

    content, pdf = long_case
    brochure, pages = load_brochure(content), section_pages(pdf)
    index = next(i for i, s in enumerate(brochure.sections) if s.type == "conditions")
    section = brochure.sections[index]
    assert len(pages[index]) >= 2
    head = "".join(section.columns)
    with pdfplumber.open(pdf) as doc:
        for page in pages[index]:
            words = doc.pages[page - 1].extract_words()
            # Under the continuation head: the page area starts 18 mm below the trim (+3 mm bleed).
            below_heading = [w for w in words if w["top"] > 19 * 72 / 25.4]
            rows = squeeze("".join(w["text"] for w in below_heading))
            if page != pages[index][0]:
                assert rows.startswith(head), (page, rows[:30])  # the table's head row first
    # Rows in the content's order, each once, none split between pages.
    text = "".join(squeeze(t) for t in pdf_text_pages(pdf, body_only=True)[pages[index][0] - 1: pages[index][-1]])
    positions = [text.find(squeeze(row.item)) for row in section.rows]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


# --- the flow diagram is vector --------------------------------------------------------------

def test_flow_diagram_is_drawn_with_vector_paths_not_an_image(new_dir, new_pdf):
    import pdfplumber

    brochure = load_brochure(new_dir)
    index = next(i for i, s in enumerate(brochure.sections) if s.type == "flow")
    steps = len(brochure.sections[index].steps)
    [page] = section_pages(new_pdf)[index]
    with pdfplumber.open(new_pdf) as pdf:
        p = pdf.pages[page - 1]
        assert p.images == []  # no image drawn on the page (nor an SVG made an image)
        boxes = [r for r in p.rects if r["width"] > 40 * 72 / 25.4]  # the steps' boxes
        arrows = [c for c in (*p.curves, *p.rects) if c["width"] < 15 * 72 / 25.4 and c["height"] < 8 * 72 / 25.4
                  and c["height"] > 2 * 72 / 25.4]
    assert len(boxes) >= steps
    assert len(arrows) >= steps - 1  # one arrow between each pair


# --- fields real content has ------------------------------------------------------------------

def test_contact_links_are_tagged_mailto_and_tel_annotations_in_the_screen_edition(new_dir, new_screen):
    apply = next(s for s in load_brochure(new_dir).sections if s.type == "apply")
    expected = {mailto(apply.contact.email), tel(apply.contact.phone)}
    assert expected == {"mailto:recruit@example.com", "tel:+81300000000"}
    found = {}
    with pikepdf.open(new_screen) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") == "/Link" and "/URI" in annot.A:
                    found[str(annot.A.URI)] = (parents[int(annot.StructParent)].S, str(annot.Contents))
    for uri in expected:
        tag, contents = found[uri]
        assert tag == "/Link" and apply.contact.department in contents and uri in contents
    text = squeeze("".join(pdf_text_pages(new_screen)))
    for value in (apply.contact.email, apply.contact.phone, apply.contact.hours, apply.contact.department):
        assert squeeze(value) in text  # printed as written (full-width ：／〜 kept)


def test_screen_edition_of_the_new_brochure_passes_verapdf(verapdf, new_screen):
    import subprocess

    proc = subprocess.run([str(verapdf), "ua1", str(new_screen)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "failedRules=0" in proc.stdout, proc.stdout + proc.stderr


def test_readings_are_ruby_and_the_role_is_under_the_interviewees_name(new_dir, new_pdf):
    from pdflines import pdf_lines

    brochure = load_brochure(new_dir)
    pages = section_pages(new_pdf)
    people = [(i, s.name, s.reading) for i, s in enumerate(brochure.sections) if s.type in ("message", "interview")]
    people += [(i, s.person.name, s.person.reading) for i, s in enumerate(brochure.sections) if s.type == "schedule"]
    assert len(people) == 3
    lines = pdf_lines(new_pdf)
    for index, name, reading in people:
        page = pages[index][0]
        on_page = [line for line in lines if line.page == page]
        for base, ruby in zip(name.split(), reading.split()):
            [base_line] = [line for line in on_page if base in line.squeezed and ruby not in line.squeezed][:1]
            [ruby_line] = [line for line in on_page if ruby in line.squeezed][:1]
            base_char = next(c for c in base_line.real if c.text == base[0])
            ruby_char = next(c for c in ruby_line.real if c.text == ruby[0])
            assert ruby_char.em < base_char.em * 0.7  # small
            middle = lambda c: (c.top + c.bottom) / 2  # noqa: E731
            assert middle(ruby_char) > middle(base_char) + 0.4 * (base_char.top - base_char.bottom)  # above
            assert base_char.x0 - 2 <= (ruby_char.x0 + ruby_line.real[-1].x1) / 2 <= base_char.x1 + 40
    interview = next(s for s in brochure.sections if s.type == "interview")
    page_lines = [line.squeezed for line in lines if line.page == pages[brochure.sections.index(interview)][0]]
    name_at = next(i for i, t in enumerate(page_lines) if squeeze(interview.name.split()[0]) in t)
    assert squeeze(interview.role) in "".join(page_lines[name_at:name_at + 4])


def test_a_vision_of_text_alone_and_a_channel_note_build(content_copy, tmp_path):
    vision = content_copy / "sections" / "vision.yaml"
    data = yaml.safe_load(vision.read_text(encoding="utf-8"))
    for key in ("functions_title", "functions", "pillars_title", "pillars", "pillars_goal"):
        data.pop(key)
    vision.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    main_file = content_copy / "brochure.yaml"
    main_file.write_text(main_file.read_text(encoding="utf-8").replace(
        "    campaign: recruit-2021\n    content: booth-12\n",
        "    campaign: recruit-2021\n    content: booth-12\n    note: 人事メモ（印刷しない）\n"), encoding="utf-8")
    proc = run_cli("--content", str(content_copy), "--out", str(tmp_path / "out"), "--edition", "print",
                   "--channel", "fair-tokyo")
    assert proc.returncode == 0, proc.stderr
    text = squeeze("".join(pdf_text_pages(tmp_path / "out" / "brochure-print-fair-tokyo.pdf")))
    assert squeeze(data["heading"]) in text and "人事メモ" not in text
    # The body names the functions and pillars once; the diagrams (left out) named them again.
    assert text.count("デジタルに関する全庁統括") == 1 and text.count("行政のデジタルシフト") == 1


# --- validation: clear messages --------------------------------------------------------------

@pytest.mark.parametrize("section, expected", [
    ({"type": "interview", "name": "山田 太郎", "yomi": "やまだ たろう", "joined": "2020年", "quote": "q",
      "portrait": {"file": "photos/portrait-interview.jpg", "alt": "a"}},
     ("yomi: unknown field", "this field is called 'reading' here")),
    ({"type": "apply", "heading": "h", "lead": "l", "links": ["apply"], "contact": {"email": "recruit＠example"}},
     ("contact.email: not an e-mail address", "name@example.com")),
    ({"type": "apply", "heading": "h", "lead": "l", "links": ["apply"], "contact": {"phone": "お電話ください"}},
     ("contact.phone: not a phone number", "area code")),
    ({"type": "apply", "heading": "h", "lead": "l", "links": ["apply"], "contact": {"hours": "9:00〜17:00"}},
     ("contact: the contact block names no department, e-mail or phone", "remove 'contact'")),
    ({"type": "flow", "steps": [{"name": "応募"}, {"name": "面接"}]}, ("steps: at least 3 item(s) needed", "")),
    ({"type": "flow", "steps": [{"name": "応募と書類選考と一次面接と二次面接"}, {"name": "面接"}, {"name": "内定"}]},
     ("steps.0.name: the text is 17 characters long; at most 14 fit here", "shorten it")),
    ({"type": "faq", "items": [{"question": "q", "answer": "a"}]},
     ("items: unknown field", "this field is called 'questions' here")),
])
def test_new_fields_get_one_clear_line(tmp_path, new_dir, section, expected, capsys):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(new_dir, content)
    (content / "sections" / "extra.yaml").write_text(yaml.safe_dump(section, allow_unicode=True), encoding="utf-8")
    main_file = content / "brochure.yaml"
    main_file.write_text(main_file.read_text(encoding="utf-8").replace(
        "  - sections/back-cover.yaml", "  - sections/extra.yaml\n  - sections/back-cover.yaml"), encoding="utf-8")
    args = ["build", "--content", str(content), "--out", str(tmp_path / "out")]
    assert main([*args, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    line, _summary = err.strip().splitlines()
    assert line.startswith("sections/extra.yaml:") and expected[0] in line and expected[1] in line, line
    assert not (tmp_path / "out").exists()
    assert main(args) == 2
    assert JA.search(capsys.readouterr().err.splitlines()[0])


def test_every_field_of_both_schemas_has_a_japanese_description():
    from brochure.content.schema import schema

    for which in ("brochure", "section"):
        body = schema(which)
        definitions = {"": body, **body.get("$defs", {})}
        for name, definition in definitions.items():
            for field, prop in definition.get("properties", {}).items():
                assert JA.search(prop.get("description", "")), f"{which}: {name}.{field}"


# the veraPDF runner of the screen-edition tests (skips with its reason where it cannot run)
from test_screen_edition import verapdf  # noqa: E402,F401


def test_two_career_steps_are_a_staircase_not_a_strip(short_case):
    """The fewest career steps (two, one word each) are set as tall steps: the page is more than
    half used (a strip at the top, 33 % of the page with generated steps, before)."""
    from brochure.check.document import PrintedDocument

    content, pdf = short_case
    doc = PrintedDocument.open(pdf)
    try:
        [career] = [e for e in doc.plan if e.get("type") == "career"]
    finally:
        doc.close()
    assert career["pages"] == 1 and career["used"][0] > 0.5, career
