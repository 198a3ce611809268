"""Load a content folder into a validated :class:`~brochure.content.model.Brochure`.

All problems found are collected and raised together as :class:`ContentErrors`, each one
naming the file, the line, the field and what to do.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import ContentError, ContentErrors
from . import model
from .source import SourceFile, read_source

MAIN_FILE = "brochure.yaml"
_section_adapter: TypeAdapter = TypeAdapter(model.Section)


def _fields_of(cls: type, loc: tuple) -> list[str]:
    """Known field names at a location, for 'did you mean' hints."""
    try:
        return list(cls.model_fields)
    except AttributeError:
        return []


def _explain(err: dict[str, Any], src: SourceFile, schema: type | None) -> ContentError:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p in model.SECTION_TYPES
                                                and err["loc"].index(p) == 0))
    field = ".".join(str(p) for p in loc) or None
    kind = err["type"]
    hint = None
    about = _description(schema, loc)  # e.g. alt: "What the photo shows, for screen readers."
    if kind == "missing":
        message, hint = "required field is missing", f"add it: {about}" if about else "add it"
    elif kind == "string_too_short" and about:
        message, hint = "must not be empty", f"write it: {about}"
    elif kind == "extra_forbidden":
        message = "unknown field"
        names = _fields_of(_model_at(schema, loc[:-1]), loc[:-1]) if schema else []
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else "remove it or check its spelling"
        if names and not close:
            hint += f" (known fields: {', '.join(names)})"
    elif kind == "union_tag_invalid" or kind == "union_tag_not_found":
        message = "unknown or missing section type"
        hint = f"use one of: {', '.join(model.SECTION_TYPES)}"
        field = "type"
    else:
        message = err["msg"]
        if kind.startswith("url"):
            hint = "write a full address starting with https://"
        elif kind in ("string_type", "int_type", "float_type", "list_type", "date_from_datetime_parsing",
                      "date_parsing", "date_type", "bool_type", "dict_type", "model_type"):
            hint = "check the value's type (quote text, write dates as YYYY-MM-DD)"
        else:
            hint = "fix the value"
    return ContentError(src.display, message, field=field, line=src.line_of(loc), hint=hint)


def _explain_all(errors: list[dict[str, Any]], src: SourceFile, schema: type | None) -> list[ContentError]:
    """Explain pydantic errors; a misspelt key is reported once ("did you mean"), not also as
    the required field it was meant to be."""
    explained = [_explain(e, src, schema) for e in errors]
    meant = {(e.field.rsplit(".", 1)[0] if "." in e.field else "", e.hint.split("'")[1])
             for e in explained if e.message == "unknown field" and e.hint and e.hint.startswith("did you mean")}
    def parent_and_name(e: ContentError) -> tuple[str, str]:
        head, _, name = (e.field or "").rpartition(".")
        return head, name
    return [e for e in explained
            if not (e.message == "required field is missing" and parent_and_name(e) in meant)]


def _model_at(schema: type | None, loc: tuple) -> type | None:
    """Walk a pydantic model class along a field path (best effort, for hints)."""
    cls = schema
    for part in loc:
        if cls is None or isinstance(part, int):
            continue
        f = getattr(cls, "model_fields", {}).get(part)
        if f is None:
            return None
        ann = f.annotation
        for candidate in (ann, *getattr(ann, "__args__", ())):
            if isinstance(candidate, type) and hasattr(candidate, "model_fields"):
                cls = candidate
                break
            for inner in getattr(candidate, "__args__", ()):
                if isinstance(inner, type) and hasattr(inner, "model_fields"):
                    cls = inner
                    break
    return cls


def _description(schema: type | None, loc: tuple) -> str | None:
    """The model's description of the field at ``loc``, lower-cased for use in a hint."""
    cls = _model_at(schema, loc[:-1]) if schema and loc else None
    info = getattr(cls, "model_fields", {}).get(loc[-1]) if loc and isinstance(loc[-1], str) else None
    text = info.description if info else None
    return text[0].lower() + text[1:] if text else None


def _section_class(data: dict) -> type | None:
    for cls in model.Section.__origin__.__args__:  # type: ignore[attr-defined]
        if data.get("type") == cls.model_fields["type"].annotation.__args__[0]:
            return cls
    return None


def _inside(root: Path, rel: str) -> Path | None:
    """Resolve a content-relative path; None if it escapes the content root."""
    candidate = (root / rel).resolve()
    return candidate if candidate.is_relative_to(root) else None


