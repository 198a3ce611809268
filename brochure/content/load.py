"""Load a content folder into a validated :class:`~brochure.content.model.Brochure`.

All problems found are collected and raised together as :class:`ContentErrors`, each one
naming the file, the line, the field and what to do.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import ContentError, ContentErrors
from ..messages import About, Word, msg
from .iccprofile import IccError, OutputProfile, load_output_profile
from . import model
from .descriptions import describe
from .logofile import read_logo
from .markdown_check import check_markdown
from .photofile import probe_photo
from .source import SourceFile, read_source

MAIN_FILE = "brochure.yaml"
_section_adapter: TypeAdapter = TypeAdapter(model.Section)


def _fields_of(cls: type) -> list[str]:
    """Known field names at a location, for 'did you mean' hints."""
    try:
        return list(cls.model_fields)
    except AttributeError:
        return []


_KIND_OF = {
    "string_type": "text", "int_type": "whole number", "int_parsing": "whole number",
    "int_from_float": "whole number", "float_type": "number", "float_parsing": "number",
    "bool_type": "true/false", "bool_parsing": "true/false", "list_type": "list", "tuple_type": "list",
    "dict_type": "fields", "model_type": "fields", "model_attributes_type": "fields",
}
_RANGE = {"greater_than_equal": (">=", "ge", "以上"), "less_than_equal": ("<=", "le", "以下"),
          "greater_than": (">", "gt", "より大きい値"), "less_than": ("<", "lt", "未満")}


# Other names an editor may give a field, and names a field had before it was renamed: the
# unknown key gets "this field is called 'reading'" instead of a bare "unknown field".
FIELD_ALIASES = {
    "furigana": "reading", "yomi": "reading", "yomigana": "reading", "kana": "reading",
    "ruby": "reading", "ふりがな": "reading", "よみがな": "reading", "フリガナ": "reading",
    "mail": "email", "e-mail": "email", "e_mail": "email", "mailaddress": "email",
    "tel": "phone", "telephone": "phone", "phone_number": "phone",
    "position": "role", "job_title": "role", "department": "role",
    "q": "question", "a": "answer", "time_of_day": "time",
    "term": "item", "value": "detail", "text": "detail", "steps": "items",
    "items": "questions", "faqs": "questions", "qa": "questions",
}


# Errors raised by the model's own validators (PydanticCustomError types).
_CUSTOM = {"email": "value.email", "phone": "value.phone", "contact_empty": "value.contact_empty",
           "cmyk": "value.cmyk", "rgb_hex": "value.rgb_hex", "colour_empty": "value.colour_empty",
           "spot_primary": "value.spot_primary",
           "channel_id": "channel.id", "qr_too_long": "value.url_qr"}

# The words YAML 1.1 (PyYAML) reads as true or false when they are not quoted.
_YAML_BOOL = re.compile(r"(?<![\w-])(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)"
                        r"(?![\w-])")


def _bool_written(src: SourceFile, line: int | None, value: bool) -> str:
    """The word an editor wrote where YAML read a boolean (NO, on, yes, …), from the line."""
    lines = src.text.split("\n")
    raw = lines[line - 1] if line and 1 <= line <= len(lines) else ""
    after = raw.split(":", 1)[1] if ":" in raw else raw
    words = [w for w in _YAML_BOOL.findall(after.split(" #")[0])
             if (w.lower() in ("yes", "true", "on")) == value]
    return words[0] if words else str(value).lower()


def _got(value: Any) -> Word | str:
    if isinstance(value, (dict, list)) or value is None:
        return ""
    text = repr(value)
    return Word("got", {"value": text if len(text) <= 40 else text[:39] + "…"})


_JAPANESE_DATE = re.compile(r"^\s*(\d{4})\s*(?:年|/|\.)\s*(\d{1,2})\s*(?:月|/|\.)\s*(\d{1,2})\s*日?\s*$")


def _typed_wrong(kind: str, value: Any) -> tuple[str, dict] | None:
    """A date or number typed the Japanese way: full-width digits (２０２５), or 2025年4月1日."""
    if not isinstance(value, str) or not (kind.startswith("date") or kind in _NUMBER_KINDS):
        return None
    plain = unicodedata.normalize("NFKC", value).strip()
    if kind.startswith("date"):
        japanese = _JAPANESE_DATE.match(plain)
        if japanese:
            year, month, day = (int(g) for g in japanese.groups())
            return "value.date_japanese", {"value": value, "fixed": f"{year:04d}-{month:02d}-{day:02d}"}
    if plain != value.strip() and any(unicodedata.east_asian_width(c) == "F" for c in value):
        return "value.fullwidth_digits", {"value": value, "fixed": plain}
    return None


_NUMBER_KINDS = {"int_parsing", "int_type", "int_from_float", "float_parsing", "float_type"}


def _catalogue_message(err: dict[str, Any], loc: tuple, schema: type | None) -> tuple[str, dict]:
    """The catalogue key and parameters for one pydantic error."""
    kind, ctx = err["type"], err.get("ctx") or {}
    typed = _typed_wrong(kind, err.get("input"))
    if typed:
        return typed
    about = _description(schema, loc)  # e.g. alt: "what the photo shows, for screen readers."
    if kind == "missing":
        return ("field.missing_about", {"about": about}) if about else ("field.missing", {})
    if kind == "extra_forbidden":
        names = _fields_of(_model_at(schema, loc[:-1])) if schema else []
        other = FIELD_ALIASES.get(str(loc[-1]).lower())
        if other in names:
            return "field.other_name", {"name": other}
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.5)
        if close:
            return "field.did_you_mean", {"name": close[0]}
        return "field.unknown", {"known": msg("field.unknown.known", names=", ".join(names)) if names else ""}
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tag = ctx.get("tag")
        return "section.type", {"types": ", ".join(model.SECTION_TYPES), "got": _got(tag) if tag else ""}
    if kind in _KIND_OF:
        return "value.type", {"expected": Word(_KIND_OF[kind]), "got": _got(err.get("input"))}
    if kind.startswith("date") or kind.startswith("datetime"):
        return "value.date", {}
    if kind.startswith("url"):
        return "value.url", {}
    if kind == "string_too_short":
        return ("value.empty_about", {"about": about}) if about else ("value.empty", {})
    if kind == "string_too_long":
        return "value.too_long", {"n": ctx.get("max_length"), "length": len(str(err.get("input", "")))}
    if kind == "too_short":
        return "value.too_few", {"n": ctx.get("min_length")}
    if kind == "too_long":
        return "value.too_many", {"n": ctx.get("max_length")}
    if kind in _RANGE:
        op, key, op_ja = _RANGE[kind]
        return "value.range", {"op": op, "op_ja": op_ja, "limit": ctx.get(key)}
    if loc and loc[-1] == "focus":
        return "value.focus", {}
    if kind in _CUSTOM:
        return _CUSTOM[kind], dict(ctx)
    return "value.invalid", {"detail": err["msg"]}


def _explain(err: dict[str, Any], src: SourceFile, schema: type | None) -> ContentError:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p in model.SECTION_TYPES
                                                and err["loc"].index(p) == 0))
    if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
        loc = ("type",)
    key, params = _catalogue_message(err, loc, schema)
    field = ".".join(str(p) for p in loc) or None
    line = src.line_of(loc)
    if err["type"] == "string_type" and isinstance(err.get("input"), bool):  # title: NO → False
        written = _bool_written(src, line, err["input"])
        key, params = "value.yaml_bool", {"value": written, "read": str(err["input"]).lower()}
    column = None
    if key in ("value.fullwidth_digits", "value.date_japanese"):
        column = src.column_of(line, params["value"])
    return ContentError.of(src.display, key, field=field, line=line, column=column, **params)


def _explain_all(errors: list[dict[str, Any]], src: SourceFile, schema: type | None) -> list[ContentError]:
    """One message per mistake: a misspelt required key is 'did you mean', not also 'missing'."""
    explained = [_explain(e, src, schema) for e in errors]
    meant = set()
    for e in explained:
        if e.key in ("field.did_you_mean", "field.other_name") and e.field:
            meant.add(".".join([*e.field.split(".")[:-1], e.message.params["name"]]))
    return [e for e in explained if not (e.key in ("field.missing", "field.missing_about") and e.field in meant)]


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


def _description(schema: type | None, loc: tuple) -> About | None:
    """What the field at ``loc`` is for, for a hint: the catalogue's ``about.<Model>.<field>``,
    else the model's description (lower-cased) in English and the schema's in Japanese."""
    cls = _model_at(schema, loc[:-1]) if schema and loc else None
    info = getattr(cls, "model_fields", {}).get(loc[-1]) if loc and isinstance(loc[-1], str) else None
    text = info.description if info else None
    if not text:
        return None
    return About(f"about.{cls.__name__}.{loc[-1]}", (text[0].lower() + text[1:]).rstrip("."),
                 describe(cls.__name__, loc[-1]) or "")


def _section_class(data: dict) -> type | None:
    for cls in model.Section.__origin__.__args__:  # type: ignore[attr-defined]
        if data.get("type") == cls.model_fields["type"].annotation.__args__[0]:
            return cls
    return None


def _inside(root: Path, rel: str) -> Path | None:
    """Resolve a content-relative path; None if it escapes the content root (or is a link loop:
    :func:`_is_loop` tells which)."""
    try:
        candidate = (root / rel).resolve()  # follows symlinks and '..': judge where it really is
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
        return None
    return candidate if candidate.is_relative_to(root) else None


def _is_loop(root: Path, rel: str) -> bool:
    """A path whose links lead round in a circle (``a.jpg`` → ``a.jpg``): not "outside", but
    a link to replace with the file itself."""
    try:
        (root / rel).resolve()
    except RuntimeError:  # Python 3.11: "Symlink loop from ..."
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    except ValueError:
        return False
    return False


def _same_name(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).casefold() == unicodedata.normalize("NFC", b).casefold()


def _meant_file(root: Path, rel: str) -> str | None:
    """The file a missing name most likely means: the one that differs only in capitals or in
    how its kana are encoded (NFC/NFD: macOS writes ズ as ス + ゛), folder by folder."""
    parts = Path(rel).parts
    if not parts or Path(rel).is_absolute() or ".." in parts:
        return None
    here, found = root, []
    for i, part in enumerate(parts):
        if (here / part).exists() and (i < len(parts) - 1 or (here / part).is_file()):
            here, found = here / part, found + [part]
            continue
        try:
            names = [e.name for e in os.scandir(here)] if here.is_dir() else []
        except OSError:
            return None
        matches = [n for n in names if _same_name(n, part)]
        if len(matches) != 1:
            return None
        here, found = here / matches[0], found + [matches[0]]
    if not here.is_file() or _inside(root, "/".join(found)) is None:
        return None
    return "/".join(found)


def _check_photos(obj: Any, src: SourceFile, root: Path, loc: tuple, errors: list) -> None:
    if isinstance(obj, model.Photo):
        path = _inside(root, obj.file)
        field = ".".join(map(str, loc + ("file",)))
        line = src.line_of(loc + ("file",))
        if path is None:
            key = "photo.loop" if _is_loop(root, obj.file) else "photo.outside"
            errors.append(ContentError.of(src.display, key, field=field, line=line, name=obj.file))
        elif not path.is_file():
            meant = None if path.is_dir() else _meant_file(root, obj.file)
            if meant:
                errors.append(ContentError.of(src.display, "photo.did_you_mean", field=field, line=line,
                                              name=obj.file, meant=meant))
            else:
                errors.append(ContentError.of(src.display, "photo.missing", field=field, line=line, name=obj.file))
        else:
            try:
                probe_photo(path, obj.file, src.display, field, line)
            except ContentError as exc:
                errors.append(exc)
    elif isinstance(obj, model.BaseModel):
        for name in type(obj).model_fields:
            _check_photos(getattr(obj, name), src, root, loc + (name,), errors)
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            _check_photos(item, src, root, loc + (i,), errors)


def profile_error(file: Path | str, exc: IccError, *, field: str | None = None,
                  line: int | None = None) -> ContentError:
    return ContentError.of(str(file), exc.key, field=field, line=line, **exc.params)


def content_output_profile(root: Path, meta: model.Meta, line: int | None = None) -> OutputProfile | None:
    """The print shop's profile named by ``print.output_intent`` (a file in the content
    folder), validated; None when the field is not set. :class:`ContentError` otherwise."""
    name = meta.print.output_intent
    if not name:
        return None
    field = "print.output_intent"
    path = _inside(root, name)
    if path is None:
        raise ContentError.of(MAIN_FILE, "icc.outside", field=field, line=line, name=name)
    if not path.is_file():
        raise ContentError.of(MAIN_FILE, "icc.missing", field=field, line=line, name=name)
    try:
        return load_output_profile(path)
    except IccError as exc:
        raise profile_error(MAIN_FILE, exc, field=field, line=line) from None


def content_logo(root: Path, meta: model.Meta, line: int | None = None):
    """The logo named by ``brand.logo.file``, checked (:mod:`.logofile`); None without one."""
    logo = meta.brand.logo if meta.brand else None
    if logo is None:
        return None
    field = "brand.logo.file"
    path = _inside(root, logo.file)
    if path is None:
        raise ContentError.of(MAIN_FILE, "logo.outside", field=field, line=line, name=logo.file)
    if not path.is_file():
        raise ContentError.of(MAIN_FILE, "logo.missing", field=field, line=line, name=logo.file)
    return read_logo(path, logo.file, MAIN_FILE, field, line)


def _read_main(root: Path) -> SourceFile:
    path = _inside(root, MAIN_FILE)
    if path is None:
        raise ContentErrors([ContentError.of(MAIN_FILE, "file.outside",
                                             target=(root / MAIN_FILE).resolve())])
    try:
        return read_source(path, MAIN_FILE)
    except ContentError as exc:
        raise ContentErrors([exc]) from None
    # ContentErrors (several typing mistakes) go up as they are


def _section_list(main_src: SourceFile) -> list[str]:
    """The section files, read from the raw data so that they are checked even when other
    fields of brochure.yaml are wrong (every problem of a run is reported)."""
    listed = main_src.data.get("sections")
    if not isinstance(listed, list):
        return []
    return [s if isinstance(s, str) and s else "" for s in listed]


# A watch session reads the same files again at every rebuild: what a file's bytes gave
# (read, parsed, validated) is kept, keyed by its path, name and bytes. Its photos are
# checked every time (they are other files).
_READ: dict[tuple, tuple] = {}


def _load_section(root: Path, rel: str, errors: list[ContentError]) -> tuple[Any, SourceFile] | None:
    """Read and validate one section file; problems go to ``errors``."""
    path = _inside(root, rel)
    try:
        key = (str(path), rel, path.read_bytes())
    except OSError:  # read_source says what is wrong, as one clear error
        key = None
    found = _READ.get(key) if key is not None else None
    if found is None:
        found = _read_section(path, rel)
        if key is not None:
            if len(_READ) > 512:
                _READ.clear()
            _READ[key] = found
    result, found_errors = found
    errors.extend(found_errors)
    if result is None:
        return None
    section, src = result
    _check_photos(section, src, root, (), errors)
    return section, src


def _read_section(path: Path, rel: str) -> tuple[tuple[Any, SourceFile] | None, list[ContentError]]:
    """(section, source) or None, and the problems found: what the file's bytes give."""
    errors: list[ContentError] = []
    src = read_source(path, rel)
    errors.extend(src.problems)
    data = dict(src.data)
    if src.body is not None:
        if "body" in data:
            errors.append(ContentError.of(rel, "md.body_field", field="body", line=src.line_of(("body",))))
            return None, errors
        data["body"] = src.body
        errors.extend(check_markdown(src.body, rel, src.body_line))
    elif isinstance(data.get("body"), str):
        errors.extend(check_markdown(data["body"], rel, (src.line_of(("body",)) or 1) + 1))
    try:
        section = _section_adapter.validate_python(data)
    except ValidationError as exc:
        errors.extend(_explain_all(exc.errors(), src, _section_class(data)))
        return None, errors
    return (section, src), errors


