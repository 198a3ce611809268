"""Where the tool's own files live (the repository layout chosen by the user)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STYLES = ROOT / "styles"
FONTS = ROOT / "fonts"
DEFAULT_CONTENT = ROOT / "content"
DEFAULT_OUT = ROOT / "build"
# Files made by the tool (fitted photos) are addressed as "brochure-cache:photos/<hash>.jpg":
# only the SafeFetcher resolves this, against the build's cache folder.
CACHE_URL_SCHEME = "brochure-cache"

# Order matters: tokens and fonts first, then the shared base, then one file per page type.
STYLESHEETS = ["fonts.css", "tokens.css", "base.css", "pages/cover.css", "pages/message.css",
               "pages/vision.css", "pages/organisation.css", "pages/projects.css",
               "pages/interview.css", "pages/office.css", "pages/apply.css", "pages/back-cover.css", "pages/memo.css",
               # the newer section types (issue 12) and their continuation head
               "pages/figures.css", "pages/schedule.css", "pages/career.css", "pages/conditions.css",
               "pages/flow.css", "pages/faq.css", "pages/text.css", "pages/benefits.css", "shared-sections.css",
               "outline.css",
               "typeset.css"]  # Japanese composition mechanisms (justify, ruby, 縦書き)