def _check_photos(obj: Any, src: SourceFile, root: Path, loc: tuple, errors: list) -> None:
    if isinstance(obj, model.Photo):
        path = _inside(root, obj.file)
        field = ".".join(map(str, loc + ("file",)))
        line = src.line_of(loc + ("file",))
        if path is None:
            errors.append(ContentError(src.display, f"photo '{obj.file}' is outside the content folder",
                                       field=field, line=line,
                                       hint="copy the photo into the content folder (e.g. photos/)"))
        elif not path.is_file():
            errors.append(ContentError(src.display, f"photo file '{obj.file}' not found", field=field,
                                       line=line, hint="add the file or correct its name"))
    elif isinstance(obj, model.BaseModel):
        for name in type(obj).model_fields:
            _check_photos(getattr(obj, name), src, root, loc + (name,), errors)
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            _check_photos(item, src, root, loc + (i,), errors)


def load_brochure(content_dir: Path | str) -> model.Brochure:
    """Read and validate every content file; raise :class:`ContentErrors` listing all problems."""
    root = Path(content_dir).resolve()
    errors: list[ContentError] = []
    if not root.is_dir():
        raise ContentErrors([ContentError(str(content_dir), "content folder not found",
                                          hint="pass --content with the folder holding brochure.yaml")])
    main_src = read_source(root / MAIN_FILE, MAIN_FILE)
    try:
        meta = model.Meta.model_validate(main_src.data)
    except ValidationError as exc:
        raise ContentErrors(_explain_all(exc.errors(), main_src, model.Meta)) from None

    link_ids = [link.id for link in meta.links]
    for i, link_id in enumerate(link_ids):
        if link_ids.index(link_id) != i:
            errors.append(ContentError(MAIN_FILE, f"duplicate link id '{link_id}'", field=f"links.{i}.id",
                                       line=main_src.line_of(("links", i, "id")),
                                       hint="give every link its own id"))
    channel_ids = [channel.id for channel in meta.channels]
    for i, channel_id in enumerate(channel_ids):
        if channel_ids.index(channel_id) != i:
            errors.append(ContentError(MAIN_FILE, f"duplicate channel id '{channel_id}'",
                                       field=f"channels.{i}.id",
                                       line=main_src.line_of(("channels", i, "id")),
                                       hint="give every channel its own id"))

    sections: list = []
    for i, rel in enumerate(meta.sections):
        path = _inside(root, rel)
        if path is None:
            errors.append(ContentError(MAIN_FILE, f"section file '{rel}' is outside the content folder",
                                       field=f"sections.{i}", line=main_src.line_of(("sections", i)),
                                       hint="keep section files inside the content folder"))
            continue
        if not path.is_file():
            errors.append(ContentError(MAIN_FILE, f"section file '{rel}' not found", field=f"sections.{i}",
                                       line=main_src.line_of(("sections", i)),
                                       hint="create the file or remove it from 'sections'"))
            continue
        try:
            src = read_source(path, rel)
        except ContentError as exc:
            errors.append(exc)
            continue
        data = dict(src.data)
        if src.body is not None:
            if "body" in data:
                errors.append(ContentError(rel, "'body' is taken from the Markdown text below the front "
                                           "matter", field="body", line=src.line_of(("body",)),
                                           hint="remove the 'body' field"))
                continue
            data["body"] = src.body
        try:
            section = _section_adapter.validate_python(data)
        except ValidationError as exc:
            errors.extend(_explain_all(exc.errors(), src, _section_class(data)))
            continue
        _check_photos(section, src, root, (), errors)
        for field, ids in (("links", getattr(section, "links", None) if section.type == "apply" else None),
                           ("link", [section.link] if section.type == "back-cover" else None)):
            for j, link_id in enumerate(ids or []):
                if link_id not in link_ids:
                    loc = (field, j) if field == "links" else (field,)
                    errors.append(ContentError(rel, f"unknown link id '{link_id}'",
                                               field=".".join(map(str, loc)), line=src.line_of(loc),
                                               hint=f"use one of the ids in {MAIN_FILE}: {', '.join(link_ids)}"))
        sections.append(section)

    if errors:
        raise ContentErrors(errors)
    return model.Brochure(meta=meta, sections=sections, section_files=list(meta.sections))
