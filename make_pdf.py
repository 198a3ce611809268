"""Build the brochure: ``uv run make_pdf.py [--content DIR] [--out DIR]``."""

from brochure.cli import exit_now, make_pdf_main

if __name__ == "__main__":
    exit_now(make_pdf_main())
