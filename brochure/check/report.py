"""Findings → a human report (one line each) or JSON; the verdict and the exit status they mean.

The verdict is honest: "ready for print" only when nothing is left, neither an error nor a
sample value (placeholder photo, sample link or name, an alt text still calling its photo a
sample). With sample values left, it says how many remain and that they must be replaced first;
``--strict`` (for CI) then exits with status 1 as for errors.
"""

from __future__ import annotations

import json

from ..messages import phrase, word
from .findings import ERROR, WARNING, Finding, sort_key


def exit_status(findings: list[Finding], strict: bool = False) -> int:
    """1 if anything must be fixed before the PDF goes to the printer (with ``strict``, sample
    values too), else 0."""
    if any(f.severity == ERROR for f in findings):
        return 1
    return 1 if strict and any(f.is_sample for f in findings) else 0


def verdict(findings: list[Finding]):
    """The report's last word, as a phrase to print in the process language."""
    if any(f.severity == ERROR for f in findings):
        return phrase("verdict.errors")
    samples = sum(f.is_sample for f in findings)
    if samples:
        return phrase("verdict.samples", n=samples)
    return phrase("verdict.ready")


def where(f: Finding) -> str:
    """``file:line field`` of a content finding ('' for findings about the PDF only)."""
    if not f.file:
        return ""
    text = f.file + (f":{f.line}" if f.line else "")
    return f"{text} {f.field}" if f.field else text


def human_line(f: Finding) -> str:
    labels = {ERROR: word("severity.error"), "warning": word("severity.warning"), "info": word("severity.info")}
    width = max(len(label) for label in labels.values())
    page = word("report.page", page=f.page) if f.page else word("report.document")
    parts = [labels[f.severity].ljust(width), page, f"[{f.code}]"]
    location = where(f)
    if location:
        parts.append(location + ":")
    elif f.object:  # a finding about the PDF itself: which object
        parts.append(f"{f.object}:")
    text = " ".join(parts) + " " + f.what()
    hint = f.todo()
    if hint:
        text += f" — {hint}"
    return text


def human_report(findings: list[Finding], pdf_path: str) -> str:
    ordered = sorted(findings, key=sort_key)
    errors = sum(f.severity == ERROR for f in ordered)
    warnings = sum(f.severity == WARNING for f in ordered)
    # "info" findings are measurements (each page's ink): in --json, not among the problems.
    lines = [human_line(f) for f in ordered if f.severity in (ERROR, WARNING)]
    lines.append(word("report.summary", pdf=pdf_path, errors=errors, warnings=warnings, verdict=verdict(ordered)))
    return "\n".join(lines)


def json_report(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in sorted(findings, key=sort_key)], ensure_ascii=False, indent=2)
