"""Run make_pdf.py on a machine that lacks one system library: ``missing_library_runner.py NAME
ARGS...``. Every attempt to load a C library whose name contains NAME fails as it does when the
library is not installed (cffi's dlopen raises OSError); WeasyPrint and brochure are real."""

import sys

import cffi

missing = sys.argv[1]
_dlopen = cffi.FFI.dlopen


def dlopen(self, name, flags=0):
    if name and missing in str(name):
        raise OSError(f"cannot load library '{name}': {name}: cannot open shared object file: "
                      "No such file or directory")
    return _dlopen(self, name, flags)


cffi.FFI.dlopen = dlopen
sys.argv = ["make_pdf.py", *sys.argv[2:]]

from brochure.cli import make_pdf_main  # noqa: E402

sys.exit(make_pdf_main())
