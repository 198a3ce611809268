"""WeasyPrint imported without fontTools' subsetter and instancer: both fallbacks still work;
its C libraries looked up in the loader cache only: the same libraries are loaded.

Run in a fresh process: the test session has long imported fontTools (checks, other tests).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

SCRIPT = r"""
import io, json, sys
from pathlib import Path

from brochure.render.weasy import weasyprint

found = {name: name in sys.modules for name in ("fontTools.subset", "fontTools.varLib",
                                                 "fontTools.varLib.instancer", "fontTools.ttLib.woff2")}

import weasyprint.pdf.fonts as pdf_fonts

# Fallback 1: no HarfBuzz-subset, so WeasyPrint subsets the font with fontTools.
pdf_fonts.harfbuzz_subset = None
font = Path("fonts/BIZUDPGothic-Regular.ttf").resolve()
html = ("<style>@font-face { font-family: T; src: url(%s) } p { font-family: T }</style>"
        "<p>採用 2026</p>" % font.as_uri())
data = weasyprint.HTML(string=html).write_pdf()
subset_loaded = "fontTools.subset" in sys.modules

# Fallback 3: a WOFF2 font is unpacked by fontTools' woff2 module.
woff2 = Path(sys.argv[1])
html2 = ("<style>@font-face { font-family: W; src: url(%s) } p { font-family: W }</style>"
         "<p>採用</p>" % woff2.as_uri())
data2 = weasyprint.HTML(string=html2).write_pdf()

import pikepdf
with pikepdf.open(io.BytesIO(data)) as pdf:
    embedded = [len(obj.read_raw_bytes()) for obj in pdf.objects
                if isinstance(obj, pikepdf.Dictionary) and "/FontFile2" in obj
                for obj in [obj.FontFile2]]

# Fallback 2: variable-font instancing reaches fontTools' real instancer.
from fontTools.ttLib import TTFont
try:
    pdf_fonts.instantiateVariableFont(TTFont(font), {"wght": 400})
    instancer = "no error"
except ValueError as exc:
    instancer = str(exc)

with pikepdf.open(io.BytesIO(data2)) as pdf:
    woff2_fonts = [str(obj.FontName) for obj in pdf.objects
                   if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"
                   and ("/FontFile2" in obj or "/FontFile3" in obj)]

print(json.dumps({"found": found, "embedded": embedded, "font_size": font.stat().st_size,
                  "woff2_fonts": woff2_fonts,
                  "subset_loaded": subset_loaded, "instancer": instancer}))
"""


def test_weasyprint_loads_font_fallbacks_only_when_used(tmp_path):
    from fontTools import subset
    from fontTools.ttLib import TTFont

    woff2 = tmp_path / "small.woff2"  # a few glyphs of our Gothic, packed as WOFF2
    small = TTFont(ROOT / "fonts" / "BIZUDPGothic-Regular.ttf")
    subsetter = subset.Subsetter()
    subsetter.populate(text="採用")
    subsetter.subset(small)
    small.flavor = "woff2"
    small.save(woff2)
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(woff2)], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    # Not loaded by importing WeasyPrint…
    assert result["found"] == {"fontTools.subset": False, "fontTools.varLib": False,
                               "fontTools.varLib.instancer": False, "fontTools.ttLib.woff2": False}
    # …but there when used: the font was subset by fontTools (embedded, a small part of the file)…
    assert result["subset_loaded"]
    assert len(result["embedded"]) == 1 and 0 < result["embedded"][0] < result["font_size"] / 10
    # …the WOFF2 font was unpacked and embedded…
    assert len(result["woff2_fonts"]) == 1 and result["woff2_fonts"][0].endswith("+W")
    # …and the instancer called is fontTools' own (a static font has no variation axes).
    assert result["instancer"] == "Missing required table fvar"


LIBRARIES = r"""
import json, re, sys
if sys.argv[1] == "ours":
    from brochure.render.weasy import weasyprint
else:
    import weasyprint
from weasyprint.text import ffi
maps = open("/proc/self/maps").read()
libs = sorted(set(re.findall(r"\S*lib(?:gobject|pango|harfbuzz|fontconfig)\S*\.so\S*", maps)))
print(json.dumps({"libs": libs, "optional": [ffi.harfbuzz_subset is None, ffi.harfbuzz_vector is None]}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the loader-cache lookup is Linux only")
def test_weasyprint_loads_the_same_libraries_as_a_plain_import():
    found = {}
    for how in ("ours", "plain"):
        run = subprocess.run([sys.executable, "-c", LIBRARIES, how], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        found[how] = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["ours"] == found["plain"]
    assert any("libpango-1.0" in lib for lib in found["ours"]["libs"])


def test_sized_arrays_are_the_same_arrays_parsed_once():
    from brochure.render.weasy import weasyprint  # noqa: F401
    from weasyprint.pdf.fonts import ffi  # what the font subsetting asks
    from weasyprint.text.ffi import ffi as cffi_itself

    assert cffi_itself.new != ffi.new and ffi.typeof == cffi_itself.typeof  # only there
    values = list(range(5, 5 + 1234))
    array = ffi.new(f"hb_codepoint_t[{len(values)}]", values)
    assert ffi.typeof(array).item is ffi.typeof("hb_codepoint_t")  # the same C array of 1234
    assert len(array) == 1234 and list(array) == values and ffi.sizeof(array) == 4 * 1234
    assert f"hb_codepoint_t[{len(values)}]" not in ffi._parsed_types  # asked for as "T[]"
    padded = ffi.new("hb_codepoint_t[10]", [1, 2])  # fewer items: the usual zero-filled array
    assert len(padded) == 10 and list(padded) == [1, 2] + [0] * 8
    assert len(ffi.new("hb_tag_t[100]")) == 100


PARSED_PROBE = r"""
import pycparser.c_parser as c_parser
parsed = []
real_parse = c_parser.CParser.parse
def watched(self, text, *args, **kwargs):
    parsed.append(len(text))
    return real_parse(self, text, *args, **kwargs)
c_parser.CParser.parse = watched
from brochure.render.weasy import weasyprint
from weasyprint.text.ffi import pango
html = "<p style='font-family: serif'>採用</p>"
assert weasyprint.HTML(string=html).write_pdf()[:5] == b"%PDF-"
print(pango.pango_version() > 0, max(parsed, default=0) > 4096)
"""


def test_weasyprints_c_declarations_are_parsed_once_then_loaded_from_the_cache(tmp_path):
    """The 16 KB of C declarations go through pycparser on the first import only; later
    imports load the parse from the cache folder (sealed); a damaged entry is parsed again
    and written sound. WeasyPrint works in each case."""
    import hashlib
    import os

    cache = tmp_path / "cache"
    env = {**os.environ, "BROCHURE_CACHE_DIR": str(cache)}

    def probe() -> list[str]:
        done = subprocess.run([sys.executable, "-c", PARSED_PROBE], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert probe() == ["True", "True"]  # parsed by pycparser, and kept
    [entry] = (cache / "cffi").iterdir()
    data = entry.read_bytes()
    assert entry.name.endswith(f"-{hashlib.sha256(data).hexdigest()[:16]}.pickle")
    assert probe() == ["True", "False"]  # loaded: pycparser never saw the declarations
    entry.write_bytes(data[: len(data) // 2])  # truncated (a crash while writing, a full disk)
    assert probe() == ["True", "True"]  # parsed again
    [again] = (cache / "cffi").iterdir()
    assert again.read_bytes() == data
