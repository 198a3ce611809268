"""Markdown to safe HTML: CommonMark with raw HTML disabled (it is shown as text, escaped)."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

from ..content.markdown_check import link_allowed

NOTE_MARK = "※"  # a paragraph starting with ※ is an annotation (注記), set smaller


def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image"])  # photos come from the content model (alt text, fitting), not inline
    # Web and mail links only: a relative or file: link would point into the build machine.
    # (The content check reports such links; this keeps the renderer safe on its own.)
    md.validateLink = link_allowed
    return md


_MD = _md()


def markdown_to_html(text: str, heading_offset: int = 0) -> Markup:
    """Render Markdown; ``heading_offset`` shifts heading levels (## → h3 with offset 1)."""
    tokens = _MD.parse(text)
    for i, tok in enumerate(tokens):
        if tok.type in ("heading_open", "heading_close") and heading_offset:
            level = min(int(tok.tag[1]) + heading_offset, 6)
            tok.tag = f"h{level}"
        if tok.type == "paragraph_open" and i + 1 < len(tokens):
            inline = tokens[i + 1]
            if inline.type == "inline" and inline.content.lstrip().startswith(NOTE_MARK):
                tok.attrSet("class", "note")
    return Markup(_MD.renderer.render(tokens, _MD.options, {}))


def paragraphs(text: str) -> list[str]:
    """Plain paragraphs of a Markdown text (for checks and tests)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]
