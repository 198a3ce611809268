"""How wide Japanese text sets, before any layout: the em-square estimate.

Japanese is set solid on a square grid: a line ``width`` wide at ``size`` holds about
``width / size`` full-width characters; Latin letters and digits take about half a square.
Used where boxes are sized from their text ahead of layout (the org chart) and by the page
planner's estimates (``plan.estimate``); the real layout has the last word.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .markup import plain

PT_MM = 25.4 / 72
_WIDE = re.compile(r"[^\x00-\u2e7f]+")  # from U+2E80 (CJK radicals) up: one square


@lru_cache(maxsize=4096)  # the planner asks again for the same texts in each variant it weighs
def squares(text: str) -> float:
    """Width of a text in em squares: full-width characters 1, Latin ones about half."""
    text = plain(text).replace("\n", "").replace("\r", "")
    narrow = len(_WIDE.sub("", text))
    return narrow * 0.55 + (len(text) - narrow)


def lines(text: str, width_mm: float, size_pt: float, indent_em: float = 0.0) -> int:
    """Lines a paragraph takes in a column ``width_mm`` wide at ``size_pt``."""
    per_line = max(1.0, width_mm / (size_pt * PT_MM))
    return max(1, math.ceil((squares(text) + indent_em) / per_line))
