"""The organisation's look from ``brand:`` in brochure.yaml: colours for both editions, the
stylesheet that puts them into the theme's custom properties, and the logo prepared per edition.

A brand colour is given as the brand guide gives it — CMYK percentages (print), sRGB hex
(screen), or both. The one missing is derived through the print edition's output profile
(the shop's, else the bundled FOGRA39) with Little CMS (``PIL.ImageCms``), relative
colorimetric, and the build says which it derived (:attr:`BrandLook.derived`).

The theme names its colours in ``styles/tokens.css`` (print, ``device-cmyk()``) and
``styles/editions/screen.css`` (sRGB). :func:`brand_css` overrides those custom properties in a
small stylesheet laid out after them, so the theme's files stay as they are and a brochure
without ``brand:`` looks exactly as before. Everything derived from a brand colour follows it:
its tint, the cover's shade (baked into the key visual: :func:`shade_rgb`), the org chart's
lines (:func:`chart_stroke`).

The logo (an SVG checked by ``content/logofile.py``) is placed as vector art. In the print
edition its paints that are a brand colour are written as that colour's ``device-cmyk()``
(black as 100 % K), so the plates get the brand guide's values, not a conversion; with
``logo.spot``, the paints of the primary colour get a marker colour that ``press/spot.py``
turns into a ``/Separation`` of that spot ink (its alternate: the primary's CMYK).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms

from ..content.iccprofile import OutputProfile, bundled_profile
from ..paths import STYLES
from .cachefile import cached_text_file

ROLES = ("primary", "accent", "highlight")
# The theme's custom property for each role, and for the primary's tint.
PROPERTY = {"primary": "--navy", "accent": "--cyan", "highlight": "--warm"}
TINT_PROPERTY = "--navy-tint"
TINT = 0.09  # the tint: this much of the primary over paper (the sample's navy-tint is ≈9 %)
# The marker the print edition's logo paints its spot-colour parts with; press/spot.py finds
# exactly these four numbers (as WeasyPrint writes them) and replaces them by the Separation.
SPOT_MARKER = (0.0123, 0.0456, 0.0789, 0.0012)
SPOT_RESOURCE = "BrandSpot"
LOGO_CSS = STYLES / "logo.css"  # where the logo sits on the cover, the back cover, the apply page
# How near (Euclidean distance in sRGB, 0–255) a logo paint must be to a brand colour to be it.
MATCH = 24.0


@dataclass(frozen=True)
class Colour:
    role: str
    cmyk: tuple[float, float, float, float]  # 0–1, for print
    rgb: tuple[int, int, int]  # sRGB, for the screen
    derived: str = ""  # "rgb" or "cmyk": which one the build derived

    @property
    def hex(self) -> str:
        return "#{:02X}{:02X}{:02X}".format(*self.rgb)

    @property
    def css_cmyk(self) -> str:
        return "device-cmyk(" + " ".join(_num(c) for c in self.cmyk) + ")"

    @property
    def percent(self) -> str:
        return "C{} M{} Y{} K{}".format(*(_num(c * 100) for c in self.cmyk))


@dataclass(frozen=True)
class Logo:
    text: str  # the SVG as read
    aspect: float  # width / height
    alt: str
    min_width: float  # mm
    clear_space: float  # × its height
    spot: str | None = None


@dataclass(frozen=True)
class BrandLook:
    colours: dict[str, Colour] = field(default_factory=dict)
    logo: Logo | None = None
    profile: str = ""  # the profile colours were derived through

    @property
    def derived(self) -> list[Colour]:
        return [c for c in self.colours.values() if c.derived]

    def key(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:16]


def _num(v: float) -> str:
    return f"{v:.4f}".rstrip("0").rstrip(".") or "0"


@lru_cache(maxsize=4)
def _transforms(profile_data: bytes):
    cmyk = ImageCms.ImageCmsProfile(io.BytesIO(profile_data))
    srgb = ImageCms.createProfile("sRGB")
    relative = ImageCms.Intent.RELATIVE_COLORIMETRIC
    return (ImageCms.buildTransform(cmyk, srgb, "CMYK", "RGB", renderingIntent=relative),
            ImageCms.buildTransform(srgb, cmyk, "RGB", "CMYK", renderingIntent=relative))


def cmyk_to_rgb(cmyk: tuple[float, ...], profile: OutputProfile) -> tuple[int, int, int]:
    to_rgb, _ = _transforms(profile.data)
    pixel = Image.new("CMYK", (1, 1), tuple(round(c * 255) for c in cmyk))
    return ImageCms.applyTransform(pixel, to_rgb).getpixel((0, 0))


def rgb_to_cmyk(rgb: tuple[int, int, int], profile: OutputProfile) -> tuple[float, float, float, float]:
    """Through the profile; a grey or black (R = G = B within 6) in black ink alone, the K whose
    sRGB is nearest (a profile's rich black would print small text in four inks)."""
    if max(rgb) - min(rgb) <= 6:
        target = sum(rgb) / 3
        k = min(range(101), key=lambda k: abs(sum(cmyk_to_rgb((0, 0, 0, k / 100), profile)) / 3 - target))
        return (0.0, 0.0, 0.0, k / 100)
    _, to_cmyk = _transforms(profile.data)
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), to_cmyk).getpixel((0, 0))
    return tuple(round(v / 255, 2) for v in pixel)


