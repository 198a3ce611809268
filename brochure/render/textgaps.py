"""Spacing carried in glyph advances: text that copies as it was written.

PDF readers rebuild words from glyph positions and invent a space wherever the pen jumps
forward between two glyphs of a line: pdf.js from 0.102 em, poppler (pdftotext) from ≈0.1 em,
pdfium from half the width of the font's space (0.13–0.17 em here). Japanese composition makes
such jumps everywhere without any space in the text: 和欧間 (a quarter em and more between
「2019」 and 「年」), justification, letter spacing, gaps beside a ruby base. So all three readers
copied 「2019 年 12 月」.

This pass rewrites each PDF that WeasyPrint wrote so that no such jump is left: the jump after
a glyph becomes part of that glyph's *advance*. For every (glyph, jump) pair the embedded
TrueType subset gets one more glyph, a composite that draws the original outline unchanged and
is wider by the jump (quantised to 1/20 em; the remainder, < 0.05 em, stays as a position
adjustment, below every reader's threshold). The glyph's width in the font dictionary (``/W``)
says the same as the font program (PDF/UA-1 7.21.5 and PDF/A ask them to agree), and the
ToUnicode map gives it the original character, so copy and search get exactly the content's
characters while every glyph is painted where it was: the page looks the same to the pixel.

What counts as a jump: a position adjustment inside a ``TJ`` array, or the distance from the end
of one text run to its next glyph on the same baseline (WeasyPrint starts a new run at every
inline box: the 和欧間 span, a ruby base, a punctuation mark's span). A jump back (punctuation
set in its half-width body: ``halt``, ``chws``, JLREQ's rules for consecutive marks; kerning)
is folded the same way into a *narrower* copy of the glyph: readers that see the pen move back
start a new line (poppler) or drop the order. Jumps wider than ``MAX_JUMP_EM`` are
left alone: they separate things that are really apart (a role and a name, two table cells), and
readers should go on seeing a space there. Only fonts with the Identity-H encoding (every font
WeasyPrint embeds, except the ones where it drew .notdef boxes) are rewritten.

Cost: one parse of each page's content stream and one fontTools pass over each embedded font
that gained glyphs (bench: see docs/typesetting.md).
"""

from __future__ import annotations

import io
import re
import struct
import sys
from array import array
from dataclasses import dataclass, field

import pikepdf

from . import fontcarry, sfnt

QUANTUM = 50  # 1/1000 em: jumps are folded in steps of 0.05 em, the rest stays a position
MIN_JUMP = QUANTUM  # smaller jumps make no reader add a space
MIN_BACK = 5  # 1/1000 em: a glyph that starts this much inside the one before is an overlap
MAX_JUMP_EM = 0.8  # wider gaps are real separations (see the module doc)
_SAME_LINE = 0.02  # em: baselines closer than this are one line


@dataclass
class _Font:
    """An embedded CID TrueType font of the PDF and the wider glyphs it needs."""

    obj: pikepdf.Dictionary
    widths: dict[int, float]
    next_cid: int
    upem: int = 1000
    added: dict[tuple[int, int], int] = field(default_factory=dict)  # (cid, extra) → new cid
    base_of: dict[int, tuple[int, int]] = field(default_factory=dict)  # new cid → (cid, extra)

    def widen(self, cid: int, extra: int) -> int | None:
        if cid in self.base_of:  # a glyph folded twice: one copy of its base, both jumps
            cid, done = self.base_of[cid]
            extra += done
        if extra == 0:
            return cid
        key = (cid, extra)
        if key not in self.added:
            if self.next_cid > 0xFFFF:
                return None
            self.added[key] = self.next_cid
            self.base_of[self.next_cid] = key
            self.next_cid += 1
        return self.added[key]

    def width(self, cid: int) -> float:
        if cid in self.base_of and cid not in self.widths:
            base, extra = self.base_of[cid]
            return self.width(base) + extra
        return self.widths.get(cid, 1000.0)


