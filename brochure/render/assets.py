"""Make every asset the templates need: fitted photos, QR codes, the org-chart layout."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from markupsafe import Markup

from ..assets.brand import chart_stroke, logo_view, shade_rgb
from ..assets.orgchart import layout_orgchart, lines_svg
from ..assets.cachefile import cached_text_file
from ..assets.photos import FitRequest, fit_photo
from ..assets.qr import qr_svg
from ..content.model import Brochure, Photo
from ..content.photofile import oriented_size
from ..errors import ContentError, ContentErrors
from ..plan.variants import likely_frames
from ..themes import theme_of
from .html import SectionView
from .markdown import markdown_to_html
from .outline import outline_label


def _photo_fields(obj, path: str = ""):
    """Yield (field path, Photo) for every photo in a section."""
    if isinstance(obj, Photo):
        yield path, obj
        return
    if isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _photo_fields(item, f"{path}.{i}" if path else str(i))
        return
    for name in getattr(type(obj), "model_fields", {}):
        yield from _photo_fields(getattr(obj, name), f"{path}.{name}" if path else name)


def branded(frame, brand=None):
    """A frame with the brand's cover shade (assets/brand.py), if it has a shade and a brand."""
    rgb = shade_rgb(brand) if frame.shade_top else None
    return replace(frame, shade_rgb=rgb) if rgb else frame


def layout_dpi(brochure: Brochure, dpi: float) -> float:
    """The resolution to fit photos at for ``dpi`` on paper: frames are in the layout page's
    millimetres (A4's), which a smaller format writes at its zoom (A5: 148/210), so its photos
    need that much fewer pixels for the same resolution in print."""
    return dpi * theme_of(brochure).page_format.zoom


def photo_requests(brochure: Brochure, content_root: Path, cache_dir: Path, dpi: float,
                   quality: int = 90, brand=None) -> list[FitRequest]:
    """Every photo :func:`build_views` fits, for ``assets.photos.fit_photos`` to fit ahead."""
    dpi = layout_dpi(brochure, dpi)
    requests = []
    for section in brochure.sections:
        photos = dict(_photo_fields(section))
        frames = likely_frames(section, photos) if photos else {}
        requests += [FitRequest(photo, branded(frames[field], brand), content_root, cache_dir / "photos", dpi,
                                quality) for field, photo in photos.items()]
    return requests


def build_views(brochure: Brochure, content_root: Path, cache_dir: Path, dpi: float,
                quality: int = 90, shared: dict | None = None, brand=None,
                edition: str = "print") -> list[SectionView]:
    """``shared`` (kept by the caller across editions) holds what does not depend on the
    edition's resolution, the org-chart layout and the Markdown bodies, so a second edition
    reuses them; QR codes are cached by ``qr_svg`` itself and photos on disk by hash.
    ``brand`` (``assets.brand.BrandLook``): the logo, the cover shade and the chart's lines
    in the brand's colours for ``edition``."""
    shared = {} if shared is None else shared
    page_format = theme_of(brochure).page_format  # the chart's type and the photos' pixels follow it
    dpi = layout_dpi(brochure, dpi)
    views: list[SectionView] = []
    errors: list[ContentError] = []  # every broken photo of the run, not only the first
    for index, (section, file) in enumerate(zip(brochure.sections, brochure.section_files)):
        view = SectionView(section=section, index=index, outline=outline_label(section, brochure.meta),
                           meta=brochure.meta)
        photos = dict(_photo_fields(section))

        view.logo = logo_view(brand, edition, cache_dir / "logo", section.type)

        def fit(field: str, frame, photos=photos, file=file):
            return fit_photo(photos[field], branded(frame, brand), content_root, cache_dir / "photos", dpi=dpi,
                             display=file, field=f"{field}.file", quality=quality,
                             line=brochure.field_lines.get(file, {}).get(f"{field}.file"))

        view.fitter = fit
        view.source_px = lambda field, photos=photos: oriented_size((content_root / photos[field].file).resolve())
        frames = likely_frames(section, photos) if photos else {}
        for field in photos:
            try:  # every photo is decoded once here, so that all broken ones are reported at once
                view.photos[field] = fit(field, frames[field])
            except ContentError as exc:
                errors.append(exc)
        link_ids = list(getattr(section, "links", None) or []) if section.type == "apply" else []
        if section.type == "back-cover":
            link_ids = [section.link]
        for link_id in link_ids:
            link = brochure.link(link_id)
            # The SVG's <title> becomes the figure's alt text inside the link: name the target.
            view.qr[link_id] = Markup(qr_svg(str(link.url), f"{link.label}（QRコード）"))
            view.links[link_id] = link
        if section.type == "organisation":
            def chart_for(height: float, section=section, index=index):
                """The chart laid out for an area 175 mm × ``height`` (the variant's), cached."""
                stroke = chart_stroke(brand, edition)
                key = ("orgchart", index, round(height, 1), stroke)
                if key not in shared:
                    chart = layout_orgchart(section.chart, max_height=height, fmt=page_format)
                    svg = lines_svg(chart, stroke) if stroke else lines_svg(chart)
                    shared[key] = chart, cached_text_file(cache_dir / "orgchart", svg, ".svg")
                return shared[key]

            try:
                view.orgchart, view.orgchart_lines = chart_for(120.0)
                view.chart_maker = chart_for
            except ValueError as exc:
                errors.append(ContentError.of(file, "orgchart.layout", field="chart", detail=str(exc)))
        if getattr(section, "body", None):
            if ("body", index) not in shared:
                # Markdown "##" is h2: the section's h1 is the template's heading.
                shared["body", index] = markdown_to_html(section.body)
            view.body_html = shared["body", index]
        views.append(view)
    if errors:
        raise ContentErrors(errors)
    for before, view in zip(views, views[1:]):  # figures the organisation page may take in
        if before.type == "organisation" and view.type == "figures" and not before.section.figures:
            before.next_figures, view.after_organisation = view, True
    return views
