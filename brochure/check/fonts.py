"""Fonts in the PDF: every font embedded, none Type 3, and only the bundled families.

A font outside the bundled families means Pango fell back to a system font for characters
the bundled fonts lack: the print shop's machine would not have it, and it looks different.
Fonts are listed from the page resources (pikepdf); the pages where a font really draws
text come from pdfplumber's characters (WeasyPrint may share one resource dictionary).
"""

from __future__ import annotations

import pikepdf

from .context import CheckContext
from ..messages import msg
from .findings import ERROR, Finding, chars_box
from ..content.texts import field_around
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


def _document_fonts(path) -> dict[str, tuple[bool, bool, int]]:
    """PDF font name → (Type 3, embedded, first page listing it)."""
    fonts: dict[str, tuple[bool, bool, int]] = {}
    with pikepdf.open(path) as pdf:
        seen: set = set()
        for number, page in enumerate(pdf.pages, start=1):
            for font in _fonts(page.obj.get("/Resources"), seen):
                name = str(font.get("/BaseFont", "/unnamed"))[1:]
                if name not in fonts:
                    fonts[name] = (font.get("/Subtype") == "/Type3", _embedded(font), number)
    return fonts


def check_fonts(ctx: CheckContext) -> list[Finding]:
    findings = []
    for name, (type3, embedded, listed_on) in _document_fonts(ctx.doc.path).items():
        pages = [i + 1 for i, page in enumerate(ctx.doc.pages) if any(c["fontname"] == name for c in page.chars)]
        first = pages[0] if pages else listed_on
        if type3:
            findings.append(Finding(ERROR, "font-type3", msg("check.font-type3", name=name), page=first))
        elif not embedded:
            findings.append(Finding(ERROR, "font-not-embedded", msg("check.font-not-embedded", name=name),
                                    page=first))
        if not is_bundled(name) and ctx.brochure is not None:  # a PDF made elsewhere has its own fonts
            findings.extend(_fallback(ctx, page, name) for page in pages)
    return findings


def _fallback(ctx: CheckContext, page: int, name: str) -> Finding:
    chars = [c for c in ctx.doc.pages[page - 1].chars if c["text"].strip()]
    mine = [i for i, c in enumerate(chars) if c["fontname"] == name]
    text = "".join(dict.fromkeys(chars[i]["text"] for i in mine))
    page_text = "".join(c["text"] for c in chars)
    source = next(filter(None, (field_around(ctx.fields, page_text, i) for i in mine)), None)
    return Finding(ERROR, "font-fallback", msg("check.font-fallback", name=name.split("+", 1)[-1], text=text),
                   page=page, file=source.file if source else None,
                   field=source.field if source else None, line=source.line if source else None,
                   bbox=chars_box(ctx.doc.pages[page - 1], [chars[i] for i in mine]))
