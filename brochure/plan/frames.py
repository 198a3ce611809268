"""Photo frames and rows of the layout, in millimetres (trim A4 = 210 x 297, bleed 3).

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
    # Office photos are fitted per variant (office_frames); this is the one of a lead photo.
    ("office", "photos.*"): Frame(CONTENT_W, CONTENT_W * 2 / 3),  # 3:2
    # The newer section types (issue 12): landscape 3:2.
    ("schedule", "photo"): Frame(84.0, 56.0),  # beside the person, over the timeline
    ("text", "photo"): Frame(CONTENT_W, CONTENT_W * 2 / 3),  # across the text block
}


def frame_for(section_type: str, field_path: str, variant: str = "", opts: dict | None = None,
              section=None) -> Frame:
    """The frame a photo field is placed in; a layout variant may place it elsewhere
    (``VARIANT_FRAMES``: a function of the variant's settings and the section)."""
    special = VARIANT_FRAMES.get((section_type, variant))
    if special is not None:
        frame = special(field_path, opts or {}, section, variant)
        if frame is not None:
            return frame
    if (section_type, field_path) in FRAMES:
        return FRAMES[section_type, field_path]
    generic = ".".join("*" if part.isdigit() else part for part in field_path.split("."))
    return FRAMES[section_type, generic]


def _interview(field: str, opts: dict, section, variant: str) -> Frame | None:
    return Frame(60.0, 75.0) if field == "portrait" else None  # one-page interview: 4:5 band


def _mm(value: str, default: float) -> float:
    return float(value[:-2]) if isinstance(value, str) and value.endswith("mm") else default


def _message_feature(field: str, opts: dict, section, variant: str) -> Frame | None:
    # Under the headline down to the text area's foot, the width of the text area.
    return Frame(CONTENT_W, _mm(opts.get("portrait_h"), 150.0)) if field == "portrait" else None


# --- office: rows of photos filling the page --------------------------------------------------

# Photos per row, by count: a lead photo, then rows of two or three (an odd count gets a wide
# photo rather than a hole).
OFFICE_ROWS = {1: (1,), 2: (1, 1), 3: (1, 2), 4: (1, 3), 5: (1, 2, 2), 6: (1, 2, 3), 7: (1, 3, 3), 8: (2, 3, 3)}
CAPTION_MM = 7 * 1.5 * 25.4 / 72 + 1.5  # one caption line under a row
ROW_GAP = 6.0


def office_rows(count: int, variant: str = "page") -> tuple[int, ...]:
    """Photos per row of the office page (the photo page takes the first photo itself)."""
    if variant == "photo-page":
        count -= 1
    return OFFICE_ROWS.get(count, (3,) * (count // 3) + ((count % 3,) if count % 3 else ()))


# Benefit cards per row, by count (more: three); the planner may turn the page between rows.
BENEFIT_COLUMNS = {1: 1, 2: 2, 3: 3, 4: 2}


def benefit_columns(items) -> int:
    return BENEFIT_COLUMNS.get(len(items), 3)


def rows(items, columns: int) -> int:
    return -(-len(items) // columns)


def office_frames(count: int, variant: str, height: float) -> list[Frame]:
    """Frames of every photo: each row as wide as the text area, the rows' aspect ratios
    chosen (within bounds) so that together they fill ``height`` mm."""
    rows = office_rows(count, variant)
    frames: list[Frame] = []
    if variant == "photo-page":
        frames.append(Frame(TRIM_W + 2 * BLEED, TRIM_H + 2 * BLEED))  # the full-bleed page
    widths = [(CONTENT_W - GUTTER * (k - 1)) / k for k in rows]
    bounds = [(1.5, 2.4) if i == 0 and k == 1 else (2.0, 3.2) if k == 1 else (1.25, 2.4)
              for i, k in enumerate(rows)]
    room = height - len(rows) * CAPTION_MM - ROW_GAP * (len(rows) - 1)

    def heights(t: float) -> list[float]:
        return [w / min(max(lo * t, lo), hi) for w, (lo, hi) in zip(widths, bounds)]

    lo_t, hi_t = 1.0, 4.0
    if sum(heights(1.0)) > room:  # too tall at the tallest aspect: flatten the rows
        for _ in range(40):
            mid = (lo_t + hi_t) / 2
            lo_t, hi_t = (mid, hi_t) if sum(heights(mid)) > room else (lo_t, mid)
    for w, h, k in zip(widths, heights(hi_t if sum(heights(1.0)) > room else 1.0), rows):
        frames += [Frame(round(w, 2), round(h, 2))] * k
    return frames


def _office(field: str, opts: dict, section, variant: str) -> Frame | None:
    index = int(field.split(".")[1])
    frames = office_frames(len(section.photos), variant, _mm(opts.get("photos_h"), 200.0))
    return frames[index] if index < len(frames) else None


VARIANT_FRAMES: dict = {
    ("office", "page"): _office,
    ("office", "photo-page"): _office,
    ("interview", "page"): _interview,
    ("message", "feature"): _message_feature,
}
