"""Ruby (JLREQ 3.3) as HTML that WeasyPrint 70 can set: the reading is absolutely positioned
above its base, which stays in the line (an inline-block).

Three kinds, from the content's markup:

- group ruby ``{人跡未踏|じんせきみとう}``: one reading over the whole base, centred. A reading
  shorter than its base is spread 1:2:1 (JIS X 4051: one unit before the first ruby character,
  two between characters, one after the last); a longer one overhangs the characters beside
  the base — a kana, a long-vowel mark or small kana by up to one ruby character (half a base
  em), punctuation by its side bearing, a kanji, a Latin letter or another ruby not at all —
  and the base gets space at that end for the rest (JLREQ 3.3.8);
- mono ruby ``{凝|ぎょう}{視|し}``: each character its own group of one;
- jukugo ruby ``{漢字|かん|じ}`` (one reading per base character, ``|`` between): each reading
  over its character while every reading fits its character (two ruby characters at most);
  the compound may then break between characters. When one is longer, the readings are set
  over the compound as one group (JLREQ 3.3.7; JIS X 4051).

Two readings never touch: between neighbouring ruby groups there is at least ``RUBY_GAP``
(one ruby character; a reading over a kana between two rubies gives way to the one before
it), so 「{齊藤|さいとう}{葵|あおい}」 does not read as one word. Widths are nominal: a Japanese character is one em, a
Latin one half, a ruby character half a base em (full-width ruby glyphs at half size).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

RUBY_SIZE = 0.5  # a ruby character's size, in base em
# The least space between two neighbouring readings: one ruby character (JLREQ 3.3.8
# recommends it where readings meet over a kana). Wider than 0.8 ruby em, it is also a gap
# that textgaps.py leaves alone: readers copy neighbouring readings as separate words.
RUBY_GAP = 0.5  # base em
OVERHANG_KANA = 0.5  # base em (one ruby character) over a kana beside the base
OVERHANG_PUNCT = 0.14  # base em: over the side bearing of a bracket or 、。 beside the base
JUKUGO_MAX = 2  # ruby characters per base character for a jukugo reading set per character

_KANA = set(range(0x3041, 0x3097)) | set(range(0x30A1, 0x30FB)) | {0x30FC, 0x309D, 0x309E, 0x30FD, 0x30FE}
_BEFORE_PUNCT = set("、。，．」』）】〕〉》")  # their blank side faces the base after them
_AFTER_PUNCT = set("「『（【〔〈《")  # their blank side faces the base before them


def em_width(text: str) -> float:
    """Nominal width in em: Japanese characters are square, Latin ones about half."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def _allowance(neighbour: str, side: str) -> float:
    """How far a reading may reach over the character beside its base (base em)."""
    if not neighbour:
        return 0.0
    if ord(neighbour) in _KANA:
        return OVERHANG_KANA
    if (side == "left" and neighbour in _BEFORE_PUNCT) or (side == "right" and neighbour in _AFTER_PUNCT):
        return OVERHANG_PUNCT
    return 0.0  # a kanji, a Latin letter, a space, another ruby's base, the text's edge


