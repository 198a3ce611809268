"""Build the brochure: ``uv run make_pdf.py [--content DIR] [--out DIR]``."""

import sys

from brochure.cli import make_pdf_main

if __name__ == "__main__":
    sys.exit(make_pdf_main())
