"""``brochure check [--content DIR] [--out DIR] [--json] [--output-intent FILE.icc]
[--ink-limit N]``, or ``brochure check --pdf FILE``: the report and its exit status."""

from __future__ import annotations

import argparse
import sys

from .report import exit_status, human_report, json_report
from .run import run_checks, run_pdf_checks


def check_command(args: argparse.Namespace) -> int:
    output_intent, ink_limit = getattr(args, "output_intent", None), getattr(args, "ink_limit", None)
    if getattr(args, "pdf", None) is not None:
        result = run_pdf_checks(args.pdf, output_intent, ink_limit)
        print(f"checking {result.pdf} (PDF only: no content checks)", file=sys.stderr)
    else:
        result = run_checks(args.content, args.out, output_intent, ink_limit)
        how = "built" if result.rebuilt else "up to date, reused"
        print(f"checking {result.pdf} ({how})", file=sys.stderr)
    if args.json:
        print(json_report(result.findings))
    else:
        print(human_report(result.findings, str(result.pdf)))
    return exit_status(result.findings)
