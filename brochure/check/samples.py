"""Sample values still in the content: stamped placeholder photos, links and org-chart names
marked ``sample: true``, and alt texts that still call a replaced photo a sample.

Warnings: the sample is meant to be replaced, not to fail a build; the report counts them and
does not say "ready for print" while any is left (``check --strict`` fails on them)."""

from __future__ import annotations

import re

from ..assets.placeholders import is_placeholder
from ..content.load import MAIN_FILE
from ..content.model import OrgNode, Photo
from ..messages import msg
from .context import CheckContext
from .findings import WARNING, Finding
from .images import photo_boxes

# Words that mark a text as a sample value ("（見本写真）" in the sample's alt texts).
SAMPLE_WORDS = re.compile(r"見本|サンプル|\bsample\b|\bplaceholder\b", re.IGNORECASE)


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
            WARNING, "sample-text", msg("check.sample-text.main", file=MAIN_FILE),
            page=1, file=MAIN_FILE, field="sample", line=ctx.line_of(MAIN_FILE, "sample")))
    placed = photo_boxes(ctx)
    for section, file in zip(ctx.brochure.sections, ctx.brochure.section_files):
        start = ctx.section_start(file)
        if section.sample:
            findings.append(Finding(
                WARNING, "sample-text", msg("check.sample-text", type=section.type),
                page=start, file=file, field="sample", line=ctx.line_of(file, "sample")))
        for path, photo in _photos(section):
            field = f"{path}.file"
            page, box = placed.get((file, field), (start, None))
            if is_placeholder(ctx.content_root / photo.file):
                findings.append(Finding(
                    WARNING, "sample-photo", msg("check.sample-photo", file=photo.file),
                    page=page, file=file, field=field, line=ctx.line_of(file, field), bbox=box))
            elif photo.alt and SAMPLE_WORDS.search(photo.alt):
                alt_field = f"{path}.alt"
                findings.append(Finding(
                    WARNING, "sample-alt", msg("check.sample-alt", file=photo.file, alt=photo.alt),
                    page=page, file=file, field=alt_field, line=ctx.line_of(file, alt_field), bbox=box))
        if section.type == "organisation":
            for path, node in _sample_nodes(section.chart, "chart"):
                field = f"{path}.name"
                findings.append(Finding(
                    WARNING, "sample-name", msg("check.sample-name", name=node.name),
                    page=start, file=file, field=field, line=ctx.line_of(file, field),
                    bbox=ctx.text_box(start, node.name)))
    for i, link in enumerate(ctx.brochure.meta.links):
        if link.sample:
            field = f"links.{i}.url"
            pages = ctx.link_pages(link.id)
            page = pages[0] if pages else None
            findings.append(Finding(
                WARNING, "sample-link", msg("check.sample-link", id=link.id, url=link.url),
                page=page, file=MAIN_FILE, field=field, line=ctx.line_of(MAIN_FILE, field),
                bbox=ctx.text_box(page, str(link.url))))
    return findings
