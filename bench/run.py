"""Benchmark of build times: ``uv run python bench/run.py [--repeat N] [--content DIR]``.

Prints, measured in one run on this machine:
- cold ``make_pdf.py --edition print`` (a fresh process, as a user runs it) against the plain
  ``weasyprint`` command rendering the HTML that ``make_pdf.py --emit-html`` wrote (same pages):
  the ratio is our overhead (imports, content checks, warning checks, PDF/X finishing);
- a warm full rebuild (every section laid out again in a process that already imported
  WeasyPrint and registered the fonts) and a warm single-document render for comparison;
- a one-section edit (an interview answer) rebuilt incrementally: the watch-mode path;
- peak memory (max RSS) of each process, and output sizes.
Both cold commands run with the photo cache already filled (the HTML refers to processed
photos), alternately, ``--repeat`` times each; medians are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_timed(cmd: list[str]) -> tuple[float, float, str, float]:
    """(seconds, max RSS in MB, stdout, CPU seconds) of one child process, from wait4.

    CPU time (user + system) is printed next to wall time: the machine is shared, and under
    load the wall time mostly measures the wait for a core."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode()}")
    return seconds, usage.ru_maxrss / 1024, out.decode(), usage.ru_utime + usage.ru_stime


def inner(content: Path, out: Path, edits: int) -> None:
    """The in-process measurements (run in a child so that its peak memory is its own)."""
    from brochure.build import atomic_write, prepare, render_edition
    from brochure.editions import EDITIONS
    from brochure.render.sections import SectionRenderer

    edition = EDITIONS["print"]
    renderer = SectionRenderer(edition)
    first = renderer.build(prepare(content, out))
    target = out / "watch.pdf"
    atomic_write(target, first.data)

    warm_full = []
    for _ in range(2):
        renderer._parts.clear()  # forget every laid-out section: a full, warm rebuild
        t = time.perf_counter()
        renderer.build(prepare(content, out))
        warm_full.append(time.perf_counter() - t)

    single = []
    for _ in range(2):
        t = time.perf_counter()
        render_edition(prepare(content, out), edition)
        single.append(time.perf_counter() - t)

    interview = content / "sections" / "interview-hirai.md"
    text = interview.read_text(encoding="utf-8")
    edit_times, edit_cpu, laid_out = [], [], []
    for i in range(edits):
        interview.write_text(text.replace("私の志は", f"私の志は（{i}回目の編集）", 1), encoding="utf-8")
        t, c = time.perf_counter(), time.process_time()
        result = renderer.build(prepare(content, out))
        atomic_write(target, result.data)
        edit_times.append(time.perf_counter() - t)
        edit_cpu.append(time.process_time() - c)
        laid_out.append(result.laid_out)
    interview.write_text(text, encoding="utf-8")
    print(json.dumps({"warm_full_sections": warm_full, "warm_full_single": single,
                      "edit": edit_times, "edit_cpu": edit_cpu, "laid_out": laid_out, "joined_size": len(result.data)}))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--content", type=Path, default=ROOT / "content")
    p.add_argument("--repeat", type=int, default=3, help="runs of each cold command (default 3)")
    p.add_argument("--edits", type=int, default=5, help="one-section edits to time (default 5)")
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.inner:
        return inner(args.content, args.out, args.edits)

    py = sys.executable
    weasyprint = str(Path(py).with_name("weasyprint"))
    with tempfile.TemporaryDirectory(prefix="brochure-bench-") as tmp:
        tmp = Path(tmp)
        content = tmp / "content"
        shutil.copytree(args.content, content)
        out, html = tmp / "out", tmp / "html"
        # Fill the photo cache and write the HTML WeasyPrint renders (not timed).
        run_timed([py, "make_pdf.py", "--content", str(content), "--out", str(out), "--edition", "print",
                   "--emit-html", str(html), "-q"])
        cold, plain = [], []
        for _ in range(args.repeat):
            cold.append(run_timed([py, "make_pdf.py", "--content", str(content), "--out", str(out),
                                   "--edition", "print", "-q"]))
            plain.append(run_timed([weasyprint, str(html / "brochure-print.html"), str(tmp / "plain.pdf")]))
        seconds, rss, stdout, _ = run_timed([py, __file__, "--inner", "--content", str(content),
                                          "--out", str(out), "--edits", str(args.edits)])
        warm = json.loads(stdout.strip().splitlines()[-1])
        sizes = {"full build": (out / "brochure-print.pdf").stat().st_size,
                 "plain weasyprint": (tmp / "plain.pdf").stat().st_size,
                 "joined sections (watch)": warm["joined_size"],
                 "emitted HTML": (html / "brochure-print.html").stat().st_size}

    med = statistics.median
    cold_s, plain_s = med(r[0] for r in cold), med(r[0] for r in plain)
    cold_c, plain_c = med(r[3] for r in cold), med(r[3] for r in plain)
    print(f"machine: nproc={len(os.sched_getaffinity(0))} (os.cpu_count={os.cpu_count()}), "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"cold make_pdf.py          {cold_s:6.2f} s wall, {cold_c:.2f} s CPU  (medians of {args.repeat}; "
          f"wall {', '.join(f'{r[0]:.2f}' for r in cold)})")
    print(f"plain weasyprint CLI      {plain_s:6.2f} s wall, {plain_c:.2f} s CPU  (medians of {args.repeat}; "
          f"wall {', '.join(f'{r[0]:.2f}' for r in plain)})")
    print(f"ratio                     {cold_s / plain_s:6.2f} wall, {cold_c / plain_c:.2f} CPU  (target <= 1.15)")
    print(f"warm full rebuild         {med(warm['warm_full_sections']):6.2f} s  section-wise, all "
          f"sections laid out; {med(warm['warm_full_single']):.2f} s as one document")
    edits = warm["edit"]
    print(f"one-section edit rebuild  {med(edits):6.3f} s wall, {med(warm['edit_cpu']):.3f} s CPU  "
          f"(medians of {len(edits)}; wall max {max(edits):.3f} s; sections laid out: "
          f"{warm['laid_out']}) (target <= 0.3 s)")
    print(f"peak memory (max RSS)     make_pdf.py {max(r[1] for r in cold):.0f} MB, weasyprint "
          f"{max(r[1] for r in plain):.0f} MB, warm rebuild process {rss:.0f} MB (target <= 250 MB)")
    print("output sizes              " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sizes.items()))


if __name__ == "__main__":
    main()