def parse_hex(text: str) -> tuple[int, int, int]:
    digits = text.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def resolve(brand, profile: OutputProfile | None = None, logo_file=None, organisation: str = "") -> BrandLook | None:
    """The brand settings (``model.Brand``) with both forms of every colour; None without any."""
    if brand is None:
        return None
    profile = profile or bundled_profile()
    colours = {}
    for role in ROLES:
        given = getattr(brand, role)
        if given is None:
            continue
        cmyk = tuple(c / 100 for c in given.cmyk) if given.cmyk is not None else None
        rgb = parse_hex(given.rgb) if given.rgb is not None else None
        derived = ""
        if rgb is None:
            rgb, derived = cmyk_to_rgb(cmyk, profile), "rgb"
        elif cmyk is None:
            cmyk, derived = rgb_to_cmyk(rgb, profile), "cmyk"
        colours[role] = Colour(role, cmyk, rgb, derived)
    logo = None
    if brand.logo is not None and logo_file is not None:
        logo = Logo(logo_file.text, logo_file.aspect, brand.logo.alt or organisation, brand.logo.min_width,
                    brand.logo.clear_space, brand.logo.spot)
    return BrandLook(colours, logo, profile.description)


# --- the stylesheet -----------------------------------------------------------------------

def _tint_rgb(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(round(255 - TINT * (255 - v)) for v in rgb)


def brand_css(look: BrandLook | None, edition: str) -> str:
    """Custom properties overriding the theme's colours for ``edition`` ("" when there is no
    brand), and the logo's placement when there is a logo."""
    if look is None:
        return ""
    screen = edition == "screen"
    lines = []
    for role, colour in look.colours.items():
        value = "rgb({} {} {})".format(*colour.rgb) if screen else colour.css_cmyk
        lines.append(f"  {PROPERTY[role]}: {value};")
        if role == "primary":
            tint = "rgb({} {} {})".format(*_tint_rgb(colour.rgb)) if screen else \
                "device-cmyk(" + " ".join(_num(round(c * TINT, 4)) for c in colour.cmyk) + ")"
            lines.append(f"  {TINT_PROPERTY}: {tint};")
    css = ":root {\n" + "\n".join(lines) + "\n}\n" if lines else ""
    if look.logo is not None:
        css += LOGO_CSS.read_text(encoding="utf-8")
    return css


# --- what else follows the primary colour ----------------------------------------------------

def shade_rgb(look: BrandLook | None) -> tuple[int, int, int] | None:
    """The cover shade's colour (baked into the key visual): the primary, else the theme's."""
    colour = look.colours.get("primary") if look else None
    return colour.rgb if colour else None


def chart_stroke(look: BrandLook | None, edition: str) -> str | None:
    """The org chart's line colour as SVG paint for ``edition``; None: the theme's."""
    colour = look.colours.get("primary") if look else None
    if colour is None:
        return None
    return colour.hex if edition == "screen" else colour.css_cmyk


def spot_of(look: BrandLook | None) -> tuple[str, tuple[float, float, float, float]] | None:
    """The logo's spot colour: its name and CMYK alternate (the primary's), if it has one."""
    if look is None or look.logo is None or not look.logo.spot or "primary" not in look.colours:
        return None
    return look.logo.spot, look.colours["primary"].cmyk


# --- the logo ---------------------------------------------------------------------------------

_COLOUR = r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\bblack\b|rgb\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\)"
# A paint: a colour given to fill, stroke or a gradient stop, as an attribute (fill="#E60012")
# or a declaration (style="fill: #E60012", <style> rules); ids and references are left alone.
_PAINT = re.compile(r"(?<![\w-])((?:fill|stroke|stop-color|flood-color|color)\s*(?:=\s*[\"']\s*|:\s*))(" + _COLOUR + ")")


