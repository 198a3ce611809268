"""JSON Schemas of the content files, for editors (``# yaml-language-server: $schema=...``).

Two schemas because there are two kinds of file: ``brochure.yaml`` (:class:`Meta`) and a section
file (one of the section types, chosen by its ``type`` field). Both are generated from the
pydantic model, so the editor checks exactly what ``brochure build`` checks.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from . import model
from .descriptions import describe

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILES = {"brochure": "brochure.schema.json", "section": "section.schema.json"}


def schema(which: str = "brochure") -> dict[str, Any]:
    if which == "brochure":
        body = model.Meta.model_json_schema()
        title, description = "brochure.yaml", "The brochure's main file: metadata, links and page order."
    elif which == "section":
        body = TypeAdapter(model.Section).json_schema()
        title, description = "brochure section", "One section file (page type chosen by 'type')."
    else:
        raise ValueError(f"unknown schema {which!r}; use one of {sorted(FILES)}")
    body.pop("title", None)
    body.pop("description", None)
    if which == "brochure":
        _describe("Meta", body)
    for name, definition in body.get("$defs", {}).items():
        _describe(name, definition)
    return {"$schema": DRAFT, "title": title, "description": description, **body}


def _describe(class_name: str, definition: dict[str, Any]) -> None:
    """Japanese descriptions (editors show them while typing), from :mod:`.descriptions`."""
    own = describe(class_name, "")
    if own:
        definition["description"] = own
    for field, prop in definition.get("properties", {}).items():
        text = describe(class_name, field)
        if text:
            prop["description"] = text


def schema_text(which: str = "brochure") -> str:
    """The schema as committed in ``schema/``: stable key order, UTF-8, newline at the end."""
    return json.dumps(schema(which), ensure_ascii=False, indent=2) + "\n"
