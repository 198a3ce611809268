"""Japanese running text → HTML spans for the composition WeasyPrint lacks.

One pass over plain text (O(length)) that produces escaped HTML:

- ruby: ``{宮坂|みやさか}`` → an inline-block base with the reading absolutely positioned
  above it (WeasyPrint 70 has no ``<ruby>``); the base stays in the text flow, so copying a
  line gives 宮坂 in place, and the reading comes only at the end of the page's text;
- 和欧間: a Latin run (letters, digits) touching Japanese gets ``<span class="wo wa-l">`` /
  ``wa-r``; the quarter-em gap is a CSS margin, so no character is added to the text. The
  margin at a line start or end is removed at layout time (:mod:`.justify`);
- 約物 (JLREQ 3.1.4): an opening mark after a closing mark or 、。 (」「, 、「, ）（) gets
  ``<span class="pk-g">``: one half em between the two marks in either face, as a margin (no
  character is added); see :func:`punct_html`;
- no single-character last line: the paragraph's last characters are bound with a
  ``white-space: nowrap`` span (``bind=True``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from . import ruby
from ..text.markup import RUBY_RE, plain
from ..text.segment import split_phrases, split_unit_name


# Japanese letters: kana, ideographs, iteration marks, the long-vowel mark. Not punctuation:
# 、。「」（） carry their own spacing in the glyph (JLREQ: no 和欧間 next to them).
_JA = r"\u3005\u3006\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
JA_CHAR = re.compile(f"[{_JA}]")
# A Latin run: starts and ends with a letter or digit; may hold spaces and Latin punctuation.
LATIN_RUN = re.compile(r"[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f .,'’&+\-/:()%]*[A-Za-z0-9\u00c0-\u024f%])?")

# URLs and e-mail addresses: set in the Latin face, never spaced inside (justify.py skips the
# `.url` span), broken only after one of URL_BREAKS, with nothing inserted: each piece up to and
# including a break character is an inline-block (WeasyPrint breaks between inline-blocks only).
_URL_CHAR = r"[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]"
_URL_END = r"[A-Za-z0-9\-_~/#\]@$&*+=%]"  # not . , : ; ! ? at the end: the sentence's punctuation
URL_RE = re.compile(rf"(?:https?://|www\.){_URL_CHAR}*{_URL_END}"
                    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
                    rf"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}/(?:{_URL_CHAR}*{_URL_END})?")
# Not after a hyphen, although JLREQ-style URL rules allow it: pdfium reads a text object that
# ends in "-" as a line-end soft hyphen and drops it from the copy ("cloud￾service"), and a
# printed address broken at a hyphen reads as if the hyphen were added.
URL_BREAKS = "/.?&=_@"
PRINTED_URL_BREAKS = URL_BREAKS
URL_PIECE_MAX = 24  # characters: a longer piece without a break character is cut (url_html)


def url_html(url: str, breaks: str = URL_BREAKS) -> str:
    """A URL or e-mail address as `.url` pieces that break only after ``breaks``. A piece that
    reaches URL_PIECE_MAX characters without one is cut before its last hyphen (the line then
    ends with a letter, and the next starts with the hyphen: nothing reads as added), or, with
    none, where it is."""
    pieces, piece = [], ""
    for i, ch in enumerate(url):
        piece += ch
        if url[i - 1:i + 2] == "://" or url[i:i + 2] == "//":
            continue  # the scheme's "://" stays whole
        if ch in breaks:
            pieces.append(piece)
            piece = ""
        elif len(piece) >= URL_PIECE_MAX:
            cut = piece.rfind("-")
            cut = cut if cut > 0 else len(piece)
            pieces.append(piece[:cut])
            piece = piece[cut:]
    if piece:
        pieces.append(piece)
    return ('<span class="url">' + "".join(f'<span class="up">{escape(p)}</span>' for p in pieces)
            + "</span>")


# 約物 (JLREQ 3.1.4, character classes cl-01, cl-02, cl-06, cl-07): marks whose conditional
# half-em spaces are merged when they meet. Middle dots (cl-05) and ！？ (cl-04, full-width,
# set solid with what follows) are left as the fonts set them.
OPENING = set("「『（［【〔〈《｛〘〖｟“‘")
CLOSING = set("」』）］】〕〉》｝〙〗｠”’")
STOPS = set("、。，．")
_MARKS = OPENING | CLOSING | STOPS
PK_GAP = "pk-g"


def punct_html(ch: str, before: str) -> str:
    """Escaped HTML of one character, given the character before it (JLREQ 3.1.4).

    An opening mark right after a closing mark or 、。 (」「, 、「, ）（, 。「) is the only place
    where consecutive marks keep a space between them: one half em. It becomes
    ``<span class="pk-g">``: the bracket in its half-width body (``halt``) with a margin of
    ``--pk-gap`` before it — half an em where the face's closing marks carry no blank half (the
    proportional Gothic, ``palt`` text), none in a full-width face, whose closing mark keeps its
    blank half (styles/typeset.css). The other pairs (。」, 」、, 「『, 』」) are set solid by the
    faces themselves: the Gothic's marks are half-width, the Mincho's ``chws`` closes them up.
    The mark before stays in the running text: a text object holding only 、 beside one holding
    only 「 (their ink does not overlap vertically) makes pdfium start a new line."""
    if ch in OPENING and before in CLOSING | STOPS:
        return f'<span class="{PK_GAP}">{escape(ch)}</span>'
    return str(escape(ch))


# Kinsoku for the boxes WeasyPrint does not check (inline-blocks): never at a line start /
# end (JIS X 4051 行頭禁則・行末禁則, the common set).
NO_LINE_START = set("、。，．,.・：；:;!?！？」』）)】〕〉》］｝ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞ")
NO_LINE_END = set("「『（(【〔〈《［｛")

# The last line of a wrapped paragraph never holds a lone character: its last two units stay
# together ("す。" is kept by kinsoku already). Three would also avoid "す。" alone, but measured
# on the sample it pushes one more character down and spreads ≈ 2.7 em over the line before
# (0.134 em per gap), past the gap at which PDF readers guess a space (half a space: 0.128 em
# in the Mincho face).
BIND_CHARS = 2
BIND_MAX_LENGTH = 12  # characters; a bound tail never wraps, so it must stay short


# A short hyphenated word (Wi-Fi, e-Tax) never breaks at its hyphen: pdfium reads a line that
# ends in "-" as a soft hyphen and drops it, and "Wi-" / "Fi" reads badly. A long compound may.
HYPHENATED = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")
HYPHENATED_MAX = 16  # characters


def _latin_html(run: str) -> str:
    return HYPHENATED.sub(lambda m: f'<span class="nobr">{m.group()}</span>'
                          if len(m.group()) <= HYPHENATED_MAX else m.group(), str(escape(run)))


def _units(text: str) -> list[tuple[str, str]]:
    """(plain text, HTML) per unit of composition: a ruby, a Latin run, or one character.
    One pass; a Latin run's 和欧間 classes look at its neighbours in the whole text."""
    units: list[tuple[str, str]] = []
    pos = 0
    rubies = {m.start(): m for m in RUBY_RE.finditer(text)}
    ends = {m.end() for m in rubies.values()}
    last_ruby: tuple[int, ruby.Placed] | None = None
    while pos < len(text):
        if pos in rubies:
            # An inline-block is opaque to line breaking: glue the ruby to an opening bracket
            # before it and to closing punctuation after it, so kinsoku cannot depend on how
            # WeasyPrint classes the box (it kept 、 off line starts in our tests anyway).
            m = rubies[pos]
            before = units.pop() if units and units[-1][0] in NO_LINE_END else ("", "")
            end = m.end()
            while end < len(text) and text[end] in NO_LINE_START:
                end += 1
            tail = "".join(punct_html(text[k], text[k - 1]) for k in range(m.end(), end))
            # Its neighbours decide how far the reading may reach (ruby.py): "\ufffc" for
            # another ruby's base.
            left = "\ufffc" if m.start() in ends else text[m.start() - 1:m.start()]
            right = "\ufffc" if m.end() in rubies else text[m.end():m.end() + 1]
            prev, between = None, None
            if last_ruby is not None and m.start() - last_ruby[0] <= 1:
                prev, between = last_ruby[1], text[last_ruby[0]:m.start()]
            ruby_part, placed = ruby.ruby_html(m.group(1), m.group(2), left, right, prev, between)
            last_ruby = (m.end(), placed)
            html = before[1] + ruby_part + tail
            if before[0] or end > m.end():
                html = f'<span class="nobr">{html}</span>'
            units.append((before[0] + m.group(1) + text[m.end():end], html))
            pos = end
            continue
        m = URL_RE.match(text, pos)
        if m and (pos == 0 or not text[pos - 1].isascii() or not text[pos - 1].isalnum()):
            before, after = text[pos - 1:pos], text[m.end():m.end() + 1]
            left, right = bool(JA_CHAR.match(before)), bool(JA_CHAR.match(after))
            html = url_html(m.group())
            if left or right:  # 和欧間 beside Japanese, as for any Latin run
                html = (f'<span class="wo{" wa-l" if left else ""}{" wa-r" if right else ""}">'
                        f"{html}</span>")
            units.append((m.group(), html))
            pos = m.end()
            continue
        m = LATIN_RUN.match(text, pos)
        if m:
            before = plain(text[max(0, pos - 40):pos])[-1:]  # a ruby base counts as Japanese
            after = plain(text[m.end():m.end() + 40])[:1]
            left, right = bool(JA_CHAR.match(before)), bool(JA_CHAR.match(after))
            html = _latin_html(m.group())
            if left or right:
                classes = "wo" + (" wa-l" if left else "") + (" wa-r" if right else "")
                units.append((m.group(), f'<span class="{classes}">{html}</span>'))
            else:
                units.append((m.group(), html))
            pos = m.end()
            continue
        units.append((text[pos], punct_html(text[pos], text[pos - 1:pos])))
        pos += 1
    return units


