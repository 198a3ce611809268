"""Image resolution at the placed size, measured in the PDF.

For each image drawn, pdfplumber gives its pixel size and its placed size (from the
content-stream transformation matrix): effective dpi = pixels / inches on paper. Each image
is mapped back to the content photo it was made from by comparing it with the fitted photos
of the section on that page (same pixel size, same frame size, in drawing order).
"""

from __future__ import annotations

from .context import CheckContext
from ..messages import msg
from .findings import ERROR, INFO, WARNING, Finding, pdf_box

MM_PER_INCH = 25.4
MIN_DPI = 300  # below: warning (print shops ask for 300–350 dpi)
MIN_DPI_ERROR = 150  # below: visibly soft or pixelated in print


def _photo_for(ctx: CheckContext, page: int, px: tuple[int, int], placed_mm: tuple[float, float],
               used: set) -> tuple[str, str] | None:
    """(file, field) of the content photo an image on a page comes from."""
    section = ctx.doc.section_at(page)
    if section is None or section >= len(ctx.views):
        return None
    view = ctx.views[section]
    for field in view.photos:
        photo = view.photo(field)  # fitted to the frame of the variant the plan laid it out in
        key = (section, field)
        same_pixels = (photo.width_px, photo.height_px) == tuple(px)
        same_frame = (abs(photo.frame.width_mm - placed_mm[0]) < 1.5
                      and abs(photo.frame.height_mm - placed_mm[1]) < 1.5)
        if key not in used and same_pixels and same_frame:
            used.add(key)
            return ctx.brochure.section_files[section], f"{field}.file"
    return None


def placed_images(ctx: CheckContext):
    """(page number, pdfplumber image, placed size in mm, (file, field) of its content photo or
    None) for every image drawn, in drawing order."""
    used: set = set()
    for number, page in enumerate(ctx.doc.pages, start=1):
        for image in page.images:
            placed_mm = (image["width"] / 72 * MM_PER_INCH, image["height"] / 72 * MM_PER_INCH)
            if min(placed_mm) <= 0:
                continue
            yield number, image, placed_mm, _photo_for(ctx, number, image["srcsize"], placed_mm, used)


def photo_boxes(ctx: CheckContext) -> dict[tuple[str, str], tuple[int, tuple]]:
    """(file, 'field.file') of each placed content photo → (page, box in PDF user space)."""
    return {source: (number, pdf_box(ctx.doc.pages[number - 1], image))
            for number, image, _, source in placed_images(ctx) if source}


def _profile_finding(ctx: CheckContext, number: int, image, source: tuple[str, str]) -> list[Finding]:
    """An info line for a content photo without an embedded colour profile: its colours were
    taken as sRGB (right for most phones, wrong for an Adobe RGB export)."""
    from ..assets.photos import has_colour_profile
    from ..assets.placeholders import is_placeholder

    file, field = source
    name = _photo_file(ctx, file, field)
    path = ctx.content_root / name
    if is_placeholder(path) or has_colour_profile(path):
        return []
    return [Finding(INFO, "photo-no-profile", msg("photo.no_profile", name=name), page=number, file=file,
                    field=field, line=ctx.line_of(file, field), bbox=pdf_box(ctx.doc.pages[number - 1], image))]


def _photo_file(ctx: CheckContext, file: str, field: str) -> str:
    """The photo file named by ``field`` (``key_visual.file``, ``photos.2.file``) of ``file``."""
    obj = ctx.brochure.sections[ctx.brochure.section_files.index(file)]
    for part in field.removesuffix(".file").split("."):
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return obj.file


def check_images(ctx: CheckContext) -> list[Finding]:
    findings = []
    for number, image, placed_mm, source in placed_images(ctx):
        page = ctx.doc.pages[number - 1]
        px = image["srcsize"]
        dpi = min(px[0] / (placed_mm[0] / MM_PER_INCH), px[1] / (placed_mm[1] / MM_PER_INCH))
        if source and ctx.content_root is not None:
            findings += _profile_finding(ctx, number, image, source)
        if dpi >= MIN_DPI:
            continue
        need = (round(placed_mm[0] / MM_PER_INCH * 350), round(placed_mm[1] / MM_PER_INCH * 350))
        file, field = source or (None, None)
        findings.append(Finding(
            ERROR if dpi < MIN_DPI_ERROR else WARNING, "image-dpi",
            msg("check.image-dpi", width=px[0], height=px[1], w_mm=f"{placed_mm[0]:.0f}",
                h_mm=f"{placed_mm[1]:.0f}", dpi=f"{dpi:.0f}", min=MIN_DPI, need_w=need[0], need_h=need[1]),
            page=number, file=file, field=field, line=ctx.line_of(file, field) if file else None,
            bbox=pdf_box(page, image)))
    return findings
