"""Command line: ``brochure build`` (and ``make_pdf.py``, which is the same command), and
``brochure schema`` (JSON Schema of the content files, for editors)."""

from __future__ import annotations

import argparse
import gc
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from .errors import BrochureError, ContentErrors, InternalError
from .messages import DEFAULT_LANGUAGE, LANGUAGES, set_language, word
from .paths import DEFAULT_CONTENT, DEFAULT_OUT


def _io_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=DEFAULT_CONTENT,
                   help="content folder holding brochure.yaml (default: content/)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/)")
    _common_args(p)


def _common_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                   help="language of error messages: ja (default) or en")
    p.add_argument("--debug", action="store_true", help="show tracebacks")


def _output_args(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    group.add_argument("--json", action="store_true", help="print machine-readable JSON events, one per line")


def _emit_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--emit-html", type=Path, metavar="DIR",
                   help="also write the HTML WeasyPrint renders, with its files, into DIR")
    p.add_argument("--channel", metavar="ID",
                   help="tag links and QR codes with this channel's utm_* parameters (see 'channels:')")


def _reporter(args: argparse.Namespace):
    from .progress import Reporter

    return Reporter("json" if args.json else "quiet" if args.quiet else "rich")


def _build_args(p: argparse.ArgumentParser) -> None:
    _io_args(p)
    p.add_argument("--edition", choices=["print", "screen", "all"], default="all",
                   help="print (for the print shop), screen (for email and the web) or all "
                        "(both, sharing the work; default)")
    p.add_argument("--marks", action="store_true",
                   help="print edition on a larger sheet with Japanese crop marks (トンボ)")
    p.add_argument("--jobs", type=int, metavar="N",
                   help="processes to use: editions and photos in parallel (default: one per core; "
                        "1: everything in one process; also BROCHURE_JOBS)")
    _output_args(p)


