"""The tables of an embedded TrueType font program (sfnt), by tag: what reading a PDF's fonts
needs (glyph counts, units per em, outlines' bounds) without a font library."""

from __future__ import annotations


def tables(data: bytes) -> dict[bytes, bytes]:
    """Tag (b"head", b"maxp", …) → the table's bytes."""
    count = int.from_bytes(data[4:6], "big")
    found = {}
    for i in range(count):
        entry = data[12 + 16 * i:28 + 16 * i]
        offset, length = int.from_bytes(entry[8:12], "big"), int.from_bytes(entry[12:16], "big")
        found[entry[:4]] = data[offset:offset + length]
    return found
