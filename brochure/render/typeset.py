"""Japanese line-breaking helpers for templates.

WeasyPrint keeps kinsoku but breaks Japanese anywhere else; headings read better broken at
phrase (文節) boundaries. BudouX finds them; each phrase becomes an inline-block span, the
only form of BudouX output that steers WeasyPrint's line breaks (measured).
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from .jtext import phrases_html


@lru_cache(maxsize=1024)
def phrases(text: str) -> Markup:
    """``<span class="ph">`` per BudouX phrase, escaped; line breaks in the text are kept."""
    # Each phrase with its 和欧間 spans; ruby markup: the base only (no room in headings).
    return Markup("<br>".join(phrases_html(line) for line in str(text).split("\n")))