def _paint_rgb(text: str) -> tuple[int, int, int]:
    if text.startswith("#"):
        return parse_hex(text)
    if text == "black":
        return (0, 0, 0)
    return tuple(int(v) for v in re.findall(r"\d+", text))


def _near(a, b) -> bool:
    return sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5 <= MATCH


def print_paint(look: BrandLook, paint: str) -> str:
    """A logo paint as the print edition writes it: a brand colour in its CMYK (the primary as
    the spot marker when the logo has a spot colour), black as 100 % K, anything else as is
    (sRGB, tagged by PDF/X)."""
    rgb = _paint_rgb(paint)
    for role, colour in look.colours.items():
        if _near(rgb, colour.rgb):
            if role == "primary" and look.logo is not None and look.logo.spot:
                return "device-cmyk(" + " ".join(_num(c) for c in SPOT_MARKER) + ")"
            return colour.css_cmyk
    if max(rgb) <= 20:
        return "device-cmyk(0 0 0 1)"
    return paint


def spot_unused(look: BrandLook | None) -> bool:
    """True when the logo has a spot colour but no paint in the primary colour to print with it."""
    if spot_of(look) is None:
        return False
    primary = look.colours["primary"].rgb
    return not any(_near(_paint_rgb(m.group(2)), primary) for m in _PAINT.finditer(look.logo.text))


def logo_svg(look: BrandLook, edition: str) -> str:
    """The logo's SVG for ``edition``: as given on screen, brand colours in CMYK for print."""
    text = look.logo.text
    if edition == "screen":
        return text
    return _PAINT.sub(lambda m: m.group(1) + print_paint(look, m.group(2)), text)


def logo_file(look: BrandLook, edition: str, folder: Path) -> Path:
    """The edition's logo written once into the cache, named by its hash."""
    return cached_text_file(folder, logo_svg(look, edition), ".svg")


@dataclass(frozen=True)
class LogoView:
    """What ``_logo.html.j2`` places: the file, its size and clear space (mm)."""

    path: Path
    width: float
    height: float
    pad: float
    alt: str


# The logo's width on each page (mm) and the tallest it may be; never below the brand's minimum.
PLACES = {"cover": (34.0, 16.0), "back-cover": (30.0, 14.0), "apply": (26.0, 12.0)}


def logo_view(look: BrandLook | None, edition: str, folder: Path, page: str) -> LogoView | None:
    if look is None or look.logo is None or page not in PLACES:
        return None
    logo = look.logo
    width, tallest = PLACES[page]
    if width / logo.aspect > tallest:
        width = tallest * logo.aspect
    width = max(width, logo.min_width)
    height = width / logo.aspect
    return LogoView(logo_file(look, edition, folder), round(width, 2), round(height, 2),
                    round(height * logo.clear_space, 2), logo.alt)
