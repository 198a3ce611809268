"""QR codes: each one must decode from a 150-dpi render, to the URL configured for its block.

Pages are rendered with pdfium (:mod:`.pixels`, the render the bleed check reads too) and read
with zxing-cpp, as a phone camera would see a modest
print. The codes of a page are paired, in reading order, with the QR blocks the content puts
there (apply: ``links``, back cover: ``link``) and must decode to their block's URL; if codes
are missing or extra, each configured URL must be found among them. (The check runs on the
print edition only, which as PDF/X has no link annotations: there is no clickable link to
compare a code with; the screen edition's links are tested in tests/test_screen_edition.py.)
"""

from __future__ import annotations

from dataclasses import dataclass

import zxingcpp

from ..content.load import MAIN_FILE
from .context import CheckContext
from ..messages import msg
from .findings import ERROR, Finding
from .pixels import RENDER_DPI, RenderedPage


@dataclass(frozen=True)
class Decoded:
    text: str
    centre: tuple[float, float]  # PDF user space
    bbox: tuple[float, float, float, float] | None = None  # PDF user space


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


def decode(rendered: RenderedPage) -> list[Decoded]:
    """The QR codes a render of a page holds, with where they are in PDF user space."""
    found = []
    for code in zxingcpp.read_barcodes(rendered.image, formats=zxingcpp.BarcodeFormat.QRCode):
        pos = code.position
        corners = [rendered.to_pdf(c.x, c.y) for c in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        found.append(Decoded(code.text, (sum(xs) / 4, sum(ys) / 4), (min(xs), min(ys), max(xs), max(ys))))
    return found


def _block_findings(ctx: CheckContext, page: int, decoded: list[Decoded], wanted: list, ids: dict) -> list[Finding]:
    """Codes against the content's links for this page's blocks."""
    findings = []
    if len(decoded) == len(wanted):
        # One code per block: pair them in reading order (the blocks' order in the content).
        pairs = zip(sorted(decoded, key=lambda d: (-round(d.centre[1] / 5), d.centre[0])), wanted)
        for code, (url, file, field) in pairs:
            if code.text != url:
                findings.append(Finding(
                    ERROR, "qr-wrong-url", msg("check.qr-wrong-url", got=code.text, url=url),
                    page=page, file=file, field=field, line=ctx.line_of(file, field), bbox=code.bbox))
        return findings
    texts = [d.text for d in decoded]
    urls = {url for url, _, _ in wanted}
    for url, file, field in wanted:
        if url not in texts:
            findings.append(Finding(
                ERROR, "qr-unreadable", msg("check.qr-unreadable", url=url, dpi=RENDER_DPI),
                page=page, file=file, field=field, line=ctx.line_of(file, field)))
    for code in decoded:
        if code.text not in urls:
            link = ids.get(code.text)
            findings.append(Finding(
                ERROR, "qr-wrong-url", msg("check.qr-wrong-url.extra", got=code.text), page=page,
                file=MAIN_FILE if link else None, field=f"links.{link[1]}.url" if link else None, bbox=code.bbox))
    return findings


class QRCheck:
    """The QR check, page by page on the shared renders (:mod:`.pixels`)."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.expected = expected_links(ctx)
        self.ids = {str(link.url): (link.id, i) for i, link in enumerate(ctx.brochure.meta.links)}

    def page(self, rendered: RenderedPage) -> list[Finding]:
        decoded = decode(rendered)
        wanted = self.expected.get(rendered.number, [])
        return _block_findings(self.ctx, rendered.number, decoded, wanted, self.ids) if decoded or wanted else []
