"""Watch mode: which declarations of which stylesheets apply to an element, taken from the
last layout of the same scope.

Styling a document (WeasyPrint's ``css.StyleFor``) matches every element against every
stylesheet's selectors and gathers the declarations of the rules that match, with their
weights: two thirds of the time it takes to style a part. What a selector can look at is an
element's tag and attributes, its place among its siblings and theirs, and the same of its
ancestors: exactly what an element's signature covers (:func:`.boxprints.signatures`; a
stylesheet with ``:has()`` turns carrying off). So in a carrying layout
(:func:`.carry.carrying`), an element whose signature was styled in the last layout under the
same scope, by the same stylesheet objects, gets what the rules gave it then, without the
selectors being tried: the declarations for it and its pseudo-elements, and the rules'
identities, by which WeasyPrint shares one computed style between like elements.

:func:`_style_for` is WeasyPrint 70's ``StyleFor.__init__`` with that one change (and the
rules' declarations gathered per element before they meet its ``style`` attribute's: the
same winner, as both are "the last of the heaviest"). It is used only while WeasyPrint's own
is the code it was copied from (:data:`COPIED_FROM`, a digest of its source); otherwise
WeasyPrint's runs and nothing is carried. The PDFs are the same, byte for byte
(tests/test_fast_rebuild.py).
"""

from __future__ import annotations

import hashlib
import inspect
from math import inf

from . import carry

COPIED_FROM = "1b20b82c9c8fb21f"  # blake2b-8 of WeasyPrint 70's StyleFor.__init__ source
COUNTS = {"carried": 0, "matched": 0}  # elements, since the process started (benches, tests)
_INSTALLED = False
_REAL: list = []  # WeasyPrint's own StyleFor.__init__, once wrapped


def source_digest() -> str:
    """The digest of WeasyPrint's own ``StyleFor.__init__`` source (to compare with
    :data:`COPIED_FROM`)."""
    from weasyprint.css import StyleFor

    own = _REAL[0] if _REAL else StyleFor.__init__
    return hashlib.blake2b(inspect.getsource(own).encode(), digest_size=8).hexdigest()


def install() -> None:
    """Wrap ``StyleFor.__init__`` (once), if it is the code :func:`_style_for` copies."""
    global _INSTALLED
    if _INSTALLED:
        return
    _INSTALLED = True
    if source_digest() != COPIED_FROM:
        return
    from weasyprint.css import StyleFor

    real = StyleFor.__init__
    _REAL.append(real)

    def init(self, html, sheets, presentational_hints, font_config, target_collector):
        scope = carry.current()
        if scope is None:
            return real(self, html, sheets, presentational_hints, font_config, target_collector)
        return _style_for(self, html, sheets, presentational_hints, font_config, target_collector, scope)

    StyleFor.__init__ = init


def _gathered(element, sheets) -> tuple[dict, tuple]:
    """The declarations the rules of ``sheets`` give ``element``, by pseudo-element (name →
    (values, weight), the last of the heaviest), and the matched rules' keys."""
    from weasyprint.css import declaration_precedence

    styles: dict = {}
    selectors_keys = []
    for sheet, origin, sheet_specificity in sheets:
        for selector in sheet.matcher.match(element):
            specificity, order, pseudo_type, (declarations, layer) = selector
            layer_order = inf if layer is None else sheet.layers.index(layer)
            selectors_keys.append((sheet, specificity, id(declarations), layer_order))
            specificity = sheet_specificity or specificity
            style = styles.setdefault(pseudo_type, {})
            for name, values, importance in declarations:
                precedence = declaration_precedence(origin, importance)
                weight = (precedence, layer_order, specificity)
                old_weight = style.get(name, (None, None))[1]
                if old_weight is None or old_weight <= weight:
                    style[name] = values, weight
    return styles, tuple(selectors_keys)


def _style_for(self, html, sheets, presentational_hints, font_config, target_collector, scope) -> None:
    from weasyprint.css import declaration_precedence, find_style_attributes, preprocess_declarations
    from weasyprint.logger import PROGRESS_LOGGER

    self._cascaded_styles = cascaded_styles = {}
    self._computed_styles = computed_styles = {}
    self.initial_page_sizes = {'box': None, 'area': None}
    self._sheets = sheets
    self.font_config = font_config

    PROGRESS_LOGGER.info('Step 3 - Applying CSS')
    layer_order = inf
    elements_declarations = {}
    for specificity, element, declarations, base_url in find_style_attributes(
            html.etree_element, presentational_hints, html.base_url):
        style = cascaded_styles.setdefault((element, None), {})
        elements_declarations[element] = tuple(declarations)
        for name, values, importance in preprocess_declarations(base_url, declarations):
            precedence = declaration_precedence('author', importance)
            weight = (precedence, layer_order, specificity)
            old_weight = style.get(name, (None, None))[1]
            if old_weight is None or old_weight <= weight:
                style[name] = values, weight

    # Carried: by the same stylesheet objects as the last layout's (a <style> of the document
    # is parsed anew for each: then nothing is), for an element whose signature was styled there.
    used = tuple(sheet for sheet, _, _ in sheets)
    same = lambda a, b: len(a) == len(b) and all(x is y for x, y in zip(a, b))  # noqa: E731
    filed = scope.styles_before if same(scope.styles_sheets_before, used) else {}
    if not same(scope.styles_sheets, used):
        scope.styles, scope.styles_sheets = {}, used  # (they stay alive with what they gave)
    sigs = carry.signatures()

    computed_cache = {}
    for element in html.wrapper_element.iter_subtree():
        etree_element = element.etree_element
        parent = element.parent.etree_element if element.parent else None
        parent_id = id(computed_styles[parent, None]) if element.parent else None
        element_declarations = elements_declarations.get(etree_element)
        sig = sigs.get(id(etree_element))
        found = (scope.styles.get(sig) or filed.get(sig)) if sig is not None else None
        if found is None:
            found = _gathered(element, sheets)
            COUNTS["matched"] += 1
        else:
            COUNTS["carried"] += 1
        if sig is not None:
            scope.styles[sig] = found
        styles, selectors_keys = found
        for pseudo_type, declared in styles.items():
            style = cascaded_styles.get((etree_element, pseudo_type))
            if style is None:
                cascaded_styles[etree_element, pseudo_type] = dict(declared)
                continue
            for name, entry in declared.items():  # after the style attribute's
                old_weight = style.get(name, (None, None))[1]
                if old_weight is None or old_weight <= entry[1]:
                    style[name] = entry

        key = (parent_id, element_declarations, selectors_keys)
        if key in computed_cache:
            computed_styles[etree_element, None] = computed_cache[key]
        else:
            self.set_computed_styles(
                etree_element, root=html.etree_element, parent=parent,
                base_url=html.base_url, target_collector=target_collector)
            computed_cache[key] = computed_styles[etree_element, None]

    for element, pseudo_type in cascaded_styles:
        if pseudo_type:
            self.set_computed_styles(
                element, pseudo_type=pseudo_type, root=html.etree_element, parent=element,
                base_url=html.base_url, target_collector=target_collector)

    self._cascaded_styles.clear()
