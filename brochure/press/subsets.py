"""Subset tags of fonts joined from another PDF.

WeasyPrint derives a font's subset tag (the ``ABCDEF+`` of ``ABCDEF+BIZ-UDPGothic``) from the
font's description only, not from the glyphs it holds. A card laid out separately therefore
embeds its own subset of a face under the same name as the shared document's (different)
subset of that face; viewers that cache fonts by name may then draw the wrong glyphs. Before
such a part is joined, its subsets are given tags of their own, derived from their glyph data.
"""

from __future__ import annotations

import hashlib
import re

from pikepdf import Dictionary, Name

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def _retagged(name, tag: str) -> Name:
    return Name("/" + tag + "+" + _SUBSET_TAG.sub("", str(name)[1:]))


def retag_subsets(resources: Dictionary) -> None:
    """New subset tags for the fonts of ``resources`` (a page's or form's /Resources)."""
    fonts = resources.get("/Font")
    if not isinstance(fonts, Dictionary):
        return
    for font in fonts.values():
        if not isinstance(font, Dictionary) or "/BaseFont" not in font:
            continue
        dicts = [font, *(font.get("/DescendantFonts") or [])]
        descriptors = [d.FontDescriptor for d in dicts if "/FontDescriptor" in d]
        h = hashlib.sha256(str(font.BaseFont).encode())
        for descriptor in descriptors:
            for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                if key in descriptor:
                    h.update(descriptor[key].read_raw_bytes())
        tag = "".join(chr(65 + b % 26) for b in h.digest()[:6])
        for d in dicts:
            d.BaseFont = _retagged(d.BaseFont, tag)
        for descriptor in descriptors:
            if "/FontName" in descriptor:
                descriptor.FontName = _retagged(descriptor.FontName, tag)
