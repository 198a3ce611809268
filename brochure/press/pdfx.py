"""PDF/X-4 for the print edition: output intent, identification and tagged RGB.

WeasyPrint's ``pdf/x-4`` variant only labels the file, and it paints RGB gradients into a
DeviceCMYK shading once the output intent is ``device-cmyk`` (three-component colours in a
four-component space). So the PDF is rendered as plain PDF and made PDF/X-4 here:

- ``/OutputIntents`` with ``/S /GTS_PDFX`` and a CMYK output profile: the bundled FOGRA39L, or
  the print shop's own (``--output-intent`` / ``print.output_intent``, see ``profiles.py``);
- ``/GTS_PDFXVersion`` and ``/Trapped /False`` in the Info dictionary and the XMP packet
  (``pdfxid:GTS_PDFXVersion``, dates, document/version IDs, rendition class);
- no annotations on the page (PDF/X allows only TrapNet and PrinterMark there): the print
  edition's links are removed; the screen edition is the clickable one;
- every DeviceRGB use tied to sRGB: PDF/X-4 forbids untagged RGB under a CMYK intent, so RGB
  images, shadings and transparency groups get an explicit ICCBased sRGB space, and every
  resource dictionary a ``/DefaultRGB`` for colour operators in content streams.

The document is not converted to CMYK: PDF/X-4 leaves that to the print shop's RIP.
"""

from __future__ import annotations

import uuid
import zlib
from functools import lru_cache
from importlib.resources import files

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ..content.iccprofile import BUNDLED, OutputProfile, bundled_profile

PDFX_VERSION = "PDF/X-4"
PDF_VERSION = "1.6"  # PDF/X-4 is based on PDF 1.6
PROFILE = BUNDLED
# The bundled profile's characterised printing condition, named as in the ICC registry
# (FOGRA39 = ISO 12647-2 coated paper); the embedded profile is what a RIP uses.
OUTPUT_CONDITION_ID = "FOGRA39"
OUTPUT_CONDITION = "Offset printing, ISO 12647-2:2004/Amd 1, coated paper (FOGRA39L)"
REGISTRY = "http://www.color.org"


def _srgb_profile() -> bytes:
    # The sRGB profile that WeasyPrint ships (ICC's sRGB2014, freely redistributable):
    # a package file, not a system path, and byte-identical on every machine.
    return (files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()


@lru_cache(maxsize=8)
def _deflated(data: bytes) -> bytes:
    return zlib.compress(data)


def _icc_stream(pdf: pikepdf.Pdf, data: bytes, components: int) -> pikepdf.Object:
    # Compressed once per process, not at every save (the CMYK profile: ≈9 ms a time, and
    # watch finishes every section it lays out again).
    stream = pikepdf.Stream(pdf, b"")
    stream.write(_deflated(data), filter=Name.FlateDecode)
    stream.N = components
    return pdf.make_indirect(stream)


def add_output_intent(pdf: pikepdf.Pdf, profile: OutputProfile | None = None) -> None:
    """The one ``GTS_PDFX`` output intent. A shop's profile is named by its own description
    (PDF/X allows any identifier when the profile is embedded); the bundled one by its
    registry name."""
    profile = profile or bundled_profile()
    if profile.bundled:
        identifier, condition = OUTPUT_CONDITION_ID, OUTPUT_CONDITION
    else:
        identifier = condition = profile.description
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(identifier),
        OutputCondition=String(condition),
        Info=String(f"{condition}, profile {profile.name}"),
        DestOutputProfile=_icc_stream(pdf, profile.data, 4),
    )
    if profile.bundled:
        intent.RegistryName = String(REGISTRY)
    pdf.Root.OutputIntents = Array([intent])


def _resource_dicts(pdf: pikepdf.Pdf):
    """Every /Resources dictionary: pages, form XObjects, patterns, Type 3 fonts."""
    seen = set()
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) and "/Resources" in obj:
            resources = obj.Resources
            key = resources.objgen if resources.is_indirect else id(resources)
            if key not in seen:
                seen.add(key)
                yield resources


