"""Make every asset the templates need: fitted photos, QR codes, the org-chart layout."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..assets.orgchart import layout_orgchart
from ..assets.photos import fit_photo
from ..assets.qr import qr_svg
from ..content.model import Brochure, Photo
from ..errors import ContentError, ContentErrors
from .frames import frame_for
from .html import SectionView
from .markdown import markdown_to_html


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


def build_views(brochure: Brochure, content_root: Path, cache_dir: Path, dpi: float) -> list[SectionView]:
    views: list[SectionView] = []
    errors: list[ContentError] = []  # every broken photo of the run, not only the first
    seen: dict[str, int] = {}
    for index, (section, file) in enumerate(zip(brochure.sections, brochure.section_files)):
        view = SectionView(section=section, index=index, variant=seen.get(section.type, 0) % 2)
        seen[section.type] = seen.get(section.type, 0) + 1
        for field, photo in _photo_fields(section):
            try:
                view.photos[field] = fit_photo(photo, frame_for(section.type, field), content_root,
                                               cache_dir / "photos", dpi=dpi, display=file,
                                               field=f"{field}.file",
                                               line=brochure.field_lines.get(file, {}).get(f"{field}.file"))
            except ContentError as exc:
                errors.append(exc)
        link_ids = list(getattr(section, "links", None) or []) if section.type == "apply" else []
        if section.type == "back-cover":
            link_ids = [section.link]
        for link_id in link_ids:
            link = brochure.link(link_id)
            view.qr[link_id] = Markup(qr_svg(str(link.url), link.label))
        if section.type == "organisation":
            try:
                view.orgchart = layout_orgchart(section.chart)
            except ValueError as exc:
                errors.append(ContentError.of(file, "orgchart.layout", field="chart", detail=str(exc)))
        if getattr(section, "body", None):
            view.body_html = markdown_to_html(section.body, heading_offset=1)
        views.append(view)
    if errors:
        raise ContentErrors(errors)
    return views
