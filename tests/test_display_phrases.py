"""Short display text keeps its phrases whole and fits its box (render/fitbox.py): role lines,
card titles, pillar names, org-chart boxes, figure labels and captions break only between
BudouX phrases, and a phrase wider than its box sets the text a step smaller (not below
four fifths), checked on crafted boxes and on every such text of the example brochure (that one in
test_example.py, on the example's build)."""

from __future__ import annotations

import pytest

from pdflines import pdf_lines
from test_typeset_mechanisms import render

from brochure.render.fitbox import MIN_SCALE
from brochure.render.typeset import phrases
from brochure.text.segment import split_phrases, split_unit_name

NARROW = ("データプラットフォームチーム", "クラウドサービスの透明性", "サービスデザイナー",
          "プロダクトマネージャー（デマンド交通）", "セキュリティエンジニアリング")


def boundaries(text: str, split=split_phrases) -> set[int]:
    """Where a line may end, counted in the text without whitespace."""
    found, pos = {0}, 0
    for phrase in split(text):
        pos += len("".join(phrase.split()))
        found.add(pos)
    return found


def cuts(lines) -> list[int]:
    done, found = 0, []
    for line in lines[:-1]:
        done += len(line.squeezed)
        found.append(done)
    return found


@pytest.fixture(scope="module")
def narrow(tmp_path_factory):
    """Each text, one to a page, in a box just too narrow for its widest phrase (0.9 of its
    nominal width) and in one far too narrow (0.55), with and without ``fitbox``:
    {(text, share, fitted): (lines, box width in pt)}."""
    tmp = tmp_path_factory.mktemp("fitbox")
    body, cases = "", []
    for text in NARROW:
        widest = max(len(p) for p in split_phrases(text))
        for share in (0.9, 0.55):
            width = widest * 12 * share  # pt: 12 pt squares
            for fitted in (True, False):
                cases.append((text, share, fitted, width))
                body += (f'<div style="width: {width:.2f}pt; break-after: page">'
                         f'<p class="{"fitbox" if fitted else "plain"}" '
                         f'style="font-size: 12pt; line-height: 1.4">{phrases(text)}</p></div>')
    lines = [line for line in pdf_lines(render(tmp, body)) if not line.squeezed.isdigit()]
    return {case[:3]: ([line for line in lines if line.page == page], case[3])
            for page, case in enumerate(cases, 1)}


def test_fitbox_steps_down_so_that_phrases_stay_whole(narrow):
    """A box 0.9 of the widest phrase's nominal width: the text steps down (by what the
    proportional kana need), fits the box and breaks only between phrases. A box 0.55 of it:
    the size stops at the floor (four fifths)."""
    for text in NARROW:
        lines, width = narrow[text, 0.9, True]
        size = lines[0].real[0].em
        assert 12 * MIN_SCALE - 0.05 <= size <= 12, (text, size)
        assert "".join(line.squeezed for line in lines) == "".join(text.split())
        assert all(c in boundaries(text) for c in cuts(lines)), [line.squeezed for line in lines]
        assert all(line.x1 - lines[0].x0 <= width + 0.3 for line in lines), text
        lines, width = narrow[text, 0.55, True]
        assert abs(lines[0].real[0].em - 12 * MIN_SCALE) < 0.06, text


def test_without_fitbox_a_too_wide_phrase_breaks_inside(narrow):
    """The control: the same boxes without the class break a phrase (the failure fitbox
    prevents), so the test above can fail."""
    inside = 0
    for text in NARROW:
        lines, _ = narrow[text, 0.9, False]
        assert lines[0].real[0].em == pytest.approx(12, abs=0.05)
        inside += any(c not in boundaries(text) for c in cuts(lines))
    assert inside >= 3, inside


