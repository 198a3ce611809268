"""No system fonts, ever: fontconfig is pointed at ``fonts/fonts.conf`` before WeasyPrint starts.

WeasyPrint asks fontconfig for fonts (``FcInitLoadConfigAndFonts``, first when ``weasyprint`` is
imported), and fontconfig reads the file named by ``FONTCONFIG_FILE`` at that moment. The
bundled file includes no system configuration and lists one font folder, holding only the
last-resort box font (Pango crashes with no font at all); the real fonts are those
``styles/fonts.css`` adds by file (``@font-face``): the same on every machine, whatever it
has installed. A character none of them has is drawn as the last resort's box, and the build
warns about it (:mod:`.coverage`).

:func:`use_bundled_fonts_only` runs when ``brochure.render`` is imported (its ``__init__``), i.e.
before any module of the tool can import WeasyPrint, and the environment variable is inherited
by every worker process (personalize, watch rebuilds, check). It replaces any value the caller
had: builds must not depend on the machine.
"""

from __future__ import annotations

import os

from ..paths import FONTS

CONFIG = FONTS / "fonts.conf"


def use_bundled_fonts_only() -> None:
    os.environ["FONTCONFIG_FILE"] = str(CONFIG)
    os.environ.pop("FONTCONFIG_PATH", None)  # would let fontconfig look for a fonts.conf elsewhere
