"""Page count: saddle stitching folds sheets of four pages, so the total must be a multiple of 4."""

from __future__ import annotations

from ..content.load import MAIN_FILE
from .context import CheckContext
from ..messages import msg
from .findings import ERROR, Finding


def check_page_count(ctx: CheckContext) -> list[Finding]:
    count = ctx.doc.page_count
    if count % 4 == 0:
        return []
    pad = ctx.brochure.meta.pad_to_multiple if ctx.brochure else 4
    own = pad % 4 != 0 and MAIN_FILE in ctx.sources and "pad_to_multiple" in ctx.sources[MAIN_FILE].data
    return [Finding(
        ERROR, "page-count", msg("check.page-count.pad", count=count, pad=pad) if own
        else msg("check.page-count", count=count),
        page=None, file=MAIN_FILE if own else None, field="pad_to_multiple" if own else None,
        line=ctx.line_of(MAIN_FILE, "pad_to_multiple") if own else None)]
