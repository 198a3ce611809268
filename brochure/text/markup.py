"""The content's own markup inside text fields: ruby written ``{base|reading}``, or
``{base|reading|reading…}`` with a reading per character (README, "Japanese text"). Validation (``content.markdown_check``) and composition (``render.jtext``)
read it here."""

from __future__ import annotations

import re

# {base|reading}, or {base|reading|reading…} with one reading per base character (jukugo ruby).
RUBY_RE = re.compile(r"\{([^{}|]+)\|([^{}|]+(?:\|[^{}|]+)*)\}")


def plain(text: str) -> str:
    """The text as read: ruby markup reduced to its base (for alt text, metadata, tests)."""
    return RUBY_RE.sub(r"\1", text)