def _quantised(jump: float, width: float) -> int:
    """The part of a jump (1/1000 em; negative: the pen moves back) that a glyph of ``width``
    carries in its advance, in whole quanta. Forward: towards zero (the rest, < 0.05 em, is a
    gap no reader reads as a space). Back: away from zero, so that what is left is a small
    step forward — pdfium starts a new line where a glyph begins even 0.01 em before the end
    of the one it follows; never a negative advance."""
    if jump >= 0:
        return int(jump // QUANTUM) * QUANTUM
    steps = -int(jump // QUANTUM)  # ceil(|jump| / QUANTUM)
    return -min(steps * QUANTUM, int(width // QUANTUM) * QUANTUM)


def _folds(jump: float) -> bool:
    """Whether a jump is folded: forward from MIN_JUMP on, back from MIN_BACK on."""
    return jump >= MIN_JUMP or jump <= -MIN_BACK


def _read_widths(w: pikepdf.Array) -> dict[int, float]:
    widths, i = {}, 0
    items = list(w)
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], pikepdf.Array):
            for k, value in enumerate(items[i + 1]):
                widths[first + k] = float(value)
            i += 2
        else:
            last, value = int(items[i + 1]), float(items[i + 2])
            for cid in range(first, last + 1):
                widths[cid] = value
            i += 3
    return widths


def _font(cache: dict, font_obj) -> _Font | None:
    key = font_obj.objgen
    if key in cache:
        return cache[key]
    found = None
    if (font_obj.get("/Subtype") == "/Type0" and font_obj.get("/Encoding") == "/Identity-H"
            and "/ToUnicode" in font_obj):
        descendant = font_obj.DescendantFonts[0]
        descriptor = descendant.get("/FontDescriptor")
        if (descendant.get("/Subtype") == "/CIDFontType2" and descriptor is not None
                and "/FontFile2" in descriptor and descendant.get("/CIDToGIDMap", "/Identity") == "/Identity"):
            data = descriptor.FontFile2.read_bytes()
            found_tables = sfnt.tables(data)
            num_glyphs = int.from_bytes(found_tables[b"maxp"][4:6], "big")
            upem = int.from_bytes(found_tables[b"head"][18:20], "big")
            found = _Font(font_obj, _read_widths(descendant.get("/W", pikepdf.Array())), num_glyphs, upem)
    cache[key] = found
    return found


def _mul(m, n):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _apply(m, x, y):
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


@dataclass
class _Run:
    """The last text run shown: where its last glyph is, and where its pen ended."""

    instruction: int
    element: int
    code: int  # index of the code within the string element
    font: _Font
    end: tuple[float, float]
    direction: tuple[float, float]  # unit vector of the baseline, page space
    em: float  # one em of the run's font, page space


class _Stream:
    """One content stream (a page's, or a form XObject's) and the fonts of its resources."""

    def __init__(self, instructions, fonts_by_name, fonts: dict):
        self.instructions = instructions
        self.fonts_by_name = fonts_by_name
        self.fonts = fonts
        self.changed = False

    def _set_code(self, index: int, element: int, position: int, code: int) -> None:
        operands = self.instructions[index].operands
        array = operands[0]
        data = bytearray(bytes(array[element]))
        data[2 * position:2 * position + 2] = code.to_bytes(2, "big")
        array[element] = pikepdf.String(bytes(data))
        self.changed = True

    def fold(self) -> None:
        ctm_stack, ctm = [], (1, 0, 0, 1, 0, 0)
        tm = (1, 0, 0, 1, 0, 0)
        font = None
        size = 0.0
        last: _Run | None = None
        for index, instruction in enumerate(self.instructions):
            op = str(instruction.operator)
            operands = instruction.operands
            if op == "q":
                ctm_stack.append(ctm)
            elif op == "Q":
                ctm = ctm_stack.pop() if ctm_stack else ctm
            elif op == "cm":
                ctm = _mul(tuple(float(v) for v in operands), ctm)
            elif op == "BT":
                tm = (1, 0, 0, 1, 0, 0)
            elif op == "Tm":
                tm = tuple(float(v) for v in operands)
            elif op == "Td":
                tm = _mul((1, 0, 0, 1, float(operands[0]), float(operands[1])), tm)
            elif op == "Tf":
                font = self.fonts_by_name(str(operands[0]))
                size = float(operands[1])
            elif op in ("Tc", "Tw", "Tz", "Ts", "TD", "T*", "'", '"', "Tj", "TL"):
                if op in ("Tc", "Tw", "Ts") and float(operands[0]) == 0:
                    continue
                last = None  # text state this pass does not follow: leave the run alone
            elif op == "TJ" and font is not None:
                last = self._show(index, operands[0], font, size, _mul(tm, ctm), last)
                tm = _mul((1, 0, 0, 1, self.pen, 0), tm)  # TJ moves the text matrix on
            elif op == "TJ":
                last = None

    def _show(self, index, array, font: _Font, size: float, matrix, last: _Run | None) -> _Run | None:
        start = _apply(matrix, 0, 0)
        x_axis = _apply(matrix, 1, 0)
        dx, dy = x_axis[0] - start[0], x_axis[1] - start[1]
        scale = (dx * dx + dy * dy) ** 0.5
        direction = (dx / scale, dy / scale) if scale else (1.0, 0.0)
        em = size * scale
        if last is not None and em > 0 and abs(direction[0] - last.direction[0]) < 1e-6 \
                and abs(direction[1] - last.direction[1]) < 1e-6:
            gx, gy = start[0] - last.end[0], start[1] - last.end[1]
            along = gx * direction[0] + gy * direction[1]
            across = -gx * direction[1] + gy * direction[0]
            # The run's own adjustment before its first glyph (a glyph placed left of its pen
            # position: a half-width bracket) is part of the jump.
            lead = 0.0
            for item in array:
                if isinstance(item, pikepdf.String):
                    if bytes(item):
                        break
                else:
                    lead -= float(item) / 1000 * size * scale
            along += lead
            if abs(across) < _SAME_LINE * em and abs(along) < MAX_JUMP_EM * last.em:
                jump = along / last.em * 1000
                if _folds(jump):
                    cid = int.from_bytes(bytes(self.instructions[last.instruction].operands[0][last.element])
                                         [2 * last.code:2 * last.code + 2], "big")
                    new = last.font.widen(cid, _quantised(jump, last.font.width(cid)))
                    if new is not None:
                        self._set_code(last.instruction, last.element, last.code, new)
        # Walk the array: glyph advances and adjustments, folding jumps after a glyph.
        pen = 0.0  # text space units
        glyph = None  # (element, code position, cid) of the last glyph
        pending: list[int] = []  # number elements since that glyph
        pending_sum = 0.0
        items = list(array)

        def settle():
            nonlocal pending_sum
            if glyph is not None and pending and _folds(-pending_sum):
                extra = _quantised(-pending_sum, font.width(glyph[2]))
                new = font.widen(glyph[2], extra) if extra else None
                if new is not None:
                    self._set_code(index, glyph[0], glyph[1], new)
                    array[pending[0]] = round(pending_sum + extra, 3)
                    for k in pending[1:]:
                        array[k] = 0
                    self.changed = True
            pending.clear()
            pending_sum = 0.0

        for k, item in enumerate(items):
            if isinstance(item, pikepdf.String):
                data = bytes(item)
                if not data:
                    continue
                settle()
                for p in range(len(data) // 2):
                    cid = int.from_bytes(data[2 * p:2 * p + 2], "big")
                    pen += font.width(cid) / 1000 * size
                    glyph = (k, p, cid)
            else:
                value = float(item)
                pen -= value / 1000 * size
                pending.append(k)
                pending_sum += value
        settle()
        self.pen = pen
        if glyph is None:
            return last
        # A trailing adjustment after the last glyph (Pango's letter spacing, a half-width
        # mark) is part of the jump to the next run: measure from the glyph's end, its advance
        # as it is now (settle() may have folded that adjustment into it already).
        trailing = -sum(float(array[k]) for k in range(glyph[0] + 1, len(items))
                        if not isinstance(items[k], pikepdf.String)) / 1000 * size
        end = _apply(matrix, pen - trailing, 0)
        return _Run(index, glyph[0], glyph[1], font, end, direction, em)


def _fonts_of(resources, cache: dict):
    fonts = (resources.get("/Font") if resources is not None else None) or {}

    def lookup(name: str):
        obj = fonts.get(name)
        return _font(cache, obj) if obj is not None else None

    return lookup


def _fold_stream(owner, resources, cache: dict, seen: set) -> bytes | None:
    """Fold the jumps of one content stream (a page's or a form's), and of the forms it
    draws; the new stream data, or None when nothing changed."""
    for _, xobject in ((resources.get("/XObject") if resources is not None else None) or {}).items():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            data = _fold_stream(xobject, xobject.get("/Resources"), cache, seen)
            if data is not None:
                xobject.write(data)
    instructions = pikepdf.parse_content_stream(owner)
    stream = _Stream(instructions, _fonts_of(resources, cache), cache)
    stream.fold()
    return pikepdf.unparse_content_stream(instructions) if stream.changed else None


def _checksum(data: bytes) -> int:
    words = array("I", data + b"\0" * (-len(data) % 4))
    if sys.byteorder == "little":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _sfnt(tables: dict[bytes, bytes], version: bytes) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = version + struct.pack(">HHHH", count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    offset = 12 + 16 * count
    directory, body = b"", b""
    head_at = None
    for tag in tags:
        table = tables[tag]
        if tag == b"head":
            table = table[:8] + b"\0\0\0\0" + table[12:]
            head_at = offset
        directory += tag + struct.pack(">III", _checksum(table), offset, len(table))
        padded = table + b"\0" * (-len(table) % 4)
        body += padded
        offset += len(padded)
    font = bytearray(header + directory + body)
    if head_at is not None:
        adjustment = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
        font[head_at + 8:head_at + 12] = struct.pack(">I", adjustment)
    return bytes(font)


def _widen_font(data: bytes, glyphs: list[tuple[int, int]]) -> bytes:
    """The TrueType font with one glyph appended per (base glyph, extra advance in font units):
    a composite of the base outline at (0, 0), or an empty glyph for an empty base, whose
    horizontal advance is the base's plus the extra. Tables are edited in place (fontTools
    would recompile every glyph: ≈0.5 s per font)."""
    tables = sfnt.tables(data)
    head, maxp, hhea = bytearray(tables[b"head"]), bytearray(tables[b"maxp"]), bytearray(tables[b"hhea"])
    num_glyphs = int.from_bytes(maxp[4:6], "big")
    long_loca = int.from_bytes(head[50:52], "big") == 1
    loca_raw = tables[b"loca"]
    loca = array("I" if long_loca else "H", loca_raw[:(4 if long_loca else 2) * (num_glyphs + 1)])
    if sys.byteorder == "little":
        loca.byteswap()
    scale = 1 if long_loca else 2  # a short loca holds offsets / 2: kept so, not converted
    added: list[int] = []  # the offsets of the glyphs appended (in bytes)
    glyf = bytearray(tables[b"glyf"])

    def metrics(table: bytes, count_long: int) -> tuple[array, array]:
        """(advances, side bearings) of every glyph, as arrays of big-endian-decoded shorts."""
        pairs = array("h", table[:4 * count_long])
        rest = array("h", table[4 * count_long:4 * count_long + 2 * (num_glyphs - count_long)])
        if sys.byteorder == "little":
            pairs.byteswap()
            rest.byteswap()
        advances = array("H", pairs[0::2].tobytes())
        advances.extend([advances[-1]] * (num_glyphs - count_long))
        sides = pairs[1::2]
        sides.extend(rest)
        return advances, sides

    def packed(advances: array, sides: array) -> bytes:
        pairs = array("h", bytes(4 * len(advances)))
        pairs[0::2] = array("h", advances.tobytes())
        pairs[1::2] = sides
        if sys.byteorder == "little":
            pairs.byteswap()
        return pairs.tobytes()

    hmtx = metrics(tables[b"hmtx"], int.from_bytes(hhea[34:36], "big"))
    vmtx = None
    if b"vmtx" in tables and b"vhea" in tables:
        vhea = bytearray(tables[b"vhea"])
        vmtx = metrics(tables[b"vmtx"], int.from_bytes(vhea[34:36], "big"))
    for base, extra in glyphs:
        start, stop = scale * loca[base], scale * loca[base + 1]
        if stop > start:
            bbox = tables[b"glyf"][start + 2:start + 10]
            # numberOfContours -1, the base's box, one component: ARG_1_AND_2_ARE_WORDS |
            # ARGS_ARE_XY_VALUES, glyph index, dx = dy = 0.
            glyf += struct.pack(">h", -1) + bbox + struct.pack(">HHhh", 0x0003, base, 0, 0)
            glyf += b"\0" * (-len(glyf) % 4)
        added.append(len(glyf))
        hmtx[0].append(hmtx[0][base] + extra)
        hmtx[1].append(hmtx[1][base])
        if vmtx is not None:
            vmtx[0].append(vmtx[0][base])
            vmtx[1].append(vmtx[1][base])
    total = len(hmtx[0])
    maxp[4:6] = struct.pack(">H", total)
    if int.from_bytes(maxp[0:4], "big") == 0x00010000:
        maxp[28:30] = struct.pack(">H", max(1, int.from_bytes(maxp[28:30], "big")))  # maxComponentElements
        maxp[30:32] = struct.pack(">H", max(1, int.from_bytes(maxp[30:32], "big")))  # maxComponentDepth
    hhea[34:36] = struct.pack(">H", total)
    tables[b"hmtx"] = packed(*hmtx)
    if vmtx is not None:
        vhea[34:36] = struct.pack(">H", total)
        tables[b"vhea"] = bytes(vhea)
        tables[b"vmtx"] = packed(*vmtx)
    last = added[-1] if added else scale * loca[-1]
    if not long_loca and last <= 0x1FFFE:
        loca.extend(v // 2 for v in added)  # even: glyf is padded to 4 bytes
    else:
        if not long_loca:
            loca = array("I", (2 * v for v in loca))
        loca.extend(added)
        head[50:52] = struct.pack(">h", 1)
    if sys.byteorder == "little":
        loca.byteswap()
    tables[b"loca"] = loca.tobytes()
    tables[b"glyf"] = bytes(glyf)
    tables[b"head"], tables[b"maxp"], tables[b"hhea"] = bytes(head), bytes(maxp), bytes(hhea)
    if b"post" in tables:  # format 2 names every glyph: drop the names (format 3)
        tables[b"post"] = struct.pack(">I", 0x00030000) + tables[b"post"][4:32]
    for tag in (b"hdmx", b"LTSH", b"VDMX", b"DSIG"):  # per-glyph tables a reader could misread
        tables.pop(tag, None)
    return _sfnt(tables, data[:4])


def _add_glyphs(pdf: pikepdf.Pdf, font: _Font) -> None:
    descendant = font.obj.DescendantFonts[0]
    descriptor = descendant.FontDescriptor
    data = descriptor.FontFile2.read_bytes()
    added = sorted(font.added.items(), key=lambda item: item[1])
    glyphs = []
    for (cid, extra), new_cid in added:
        units = round(extra * font.upem / 1000)
        glyphs.append((cid, units))
        font.widths[new_cid] = round(font.width(cid) + units * 1000 / font.upem)
    font_program, deflated = fontcarry.widened(data, glyphs, _widen_font)  # watch: maybe carried
    stream = pikepdf.Stream(pdf, b"")
    stream.write(deflated, filter=pikepdf.Name.FlateDecode)
    stream.Length1 = len(font_program)  # required for a TrueType program (ISO 32000-1, 9.9)
    descriptor.FontFile2 = stream
    # /W: one more run of widths for the new CIDs (they are consecutive).
    new = [new_cid for _, new_cid in added]
    w = descendant.get("/W", pikepdf.Array())
    w.append(new[0])
    w.append(pikepdf.Array([font.widths[c] for c in new]))
    descendant.W = w
    # ToUnicode: the new CIDs read as the characters of the glyphs they widen.
    cmap = font.obj.ToUnicode.read_bytes()
    unicode_of = to_unicode(cmap)
    pairs = [(new_cid, unicode_of.get(cid)) for (cid, _), new_cid in font.added.items()]
    pairs = [(c, u) for c, u in pairs if u]
    blocks = []
    for i in range(0, len(pairs), 100):
        chunk = pairs[i:i + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "".join(f"<{c:04x}> <{u}>\n" for c, u in chunk)
                      + "endbfchar\n")
    cmap = cmap.replace(b"endcmap", "".join(blocks).encode() + b"endcmap", 1)
    font.obj.ToUnicode = pikepdf.Stream(pdf, cmap)
    cidset = descriptor.get("/CIDSet")
    if cidset is not None:
        bits = bytearray(cidset.read_bytes())
        top = max(new)
        bits.extend(b"\0" * max(0, top // 8 + 1 - len(bits)))
        for c in new:
            bits[c // 8] |= 0x80 >> (c % 8)
        descriptor.CIDSet = pikepdf.Stream(pdf, bytes(bits))


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def to_unicode(cmap: bytes) -> dict[int, str]:
    """CID → UTF-16BE hex of its text, from a ToUnicode CMap (bfchar and simple bfrange)."""
    found: dict[int, str] = {}
    for block in _BFCHAR.findall(cmap):
        values = _HEX.findall(block)
        for code, text in zip(values[::2], values[1::2]):
            found[int(code, 16)] = text.decode()
    for block in _BFRANGE.findall(cmap):
        for line in block.splitlines():
            values = _HEX.findall(line)
            if len(values) == 3 and b"[" not in line:
                lo, hi, start = int(values[0], 16), int(values[1], 16), int(values[2], 16)
                width = len(values[2])
                for k, code in enumerate(range(lo, hi + 1)):
                    found[code] = f"{start + k:0{width}X}"
    return found


def fold_text_gaps(data: bytes) -> bytes:
    """The PDF with every in-line jump between glyphs carried by glyph advances (module doc)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        cache: dict = {}
        seen: set = set()
        for page in pdf.pages:
            data_ = _fold_stream(page, page.obj.get("/Resources"), cache, seen)
            if data_ is not None:
                page.obj.Contents = pdf.make_stream(data_)
        fonts = [f for f in cache.values() if f is not None and f.added]
        if not fonts:
            return data
        for font in fonts:
            _add_glyphs(pdf, font)
        out = io.BytesIO()
        pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve,
                 deterministic_id=True)  # the same pages, the same bytes
        return out.getvalue()
