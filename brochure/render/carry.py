"""What watch mode carries from a part's last layout to its next one.

After an edit, a part is laid out again as a new document. Under :func:`carrying` (a *scope*:
the same stylesheets, options, first page and running heads), what the last layout under the
same scope made is offered to this one: the style rules of unchanged elements
(:mod:`.stylecarry`), the lines of unchanged paragraphs (:mod:`.linecache`), whole pages whose
state and remaining content are the same, and margin boxes made of the same
(:mod:`.pagecarry`). Whether something is the same is decided by :mod:`.boxprints`, with the
element signatures of the document being laid out (:func:`signatures`). Font subsets, which
do not depend on the scope, are kept by :mod:`.fontcarry` (told of rebuilds: :func:`register`).

Each scope keeps what its last rebuild used or made (:func:`next_rebuild` starts a rebuild):
two rebuilds back is dropped, so a scope holds one layout's worth. Only the scopes of the
parts the brochure is made of are kept (:func:`keep_only`), at most ``MAX_SCOPES``.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

from . import boxprints, perdocument

MAX_SCOPES = 64


@dataclass
class Scope:
    """What one scope's last layouts made, and what this rebuild has used or made so far."""

    rebuild: int
    lines: dict = field(default_factory=dict)
    lines_before: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    pages_before: dict = field(default_factory=dict)
    margins: dict = field(default_factory=dict)  # page index → (what they depend on, margin boxes)
    margins_before: dict = field(default_factory=dict)
    styles: dict = field(default_factory=dict)  # element signature → what the rules gave it
    styles_before: dict = field(default_factory=dict)
    styles_sheets: tuple = ()  # the stylesheets that gave them
    styles_sheets_before: tuple = ()

    def following(self, rebuild: int) -> "Scope":
        """The scope for a new rebuild: what this one made, offered as made before."""
        return Scope(rebuild, lines_before=self.lines, pages_before=self.pages,
                     margins_before=self.margins, styles_before=self.styles,
                     styles_sheets_before=self.styles_sheets)


_SCOPES: dict[str, Scope] = {}
_REBUILD = [0]
_CURRENT: list[Scope] = []
_OTHERS: list[tuple[Callable[[], None], Callable[[], None]]] = []
_SIGNATURES: dict[str, dict] = {}  # of the document being laid out (dropped with it)


def next_rebuild() -> None:
    """A new rebuild starts: what each scope makes from now on replaces what it made before
    (the scopes not laid out again keep theirs)."""
    _REBUILD[0] += 1
    for on_rebuild, _ in _OTHERS:
        on_rebuild()


def drop() -> None:
    """Forget everything carried (a full rebuild from nothing)."""
    _SCOPES.clear()
    for _, on_drop in _OTHERS:
        on_drop()


def register(on_rebuild: Callable[[], None], on_drop: Callable[[], None]) -> None:
    """What else is carried (font subsets: :mod:`.fontcarry`) is told when a rebuild starts
    and when everything is dropped."""
    if (on_rebuild, on_drop) not in _OTHERS:
        _OTHERS.append((on_rebuild, on_drop))


def keep_only(scopes) -> None:
    """Forget the scopes not in ``scopes`` (the brochure's parts as planned now: a section
    that moved to other pages leaves its old scope behind)."""
    for scope in [s for s in _SCOPES if s not in scopes]:
        del _SCOPES[scope]


@contextmanager
def carrying(scope: str | None):
    """Lay out a document that may take what the last layout under ``scope`` made (None:
    carry nothing). Only for untagged output: a tagged PDF's structure tree is built from the
    boxes' elements, which a carried line or page takes from the earlier document."""
    if scope is None:
        yield
        return
    entry = _SCOPES.pop(scope, None)  # popped and put back: the newest scope last
    if entry is None:
        entry = Scope(_REBUILD[0])
    elif entry.rebuild != _REBUILD[0]:
        entry = entry.following(_REBUILD[0])
    _SCOPES[scope] = entry
    while len(_SCOPES) > MAX_SCOPES:
        del _SCOPES[next(iter(_SCOPES))]
    _CURRENT.append(entry)
    perdocument.drop_with_each_document(_SIGNATURES)
    perdocument.drop_with_each_document(boxprints._TREES)
    try:
        yield
    finally:
        _CURRENT.pop()


def current() -> Scope | None:
    """The scope of the document being laid out, if it carries."""
    return _CURRENT[-1] if _CURRENT else None


def signatures() -> dict[int, bytes]:
    """The element signatures of the document being laid out (computed once for it)."""
    sigs = _SIGNATURES.get("sigs")
    if sigs is None:
        root = perdocument.current_root()
        sigs = _SIGNATURES["sigs"] = boxprints.signatures(root) if root is not None else {}
    return sigs