def tag_rgb_as_srgb(pdf: pikepdf.Pdf) -> int:
    """Replace DeviceRGB by ICCBased sRGB; returns how many explicit uses were replaced."""
    srgb = Array([Name.ICCBased, _icc_stream(pdf, _srgb_profile(), 3)])
    replaced = 0
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        # Images (/ColorSpace), shadings (/ColorSpace) and transparency groups (/CS).
        for key in ("/ColorSpace", "/CS"):
            if obj.get(key) == Name.DeviceRGB:
                obj[key] = srgb
                replaced += 1
        # Shadings and groups are often direct objects inside resource dictionaries.
        for sub in ("/Shading", "/Group"):
            holder = obj.get(sub)
            if isinstance(holder, pikepdf.Dictionary) and not holder.is_indirect:
                # A resource dict of shadings, or a pattern's own shading, or a group.
                items = list(holder.values()) if sub == "/Shading" and "/ShadingType" not in holder else [holder]
                for item in items:
                    for key in ("/ColorSpace", "/CS"):
                        if isinstance(item, pikepdf.Dictionary) and item.get(key) == Name.DeviceRGB:
                            item[key] = srgb
                            replaced += 1
    for resources in _resource_dicts(pdf):
        if "/ColorSpace" not in resources:
            resources.ColorSpace = Dictionary()
        resources.ColorSpace.DefaultRGB = srgb  # covers rg/RG operators in the content
    return replaced


def remove_annotations(pdf: pikepdf.Pdf) -> int:
    """Drop every annotation but TrapNet and PrinterMark; returns how many were dropped."""
    dropped = 0
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        keep = [a for a in annots if a.get("/Subtype") in (Name.TrapNet, Name.PrinterMark)]
        dropped += len(annots) - len(keep)
        if keep:
            page.obj.Annots = Array(keep)
        else:
            del page.obj.Annots
    return dropped


def _xmp_date(pdf_date: str) -> str:
    """``D:20210401000000Z`` (or a prefix of it) → ``2021-04-01T00:00:00Z``."""
    digits = pdf_date.removeprefix("D:")[:14].ljust(14, "0")
    if digits[4:6] == "00":
        digits = digits[:4] + "01" + digits[6:]
    if digits[6:8] == "00":
        digits = digits[:6] + "01" + digits[8:]
    return (f"{digits[0:4]}-{digits[4:6]}-{digits[6:8]}T{digits[8:10]}:{digits[10:12]}:"
            f"{digits[12:14]}Z")


def identify(pdf: pikepdf.Pdf) -> None:
    """Info and XMP: PDF/X-4 version, trapping state, dates and IDs, consistent in both."""
    info = pdf.docinfo
    if "/CreationDate" not in info:  # never invented: the print edition's HTML always carries one
        raise ValueError("a PDF/X-4 file needs its creation date (render.html.creation_date)")
    created = str(info.CreationDate)
    info.CreationDate = String(f"D:{created.removeprefix('D:')[:14].ljust(14, '0')}Z")
    info.ModDate = info.CreationDate  # reproducible: the content's date, not the clock's
    date = _xmp_date(str(info.CreationDate))
    # Stable IDs: the same content gives the same document ID.
    doc_id = uuid.uuid5(uuid.NAMESPACE_URL, "brochure:" + str(info.get("/Title", "")) + date)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo(info)
        meta["xmp:CreateDate"] = date
        meta["xmp:ModifyDate"] = date
        meta["xmp:MetadataDate"] = date
        meta["pdf:Trapped"] = "False"
        meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
        meta["xmpMM:DocumentID"] = f"uuid:{doc_id}"
        meta["xmpMM:InstanceID"] = f"uuid:{doc_id}"
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"
    info.Trapped = Name("/False")
    info.GTS_PDFXVersion = String(PDFX_VERSION)


def with_output_intent(data: bytes, profile: OutputProfile) -> bytes:
    """A finished PDF/X-4 file with its output intent replaced by ``profile`` (for PDFs put
    together from parts finished with the default profile, e.g. ``brochure watch``)."""
    import io

    with pikepdf.open(io.BytesIO(data)) as pdf:
        add_output_intent(pdf, profile)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, force_version=PDF_VERSION)
        return out.getvalue()


def make_pdfx4(pdf: pikepdf.Pdf, profile: OutputProfile | None = None) -> None:
    """Turn WeasyPrint's plain PDF into PDF/X-4 in place (save with ``PDF_VERSION``)."""
    add_output_intent(pdf, profile)
    remove_annotations(pdf)
    tag_rgb_as_srgb(pdf)
    identify(pdf)
