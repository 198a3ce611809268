"""PDF/X-4 rules about what the pages draw: every content stream of every page is read
(pikepdf), following form XObjects, patterns, soft masks and annotation appearances, with
the resources in force at each point.

| code | rule |
| --- | --- |
| ``pdfx-colour-space`` | each colour is DeviceCMYK (with a CMYK output intent) or DeviceGray; ICCBased, Lab, CalRGB or CalGray; DeviceRGB only where the resources give a ``/DefaultRGB`` that is ICCBased (e.g. sRGB). Separation, DeviceN and Indexed spaces are judged by their alternate or base space |
| ``pdfx-icc-profile`` | an ICCBased space's embedded profile is valid: ICC header, a colour space with /N components, version 2 or 4.0–4.2, not a device link or abstract profile |
| ``pdfx-group-colour-space`` | a transparency group's blending space (``/Group /CS``: pages, forms, soft masks) is DeviceGray, DeviceCMYK (with a CMYK intent), CalGray/CalRGB or ICCBased — not DeviceRGB, which no Default space remaps |
| ``pdfx-opi`` | no OPI (``/OPI`` in an image or form) |
| ``pdfx-postscript`` | no PostScript: no PostScript XObject, no ``PS`` operator |
| ``pdfx-external-stream`` | no stream whose data is in another file (``/F``), no reference XObject (``/Ref``) |

Without an output intent, the device colour rules are not applied (the missing intent is
``pdfx-output-intent``'s finding; every DeviceCMYK colour would otherwise repeat it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf
from pikepdf import Name

from ..messages import msg
from ..content.iccprofile import MAX_VERSION, IccError, read_header
from .findings import ERROR, Finding, catalogued

DEVICE = {"/DeviceGray": "GRAY", "/DeviceRGB": "RGB", "/DeviceCMYK": "CMYK",
          "/G": "GRAY", "/RGB": "RGB", "/CMYK": "CMYK"}  # inline-image abbreviations too
DEFAULTS = {"RGB": "/DefaultRGB", "CMYK": "/DefaultCMYK", "GRAY": "/DefaultGray"}
CIE = {"/Lab", "/CalRGB", "/CalGray"}
GROUP_SPACES = {"/CalGray", "/CalRGB", "/ICCBased"}
COLOUR_OPERATORS = {"rg": "/DeviceRGB", "RG": "/DeviceRGB", "k": "/DeviceCMYK", "K": "/DeviceCMYK",
                    "g": "/DeviceGray", "G": "/DeviceGray"}
MAX_PER_PAGE = 20  # findings of one code on one page: enough to see the pattern


def _label(name: str, obj) -> str:
    num = obj.objgen[0] if getattr(obj, "is_indirect", False) else 0
    return f"{name} (obj {num})" if num else name


@dataclass
class _Walker:
    pdf: pikepdf.Pdf
    intent: str | None  # "CMYK", "RGB", "GRAY" or None (no usable output intent)
    findings: list[Finding] = field(default_factory=list)
    seen: set = field(default_factory=set)
    reported: set = field(default_factory=set)
    counts: dict = field(default_factory=dict)
    profiles: dict = field(default_factory=dict)  # objgen → problem or None

    # -- reporting --------------------------------------------------------------------------
    def add(self, code: str, key: str, page: int, obj: str, **params) -> None:
        ident = (code, page, obj, tuple(sorted(params.items())))
        if ident in self.reported:
            return
        self.reported.add(ident)
        n = self.counts.get((code, page), 0)
        self.counts[(code, page)] = n + 1
        if n < MAX_PER_PAGE:
            self.findings.append(catalogued(ERROR, code, key, page=page, object=obj, **params))

    # -- colour spaces ----------------------------------------------------------------------
    def resolve(self, cs, resources):
        """A colour space operand (a name in the resources, or a device name) → its value."""
        if isinstance(cs, pikepdf.Name) and str(cs) not in DEVICE and str(cs) not in ("/Pattern",):
            table = resources.get("/ColorSpace") if resources is not None else None
            if table is not None and cs in table:
                return table[cs]
        return cs

    def icc_problem(self, stream) -> str | None:
        key = stream.objgen if stream.is_indirect else id(stream)
        if key not in self.profiles:
            self.profiles[key] = self._icc_problem(stream)
        return self.profiles[key]

    def _icc_problem(self, stream) -> str | None:
        try:
            header = read_header(stream.read_bytes())
        except IccError as exc:
            return msg(exc.key, **exc.params).render()[0]
        except pikepdf.PdfError as exc:
            return str(exc)
        if header.profile_class in ("link", "abst"):
            return msg("check.pdfx.icc_class", signature=header.profile_class).render()[0]
        if header.version[0] not in (2, 4) or header.version > MAX_VERSION:
            return msg("icc.version", version=header.version_text).render()[0]
        n = stream.get("/N")
        if n is None or header.channels is None or int(n) != header.channels:
            return msg("check.pdfx.profile_n", n="—" if n is None else int(n), space=header.colour_space,
                       channels=header.channels or "?").render()[0]
        return None

    def judge(self, cs, resources, page: int, where: str, depth: int = 0) -> None:
        """Report what is wrong with a colour space used at ``where`` on ``page``."""
        cs = self.resolve(cs, resources)
        if depth > 5:
            return
        if isinstance(cs, pikepdf.Name):
            name = str(cs)
            if name in DEVICE:
                self.judge_device(DEVICE[name], resources, page, where)
            elif name == "/Pattern":
                return
            elif name in CIE:
                return
            else:
                self.add("pdfx-colour-space", "check.pdfx.colour_unknown", page, where, space=name)
            return
        if not isinstance(cs, pikepdf.Array) or len(cs) == 0:
            return
        family = str(cs[0])
        if family == "/ICCBased" and len(cs) > 1 and isinstance(cs[1], pikepdf.Stream):
            problem = self.icc_problem(cs[1])
            if problem:
                self.add("pdfx-icc-profile", "check.pdfx.icc_invalid", page, _label(where, cs[1]), detail=problem)
        elif family == "/Indexed" and len(cs) > 1:
            self.judge(cs[1], resources, page, where, depth + 1)
        elif family == "/Separation" and len(cs) > 2:
            self.judge(cs[2], resources, page, where, depth + 1)
        elif family == "/DeviceN" and len(cs) > 2:
            self.judge(cs[2], resources, page, where, depth + 1)
        elif family == "/Pattern" and len(cs) > 1:
            self.judge(cs[1], resources, page, where, depth + 1)
        elif family in CIE:
            return
        elif family in DEVICE:  # [/DeviceRGB] written as an array
            self.judge_device(DEVICE[family], resources, page, where)

    def judge_device(self, space: str, resources, page: int, where: str) -> None:
        if self.intent is None or space == "GRAY" or space == self.intent:
            return  # DeviceGray prints as black ink; the intent's own space is what it describes
        default = None
        table = resources.get("/ColorSpace") if resources is not None else None
        if table is not None:
            default = table.get(DEFAULTS[space])
        if default is not None and self.default_is_independent(default, space):
            return
        self.add("pdfx-colour-space", "check.pdfx.device_colour", page, where,
                 space=f"Device{space.title() if space == 'GRAY' else space}", intent=self.intent,
                 default=DEFAULTS[space][1:])

    def default_is_independent(self, default, space: str) -> bool:
        if isinstance(default, pikepdf.Array) and len(default) > 1 and str(default[0]) == "/ICCBased":
            return isinstance(default[1], pikepdf.Stream) and self.icc_problem(default[1]) is None
        return isinstance(default, pikepdf.Array) and len(default) > 0 and str(default[0]) in CIE

    def judge_group(self, holder, page: int, where: str) -> None:
        group = holder.get("/Group")
        if not isinstance(group, pikepdf.Dictionary) or "/CS" not in group:
            return
        cs = group.CS
        family = str(cs[0]) if isinstance(cs, pikepdf.Array) and len(cs) else str(cs)
        label = f"transparency group of {where}"
        if family in GROUP_SPACES or family == "/DeviceGray" or (family == "/DeviceCMYK" and self.intent in ("CMYK", None)):
            if family == "/ICCBased" and isinstance(cs[1], pikepdf.Stream):
                problem = self.icc_problem(cs[1])
                if problem:
                    self.add("pdfx-icc-profile", "check.pdfx.icc_invalid", page, _label(label, cs[1]), detail=problem)
            return
        if family == "/DeviceRGB" and self.intent in ("RGB", None):
            return
        self.add("pdfx-group-colour-space", "check.pdfx.group_colour", page, label, space=family[1:],
                 intent=self.intent or "?")

    # -- streams ----------------------------------------------------------------------------
    def stream_rules(self, stream, page: int, where: str) -> None:
        if "/F" in stream or "/FFilter" in stream:
            self.add("pdfx-external-stream", "check.pdfx.external", page, where)
        if "/OPI" in stream:
            self.add("pdfx-opi", "check.pdfx.opi", page, where)
        if stream.get("/Subtype") == Name.PS or stream.get("/Subtype2") == Name.PS:
            self.add("pdfx-postscript", "check.pdfx.postscript_xobject", page, where)
        if "/Ref" in stream:
            self.add("pdfx-external-stream", "check.pdfx.reference_xobject", page, where)

    def image(self, image, resources, page: int, where: str) -> None:
        self.stream_rules(image, page, where)
        if image.get("/ImageMask") is True:
            return
        if "/ColorSpace" in image:
            self.judge(image.ColorSpace, resources, page, where)
        # JPX images may carry their own colour space; soft masks are DeviceGray by definition.

    def content(self, stream, resources, page: int, where: str) -> None:
        """Walk one content stream (a page's, a form's, a pattern's, an appearance's)."""
        key = (stream.objgen if stream.is_indirect else id(stream),
               resources.objgen if resources is not None and resources.is_indirect else id(resources))
        if key in self.seen:
            return
        self.seen.add(key)
        try:
            instructions = pikepdf.parse_content_stream(stream)
        except pikepdf.PdfError:
            return  # unreadable content: qpdf's business, not a PDF/X rule
        resources = resources if resources is not None else pikepdf.Dictionary()
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self.inline_image(instruction, resources, page, where)
                continue
            operands, op = instruction.operands, str(instruction.operator)
            if op in COLOUR_OPERATORS:
                self.judge(Name(COLOUR_OPERATORS[op]), resources, page, f"{where}, operator {op}")
            elif op in ("cs", "CS") and operands:
                self.judge(operands[0], resources, page, f"{where}, colour space {operands[0]}")
            elif op in ("scn", "SCN") and operands and isinstance(operands[-1], pikepdf.Name):
                self.pattern(operands[-1], resources, page, where)
            elif op == "sh" and operands:
                shading = (resources.get("/Shading") or {}).get(operands[0])
                if shading is not None and "/ColorSpace" in shading:
                    self.judge(shading.ColorSpace, resources, page, f"{where}, shading {operands[0]}")
            elif op == "Do" and operands:
                self.xobject(operands[0], resources, page, where)
            elif op == "gs" and operands:
                self.ext_gstate(operands[0], resources, page, where)
            elif op == "PS":
                self.add("pdfx-postscript", "check.pdfx.postscript_operator", page, where)

    def inline_image(self, instruction, resources, page: int, where: str) -> None:
        try:
            image = instruction.iimage.obj
        except Exception:
            return
        cs = image.get("/CS", image.get("/ColorSpace"))
        if cs is not None and not image.get("/IM", image.get("/ImageMask")):
            if isinstance(cs, pikepdf.Array) and len(cs) and str(cs[0]) in ("/I", "/Indexed"):
                self.judge(cs[1], resources, page, f"{where}, inline image")
            else:
                self.judge(cs, resources, page, f"{where}, inline image")

    def xobject(self, name, resources, page: int, where: str) -> None:
        xobject = (resources.get("/XObject") or {}).get(name)
        if not isinstance(xobject, pikepdf.Stream):
            return
        label = _label(f"{where} → {str(xobject.get('/Subtype', '/?'))[1:].lower()} {name}", xobject)
        subtype = xobject.get("/Subtype")
        if subtype == Name.Image:
            self.image(xobject, resources, page, label)
            if isinstance(xobject.get("/SMask"), pikepdf.Stream):
                self.stream_rules(xobject.SMask, page, f"{label} soft mask")
        elif subtype == Name.Form:
            self.stream_rules(xobject, page, label)
            self.judge_group(xobject, page, label)
            self.content(xobject, xobject.get("/Resources", resources), page, label)
        else:
            self.stream_rules(xobject, page, label)

    def pattern(self, name, resources, page: int, where: str) -> None:
        pattern = (resources.get("/Pattern") or {}).get(name)
        if pattern is None:
            return
        label = _label(f"{where} → pattern {name}", pattern)
        if int(pattern.get("/PatternType", 0)) == 1 and isinstance(pattern, pikepdf.Stream):
            self.stream_rules(pattern, page, label)
            self.content(pattern, pattern.get("/Resources", resources), page, label)
        elif int(pattern.get("/PatternType", 0)) == 2:
            shading = pattern.get("/Shading")
            if shading is not None and "/ColorSpace" in shading:
                self.judge(shading.ColorSpace, resources, page, f"{label} shading")

    def ext_gstate(self, name, resources, page: int, where: str) -> None:
        state = (resources.get("/ExtGState") or {}).get(name)
        if not isinstance(state, pikepdf.Dictionary):
            return
        smask = state.get("/SMask")
        if isinstance(smask, pikepdf.Dictionary) and isinstance(smask.get("/G"), pikepdf.Stream):
            group = smask.G
            label = _label(f"{where} → soft mask {name}", group)
            self.stream_rules(group, page, label)
            self.judge_group(group, page, label)
            self.content(group, group.get("/Resources", resources), page, label)

    def page(self, number: int, page: pikepdf.Page) -> None:
        obj = page.obj
        resources = obj.get("/Resources")
        self.judge_group(obj, number, "page")
        for stream in _page_streams(obj):
            self.stream_rules(stream, number, _label("page content", stream))
        self.content(obj, resources, number, "page content")
        for annot in obj.get("/Annots", []):
            appearance = annot.get("/AP")
            normal = appearance.get("/N") if isinstance(appearance, pikepdf.Dictionary) else None
            streams = [normal] if isinstance(normal, pikepdf.Stream) else \
                [v for v in normal.values() if isinstance(v, pikepdf.Stream)] if isinstance(normal, pikepdf.Dictionary) else []
            for stream in streams:
                label = _label(f"{str(annot.get('/Subtype', '/?'))[1:]} annotation appearance", stream)
                self.stream_rules(stream, number, label)
                self.content(stream, stream.get("/Resources"), number, label)


def _page_streams(obj) -> list:
    contents = obj.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        return [contents]
    if isinstance(contents, pikepdf.Array):
        return [c for c in contents if isinstance(c, pikepdf.Stream)]
    return []


def check_pdfx_content(pdf: pikepdf.Pdf, intent: str | None) -> list[Finding]:
    walker = _Walker(pdf, intent)
    for number, page in enumerate(pdf.pages, start=1):
        walker.page(number, page)
    return walker.findings
