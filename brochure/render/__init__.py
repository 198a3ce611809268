"""HTML and PDF rendering. Importing it first points fontconfig at the bundled fonts only."""

from .fontconfig import use_bundled_fonts_only as _use_bundled_fonts_only

_use_bundled_fonts_only()
