"""Make the bundled fallback fonts (fonts/BrochureGothicFallback-*.ttf, BrochureMinchoFallback-*.ttf).

Not run by the build or CI: the generated fonts are committed. Run it to regenerate them:

    uv run python scripts/make_fallback_fonts.py          # downloads the two .deb files with apt-get
    uv run python scripts/make_fallback_fonts.py --debs DIR   # or uses .deb files already in DIR

Sources (Debian packages, fetched with ``apt-get download`` and unpacked with ``dpkg-deb -x``):
- ``fonts-noto-cjk``: NotoSansCJK-{Regular,Bold}.ttc, face "Noto Sans CJK JP" (CFF outlines),
  for the Gothic fallback;
- ``fonts-noto-core``: NotoSerif-{Regular,Bold}.ttf (TrueType) for the Mincho fallback.

Coverage target (``TARGET``): JIS X 0213:2004 (every single-character code point decoded from
EUC-JIS-2004), every ideograph of the bundled Mincho (Noto Serif JP: Adobe-Japan1-6, with 𠮷 and
the other CJK Ext B characters of Japanese names) and ``NAME_CHARACTERS``. A fallback keeps only
the part of the target its primary face lacks: Pango takes a character from the fallback only
when the primary face has no glyph for it, so the rest would never be used.

- Gothic fallback = Noto Sans CJK JP ∩ (target − BIZ UDPGothic). The CFF outlines are converted
  to TrueType (quadratic) outlines: WeasyPrint/HarfBuzz subset CFF CJK fonts several times
  slower (fonts/README.md), and TrueType is what the other bundled faces are.
- Mincho fallback = Noto Serif ∩ (target − Noto Serif JP): Latin Extended, IPA, Greek and
  Cyrillic letters of JIS X 0213 (serif forms that match Noto Serif JP's Latin).

The last resort (fonts/last-resort/BrochureLastResort.ttf, made from nothing, released with this tool
under its MIT licence) maps every other code point (cmap format 13, many-to-one) to one box
glyph, the traditional "tofu". WeasyPrint would otherwise draw a character that no font has
with the .notdef glyph under a custom CMap, which makes poppler (pdftotext) and pdfminer drop
*all* the text of that font, on every page. With the last resort the PDF keeps the character
(copy gives it back) and shows a box; the build warns and ``brochure check`` reports it.

The family names inside the files are renamed (the SIL OFL asks modified fonts not to keep a
Reserved Font Name; renaming is also what keeps fontconfig from confusing them with an installed
Noto). The licences (SIL OFL 1.1 with each source's copyright line) are written next to the fonts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "fonts"

# Characters of Japanese names that the fallbacks must have even if a source lacks them from the
# sets above (checked: all are in the target already; the list documents the intent).
NAME_CHARACTERS = "𠮷髙﨑邉邊齋齊𡈽𩸽𠀋𡌛𣘺塚﨟德惠彅"

PACKAGES = ("fonts-noto-cjk", "fonts-noto-core")


def jis_x_0213() -> set[int]:
    chars = set()
    for a in range(0xA1, 0xFF):
        for b in range(0xA1, 0xFF):
            for raw in (bytes([a, b]), bytes([0x8F, a, b])):
                try:
                    s = raw.decode("euc_jis_2004")
                except UnicodeDecodeError:
                    continue
                if len(s) == 1:
                    chars.add(ord(s))
    return chars


def is_ideograph(cp: int) -> bool:
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3FFFF)


def cmap(path: Path) -> set[int]:
    return set(TTFont(path, lazy=True).getBestCmap())


def target() -> set[int]:
    mincho = cmap(FONTS / "NotoSerifJP-Regular.ttf")
    return jis_x_0213() | {c for c in mincho if is_ideograph(c)} | {ord(c) for c in NAME_CHARACTERS}


def unpack_debs(debs: Path | None, work: Path) -> Path:
    if debs is None:
        debs = work / "debs"
        debs.mkdir()
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=debs, check=True)
    tree = work / "tree"
    for deb in sorted(debs.glob("*.deb")):
        if deb.name.startswith(PACKAGES):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(tree)], check=True)
    return tree


def cff_to_glyf(font: TTFont, max_err: float = 1.0) -> None:
    """Replace CFF outlines by TrueType ones (cubic → quadratic, max error 1 font unit)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names (CID fonts have none worth keeping)
    post.extraNames, post.mapping = [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, family: str, style: str) -> None:
    name = font["name"]
    full = f"{family} {style}"
    postscript = f"{family.replace(' ', '')}-{style}"
    keep = {0, 7, 8, 9, 11, 12, 13, 14}  # copyright, trademark, vendor, designer, URLs, licence
    name.names = [n for n in name.names if n.nameID in keep]
    for name_id, value in ((1, family), (2, style), (3, f"brochure:{postscript}"), (4, full),
                           (5, "Version 1.0 (subset for brochure)"), (6, postscript)):
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)


