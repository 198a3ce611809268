"""brochure: content files in, a typeset Japanese recruitment pamphlet out (see README.md)."""

from . import bytecode as _bytecode

_bytecode.install()  # first: the package's other modules may come compiled from the cache

