"""QR codes: each one must decode from a 150-dpi render, to the URL configured for its block.

Pages are rendered with pdfium and read with zxing-cpp, as a phone camera would see a modest
print. The URLs expected on a page are the links of the sections printed there (apply:
``links``, back cover: ``link``); a decoded URL must also be a link annotation of that page,
so that the printed code and the clickable link agree.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import zxingcpp

from ..content.load import MAIN_FILE
from .context import CheckContext
from .findings import ERROR, WARNING, Finding

RENDER_DPI = 150


def expected_links(ctx: CheckContext) -> dict[int, list[tuple[str, str, str]]]:
    """Page → [(url, file, field)] of the QR blocks the content puts on it."""
    expected: dict[int, list] = {}
    for index, (section, file) in enumerate(zip(ctx.brochure.sections, ctx.brochure.section_files)):
        page = ctx.doc.section_starts.get(index)
        if section.type == "apply":
            refs = [(link_id, f"links.{j}") for j, link_id in enumerate(section.links)]
        elif section.type == "back-cover":
            refs = [(section.link, "link")]
        else:
            continue
        for link_id, field in refs:
            expected.setdefault(page, []).append((str(ctx.brochure.link(link_id).url), file, field))
    return expected


def decode_page(document: pdfium.PdfDocument, page: int) -> list[str]:
    image = document[page - 1].render(scale=RENDER_DPI / 72).to_pil()
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def _page_findings(ctx: CheckContext, page: int, decoded: list[str], wanted: list, ids: dict) -> list[Finding]:
    findings = []
    urls = {url for url, _, _ in wanted}
    annotations = ctx.doc.link_annotations[page - 1]
    for url, file, field in wanted:
        if url not in decoded:
            findings.append(Finding(
                ERROR, "qr-unreadable", f"the QR code for {url} does not decode from a {RENDER_DPI}-dpi render",
                hint="keep it ≥ 20 mm with a white quiet zone and dark modules on white",
                page=page, file=file, field=field, line=ctx.line_of(file, field)))
    for text in decoded:
        if text not in urls:
            link = ids.get(text)
            findings.append(Finding(
                ERROR, "qr-wrong-url",
                f"a QR code decodes to {text!r}, but this page's QR blocks link to "
                f"{', '.join(sorted(urls)) or 'nothing'}",
                hint="make the code and its link the same address", page=page,
                file=MAIN_FILE if link else None, field=f"links.{link[1]}.url" if link else None))
        elif text not in annotations:
            findings.append(Finding(
                WARNING, "qr-no-link", f"the QR code for {text} has no clickable link on the page",
                hint="the printed code and the PDF's link should agree (wrap the code in its <a>)",
                page=page))
    return findings


def check_qr(ctx: CheckContext) -> list[Finding]:
    findings = []
    expected = expected_links(ctx)
    ids = {str(link.url): (link.id, i) for i, link in enumerate(ctx.brochure.meta.links)}
    document = pdfium.PdfDocument(str(ctx.doc.path))
    try:
        for page in range(1, ctx.doc.page_count + 1):
            decoded = decode_page(document, page)
            wanted = expected.get(page, [])
            if decoded or wanted:
                findings.extend(_page_findings(ctx, page, decoded, wanted, ids))
    finally:
        document.close()
    return findings
