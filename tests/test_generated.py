"""Property tests: brochures of every shape the content format accepts (tests/generate.py)
must build and pass preflight. A few seeds run by default; ``--seeds N`` (or
``BROCHURE_SEEDS=N``) runs brochures 1…N."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, pdf_text_pages, squeeze
from generate import generate, items


def test_generated_brochure_builds_and_passes_preflight(seed, tmp_path):
    content = generate(seed, tmp_path / "content")
    out = tmp_path / "out"
    code = "import sys; from brochure.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", code, "check", "--content", str(content), "--out", str(out),
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode in (0, 1), proc.stderr  # built (1: findings; checked below)
    findings = json.loads(proc.stdout)
    errors = [f for f in findings if f["severity"] == "error"]
    assert not errors, f"seed {seed}: " + "; ".join(f"p.{f['page']} {f['code']}: {f['message']}" for f in errors)
    pdf = out / "brochure-print.pdf"
    pages = [squeeze(t) for t in pdf_text_pages(pdf)]
    assert len(pages) % 4 == 0
    # No blank page inside the booklet (a blank one before the back cover is the last resort).
    assert all(text for text in pages[1:-2]), [i + 2 for i, t in enumerate(pages[1:-2]) if not t]
    text = "".join(pages)
    missing = [item for item in items(seed) if squeeze(item) not in text]
    assert not missing, f"seed {seed}: not printed: {missing[:5]}"
