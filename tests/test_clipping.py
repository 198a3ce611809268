"""`brochure check` reports glyphs that a clip path cuts (brochure/check/clipping.py): a box with
``overflow: hidden`` too low for its letters' descenders, measured on real PDFs; the sample and
the example cut none (their printed URLs included: BIZ UDPGothic's p, g and y descend 0.12 em,
and nothing clips them)."""

from __future__ import annotations

import json
import subprocess
import sys

import pikepdf

from conftest import ROOT
from test_typeset_mechanisms import render

from brochure.check.clipping import clipped_glyphs

CLIPPED = ('<div style="overflow: hidden; height: 10pt; line-height: 1; font-size: 12pt; width: 80mm">'
           'pgy Japan ぴょん</div>'
           '<div style="overflow: hidden; height: 30pt; line-height: 1.5; font-size: 12pt; width: 80mm; '
           'margin-top: 5mm">fits its box</div>')


def test_a_box_too_low_for_its_descenders_cuts_them(tmp_path):
    with pikepdf.open(render(tmp_path, CLIPPED)) as pdf:
        found = clipped_glyphs(pdf)
    assert len(found) == 1, [run.text for _, run in found]
    page, run = found[0]
    assert page == 1 and run.text.split() == ["pgy", "Japan", "ぴょん"]
    # The clip is the box (10 pt high); the descenders go 1.5–2.5 pt below it.
    assert abs((run.clip[3] - run.clip[1]) - 10) < 0.1
    assert 1.0 < run.worst < 3.0 and run.box[1] < run.clip[1]


def test_check_reports_it_with_the_text_and_where(tmp_path):
    pdf = render(tmp_path, CLIPPED)
    code = "import sys; from brochure.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", code, "check", "--pdf", str(pdf), "--json", "--lang", "en"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    found = [f for f in json.loads(proc.stdout) if f["code"] == "glyph-clipped"]
    assert proc.returncode == 1 and len(found) == 1, proc.stderr
    [finding] = found
    assert finding["severity"] == "error" and finding["page"] == 1
    assert "'pgyJapanぴょん' is cut off" in finding["message"] and finding["hint"]
    assert finding["bbox"] and finding["data"]["out_pt"] > 1


def test_the_sample_cuts_no_glyph(sample_build):
    with pikepdf.open(sample_build) as pdf:
        assert clipped_glyphs(pdf) == []
