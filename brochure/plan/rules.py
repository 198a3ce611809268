"""What makes a measured layout unacceptable beyond its page count: display type that
breaks badly. Display elements carry ``class="fit"`` and ``data-max-lines``; their lines
come from :func:`.measure.measure_pages`."""

from __future__ import annotations

import unicodedata

SHORT = 2  # a line of one or two characters alone (「を、」, 「DX」) is a bad break


def _letters(text: str) -> int:
    return sum(1 for c in text if not unicodedata.category(c).startswith(("P", "Z")))


def problems(view, part) -> list[str]:
    found = []
    for element in part.measure.fits:
        lines = [line.strip() for line in element.lines if line.strip()]
        if element.overflow_mm > 0:
            found.append(f"{element.name}: a phrase is {element.overflow_mm:.1f} mm wider than its box")
        elif len(lines) > element.max_lines:
            found.append(f"{element.name}: {len(lines)} lines (at most {element.max_lines})")
        elif len(lines) > 1 and any(_letters(line) <= SHORT for line in lines):
            short = next(line for line in lines if _letters(line) <= SHORT)
            found.append(f"{element.name}: 「{short}」 alone on a line")
    return found
