"""``brochure check [--content DIR] [--out DIR] [--json] [--strict] [--output-intent FILE.icc]
[--ink-limit N]``, or ``brochure check --pdf FILE``: the report and its exit status."""

from __future__ import annotations

import argparse
import sys

from ..messages import word
from .report import exit_status, human_report, json_report
from .run import run_checks, run_pdf_checks


def check_command(args: argparse.Namespace) -> int:
    output_intent, ink_limit = getattr(args, "output_intent", None), getattr(args, "ink_limit", None)
    if getattr(args, "pdf", None) is not None:
        result = run_pdf_checks(args.pdf, output_intent, ink_limit)
        print(word("cli.check.checking", pdf=result.pdf, how=word("cli.check.pdf_only")), file=sys.stderr)
    else:
        result = run_checks(args.content, args.out, output_intent, ink_limit)
        how = word("cli.check.built" if result.rebuilt else "cli.check.reused")
        print(word("cli.check.checking", pdf=result.pdf, how=how), file=sys.stderr)
    if args.json:
        print(json_report(result.findings))
    else:
        print(human_report(result.findings, str(result.pdf)))
    return exit_status(result.findings, strict=getattr(args, "strict", False))