@dataclass
class Placed:
    """One ruby box: its base, reading and where the reading sits (base em)."""

    base: str
    reading: str
    offset: float = 0.0  # where the reading starts, from the base's start (negative: before)
    spacing: float = 0.0  # between ruby characters (1:2:1)
    margin_left: float = 0.0  # space the base gets at its ends (the reading needs it)
    margin_right: float = 0.0

    @property
    def width(self) -> float:
        return em_width(self.base)

    @property
    def span(self) -> float:
        """The reading's width, spacing included."""
        return em_width(self.reading) * RUBY_SIZE + self.spacing * (len(self.reading) - 1)

    @property
    def reach_left(self) -> float:
        """How far the reading reaches beyond the box's left edge (negative: it starts inside)."""
        return -self.offset - self.margin_left

    @property
    def reach_right(self) -> float:
        return self.offset + self.span - self.width - self.margin_right

    def html(self) -> str:
        # The reading's static place is the box's content start (the base's start); its
        # margin moves it by the offset, in its own em (the ruby size). It is centred in a box
        # of its nominal width: the Gothic's kana are proportional, narrower than nominal
        # (WeasyPrint adds one letter spacing after the last character: the box has it too).
        style = (f"margin-left: {self.offset / RUBY_SIZE:.3f}em; "
                 f"width: {(self.span + self.spacing) / RUBY_SIZE:.3f}em")
        if self.spacing:
            style += f"; letter-spacing: {self.spacing / RUBY_SIZE:.3f}em"
        box = ""
        if self.margin_left or self.margin_right:
            box = f' style="margin-left: {self.margin_left:.3f}em; margin-right: {self.margin_right:.3f}em"'
        return (f'<span class="ruby"{box}><span class="rt" style="{style}">{escape(self.reading)}</span>'
                f'<span class="rb">{escape(self.base)}</span></span>')


def place(base: str, reading: str, before: str, after: str) -> Placed:
    """A group ruby beside ``before`` and ``after`` (the characters next to the base; "" at
    the text's edge, "\ufffc" for another ruby). A longer reading is centred when both sides
    allow it; else it leans to the side that allows more (JLREQ 3.3.6: the reading may hang
    over the character before, after or both), and what neither allows becomes margin."""
    placed = Placed(base, reading)
    excess = em_width(reading) * RUBY_SIZE - placed.width
    n = len(reading)
    if excess <= 0:  # shorter: 1:2:1 over the base, inside it
        unit = -excess / (2 * n)
        placed.spacing = 2 * unit if n > 1 else 0.0
        placed.offset = unit if n > 1 else -excess / 2
        return placed
    allow_left, allow_right = _allowance(before, "left"), _allowance(after, "right")
    left = right = excess / 2
    if left > allow_left:
        right, left = min(allow_right, right + left - allow_left), allow_left
    elif right > allow_right:
        left, right = min(allow_left, left + right - allow_right), allow_right
    rest = excess - left - right  # neither side takes it: the base gets room
    placed.offset = -(left + rest / 2)
    placed.margin_left = placed.margin_right = rest / 2
    return placed


def readings_of(reading: str) -> list[str]:
    return reading.split("|")


def ruby_html(base: str, reading: str, before: str, after: str, prev: Placed | None,
              between: str) -> tuple[str, Placed]:
    """HTML of one ruby group (any kind) and the last box placed (for the next group's gap).
    ``prev`` is the ruby group before this one in the text and ``between`` the text between
    them (None/"" when there is none or nothing)."""
    parts = readings_of(reading)
    if len(parts) > 1 and len(parts) == len(base) and all(len(p) <= JUKUGO_MAX for p in parts):
        boxes = []
        for k, (ch, part) in enumerate(zip(base, parts)):
            boxes.append(place(ch, part, before if k == 0 else "\ufffc", after if k == len(base) - 1 else "\ufffc"))
        _keep_apart(prev, between, boxes[0])
        return "".join(b.html() for b in boxes), boxes[-1]
    placed = place(base, "".join(parts), before, after)
    _keep_apart(prev, between, placed)
    return placed.html(), placed


def _keep_apart(prev: Placed | None, between: str | None, cur: Placed) -> None:
    """Give ``cur`` room so that its reading stays ``RUBY_GAP`` from the reading before it:
    next to each other, or with one character between them (over which the earlier reading
    may reach: the later one gives way, JLREQ 3.3.8). The readings' reach beyond their boxes
    is what narrows the gap; margins move base and reading together."""
    if prev is None or between is None or len(between) > 1:
        return
    gap = em_width(between) - prev.reach_right - cur.reach_left
    if gap < RUBY_GAP - 1e-9:
        cur.margin_left += RUBY_GAP - gap
