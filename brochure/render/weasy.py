"""WeasyPrint, imported without loading fontTools' subsetter and variable-font instancer,
and without running a C compiler to look for its libraries.

WeasyPrint 70 imports ``fontTools.subset``, ``fontTools.varLib.instancer`` and
``fontTools.ttLib.woff2`` when it starts, for three fallbacks: subsetting fonts where
HarfBuzz-subset is missing, instancing variable fonts, and unpacking WOFF2 fonts. Our fonts are
static TrueType files that HarfBuzz subsets, so those modules (about 150 files, a third of
WeasyPrint's import time: ≈0.3 s of a cold build) are normally never used. While WeasyPrint is
imported, stand-ins take their place; WeasyPrint keeps the stand-ins, which load the real
module on first use, so the fallbacks still work (tests/test_weasy.py).

WeasyPrint asks cffi for each C library under several names, Windows and macOS ones first
(``libgobject-2.0-0``, …, ``libgobject-2.0.so.0``). cffi hands a name it cannot load to
``ctypes.util.find_library``, which on Linux asks the loader cache (``ldconfig -p``), then runs
``gcc`` and ``ld``: ≈10 ms for each of the 16 names that exist nowhere, ≈0.15 s in all. During
the import the lookup asks the loader cache only; a library it does not list is still loaded
by its soname, the last name WeasyPrint tries (tests/test_weasy.py: the same libraries).

fontconfig sees only the bundled fonts (``brochure.render`` sets that up when imported, see
:mod:`.fontconfig`), so WeasyPrint's start-up complaint that fontconfig lists no fonts is muted.

cffi parses WeasyPrint's C declarations with pycparser at every import (≈70 ms); the parse is
kept in the cache folder (:func:`_declarations_parsed_once`).

When WeasyPrint subsets a font it asks cffi for arrays typed ``hb_codepoint_t[<n>]``, ``n``
the number of glyphs: each new ``n`` is a new C declaration, which cffi parses with pycparser
(≈2 ms, twice per font and document: ≈15 ms per edition, ≈0.1 s per section-wise rebuild).
WeasyPrint's font subsetting (``weasyprint.pdf.fonts``) gets ``T[]`` instead when the
initialiser has exactly ``n`` items: the same array, of a type cffi has parsed once.

Import ``weasyprint`` from here (``from .weasy import weasyprint``) before any other
``weasyprint`` import in the process; imported first elsewhere, it is simply the usual import.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import re
import sys
import types
import warnings
from contextlib import contextmanager

from .. import tempfolders
from ..errors import BrochureError
from ..messages import msg, phrase

SUBSET, INSTANCER, WOFF2 = "fontTools.subset", "fontTools.varLib.instancer", "fontTools.ttLib.woff2"


class _Deferred(types.ModuleType):
    """Stands for a module; loads and forwards to it on first attribute access."""

    def __getattr__(self, name: str):
        if name.startswith("__") or sys.modules.get(self.__name__) is self:
            raise AttributeError(name)  # still standing in: there is no real module to ask yet
        return getattr(importlib.import_module(self.__name__), name)


def _instantiate_variable_font(*args, **kwargs):
    from fontTools.varLib.instancer import instantiateVariableFont

    return instantiateVariableFont(*args, **kwargs)


@contextmanager
def _libraries_from_loader_cache():
    import ctypes.util

    from_cache = getattr(ctypes.util, "_findSoname_ldconfig", None)  # find_library's first step
    if not sys.platform.startswith("linux") or from_cache is None:
        yield
        return
    find_library = ctypes.util.find_library
    ctypes.util.find_library = from_cache
    try:
        yield
    finally:
        ctypes.util.find_library = find_library


@contextmanager
def _declarations_parsed_once():
    """cffi parses WeasyPrint's C declarations (16 KB) with pycparser at every import: ≈70 ms.
    The parse (pycparser's tree; cffi reads its declarations from it as usual) is kept in the
    cache folder, sealed (``assets.cachefile``) and keyed by the declarations, the names
    already declared (they change the parse), and the versions of cffi, pycparser and Python:
    loading it takes ≈4 ms. A damaged entry is parsed again; short declarations (``ffi.new``'s
    types) are parsed as usual."""
    try:
        import cffi
        import pycparser
        from cffi import cparser
    except ImportError:
        yield
        return
    import hashlib
    import pickle

    from ..assets.cachefile import read_sealed, write_sealed
    from ..paths import user_cache_dir

    original = cparser.Parser._parse
    try:
        folder = user_cache_dir() / "cffi"
    except (OSError, RuntimeError):
        yield
        return
    versions = f"{cffi.__version__}\0{pycparser.__version__}\0{sys.version}\0"

    def parse(self, csource):
        if len(csource) < 4096:
            return original(self, csource)
        declared = "\0".join(sorted(n for n in self._declarations if n.startswith("typedef ")))
        key = hashlib.sha256(f"{versions}{declared}\0{csource}".encode()).hexdigest()[:32]
        try:
            found = read_sealed(folder, key, ".pickle")
        except OSError:
            found = None
        if found is not None:
            try:
                return pickle.loads(found[1])
            except Exception:  # noqa: BLE001 - not what was written: parsed again
                pass
        parsed = original(self, csource)
        try:
            write_sealed(folder, key, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL), ".pickle")
        except (OSError, pickle.PicklingError, RecursionError):
            pass  # kept next time, perhaps: the parse is used all the same
        return parsed

    cparser.Parser._parse = parse
    try:
        yield
    finally:
        cparser.Parser._parse = original


# The C libraries WeasyPrint loads (by the first name it tries), what they do, and the Debian
# packages that bring them.
LIBRARIES = (
    ("gobject", "GLib", "library.glib", "libglib2.0-0"),
    ("pangoft2", "PangoFT2", "library.pango", "libpangoft2-1.0-0"),
    ("pango", "Pango", "library.pango", "libpango-1.0-0 libpangoft2-1.0-0"),
    ("harfbuzz", "HarfBuzz", "library.harfbuzz", "libharfbuzz0b libharfbuzz-subset0"),
    ("fontconfig", "Fontconfig", "library.fontconfig", "libfontconfig1"),
)


def _missing_library(exc: OSError) -> BrochureError:
    """The error to show for a system library WeasyPrint could not load (named in ``exc``)."""
    text = str(exc).lower()
    for stem, name, role, packages in LIBRARIES:
        if stem in text:
            break
    else:
        stem, name, role, packages = LIBRARIES[2]
        name = str(exc).split(":")[0][:80]
    return BrochureError(msg("env.library", name=name, role=phrase(role), packages=packages))


def _check_harfbuzz_subset() -> None:
    """Without HarfBuzz-subset (≥ 4.1) WeasyPrint subsets fonts with fontTools: slower, and the
    PDF is no longer byte-for-byte the same. Not fatal: warn (the CLI prints it in the user's
    language)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset is None or not harfbuzz.hb_version_atleast(4, 1, 0):
        logging.getLogger("brochure.environment").warning(msg("env.harfbuzz_subset"))


def _import_weasyprint() -> types.ModuleType:
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    stand_ins = {name: _Deferred(name) for name in (SUBSET, INSTANCER, WOFF2)
                 if name not in sys.modules}
    if INSTANCER in stand_ins:  # WeasyPrint does `from … instancer import instantiateVariableFont`
        stand_ins[INSTANCER].instantiateVariableFont = _instantiate_variable_font
    sys.modules.update(stand_ins)
    try:
        # WeasyPrint prints an English paragraph to stdout before re-raising a library error.
        with _libraries_from_loader_cache(), _declarations_parsed_once(), \
                contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            # fontconfig has no font folder on purpose (render/fontconfig.py): the fonts come
            # from @font-face only, so WeasyPrint's start-up check finds none and would say so.
            warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
            import weasyprint
    except OSError as exc:  # a system library (Pango, GLib, …) is missing
        raise _missing_library(exc) from None
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]  # from now on, importing the name loads the real module
    _check_harfbuzz_subset()
    return weasyprint


