"""Glyphs clipped by a clip path: part of a letter cut off by the box that holds it (a box with
``overflow: hidden`` too small for its text, a line height that leaves no room for the
descenders of p, g, y), or by a form's bounding box.

pdfplumber (pdfminer) ignores clipping, so the page's content stream is walked here with
pikepdf: the graphics state stack (``q``/``Q``, ``cm``), the clip (a path followed by ``W n``
or ``W* n``; its bounding box, intersected with the clip before), the text state and every
glyph a ``TJ``/``Tj`` shows, whose *ink* box comes from the embedded TrueType font (the glyph
header's bounds). Form XObjects are followed with their matrix, their bounding box clipping
what they draw. A glyph whose ink leaves the clip by more than ``TOLERANCE`` is reported,
one finding per clipped run of text on a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf

from ..messages import msg
from ..render import sfnt
from .context import CheckContext
from .findings import ERROR, Finding

TOLERANCE = 0.25  # pt: anti-aliasing, rounding of the clip against the glyph's own bounds
Box = tuple[float, float, float, float]
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m, n):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _box_of(points, m) -> Box | None:
    if not points:
        return None
    xs, ys = zip(*((m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x, y in points))
    return min(xs), min(ys), max(xs), max(ys)


def _meet(a: Box | None, b: Box | None) -> Box | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])


@dataclass
class _Font:
    widths: dict[int, float]
    bounds: dict[int, tuple[int, int, int, int]]  # glyph → ink bounds in font units
    upem: int
    text: dict[int, str]

    @classmethod
    def of(cls, font) -> "_Font | None":
        if font.get("/Subtype") != "/Type0" or "/DescendantFonts" not in font:
            return None
        cid = font.DescendantFonts[0]
        descriptor = cid.get("/FontDescriptor")
        if descriptor is None or "/FontFile2" not in descriptor:
            return None
        data = descriptor.FontFile2.read_bytes()
        tables = sfnt.tables(data)
        upem = int.from_bytes(tables[b"head"][18:20], "big")
        long_loca = int.from_bytes(tables[b"head"][50:52], "big") == 1
        count = int.from_bytes(tables[b"maxp"][4:6], "big")
        loca, glyf = tables[b"loca"], tables[b"glyf"]
        size = 4 if long_loca else 2
        offsets = [int.from_bytes(loca[size * i:size * i + size], "big") * (1 if long_loca else 2)
                   for i in range(count + 1)]
        bounds = {}
        for gid in range(count):
            start, stop = offsets[gid], offsets[gid + 1]
            if stop - start >= 10:
                head = glyf[start + 2:start + 10]
                bounds[gid] = tuple(int.from_bytes(head[k:k + 2], "big", signed=True) for k in (0, 2, 4, 6))
        text = {}
        if "/ToUnicode" in font:
            from ..render.textgaps import to_unicode

            for code, hex_text in to_unicode(font.ToUnicode.read_bytes()).items():
                try:
                    text[code] = bytes.fromhex(hex_text).decode("utf-16-be")
                except (ValueError, UnicodeDecodeError):
                    pass
        return cls(_widths(cid.get("/W", pikepdf.Array())), bounds, upem, text)


def _widths(w) -> dict[int, float]:
    widths, items, i = {}, list(w), 0
    while i + 1 < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], pikepdf.Array):
            for k, value in enumerate(items[i + 1]):
                widths[first + k] = float(value)
            i += 2
        else:
            for cid in range(first, int(items[i + 1]) + 1):
                widths[cid] = float(items[i + 2])
            i += 3
    return widths


@dataclass
class Clipped:
    """Glyphs of one run of text that a clip cuts."""

    text: str = ""
    box: Box | None = None
    clip: Box | None = None
    worst: float = 0.0  # pt: how far the ink leaves the clip


@dataclass
class _State:
    ctm: tuple = IDENTITY
    clip: Box | None = None


@dataclass
class _Walker:
    fonts: dict = field(default_factory=dict)  # font object id → _Font | None
    found: list[Clipped] = field(default_factory=list)

    def font(self, obj) -> "_Font | None":
        key = obj.objgen
        if key not in self.fonts:
            self.fonts[key] = _Font.of(obj)
        return self.fonts[key]

    def walk(self, stream_owner, resources, state: _State, depth: int = 0) -> None:
        if depth > 8:
            return
        stack: list[_State] = []
        path: list[tuple[float, float]] = []
        pending_clip = False
        font, size = None, 0.0
        tm = IDENTITY
        rise, char_space, word_space, scale = 0.0, 0.0, 0.0, 1.0
        font_dict = (resources.get("/Font") if resources is not None else None) or {}
        xobjects = (resources.get("/XObject") if resources is not None else None) or {}
        current: Clipped | None = None
        for operands, op in pikepdf.parse_content_stream(stream_owner):
            op = str(op)
            if op == "q":
                stack.append(_State(state.ctm, state.clip))
            elif op == "Q":
                state = stack.pop() if stack else state
            elif op == "cm":
                state = _State(_mul(tuple(float(v) for v in operands), state.ctm), state.clip)
            elif op == "re":
                x, y, w, h = (float(v) for v in operands)
                path += [(x, y), (x + w, y + h)]
            elif op in ("m", "l"):
                path.append((float(operands[0]), float(operands[1])))
            elif op == "c":
                path += [(float(operands[k]), float(operands[k + 1])) for k in (0, 2, 4)]
            elif op in ("v", "y"):
                path += [(float(operands[k]), float(operands[k + 1])) for k in (0, 2)]
            elif op in ("W", "W*"):
                pending_clip = True
            elif op in ("n", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*"):
                if pending_clip:
                    state = _State(state.ctm, _meet(state.clip, _box_of(path, state.ctm)))
                pending_clip, path = False, []
            elif op == "BT":
                tm = IDENTITY
            elif op == "Tf":
                obj = font_dict.get(str(operands[0]))
                font = self.font(obj) if obj is not None else None
                size = float(operands[1])
            elif op == "Tm":
                tm = tuple(float(v) for v in operands)
            elif op == "Td":
                tm = _mul((1, 0, 0, 1, float(operands[0]), float(operands[1])), tm)
            elif op == "Ts":
                rise = float(operands[0])
            elif op == "Tc":
                char_space = float(operands[0])
            elif op == "Tw":
                word_space = float(operands[0])
            elif op == "Tz":
                scale = float(operands[0]) / 100
            elif op in ("TJ", "Tj") and font is not None:
                items = list(operands[0]) if op == "TJ" else [operands[0]]
                pen, current = 0.0, None
                for item in items:
                    if not isinstance(item, pikepdf.String):
                        pen -= float(item) / 1000 * size * scale
                        continue
                    data = bytes(item)
                    for k in range(0, len(data) - 1, 2):
                        gid = int.from_bytes(data[k:k + 2], "big")
                        current = self._glyph(font, gid, size, pen, rise, scale, tm, state, current)
                        pen += (font.widths.get(gid, 1000.0) / 1000 * size + char_space) * scale
                tm = _mul((1, 0, 0, 1, pen, 0), tm)
            elif op == "Do":
                xobject = xobjects.get(str(operands[0]))
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    matrix = tuple(float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                    ctm = _mul(matrix, state.ctm)
                    bbox = [float(v) for v in xobject.get("/BBox", [0, 0, 0, 0])]
                    clip = _meet(state.clip, _box_of([(bbox[0], bbox[1]), (bbox[2], bbox[3]),
                                                      (bbox[0], bbox[3]), (bbox[2], bbox[1])], ctm))
                    self.walk(xobject, xobject.get("/Resources") or resources, _State(ctm, clip), depth + 1)

    def _glyph(self, font: _Font, gid, size, pen, rise, scale, tm, state, current):
        bounds = font.bounds.get(gid)
        if bounds is None or state.clip is None:
            return None
        unit = size / font.upem
        x0, y0, x1, y1 = bounds
        local = [(pen + x0 * unit * scale, rise + y0 * unit), (pen + x1 * unit * scale, rise + y1 * unit)]
        ink = _box_of(local + [(local[0][0], local[1][1]), (local[1][0], local[0][1])], _mul(tm, state.ctm))
        clip = state.clip
        out = max(clip[0] - ink[0], clip[1] - ink[1], ink[2] - clip[2], ink[3] - clip[3])
        if out <= TOLERANCE:
            return None
        if current is None or current.clip != clip:
            current = Clipped(clip=clip)
            self.found.append(current)
        current.text += font.text.get(gid, "")
        current.box = _meet_outer(current.box, ink)
        current.worst = max(current.worst, out)
        return current


def _meet_outer(a: Box | None, b: Box) -> Box:
    return b if a is None else (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def clipped_glyphs(pdf: pikepdf.Pdf) -> list[tuple[int, Clipped]]:
    """(1-based page, clipped run) for every run of glyphs a clip path cuts."""
    walker, found = _Walker(), []
    for number, page in enumerate(pdf.pages, 1):
        walker.found = []
        walker.walk(page, page.obj.get("/Resources"), _State(IDENTITY, None))
        runs: list[Clipped] = []
        for run in walker.found:  # one finding per clip: the words of a line are runs of their own
            if runs and runs[-1].clip == run.clip:
                runs[-1].text += " " + run.text
                runs[-1].box = _meet_outer(runs[-1].box, run.box)
                runs[-1].worst = max(runs[-1].worst, run.worst)
            else:
                runs.append(run)
        found += [(number, c) for c in runs]
    return found


def check_clipped_glyphs(ctx: CheckContext) -> list[Finding]:
    findings = []
    with pikepdf.open(ctx.doc.path) as pdf:
        for page, run in clipped_glyphs(pdf):
            text = "".join(run.text.split()) or "?"
            findings.append(Finding(
                ERROR, "glyph-clipped",
                msg("check.glyph-clipped", text=text[:20], mm=f"{run.worst * 25.4 / 72:.1f}"),
                page=page, bbox=run.box, data={"clip": [round(v, 2) for v in run.clip],
                                               "out_pt": round(run.worst, 2)}))
    return findings
