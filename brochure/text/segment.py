"""文節 (phrase) segmentation of Japanese text: BudouX, loaded once, used by every composer.

:mod:`.jtext` (headings as unbreakable phrase spans) and :mod:`.tate` (vertical columns broken
between phrases) ask this module; it asks nobody, so the composers do not import each other.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import budoux


@cache
def _parser() -> budoux.Parser:
    return budoux.load_default_japanese_parser()


# BudouX cuts a counted period after its counter's か/ヶ (「入社3か／月まで」, 「3ヶ／所」): a
# phrase that ends in a digit and such a counter is joined with the next when that starts with
# the counted word.
_COUNTER = re.compile(r"[0-9０-９一二三四五六七八九十百千数何][かヶケカ箇]$")
_COUNTED = ("月", "所", "国", "年", "条")


@lru_cache(maxsize=4096)
def split_phrases(text: str) -> tuple[str, ...]:
    """The text cut into BudouX phrases; joined again they give ``text`` unchanged."""
    if not text:
        return ()
    phrases: list[str] = []
    for phrase in _parser().parse(text):
        if phrases and _COUNTER.search(phrases[-1]) and phrase.startswith(_COUNTED):
            phrases[-1] += phrase
        else:
            phrases.append(phrase)
    return tuple(phrases)


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
