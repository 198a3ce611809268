"""Personal names with their readings, as ruby markup for the ``jtext`` filter.

A name and its reading are two fields (``name: 平井 則輔``, ``reading: ひらい のりすけ``);
when both have as many space-separated parts, each part gets its own ruby
(``{平井|ひらい} {則輔|のりすけ}``), else the whole name one group ruby. A name that already
holds ruby markup is left as written.
"""

from __future__ import annotations

from ..text.markup import RUBY_RE


def ruby_name(name: str, reading: str | None = None) -> str:
    """``{base|reading}`` markup for ``name`` (see the module doc); plain when no reading."""
    name, reading = str(name), (reading or "").strip()
    if not reading or RUBY_RE.search(name) or "{" in name or "|" in name:
        return name
    parts, readings = name.split(), reading.split()
    if len(parts) == len(readings) > 1:
        return " ".join(f"{{{p}|{r}}}" for p, r in zip(parts, readings))
    return f"{{{name}|{' '.join(readings)}}}"
