"""PDF/X-4 conformance (ISO 15930-7), as far as it can be checked on the file: the rules of the
document as a whole. What the pages draw (colour spaces, groups, XObjects) is checked in
``pdfx_content.py``; fonts in ``fonts.py``; ink in ``ink.py``.

Each rule is one finding code, with the page and the PDF object where the file breaks it:

| code | rule |
| --- | --- |
| ``pdfx-pdf-version`` | the file is PDF 1.6 or older (PDF/X-4 is based on PDF 1.6) |
| ``pdfx-version`` | XMP ``pdfxid:GTS_PDFXVersion`` says PDF/X-4; Info ``GTS_PDFXVersion``, if present, agrees |
| ``pdfx-xmp`` | the catalogue has an XMP metadata stream that can be read |
| ``pdfx-title`` | a title (XMP ``dc:title``), the same in Info ``Title`` |
| ``pdfx-trapped`` | ``Trapped`` is True or False (not Unknown), the same in Info and XMP |
| ``pdfx-dates`` | creation and modification dates in Info and XMP, the same instants |
| ``pdfx-document-id`` | the trailer ``/ID``; XMP ``xmpMM:DocumentID``, ``VersionID``, ``RenditionClass`` |
| ``pdfx-output-intent`` | exactly one ``GTS_PDFX`` output intent, with an OutputConditionIdentifier |
| ``pdfx-output-profile`` | its ``DestOutputProfile`` embedded: an ICC output profile (class ``prtr``), a colour space with /N components, version 2 or 4.0–4.2 |
| ``pdfx-output-intent-other`` | the output intent is the print shop's profile (when one is given) |
| ``pdfx-trimbox`` | every page has a TrimBox or an ArtBox, not both |
| ``pdfx-box-nesting`` | TrimBox/ArtBox inside the BleedBox, inside the MediaBox |
| ``pdfx-encrypted`` | no encryption |
| ``pdfx-javascript`` | no JavaScript |
| ``pdfx-action`` | no additional actions (``/AA``); actions only to go to a page or open a link |
| ``pdfx-annotation`` | no annotation over the TrimBox but TrapNet and PrinterMark |
"""

from __future__ import annotations

import datetime as dt
import re

import pikepdf
from pikepdf import Name

from ..messages import msg
from ..content.iccprofile import IccError, OutputProfile, check_output_header, read_header
from .context import CheckContext
from .findings import ERROR, Finding, catalogued
from .pdfx_content import check_pdfx_content

PDFX = "PDF/X-4"
MAX_PDF_VERSION = (1, 6)
ALLOWED_ANNOTATIONS = {"/TrapNet", "/PrinterMark"}
# Actions that only move within the document or open a web page in a viewer; every other
# kind runs something, changes the document or plays media.
HARMLESS_ACTIONS = {"/GoTo", "/URI", "/Named"}
OUTPUT_SPACES = ("CMYK", "RGB", "GRAY")
EPSILON = 0.01  # pt: boxes written with rounding


def obj_label(obj) -> str:
    """``obj 12`` for an indirect object (how PDF tools name it), else ''."""
    return f"obj {obj.objgen[0]}" if getattr(obj, "is_indirect", False) and obj.objgen[0] else ""


def check_pdfx(ctx: CheckContext) -> list[Finding]:
    with pikepdf.open(ctx.doc.path) as pdf:
        findings = [*_pdf_version(pdf), *_metadata(pdf), *_output_intent(pdf, ctx.output_profile),
                    *_boxes(pdf), *_security(pdf), *_annotations(pdf)]
        findings += check_pdfx_content(pdf, intent_space(pdf))
    return findings


# --- version, metadata ----------------------------------------------------------------------

def _pdf_version(pdf: pikepdf.Pdf) -> list[Finding]:
    version = tuple(int(p) for p in re.findall(r"\d+", pdf.pdf_version)[:2])
    if version > MAX_PDF_VERSION:
        return [catalogued(ERROR, "pdfx-pdf-version", "check.pdfx.pdf_version", version=pdf.pdf_version)]
    return []


