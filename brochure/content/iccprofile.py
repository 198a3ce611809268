"""ICC profiles for print as content: read and validate a profile's header (the print shop's
``print.output_intent``, ``--output-intent``), and describe the printing condition an output
profile stands for (its name, and the total ink limit that goes with it). Validation
(``content.load``), PDF/X finishing (``press.pdfx``) and preflight (``check``) read profiles here.

Only the header and the tag table are read (ICC.1 / ISO 15076-1): size, the ``acsp`` signature,
the profile class (``prtr`` = output device), the colour space (``CMYK``), the version and the
``desc`` tag. The colour transforms themselves are left to Ghostscript and the print shop's RIP.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..messages import Word

HEADER_BYTES = 128
# PDF/X-4 is based on PDF 1.6 and ICC.1:2004-10: profile versions 2.x and 4.0–4.2.
MAX_VERSION = (4, 2)
BUNDLED = Path(__file__).resolve().parents[1] / "press" / "icc" / "FOGRA39L_coated.icc"
DEFAULT_INK_LIMIT = 350  # % total area coverage when the printing condition is not known

CLASSES = ("scnr", "mntr", "prtr", "link", "spac", "abst", "nmcl")  # ICC profile classes
CHANNELS = {b"GRAY": 1, b"RGB ": 3, b"CMYK": 4, b"Lab ": 3, b"XYZ ": 3, b"CMY ": 3}

# Usual total ink limits of printing conditions, found in the profile's description (letters
# and digits only, lower case). First match wins, so the specific names come first. The shop's
# own number wins over these: --ink-limit, or print.ink_limit in brochure.yaml.
KNOWN_CONDITIONS: tuple[tuple[str, str, int], ...] = (
    # (pattern in the description, printing condition, ink limit %)
    ("japancolor2001coated", "Japan Color 2001 Coated", 350),
    ("japancolor2001uncoated", "Japan Color 2001 Uncoated", 310),
    ("japancolor2003webcoated", "Japan Color 2003 Web Coated", 320),
    ("japancolor2011coated", "Japan Color 2011 Coated", 350),
    ("isocoatedv2300", "ISO Coated v2 300 % (FOGRA39)", 300),
    ("fogra39", "FOGRA39 (ISO 12647-2 coated)", 330),
    ("isocoatedv2", "ISO Coated v2 (FOGRA39)", 330),
    ("fogra29", "FOGRA29 (ISO 12647-2 uncoated)", 300),
    ("isouncoated", "ISO Uncoated (FOGRA29)", 300),
    ("fogra51", "FOGRA51 (PSO Coated v3)", 300),
    ("psocoatedv3", "PSO Coated v3 (FOGRA51)", 300),
    ("fogra52", "FOGRA52 (PSO Uncoated v3)", 300),
    ("psouncoatedv3", "PSO Uncoated v3 (FOGRA52)", 300),
    ("gracol", "GRACoL coated", 320),
    ("swop", "SWOP", 300),
)


class IccError(ValueError):
    """A profile that cannot serve: ``key`` and ``params`` name a catalogue message."""

    def __init__(self, key: str, **params):
        super().__init__(key, params)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class IccHeader:
    size: int
    profile_class: str  # "prtr", "mntr", …
    colour_space: str  # "CMYK", "RGB", "GRAY", …
    pcs: str
    version: tuple[int, int]
    description: str
    tags: frozenset[str]

    @property
    def channels(self) -> int | None:
        return CHANNELS.get(self.colour_space.ljust(4).encode())

    @property
    def version_text(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"


def _text(data: bytes, offset: int, size: int) -> str:
    """A ``desc`` (ICC v2 textDescriptionType), ``mluc`` (v4) or ``text`` tag as a string."""
    tag = data[offset:offset + size]
    kind = tag[:4]
    try:
        if kind == b"desc":
            count = struct.unpack(">I", tag[8:12])[0]
            return tag[12:12 + count].split(b"\0", 1)[0].decode("latin-1").strip()
        if kind == b"mluc":
            records = struct.unpack(">I", tag[8:12])[0]
            if records:
                length, start = struct.unpack(">II", tag[16 + 4:16 + 12])
                return tag[start:start + length].decode("utf-16-be", "replace").strip("\0 ")
        if kind == b"text":
            return tag[8:].split(b"\0", 1)[0].decode("latin-1").strip()
    except (struct.error, UnicodeDecodeError):
        pass
    return ""


def read_header(data: bytes) -> IccHeader:
    """The header and tag table of an ICC profile; :class:`IccError` if it is not a usable one."""
    if len(data) < HEADER_BYTES + 4 or data[36:40] != b"acsp":
        raise IccError("icc.not_icc")
    size = struct.unpack(">I", data[:4])[0]
    if size != len(data):
        raise IccError("icc.size", declared=size, actual=len(data))
    major, minor = data[8], data[9] >> 4
    count = struct.unpack(">I", data[HEADER_BYTES:HEADER_BYTES + 4])[0]
    if HEADER_BYTES + 4 + 12 * count > size:
        raise IccError("icc.tags")
    tags: dict[str, tuple[int, int]] = {}
    for i in range(count):
        sig, offset, length = struct.unpack(">4sII", data[HEADER_BYTES + 4 + 12 * i:HEADER_BYTES + 16 + 12 * i])
        if offset + length > size:
            raise IccError("icc.tags")
        tags[sig.decode("latin-1")] = (offset, length)
    description = _text(data, *tags["desc"]) if "desc" in tags else ""
    return IccHeader(size, data[12:16].decode("latin-1"), data[16:20].decode("latin-1").strip(),
                     data[20:24].decode("latin-1").strip(), (major, minor), description, frozenset(tags))


def check_output_header(header: IccHeader, spaces: tuple[str, ...] = ("CMYK",)) -> None:
    """What PDF/X-4 asks of an output intent's profile; :class:`IccError` otherwise. The print
    edition takes CMYK only; a PDF made elsewhere may also have a Gray or RGB condition."""
    if header.profile_class != "prtr":
        known = header.profile_class in CLASSES
        kind = Word(f"icc.kind.{header.profile_class}") if known else header.profile_class
        raise IccError("icc.class", kind=kind, signature=header.profile_class)
    if header.colour_space not in spaces:
        raise IccError("icc.colour_space", space=header.colour_space)
    if header.version[0] not in (2, 4) or header.version > MAX_VERSION:
        raise IccError("icc.version", version=header.version_text)
    # A CMYK output profile converts through lookup tables both ways (ICC.1: A2B0 and B2A0).
    missing = [t for t in ("A2B0", "B2A0") if t not in header.tags] if header.colour_space == "CMYK" else []
    if missing:
        raise IccError("icc.conversion", missing=", ".join(missing))


@dataclass(frozen=True)
class OutputProfile:
    """A validated CMYK output profile: what the print edition's output intent embeds."""

    data: bytes
    name: str  # file name, e.g. "JapanColor2011Coated.icc"
    header: IccHeader
    bundled: bool = False

    @property
    def description(self) -> str:
        return self.header.description or Path(self.name).stem

    @property
    def condition(self) -> tuple[str, int] | None:
        """(printing condition, usual ink limit) when the description names a known one."""
        return known_condition(self.description)

    @property
    def ink_limit(self) -> int:
        known = self.condition
        return known[1] if known else DEFAULT_INK_LIMIT


def known_condition(description: str) -> tuple[str, int] | None:
    key = re.sub(r"[^a-z0-9]", "", description.lower())
    for pattern, condition, limit in KNOWN_CONDITIONS:
        if pattern in key:
            return condition, limit
    return None


def load_output_profile(path: Path) -> OutputProfile:
    """Read and validate a print shop's profile; :class:`IccError` says what is wrong."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise IccError("icc.unreadable", reason=exc.strerror or type(exc).__name__) from None
    header = read_header(data)
    check_output_header(header)
    return OutputProfile(data, Path(path).name, header, bundled=Path(path).resolve() == BUNDLED)


@cache
def bundled_profile() -> OutputProfile:
    return load_output_profile(BUNDLED)


def ink_limit_of(profile_data: bytes | None) -> tuple[int, str]:
    """(ink limit %, printing condition or profile description) for an embedded profile."""
    if not profile_data:
        return DEFAULT_INK_LIMIT, ""
    try:
        header = read_header(profile_data)
    except IccError:
        return DEFAULT_INK_LIMIT, ""
    known = known_condition(header.description)
    return (known[1], header.description) if known else (DEFAULT_INK_LIMIT, header.description)
