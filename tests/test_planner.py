"""The page planner (brochure/plan): variants chosen by measured content, spreads on left
pages, the page multiple reached with designed pages, and the plan in the PDF."""

from __future__ import annotations

import json

import pikepdf
import pytest
import yaml

from brochure.build import build
from conftest import pdf_text_pages, run_cli, squeeze


def _write(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _sections(content, *files):
    main = content / "brochure.yaml"
    data = yaml.safe_load(main.read_text(encoding="utf-8"))
    data["sections"] = list(files)
    _write(main, data)


def _built_with(content, out, name: str, kind: str):
    """The print build of ``content`` with the section file ``sections/<name>`` (written by the
    caller) before the application page, and the plan of its one section of type ``kind``."""
    files = yaml.safe_load((content / "brochure.yaml").read_text(encoding="utf-8"))["sections"]
    files.insert(files.index("sections/apply.yaml"), f"sections/{name}")
    _sections(content, *files)
    [result] = build(content, out, editions=["print"])
    [planned] = [s for s in result.plan.sections if s.view.type == kind]
    return result, planned


def test_sample_plan_lays_out_each_section_once(sample_build):
    """The sample's estimate is right the first time: planning costs no extra layout."""
    from brochure.build import prepare, render_edition
    from brochure.editions import EDITIONS
    from conftest import CONTENT

    pdf = render_edition(prepare(CONTENT, sample_build.parent), EDITIONS["print"])
    plan = pdf.plan
    assert plan.layouts == len(plan.sections) == 10 and plan.rounds == 1
    assert [s.first_page for s in plan.sections] == [1, 2, 3, 4, 5, 6, 8, 10, 11, 12]
    interviews = [s for s in plan.sections if s.view.type == "interview"]
    # By length: the longer answers flow over the spread, the shorter fill its right page.
    assert [s.view.variant for s in interviews] == ["spread", "quote-spread"]
    assert plan.pages == 12 and not plan.memo_pages and not plan.blank_pages


def test_a_page_more_is_filled_by_the_plan_not_left_blank(content_copy, tmp_path):
    main = content_copy / "brochure.yaml"
    text = main.read_text(encoding="utf-8")
    # One more single-page section: 13 pages of content.
    main.write_text(text.replace("  - sections/apply.yaml\n", "  - sections/apply.yaml\n  - sections/projects.yaml\n"),
                    encoding="utf-8")
    [result] = build(content_copy, tmp_path / "out")
    assert result.pages % 4 == 0 and result.blank_pages == 0
    pages = [squeeze(t) for t in pdf_text_pages(result.path)]
    assert all(pages[1:-1]), "a blank page inside the booklet"
    assert "Hello,Tokyo!" in pages[-1] and "時点" in pages[-1]  # the back cover stays last


def test_a_larger_page_multiple_gets_designed_pages_and_a_note(content_copy, tmp_path):
    main = content_copy / "brochure.yaml"
    main.write_text(main.read_text(encoding="utf-8") + "pad_to_multiple: 8\n", encoding="utf-8")
    proc = run_cli("--content", str(content_copy), "--out", str(tmp_path / "out"), "--edition", "print", "-v")
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "out" / "brochure-print.pdf"
    pages = [squeeze(t) for t in pdf_text_pages(pdf)]
    assert len(pages) == 16 and all(pages[1:-1])
    assert "p.01" in proc.stdout and "sections/interview-hirai.md" in proc.stdout  # the plan, -v
    if any("MEMO" in p for p in pages):
        assert "MEMOページ" in proc.stdout  # the summary says what was added and why


def test_plan_is_embedded_and_reported_as_json(sample_build):
    from brochure.press.finish import PLAN_KEY

    with pikepdf.open(sample_build) as pdf:
        plan = json.loads(pdf.open_metadata()[PLAN_KEY])
    assert [e["type"] for e in plan][:2] == ["cover", "message"]
    assert sum(e["pages"] for e in plan) == 12
    assert all(set(e) >= {"section", "variant", "first_page", "pages", "used"} for e in plan)


LONG_ANSWER = "私たちは東京のデジタル化を進めるため、毎日の業務の中で新しい仕組みを試しています。" * 6


def _interview(name, questions, answer_paragraphs):
    body = "\n\n".join(f"## 質問{q + 1}について教えてください\n\n" + "\n\n".join([LONG_ANSWER] * answer_paragraphs)
                       for q in range(questions))
    front = {"type": "interview", "label": "採用者の声", "name": name, "joined": "2020年4月入都",
             "portrait": {"file": "photos/hirai.jpg", "alt": f"{name}の肖像"}, "quote": "挑戦できる職場です。"}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body + "\n"


def test_interviews_by_length_spreads_on_left_pages_and_continuation_heads(content_copy, tmp_path):
    sections = content_copy / "sections"
    (sections / "iv-short.md").write_text(_interview("短井 一郎", 2, 1), encoding="utf-8")
    (sections / "iv-long.md").write_text(_interview("長谷 三郎", 7, 3), encoding="utf-8")
    _sections(content_copy, "sections/cover.yaml", "sections/message.md", "sections/iv-short.md",
              "sections/iv-long.md", "sections/interview-kameyama.md", "sections/apply.yaml",
              "sections/back-cover.yaml")
    [result] = build(content_copy, tmp_path / "out")
    plan = {s.view.section.name: s for s in result.plan.sections if s.view.type == "interview"}
    assert plan["短井 一郎"].pages == 1  # a short interview: one page
    long = plan["長谷 三郎"]
    assert long.pages >= 3 and long.continued_from
    pages = pdf_text_pages(result.path)
    for s in plan.values():
        if s.view.variant in ("spread", "quote-spread"):
            assert s.first_page % 2 == 0, f"{s.view.variant} opens on page {s.first_page}"
        if s.view.variant == "opener":
            assert s.first_page % 2 == 1
    for page in range(long.first_page + long.continued_from - 1, long.first_page + long.pages):
        assert "長谷三郎（続き）" in squeeze(pages[page - 1])
    for page in range(long.first_page, long.first_page + long.continued_from - 1):
        assert "（続き）" not in pages[page - 1]
    assert result.pages % 4 == 0 and all(squeeze(t) for t in pages[1:-1])


def test_every_count_of_projects_and_photos_has_a_layout(content_copy, tmp_path):
    sections = content_copy / "sections"
    base = yaml.safe_load((sections / "projects.yaml").read_text(encoding="utf-8"))
    names = []
    order = ["sections/cover.yaml"]
    for n in (1, 3, 5, 12):
        projects = [{"name": f"プロジェクト{n}の{i + 1}", "description": base["projects"][i % 4]["description"]}
                    for i in range(n)]
        names += [p["name"] for p in projects]
        _write(sections / f"p{n}.yaml", {**base, "projects": projects})
        order.append(f"sections/p{n}.yaml")
    office = yaml.safe_load((sections / "office.yaml").read_text(encoding="utf-8"))
    captions = []
    for n in (1, 2, 5, 8):
        photos = [{**office["photos"][i % 4], "caption": f"写真{n}の{i + 1}"} for i in range(n)]
        captions += [p["caption"] for p in photos]
        _write(sections / f"o{n}.yaml", {**office, "photos": photos})
        order.append(f"sections/o{n}.yaml")
    _sections(content_copy, *order, "sections/apply.yaml", "sections/back-cover.yaml")
    [result] = build(content_copy, tmp_path / "out")
    text = squeeze("".join(pdf_text_pages(result.path)))
    assert all(squeeze(n) in text for n in names + captions)
    pages = [squeeze(t) for t in pdf_text_pages(result.path)]
    for s in result.plan.sections:
        if s.view.type == "projects":
            assert s.pages <= 2
            first = s.first_page - 1
            # The heading is never alone: its page holds the first card too.
            assert squeeze(s.view.section.projects[0].name) in pages[first]
            if s.pages == 2:
                assert "（続き）" in pages[first + 1]
        if s.view.type == "office":
            assert s.pages <= 2 and not s.problem
    assert result.pages % 4 == 0


def test_long_headline_takes_at_most_three_lines_without_a_short_phrase_alone(content_copy, tmp_path):
    import pdfplumber

    message = content_copy / "sections" / "message.md"
    text = message.read_text(encoding="utf-8")
    headline = "東京の未来を、私たちと一緒に作り直しませんか。"
    message.write_text(text.replace("heading: 今、東京が変わる。", f"heading: {headline}"), encoding="utf-8")
    [result] = build(content_copy, tmp_path / "out")
    [message_plan] = [s for s in result.plan.sections if s.view.type == "message"]
    with pdfplumber.open(result.path) as pdf:
        page = pdf.pages[message_plan.first_page - 1]
        big = [c for c in page.chars if c["size"] >= 20 and c["text"].strip()]
    lines: dict[int, str] = {}
    for c in sorted(big, key=lambda c: (round(c["top"]), c["x0"])):
        lines[round(c["top"])] = lines.get(round(c["top"]), "") + c["text"]
    assert "".join(lines.values()) == headline
    assert len(lines) <= 3
    assert all(len(line.strip("、。")) > 2 for line in lines.values()), lines


def test_a_large_org_chart_fits_with_its_text_inside_the_boxes(content_copy, tmp_path):
    org = content_copy / "sections" / "organisation.yaml"
    data = yaml.safe_load(org.read_text(encoding="utf-8"))
    names = []

    def node(depth, index):
        name = f"第{index}デジタルサービス推進グループ" if depth > 1 else f"第{index}本部"
        names.append(name)
        return {"name": name}

    units = []
    count = 1
    for u in range(5):
        unit = node(1, u + 1)
        count += 1
        group = unit
        for d in range(2, 5):  # a chain to depth 5 under every unit, and siblings
            child = node(d, f"{u + 1}-{d}")
            group.setdefault("children", []).append(child)
            count += 1
            if count < 40:
                group["children"].append(node(d, f"{u + 1}-{d}b"))
                count += 1
            group = child
        units.append(unit)
    data["chart"] = {"name": "デジタルサービス局", "children": units}
    _write(org, data)
    _sections(content_copy, "sections/cover.yaml", "sections/organisation.yaml", "sections/back-cover.yaml")
    from brochure.check.run import run_checks

    result = run_checks(content_copy, tmp_path / "out")  # builds it (content errors would raise), then checks
    assert result.rebuilt
    findings = result.findings
    bad = [f for f in findings if f.file == "sections/organisation.yaml" and f.severity == "error"]
    assert not bad, bad
    text = squeeze("".join(pdf_text_pages(tmp_path / "out" / "brochure-print.pdf")))
    assert all(squeeze(n) in text for n in names)


@pytest.fixture(scope="module")
def checked_pdf(sample_build):
    """The sample's print edition (the session's build), copied and doctored by each test."""
    return sample_build


def test_check_finds_an_interior_blank_page(checked_pdf, tmp_path):
    from brochure.check.run import run_checks
    from conftest import CONTENT

    out = tmp_path / "out"
    out.mkdir()
    target = out / "brochure-print.pdf"
    with pikepdf.open(checked_pdf) as pdf:
        pdf.pages.insert(4, pdf.pages[4])  # a copy of page 5 as page 6, then empty its content
        pdf.pages[5].obj.Contents = pdf.make_stream(b"")
        pdf.save(target)
    findings = run_checks(CONTENT, out).findings
    blank = [f for f in findings if f.code == "page-blank"]
    assert [f.page for f in blank] == [6] and blank[0].severity == "error"


def test_check_finds_a_continuation_page_without_its_head(checked_pdf, tmp_path):
    from brochure.check.run import run_checks
    from brochure.press.finish import PLAN_KEY
    from conftest import CONTENT

    out = tmp_path / "out"
    out.mkdir()
    target = out / "brochure-print.pdf"
    with pikepdf.open(checked_pdf) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            plan = json.loads(meta[PLAN_KEY])
            [iv] = [e for e in plan if e["variant"] == "spread"]
            iv["continued_from"] = 2  # claim that the spread's right page continues it
            meta[PLAN_KEY] = json.dumps(plan, ensure_ascii=False)
        pdf.save(target)
    findings = run_checks(CONTENT, out).findings
    [f] = [f for f in findings if f.code == "continuation-head"]
    assert f.page == iv["first_page"] + 1 and f.file == "sections/interview-hirai.md"


def test_too_many_long_cards_get_a_hint_that_names_the_count(content_copy, tmp_path):
    projects = content_copy / "sections" / "projects.yaml"
    data = yaml.safe_load(projects.read_text(encoding="utf-8"))
    data["projects"] = [{"name": f"計画{i + 1}", "description": LONG_ANSWER * 2} for i in range(12)]
    _write(projects, data)
    _sections(content_copy, "sections/cover.yaml", "sections/projects.yaml", "sections/back-cover.yaml")
    from brochure.check.run import run_checks

    findings = run_checks(content_copy, tmp_path / "out").findings
    [f] = [f for f in findings if f.code == "section-overflow"]
    assert f.file == "sections/projects.yaml" and f.severity == "error"
    assert "12 cards: at most" in f.todo("en")


def test_check_finds_text_touching_its_box_and_not_text_with_room(tmp_path):
    """``text-box-tight``: glyphs within 0.3 mm of a visible edge of their box, inside it."""
    from brochure.check.boxes import check_box_overflow
    from brochure.check.context import CheckContext
    from brochure.check.document import PrintedDocument
    from test_typeset_mechanisms import render

    box = "border: 0.3mm solid #1d3461; width: 60mm; height: 20mm; font-size: 12pt; line-height: 1"
    path = render(tmp_path, f'<div style="{box}; padding: 0">組織の名前が枠に接する</div>'
                            f'<div style="{box}; padding: 3mm; margin-top: 10mm">余白のある名前</div>')
    doc = PrintedDocument.open(path)
    try:
        findings = check_box_overflow(CheckContext.pdf_only(doc))
    finally:
        doc.close()
    [tight] = [f for f in findings if f.code == "text-box-tight"]
    assert tight.severity == "warning" and "組" in tight.what("ja")
    assert not [f for f in findings if f.code == "text-box-overflow"]


def test_a_variant_the_estimate_ruled_out_is_tried_when_the_others_fail(content_copy, tmp_path):
    """Four functions as boxes and four pillars: the estimate says text and diagrams crowd one
    page, so only the two-page variant (diagrams on a page of their own) is predicted to fit.
    Laid out, the two pages would be a quarter and two fifths full (it is worth its pages only
    when it fills 0.9 of one), so the one-page variant is measured too, and it holds everything."""
    vision = content_copy / "sections" / "vision.yaml"
    data = yaml.safe_load(vision.read_text(encoding="utf-8"))
    data.update(
        heading="また、デジタル。", subject="交通アクセシビリティスマートシティ", functions_title="機能",
        body="そんな挑戦にワクワクする方、公共や次世代のために自らのスキルや知識を使ってみたいと思う方、"
             "そんな人には。\n\nこんな超巨大組織のDX推進なんて、やりがいの塊です！それ以外にも、"
             "副知事やDXフェローなどエグゼクティブ級の方と定期的にディスカッションする機会がある"
             "ことは大きな魅力ですし、都庁のプロパー職員だけでなく、同期のデジタルシフト推進担当課。",
        functions=["ネットワーク改革開発推進", "プロジェクト改革", "スマートシティ都市改革プロジェクト", "東京"],
        pillars=[{"name": "スマートシティ", "description": "行政アクセシビリティ"},
                 {"name": "プロジェクト", "description": "スマートシティネットワーク行政"},
                 {"name": "運用", "description": "運用"}, {"name": "改革", "description": "改革"}],
        pillars_title="柱", pillars_goal="都市改革セキュリティ")
    _write(vision, data)
    [result] = build(content_copy, tmp_path / "out", editions=["print"])
    [plan] = [s for s in result.plan.sections if s.view.type == "vision"]
    assert (plan.view.variant, plan.pages, plan.problem) == ("page", 1, "")
    assert plan.used[0] > 0.5


def test_a_list_whose_last_row_would_go_on_alone_turns_the_page_halfway(content_copy, tmp_path):
    """Eight career steps of 120 characters: seven fill a page, even set tighter, and the eighth
    went on alone (its page 11 % used in generated content). The planner turns the page after
    the fourth step instead: two pages with four steps each, both well above a third used."""
    text = ("変化していく街には、まちづくりの上位計画が存在し、それを支える関連法規もたくさんあります。" * 3)[:120]
    steps = [{"period": f"{i + 1}年目", "title": "企画開発", "description": text} for i in range(8)]
    _write(content_copy / "sections" / "career.yaml", {"type": "career", "heading": "キャリアの歩み", "steps": steps})
    result, career = _built_with(content_copy, tmp_path / "out", "career.yaml", "career")
    assert (career.pages, career.problem, career.view.opts.get("turn")) == (2, "", 4)
    assert min(career.used) > 0.35, career.used
    pages = [squeeze(t) for t in pdf_text_pages(result.path)]
    first, second = pages[career.first_page - 1], pages[career.first_page]
    assert all(f"STEP{i}" in first for i in (1, 2, 3, 4)) and "STEP5" not in first
    assert all(f"STEP{i}" in second for i in (5, 6, 7, 8)), second


def test_a_text_that_would_run_a_few_lines_onto_a_page_is_set_roomier(content_copy, tmp_path):
    """Twelve paragraphs: eleven fill a page in two columns, and the twelfth went on alone onto a
    page of its own (in generated content, 15 % used). The planner sets the text roomier (a size
    up, a looser leading): two pages, the second about half used."""
    para = "東京のDXは、これまで誰も取り組んでこなかった全く新しい挑戦であり、世界のメガシティ・東京で実現するのは決して容易なことではありません。" * 3
    body = "\n\n".join([para] * 12)
    (content_copy / "sections" / "text.md").write_text(f"---\ntype: text\nheading: 働く人の言葉\n---\n{body}\n",
                                                      encoding="utf-8")
    result, text = _built_with(content_copy, tmp_path / "out", "text.md", "text")
    assert (text.view.variant, text.pages, text.problem) == ("roomy", 2, ""), text.used
    assert min(text.used) > 0.4, text.used


def test_twelve_benefit_cards_share_two_pages_by_rows(content_copy, tmp_path):
    """Twelve cards make four rows of three; three rows fill a page and the fourth went on alone
    (a page 27 % used in generated content). The page turns after the second row instead, and
    the cards are as tall as two rows to a page ask."""
    text = ("フレックスタイム制度により、始業と終業の時刻を自分で決められます。" * 4)[:120]
    items = [{"name": f"制度{i + 1}", "description": text} for i in range(12)]
    _write(content_copy / "sections" / "benefits.yaml", {"type": "benefits", "heading": "働き方と制度", "items": items})
    result, benefits = _built_with(content_copy, tmp_path / "out", "benefits.yaml", "benefits")
    assert (benefits.pages, benefits.problem, benefits.view.opts.get("turn")) == (2, "", 2), benefits.used
    assert min(benefits.used) > 0.45, benefits.used
    pages = [squeeze(t) for t in pdf_text_pages(result.path)]
    first, second = pages[benefits.first_page - 1], pages[benefits.first_page]
    assert "制度6" in first and "制度7" not in first and "制度7" in second and "制度12" in second
