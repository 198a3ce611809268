"""What a laid-out section looks like on its pages, read from WeasyPrint's boxes.

The planner lays out a section in a variant and asks this module how the pages came out:
how much of each page's text area carries ink, whether anything runs past the text area into
the footer or off the page, whether a box's text leaves the box, and how display lines broke
(a headline's lines, to keep it to three and never leave a short phrase alone). Only the
box tree is read: nothing is drawn or written, so a measurement costs microseconds per box.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PX_PER_MM = 96 / 25.4
TOLERANCE_PX = 0.75  # sub-pixel rounding of the layout is not an overflow


@dataclass(frozen=True)
class PageMeasure:
    """One page of a section. Lengths are fractions of the page's text area height."""

    used: float  # share of the text area's height that carries ink (union of ink extents)
    bottom: float  # lowest ink of the normal flow (1.0 = the text area's foot)
    overflow_mm: float  # how far in-flow ink runs below the text area (0 when it does not)
    bare: bool  # a page without margins (cover, full-bleed photo): designed full, not measured
    empty: bool  # nothing printed at all (the footer aside)


@dataclass(frozen=True)
class FitElement:
    """A display element (``class="fit"``): its lines as laid out, and how many it may take."""

    name: str
    max_lines: int
    lines: tuple[str, ...]
    overflow_mm: float = 0.0  # how far a line runs past the box's right edge (a phrase too wide)


@dataclass
class SectionMeasure:
    pages: list[PageMeasure]
    fits: list[FitElement] = field(default_factory=list)
    # Boxes whose text leaves them (a fixed-size box too small for its text): descriptions.
    spills: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def overflow(self) -> bool:
        return any(p.overflow_mm > 0 for p in self.pages) or bool(self.spills)

    def emptiest(self) -> float:
        """Free share of the emptiest measured page (0 = every page full)."""
        measured = [p for p in self.pages if not p.bare]
        return max((1 - p.used for p in measured), default=0.0)


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return set()
    return set((element.get("class") or "").split())


def _is_ink(box) -> bool:
    """A box that prints something: text, an image, a background or a border."""
    name = type(box).__name__
    if name == "LineBox":  # the line's full height (leading included): a paragraph is solid ink
        return any(type(b).__name__ == "TextBox" and b.text.strip() for b, _ in _walk(box))
    if name == "TextBox":
        return False  # counted with its line
    if "Replaced" in name:
        return True
    style = box.style
    background = style["background_color"]
    if background is not None and getattr(background, "alpha", 0) > 0:
        return True
    if any(layer.image is not None for layer in style["background_image"] if hasattr(layer, "image")) \
            or any(image[0] != "none" for image in style["background_image"]):
        return True
    return any(style[f"border_{side}_width"] > 0 and style[f"border_{side}_style"] not in ("none", "hidden")
               for side in ("top", "bottom"))


def _walk(box, absolute: bool = False):
    """(box, inside an absolutely positioned box) for the box and every descendant; the
    page's margin boxes (running footer) are left out."""
    absolute = absolute or box.style["position"] in ("absolute", "fixed")
    yield box, absolute
    for child in getattr(box, "children", ()):
        inner = getattr(child, "_box", child)  # AbsolutePlaceholder → the laid-out box
        if type(inner).__name__ != "MarginBox":
            yield from _walk(inner, absolute)


def _union(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for start, stop in sorted(intervals):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


def _line_text(line) -> str:
    return "".join(b.text for b, _ in _walk(line) if type(b).__name__ == "TextBox")


def measure_pages(document) -> SectionMeasure:
    """Measure every page of a laid-out document (its lead-in page already dropped)."""
    pages: list[PageMeasure] = []
    fits: list[FitElement] = []
    spills: list[str] = []
    for page in document.pages:
        page_box = page._page_box
        top = page_box.content_box_y()
        height = page_box.height
        bare = height >= page_box.margin_height() - TOLERANCE_PX  # no margins: a designed page
        intervals, bottom, printed = [], top, False
        for box, absolute in _walk(page_box):
            classes = _classes(box)
            if "fit" in classes:
                found = tuple(_line_text(line) for line in box.children if type(line).__name__ == "LineBox")
                if found:
                    element = box.element
                    right = box.content_box_x() + box.width
                    reach = max((b.position_x + b.width for b, _ in _walk(box)
                                 if type(b).__name__ == "TextBox"), default=right)
                    fits.append(FitElement(element.get("data-fit") or box.element_tag,
                                           int(element.get("data-max-lines") or 3), found,
                                           max(0.0, reach - right - TOLERANCE_PX) / PX_PER_MM))
            if not _is_ink(box) or box.height is None:
                continue
            y0 = box.border_box_y() if hasattr(box, "border_box_y") else box.position_y
            y1 = y0 + (box.border_height() if hasattr(box, "border_height") else box.height)
            if "bleed-art" in classes or box.width > page_box.width + 1:  # full-bleed art
                continue
            printed = True
            intervals.append((max(y0, top), min(y1, top + height)))
            if not absolute:
                bottom = max(bottom, y1)
        used = _union([(a, b) for a, b in intervals if b > a]) / height if height else 0.0
        overflow = max(0.0, bottom - (top + height) - TOLERANCE_PX) / PX_PER_MM
        pages.append(PageMeasure(used=min(used, 1.0), bottom=(bottom - top) / height if height else 0.0,
                                 overflow_mm=overflow, bare=bare, empty=not printed))
    spills.extend(_spills(document))
    return SectionMeasure(pages, fits, spills)


def _spills(document) -> list[str]:
    """Text lines that leave a box of fixed height (``height`` set in CSS) at its foot."""
    found = []
    for page in document.pages:
        for box, _ in _walk(page._page_box):
            style = box.style
            if style["height"] == "auto" or style["overflow"] != "visible":
                continue
            if getattr(box, "height", None) is None or not hasattr(box, "content_box_y"):
                continue
            foot = box.content_box_y() + box.height
            for inner, _ in _walk(box):
                if type(inner).__name__ == "LineBox" and inner.position_y + inner.height > foot + TOLERANCE_PX:
                    found.append(f"{box.element_tag}.{'.'.join(sorted(_classes(box)))}")
                    break
    return list(dict.fromkeys(found))
