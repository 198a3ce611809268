"""Property tests: brochures of every shape the content format accepts (tests/generate.py)
must build and pass preflight. A few seeds run by default; ``--seeds N`` (or
``BROCHURE_SEEDS=N``) runs brochures 1…N."""

from __future__ import annotations

import json

from conftest import pdf_text_pages, squeeze
from generate import generate, items

from brochure.cli import main


def test_generated_brochure_builds_and_passes_preflight(seed, tmp_path, capsys):
    content = generate(seed, tmp_path / "content")
    out = tmp_path / "out"
    # `brochure check`, in process (the test's worker has WeasyPrint and the fonts loaded).
    status = main(["check", "--content", str(content), "--out", str(out), "--json"])
    captured = capsys.readouterr()
    assert status in (0, 1), captured.err  # built (1: findings; checked below)
    assert "Traceback" not in captured.err
    findings = json.loads(captured.out)
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
