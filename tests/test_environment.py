"""What make_pdf.py says when the machine lacks a system library: in Japanese, which library,
and the apt-get line; Pango is needed (exit 2, no PDF), HarfBuzz-subset is a warning."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUNNER = Path(__file__).resolve().parent / "missing_library_runner.py"


def make_pdf_without(library: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RUNNER), library, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_missing_pango_is_named_in_japanese_with_its_install_line(tmp_path):
    proc = make_pdf_without("pango-1.0", "--out", str(tmp_path / "out"))
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""  # WeasyPrint's own English paragraph is not shown
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("エラー: システムのライブラリ Pango（文字の組版）がインストールされていないため")
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in line
    assert not (tmp_path / "out" / "brochure-print.pdf").exists()
    en = make_pdf_without("pango-1.0", "--out", str(tmp_path / "out"), "--lang", "en")
    assert en.returncode == 2 and "the system library Pango (text layout) is not installed" in en.stderr


def test_missing_harfbuzz_subset_is_a_warning_and_the_pdf_is_still_made(tmp_path, sample_build):
    out = tmp_path / "out"
    proc = make_pdf_without("harfbuzz-subset", "--out", str(out), "--edition", "print")
    assert proc.returncode == 0, proc.stderr
    [warning] = [line for line in proc.stderr.splitlines() if line.startswith("警告:")]
    assert "HarfBuzz subset（libharfbuzz-subset）がありません" in warning and "約 6 倍遅く" in warning
    assert "sudo apt-get install libharfbuzz-subset0" in warning
    assert (out / "brochure-print.pdf").is_file()
    assert "Traceback" not in proc.stderr
