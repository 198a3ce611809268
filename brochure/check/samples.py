"""Sample values still in the content: stamped placeholder photos, links and org-chart names
marked ``sample: true``. Warnings: the sample is meant to be replaced, not to fail a build."""

from __future__ import annotations

from ..assets.placeholders import is_placeholder
from ..content.load import MAIN_FILE
from ..content.model import OrgNode, Photo
from .context import CheckContext
from .findings import WARNING, Finding


def _photos(obj, path: str = ""):
    """(field path, Photo) of every photo in a section."""
    if isinstance(obj, Photo):
        yield path, obj
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _photos(item, f"{path}.{i}" if path else str(i))
    else:
        for name in getattr(type(obj), "model_fields", {}):
            yield from _photos(getattr(obj, name), f"{path}.{name}" if path else name)


def _sample_nodes(node: OrgNode, path: str):
    if node.sample:
        yield path, node
    for i, child in enumerate(node.children):
        yield from _sample_nodes(child, f"{path}.children.{i}")


def check_samples(ctx: CheckContext) -> list[Finding]:
    findings = []
    if ctx.brochure.meta.sample:
        findings.append(Finding(
            WARNING, "sample-text", f"{MAIN_FILE} is marked 'sample: true' (sample values)",
            hint="write the real title, organisation and dates, then remove 'sample: true'",
            page=1, file=MAIN_FILE, field="sample", line=ctx.line_of(MAIN_FILE, "sample")))
    for section, file in zip(ctx.brochure.sections, ctx.brochure.section_files):
        page = ctx.section_start(file)
        if section.sample:
            findings.append(Finding(
                WARNING, "sample-text", f"the {section.type} section is marked 'sample: true' (sample text)",
                hint="write the real text, then remove 'sample: true'",
                page=page, file=file, field="sample", line=ctx.line_of(file, "sample")))
        for path, photo in _photos(section):
            if is_placeholder(ctx.content_root / photo.file):
                field = f"{path}.file"
                findings.append(Finding(
                    WARNING, "sample-photo", f"'{photo.file}' is a sample placeholder photo",
                    hint="replace it with the real photo (same file name or a new one)",
                    page=page, file=file, field=field, line=ctx.line_of(file, field)))
        if section.type == "organisation":
            for path, node in _sample_nodes(section.chart, "chart"):
                field = f"{path}.name"
                findings.append(Finding(
                    WARNING, "sample-name", f"org-chart name '{node.name}' is a sample value",
                    hint="write the real name and remove 'sample: true'",
                    page=page, file=file, field=field, line=ctx.line_of(file, field)))
    for i, link in enumerate(ctx.brochure.meta.links):
        if link.sample:
            field = f"links.{i}.url"
            pages = ctx.link_pages(link.id)
            findings.append(Finding(
                WARNING, "sample-link", f"link '{link.id}' has a sample URL ({link.url})",
                hint="set the real URL and remove 'sample: true'",
                page=pages[0] if pages else None, file=MAIN_FILE, field=field,
                line=ctx.line_of(MAIN_FILE, field)))
    return findings
