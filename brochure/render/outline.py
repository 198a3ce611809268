"""The label of each section's bookmark (PDF outline entry).

Each section gives exactly one top-level bookmark (see styles/outline.css), so its label must
make sense on its own in a reader's bookmark panel: the section's label and its heading, e.g.
"採用者の声：平井 則輔", rather than the heading alone ("平井 則輔").
"""

from __future__ import annotations

from ..content.model import Meta

# Sections without a heading of their own.
DEFAULT_LABELS = {"back-cover": "裏表紙"}


def outline_label(section, meta: Meta) -> str:
    if section.type == "cover":
        return f"{meta.title} {meta.catch}"
    heading = getattr(section, "name", None) if section.type == "interview" else None
    heading = heading or getattr(section, "heading", None)
    label = section.label or (None if heading else DEFAULT_LABELS.get(section.type, section.type))
    parts = [part for part in (label, heading) if part]
    return "：".join(dict.fromkeys(parts))  # "組織図：組織図" → "組織図"
