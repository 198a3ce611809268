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


# Words that end the names of organisational units: a long name breaks before them when it
# must break (データプラットフォーム／グループ), never inside a katakana word.
# Only words of three or more characters: one or two alone on a line would read badly.
UNIT_SUFFIXES = ("グループ", "チーム", "ユニット", "センター", "推進室", "事業部", "研究所", "事務所", "営業所")


@lru_cache(maxsize=4096)
def split_unit_name(text: str) -> tuple[str, ...]:
    """Phrases of an organisational unit's name, split once more before its unit word."""
    found = []
    for phrase in split_phrases(text):
        for suffix in UNIT_SUFFIXES:
            stem = phrase[:-len(suffix)] if phrase.endswith(suffix) else ""
            if len(stem) >= 2 and not stem.endswith(("・", "（", "(")):
                found += [stem, suffix]
                break
        else:
            found.append(phrase)
    return tuple(found)
