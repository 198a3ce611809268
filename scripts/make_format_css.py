"""Write a theme's type scale for a smaller format: ``styles/themes/<theme>/formats/a5.css``.

A5 is laid out on a page of A4's width and written at 148/210 scale (brochure/themes.py), so
type set at its A4 size would print at 70 % of it: 9.25 pt body text at 6.5 pt. This script
reads every font size of a theme's stylesheets and writes, for each rule that sets one, the
same selector with the size scaled up (every font size is written again, scaled or not, so
that the rules keep their order and a later rule still wins): running text (up to 12 pt) by 1.3, so the body prints
at 8.5 pt; then less and less up to 24 pt; display type (24 pt and more) not at all, so that
it prints at about 70 % of A4's (the design brief's rule for A5). Sizes that are custom
properties (``var(--fs-body)``, a planner's ``var(--body-size, …)``) are scaled with
``calc()`` where they are used, by the size of the token they fall back to.

Anything after the line ``/* --- by hand --- */`` in an existing file is kept: geometry a
theme changes for the format, which no script can guess.

Usage: uv run scripts/make_format_css.py [THEME ...]   (default: every theme in styles/themes/)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tinycss2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from brochure.themes import FORMATS  # noqa: E402  (the one definition of the scale)

STYLES = ROOT / "styles"
THEMES = STYLES / "themes"
HAND = "/* --- by hand --- */"
FORMAT = "a5"


def scale(pt: float) -> float:
    """How much larger a size is set on the A5 layout page: 1.3 up to 12 pt, 1 from 24 pt."""
    return FORMATS[FORMAT].type_size(pt) / pt


def tokens() -> dict[str, float]:
    text = (STYLES / "tokens.css").read_text(encoding="utf-8")
    return {m[1]: float(m[2]) for m in re.finditer(r"(--[\w-]+):\s*([\d.]+)pt", text)}


def reference(value: str, known: dict[str, float]) -> float | None:
    """The size in pt a font-size value stands for (a var's token or fallback, or a length in
    pt); None for relative sizes (em, %) and for custom properties without a known size."""
    value = value.strip()
    while value.startswith("calc("):
        value = value[5:]
    var = re.match(r"var\(\s*(--[\w-]+)\s*(?:,(.*))?\)", value)
    if var:
        if var[1] in known:
            return known[var[1]]
        return reference(var[2], known) if var[2] else None
    pt = re.match(r"([\d.]+)pt\b", value)
    return float(pt[1]) if pt else None


def font_size_of(name: str, value: str) -> str | None:
    if name == "font-size":
        return value
    if name == "font":  # the shorthand: its size is the length before an optional /line-height
        size = re.search(r"(?<![\w.])([\d.]+pt)(?=\s|/)", value)
        return size[1] if size else None
    return None


def rules(path: Path, known: dict[str, float]) -> list[str]:
    out = []
    sheet = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True,
                                      skip_whitespace=True)
    for rule in sheet:
        if rule.type != "qualified-rule":
            continue  # @page and @font-face: the shared formats/a5.css sets the footer
        selector = tinycss2.serialize(rule.prelude).strip()
        for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
            if decl.type != "declaration":
                continue
            value = font_size_of(decl.lower_name, tinycss2.serialize(decl.value).strip())
            if value is None:
                continue
            ref = reference(value, known)
            important = " !important" if decl.important else ""
            if ref is None or scale(ref) <= 1.0:  # restated: the rules keep their order
                size = value
            else:
                inner = value[5:-1] if value.startswith("calc(") and value.endswith(")") else value
                size = f"calc({inner} * {scale(ref):.4g})"
            out.append(f"{' '.join(selector.split())} {{ font-size: {size}{important}; }}")
    return out


def sources(theme: Path) -> list[Path]:
    """A theme's stylesheets, in the order the build reads them (brochure/themes.py)."""
    found = []
    if theme.name == "standard":  # the shared base's rules, with the standard theme's
        found += [STYLES / "base.css", STYLES / "shared-sections.css"]
    found += sorted(p for p in theme.glob("pages/*.css"))
    found += [p for p in (theme / "theme.css",) if p.is_file()]
    return found


def write(theme: Path) -> Path:
    known = tokens()
    target = theme / "formats" / f"{FORMAT}.css"
    kept = ""
    if target.is_file():
        old = target.read_text(encoding="utf-8")
        if HAND in old:
            kept = old[old.index(HAND):]
    lines = [f"/* The {theme.name} theme's type scale on the A5 layout page: written by "
             "scripts/make_format_css.py from its stylesheets (run it again after changing a font "
             "size there); only the part after the 'by hand' line is edited by hand. */"]
    for path in sources(theme):
        found = rules(path, known)
        if found:
            label = path.relative_to(STYLES) if path.is_relative_to(STYLES) else \
                Path("themes", theme.name, path.relative_to(theme))
            lines.append(f"/* {label} */")
            lines += found
    target.parent.mkdir(exist_ok=True)
    target.write_text("\n".join(lines) + "\n" + (("\n" + kept) if kept else ""), encoding="utf-8")
    return target


if __name__ == "__main__":
    names = sys.argv[1:] or sorted(p.name for p in THEMES.iterdir() if p.is_dir())
    for name in names:
        print(write(THEMES / name))
