"""The logo file named by ``brand.logo.file``: an SVG the renderer can place as vector art.

Checked before any layout, like a photo: inside the content folder, an SVG document (a PDF
logo is refused with what to do: WeasyPrint cannot place a PDF as an image, so it would not stay
vector), with a size (viewBox, or width and height), and nothing a logo has no business with —
no DOCTYPE or entities (an entity bomb), no scripts, no embedded or linked images or files
(an ``<image>`` would also be a bitmap, not vector art).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
MAX_BYTES = 2_000_000
_FORBIDDEN = {"script": "<script>", "foreignObject": "<foreignObject>", "image": "<image> (a bitmap)",
              "iframe": "<iframe>", "video": "<video>", "audio": "<audio>"}
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px|pt|mm|cm|in|)\s*$")
_TO_MM = {"": 25.4 / 96, "px": 25.4 / 96, "pt": 25.4 / 72, "mm": 1.0, "cm": 10.0, "in": 25.4}


@dataclass(frozen=True)
class LogoFile:
    path: Path
    text: str  # the SVG document as read
    aspect: float  # width / height


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match[1]) * _TO_MM[match[2]] if match and float(match[1]) > 0 else None


def _aspect(root: ET.Element) -> float | None:
    box = root.get("viewBox")
    if box:
        try:
            _, _, w, h = (float(v) for v in box.replace(",", " ").split())
        except ValueError:
            return None
        return w / h if w > 0 and h > 0 else None
    w, h = _length(root.get("width")), _length(root.get("height"))
    return w / h if w and h else None


def _external(href: str) -> bool:
    return bool(href.strip()) and not href.strip().startswith("#")


def read_logo(path: Path, name: str, display: str, field: str, line: int | None) -> LogoFile:
    """The logo, checked; :class:`ContentError` naming the file, field and line otherwise."""
    def fault(key: str, **params) -> ContentError:
        return ContentError.of(display, key, field=field, line=line, name=name, **params)

    data = path.read_bytes()
    if path.suffix.lower() == ".pdf" or data.lstrip()[:5] == b"%PDF-":
        raise fault("logo.pdf")
    if len(data) > MAX_BYTES:
        raise fault("logo.unsafe", what=f"{len(data) // 1_000_000} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fault("logo.not_svg") from None
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise fault("logo.unsafe", what="<!DOCTYPE>/<!ENTITY>")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        if "<svg" not in text[:4000]:
            raise fault("logo.not_svg") from None
        raise fault("logo.unreadable", detail=str(exc)[:80]) from None
    if _local(root.tag) != "svg":
        raise fault("logo.not_svg")
    for element in root.iter():
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag in _FORBIDDEN:
            raise fault("logo.unsafe", what=_FORBIDDEN[tag])
        for key, value in element.attrib.items():
            if key in ("href", XLINK_HREF) and _external(value):
                raise fault("logo.unsafe", what=f"{_local(key)}=\"{value[:40]}\"")
            if _local(key).lower().startswith("on"):
                raise fault("logo.unsafe", what=f"{_local(key)}=")
        styles = [v for v in element.attrib.values() if "url(" in v.lower() or "@import" in v]
        styles += [element.text or ""] if tag == "style" else []
        for style in styles:
            if "@import" in style or any(_external(u) for u in _URL.findall(style)):
                raise fault("logo.unsafe", what="url(…)")
    aspect = _aspect(root)
    if aspect is None:
        raise fault("logo.no_size")
    return LogoFile(path, text, aspect)
