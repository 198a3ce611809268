"""``brochure check [--content DIR] [--out DIR] [--json]``: the report and its exit status."""

from __future__ import annotations

import argparse
import sys

from .report import exit_status, human_report, json_report
from .run import run_checks


def check_command(args: argparse.Namespace) -> int:
    result = run_checks(args.content, args.out)
    how = "built" if result.rebuilt else "up to date, reused"
    print(f"checking {result.pdf} ({how})", file=sys.stderr)
    if args.json:
        print(json_report(result.findings))
    else:
        print(human_report(result.findings, str(result.pdf)))
    return exit_status(result.findings)
