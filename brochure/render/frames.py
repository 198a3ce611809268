"""Photo frames of the layout, in millimetres (trim A4 = 210 x 297, bleed 3).

The photo pipeline fits each photo to its frame (aspect and resolution), and the templates
place it at exactly this size, so this table is the one place a frame's size is written.
Keys are ``(section type, field path)``; ``*`` matches any index.
"""

from __future__ import annotations

from ..assets.photos import Frame

BLEED = 3.0
TRIM_W, TRIM_H = 210.0, 297.0
CONTENT_W = 175.0  # 210 - inside 20 - outside 15
GUTTER = 4.0

FRAMES: dict[tuple[str, str], Frame] = {
    # Full bleed: trim plus bleed on every side.
    ("cover", "key_visual"): Frame(TRIM_W + 2 * BLEED, TRIM_H + 2 * BLEED, shade_top=0.6),
    ("message", "portrait"): Frame(76.0, 95.0),  # 4:5
    # Bleeds off the top and the outer edge of the interview's left page.
    ("interview", "portrait"): Frame(108.0 + BLEED, (108.0 + BLEED) * 5 / 4),
    ("office", "photos.0"): Frame(CONTENT_W, CONTENT_W * 2 / 3),  # 3:2
    ("office", "photos.*"): Frame((CONTENT_W - 2 * GUTTER) / 3, (CONTENT_W - 2 * GUTTER) / 3 * 2 / 3),
    # The newer section types (issue 12): landscape 3:2.
    ("schedule", "photo"): Frame(84.0, 56.0),  # beside the person, over the timeline
    ("text", "photo"): Frame(CONTENT_W, CONTENT_W * 2 / 3),  # across the text block
}


def frame_for(section_type: str, field_path: str) -> Frame:
    if (section_type, field_path) in FRAMES:
        return FRAMES[section_type, field_path]
    generic = ".".join("*" if part.isdigit() else part for part in field_path.split("."))
    return FRAMES[section_type, generic]
