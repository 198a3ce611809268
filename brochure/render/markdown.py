"""Markdown to safe HTML: CommonMark with raw HTML disabled (it is shown as text, escaped)."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from ..content.markdown_check import link_allowed
from .jtext import jtext_html, phrases_html

NOTE_MARK = "※"  # a paragraph starting with ※ is an annotation (注記), set smaller


def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image"])  # photos come from the content model (alt text, fitting), not inline
    # Web and mail links only: a relative or file: link would point into the build machine.
    # (The content check reports such links; this keeps the renderer safe on its own.)
    md.validateLink = link_allowed
    # Text runs get Japanese composition spans (ruby, 和欧間, bound last characters).
    md.add_render_rule("text", _render_text)
    return md


def _render_text(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    if token.meta.get("heading"):
        return phrases_html(token.content)
    return jtext_html(token.content, bind=bool(token.meta.get("bind")))


_MD = _md()


@lru_cache(maxsize=256)  # a watch session renders the same bodies again
def markdown_to_html(text: str, heading_offset: int = 0) -> Markup:
    """Render Markdown; ``heading_offset`` shifts heading levels (## → h3 with offset 1).
    The same text gives the same HTML (immutable): kept for the next rebuild."""
    tokens = _MD.parse(text)
    for i, tok in enumerate(tokens):
        if tok.type in ("heading_open", "heading_close") and heading_offset:
            level = min(int(tok.tag[1]) + heading_offset, 6)
            tok.tag = f"h{level}"
        if tok.type == "paragraph_open" and i + 1 < len(tokens):
            inline = tokens[i + 1]
            if inline.type == "inline" and inline.content.lstrip().startswith(NOTE_MARK):
                tok.attrSet("class", "note")
            _mark_last_text(inline)
        if tok.type == "heading_open" and i >= 3 and tokens[i - 1].type == "paragraph_close":
            # The space before a heading is the paragraph's bottom margin, not the heading's top
            # margin: at a column top a top margin would push that column's first line down
            # (WeasyPrint keeps margins at column breaks); a bottom margin at a column end is
            # invisible.
            opening = next(t for t in reversed(tokens[:i - 1]) if t.type == "paragraph_open")
            opening.attrJoin("class", "before-heading")
        if tok.type == "heading_open" and i + 1 < len(tokens):
            for child in tokens[i + 1].children or []:
                if child.type == "text":
                    child.meta["heading"] = True
    return Markup(_MD.renderer.render(tokens, _MD.options, {}))


def _mark_last_text(inline) -> None:
    """The paragraph's last text run binds its last characters (no one-character last line)."""
    children = inline.children or []
    if children and children[-1].type == "text":
        children[-1].meta["bind"] = True


def paragraphs(text: str) -> list[str]:
    """Plain paragraphs of a Markdown text (for checks and tests)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]