def display_texts(brochure) -> list[tuple[str, str, object]]:
    """(what, text, splitter) for every short display text of the brochure."""
    found = []

    def nodes(node):
        yield node
        for child in node.children:
            yield from nodes(child)

    for s in brochure.sections:
        if getattr(s, "role", None):
            found.append(("role", s.role, split_phrases))
        if s.type == "schedule" and s.person and s.person.role:
            found.append(("role", s.person.role, split_phrases))
        for p in getattr(s, "projects", None) or []:
            found.append(("card title", p.name, split_phrases))
        if s.type == "vision":
            found += [("function", f, split_phrases) for f in s.functions or []]
            found += [("pillar", p.name, split_phrases) for p in s.pillars or []]
        if s.type == "organisation":
            found += [("org box", n.name, split_unit_name) for n in nodes(s.chart)]
        for f in getattr(s, "figures", None) or []:
            found.append(("figure label", f.label, split_phrases))
        for item in getattr(s, "items", None) or []:
            if getattr(item, "name", None) and s.type == "benefits":
                found.append(("card title", item.name, split_phrases))
        for st in getattr(s, "steps", None) or []:
            for attr in ("name", "title", "period"):
                if getattr(st, attr, None):
                    found.append(("step", getattr(st, attr), split_phrases))
        photos = list(getattr(s, "photos", None) or []) + ([s.photo] if getattr(s, "photo", None) else [])
        found += [("caption", p.caption, split_phrases) for p in photos if getattr(p, "caption", None)]
    return found


class _Segment:
    """A run of a line between spaces pdfium generated: one element's line where pdfium
    joined elements side by side (a role and a name, two org-chart boxes) into one line."""

    def __init__(self, chars, page):
        self.chars, self.page = chars, page
        self.squeezed = "".join("".join(c.text for c in chars).split())
        self.x0, self.x1 = chars[0].x0, chars[-1].x1
        self.bottom = chars[0].bottom


def segments(lines) -> list[list[_Segment]]:
    found = []
    for line in lines:
        runs, run = [], []
        for c in line.chars:
            if c.generated:
                if run:
                    runs.append(_Segment(run, line.page))
                run = []
            else:
                run.append(c)
        if run:
            runs.append(_Segment(run, line.page))
        found.append([r for r in runs if r.squeezed])
    return found


def find_display(by_line, text):
    """The segments of consecutive lines that hold ``text`` (whitespace aside), one per line,
    overlapping horizontally (one box), or None."""
    target = "".join(text.split())
    for i, line in enumerate(by_line):
        for seg in line:
            if target == seg.squeezed:
                return [seg]
            if not (seg.squeezed and target.startswith(seg.squeezed)):
                continue
            found, done, j = [seg], seg.squeezed, i + 1
            while done != target and j < len(by_line) and j <= i + 4:
                nxt = [n for n in by_line[j] if target.startswith(done + n.squeezed) and n.page == seg.page
                       and n.x0 < found[-1].x1 and n.x1 > found[-1].x0]
                if nxt:
                    found.append(nxt[0])
                    done += nxt[0].squeezed
                j += 1
            if done == target:
                return found
    # A segment that holds more than the text (pdfium joined it with a neighbour without a
    # gap it reads as a space): the text is on one line there.
    for line in by_line:
        for seg in line:
            if target in seg.squeezed:
                return [seg]
    return None


def assert_no_display_line_starts_or_ends_inside_a_phrase(content, pdf) -> None:
    """Every short display text of the brochure in ``content`` (roles, card titles, org boxes,
    figure labels, steps, captions) is printed in ``pdf`` broken only between its phrases.
    Run on the example brochure by ``test_example.py`` (on its build: one build of it)."""
    from brochure.content.load import load_brochure

    texts = display_texts(load_brochure(content))
    assert len(texts) > 30
    by_line = segments(pdf_lines(pdf))
    missing, broken, wrapped = [], [], 0
    for what, text, split in texts:
        found = find_display(by_line, text)
        if found is None:
            missing.append((what, text))
            continue
        wrapped += len(found) > 1
        bad = [c for c in cuts(found) if c not in boundaries(text, split)]
        if bad:
            broken.append((what, [line.squeezed for line in found]))
    assert not missing, missing
    assert not broken, broken
    assert wrapped >= 3, wrapped


def test_a_counted_period_stays_one_phrase():
    """BudouX cuts 「入社3か／月まで」 after the counter; the join keeps 「3か月」 whole."""
    assert split_phrases("入社3か月まで") == ("入社3か月まで",)
    assert all("か月" in p or "か" not in p for p in split_phrases("数か月後に、全国3ヶ所の営業所へ"))
