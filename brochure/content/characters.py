"""Characters that have no place in printed content: control characters and text-direction
controls.

A control character (BEL, ESC, a vertical tab pasted from a word processor) prints as a box
(tofu) or not at all, and ESC sequences would reach the terminal when a message echoes the
text; a bidi override (U+202E) reverses the order in which the following characters are
printed, so a name reads backwards while the file looks right in most editors. The readers
refuse both, naming the character by its Unicode name and where it is.
"""

from __future__ import annotations

import re
import unicodedata

# Control characters (Unicode category Cc) but tab and line feed (carriage returns are turned
# into line feeds when a file is read), and the two non-characters YAML cannot read.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff"
# Explicit direction marks, embeddings, overrides and isolates (Unicode's Bidi_Control).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
FORBIDDEN = re.compile(f"[{_CONTROL}{_BIDI}]")
BIDI = re.compile(f"[{_BIDI}]")

# Unicode gives control characters no name, only aliases: those of C0 (and DEL).
_C0_NAMES = ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
             "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
             "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
             "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
             "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
             "FILE SEPARATOR", "GROUP SEPARATOR", "RECORD SEPARATOR", "UNIT SEPARATOR")


def char_name(c: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``, ``U+001B ESCAPE``: the code point and its name."""
    code = ord(c)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    else:
        name = unicodedata.name(c, "CONTROL CHARACTER" if 0x80 <= code <= 0x9F else "NONCHARACTER")
    return f"U+{code:04X} {name}"


def message_key(c: str) -> str:
    return "text.bidi" if BIDI.match(c) else "text.control_char"


def forbidden_in(text: str) -> list[tuple[int, int, str]]:
    """(line, column, character) of the first forbidden character on each line (1-based)."""
    found = []
    last_line = 0
    for m in FORBIDDEN.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if line == last_line:
            continue
        last_line = line
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        found.append((line, column, m.group()))
    return found


def first_forbidden(text: str) -> str | None:
    m = FORBIDDEN.search(text)
    return m.group() if m else None
