"""Where the tool's own files live (the repository layout chosen by the user)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STYLES = ROOT / "styles"
FONTS = ROOT / "fonts"
DEFAULT_CONTENT = ROOT / "content"
DEFAULT_OUT = ROOT / "build"

# Order matters: tokens and fonts first, then the shared base, then one file per page type.
STYLESHEETS = ["fonts.css", "tokens.css", "base.css", "pages/cover.css", "pages/message.css",
               "pages/vision.css", "pages/organisation.css", "pages/projects.css",
               "pages/interview.css", "pages/office.css", "pages/apply.css", "pages/back-cover.css",
               "outline.css"]
