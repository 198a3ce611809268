"""Where the tool's own files live (the repository layout chosen by the user), and the
user's cache folder for the files it derives from the content (fitted photos, chart lines)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STYLES = ROOT / "styles"
FONTS = ROOT / "fonts"
DEFAULT_CONTENT = ROOT / "content"
DEFAULT_OUT = ROOT / "build"
# Files made by the tool (fitted photos) are addressed as "brochure-cache:photos/<hash>.jpg":
# only the SafeFetcher resolves this, against the cache folder.
CACHE_URL_SCHEME = "brochure-cache"

# The derived-file cache outlives any output folder: every build, check, watch and personalize
# run of the same photos shares it, whatever its --out. BROCHURE_CACHE_DIR overrides the folder
# (CI, tests); BROCHURE_CACHE_MAX_MB its size bound (oldest-used entries go first).
CACHE_DIR_ENV = "BROCHURE_CACHE_DIR"
JOBS_ENV = "BROCHURE_JOBS"  # processes a build may use (default: one per core); 1: one process
CACHE_MAX_ENV = "BROCHURE_CACHE_MAX_MB"
DEFAULT_CACHE_MAX_MB = 500


def user_cache_dir() -> Path:
    """``$BROCHURE_CACHE_DIR``, else ``$XDG_CACHE_HOME/brochure``, else ``~/.cache/brochure``."""
    override = os.environ.get(CACHE_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser().resolve()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"  # XDG: absolute only
    return (base / "brochure").resolve()


def cache_max_bytes() -> int:
    raw = os.environ.get(CACHE_MAX_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_CACHE_MAX_MB
    except ValueError:
        mb = DEFAULT_CACHE_MAX_MB
    return int(max(mb, 0) * 1_000_000)

# Order matters: tokens and fonts first, then the shared base, then one file per page type.
STYLESHEETS = ["fonts.css", "tokens.css", "base.css", "pages/cover.css", "pages/message.css",
               "pages/vision.css", "pages/organisation.css", "pages/projects.css",
               "pages/interview.css", "pages/office.css", "pages/apply.css", "pages/back-cover.css", "pages/memo.css",
               # the newer section types (issue 12) and their continuation head
               "pages/figures.css", "pages/schedule.css", "pages/career.css", "pages/conditions.css",
               "pages/flow.css", "pages/faq.css", "pages/text.css", "pages/benefits.css", "shared-sections.css",
               "outline.css",
               "typeset.css"]  # Japanese composition mechanisms (justify, ruby, 縦書き)
