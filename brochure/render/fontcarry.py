"""Watch mode: a part's font subsets, and their widened copies, taken from the last writes.

After an edit, the part that changed is written again, and every face it uses is subset again
(HarfBuzz: ≈2.5 ms a face) and widened again by :mod:`.textgaps` (its glyphs for the folded
gaps appended, and the font program compressed: ≈1–3 ms a face). An edit of a few words
mostly leaves each face's glyphs as they were: the same glyphs give the same subset, and the
same subset with the same added glyphs gives the same widened font. So while a part is
written under :func:`carrying_fonts`, both are looked up in what the last writes made:

- a **subset** by the face (its ``head`` table, which holds the font file's checksum, its
  index, number of glyphs and units per em, and WeasyPrint's name for the face), the glyph
  ids, and the subsetting flags (hinting, an outline for .notdef); with it, the subset's
  stream as pydyf deflates it (level 9: ≈6 ms for a 100 KB subset), made once;
- a **widened font** by the digest of the subset's bytes and the glyphs appended.

What is taken is the bytes the work would have made: the PDF is the same, byte for byte
(``tests/test_fast_rebuild.py``). What is kept is what the last two rebuilds that wrote a
part used or made (:func:`next_rebuild`); :func:`drop` forgets it all, with everything else carried
(``render.carry.drop``).
"""

from __future__ import annotations

import zlib
from contextlib import contextmanager
from hashlib import blake2b
from typing import Callable

from . import carry

_SUBSETS: dict[tuple, list] = {}  # key → [rebuild last used, subset bytes, deflated or None]
_BY_ID: dict[int, list] = {}  # id(subset bytes) → its entry of _SUBSETS (for pydyf's streams)
_WIDENED: dict[tuple, list] = {}  # key → [rebuild last used, font, font deflated]
_REBUILD = [0]  # rebuilds that wrote a part
_PENDING = [False]  # a rebuild has started, and has not written a part yet
_ACTIVE = [0]
COUNTS = {"subsets carried": 0, "subsets made": 0, "widened carried": 0, "widened made": 0}


def next_rebuild() -> None:
    """A new rebuild starts. When it first writes a part, what neither it nor the last
    rebuild that wrote one uses is dropped (a rebuild that writes nothing ages nothing)."""
    _PENDING[0] = True


def _next_writing_rebuild() -> None:
    _PENDING[0] = False
    _REBUILD[0] += 1
    for table in (_SUBSETS, _WIDENED):
        for key in [k for k, v in table.items() if v[0] < _REBUILD[0] - 1]:
            del table[key]
    _BY_ID.clear()
    _BY_ID.update((id(entry[1]), entry) for entry in _SUBSETS.values())


def drop() -> None:
    _SUBSETS.clear()
    _WIDENED.clear()
    _BY_ID.clear()


carry.register(next_rebuild, drop)


@contextmanager
def carrying_fonts(carry: bool = True):
    """Write a part that may take its subsets and widened fonts from the last writes (if
    ``carry``: watch mode's parts, ``render.sections.Part.scope``)."""
    if not carry:
        yield
        return
    _install()
    if _PENDING[0]:
        _next_writing_rebuild()
    _ACTIVE[0] += 1
    try:
        yield
    finally:
        _ACTIVE[0] -= 1


def widened(data: bytes, glyphs: list[tuple[int, int]],
            widen: Callable[[bytes, list], bytes]) -> tuple[bytes, bytes]:
    """``widen(data, glyphs)`` and its deflated bytes; under :func:`carrying_fonts`, taken
    from the last writes if they made it."""
    if not _ACTIVE[0]:
        font = widen(data, glyphs)
        return font, zlib.compress(font)
    key = (blake2b(data, digest_size=16).digest(), tuple(glyphs))
    found = _WIDENED.get(key)
    if found is None:
        font = widen(data, glyphs)
        found = _WIDENED[key] = [_REBUILD[0], font, zlib.compress(font)]
        COUNTS["widened made"] += 1
    else:
        found[0] = _REBUILD[0]
        COUNTS["widened carried"] += 1
    return found[1], found[2]


def _face_key(font) -> tuple:
    """What tells one face from another (see the module doc)."""
    from weasyprint.text.ffi import ffi, harfbuzz

    blob = harfbuzz.hb_face_reference_table(font.hb_face, harfbuzz.hb_tag_from_string(b"head", -1))
    try:
        length = ffi.new("unsigned int *")
        pointer = harfbuzz.hb_blob_get_data(blob, length)
        head = b"" if pointer == ffi.NULL else ffi.unpack(pointer, int(length[0]))
    finally:
        harfbuzz.hb_blob_destroy(blob)
    return (head, font.index, font.glyph_count, font.upem, font.hash)


def _install() -> None:
    import weasyprint.pdf.fonts as fonts

    if getattr(fonts.Font._harfbuzz_subset, "brochure_carried", False):
        return
    real = fonts.Font._harfbuzz_subset

    def subset(self, to_unicode, hinting):
        if not _ACTIVE[0]:
            return real(self, to_unicode, hinting)
        key = (_face_key(self), tuple(sorted(to_unicode)), bool(hinting), bool(self.missing))
        found = _SUBSETS.get(key)
        if found is not None:
            self.file_content = found[1]
            found[0] = _REBUILD[0]
            COUNTS["subsets carried"] += 1
            return
        before = self.__dict__.get("_file_content")
        real(self, to_unicode, hinting)
        after = self.__dict__.get("_file_content")
        if after is before or not isinstance(after, bytes):
            return  # not subset (HarfBuzz warned): nothing to keep
        _SUBSETS[key] = _BY_ID[id(after)] = [_REBUILD[0], after, None]
        COUNTS["subsets made"] += 1

    subset.brochure_carried = True
    fonts.Font._harfbuzz_subset = subset

    import pydyf

    data = pydyf.Stream.data.fget

    def deflated_once(self):
        """pydyf's stream, its subset's deflated bytes (level 9, as pydyf makes them) kept with
        the subset: the same bytes, made once."""
        if not (_ACTIVE[0] and self.compress and len(self.stream) == 1):
            return data(self)
        entry = _BY_ID.get(id(self.stream[0]))
        if entry is None or entry[1] is not self.stream[0]:
            return data(self)
        if entry[2] is None:
            compressor = zlib.compressobj(level=9)
            entry[2] = compressor.compress(entry[1]) + compressor.flush()
        extra = pydyf.Dictionary(self.extra.copy())
        extra["Filter"] = "/FlateDecode"
        extra["Length"] = len(entry[2])
        return b"\n".join((extra.data, b"stream", entry[2], b"endstream"))

    pydyf.Stream.data = property(deflated_once)
