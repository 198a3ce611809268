"""Problems inside a Markdown body, found before any layout, with the line to fix.

The renderer is safe on its own (raw HTML off, images off, only web links): these checks make
sure an editor hears about text that would otherwise be printed literally or dropped silently.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from ..errors import ContentError
from ..text.markup import RUBY_RE

ALLOWED_LINK_SCHEMES = ("http", "https", "mailto")


def link_allowed(url: str) -> bool:
    """Only web and mail addresses: a relative or file: link would point into the build machine."""
    try:
        return urlsplit(url.strip()).scheme.lower() in ALLOWED_LINK_SCHEMES
    except ValueError:
        return False


def _inspector() -> MarkdownIt:
    # Sees everything the renderer hides: raw HTML, images and links of any scheme.
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.validateLink = lambda url: True
    return md


_INSPECTOR = _inspector()


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_markdown(body: str, display: str, first_line: int, field: str = "body") -> list[ContentError]:
    """Every raw HTML tag, inline image and non-web link in ``body``, each with its line."""
    return list(_check(body, display, first_line, field))


@lru_cache(maxsize=256)  # a watch session checks the same bodies again
def _check(body: str, display: str, first_line: int, field: str) -> tuple[ContentError, ...]:
    errors: list[ContentError] = []
    for block in _INSPECTOR.parse(body):
        start = first_line + block.map[0] if block.map else first_line
        if block.type == "html_block":
            errors.append(ContentError.of(display, "md.html", field=field, line=start,
                                          tag=_shorten(block.content)))
        offset = 0  # lines inside the paragraph: count soft/hard breaks before the token
        for tok in block.children or []:
            if tok.type in ("softbreak", "hardbreak"):
                offset += 1
            elif tok.type == "html_inline":
                errors.append(ContentError.of(display, "md.html", field=field, line=start + offset,
                                              tag=_shorten(tok.content)))
            elif tok.type == "text" and _broken_ruby(tok.content):
                errors.append(ContentError.of(display, "md.ruby", field=field, line=start + offset,
                                              fragment=_shorten(_broken_ruby(tok.content), 30)))
            elif tok.type == "text" and _miscounted_ruby(tok.content):
                errors.append(ContentError.of(display, "md.ruby-count", field=field, line=start + offset,
                                              fragment=_miscounted_ruby(tok.content)))
            elif tok.type == "image":
                errors.append(ContentError.of(display, "md.image", field=field, line=start + offset,
                                              target=_shorten(str(tok.attrGet("src")))))
            elif tok.type == "link_open" and not link_allowed(str(tok.attrGet("href"))):
                errors.append(ContentError.of(display, "md.link", field=field, line=start + offset,
                                              target=_shorten(str(tok.attrGet("href")))))
    return tuple(errors)


def _miscounted_ruby(text: str) -> str:
    """The first ruby written with a reading per character whose readings do not match its
    characters in number ({東京都|とう|きょう})."""
    for m in RUBY_RE.finditer(text):
        readings = m.group(2).split("|")
        if len(readings) > 1 and len(readings) != len(m.group(1)):
            return m.group()
    return ""


def _broken_ruby(text: str) -> str:
    """The first brace left over once the well-formed {base|reading} groups are removed."""
    rest = RUBY_RE.sub("", text)
    at = min((i for i in (rest.find("{"), rest.find("}")) if i >= 0), default=-1)
    return "" if at < 0 else rest[max(0, at - 8):at + 12]