_SIZED_ARRAY = re.compile(r"\s*([A-Za-z_][\w ]*?)\s*\[\s*(\d+)\s*\]\s*")


class _UnsizedArrays:
    """cffi as ``weasyprint.pdf.fonts`` sees it (the only module that asks for sized arrays):
    ``new("T[n]", items)`` is ``new("T[]", items)`` when ``len(items) == n``; everything else is
    cffi's own. (Every other module keeps cffi's ``new`` itself: WeasyPrint calls it ≈70,000
    times per edition, and a wrapper there cost ≈20 ms.)"""

    def __init__(self, ffi) -> None:
        self._ffi = ffi
        self._arrays: dict[str, tuple[str, int] | None] = {}  # cdecl → (unsized cdecl, length)

    def __getattr__(self, name: str):
        return getattr(self._ffi, name)

    def new(self, cdecl, init=None):
        if init is not None and isinstance(cdecl, str):
            try:
                sized = self._arrays[cdecl]
            except KeyError:
                match = _SIZED_ARRAY.fullmatch(cdecl)
                sized = self._arrays[cdecl] = (f"{match[1]}[]", int(match[2])) if match else None
            if sized is not None and hasattr(init, "__len__") and len(init) == sized[1]:
                return self._ffi.new(sized[0], init)
        return self._ffi.new(cdecl, init)