def _channel_urls(meta: model.Meta, src: SourceFile) -> list[ContentError]:
    """Every link as each channel prints it (its utm_* parameters added) must still fit a QR
    code a phone can read at the printed size."""
    from .channels import channel_params, with_utm

    found = []
    for i, channel in enumerate(meta.channels):
        for link in meta.links:
            url = with_utm(str(link.url), channel_params(channel))
            if not model.fits_qr(url):
                found.append(ContentError.of(MAIN_FILE, "channel.url_qr", field=f"channels.{i}",
                                             line=src.line_of(("channels", i)), link=link.id, length=len(url),
                                             max=model.QR_MAX_CHARS))
                break
    return found


def _check_link_ids(section: Any, rel: str, src: SourceFile, link_ids: list[str] | None,
                    errors: list[ContentError]) -> None:
    if link_ids is None:  # brochure.yaml's links are broken: reported there already
        return
    for field, ids in (("links", getattr(section, "links", None) if section.type == "apply" else None),
                       ("link", [section.link] if section.type == "back-cover" else None)):
        for j, link_id in enumerate(ids or []):
            if link_id not in link_ids:
                loc = (field, j) if field == "links" else (field,)
                errors.append(ContentError.of(rel, "link.unknown_id", field=".".join(map(str, loc)),
                                              line=src.line_of(loc), id=link_id, ids=", ".join(link_ids)))


