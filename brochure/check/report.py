"""Findings → a human report (one line each) or JSON; and the exit status they mean."""

from __future__ import annotations

import json

from .findings import ERROR, WARNING, Finding, sort_key


def exit_status(findings: list[Finding]) -> int:
    """1 if anything must be fixed before the PDF goes to the printer, else 0."""
    return 1 if any(f.severity == ERROR for f in findings) else 0


def where(f: Finding) -> str:
    """``file:line field`` of a content finding ('' for findings about the PDF only)."""
    if not f.file:
        return ""
    text = f.file + (f":{f.line}" if f.line else "")
    return f"{text} {f.field}" if f.field else text


def human_line(f: Finding) -> str:
    page = f"p.{f.page:02d}" if f.page else "doc "
    parts = [f"{f.severity.upper():7}", page, f"[{f.code}]"]
    location = where(f)
    if location:
        parts.append(location + ":")
    elif f.object:  # a finding about the PDF itself: which object
        parts.append(f"{f.object}:")
    text = " ".join(parts) + " " + f.message
    if f.hint:
        text += f" — {f.hint}"
    return text


def human_report(findings: list[Finding], pdf_path: str) -> str:
    ordered = sorted(findings, key=sort_key)
    errors = sum(f.severity == ERROR for f in ordered)
    warnings = sum(f.severity == WARNING for f in ordered)  # "info" lines are measurements
    lines = [human_line(f) for f in ordered]
    verdict = "NOT ready for print" if errors else "ready for print"
    lines.append(f"{pdf_path}: {errors} error(s), {warnings} warning(s): {verdict}")
    return "\n".join(lines)


def json_report(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in sorted(findings, key=sort_key)], ensure_ascii=False, indent=2)
