"""Benchmark of personalised batches: ``uv run python bench/personalize.py [--rows N] [--naive M] [--edition E]``.

For each edition (screen and print by default), in one run:

- a batch of N generated rows by ``brochure personalize`` in a fresh process, as a user runs it
  (imports, shared pages and all rows included): PDFs per second, wall and CPU time;
- a batch of 1 row the same way: the batch's CPU time minus this one's, per extra row, is the
  *marginal* CPU time of a PDF;
- the naive way, measured in the same run on M rows: the whole brochure laid out and written
  per row, in a warm process (so imports do not flatter the ratio);
- the ratios: batch PDFs/s against naive PDFs/s (wall), the same on CPU time (independent of
  the number of cores and of other load on the machine), and the marginal CPU time per PDF as
  a share of one naive full build;
- peak memory (largest process) and a re-run with every row up to date.

Ratios mean something within one run only; absolute times depend on the machine and its load.
``--rows 10000 --edition screen`` is the scale check (peak memory ≤ 300 MB).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_timed(cmd: list[str]) -> tuple[float, float, str, float]:
    """(seconds, max RSS in MB, stdout, CPU seconds) of one child process, from wait4: CPU time
    (user + system) is printed next to wall time, as the machine may be shared."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode()}")
    return seconds, usage.ru_maxrss / 1024, out.decode(), usage.ru_utime + usage.ru_stime


SURNAMES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "さくら", "翔", "結衣", "大輔", "陽菜"]
TARGET_RATIO = {"screen": "target >= 15x", "print": "print was about 38x before"}
TARGET_MARGINAL = 0.05


def write_rows(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "url", "file", "event"])
        for i in range(n):
            name = f"{SURNAMES[i % 10]} {GIVEN[(i // 10) % 10]}"
            w.writerow([name, f"https://example.com/recruit/c/{i:05d}?src=dm#apply", f"candidate-{i:05d}",
                        "合同就職説明会 東京会場"])


def naive(content: Path, out: Path, rows: int, edition_name: str) -> dict:
    """Wall and CPU seconds per row for the whole brochure laid out and written per row."""
    from markupsafe import Markup

    from brochure.assets.qr import qr_svg
    from brochure.build import atomic_write, prepare
    from brochure.editions import EDITIONS
    from brochure.personalize import QR_LABEL, Recipient, _Link
    from brochure.press.finish import finish
    from brochure.press.links import tag_links
    from brochure.render.assets import build_views
    from brochure.render.html import render_html
    from brochure.render.pdf import render_pdf
    from brochure.themes import theme_of

    prepared = prepare(content, out)
    edition = EDITIONS[edition_name]
    views = build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=edition.dpi,
                        quality=edition.jpeg_quality, shared=prepared.shared)
    stylesheets = theme_of(prepared.brochure).stylesheets(edition.stylesheets)
    labels = {str(link.url): link.label for link in prepared.brochure.meta.links}
    render_pdf("<p>warm</p>", prepared.content_root, prepared.allowed_roots, cache=prepared.cache)  # import
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(rows):
        url = f"https://example.com/recruit/c/{i:05d}"
        cover = dataclasses.replace(views[0], recipient=Recipient(f"山田 {i}", "", _Link("recipient", url)),
                                    qr={**views[0].qr, "recipient": Markup(qr_svg(url, QR_LABEL))})
        html = render_html(prepared.brochure, [cover, *views[1:]], edition=edition.name, stylesheets=stylesheets)
        pdf = render_pdf(html, prepared.content_root, prepared.allowed_roots, cache=prepared.cache,
                         **edition.pdf_options)
        data = finish(tag_links(pdf.data, {**labels, url: QR_LABEL}), pdfx=edition.press, marks=False)
        atomic_write(out / f"naive-{i}.pdf", data)
    return {"wall": (time.perf_counter() - wall) / rows, "cpu": (time.process_time() - cpu) / rows}