def _in_reading_order(errors: list[ContentError]) -> list[ContentError]:
    """Files in the order they were read, and within a file by line."""
    first_seen = {}
    for e in errors:
        first_seen.setdefault(str(e.file), len(first_seen))
    return sorted(errors, key=lambda e: (first_seen[str(e.file)], e.line or 0))


def load_brochure(content_dir: Path | str) -> model.Brochure:
    """Read and validate every content file; raise :class:`ContentErrors` listing all problems."""
    root = Path(content_dir).resolve()
    errors: list[ContentError] = []
    if not root.is_dir():
        raise ContentErrors([ContentError.of(str(content_dir), "folder.missing")])
    main_src = _read_main(root)
    errors.extend(main_src.problems)
    meta = None
    try:
        meta = model.Meta.model_validate(main_src.data)
    except ValidationError as exc:
        errors.extend(_explain_all(exc.errors(), main_src, model.Meta))

    link_ids = [link.id for link in meta.links] if meta else None
    for i, link_id in enumerate(link_ids or []):
        if link_ids.index(link_id) != i:
            errors.append(ContentError.of(MAIN_FILE, "link.duplicate_id", field=f"links.{i}.id",
                                          line=main_src.line_of(("links", i, "id")), id=link_id))
    channel_ids = [channel.id for channel in meta.channels] if meta else []
    for i, channel_id in enumerate(channel_ids):
        if channel_ids.index(channel_id) != i:
            errors.append(ContentError.of(MAIN_FILE, "channel.duplicate_id", field=f"channels.{i}.id",
                                          line=main_src.line_of(("channels", i, "id")), id=channel_id))

    if meta is not None:
        errors.extend(_channel_urls(meta, main_src))

    if meta is not None and meta.print.output_intent:
        try:
            content_output_profile(root, meta, main_src.line_of(("print", "output_intent")))
        except ContentError as exc:
            errors.append(exc)

    if meta is not None and meta.brand is not None and meta.brand.logo is not None:
        try:
            content_logo(root, meta, main_src.line_of(("brand", "logo", "file")))
        except ContentError as exc:
            errors.append(exc)
    theme = _theme(root, meta, main_src, errors) if meta is not None else None

    sections: list = []
    field_lines = {MAIN_FILE: main_src.dotted_lines()}
    for i, rel in enumerate(_section_list(main_src)):
        where = {"field": f"sections.{i}", "line": main_src.line_of(("sections", i))}
        if not rel:
            continue  # not text: reported by the model validation above
        path = _inside(root, rel)
        if path is None:
            key = "sections.loop" if _is_loop(root, rel) else "sections.outside"
            errors.append(ContentError.of(MAIN_FILE, key, name=rel, **where))
            continue
        if not path.is_file():
            errors.append(ContentError.of(MAIN_FILE, "sections.missing", name=rel, **where))
            continue
        try:
            loaded = _load_section(root, rel, errors)
        except ContentError as exc:
            errors.append(exc)
            continue
        except ContentErrors as exc:  # several typing mistakes in one file
            errors.extend(exc.errors)
            continue
        if loaded is not None:
            section, src = loaded
            _check_link_ids(section, rel, src, link_ids, errors)
            sections.append(section)
            field_lines[rel] = src.dotted_lines()

    if errors or meta is None:
        raise ContentErrors(_in_reading_order(errors))
    return model.Brochure(meta=meta, sections=sections, section_files=list(meta.sections),
                          field_lines=field_lines, theme=theme)


def _theme(root: Path, meta: model.Meta, main_src: SourceFile, errors: list[ContentError]):
    """The theme and page format ``theme:`` and ``format:`` choose (brochure.themes)."""
    from ..themes import DEFAULT_FORMAT, FORMATS, available_themes, find_theme

    fmt = (meta.format or DEFAULT_FORMAT).strip().lower()
    if fmt not in FORMATS:
        errors.append(ContentError.of(MAIN_FILE, "format.unknown", field="format",
                                      line=main_src.line_of(("format",)), name=meta.format,
                                      formats=", ".join(FORMATS)))
        fmt = DEFAULT_FORMAT
    theme = find_theme(meta.theme.strip() if meta.theme else None, root, fmt)
    if theme is None:
        errors.append(ContentError.of(MAIN_FILE, "theme.unknown", field="theme",
                                      line=main_src.line_of(("theme",)), name=meta.theme,
                                      themes=", ".join(available_themes(root))))
    return theme
