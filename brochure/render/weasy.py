"""WeasyPrint, imported without loading fontTools' subsetter and variable-font instancer.

WeasyPrint 70 imports ``fontTools.subset`` and ``fontTools.varLib.instancer`` when it starts,
for two fallbacks: subsetting fonts where HarfBuzz-subset is missing, and instancing variable
fonts. Our fonts are static and HarfBuzz subsets them, so those modules (about 150 files,
a third of WeasyPrint's import time: ≈0.3 s of a cold build) are normally never used.
While WeasyPrint is imported, stand-ins take their place; WeasyPrint keeps the stand-ins,
which load the real module on first use, so both fallbacks still work (tests/test_weasy.py).

Import ``weasyprint`` from here (``from .weasy import weasyprint``) before any other
``weasyprint`` import in the process; imported first elsewhere, it is simply the usual import.
"""

from __future__ import annotations

import importlib
import sys
import types

SUBSET, INSTANCER = "fontTools.subset", "fontTools.varLib.instancer"


class _Deferred(types.ModuleType):
    """Stands for a module; loads and forwards to it on first attribute access."""

    def __getattr__(self, name: str):
        if name.startswith("__") or sys.modules.get(self.__name__) is self:
            raise AttributeError(name)  # still standing in: there is no real module to ask yet
        return getattr(importlib.import_module(self.__name__), name)


def _instantiate_variable_font(*args, **kwargs):
    from fontTools.varLib.instancer import instantiateVariableFont

    return instantiateVariableFont(*args, **kwargs)


def _import_weasyprint() -> types.ModuleType:
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    stand_ins = {name: _Deferred(name) for name in (SUBSET, INSTANCER) if name not in sys.modules}
    if INSTANCER in stand_ins:  # WeasyPrint does `from … instancer import instantiateVariableFont`
        stand_ins[INSTANCER].instantiateVariableFont = _instantiate_variable_font
    sys.modules.update(stand_ins)
    try:
        import weasyprint
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]  # from now on, importing the name loads the real module
    return weasyprint


weasyprint = _import_weasyprint()