weasyprint = _import_weasyprint()
import weasyprint.pdf.fonts as _pdf_fonts  # noqa: E402 - after the import above

if not isinstance(_pdf_fonts.ffi, _UnsizedArrays):
    _pdf_fonts.ffi = _UnsizedArrays(_pdf_fonts.ffi)


_LATER = object()  # a font's whole file, not copied out of HarfBuzz until something reads it


def _font_file_read_when_needed(fonts) -> None:
    """``weasyprint.pdf.fonts.Font`` copies the whole font file out of HarfBuzz when it is made
    (a CJK face is megabytes: ≈1 ms per face and PDF), but only the fallbacks read it: the
    HarfBuzz subset replaces it with the subset's bytes. It is read when first asked for
    instead (``file_content``); the PDFs are the same, byte for byte."""
    if getattr(fonts.Font, "brochure_lazy_file", False):
        return
    real = fonts.get_hb_object_data
    make = fonts.Font.__init__

    def later(hb_object, ot_color=None, glyph=None):
        return _LATER if ot_color is None and glyph is None else real(hb_object, ot_color, glyph)

    def init(self, *args, **kwargs):
        fonts.get_hb_object_data = later
        try:
            make(self, *args, **kwargs)
        finally:
            fonts.get_hb_object_data = real

    def get(self):
        value = self.__dict__.get("_file_content")
        if value is _LATER:
            value = self.__dict__["_file_content"] = real(self.hb_face)
        return value

    def set_(self, value):
        self.__dict__["_file_content"] = value

    fonts.Font.__init__ = init
    fonts.Font.file_content = property(get, set_)
    fonts.Font.brochure_lazy_file = True


_font_file_read_when_needed(_pdf_fonts)


def _font_folder_removed_at_exit() -> None:
    """WeasyPrint's folder for the fonts of ``@font-face`` rules, registered with
    :mod:`brochure.tempfolders` when it is made (WeasyPrint removes it only when its font
    configuration is garbage collected, which a process ending with ``os._exit`` never does)."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(FontConfiguration.add_font_face, "brochure_registers", False):
        return
    real = FontConfiguration.add_font_face

    def add_font_face(self, rule_descriptors, url_fetcher):
        before = self._folder
        try:
            return real(self, rule_descriptors, url_fetcher)
        finally:
            if self._folder is not None and self._folder is not before:
                tempfolders.register(self._folder)

    add_font_face.brochure_registers = True
    FontConfiguration.add_font_face = add_font_face


_font_folder_removed_at_exit()