@contextmanager
def _one_build_gc():
    """Garbage collection for one build in a short-lived process: the objects the imports made
    (kept until exit anyway) are left out of collections, and young objects are collected every
    10,000 allocations rather than 700. Laying out makes many short-lived objects: about 300
    collections took ≈90 ms of a cold build, now ≈30 ms. Restored afterwards."""
    threshold = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0  # a caller's own frozen objects stay as they are
    if freeze:
        gc.freeze()
    gc.set_threshold(10_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if freeze:
            gc.unfreeze()


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    editions = ("print", "screen") if args.edition == "all" else (args.edition,)
    reporter = _reporter(args)
    with _one_build_gc(), reporter.progress("building"):
        results = build(args.content, args.out, editions=editions, marks=args.marks,
                        emit_html=getattr(args, "emit_html", None), channel=getattr(args, "channel", None),
                        jobs=args.jobs)
    for result in results:
        note = f", {result.blank_pages} blank page(s) added for saddle stitching" if result.blank_pages else ""
        note += f"; {result.note}" if result.note else ""
        reporter.status(f"wrote {result.path} ({result.pages} pages{note})", event="written",
                        path=str(result.path), pages=result.pages, blank_pages=result.blank_pages,
                        edition=result.edition, layouts=result.layouts)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .content.schema import FILES, schema_text

    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for which, name in FILES.items():
            (args.write / name).write_text(schema_text(which), encoding="utf-8")
            print(f"wrote {args.write / name}")
        return 0
    sys.stdout.write(schema_text("section" if args.section else "brochure"))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from .watch import watch

    return watch(args.content, args.out, _reporter(args), edition=args.edition)


def cmd_personalize(args: argparse.Namespace) -> int:
    from .personalize import personalize

    return personalize(args.rows, args.content, args.out or args.default_out, _reporter(args),
                       edition=args.edition, jobs=args.jobs, force=args.force)


def cmd_impose(args: argparse.Namespace) -> int:
    from .build import atomic_write, build
    from .press.impose import impose_booklet

    if args.pdf is None:  # no PDF given: build the print edition from the content first
        [result] = build(args.content, args.out, editions=("print",))
        print(f"wrote {result.path} ({result.pages} pages)")
        source = result.path
    else:
        source = args.pdf
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise BrochureError(f"{source}: cannot read ({exc.strerror}) — give the path of a built PDF") from None
    imposed = impose_booklet(data, name=str(source))
    target = args.out.resolve() / "brochure-print-imposed.pdf"
    atomic_write(target, imposed)
    print(f"wrote {target} (A3 landscape, saddle-stitch order; print duplex, flip on short edge)")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .check.command import check_command

    return check_command(args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="brochure", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the brochure PDF")
    _build_args(b)
    _emit_arg(b)
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("schema", help="print the JSON Schema of brochure.yaml (or of a section file)")
    s.add_argument("--section", action="store_true", help="the schema of a section file")
    s.add_argument("--write", type=Path, metavar="DIR", help="write both schemas into DIR")
    _common_args(s)
    s.set_defaults(func=cmd_schema)
    i = sub.add_parser("impose", help="A4 pages two-up on A3 sheets in booklet order")
    _io_args(i)
    i.add_argument("pdf", type=Path, nargs="?",
                   help="PDF to impose (default: build the print edition from --content)")
    i.set_defaults(func=cmd_impose)
    c = sub.add_parser("check", help="preflight: check the content and the print PDF (exit 1 on errors)")
    c.add_argument("--content", type=Path, default=DEFAULT_CONTENT,
                   help="content folder holding brochure.yaml (default: content/)")
    c.add_argument("--out", type=Path, default=DEFAULT_OUT,
                   help="folder of the print PDF, built there if missing or older than its inputs")
    c.add_argument("--json", action="store_true", help="print the findings as JSON")
    _common_args(c)
    c.set_defaults(func=cmd_check)
    w = sub.add_parser("watch", help="build, then rebuild on every saved change")
    _io_args(w)
    w.add_argument("--edition", choices=["print", "screen"], default="print",
                   help="the edition to rebuild (default: print)")
    _output_args(w)
    w.set_defaults(func=cmd_watch)
    from .editions import EDITIONS

    pz = sub.add_parser("personalize", help="one PDF per CSV row, addressed on the cover")
    pz.add_argument("rows", type=Path, metavar="ROWS.csv",
                    help="UTF-8 (with or without BOM) or Shift_JIS CSV with columns name,url,file[,event]")
    pz.add_argument("--content", type=Path, default=DEFAULT_CONTENT,
                    help="content folder holding brochure.yaml (default: content/)")
    pz.add_argument("--out", type=Path, help="output folder (default: build/personalized/)")
    pz.add_argument("--edition", choices=sorted(EDITIONS), default="print", help="edition (default: print)")
    pz.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    pz.add_argument("--force", action="store_true", help="rewrite every row, even when up to date")
    pz.add_argument("--debug", action="store_true", help="show tracebacks")
    _output_args(pz)
    pz.set_defaults(func=cmd_personalize, default_out=DEFAULT_OUT / "personalized")
    return p


def _interrupt(signum, frame):  # SIGTERM (e.g. a CI timeout) cleans up like Ctrl-C
    raise KeyboardInterrupt


def run(func, args: argparse.Namespace) -> int:
    """Run a command; a BrochureError becomes its message on stderr, never a traceback."""
    lang = getattr(args, "lang", DEFAULT_LANGUAGE)
    set_language(lang)
    try:
        signal.signal(signal.SIGTERM, _interrupt)
    except ValueError:  # not the main thread (e.g. called from a test runner thread)
        pass
    try:
        return func(args)
    except ContentErrors as exc:
        if getattr(args, "debug", False):
            raise
        # One line per problem, starting with file:line so editors and terminals can jump there.
        print(exc.format(lang), file=sys.stderr)
        print(word("summary", lang, n=len(exc.errors)), file=sys.stderr)
        return exc.exit_status
    except BrochureError as exc:
        if getattr(args, "debug", False):
            raise
        print(f"{word('error', lang)}: {exc}".replace("\n", f"\n{word('error', lang)}: "), file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        if getattr(args, "debug", False):
            raise
        print(word("interrupted", lang), file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line, the traceback only with --debug
        if getattr(args, "debug", False):
            raise
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        print(f"{word('error', lang)}: {word('internal', lang, detail=detail)}", file=sys.stderr)
        return InternalError.exit_status


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return run(args.func, args)


def make_pdf_main(argv: list[str] | None = None) -> int:
    """``make_pdf.py [--content DIR] [--out DIR] [--edition E] [--marks] [--lang ja|en]``: build."""
    p = argparse.ArgumentParser(prog="make_pdf.py", description="Build the brochure PDF.")
    _build_args(p)
    _emit_arg(p)
    args = p.parse_args(argv)
    return run(cmd_build, args)
