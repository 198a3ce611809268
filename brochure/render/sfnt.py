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


def table_of_file(path, tag: bytes) -> bytes | None:
    """One table of a font file, read by seeking (not the whole file); None if it has none."""
    with open(path, "rb") as f:
        head = f.read(12)
        count = int.from_bytes(head[4:6], "big")
        directory = f.read(16 * count)
        for i in range(count):
            entry = directory[16 * i:16 * i + 16]
            if entry[:4] == tag:
                f.seek(int.from_bytes(entry[8:12], "big"))
                return f.read(int.from_bytes(entry[12:16], "big"))
    return None


# The Unicode subtables, best first (as fontTools' getBestCmap): full repertoire, then BMP.
_UNICODE_SUBTABLES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def cmap_code_points(cmap: bytes) -> set[int]:
    """The code points the best Unicode subtable of a ``cmap`` table maps to a glyph (formats 4
    and 12, what fonts for Japanese carry, and 13, a last-resort font's; glyph 0, .notdef, is no
    glyph). Empty if it has none."""
    import struct

    count = int.from_bytes(cmap[2:4], "big")
    offsets = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
        offsets.setdefault((platform, encoding), offset)
    for key in _UNICODE_SUBTABLES:
        offset = offsets.get(key)
        if offset is None:
            continue
        fmt = int.from_bytes(cmap[offset:offset + 2], "big")
        if fmt in (12, 13):  # groups of consecutive code points: to consecutive glyphs (12), to one (13)
            groups = int.from_bytes(cmap[offset + 12:offset + 16], "big")
            found: set[int] = set()
            for start, end, glyph in struct.iter_unpack(">III", cmap[offset + 16:offset + 16 + 12 * groups]):
                if fmt == 12:
                    found.update(range(start + (glyph == 0), end + 1))  # from glyph 0: its first is .notdef
                elif glyph:
                    found.update(range(start, end + 1))
            return found
        if fmt == 4:
            return _format_4(cmap, offset)
    return set()


def _format_4(cmap: bytes, offset: int) -> set[int]:
    import array

    seg_count = int.from_bytes(cmap[offset + 6:offset + 8], "big") // 2
    length = int.from_bytes(cmap[offset + 2:offset + 4], "big")
    words = array.array("H", cmap[offset + 14:offset + length - (length % 2)])
    if words.itemsize != 2:
        raise ValueError("unsigned short is not two bytes here")
    import sys

    if sys.byteorder == "little":
        words.byteswap()
    ends, starts = words[:seg_count], words[seg_count + 1:2 * seg_count + 1]
    deltas, ranges = words[2 * seg_count + 1:3 * seg_count + 1], 3 * seg_count + 1
    found: set[int] = set()
    for i in range(seg_count):
        start, end, delta, range_offset = starts[i], ends[i], deltas[i], words[ranges + i]
        if start == 0xFFFF:
            continue
        if range_offset == 0:
            found.update(c for c in range(start, end + 1) if (c + delta) & 0xFFFF)
            continue
        base = ranges + i + range_offset // 2 - start  # idRangeOffset counts from its own word
        for c in range(start, end + 1):
            at = base + c
            if at < len(words) and words[at] and (words[at] + delta) & 0xFFFF:
                found.add(c)
    return found