def _xmp(pdf: pikepdf.Pdf):
    if "/Metadata" not in pdf.Root:
        return None
    try:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False, strict=True)
        dict(meta)  # parse now
        return meta
    except Exception:  # any XML or XMP error: unreadable
        return False


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _pdf_date(value: str) -> dt.datetime | None:
    """``D:YYYYMMDDHHmmSSOHH'mm'`` (any prefix of it) as a datetime."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?", value)
    if not m:
        return None
    y, mo, d, h, mi, s, sign, tzh, tzm = m.groups()
    try:
        tz = None
        if sign in ("Z", "z"):
            tz = dt.timezone.utc
        elif sign:
            delta = dt.timedelta(hours=int(tzh or 0), minutes=int(tzm or 0))
            tz = dt.timezone(delta if sign == "+" else -delta)
        return dt.datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0), tzinfo=tz)
    except ValueError:
        return None


def _xmp_date(value: str) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed


def _same_instant(a: dt.datetime, b: dt.datetime) -> bool:
    if (a.tzinfo is None) != (b.tzinfo is None):  # one without a zone: compare the wall clock
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a == b


def _metadata(pdf: pikepdf.Pdf) -> list[Finding]:
    findings: list[Finding] = []
    info = pdf.trailer.get("/Info") or pikepdf.Dictionary()
    meta = _xmp(pdf)
    if not meta:  # the rules below read the XMP: this one finding says it all
        return [catalogued(ERROR, "pdfx-xmp", "check.pdfx.xmp_unreadable" if meta is False
                           else "check.pdfx.xmp_missing", object="/Metadata")]

    def add(code: str, key: str, **params) -> None:
        findings.append(catalogued(ERROR, code, key, object="XMP / Info", **params))

    # PDF/X version
    xmp_version, info_version = _text(meta.get("pdfxid:GTS_PDFXVersion")), _text(info.get("/GTS_PDFXVersion"))
    if not xmp_version.startswith(PDFX):
        add("pdfx-version", "check.pdfx.version_missing", found=xmp_version or info_version or "—")
    elif info_version and info_version != xmp_version:
        add("pdfx-version", "check.pdfx.mismatch", what="GTS_PDFXVersion", info=info_version, xmp=xmp_version)
    # Title
    xmp_title, info_title = _text(meta.get("dc:title")), _text(info.get("/Title"))
    if not xmp_title:
        add("pdfx-title", "check.pdfx.title_missing")
    elif info_title and info_title != xmp_title:
        add("pdfx-title", "check.pdfx.mismatch", what="Title", info=info_title, xmp=xmp_title)
    # Trapped
    xmp_trapped = _text(meta.get("pdf:Trapped"))
    info_trapped = _text(info.get("/Trapped")).lstrip("/")
    if xmp_trapped not in ("True", "False"):
        add("pdfx-trapped", "check.pdfx.trapped", found=xmp_trapped or info_trapped or "—")
    elif info_trapped and info_trapped != xmp_trapped:
        add("pdfx-trapped", "check.pdfx.mismatch", what="Trapped", info=info_trapped, xmp=xmp_trapped)
    # Dates
    for info_key, xmp_key in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        info_value, xmp_value = _text(info.get(info_key)), _text(meta.get(xmp_key))
        if not info_value or not xmp_value:
            add("pdfx-dates", "check.pdfx.date_missing", info=info_key[1:], xmp=xmp_key,
                where=" / ".join(k for k, v in ((f"Info {info_key[1:]}", info_value), (xmp_key, xmp_value)) if not v))
            continue
        a, b = _pdf_date(info_value), _xmp_date(xmp_value)
        if a is None or b is None or not _same_instant(a, b):
            add("pdfx-dates", "check.pdfx.mismatch", what=info_key[1:], info=info_value, xmp=xmp_value)
    # Identification
    missing = [] if "/ID" in pdf.trailer else ["trailer /ID"]
    missing += [k for k in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass") if not _text(meta.get(k))]
    if missing:
        findings.append(catalogued(ERROR, "pdfx-document-id", "check.pdfx.ids", missing=", ".join(missing)))
    return findings


# --- output intent --------------------------------------------------------------------------

def pdfx_intents(pdf: pikepdf.Pdf) -> list:
    return [oi for oi in pdf.Root.get("/OutputIntents", []) if oi.get("/S") == Name.GTS_PDFX]


def intent_profile_data(pdf: pikepdf.Pdf) -> bytes | None:
    """The embedded profile of the (first) PDF/X output intent, if any."""
    intents = pdfx_intents(pdf)
    profile = intents[0].get("/DestOutputProfile") if intents else None
    if not isinstance(profile, pikepdf.Stream):
        return None
    try:
        return profile.read_bytes()
    except pikepdf.PdfError:
        return None


def intent_space(pdf: pikepdf.Pdf) -> str | None:
    """Colour space of the output intent's profile ("CMYK", "RGB", "GRAY"); None without a
    usable one (no intent, or a profile that is not an output profile: its own finding)."""
    data = intent_profile_data(pdf)
    try:
        header = read_header(data) if data else None
    except IccError:
        return None
    return header.colour_space if header and header.profile_class == "prtr" else None


def _output_intent(pdf: pikepdf.Pdf, expected: OutputProfile | None) -> list[Finding]:
    intents = pdfx_intents(pdf)
    if not intents:
        return [catalogued(ERROR, "pdfx-output-intent", "check.pdfx.intent_missing", object="/OutputIntents")]
    findings = []
    if len(intents) > 1:
        findings.append(catalogued(ERROR, "pdfx-output-intent", "check.pdfx.intent_several", n=len(intents),
                                   object="/OutputIntents"))
    intent = intents[0]
    label = ("OutputIntent " + obj_label(intent)).strip()
    if not _text(intent.get("/OutputConditionIdentifier")):
        findings.append(catalogued(ERROR, "pdfx-output-intent", "check.pdfx.intent_identifier", object=label))
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        key = "check.pdfx.profile_reference" if "/DestOutputProfileRef" in intent else "check.pdfx.profile_missing"
        return findings + [catalogued(ERROR, "pdfx-output-profile", key, object=label)]
    label = f"DestOutputProfile {obj_label(profile)}".strip()
    data = intent_profile_data(pdf) or b""
    try:
        header = read_header(data)
        check_output_header(header, OUTPUT_SPACES)  # PDF/X-4 allows Gray and RGB conditions too
    except IccError as exc:
        detail, _ = msg(exc.key, **exc.params).render()
        return findings + [catalogued(ERROR, "pdfx-output-profile", "check.pdfx.profile_invalid",
                                      detail=detail, object=label)]
    n = profile.get("/N")
    if n is None or int(n) != header.channels:
        findings.append(catalogued(ERROR, "pdfx-output-profile", "check.pdfx.profile_n",
                                   n="—" if n is None else int(n), space=header.colour_space,
                                   channels=header.channels, object=label))
    if expected is not None and data != expected.data:
        findings.append(catalogued(ERROR, "pdfx-output-intent-other", "check.pdfx.intent_other",
                                   found=header.description or "?", wanted=expected.description,
                                   file=expected.name, object=label))
    return findings


# --- page boxes -----------------------------------------------------------------------------

def _rect(value) -> tuple[float, float, float, float] | None:
    try:
        x0, y0, x1, y1 = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] - EPSILON and inner[1] >= outer[1] - EPSILON
            and inner[2] <= outer[2] + EPSILON and inner[3] <= outer[3] + EPSILON)


def _mm(box) -> str:
    return "[" + " ".join(f"{v:.1f}" for v in box) + "]"


def _boxes(pdf: pikepdf.Pdf) -> list[Finding]:
    findings = []
    for number, page in enumerate(pdf.pages, start=1):
        obj = page.obj
        trim, art = _rect(obj.get("/TrimBox")), _rect(obj.get("/ArtBox"))
        label = f"page {obj_label(obj)}".strip()
        if trim is None and art is None:
            findings.append(catalogued(ERROR, "pdfx-trimbox", "check.pdfx.trimbox_missing", page=number, object=label))
            continue
        if trim is not None and art is not None:
            findings.append(catalogued(ERROR, "pdfx-trimbox", "check.pdfx.trim_and_art", page=number, object=label))
        media = _rect(page.mediabox)
        bleed = _rect(obj.get("/BleedBox"))
        name, box = ("TrimBox", trim) if trim is not None else ("ArtBox", art)
        # Each box against the one that must hold it: trim in bleed (if any), bleed in media.
        pairs = [(name, box, "BleedBox", bleed), ("BleedBox", bleed, "MediaBox", media)] if bleed is not None \
            else [(name, box, "MediaBox", media)]
        for inner_name, inner, outer_name, outer in pairs:
            if inner is not None and outer is not None and not _inside(inner, outer):
                findings.append(catalogued(ERROR, "pdfx-box-nesting", "check.pdfx.box_outside", page=number,
                                           object=label, inner=inner_name, outer=outer_name, a=_mm(inner),
                                           b=_mm(outer)))
    return findings


# --- security, scripts, actions, annotations ------------------------------------------------

def _security(pdf: pikepdf.Pdf) -> list[Finding]:
    findings = []
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        findings.append(catalogued(ERROR, "pdfx-encrypted", "check.pdfx.encrypted", object="/Encrypt"))
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        findings.append(catalogued(ERROR, "pdfx-javascript", "check.pdfx.javascript",
                                   object="/Names /JavaScript"))
    return findings + _actions(pdf)


ACTION_KEYS = ("/A", "/OpenAction", "/Next")


def _kind(obj) -> str:
    if "/Subtype" in obj and "/Rect" in obj:
        return f"{str(obj.Subtype)[1:]} annotation"
    if obj.get("/Type") == Name.Page:
        return "page"
    if obj.get("/Type") == Name.Catalog:
        return "document catalogue"
    if "/Title" in obj and "/Parent" in obj:
        return "bookmark"
    return "object"


def _actions(pdf: pikepdf.Pdf) -> list[Finding]:
    """Every action of the file (annotations, bookmarks, the catalogue's OpenAction, chained
    /Next) and every /AA dictionary, found by walking each object and its direct parts."""
    pages = {}
    for number, page in enumerate(pdf.pages, start=1):
        pages[page.obj.objgen] = number
        for annot in page.obj.get("/Annots", []):
            if annot.is_indirect:
                pages[annot.objgen] = number
    findings: list[Finding] = []
    judged: set = set()

    def judge(action, holder, page: int | None) -> None:
        if isinstance(action, pikepdf.Array):  # /Next may be an array of actions
            for item in action:
                judge(item, holder, page)
            return
        if not isinstance(action, pikepdf.Dictionary) or "/S" not in action:
            return  # a destination, not an action
        key = action.objgen if action.is_indirect else (holder.objgen, id(action))
        if key in judged:
            return
        judged.add(key)
        kind = str(action.S)
        where = f"{_kind(holder)} {obj_label(holder)}".strip()
        if kind == "/JavaScript":
            findings.append(catalogued(ERROR, "pdfx-javascript", "check.pdfx.javascript", page=page, object=where))
        elif kind not in HARMLESS_ACTIONS:
            findings.append(catalogued(ERROR, "pdfx-action", "check.pdfx.action", page=page, kind=kind[1:],
                                       object=where))
        judge(action.get("/Next"), holder, page)

    def visit(obj, holder, page: int | None, depth: int = 0) -> None:
        if depth > 8:
            return
        if isinstance(obj, pikepdf.Dictionary):
            if "/AA" in obj:
                findings.append(catalogued(ERROR, "pdfx-action", "check.pdfx.additional_actions", page=page,
                                           object=f"{_kind(holder)} {obj_label(holder)}".strip()))
            for key in ACTION_KEYS:
                if key in obj:
                    judge(obj[key], holder, page)
            if "/JS" in obj and "/S" not in obj:
                findings.append(catalogued(ERROR, "pdfx-javascript", "check.pdfx.javascript", page=page,
                                           object=f"{_kind(holder)} {obj_label(holder)}".strip()))
            items = obj.values()
        elif isinstance(obj, pikepdf.Array):
            items = list(obj)
        else:
            return
        for item in items:
            if isinstance(item, (pikepdf.Dictionary, pikepdf.Array)) and not item.is_indirect:
                visit(item, holder, page, depth + 1)

    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and not isinstance(obj, pikepdf.Stream):
            visit(obj, obj, pages.get(obj.objgen))
    return findings


def _annotations(pdf: pikepdf.Pdf) -> list[Finding]:
    findings = []
    for number, page in enumerate(pdf.pages, start=1):
        obj = page.obj
        trim = _rect(obj.get("/TrimBox")) or _rect(obj.get("/ArtBox")) or _rect(page.mediabox)
        for annot in obj.get("/Annots", []):
            subtype = str(annot.get("/Subtype", "/?"))
            if subtype in ALLOWED_ANNOTATIONS:
                continue
            rect = _rect(annot.get("/Rect"))
            if rect is None or trim is None:
                continue
            overlaps = rect[0] < trim[2] and rect[2] > trim[0] and rect[1] < trim[3] and rect[3] > trim[1]
            if overlaps:
                findings.append(catalogued(ERROR, "pdfx-annotation", "check.pdfx.annotation", page=number,
                                           kind=subtype[1:], object=f"{subtype[1:]} annotation {obj_label(annot)}".strip()))
    return findings
