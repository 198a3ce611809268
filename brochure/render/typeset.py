"""Japanese line-breaking helpers for templates.

WeasyPrint keeps kinsoku but breaks Japanese anywhere else; headings read better broken at
phrase (文節) boundaries. BudouX finds them; each phrase becomes an inline-block span, the
only form of BudouX output that steers WeasyPrint's line breaks (measured).
"""

from __future__ import annotations

from functools import lru_cache

import budoux
from markupsafe import Markup, escape

from .jtext import plain

_parser = budoux.load_default_japanese_parser()


@lru_cache(maxsize=1024)
def phrases(text: str) -> Markup:
    """``<span class="ph">`` per BudouX phrase, escaped; line breaks in the text are kept."""
    lines = plain(str(text)).split("\n")  # ruby markup: the base only (no room in headings)
    html = "<br>".join(
        "".join(f'<span class="ph">{escape(p)}</span>' for p in _parser.parse(line)) for line in lines)
    return Markup(html)