@lru_cache(maxsize=4096)
def jtext_html(text: str, bind: bool = True) -> str:
    """HTML for one run of text (see module doc); ``bind`` keeps the last units together."""
    units = _units(str(text))
    if bind:
        # The last BIND_CHARS units (a ruby or a Latin run counts as one) do not wrap apart.
        keep = 0
        for i in range(len(units) - 1, 0, -1):
            if not units[i][0].isspace():
                keep += 1
            if keep == BIND_CHARS:
                if sum(len(t) for t, _ in units[i:]) > BIND_MAX_LENGTH:
                    break  # a long Latin phrase at the end: binding it could overflow the line
                head = "".join(h for _, h in units[:i])
                tail = "".join(h for _, h in units[i:])
                return f'{head}<span class="nobr">{tail}</span>'
    return "".join(h for _, h in units)


def printed_url(url) -> Markup:
    """Jinja filter for the address printed beside a QR code (apply page, covers): without its
    ``utm_*`` parameters (the QR code and the link carry the full address), in `.url` pieces
    that never break at a hyphen."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(str(url))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
    shown = urlunsplit(parts._replace(query=urlencode(query, safe="/:@")))
    return Markup(url_html(shown, PRINTED_URL_BREAKS))


def jtext(text, bind: bool = True) -> Markup:
    """Jinja filter: ``{{ s.lead | jtext }}``; ``jtext(false)`` for names and short labels."""
    return Markup(jtext_html(str(text), bind))


@lru_cache(maxsize=1024)
def phrases_html(text: str, unit_name: bool = False) -> str:
    """A heading or a short display text: BudouX phrases as inline-block spans (breaks only
    between phrases), with 和欧間 spans; ruby markup is reduced to its base. ``unit_name``:
    an organisational unit's name, which may also break before its unit word (部, グループ)."""
    text = plain(str(text))
    units = _units(text)
    phrases: list[list[str]] = []
    ends, end = [], 0
    for phrase in (split_unit_name(text) if unit_name else split_phrases(text)):
        end += len(phrase)
        ends.append(end)
    offset, k = 0, 0
    for plain_text, html in units:
        if not phrases or (k < len(ends) and offset >= ends[k]):
            while k < len(ends) and offset >= ends[k]:
                k += 1
            phrases.append([])
            # A phrase that starts with a 和欧間 gap would indent a heading line it starts:
            # the previous phrase's last character carries the gap instead (a trailing margin
            # is invisible at a ragged line end).
            if len(phrases) > 1 and "wa-l" in html and not phrases[-2][-1].startswith("<"):
                html = html.replace(" wa-l", "", 1)
                phrases[-2][-1] = f'<span class="wa-r">{phrases[-2][-1]}</span>'
        phrases[-1].append(html)
        offset += len(plain_text)
    return "".join(f'<span class="ph">{"".join(p)}</span>' for p in phrases)
