"""Tofu: characters of the content that the bundled fonts cannot draw.

Each printed character is looked up in the character maps of the bundled type families: a
family is a face and its fallback as ``styles/fonts.css`` loads them (BIZ UDPGothic + the
Gothic fallback, Noto Serif JP + the Mincho fallback). A character no bundled font has is
always an error (the build also warns about it: it prints as .notdef, an empty box). A
character only one family has depends on where it is printed, so the PDF decides: drawn with
a font that is not bundled or missing from the page is an error; drawn by a bundled font, all
is well.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..paths import FONTS, STYLES
from ..render.coverage import code_points
from .context import CheckContext
from ..messages import msg, phrase
from .findings import ERROR, Finding
from ..content.texts import squeeze

# The last resort draws a box for what no family has; it is also fontconfig's one font folder
# (fonts/fonts.conf), where Pango may find it under its own name "Brochure Last Resort".
LAST_RESORT = ("BrochureLastResort", "Brochure-Last-Resort")
BUNDLED_FAMILIES = ("BrochureGothic-", "BrochureMincho-", *LAST_RESORT)  # styles/fonts.css


_FONT_FACE = re.compile(r'@font-face\s*{[^}]*font-family:\s*"([^"]+)"[^}]*url\(\.\./fonts/([^)]+)\)')
# A family and its fallback count as one: the fallback is named in every font-family stack.
_FALLBACK = re.compile(r"^(Brochure(?:Gothic|Mincho))-.*$")


def font_families() -> dict[str, list[str]]:
    """Type family (BrochureGothic, BrochureMincho) → its font files, from styles/fonts.css."""
    families: dict[str, list[str]] = {}
    for family, file in _FONT_FACE.findall((STYLES / "fonts.css").read_text(encoding="utf-8")):
        if family.startswith(LAST_RESORT):
            continue  # it "has" every character, as a box
        families.setdefault(_FALLBACK.sub(r"\1", family), []).append(file)
    return families


@lru_cache(maxsize=1)
def font_cmaps() -> dict[str, frozenset[int]]:
    """Type family → the characters its faces (with their fallbacks) can draw."""
    cmaps = {}
    for family, files in font_families().items():
        chars: set[int] = set()
        for file in files:
            chars |= code_points(FONTS / file)
        cmaps[family] = frozenset(chars)
    return cmaps


def is_bundled(pdf_font_name: str) -> bool:
    """True for the PDF name of a bundled font, e.g. 'ABCDEF+BrochureGothic-BIZUDPGothic-Bold'."""
    return pdf_font_name.split("+", 1)[-1].startswith(BUNDLED_FAMILIES)


def _ignorable(ch: str) -> bool:
    """Characters nobody sees: controls, format characters, variation selectors."""
    return (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")
            or 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF)


def describe(ch: str) -> str:
    return f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')})"


def _drawn_font(ctx: CheckContext, page: int | None, before: str, ch: str) -> str | None:
    """Font that drew this occurrence of ``ch`` (the one printed after ``before``) on a page."""
    if page is None:
        return None
    chars = [c for c in ctx.doc.pages[page - 1].chars if c["text"].strip()]
    fonts = [c["fontname"] for c in chars if c["text"] == ch]
    text = "".join(c["text"] for c in chars)
    for i, c in enumerate(chars):
        if c["text"] == ch and before and text[:i].endswith(before[-4:]):
            return c["fontname"]
    return fonts[0] if fonts else None


def check_tofu(ctx: CheckContext) -> list[Finding]:
    cmaps = font_cmaps()
    findings = []
    for field in ctx.fields:
        for at, ch in enumerate(field.text):
            if _ignorable(ch) or field.text.index(ch) != at:  # each character once per field
                continue
            lacking = [name for name, cmap in cmaps.items() if ord(ch) not in cmap]
            if not lacking:
                continue
            page = ctx.page_of(field, at)
            if len(lacking) == len(cmaps):
                problem = phrase("tofu.nowhere")
            else:
                drawn = _drawn_font(ctx, page, squeeze(field.text[:at]), ch)
                if drawn is None:
                    problem = phrase("tofu.not_found", fonts=", ".join(lacking))
                elif drawn.split("+", 1)[-1].startswith(LAST_RESORT):
                    problem = phrase("tofu.box", fonts=", ".join(lacking))
                elif not is_bundled(drawn):
                    problem = phrase("tofu.system", font=drawn.split("+", 1)[-1], fonts=", ".join(lacking))
                else:
                    continue  # a bundled font drew it
            around = squeeze(field.text[:at])[-3:] + ch + squeeze(field.text[at + 1:])[:3]
            findings.append(Finding(
                ERROR, "tofu", msg("check.tofu", char=describe(ch), problem=problem),
                page=page, file=field.file, field=field.field, line=field.line,
                bbox=ctx.text_box(page, around) or ctx.text_box(page, ch)))
    return findings
