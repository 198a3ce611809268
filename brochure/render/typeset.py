"""Japanese line-breaking helpers for templates.

WeasyPrint keeps kinsoku but breaks Japanese anywhere else; headings read better broken at
phrase (文節) boundaries. BudouX finds them; each phrase becomes an inline-block span, the
only form of BudouX output that steers WeasyPrint's line breaks (measured).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from .jtext import jtext_html, phrases_html


@lru_cache(maxsize=1024)
def phrases(text: str) -> Markup:
    """``<span class="ph">`` per BudouX phrase, escaped; line breaks in the text are kept."""
    # Each phrase with its 和欧間 spans; ruby markup: the base only (no room in headings).
    return Markup("<br>".join(phrases_html(line) for line in str(text).split("\n")))


@lru_cache(maxsize=1024)
def unit_phrases(text: str) -> Markup:
    """Like :func:`phrases`, for the name of an organisational unit (org-chart boxes)."""
    return Markup("<br>".join(phrases_html(line, unit_name=True) for line in str(text).split("\n")))


NAME_BREAK = re.compile(r"(?<=[・･=＝])|(?<=\s)(?=\S)")


@lru_cache(maxsize=1024)
def name_parts(text: str) -> Markup:
    """A person's name: each part (family name, given name; ・ between katakana parts) kept
    whole on its line, ruby and 和欧間 as in running text (``jtext``)."""
    parts = [part for part in NAME_BREAK.split(str(text)) if part]
    return Markup("".join(f'<span class="ph">{jtext_html(part, False)}</span>' for part in parts))
