"""Command line: ``brochure build`` (and ``make_pdf.py``, which is the same command)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BrochureError
from .paths import DEFAULT_CONTENT, DEFAULT_OUT


def _build_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=DEFAULT_CONTENT,
                   help="content folder holding brochure.yaml (default: content/)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/)")
    p.add_argument("--edition", choices=["print", "screen", "all"], default="all",
                   help="print (for the print shop), screen (for email and the web) or all "
                        "(both, sharing the work; default)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    editions = ("print", "screen") if args.edition == "all" else (args.edition,)
    for result in build(args.content, args.out, editions=editions):
        note = f", {result.blank_pages} blank page(s) added for saddle stitching" if result.blank_pages else ""
        note += f"; {result.note}" if result.note else ""
        print(f"wrote {result.path} ({result.pages} pages{note})")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="brochure", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the brochure PDF")
    _build_args(b)
    b.set_defaults(func=cmd_build)
    return p


def run(func, args: argparse.Namespace) -> int:
    """Run a command; a BrochureError becomes its message on stderr, never a traceback."""
    try:
        return func(args)
    except BrochureError as exc:
        if getattr(args, "debug", False):
            raise
        print(f"error: {exc}".replace("\n", "\nerror: "), file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("interrupted; previous output left untouched", file=sys.stderr)
        return 130


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return run(args.func, args)


def make_pdf_main(argv: list[str] | None = None) -> int:
    """``make_pdf.py [--content DIR] [--out DIR]``: build without a subcommand."""
    p = argparse.ArgumentParser(prog="make_pdf.py", description="Build the brochure PDF.")
    _build_args(p)
    args = p.parse_args(argv)
    return run(cmd_build, args)
