"""Mutation run: break a guarantee on purpose, in a copy of the repository, and see whether the
tests that claim it fail. Opt-in and slow (each mutation runs its tests on a fresh copy):

    uv run python tests/mutations.py              # every mutation, then a table caught/survived
    uv run python tests/mutations.py --list       # the mutations and the tests each one runs
    uv run python tests/mutations.py NAME ...     # only these
    uv run python tests/mutations.py --baseline   # the same test selections on an unmutated copy

Each mutation is an exact text edit (``old`` → ``new``, found exactly ``count`` times, else the
mutation is reported "stale": the code moved, update the edit). The copy is made with
``shutil.copytree`` of the working tree (without .git, .venv, build output and caches; the
pdf.js modules linked), in a temporary folder that is deleted afterwards; the working tree is
never written. The tests run in the copy with this interpreter and ``PYTHONPATH`` set to the
copy, so they import the mutated ``brochure`` (checked before each run).

Outcomes: "caught" (a test failed), "SURVIVED" (every selected test passed), "error" (pytest
could not run the selection: collection error, no test selected), "stale", "timeout". Exit
status 0 when every mutation is caught, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(".git", ".venv", "build", "__pycache__", ".pytest_cache", "node_modules",
                                "output", "*.pyc")


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str  # relative to the repository
    old: str
    new: str
    tests: tuple[str, ...]  # pytest arguments: files, node ids, -k expressions
    what: str
    count: int = 1  # how many times ``old`` occurs (every one is replaced)


M = Mutation
MUTATIONS: list[Mutation] = [
    # --- the eight breakages of issue 20 ---------------------------------------------------
    M("fetcher-cache-traversal", "brochure/render/fetcher.py",
      '            if not path.is_relative_to(self.cache):\n                raise RefusedResource(url, phrase("fetch.cache"))\n',
      "", ("tests/test_safety.py",),
      "the fetcher's '..' check for brochure-cache: URLs removed"),
    M("atomic-write-all-renames-early", "brochure/build.py",
      "            write_temp(path, data, durable, temps)  # mode 0666 less the umask, never changed\n"
      "        for (_, tmp), (path, _) in zip(temps, files):  # microseconds: the only window where files change\n"
      "            os.replace(tmp, path)\n",
      "            write_temp(path, data, durable, temps)\n            os.replace(temps[-1][1], path)\n",
      ("tests/test_build_safety.py", "-k", "interrupted"),
      "atomic_write_all renames each file as soon as it is written (no longer all-or-nothing)"),
    M("pdfx-direct-group-shading", "brochure/press/pdfx.py",
      '        for sub in ("/Shading", "/Group"):', "        for sub in ():",
      ("tests/test_press.py", "-k", "pdfx4_output_intent"),
      "direct /Group and /Shading dictionaries keep /DeviceRGB in the PDF/X edition"),
    M("justify-gaps-inside-latin-words", "brochure/render/justify.py",
      "NONE if (is_latin_word_char(c) or c in _LATIN_MARKS) else JA", "NONE if (c in _LATIN_MARKS) else JA",
      ("tests/test_typeset_mechanisms.py", "tests/test_typeset.py"),
      'justification gaps also inside Latin words ("S m a r t")'),
    M("warm-stylesheets-never-reparsed", "brochure/render/pdf.py",
      "        if known is not None and known[0] == stamp:", "        if known is not None:",
      ("tests/test_fast_rebuild.py", "-k", "watch"),
      "a parsed stylesheet is reused after its file changed"),
    M("font-failure-patterns-removed", "brochure/render/pdf.py",
      '    "Failed to load font",\n    "Font-face",\n', "",
      ("tests/test_bad_input.py", "-k", "font"),
      "WeasyPrint's font warnings no longer fail the build"),
    M("footer-moved-2mm", "styles/base.css", "    padding-top: 8mm;\n", "    padding-top: 10mm;\n",
      ("tests/visual/test_visual.py", "-k", "every_page_matches"),
      "every running footer 2 mm lower", count=2),
    M("outline-label-heading-only", "brochure/render/outline.py",
      "    parts = [part for part in (label, heading) if part]",
      "    parts = [part for part in (heading or label,) if part]",
      ("tests/test_screen_edition.py", "-k", "outline"),
      "bookmark labels reduced to the heading"),
    M("utm-content-dropped", "brochure/content/channels.py",
      '            "utm_campaign": channel.campaign, "utm_content": channel.content}',
      '            "utm_campaign": channel.campaign, "utm_content": None}',
      ("tests/test_channels_personalize.py", "-k", "channel_build"),
      "a channel's utm_content no longer added to its links"),
    # --- a wider set ---------------------------------------------------------------------------
    M("fetcher-outside-roots", "brochure/render/fetcher.py",
      "        if not any(path.is_relative_to(root) for root in self.roots):",
      "        if False:", ("tests/test_safety.py",),
      "the fetcher serves file: URLs outside the allowed folders"),
    M("fetcher-any-host", "brochure/render/fetcher.py",
      '    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):',
      '    if parts.scheme != "file" or parts.netloc not in ("", "localhost", "127.0.0.1"):',
      ("tests/test_safety.py",),
      "file://127.0.0.1/… (a file on another host) accepted"),
    M("atomic-write-leaves-tmp", "brochure/build.py",
      "        for _, tmp in temps:\n            tmp.unlink(missing_ok=True)\n",
      "        for _, tmp in temps:\n            pass\n",
      ("tests/test_build_safety.py", "-k", "interrupted"),
      "an interrupted write leaves its .tmp files"),
    M("emit-rewrites-text", "brochure/render/emit.py",
      "FILE_URL = re.compile(_LOADED + r'(file://[^\"\\'\\s)]+)')",
      "FILE_URL = re.compile(r'()(file://[^\"\\'\\s)]+)')",
      ("tests/test_emit_html.py",),
      "--emit-html rewrites file:// in text too (issue 20 defect 2 back)"),
    M("check-safe-margin-3mm", "brochure/check/margins.py", "SAFE_MM = 5.0", "SAFE_MM = 3.0",
      ("tests/test_check.py", "-k", "4mm_inside"),
      "check's safe margin 3 mm instead of 5 mm"),
    M("qr-encodes-other-url", "brochure/assets/qr.py", "    qr.add_data(data)\n",
      '    qr.add_data(data.rstrip("/"))\n',
      ("tests/test_sample_brochure.py", "-k", "qr"),
      "the QR code encodes the URL without its trailing slash"),
    M("qr-no-quiet-zone", "brochure/assets/qr.py", "border=QUIET_ZONE", "border=0",
      ("tests/test_sample_brochure.py", "-k", "qr"),
      "QR codes without their quiet zone"),
    M("outline-sub-headings-top-level", "styles/outline.css", ".section h2 { bookmark-level: 2; }",
      ".section h2 { bookmark-level: 1; }",
      ("tests/test_screen_edition.py", "-k", "outline"),
      "sub-headings become top-level bookmarks"),
    M("bleed-2mm", "styles/base.css", "  bleed: 3mm;\n", "  bleed: 2mm;\n",
      ("tests/test_press.py", "-k", "bleed"),
      "2 mm bleed instead of 3 mm"),
    M("marks-shorter", "brochure/press/marks.py", "MARK = 10 * MM", "MARK = 6 * MM",
      ("tests/test_press.py", "-k", "marks"),
      "crop marks 6 mm long instead of 10 mm"),
    M("saddle-stitch-back-swapped", "brochure/press/impose.py",
      "        sides.append((low + 1, high - 1))  # back", "        sides.append((high - 1, low + 1))  # back",
      ("tests/test_press.py", "-k", "saddle or impose"),
      "the back of each imposed sheet has its two pages swapped"),
    M("kinsoku-small-katakana", "brochure/render/jtext.py", "ァィゥェォッャュョヮヵヶ", "ァィゥェォヮヵヶ",
      ("tests/test_typeset_mechanisms.py", "-k", "kinsoku"),
      "small ッャュョ allowed at a line start"),
    M("justify-wa-cap-doubled", "brochure/render/justify.py",
      "        if count[kind] and left_over > 0:\n            spacing[kind] = min(left_over / count[kind], cap * em)",
      "        if count[kind] and left_over > 0:\n            spacing[kind] = min(left_over / count[kind], 2 * cap * em)",
      ("tests/test_typeset.py", "tests/test_typeset_mechanisms.py"),
      "justification may open gaps twice as wide as the caps"),
    M("cache-name-ignores-data", "brochure/assets/cachefile.py",
      '    return f"{key}-{digest(data)}{suffix}"', '    return f"{key}-{digest(b"")}{suffix}"',
      ("tests/test_fast_rebuild.py", "-k", "changed_photo"),
      "a cache entry's name no longer seals its bytes"),
    M("section-renderer-keeps-first-sheets", "brochure/render/sections.py",
      "        if key != self._css_key:", "        if not self._css_key:",
      ("tests/test_fast_rebuild.py", "-k", "watch"),
      "the section-wise renderer keeps the stylesheets of its first build"),
    M("pdfx-links-kept", "brochure/press/pdfx.py",
      "        keep = [a for a in annots if a.get(\"/Subtype\") in (Name.TrapNet, Name.PrinterMark)]",
      "        keep = list(annots)",
      ("tests/test_press.py", "-k", "pdfx4_output_intent"),
      "link annotations left in the PDF/X edition"),
    M("tofu-check-off", "brochure/check/run.py",
      "CHECKS = (check_tofu, check_fonts,", "CHECKS = (check_fonts,",
      ("tests/test_check.py", "-k", "emoji"),
      "brochure check no longer reports characters no font has"),
    M("check-page-count-multiple-of-2", "brochure/check/pages.py", "    if count % 4 == 0:", "    if count % 2 == 0:",
      ("tests/test_check.py", "-k", "divisible_by_4"),
      "check accepts a page count that is even but not a multiple of 4"),
    # --- watch mode's carrying (render/boxprints.py, render/pagecarry.py) -------------------
    M("box-print-ignores-text", "brochure/render/boxprints.py",
      '    return (type(box).__name__, sig, box.element_tag, getattr(box, "text", None), box.style["font_size"],',
      '    return (type(box).__name__, sig, box.element_tag, None, box.style["font_size"],',
      ("tests/test_fast_rebuild.py", "-k", "carries"),
      "a line is carried, a page taken whole, whatever their text"),
    M("page-print-ignores-text", "brochure/render/boxprints.py",
      '        entry = (type(box).__name__, sig, box.element_tag, getattr(box, "text", None),\n'
      '                 box.style["font_size"], len(children), geometry)',
      '        entry = (type(box).__name__, sig, box.element_tag, None,\n'
      '                 box.style["font_size"], len(children), geometry)',
      ("tests/test_fast_rebuild.py", "-k", "carries"),
      "a page keeps its earlier drawing whatever its text"),
    M("font-folder-left-behind", "brochure/render/weasy.py",
      "                tempfolders.register(self._folder)\n",
      "                pass\n",
      ("tests/test_build_safety.py", "-k", "temporary"),
      "every run leaves WeasyPrint's 29 MB font folder in the temporary folder"),
    M("style-carry-by-tag", "brochure/render/stylecarry.py",
      "        sig = sigs.get(id(etree_element))\n",
      "        sig = str(etree_element.tag).encode()\n",
      ("tests/test_fast_rebuild.py", "-k", "carries or style_rules"),
      "an element's style rules are carried from any element of the same tag"),
    M("style-carry-rules-before-style-attribute", "brochure/render/stylecarry.py",
      "                if old_weight is None or old_weight <= entry[1]:",
      "                if old_weight is None:",
      ("tests/test_fast_rebuild.py", "-k", "carries or style_rules"),
      "a carried rule never overrides an element's style attribute, whatever their weights"),
    M("margin-carry-ignores-strings", "brochure/render/pagecarry.py",
      "    return boxprints.packed((context.current_page, page.page_type, box, state, strings))",
      "    return boxprints.packed((context.current_page, page.page_type, box, state))",
      ("tests/test_fast_rebuild.py", "-k", "margin"),
      "a page's margin boxes are carried whatever the strings they show (running heads)"),
    M("margin-carry-ignores-page-state", "brochure/render/pagecarry.py",
      "    return boxprints.packed((context.current_page, page.page_type, box, state, strings))",
      "    return boxprints.packed((context.current_page, page.page_type, box, strings))",
      ("tests/test_fast_rebuild.py", "-k", "margin"),
      "a page's margin boxes are carried whatever its counters (page numbers, page count)"),
    M("font-carry-ignores-glyphs", "brochure/render/fontcarry.py",
      "        key = (_face_key(self), tuple(sorted(to_unicode)), bool(hinting), bool(self.missing))",
      "        key = (_face_key(self), bool(hinting), bool(self.missing))",
      ("tests/test_fast_rebuild.py", "-k", "carries"),
      "a face's subset is taken from an earlier write whatever glyphs it needs now"),
    M("widened-font-ignores-added-glyphs", "brochure/render/fontcarry.py",
      "    key = (blake2b(data, digest_size=16).digest(), tuple(glyphs))\n",
      "    key = (blake2b(data, digest_size=16).digest(),)\n",
      ("tests/test_fast_rebuild.py", "-k", "carries or widened"),
      "a widened font is taken from an earlier write whatever glyphs it must add"),
    M("page-carry-ignores-the-rest", "brochure/render/pagecarry.py",
      'filed["rest"] == rest and filed["state"] == state', 'filed["state"] == state',
      ("tests/test_fast_rebuild.py", "-k", "carries"),
      "a page is taken whole whatever content follows its start"),
]


def _apply(copy: Path, m: Mutation) -> str | None:
    path = copy / m.file
    if not path.is_file():
        return f"{m.file} not found"
    text = path.read_text(encoding="utf-8")
    found = text.count(m.old)
    if found != m.count:
        return f"{m.old[:40]!r} found {found} times in {m.file}, expected {m.count}"
    path.unlink()  # a new file, whatever links the copy made
    path.write_text(text.replace(m.old, m.new), encoding="utf-8")
    return None


def _copy() -> Path:
    base = Path(tempfile.mkdtemp(prefix="brochure-mutant-"))
    copy = base / "repo"
    shutil.copytree(ROOT, copy, ignore=IGNORE, symlinks=True)
    modules = ROOT / "tests" / "js" / "node_modules"
    if modules.is_dir():
        (copy / "tests" / "js" / "node_modules").symlink_to(modules)
    return copy


def _env(copy: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(copy), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("BROCHURE_CACHE_DIR", None)  # each test session makes its own
    return env


def run_one(m: Mutation | None, tests: tuple[str, ...], timeout: int, show: bool = False) -> tuple[str, float, str]:
    started = time.monotonic()
    copy = _copy()
    try:
        if m is not None and (problem := _apply(copy, m)):
            return "stale", 0.0, problem
        env = _env(copy)
        where = subprocess.run([sys.executable, "-c", "import brochure; print(brochure.__file__)"], cwd=copy,
                               env=env, capture_output=True, text=True).stdout.strip()
        if not Path(where).is_relative_to(copy):
            return "error", 0.0, f"the copy's brochure is not the one imported ({where})"
        args = [sys.executable, "-m", "pytest", *tests, "-n", "0", "-q", "-x", "-p", "no:cacheprovider",
                "--no-header", "-rf"]
        try:
            proc = subprocess.run(args, cwd=copy, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "timeout", time.monotonic() - started, f"over {timeout} s"
        if show:
            print(proc.stdout[-6000:], proc.stderr[-2000:], sep="\n", flush=True)
        lines = [line for line in proc.stdout.splitlines() if line.strip()]
        summary = lines[-1] if lines else proc.stderr.strip()[-200:]
        failed = [line.split(" - ")[0] for line in proc.stdout.splitlines() if line.startswith("FAILED ")]
        outcome = {0: "SURVIVED", 1: "caught"}.get(proc.returncode, "error")
        if m is None:
            outcome = {0: "green", 1: "RED"}.get(proc.returncode, "error")
        detail = summary.strip("= ")
        if failed:
            detail += f" — {failed[0].removeprefix('FAILED ')}"
        return outcome, time.monotonic() - started, detail
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="mutations to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutations and their tests")
    parser.add_argument("--baseline", action="store_true",
                        help="run each selection on an unmutated copy (every one must be green)")
    parser.add_argument("--show", action="store_true", help="print the end of each pytest output")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per mutation (default 900)")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.names or m.name in args.names]
    unknown = set(args.names) - {m.name for m in MUTATIONS}
    if unknown:
        parser.error(f"unknown mutation(s): {', '.join(sorted(unknown))}")
    if args.list:
        for m in chosen:
            print(f"{m.name:34} {m.file:32} {' '.join(m.tests)}\n{'':34} {m.what}")
        return 0
    rows = []
    for m in chosen:
        outcome, seconds, detail = run_one(None if args.baseline else m, m.tests, args.timeout, args.show)
        rows.append((m, outcome, seconds, detail))
        print(f"{m.name:34} {outcome:9} {seconds:6.0f} s  {detail}", flush=True)
    print()
    print("| mutation | what it breaks | tests run | outcome | seconds | detail |")
    print("|---|---|---|---|---|---|")
    for m, outcome, seconds, detail in rows:
        print(f"| {m.name} | {m.what} | `{' '.join(m.tests)}` | {outcome} | {seconds:.0f} | {detail} |")
    good = {"green"} if args.baseline else {"caught"}
    bad = [m.name for m, outcome, _, _ in rows if outcome not in good]
    print(f"\n{len(rows) - len(bad)} of {len(rows)} {'green' if args.baseline else 'caught'}"
          + (f"; not: {', '.join(bad)}" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
