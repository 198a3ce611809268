"""Every text of the content that ends up printed, with the file, field and line it comes from.

The raw content files are walked (not the validated model) because they keep line numbers;
the model has already accepted them, so their shape is known. Values that are never drawn
(ids, file names, alt texts, metadata, dates formatted by templates) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .load import MAIN_FILE
from .source import SourceFile, read_source

# Keys whose values are not printed as typed: ids and references, file names and metadata.
NOT_DRAWN = {"type", "file", "alt", "focus", "id", "sample", "sections", "keywords", "author",
             "subject", "date", "as_of", "pad_to_multiple"}
# In section files these hold link ids, not text (the link's label and URL are in brochure.yaml).
SECTION_REFERENCES = {"links", "link"}


@dataclass(frozen=True)
class TextField:
    file: str
    field: str
    line: int | None
    text: str


def squeeze(text: str) -> str:
    """Text without whitespace, to compare content with text extracted across line breaks."""
    return "".join(text.split())


def _walk(value, loc: tuple, src: SourceFile, out: list[TextField]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in NOT_DRAWN or (not loc and src.display != MAIN_FILE and key in SECTION_REFERENCES):
                continue
            _walk(item, loc + (key,), src, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, loc + (i,), src, out)
    elif isinstance(value, str) and value.strip():
        out.append(TextField(src.display, ".".join(map(str, loc)), src.line_of(loc), value))


def read_sources(content_root: Path, section_files: list[str]) -> dict[str, SourceFile]:
    files = [MAIN_FILE, *section_files]
    return {rel: read_source(content_root / rel, rel) for rel in dict.fromkeys(files)}


def text_fields(sources: dict[str, SourceFile]) -> list[TextField]:
    """Printed texts in file order; a Markdown body gives one entry per line."""
    out: list[TextField] = []
    for src in sources.values():
        _walk(src.data, (), src, out)
        if src.body is not None:
            for i, line in enumerate(src.body.split("\n")):
                if line.strip():
                    out.append(TextField(src.display, "body", src.body_line + i, line))
    return out


def field_containing(fields: list[TextField], snippet: str) -> TextField | None:
    """The content field a piece of printed text comes from (best effort: shortest match)."""
    needle = squeeze(snippet)
    if not needle:
        return None
    matches = [f for f in fields if needle in squeeze(f.text)]
    return min(matches, key=lambda f: len(f.text)) if matches else None


def field_around(fields: list[TextField], text: str, index: int) -> TextField | None:
    """The content field of the printed character ``text[index]``: the longest run of printed
    text around it that one field contains decides (``text`` is squeezed page text)."""
    squeezed = [squeeze(f.text) for f in fields]

    def known(snippet: str) -> bool:
        return any(snippet in s for s in squeezed)

    if not 0 <= index < len(text) or not known(text[index]):
        return None
    start, end = index, index + 1
    while end < len(text) and known(text[start:end + 1]):
        end += 1
    while start > 0 and known(text[start - 1:end]):
        start -= 1
    if end - start < 2:
        return None  # one character alone (or generated text such as "Q.") proves nothing
    return field_containing(fields, text[start:end])
