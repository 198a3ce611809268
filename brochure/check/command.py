"""``brochure check [--content DIR] [--out DIR] [--json] [--strict]``: the report and its exit status."""

from __future__ import annotations

import argparse
import sys

from ..messages import word
from .report import exit_status, human_report, json_report
from .run import run_checks


def check_command(args: argparse.Namespace) -> int:
    result = run_checks(args.content, args.out)
    how = word("cli.check.built" if result.rebuilt else "cli.check.reused")
    print(word("cli.check.checking", pdf=result.pdf, how=how), file=sys.stderr)
    if args.json:
        print(json_report(result.findings))
    else:
        print(human_report(result.findings, str(result.pdf)))
    return exit_status(result.findings, strict=getattr(args, "strict", False))
