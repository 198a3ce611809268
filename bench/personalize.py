"""Benchmark of personalised batches: ``uv run python bench/personalize.py [--rows N] [--naive M]``.

Generates N rows, runs ``brochure personalize`` on them in a fresh process (as a user does),
and prints PDFs per second (overall, and once the shared pages are done), against the naive
way measured in the same run on M rows: laying out and writing the whole brochure per row
(in a warm process, so the ratio is not flattered by import time), and peak memory.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.run import run_timed  # noqa: E402

SURNAMES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "さくら", "翔", "結衣", "大輔", "陽菜"]


def write_rows(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "url", "file", "event"])
        for i in range(n):
            name = f"{SURNAMES[i % 10]} {GIVEN[(i // 10) % 10]}"
            w.writerow([name, f"https://example.com/recruit/c/{i:05d}?src=dm#apply", f"candidate-{i:05d}",
                        "合同就職説明会 東京会場"])


def naive(content: Path, out: Path, rows: int) -> float:
    """Seconds per row for the whole brochure laid out and written per row (warm process)."""
    from markupsafe import Markup

    from brochure.assets.qr import qr_svg
    from brochure.build import atomic_write, prepare
    from brochure.editions import EDITIONS
    from brochure.paths import STYLES, STYLESHEETS
    from brochure.press.finish import finish
    from brochure.personalize import QR_LABEL, Recipient, _Link
    from brochure.render.assets import build_views
    from brochure.render.html import render_html
    from brochure.render.pdf import render_pdf

    prepared = prepare(content, out)
    edition = EDITIONS["print"]
    views = build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=edition.dpi)
    render_pdf("<p>warm</p>", prepared.content_root, prepared.allowed_roots, cache=prepared.cache)  # import
    start = time.perf_counter()
    for i in range(rows):
        url = f"https://example.com/recruit/c/{i:05d}"
        cover = dataclasses.replace(views[0], recipient=Recipient(f"山田 {i}", "", _Link("recipient", url)),
                                    qr={**views[0].qr, "recipient": Markup(qr_svg(url, QR_LABEL))})
        html = render_html(prepared.brochure, [cover, *views[1:]], edition="print",
                           stylesheets=[STYLES / n for n in STYLESHEETS])
        pdf = render_pdf(html, prepared.content_root, prepared.allowed_roots, cache=prepared.cache)
        atomic_write(out / f"naive-{i}.pdf", finish(pdf.data, pdfx=edition.press, marks=False))
    return (time.perf_counter() - start) / rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=100)
    p.add_argument("--naive", type=int, default=4, help="rows built the naive way (default 4)")
    p.add_argument("--content", type=Path, default=ROOT / "content")
    p.add_argument("--inner-naive", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.inner_naive:
        print(json.dumps({"per_row": naive(args.content, args.out, args.naive)}))
        return

    brochure = str(Path(sys.executable).with_name("brochure"))
    with tempfile.TemporaryDirectory(prefix="brochure-bench-") as tmp:
        tmp = Path(tmp)
        content = tmp / "content"
        shutil.copytree(args.content, content)
        rows = tmp / "rows.csv"
        write_rows(rows, args.rows)
        out = tmp / "out"
        # Fill the photo cache first (not timed: photos are processed once per content).
        run_timed([sys.executable, "make_pdf.py", "--content", str(content), "--out", str(out),
                   "--edition", "print", "-q"])
        one = tmp / "one.csv"
        write_rows(one, 1)
        _, _, _, cpu_one = run_timed([brochure, "personalize", str(one), "--content", str(content),
                                      "--out", str(tmp / "one"), "-q"])
        wall, rss, stdout, cpu = run_timed([brochure, "personalize", str(rows), "--content", str(content),
                                            "--out", str(out), "--json"])
        events = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
        summary = next(e for e in events if e["event"] == "summary")
        shared = next(e for e in events if e["event"] == "shared")
        row_times = [e["time"] for e in events if e["event"] == "row"]
        steady = (len(row_times) - 1) / (row_times[-1] - row_times[0]) if len(row_times) > 1 else 0
        sizes = [f.stat().st_size for f in out.glob("candidate-*.pdf")]
        rerun, _, rerun_out, _ = run_timed([brochure, "personalize", str(rows), "--content", str(content),
                                            "--out", str(out), "--json"])
        skipped = json.loads(rerun_out.strip().splitlines()[-1])["skipped"]
        _, naive_rss, naive_out, _ = run_timed([sys.executable, __file__, "--inner-naive", "--content",
                                                str(content), "--out", str(out), "--naive", str(args.naive)])
        per_row_naive = json.loads(naive_out.strip().splitlines()[-1])["per_row"]

    print(f"machine: nproc={len(os.sched_getaffinity(0))}, load average {os.getloadavg()[0]:.2f}")
    print(f"batch of {args.rows} rows: {summary['written']} written, {summary['failed']} failed "
          f"in {wall:.2f} s wall ({cpu:.2f} s CPU over all processes)")
    print(f"PDFs/s overall            {summary['written'] / wall:6.1f}  (fresh process: imports, shared pages "
          f"{shared['seconds']:.2f} s, rows)")
    print(f"PDFs/s once shared done   {steady:6.1f}  (target >= 20)")
    per_row_cpu = (cpu - cpu_one) / (args.rows - 1)
    cores = len(os.sched_getaffinity(0))
    print(f"CPU per PDF (marginal)    {per_row_cpu * 1000:6.1f} ms  (batch CPU minus a 1-row batch's, per row): "
          f"{cores / per_row_cpu:.0f} PDFs/s if the {cores} cores were ours alone")
    print(f"naive full build per row  {per_row_naive:6.3f} s  ({1 / per_row_naive:.1f} PDFs/s, {args.naive} rows, "
          f"warm process)")
    print(f"speed-up vs naive         {steady * per_row_naive:6.1f}x steady, "
          f"{summary['written'] / wall * per_row_naive:.1f}x overall  (target >= 10x)")
    print(f"re-run (all up to date)   {rerun:6.2f} s, {skipped} skipped")
    print(f"peak memory (max RSS)     batch {rss:.0f} MB (largest process), naive {naive_rss:.0f} MB")
    if sizes:
        print(f"PDF size                  {sum(sizes) / len(sizes) / 1e6:.2f} MB average")


if __name__ == "__main__":
    main()
