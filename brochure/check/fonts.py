"""Fonts in the PDF: every font embedded, none Type 3, and only the bundled families.

A font outside the bundled families means Pango fell back to a system font for characters
the bundled fonts lack: the print shop's machine would not have it, and it looks different.
"""

from __future__ import annotations

import pikepdf

from .context import CheckContext
from .findings import ERROR, Finding
from .texts import field_around
from .tofu import is_bundled

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _fonts(resources, seen: set) -> list:
    """Fonts of a resource dictionary, including those of nested form XObjects."""
    found = []
    if resources is None:
        return found
    if resources.objgen != (0, 0):  # indirect: visit once (forms may share resources)
        if resources.objgen in seen:
            return found
        seen.add(resources.objgen)
    for _, font in (resources.get("/Font") or {}).items():
        found.append(font)
    for _, xobject in (resources.get("/XObject") or {}).items():
        if xobject.get("/Subtype") == "/Form":
            found.extend(_fonts(xobject.get("/Resources"), seen))
    return found


def _embedded(font) -> bool:
    descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    descriptor = descendant.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in FONT_FILES)


def check_fonts(ctx: CheckContext) -> list[Finding]:
    findings = []
    with pikepdf.open(ctx.doc.path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for font in _fonts(page.obj.get("/Resources"), set()):
                name = str(font.get("/BaseFont", "/unnamed"))[1:]
                if font.get("/Subtype") == "/Type3":
                    findings.append(Finding(ERROR, "font-type3", f"font {name} is a Type 3 font",
                                            hint="print shops reject Type 3 fonts: use the bundled "
                                                 "TrueType/OpenType fonts", page=number))
                    continue
                if not _embedded(font):
                    findings.append(Finding(ERROR, "font-not-embedded", f"font {name} is not embedded",
                                            hint="embed every font (check styles/fonts.css)", page=number))
                if not is_bundled(name):
                    findings.append(_fallback(ctx, number, name))
    return findings


def _fallback(ctx: CheckContext, page: int, name: str) -> Finding:
    chars = [c for c in ctx.doc.pages[page - 1].chars if c["text"].strip()]
    mine = [i for i, c in enumerate(chars) if c["fontname"] == name]
    text = "".join(dict.fromkeys(chars[i]["text"] for i in mine))
    page_text = "".join(c["text"] for c in chars)
    source = field_around(ctx.fields, page_text, mine[0]) if mine else None
    return Finding(ERROR, "font-fallback",
                   f"system font {name.split('+', 1)[-1]} drew {text!r}: the bundled fonts lack it",
                   hint="replace the characters or bundle a font that has them",
                   page=page, file=source.file if source else None,
                   field=source.field if source else None, line=source.line if source else None)
