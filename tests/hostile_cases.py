"""The corpus of broken and hostile content: one row per case.

Each case starts from a private copy of the sample content, breaks it in one way (``mutate``),
and says what the build must answer: exit status, the catalogue message (its key), the file,
field and line it must name. ``hostile`` cases also must not open any file outside the
content root, nor create a socket, nor start a process (checked by tests/audit_runner.py).
"""

from __future__ import annotations

import io
import os
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PIL import Image

SECRET = "TOP-SECRET-DO-NOT-LEAK"
SAMPLE_MAIN = Path(__file__).resolve().parents[1] / "content" / "brochure.yaml"


def sample_line(text: str) -> int:
    """Line of ``brochure.yaml`` in the sample that reads ``text`` (so cases survive edits)."""
    return SAMPLE_MAIN.read_text(encoding="utf-8").splitlines().index(text) + 1


VISION_LINE = sample_line("  - sections/vision.yaml")
CMYK_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")  # from Ghostscript (libgs-common)


@dataclass
class Case:
    id: str
    mutate: Callable[[Path, Path], None]  # (content folder, outside folder holding secret.txt)
    key: str | None  # catalogue key of the expected message (None: the build succeeds)
    file: str | None = None
    field: str | None = None
    line: int | None = None
    column: int | None = None  # where the mistake is on its line, when the message gives it
    status: int = 2
    hostile: bool = False
    lang: str = "en"
    also: tuple[tuple[str, str | None], ...] = ()  # further (key, file) expected in the same run
    checks: tuple[str, ...] = ()  # named extra checks on the built PDF (render cases)


# --- small editing helpers ----------------------------------------------------------------

