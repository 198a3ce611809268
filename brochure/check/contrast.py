"""Contrast of text on the brand's colours (``brand:`` in brochure.yaml), on the screen edition.

Each pair of colours the theme sets text in — paper-white type on the primary (back cover,
top box of the org chart, table heads, the cover's shade), the primary on paper (headings,
labels), the primary on its tint (table rows), the accent on paper (eyebrows, marks), paper on
the accent (career steps, FAQ marks), paper on the highlight (badges) — is measured with the
brand's sRGB colours as WCAG 2 defines contrast ((L1 + 0.05) / (L2 + 0.05), relative
luminance of linearised sRGB). Every pair holds text of body size somewhere, so each must reach
AA's 4.5:1; a pair only ever used for large type (18 pt, or 14 pt bold) needs 3:1. A pair below
is a warning naming both colours, where they are used and the field to change. Only colours the
brand gives are measured: without ``brand:`` the theme's colours are the theme's design.
"""

from __future__ import annotations

from ..assets.brand import TINT, Colour, resolve
from ..content.load import MAIN_FILE
from ..messages import msg, phrase
from .context import CheckContext
from .findings import WARNING, Finding

PAPER = (255, 255, 255)
AA_BODY, AA_LARGE = 4.5, 3.0

# (text, ground, where it is used: a phrase of the catalogue, large text only): "paper", a
# role, or "tint" (the primary's).
PAIRS = (
    ("paper", "primary", "contrast.where.paper_primary", False),
    ("primary", "paper", "contrast.where.primary_paper", False),
    ("primary", "tint", "contrast.where.primary_tint", False),
    ("accent", "paper", "contrast.where.accent_paper", False),
    ("paper", "accent", "contrast.where.paper_accent", False),
    ("paper", "highlight", "contrast.where.paper_highlight", False),
)


def _linear(v: int) -> float:
    c = v / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_linear(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _hex(rgb) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def low_contrast(colours: dict[str, Colour]):
    """(text, ground, role at fault, ratio, need, where, large) of every pair below AA."""
    def rgb(name):
        if name == "paper":
            return PAPER
        if name == "tint":
            primary = colours["primary"].rgb
            return tuple(round(255 - TINT * (255 - v)) for v in primary)
        return colours[name].rgb

    for text, ground, where, large in PAIRS:
        roles = [n if n != "tint" else "primary" for n in (text, ground) if n != "paper"]
        if any(r not in colours for r in roles):
            continue
        ratio = contrast(rgb(text), rgb(ground))
        need = AA_LARGE if large else AA_BODY
        if ratio < need:
            yield rgb(text), rgb(ground), roles[0], ratio, need, where, large


def check_contrast(ctx: CheckContext) -> list[Finding]:
    brand = ctx.brochure.meta.brand
    if brand is None:
        return []
    look = resolve(brand, ctx.output_profile)
    findings = []
    for text, ground, role, ratio, need, where, large in low_contrast(look.colours):
        message = msg("check.brand-contrast", text=_hex(text), ground=_hex(ground), where=phrase(where), ratio=f"{int(ratio * 100) / 100:.2f}", need=f"{need:g}",
                      size=phrase("contrast.large" if large else "contrast.body"), field=role)
        findings.append(Finding(WARNING, "brand-contrast", message, file=MAIN_FILE, field=f"brand.{role}",
                                line=ctx.line_of(MAIN_FILE, f"brand.{role}"),
                                data={"text": _hex(text), "ground": _hex(ground), "ratio": round(ratio, 2),
                                      "needed": need}))
    return findings

