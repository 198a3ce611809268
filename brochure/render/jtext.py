"""Japanese running text → HTML spans for the composition WeasyPrint lacks.

One pass over plain text (O(length)) that produces escaped HTML:

- ruby: ``{宮坂|みやさか}`` → an inline-block base with the reading absolutely positioned
  above it (WeasyPrint 70 has no ``<ruby>``); the base stays in the text flow, so copying a
  line gives 宮坂 in place, and the reading comes only at the end of the page's text;
- 和欧間: a Latin run (letters, digits) touching Japanese gets ``<span class="wo wa-l">`` /
  ``wa-r``; the quarter-em gap is a CSS margin, so no character is added to the text. The
  margin at a line start or end is removed at layout time (:mod:`.justify`);
- no single-character last line: the paragraph's last characters are bound with a
  ``white-space: nowrap`` span (``bind=True``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

RUBY_RE = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")

# Japanese letters: kana, ideographs, iteration marks, the long-vowel mark. Not punctuation:
# 、。「」（） carry their own spacing in the glyph (JLREQ: no 和欧間 next to them).
_JA = r"\u3005\u3006\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
JA_CHAR = re.compile(f"[{_JA}]")
# A Latin run: starts and ends with a letter or digit; may hold spaces and Latin punctuation.
LATIN_RUN = re.compile(r"[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f .,'’&+\-/:()%]*[A-Za-z0-9\u00c0-\u024f%])?")

BIND_CHARS = 3  # the last line of a paragraph is never shorter than this (when it wraps)

Piece = tuple[str, str]  # (kind, text): "t" text, "r" ruby "base|reading"


def plain(text: str) -> str:
    """The text as read: ruby markup reduced to its base (for alt text, metadata, tests)."""
    return RUBY_RE.sub(r"\1", text)


def _wa_spans(text: str) -> str:
    """Escaped HTML of plain text with 和欧間 spans around Latin runs that touch Japanese."""
    out, pos = [], 0
    for m in LATIN_RUN.finditer(text):
        start, end = m.span()
        left = start > 0 and JA_CHAR.match(text[start - 1])
        right = end < len(text) and JA_CHAR.match(text[end])
        if not (left or right):
            continue
        classes = "wo" + (" wa-l" if left else "") + (" wa-r" if right else "")
        out.append(escape(text[pos:start]))
        out.append(Markup(f'<span class="{classes}">{escape(m.group())}</span>'))
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _em_width(text: str) -> float:
    """Nominal width in em: Japanese characters are square, Latin ones about half."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def _ruby(base: str, reading: str) -> str:
    # The reading is absolutely positioned at its static place (the base's top left), so only
    # it is painted out of flow (and so extracted after the page's running text), while the
    # base stays in the line. Centring it needs the widths: set solid (全角 ruby, base in em).
    shift = _em_width(base) - _em_width(reading) / 2  # in ruby em = half a base em
    return (f'<span class="ruby"><span class="rt" style="margin-left: {shift:.3f}em">'
            f'{escape(reading)}</span><span class="rb">{escape(base)}</span></span>')


@lru_cache(maxsize=4096)
def jtext_html(text: str, bind: bool = True) -> str:
    """HTML for one run of text (see module doc); ``bind`` keeps the last characters together."""
    text = str(text)
    tail = ""
    if bind:
        # Bind the last BIND_CHARS characters of plain text (a ruby group counts as one).
        m = re.search(rf"(?:{RUBY_RE.pattern}|[^\s{{}}|]){{1,{BIND_CHARS}}}$", text)
        if m and m.start() > 0:
            text, tail = text[:m.start()], text[m.start():]
    html = _render(text)
    if tail:
        html += f'<span class="nobr">{_render(tail)}</span>'
    return html


def _render(text: str) -> str:
    out, pos = [], 0
    for m in RUBY_RE.finditer(text):
        out.append(_wa_spans(text[pos:m.start()]))
        out.append(_ruby(m.group(1), m.group(2)))
        pos = m.end()
    out.append(_wa_spans(text[pos:]))
    return "".join(out)


def jtext(text, bind: bool = True) -> Markup:
    """Jinja filter: ``{{ s.lead | jtext }}``; ``jtext(false)`` for names and short labels."""
    return Markup(jtext_html(str(text), bind))


@lru_cache(maxsize=1024)
def phrases_html(text: str) -> str:
    """A heading: BudouX phrases as inline-block spans (breaks only between phrases), each
    phrase with its 和欧間 spans."""
    from .typeset import _parser

    return "".join(f'<span class="ph">{_render(p)}</span>' for p in _parser.parse(plain(str(text))))
