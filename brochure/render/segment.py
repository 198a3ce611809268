"""文節 (phrase) segmentation of Japanese text: BudouX, loaded once, used by every composer.

:mod:`.jtext` (headings as unbreakable phrase spans) and :mod:`.tate` (vertical columns broken
between phrases) ask this module; it asks nobody, so the composers do not import each other.
"""

from __future__ import annotations

from functools import cache, lru_cache

import budoux


@cache
def _parser() -> budoux.Parser:
    return budoux.load_default_japanese_parser()


@lru_cache(maxsize=4096)
def split_phrases(text: str) -> tuple[str, ...]:
    """The text cut into BudouX phrases; joined again they give ``text`` unchanged."""
    return tuple(_parser().parse(text)) if text else ()