def make(source: TTFont, keep: set[int], out: Path, family: str, style: str, to_glyf: bool) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    options.drop_tables += ["DSIG", "VORG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(keep & set(source.getBestCmap())))
    subsetter.subset(source)
    if to_glyf:
        cff_to_glyf(source)
    rename(source, family, style)
    source.save(out)
    print(f"wrote {out.relative_to(ROOT)}: {len(source.getBestCmap())} characters, "
          f"{out.stat().st_size / 1e6:.2f} MB")


# Code points never given the box: controls, surrogates, noncharacters and the default
# ignorables (joiners, variation selectors, …), which must stay invisible.
_NOT_DRAWN = ((0x0000, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x034F, 0x034F),
              (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
              (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
              (0xD800, 0xDFFF), (0xFDD0, 0xFDEF), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
              (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0xFFFE, 0xFFFF), (0x1BCA0, 0x1BCA3),
              (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF), (0xF0000, 0x10FFFF))


def last_resort_ranges() -> list[tuple[int, int]]:
    ranges, start = [], 0x0020
    for lo, hi in sorted(_NOT_DRAWN):
        if lo > start:
            ranges.append((start, lo - 1))
        start = max(start, hi + 1)
    return ranges


def make_last_resort(out: Path) -> None:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    upm = 1000
    fb = FontBuilder(upm, isTTF=True)
    fb.setupGlyphOrder([".notdef", "tofu"])
    fb.setupCharacterMap({0x20: "tofu"})  # replaced below by a format 13 table
    box = TTGlyphPen(None)
    for x0, y0, x1, y1, clockwise in ((100, -80, 900, 800, True), (160, -20, 840, 740, False)):
        points = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]
        if not clockwise:
            points.reverse()
        box.moveTo(points[0])
        for point in points[1:]:
            box.lineTo(point)
        box.closePath()
    empty = TTGlyphPen(None)
    fb.setupGlyf({".notdef": empty.glyph(), "tofu": box.glyph()})
    fb.setupHorizontalMetrics({".notdef": (upm, 0), "tofu": (upm, 100)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    family = "Brochure Last Resort"
    fb.setupNameTable({"familyName": family, "styleName": "Regular",
                       "uniqueFontIdentifier": "brochure:BrochureLastResort-Regular",
                       "fullName": f"{family} Regular", "psName": "BrochureLastResort-Regular",
                       "version": "Version 1.0",
                       "licenseDescription": "MIT licence, like the brochure tool that made it"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    font = fb.font
    table = CmapSubtable.newSubtable(13)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    table.cmap = {}
    font["cmap"].tables = [table]
    # fontTools writes format 13 from a full mapping; build it range by range.
    for lo, hi in last_resort_ranges():
        for cp in range(lo, hi + 1):
            table.cmap[cp] = "tofu"
    font.save(out)
    print(f"wrote {out.relative_to(ROOT)}: {out.stat().st_size / 1e3:.1f} kB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debs", type=Path, help="folder with the .deb files (default: apt-get download)")
    args = parser.parse_args(argv)
    make_last_resort(FONTS / "last-resort" / "BrochureLastResort.ttf")
    want = target()
    with tempfile.TemporaryDirectory() as tmp:
        tree = unpack_debs(args.debs, Path(tmp))
        noto_cjk = tree / "usr/share/fonts/opentype/noto"
        noto = tree / "usr/share/fonts/truetype/noto"
        for style in ("Regular", "Bold"):
            gothic = FONTS / f"BIZUDPGothic-{style}.ttf"
            face = next(f for f in TTCollection(noto_cjk / f"NotoSansCJK-{style}.ttc").fonts
                        if f["name"].getDebugName(1).startswith("Noto Sans CJK JP"))
            make(face, want - cmap(gothic), FONTS / f"BrochureGothicFallback-{style}.ttf",
                 "Brochure Gothic Fallback", style, to_glyf=True)
            make(TTFont(noto / f"NotoSerif-{style}.ttf"), want - cmap(FONTS / f"NotoSerifJP-{style}.ttf"),
                 FONTS / f"BrochureMinchoFallback-{style}.ttf", "Brochure Mincho Fallback", style,
                 to_glyf=False)
    # Licences: the OFL text of the bundled Mincho, under each source's copyright line.
    ofl = (FONTS / "OFL-NotoSerifJP.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    for style_file, name in (("BrochureGothicFallback-Regular.ttf", "OFL-BrochureGothicFallback.txt"),
                             ("BrochureMinchoFallback-Regular.ttf", "OFL-BrochureMinchoFallback.txt")):
        copyright_line = TTFont(FONTS / style_file)["name"].getDebugName(0)
        (FONTS / name).write_text(f"{copyright_line}\n{ofl}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