def sub(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def put(content: Path, rel: str, data: str | bytes) -> None:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def link(content: Path, rel: str, target: Path | str) -> None:
    path = content / rel
    path.unlink(missing_ok=True)
    path.symlink_to(target)


def add_section(content: Path, rel: str, text: str | bytes) -> None:
    put(content, rel, text)
    sub(content, "brochure.yaml", "  - sections/back-cover.yaml", f"  - {rel}\n  - sections/back-cover.yaml")


def image_bytes(im: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size (a decompression bomb needs no pixels to be refused)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(
        b"IEND", b"")


def set_photo(content: Path, rel: str, old: str, new_name: str, data: bytes) -> None:
    put(content, f"photos/{new_name}", data)
    sub(content, rel, f"file: photos/{old}", f"file: photos/{new_name}")


def sample_photo(content: Path, name: str = "miyasaka.jpg") -> Image.Image:
    with Image.open(content / "photos" / name) as im:
        return im.convert("RGB")


# --- odd but valid photos (the render case) -------------------------------------------------

def cmyk_jpeg(content: Path) -> bytes:
    rgb = sample_photo(content, "cover.jpg")
    if CMYK_ICC.is_file():
        from PIL import ImageCms

        icc = CMYK_ICC.read_bytes()
        cmyk = ImageCms.profileToProfile(rgb, ImageCms.createProfile("sRGB"),
                                         ImageCms.ImageCmsProfile(io.BytesIO(icc)), outputMode="CMYK")
        return image_bytes(cmyk, "JPEG", icc_profile=icc, quality=90)
    return image_bytes(rgb.convert("CMYK"), "JPEG", quality=90)


def gray16_png(content: Path) -> bytes:
    gray = sample_photo(content).convert("L")
    wide = Image.frombytes("I;16", gray.size, bytes(b for v in gray.tobytes() for b in (v, v)))
    return image_bytes(wide, "PNG")


def heic(content: Path) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return image_bytes(sample_photo(content, "hirai.jpg"), "HEIF", quality=80)


def exif_rotated(content: Path) -> bytes:
    im = sample_photo(content, "kameyama.jpg").transpose(Image.Transpose.ROTATE_90)  # stored sideways
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    return image_bytes(im, "JPEG", exif=exif.tobytes())


def palette_png(content: Path) -> bytes:
    im = sample_photo(content, "office-1.jpg").convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
    return image_bytes(im, "PNG", transparency=0)


def rgba_png(content: Path) -> bytes:
    im = sample_photo(content, "office-2.jpg").convert("RGBA")
    im.putalpha(Image.linear_gradient("L").resize(im.size))
    return image_bytes(im, "PNG")


def la_png(content: Path) -> bytes:
    return image_bytes(sample_photo(content, "office-3.jpg").convert("LA"), "PNG")


def odd_photos_and_injection(c: Path, outside: Path) -> None:
    set_photo(c, "sections/cover.yaml", "cover.jpg", "cover-cmyk.jpg", cmyk_jpeg(c))
    set_photo(c, "sections/message.md", "miyasaka.jpg", "miyasaka-16bit.png", gray16_png(c))
    set_photo(c, "sections/interview-hirai.md", "hirai.jpg", "hirai.heic", heic(c))
    set_photo(c, "sections/interview-kameyama.md", "kameyama.jpg", "kameyama-exif6.jpg", exif_rotated(c))
    set_photo(c, "sections/office.yaml", "office-1.jpg", "office-1-palette.png", palette_png(c))
    set_photo(c, "sections/office.yaml", "office-2.jpg", "office-2-alpha.png", rgba_png(c))
    set_photo(c, "sections/office.yaml", "office-3.jpg", "office-3-la.png", la_png(c))
    # Text fields are escaped: the tags below must be printed, never interpreted.
    sub(c, "sections/office.yaml", "heading: オフィス",
        "heading: '<script>alert(1)</script><link rel=attachment href=\"file:///etc/passwd\">'")
    sub(c, "sections/office.yaml", "caption: デジタルサービス局オフィス4",
        "caption: '</style><style>@import url(http://127.0.0.1:9/x.css);</style><img src=\"file:///etc/passwd\">'")
    sub(c, "sections/interview-hirai.md", "quote: 我々が登るべき山は",
        "quote: <svg><image href=\"file:///etc/passwd\"/></svg>我々が登るべき山は")
    # A link label goes into the QR code's inline SVG <title>, a chart name into the chart.
    sub(c, "brochure.yaml", "label: 採用情報", "label: \"採用情報</title><image href='file:///etc/passwd'/>\"")
    sub(c, "sections/organisation.yaml", "name: サンプル部A（部名は見本）",
        "name: \"<img src=x onerror=alert(1)>部A\"")


# --- the corpus ----------------------------------------------------------------------------

def _no_title(c, o):
    sub(c, "brochure.yaml", 'title: "Hello, Tokyo!"\n', "")


CASES: list[Case] = [
    # YAML syntax and encodings
    Case("yaml-unclosed-quote", lambda c, o: sub(c, "brochure.yaml", 'title: "Hello, Tokyo!"', 'title: "Hello, Tokyo!'),
         "yaml.unclosed_quote", "brochure.yaml", line=5),
    Case("yaml-colon-in-value", lambda c, o: sub(c, "sections/office.yaml", "heading: オフィス", "heading: 場所: 西新宿"),
         "yaml.colon", "sections/office.yaml", line=4, lang="ja"),
    Case("yaml-unclosed-flow-list", lambda c, o: sub(c, "sections/apply.yaml", "[recruit, apply]", "[recruit, apply"),
         "yaml.flow", "sections/apply.yaml", line=7),
    Case("yaml-line-without-colon", lambda c, o: sub(c, "sections/office.yaml", "label: オフィス", "label: オフィス\n見出し"),
         "yaml.no_colon", "sections/office.yaml", line=4),
    Case("yaml-backtick-start", lambda c, o: sub(c, "sections/office.yaml", "heading: オフィス", "heading: `code`"),
         "yaml.bad_start", "sections/office.yaml", line=4),
    Case("yaml-bad-indent", lambda c, o: sub(c, "sections/cover.yaml", "  alt: 東京", " alt: 東京"),
         "yaml.syntax", "sections/cover.yaml", line=5),
    Case("yaml-tab-indent", lambda c, o: sub(c, "sections/cover.yaml", "  file: photos", "\tfile: photos"),
         "yaml.tab", "sections/cover.yaml", line=4, lang="ja"),
    Case("yaml-tab-in-front-matter", lambda c, o: sub(c, "sections/message.md", "  alt: 東京都", "\talt: 東京都"),
         "yaml.tab", "sections/message.md", line=9),
    Case("yaml-duplicate-key", lambda c, o: sub(c, "brochure.yaml", "catch: ", "title: again\ncatch: "),
         "yaml.duplicate_key", "brochure.yaml", field="title", line=6),
    Case("yaml-duplicate-nested-key", lambda c, o: sub(c, "sections/message.md", "  focus: [0.5, 0.3]",
                                                      "  focus: [0.5, 0.3]\n  alt: 二つ目"),
         "yaml.duplicate_key", "sections/message.md", field="portrait.alt", line=11, lang="ja"),
    Case("yaml-top-level-list", lambda c, o: put(c, "sections/cover.yaml", "- type: cover\n"),
         "yaml.not_mapping", "sections/cover.yaml", line=1),
    Case("yaml-alias-bomb", lambda c, o: put(c, "sections/cover.yaml", "type: cover\na: &a [x, x, x, x, x, x, x, x, x]\n"
         + "".join(f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                   for p, n in zip("abcdefgh", "bcdefghi"))),
         "yaml.alias", "sections/cover.yaml", line=3, hostile=True),
    Case("yaml-nesting-bomb", lambda c, o: put(c, "sections/cover.yaml", "type: cover\nx: " + "[" * 50_000 + "]" * 50_000),
         "yaml.too_deep", "sections/cover.yaml", hostile=True),
    Case("yaml-deep-but-parsable", lambda c, o: put(c, "sections/cover.yaml", "type: cover\nx:\n"
                                                   + "".join("  " * i + "- \n" for i in range(100))),
         "yaml.too_deep", "sections/cover.yaml", line=35),
    Case("yaml-python-tag", lambda c, o: sub(c, "sections/cover.yaml", "type: cover",
                                            "type: !!python/object/apply:os.system ['id > /tmp/pwned']"),
         "yaml.tag", "sections/cover.yaml", line=2, hostile=True),
    Case("shift-jis-yaml", lambda c, o: put(c, "sections/vision.yaml",
                                           (c / "sections/vision.yaml").read_text("utf-8").encode("cp932")),
         "file.not_utf8", "sections/vision.yaml", lang="ja"),
    Case("binary-file", lambda c, o: put(c, "sections/cover.yaml", b"type: cover\n\0\0\0\xff"),
         "file.binary", "sections/cover.yaml", line=2),
    Case("empty-main-file", lambda c, o: put(c, "brochure.yaml", ""), "file.empty", "brochure.yaml"),
    Case("empty-section-file", lambda c, o: put(c, "sections/office.yaml", ""), "file.empty",
         "sections/office.yaml", lang="ja"),
    Case("comments-only-section", lambda c, o: put(c, "sections/office.yaml", "# nothing yet\n"),
         "file.empty", "sections/office.yaml"),
    Case("empty-front-matter", lambda c, o: put(c, "sections/message.md", "---\n---\n本文\n"),
         "file.empty", "sections/message.md"),
    Case("ten-megabyte-paragraph", lambda c, o: put(c, "sections/message.md",
                                                   (c / "sections/message.md").read_text("utf-8")
                                                   + "長い段落。" * 700_000),
         "file.too_large", "sections/message.md", hostile=True),
    Case("markdown-without-front-matter", lambda c, o: put(c, "sections/message.md", "# 見出し\n本文\n"),
         "md.no_front_matter", "sections/message.md", line=1),
    Case("markdown-unclosed-front-matter", lambda c, o: put(c, "sections/message.md", "---\ntype: message\n"),
         "md.unclosed_front_matter", "sections/message.md"),
    Case("body-in-front-matter", lambda c, o: sub(c, "sections/message.md", "role: ", "body: x\nrole: "),
         "md.body_field", "sections/message.md", field="body", line=6),
    Case("unsupported-file-type", lambda c, o: add_section(c, "sections/extra.txt", "type: cover\n"),
         "file.type", "sections/extra.txt"),
    # the model: types, required fields, unknown keys
    Case("wrong-type-date", lambda c, o: sub(c, "brochure.yaml", "as_of: 2021-04-01", "as_of: next spring"),
         "value.date", "brochure.yaml", field="as_of", line=11),
    Case("wrong-type-list", lambda c, o: sub(c, "sections/apply.yaml", "links: [recruit, apply]", "links: recruit"),
         "value.type", "sections/apply.yaml", field="links", line=7, lang="ja"),
    Case("wrong-type-bool", lambda c, o: sub(c, "brochure.yaml", "    sample: true\n  - id: apply",
                                            "    sample: maybe\n  - id: apply"),
         "value.type", "brochure.yaml", field="links.0.sample", line=19),
    Case("wrong-type-number", lambda c, o: sub(c, "brochure.yaml", "date: 2021-04-01", "date: 2021-04-01\npad_to_multiple: four"),
         "value.type", "brochure.yaml", field="pad_to_multiple", line=13),
    Case("number-out-of-range", lambda c, o: sub(c, "brochure.yaml", "date: 2021-04-01", "date: 2021-04-01\npad_to_multiple: 0"),
         "value.range", "brochure.yaml", field="pad_to_multiple", line=13),
    Case("empty-required-text", lambda c, o: sub(c, "sections/office.yaml", "heading: オフィス", "heading: ''"),
         "value.empty", "sections/office.yaml", field="heading", line=4),
    Case("too-many-photos", lambda c, o: sub(c, "sections/office.yaml", "    caption: デジタルサービス局オフィス4",
                                            "    caption: デジタルサービス局オフィス4" + "".join(
                                                f"\n  - file: photos/office-1.jpg\n    alt: {n}枚目" for n in range(5, 10))),
         "value.too_many", "sections/office.yaml", field="photos", line=6),
    Case("focus-out-of-range", lambda c, o: sub(c, "sections/cover.yaml", "focus: [0.5, 0.45]", "focus: [2, 0.45]"),
         "value.focus", "sections/cover.yaml", field="key_visual.focus", line=6, lang="ja"),
    Case("javascript-url", lambda c, o: sub(c, "brochure.yaml", "url: https://example.com/recruit/\n",
                                           "url: javascript:alert(document.cookie)\n"),
         "value.url", "brochure.yaml", field="links.0.url", line=18, hostile=True),
    Case("unknown-key-did-you-mean", lambda c, o: sub(c, "brochure.yaml", 'title: "Hello', 'titel: "Hello'),
         "field.did_you_mean", "brochure.yaml", field="titel", line=5),
    Case("unknown-key-nested-photo", lambda c, o: sub(c, "sections/message.md", "  alt: 東京都", "  atl: 東京都"),
         "field.did_you_mean", "sections/message.md", field="portrait.atl", line=9, lang="ja"),
    Case("unknown-key-in-list-item", lambda c, o: sub(c, "brochure.yaml", "    url: https://example.com/\n",
                                                     "    ulr: https://example.com/\n"),
         "field.did_you_mean", "brochure.yaml", field="links.2.ulr", line=26),
    Case("unknown-key-deep-orgchart", lambda c, o: sub(c, "sections/organisation.yaml",
                                                      "    - name: サンプル部A（部名は見本）\n      sample: true",
                                                      "    - name: サンプル部A（部名は見本）\n      smaple: true"),
         "field.did_you_mean", "sections/organisation.yaml", field="chart.children.0.smaple", line=14),
    Case("unknown-key-no-close-match", lambda c, o: sub(c, "sections/back-cover.yaml", "link: home",
                                                       "link: home\nstylesheet: evil.css"),
         "field.unknown", "sections/back-cover.yaml", field="stylesheet", line=4, hostile=True),
    Case("missing-required-main", _no_title, "field.missing", "brochure.yaml", field="title"),
    Case("missing-required-section", lambda c, o: sub(c, "sections/interview-hirai.md",
                                                     "quote: 我々が登るべき山は、東京のDX。巨大で誰も登ったことのない未踏峰です。\n", ""),
         "field.missing", "sections/interview-hirai.md", field="quote"),
    Case("unknown-section-type", lambda c, o: sub(c, "sections/cover.yaml", "type: cover", "type: Cover"),
         "section.type", "sections/cover.yaml", field="type", line=2),
    Case("template-path-as-type", lambda c, o: sub(c, "sections/cover.yaml", "type: cover", "type: ../../../etc/passwd"),
         "section.type", "sections/cover.yaml", field="type", line=2, hostile=True),
    # cross-references
    Case("duplicate-link-id", lambda c, o: sub(c, "brochure.yaml", "  - id: apply", "  - id: recruit"),
         "link.duplicate_id", "brochure.yaml", field="links.1.id", line=20,
         also=(("link.unknown_id", "sections/apply.yaml"),)),
    Case("unknown-link-id", lambda c, o: sub(c, "sections/apply.yaml", "[recruit, apply]", "[recruit, aply]"),
         "link.unknown_id", "sections/apply.yaml", field="links.1", line=7),
    Case("section-file-missing", lambda c, o: (c / "sections/vision.yaml").unlink(),
         "sections.missing", "brochure.yaml", field="sections.2", line=VISION_LINE),
    Case("section-path-traversal", lambda c, o: sub(c, "brochure.yaml", "  - sections/vision.yaml",
                                                   "  - ../secret.txt"),
         "sections.outside", "brochure.yaml", field="sections.2", line=VISION_LINE, hostile=True),
    Case("section-absolute-path", lambda c, o: sub(c, "brochure.yaml", "  - sections/vision.yaml", "  - /etc/passwd"),
         "sections.outside", "brochure.yaml", field="sections.2", line=VISION_LINE, hostile=True),
    Case("section-symlink-out", lambda c, o: link(c, "sections/vision.yaml", o / "secret.txt"),
         "sections.outside", "brochure.yaml", field="sections.2", line=VISION_LINE, hostile=True),
    Case("main-file-symlink-out", lambda c, o: link(c, "brochure.yaml", o / "secret.txt"),
         "file.outside", "brochure.yaml", hostile=True),
    # photos
    Case("photo-missing", lambda c, o: (c / "photos/cover.jpg").unlink(),
         "photo.missing", "sections/cover.yaml", field="key_visual.file", line=4),
    Case("photo-is-a-folder", lambda c, o: ((c / "photos/cover.jpg").unlink(), (c / "photos/cover.jpg").mkdir()),
         "photo.missing", "sections/cover.yaml", field="key_visual.file", line=4),
    Case("photo-path-traversal", lambda c, o: sub(c, "sections/cover.yaml", "file: photos/cover.jpg",
                                                 "file: ../secret.txt"),
         "photo.outside", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    Case("photo-absolute-path", lambda c, o: sub(c, "sections/cover.yaml", "file: photos/cover.jpg",
                                                "file: /etc/passwd"),
         "photo.outside", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    Case("photo-symlink-out", lambda c, o: link(c, "photos/cover.jpg", o / "secret.txt"),
         "photo.outside", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    Case("photo-symlink-to-device", lambda c, o: link(c, "photos/cover.jpg", "/dev/zero"),
         "photo.outside", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    Case("photo-corrupt", lambda c, o: put(c, "photos/cover.jpg", os.urandom(4096)),
         "photo.unreadable", "sections/cover.yaml", field="key_visual.file", line=4, lang="ja"),
    Case("photo-truncated-jpeg", lambda c, o: put(c, "photos/cover.jpg", (c / "photos/cover.jpg").read_bytes()[:3000]),
         "photo.unreadable", "sections/cover.yaml", field="key_visual.file", line=4),
    Case("photo-truncated-png", lambda c, o: set_photo(c, "sections/cover.yaml", "cover.jpg", "cover.png",
                                                      image_bytes(sample_photo(c, "cover.jpg"), "PNG")[:5000]),
         "photo.unreadable", "sections/cover.yaml", field="key_visual.file", line=4),
    Case("two-truncated-photos-in-two-files", lambda c, o: (
        put(c, "photos/cover.jpg", (c / "photos/cover.jpg").read_bytes()[:3000]),
        put(c, "photos/office-4.jpg", (c / "photos/office-4.jpg").read_bytes()[:3000])),
        "photo.unreadable", "sections/cover.yaml", field="key_visual.file", line=4, lang="ja",
        also=(("photo.unreadable", "sections/office.yaml"),)),
    Case("photo-decompression-bomb", lambda c, o: set_photo(c, "sections/cover.yaml", "cover.jpg", "bomb.png",
                                                           png_header_only(40_000, 40_000)),
         "photo.bomb", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    Case("photo-bomb-warning-zone", lambda c, o: set_photo(c, "sections/cover.yaml", "cover.jpg", "big.png",
                                                          png_header_only(13_000, 10_000)),
         "photo.bomb", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    Case("photo-huge-file", lambda c, o: os.truncate(c / "photos/cover.jpg", 70_000_000),
         "photo.too_large_file", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    Case("photo-gif", lambda c, o: put(c, "photos/cover.jpg", image_bytes(sample_photo(c, "cover.jpg"), "GIF")),
         "photo.format", "sections/cover.yaml", field="key_visual.file", line=4),
    Case("photo-tiff", lambda c, o: put(c, "photos/cover.jpg", image_bytes(sample_photo(c, "cover.jpg"), "TIFF")),
         "photo.format", "sections/cover.yaml", field="key_visual.file", line=4),
    Case("photo-svg-with-file-image", lambda c, o: set_photo(
        c, "sections/cover.yaml", "cover.jpg", "cover.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="file:///etc/passwd" width="10" height="10"/>'
        '<image href="http://127.0.0.1:9/x.png"/></svg>'),
        "photo.format", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    Case("photo-eps-disguised-as-jpeg", lambda c, o: put(c, "photos/cover.jpg",
                                                        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
                                                        b"(/etc/passwd) (r) file\nshowpage\n"),
         "photo.format", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    # Markdown bodies
    Case("markdown-file-link", lambda c, o: sub(c, "sections/message.md", "---\n平成", "---\n[履歴](file:///etc/passwd)\n\n平成"),
         "md.link", "sections/message.md", field="body", line=12, hostile=True),
    Case("markdown-relative-link", lambda c, o: sub(c, "sections/message.md", "---\n平成", "---\n[秘密](../../secret.txt)\n\n平成"),
         "md.link", "sections/message.md", field="body", line=12, hostile=True),
    Case("markdown-autolink-file", lambda c, o: sub(c, "sections/message.md", "---\n平成", "---\nsee\n<file:///etc/passwd>\n\n平成"),
         "md.link", "sections/message.md", field="body", line=13, hostile=True),
    Case("markdown-http-image", lambda c, o: sub(c, "sections/message.md", "---\n平成", "---\n![x](http://127.0.0.1:9/t.png)\n\n平成"),
         "md.image", "sections/message.md", field="body", line=12, hostile=True),
    Case("markdown-data-url-image", lambda c, o: sub(c, "sections/message.md", "---\n平成",
                                                    "---\n![x](data:image/png;base64," + "A" * 5000 + ")\n\n平成"),
         "md.image", "sections/message.md", field="body", line=12, hostile=True),
    Case("markdown-script", lambda c, o: sub(c, "sections/message.md", "---\n平成", "---\n<script>alert(1)</script>\n\n平成"),
         "md.html", "sections/message.md", field="body", line=12, hostile=True, lang="ja"),
    Case("markdown-link-attachment", lambda c, o: sub(c, "sections/message.md", "---\n平成",
                                                     "---\n本文 <link rel=attachment href=\"file:///etc/passwd\"> です\n\n平成"),
         "md.html", "sections/message.md", field="body", line=12, hostile=True),
    Case("markdown-css-import", lambda c, o: sub(c, "sections/interview-hirai.md", "## 都庁に入ることを決めた理由",
                                                "<style>@import url(file:///etc/passwd); p { background: url(http://127.0.0.1:9/) }</style>\n\n"
                                                "## 都庁に入ることを決めた理由"),
         "md.html", "sections/interview-hirai.md", field="body", line=13, hostile=True),
    Case("markdown-inline-svg", lambda c, o: sub(c, "sections/interview-hirai.md", "## 都庁に入ることを決めた理由",
                                                "<svg><image xlink:href=\"file:///etc/passwd\"/></svg>\n\n## 都庁に入ることを決めた理由"),
         "md.html", "sections/interview-hirai.md", field="body", line=13, hostile=True),
    # everything of a run is reported, across files
    Case("problems-in-three-files", lambda c, o: (
        sub(c, "brochure.yaml", 'title: "Hello', 'titel: "Hello'),
        sub(c, "sections/cover.yaml", "focus: [0.5, 0.45]", "focus: [2, 0.45]"),
        (c / "photos/office-2.jpg").unlink(),
        sub(c, "sections/message.md", "---\n平成", "---\n<b>太字</b>\n\n平成")),
        "field.did_you_mean", "brochure.yaml", field="titel",
        also=(("value.focus", "sections/cover.yaml"), ("photo.missing", "sections/office.yaml"),
              ("md.html", "sections/message.md"))),
    # second round (issue 18): invisible characters, echoes, line endings, YAML's own readings
    Case("control-char-raw", lambda c, o: sub(c, "sections/office.yaml", "heading: オフィス", "heading: オフ\x07ィス"),
         "text.control_char", "sections/office.yaml", line=4, column=12, hostile=True),
    Case("control-char-escaped", lambda c, o: sub(c, "sections/office.yaml", "heading: オフィス",
                                                 'heading: "オフ\\x08ィス"'),
         "text.control_char", "sections/office.yaml", field="heading", line=4, lang="ja"),
    Case("control-char-in-markdown", lambda c, o: sub(c, "sections/message.md", "---\n平成", "---\n平\x0b成"),
         "text.control_char", "sections/message.md", line=12, column=2),
    Case("bidi-override-name", lambda c, o: sub(c, "sections/message.md", "name: 宮坂 学", "name: 宮坂\u202e 学"),
         "text.bidi", "sections/message.md", line=5, column=9, hostile=True),
    Case("bidi-isolate-escaped", lambda c, o: sub(c, "brochure.yaml", "organisation: 東京都デジタルサービス局",
                                                 'organisation: "東京都\\u2067デジタル"'),
         "text.bidi", "brochure.yaml", field="organisation", line=7, lang="ja"),
    Case("escape-sequence-echoed", lambda c, o: sub(c, "sections/cover.yaml", "type: cover",
                                                   'type: cover\n"\\e[2J\\e]0;pwned\\a": x'),
         "text.control_char", "sections/cover.yaml", line=3, hostile=True),
    Case("escape-sequence-in-photo-name", lambda c, o: sub(c, "sections/cover.yaml", "file: photos/cover.jpg",
                                                          'file: "photos/\\e[31mcover.jpg"'),
         "text.control_char", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    Case("cr-only-line-endings", lambda c, o: put(c, "sections/message.md", (c / "sections/message.md").read_bytes()
                                                 .replace(b"role: ", b"rol: ").replace(b"\n", b"\r")),
         "field.did_you_mean", "sections/message.md", field="rol", line=6),
    Case("yaml-no-read-as-false", lambda c, o: sub(c, "brochure.yaml", 'title: "Hello, Tokyo!"', "title: NO"),
         "value.yaml_bool", "brochure.yaml", field="title", line=5),
    Case("yaml-on-read-as-true", lambda c, o: sub(c, "sections/office.yaml", "heading: オフィス", "heading: on"),
         "value.yaml_bool", "sections/office.yaml", field="heading", line=4, lang="ja"),
    Case("photo-symlink-loop", lambda c, o: ((c / "photos/cover.jpg").unlink(),
                                             os.symlink("cover.jpg", c / "photos/cover.jpg")),
         "photo.loop", "sections/cover.yaml", field="key_visual.file", line=4, hostile=True),
    Case("section-symlink-loop", lambda c, o: ((c / "sections/vision.yaml").unlink(),
                                               os.symlink("vision.yaml", c / "sections/vision.yaml")),
         "sections.loop", "brochure.yaml", field="sections.2", line=VISION_LINE, hostile=True),
    Case("photo-name-case", lambda c, o: (c / "photos/cover.jpg").rename(c / "photos/Cover.JPG"),
         "photo.did_you_mean", "sections/cover.yaml", field="key_visual.file", line=4),
    Case("photo-name-nfd", lambda c, o: ((c / "photos/office-1.jpg").rename(
        c / "photos" / unicodedata.normalize("NFD", "オフィズ.jpg")),
        sub(c, "sections/office.yaml", "file: photos/office-1.jpg", "file: photos/オフィズ.jpg")),
         "photo.did_you_mean", "sections/office.yaml", field="photos.0.file", line=7, lang="ja"),
    Case("date-month-13", lambda c, o: sub(c, "brochure.yaml", "as_of: 2021-04-01", "as_of: 2021-13-01"),
         "value.date", "brochure.yaml", field="as_of", line=11),
    Case("date-month-13-day-45", lambda c, o: sub(c, "brochure.yaml", "as_of: 2021-04-01", "as_of: 2021-13-45"),
         "value.date", "brochure.yaml", field="as_of", line=11, lang="ja"),
    Case("date-february-30", lambda c, o: sub(c, "sections/organisation.yaml", "as_of: ", "as_of: 2021-02-30 #"),
         "value.date", "sections/organisation.yaml", field="as_of", line=7),
    Case("yaml-timestamp-tag", lambda c, o: sub(c, "brochure.yaml", "as_of: 2021-04-01", "as_of: !!timestamp tomorrow"),
         "yaml.tag", "brochure.yaml", line=11),
    Case("yaml-str-tag-on-date", lambda c, o: sub(c, "brochure.yaml", "date: 2021-04-01", "date: !!str 2021-04-01"),
         "yaml.tag", "brochure.yaml", line=12),
    Case("channel-id-with-slash", lambda c, o: sub(c, "brochure.yaml", "  - id: fair-tokyo", "  - id: fair/../tokyo"),
         "channel.id", "brochure.yaml", field="channels.0.id", line=32, hostile=True),
    Case("qr-url-too-long", lambda c, o: sub(c, "brochure.yaml", "url: https://example.com/recruit/\n",
                                            "url: https://example.com/recruit/?" + "q=x&" * 375 + "\n"),
         "value.url_qr", "brochure.yaml", field="links.0.url", line=18, hostile=True),
    # valid but unusual: every odd photo format converted, every injected tag printed as text
    Case("odd-photos-and-html-injection", odd_photos_and_injection, None, status=0, hostile=True,
         checks=("injection-printed", "no-attachments", "all-photos-embedded")),
]


# Hostile HTML given straight to the renderer (content cannot produce it: these prove the
# fetcher's own refusal). Each must fail with RenderError before any byte leaves the machine.
HOSTILE_HTML: dict[str, str] = {
    "css-import-file": "<style>@import url(file:///etc/passwd);</style><p>x</p>",
    "css-import-http": "<style>@import url(http://127.0.0.1:9/x.css);</style><p>x</p>",
    "css-url-https": "<p style=\"background: url(https://127.0.0.1:9/x.png)\">x</p>",
    "css-font-face-file": "<style>@font-face { font-family: X; src: url(file:///etc/passwd) } "
                          "p { font-family: X }</style><p>x</p>",
    "img-ftp": "<img src=\"ftp://127.0.0.1:9/x.png\">",
    "img-data-url": "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\">",
    "svg-image-file": "<svg width=\"10\" height=\"10\"><image href=\"file:///etc/passwd\" width=\"10\" "
                      "height=\"10\"/></svg>",
    "svg-xlink-http": "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\">"
                      "<image xlink:href=\"http://127.0.0.1:9/x.png\" width=\"10\" height=\"10\"/></svg>",
    "link-attachment": "<link rel=\"attachment\" href=\"file:///etc/passwd\"><p>x</p>",
    "a-attachment": "<a rel=\"attachment\" href=\"file:///etc/passwd\">x</a>",
    "file-url-remote-host": "<img src=\"file://127.0.0.1/etc/passwd\">",
    # Enough '..' to reach / from any cache folder: refused as outside the cache, not as missing.
    "cache-scheme-traversal": "<img src=\"brochure-cache:" + "../" * 40 + "etc/passwd\">",
    "relative-traversal": "<img src=\"../../../../../../etc/passwd\">",
}
