"""QR codes as vector SVG (error correction M, 4-module quiet zone)."""

from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4  # modules, as ISO/IEC 18004 requires


@lru_cache(maxsize=256)
def qr_svg(data: str, label: str = "") -> str:
    """An inline ``<svg>`` of the QR code; it scales to whatever size CSS gives it.

    Dark modules are merged into horizontal runs, one path, so the PDF holds a few hundred
    vector rectangles rather than thousands.
    """
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = qr.get_matrix()  # includes the quiet zone
    n = len(matrix)
    parts = []
    for y, row in enumerate(matrix):
        x = 0
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    title = f"<title>{_escape(label or data)}</title>" if (label or data) else ""
    return (f'<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" '
            f'shape-rendering="crispEdges" role="img">{title}'
            f'<rect width="{n}" height="{n}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(parts)}"/></svg>')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