def bench_edition(edition: str, tmp: Path, content: Path, rows: int, naive_rows: int) -> dict:
    brochure = str(Path(sys.executable).with_name("brochure"))
    batch_csv, one_csv = tmp / "rows.csv", tmp / "one.csv"
    out, one_out = tmp / f"out-{edition}", tmp / f"one-{edition}"
    # Fill the photo cache first (not timed: photos are fitted once per content and edition).
    run_timed([sys.executable, "make_pdf.py", "--content", str(content), "--out", str(out), "--edition", edition, "-q"])
    common = ["--content", str(content), "--edition", edition]
    _, _, _, cpu_one = run_timed([brochure, "personalize", str(one_csv), *common, "--out", str(one_out), "-q"])
    wall, rss, stdout, cpu = run_timed([brochure, "personalize", str(batch_csv), *common, "--out", str(out), "--json"])
    events = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    summary = next(e for e in events if e["event"] == "summary")
    shared = next(e for e in events if e["event"] == "shared")
    row_times = [e["time"] for e in events if e["event"] == "row"]
    steady = (len(row_times) - 1) / (row_times[-1] - row_times[0]) if len(row_times) > 1 else 0
    sizes = [f.stat().st_size for f in out.rglob("candidate-*.pdf")]
    rerun, _, rerun_out, _ = run_timed([brochure, "personalize", str(batch_csv), *common, "--out", str(out), "--json"])
    skipped = next(json.loads(line) for line in rerun_out.splitlines() if '"summary"' in line)["skipped"]
    _, naive_rss, naive_out, _ = run_timed([sys.executable, __file__, "--inner-naive", edition, "--content",
                                            str(content), "--out", str(tmp / f"naive-{edition}"),
                                            "--naive", str(naive_rows)])
    per_row = json.loads(naive_out.strip().splitlines()[-1])
    return dict(edition=edition, rows=rows, written=summary["written"], failed=summary["failed"], wall=wall,
                cpu=cpu, cpu_one=cpu_one, rss=rss, shared=shared["seconds"], steady=steady, rerun=rerun,
                skipped=skipped, naive=per_row, naive_rss=naive_rss, naive_rows=naive_rows,
                size=sum(sizes) / len(sizes) if sizes else 0)


def report(r: dict) -> None:
    e, n = r["edition"], r["rows"]
    rate = r["written"] / r["wall"]
    naive_rate = 1 / r["naive"]["wall"]
    marginal = (r["cpu"] - r["cpu_one"]) / (n - 1) if n > 1 else float("nan")
    print(f"\n{e} edition: batch of {n} rows in a fresh process, start-up included: {r['written']} written, "
          f"{r['failed']} failed in {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU (all processes)")
    print(f"  PDFs/s, batch with start-up      {rate:7.1f}   (shared pages {r['shared']:.2f} s)")
    print(f"  PDFs/s, once the shared are done {r['steady']:7.1f}")
    print(f"  naive full build per row         {r['naive']['wall']:7.3f} s wall, {r['naive']['cpu']:.3f} s CPU "
          f"({naive_rate:.2f} PDFs/s; {r['naive_rows']} rows, warm process)")
    print(f"  speed-up vs naive, PDFs/s        {rate / naive_rate:7.1f}x  ({TARGET_RATIO[e]})")
    print(f"  speed-up vs naive, CPU per PDF   {r['naive']['cpu'] / (r['cpu'] / n):7.1f}x  "
          f"(batch CPU with start-up / rows; independent of cores and load)")
    print(f"  marginal CPU per PDF             {marginal * 1000:7.1f} ms = {marginal / r['naive']['cpu'] * 100:.1f} % "
          f"of one full build (target <= {TARGET_MARGINAL * 100:.0f} %; {n}-row minus 1-row batch CPU, per row)")
    print(f"  re-run, all up to date           {r['rerun']:7.2f} s, {r['skipped']} skipped")
    print(f"  peak memory (largest process)    {r['rss']:7.0f} MB batch, {r['naive_rss']:.0f} MB naive")
    print(f"  PDF size                         {r['size'] / 1e6:7.2f} MB average")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=200)
    p.add_argument("--naive", type=int, default=3, help="rows built the naive way (default 3)")
    p.add_argument("--edition", choices=["screen", "print", "both"], default="both")
    p.add_argument("--content", type=Path, default=ROOT / "content")
    p.add_argument("--inner-naive", metavar="EDITION", help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.inner_naive:
        print(json.dumps(naive(args.content, args.out, args.naive, args.inner_naive)))
        return

    editions = ["screen", "print"] if args.edition == "both" else [args.edition]
    results = []
    with tempfile.TemporaryDirectory(prefix="brochure-bench-") as tmp:
        tmp = Path(tmp)
        # The photo cache of this run (inherited by every command): never the user's own.
        os.environ["BROCHURE_CACHE_DIR"] = str(tmp / "cache")
        content = tmp / "content"
        shutil.copytree(args.content, content)
        write_rows(tmp / "rows.csv", args.rows)
        write_rows(tmp / "one.csv", 1)
        for edition in editions:
            results.append(bench_edition(edition, tmp, content, args.rows, args.naive))
    print(f"machine: nproc={len(os.sched_getaffinity(0))}, load average {os.getloadavg()[0]:.2f} "
          f"(ratios are measured within this run)")
    for r in results:
        report(r)


if __name__ == "__main__":
    main()
