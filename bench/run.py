"""Benchmark of build times: ``uv run python bench/run.py [--repeat N] [--content DIR]``.

Prints every figure as a ratio measured in the same run, on this machine, with its load
average (the machine may be shared: a ratio of wall times means little when the load is high,
read the CPU ratio then):

- ``make_pdf.py`` (both editions, photo cache filled) against the plain ``weasyprint`` command
  rendering the print edition's HTML alone (the HTML ``make_pdf.py --emit-html`` wrote: the
  same pages): the price of the second edition, our checks and PDF/X finishing;
- the same with an empty photo cache and a fresh output folder: a user's first build of new
  content (the tool's own caches — its compiled modules, WeasyPrint's parsed C declarations,
  the compiled templates — kept, as after any earlier run);
- the same with the cache folder empty altogether: the first run after installing;
- ``make_pdf.py --edition print`` (cache filled) against the same;
- the number of layouts of each edition in one build, and the planner's share of its planning:
  the seconds a build that knew its plan in advance would not spend (measuring and checking the
  layouts, choosing variants, the layouts tried and set aside);
- a one-section edit (an interview answer) rebuilt incrementally, the watch-mode path, against
  a warm full rebuild (every section laid out again, nothing carried from an earlier layout —
  no line, page or drawing: ``SectionRenderer.forget`` — in a process that already imported
  WeasyPrint and registered the fonts), and against a warm single-document layout;
- peak memory (max RSS) of each process, and output sizes.

Each ``make_pdf.py`` run is paired with a plain ``weasyprint`` run just before it; a ratio is the
median of the ``--repeat`` pairs' ratios.
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
# The cache folder's entries that depend on the tool, not on the content (brochure/bytecode.py,
# render/weasy.py, render/templatecache.py).
TOOL_CACHES = ("bytecode", "cffi", "templates")
sys.path.insert(0, str(ROOT))


class Meter:
    """Wall and CPU seconds and peak memory of child processes, one at a time."""

    def __init__(self, base_env: dict) -> None:
        self.base_env = base_env

    def run(self, cmd: list[str], env: dict | None = None) -> dict:
        before = os.times()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                                env={**self.base_env, **(env or {})})
        out = proc.stdout.read()
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        after = os.times()
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode()}")
        # wait4's usage covers the process itself; os.times() the grandchildren it waited for too.
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        return {"wall": wall, "cpu": cpu, "rss": usage.ru_maxrss / 1024, "out": out.decode()}


def inner(content: Path, out: Path, edits: int, fulls: int = 5) -> None:
    """The in-process measurements (run in a child so that its peak memory is its own), through
    the watch command's own rebuild (``Watcher.rebuild``: prepare, lay out what changed, join,
    write; garbage collected between rebuilds as ``brochure watch`` does)."""
    import io

    from brochure.build import prepare, render_edition
    from brochure.editions import EDITIONS
    from brochure.progress import Reporter
    from brochure.watch import Watcher, settle

    events = io.StringIO()
    watcher = Watcher(content, out / "watch", Reporter("json", events))

    def rebuild(changed=()) -> tuple[float, float, dict]:
        t, c = time.perf_counter(), time.process_time()
        assert watcher.rebuild(list(changed)), events.getvalue()
        seconds, cpu = time.perf_counter() - t, time.process_time() - c
        built = json.loads(events.getvalue().strip().splitlines()[-1])
        settle()
        return seconds, cpu, built

    rebuild()
    interview = content / "sections" / "interview-hirai.md"
    text = interview.read_text(encoding="utf-8")
    warm_full, single, edit_times, edit_cpu, laid_out = [], [], [], [], []
    for i in range(max(edits, fulls)):
        if i < fulls:  # interleaved, so that a drift of the machine's speed hits all alike
            watcher.renderer.forget()  # every laid-out section and line forgotten: a full, warm rebuild
            warm_full.append(rebuild()[0])
            t = time.perf_counter()
            render_edition(prepare(content, out), EDITIONS["print"])
            single.append(time.perf_counter() - t)
            settle()
            rebuild()  # every section cached again
        if i < edits:
            interview.write_text(text.replace("私の志は", f"私の志は（{i}回目の編集）", 1), encoding="utf-8")
            seconds, cpu, built = rebuild([str(interview)])
            edit_times.append(seconds)
            edit_cpu.append(cpu)
            laid_out.append(built["laid_out"])
    interview.write_text(text, encoding="utf-8")
    print(json.dumps({"warm_full_sections": warm_full, "warm_full_single": single,
                      "edit": edit_times, "edit_cpu": edit_cpu, "laid_out": laid_out,
                      "joined_size": (out / "watch" / "brochure-print.pdf").stat().st_size}))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--content", type=Path, default=ROOT / "content")
    p.add_argument("--repeat", type=int, default=3, help="pairs of each cold command (default 3)")
    p.add_argument("--edits", type=int, default=7, help="one-section edits to time (default 7)")
    p.add_argument("--full-rebuilds", type=int, default=5,
                   help="warm full rebuilds to time, between the first edits (default 5)")
    p.add_argument("--bytecode-cache", action="store_true",
                   help="let every command keep compiled Python modules (.pyc, in a temporary folder), "
                        "as on a machine where the tool is installed; by default the environment "
                        "decides (PYTHONDONTWRITEBYTECODE=1 compiles every module in every run)")
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.inner:
        return inner(args.content, args.out, args.edits, args.full_rebuilds)

    py = sys.executable
    weasyprint = str(Path(py).with_name("weasyprint"))
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="brochure-bench-") as tmp:
        tmp = Path(tmp)
        base_env = dict(os.environ)
        if args.bytecode_cache:
            base_env.pop("PYTHONDONTWRITEBYTECODE", None)
            base_env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        bytecode = ("kept (.pyc)" if not base_env.get("PYTHONDONTWRITEBYTECODE")
                    else "none: PYTHONDONTWRITEBYTECODE is set, every run compiles every module")
        meter = Meter(base_env)
        content = tmp / "content"
        shutil.copytree(args.content, content)
        out, html, cache = tmp / "out", tmp / "html", tmp / "cache"
        filled = {"BROCHURE_CACHE_DIR": str(cache)}  # never the user's own cache
        make_pdf = [py, "make_pdf.py", "--content", str(content)]
        # Fill the photo cache and write the HTML WeasyPrint renders (not timed).
        meter.run([*make_pdf, "--out", str(out), "--edition", "print", "--emit-html", str(html), "-q"], filled)
        plain_cmd = [weasyprint, str(html / "brochure-print.html"), str(tmp / "plain.pdf")]
        meter.run(plain_cmd)  # not timed: the same start for both (e.g. compiled modules kept)
        meter.run([*make_pdf, "--out", str(out), "-q"], filled)
        runs: dict[str, list[tuple[dict, dict]]] = {"both": [], "first": [], "install": [], "print": []}
        layouts: dict[str, int] = {}
        planner: dict[str, list[tuple[float, float, int]]] = {}  # edition → (planning s, overhead s, discarded)
        for i in range(args.repeat):
            plain = meter.run(plain_cmd)
            both = meter.run([*make_pdf, "--out", str(out), "--json"], filled)
            runs["both"].append((both, plain))
            for line in both["out"].splitlines():
                event = json.loads(line)
                if event.get("event") == "written":
                    layouts[event["edition"]] = event["layouts"]
                    planner.setdefault(event["edition"], []).append(
                        (event.get("plan_seconds") or 0.0, event.get("planner_overhead") or 0.0,
                         event.get("discarded_layouts") or 0))
            plain = meter.run(plain_cmd)
            fresh = {"BROCHURE_CACHE_DIR": str(tmp / f"empty-cache-{i}")}
            for name in TOOL_CACHES:  # the tool's own work, content-independent: kept
                if (cache / name).is_dir():
                    shutil.copytree(cache / name, tmp / f"empty-cache-{i}" / name)
            runs["first"].append((meter.run([*make_pdf, "--out", str(tmp / f"fresh-{i}"), "-q"], fresh), plain))
            plain = meter.run(plain_cmd)
            bare = {"BROCHURE_CACHE_DIR": str(tmp / f"bare-cache-{i}")}
            runs["install"].append((meter.run([*make_pdf, "--out", str(tmp / f"bare-{i}"), "-q"], bare), plain))
            plain = meter.run(plain_cmd)
            runs["print"].append((meter.run([*make_pdf, "--out", str(out), "--edition", "print", "-q"], filled), plain))
        warm_run = meter.run([py, __file__, "--inner", "--content", str(content), "--out", str(out),
                              "--edits", str(args.edits), "--full-rebuilds", str(args.full_rebuilds)], filled)
        warm = json.loads(warm_run["out"].strip().splitlines()[-1])
        sizes = {"print": (out / "brochure-print.pdf").stat().st_size,
                 "screen": (out / "brochure-screen.pdf").stat().st_size,
                 "plain weasyprint": (tmp / "plain.pdf").stat().st_size,
                 "joined sections (watch)": warm["joined_size"],
                 "emitted HTML": (html / "brochure-print.html").stat().st_size}
    load_after = os.getloadavg()

    med = statistics.median
    print(f"machine: nproc={len(os.sched_getaffinity(0))}, load average {load_before[0]:.2f} at the start, "
          f"{load_after[0]:.2f} at the end (1 min); Python bytecode: {bytecode}")
    plain_all = [pl for pairs in runs.values() for _, pl in pairs]
    print(f"plain weasyprint (print HTML)   {med(r['wall'] for r in plain_all):5.2f} s wall, "
          f"{med(r['cpu'] for r in plain_all):.2f} s CPU (median of {len(plain_all)}): the yardstick")
    labels = {"both": ("make_pdf.py, both editions", "cache filled", 1.1),
              "first": ("make_pdf.py, both editions", "empty photo cache, new --out", 1.25),
              "install": ("make_pdf.py, both editions", "cache folder empty", None),
              "print": ("make_pdf.py --edition print", "cache filled", None)}
    for key, (what, how, target) in labels.items():
        pairs = runs[key]
        wall = med(a["wall"] / b["wall"] for a, b in pairs)
        cpu = med(a["cpu"] / b["cpu"] for a, b in pairs)
        goal = f"  (target <= {target})" if target else ""
        seconds = ", ".join(f"{a['wall']:.2f}/{b['wall']:.2f}" for a, b in pairs)
        print(f"{what:28s} {how:24s} {wall:5.2f}x wall, {cpu:.2f}x CPU  of plain weasyprint "
              f"(pairs: {seconds} s){goal}")
    print("layouts per edition           " + ", ".join(f"{k} {v}" for k, v in layouts.items())
          + "  (one build of both editions)")
    for edition, runs_of in planner.items():
        plan_s = med(p for p, _, _ in runs_of)
        over = med(o for _, o, _ in runs_of)
        print(f"planner's share ({edition:6s})      {over / plan_s if plan_s else 0:5.1%} of its planning "
              f"({over:.2f} of {plan_s:.2f} s: measuring, checking, choosing, "
              f"{max(d for _, _, d in runs_of)} layouts set aside; the rest is the layout a build needs anyway)")
    full, single, edits = med(warm["warm_full_sections"]), med(warm["warm_full_single"]), warm["edit"]
    print(f"one-section edit (watch)      {med(edits) / full:5.3f}x a warm full rebuild (section-wise), "
          f"{med(edits) / single:.3f}x a warm one-document layout  (target <= 0.12)")
    print(f"  (edit {med(edits):.3f} s wall, {med(warm['edit_cpu']):.3f} s CPU, median of {len(edits)}, "
          f"sections laid out {warm['laid_out']}; warm full {full:.2f} s, one document {single:.2f} s, "
          f"medians of {len(warm['warm_full_sections'])})")
    print(f"peak memory (max RSS)         make_pdf.py {max(a['rss'] for p in runs.values() for a, _ in p):.0f} MB "
          f"(largest process), weasyprint {max(r['rss'] for r in plain_all):.0f} MB, warm rebuild process "
          f"{warm_run['rss']:.0f} MB")
    print("output sizes                  " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sizes.items()))


if __name__ == "__main__":
    main()
