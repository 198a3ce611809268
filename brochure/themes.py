"""Themes and formats: the look of a brochure and the size of its pages (``brochure.yaml``'s
``theme:`` and ``format:``).

A theme is a folder (``styles/themes/<name>/``, see its README.md) of Jinja templates
(``templates/``, the same names as the standard theme's) and page styles (``pages/<type>.css``,
an optional ``theme.css`` read after every page style, and ``formats/<format>.css`` for one
page size). Whatever a theme leaves out comes from the standard theme (the sample's design),
so a theme may override a single template or stylesheet: a file of the theme is found first,
then the standard theme's, then the shared base in ``styles/`` (fonts, tokens, base).

``theme:`` names a theme folder of the content (``<content>/themes/<name>/``) or of the tool
(``styles/themes/<name>/``), or gives a folder by its path (relative to the content folder):
adding a theme needs nothing outside its folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .paths import STYLES, STYLESHEETS

THEMES_DIR = STYLES / "themes"
STANDARD = "standard"
THEME_CSS = "theme.css"  # a theme's own rules, after every page style


@dataclass(frozen=True)
class Format:
    """A page size: the trim (mm), and the stylesheet that sets it (``formats/<name>.css``,
    shared, then the theme's own).

    Every template, stylesheet, photo frame and planner measure is written for A4. A smaller
    format is laid out on a page of A4's width and the format's proportions (A5: 210 × 297.97
    mm) and written at ``zoom`` (148/210): its geometry (margins, grid, frames, bleed) is then
    the A4 design scaled to the format, while its stylesheet sets the running text larger on
    that page (``formats/a5.css``, made by scripts/make_format_css.py), so that on paper the
    body is 8.5 pt rather than 6.5 pt and display type about 70 % of A4's (the design brief)."""

    name: str
    trim_w: float
    trim_h: float
    description: str
    sheet: tuple[float, float]  # the office printer's sheet for two pages side by side (mm)

    @property
    def zoom(self) -> float:
        return self.trim_w / 210.0

    def type_size(self, pt: float) -> float:
        """The size (pt, on the layout page) that type designed at ``pt`` on A4 is set at in
        this format: running text (to 12 pt) 1.3 times larger on A5's layout page, so that the
        body prints at 8.5 pt; display type (24 pt and more) as on A4 (about 70 % on paper);
        in between, a little less larger the larger it is. The stylesheets (formats/a5.css,
        scripts/make_format_css.py) and the planner's estimates (plan/estimate.py) both use it."""
        if self.zoom == 1.0:
            return pt
        return pt * text_scale(pt)

    def printed(self, pt: float) -> float:
        """The size (pt) on paper of type designed at ``pt`` on A4."""
        return self.type_size(pt) * self.zoom

    def body_ok(self, pt: float) -> bool:
        """Whether running text designed at ``pt`` (an A4 size, e.g. a planner's step down)
        prints at least at :data:`MIN_BODY_PT` in this format (to the tenth of a point that the
        type scale is written in: A5's body, 9.25 pt, prints at 8.47 pt)."""
        return round(self.printed(pt), 1) >= MIN_BODY_PT

    @property
    def layout_h(self) -> float:
        """Height (mm) of the page the layout is made on (210 mm wide)."""
        return self.trim_h / self.zoom


MIN_BODY_PT = 8.5  # the brief: running text never prints below 8.5 pt (A5: 8.5–9 pt)


def text_scale(pt: float) -> float:
    """How much larger than on A4 a size is set on a smaller format's layout page."""
    if pt <= 12:
        return 1.3
    if pt >= 24:
        return 1.0
    return 1.3 - 0.3 * (pt - 12) / 12


FORMATS: dict[str, Format] = {
    "a4": Format("a4", 210.0, 297.0, "A4 (210 × 297 mm)", (420.0, 297.0)),
    "a5": Format("a5", 148.0, 210.0, "A5 (148 × 210 mm)", (297.0, 210.0)),
}
DEFAULT_FORMAT = "a4"


@dataclass(frozen=True)
class Theme:
    """A theme and where its files are looked for: its own folder, then the standard theme's."""

    name: str
    folders: tuple[Path, ...]
    format: str = DEFAULT_FORMAT

    @property
    def page_format(self) -> Format:
        return FORMATS[self.format]

    @property
    def template_dirs(self) -> list[Path]:
        return [folder / "templates" for folder in self.folders if (folder / "templates").is_dir()]

    def file(self, name: str) -> Path | None:
        """A theme file by its name in the theme (``pages/cover.css``): the theme's own, else
        the standard theme's; None if neither has it."""
        return next((folder / name for folder in self.folders if (folder / name).is_file()), None)

    def stylesheets(self, edition_sheets: tuple[str, ...] = ()) -> list[Path]:
        """Every stylesheet of a document, in order: the shared base and the page styles (each
        from the theme if it has it), the themes' ``theme.css`` (the standard theme's first),
        the format's, the Japanese composition rules, then the edition's."""
        found = [self.file(name) or STYLES / name for name in STYLESHEETS if name != "typeset.css"]
        found += [folder / THEME_CSS for folder in reversed(self.folders) if (folder / THEME_CSS).is_file()]
        if self.format != DEFAULT_FORMAT:
            name = f"formats/{self.format}.css"
            found += [p for p in (STYLES / name,) if p.is_file()]
            found += [folder / name for folder in reversed(self.folders) if (folder / name).is_file()]
        found.append(STYLES / "typeset.css")
        return found + [STYLES / name for name in edition_sheets]

    @property
    def roots(self) -> list[Path]:
        """Folders the theme's files may load from (besides styles/ and fonts/)."""
        return [folder for folder in self.folders if not folder.is_relative_to(STYLES)]


def standard_theme(format: str = DEFAULT_FORMAT) -> Theme:
    return Theme(STANDARD, (THEMES_DIR / STANDARD,), format)


def available_themes(content_root: Path | None = None) -> list[str]:
    """The names ``theme:`` accepts: the tool's themes and the content's ``themes/`` folders."""
    folders = [THEMES_DIR] + ([content_root / "themes"] if content_root is not None else [])
    names = {p.name for folder in folders if folder.is_dir() for p in folder.iterdir() if p.is_dir()}
    return sorted(names, key=lambda n: (n != STANDARD, n))


def theme_folder(value: str, content_root: Path) -> Path | None:
    """The folder ``theme: value`` names, or None: a path (with a slash) relative to the
    content folder; else a name, in the content's ``themes/`` first, then in the tool's."""
    if "/" in value or "\\" in value or value.startswith("."):
        folder = (content_root / value).resolve()
        return folder if folder.is_dir() else None
    for base in (content_root / "themes", THEMES_DIR):
        folder = base / value
        if value not in ("", ".", "..") and folder.is_dir():
            return folder.resolve()
    return None


def find_theme(value: str | None, content_root: Path, format: str = DEFAULT_FORMAT) -> Theme | None:
    """The theme ``theme:`` chose (None: not found); no value is the standard theme."""
    if value is None or value == STANDARD:
        return standard_theme(format)
    folder = theme_folder(value, content_root)
    if folder is None:
        return None
    standard = (THEMES_DIR / STANDARD).resolve()
    folders = (folder,) if folder == standard else (folder, standard)
    return Theme(folder.name, folders, format)


def theme_of(brochure) -> Theme:
    """A loaded brochure's theme (``Brochure.theme``), the standard theme if it has none."""
    return getattr(brochure, "theme", None) or standard_theme()
