"""Photos as they come from phones, cameras and agencies: each converted correctly (checked on
the fitted pixels) or rejected with a message naming the file and field."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from hostile_cases import CMYK_ICC, image_bytes, png_header_only

from brochure.assets.photos import Frame, fit_photo
from brochure.content.model import Photo
from brochure.errors import ContentError

FRAME = Frame(40, 40)  # square, 40 mm
DPI = 60  # ≈ 94 px: small and fast


def fit(tmp_path: Path, data: bytes, name: str = "p.jpg") -> Image.Image:
    (tmp_path / "photos").mkdir(exist_ok=True)
    (tmp_path / "photos" / name).write_bytes(data)
    fitted = fit_photo(Photo(file=f"photos/{name}", alt="x"), FRAME, tmp_path, tmp_path / "cache",
                       dpi=DPI, display="sections/x.yaml", field="portrait.file")
    with Image.open(fitted.path) as im:
        assert im.format == "JPEG" and im.mode == "RGB"
        assert not im.getexif()  # metadata stripped
        return im.copy()


def halves(left, right, size=(200, 100), mode="RGB") -> Image.Image:
    im = Image.new(mode, size, left)
    im.paste(Image.new(mode, (size[0] // 2, size[1]), right), (size[0] // 2, 0))
    return im


def close(pixel, expected, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected))


def test_exif_rotated_phone_photo_is_turned_upright(tmp_path):
    # Upright the photo is red on top, blue below; the file stores it turned 90° to the left
    # with orientation 6 ("rotate 90° clockwise to view"), as phones do.
    upright = Image.new("RGB", (100, 200), (220, 0, 0))
    upright.paste(Image.new("RGB", (100, 100), (0, 0, 220)), (0, 100))
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    im = fit(tmp_path, image_bytes(stored, "JPEG", exif=exif.tobytes()))
    w, h = im.size
    assert close(im.getpixel((w // 2, 2)), (220, 0, 0)) and close(im.getpixel((w // 2, h - 3)), (0, 0, 220))


@pytest.mark.skipif(not CMYK_ICC.is_file(), reason="Ghostscript's CMYK profile not installed")
def test_cmyk_jpeg_with_profile_is_converted_through_it(tmp_path):
    icc = CMYK_ICC.read_bytes()
    rgb = halves((200, 30, 30), (30, 90, 200))
    cmyk = ImageCms.profileToProfile(rgb, ImageCms.createProfile("sRGB"),
                                     ImageCms.ImageCmsProfile(io.BytesIO(icc)), outputMode="CMYK")
    im = fit(tmp_path, image_bytes(cmyk, "JPEG", icc_profile=icc, quality=95))
    w, h = im.size
    assert close(im.getpixel((5, h // 2)), (200, 30, 30), 45)
    assert close(im.getpixel((w - 5, h // 2)), (30, 90, 200), 45)
    profile = ImageCms.ImageCmsProfile(io.BytesIO(im.info["icc_profile"]))
    assert profile.profile.xcolor_space.strip() == "RGB"  # never a CMYK profile on RGB pixels


def test_cmyk_jpeg_without_profile_is_not_inverted(tmp_path):
    im = fit(tmp_path, image_bytes(halves((255, 255, 255), (0, 0, 0)).convert("CMYK"), "JPEG"))
    w, h = im.size
    assert sum(im.getpixel((5, h // 2))) > 600 and sum(im.getpixel((w - 5, h // 2))) < 150


def test_sixteen_bit_grey_png(tmp_path):
    grey = Image.frombytes("I;16", (120, 120), (40000).to_bytes(2, "little") * 120 * 120)
    assert grey.getpixel((5, 5)) == 40000  # 40000/65535 ≈ 61 % → 156 in 8 bits
    im = fit(tmp_path, image_bytes(grey, "PNG"), "g.png")
    assert close(im.getpixel((50, 50)), (156, 156, 156), 4)


def test_palette_png_with_transparency_is_flattened_on_white(tmp_path):
    p = halves((255, 0, 0), (0, 255, 0)).convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    green = p.getpixel((150, 50))
    im = fit(tmp_path, image_bytes(p, "PNG", transparency=green), "p.png")
    w, h = im.size
    assert close(im.getpixel((3, h // 2)), (255, 0, 0)) and close(im.getpixel((w - 3, h // 2)), (255, 255, 255))


def test_png_alpha_is_flattened_on_white(tmp_path):
    rgba = halves((0, 0, 255, 255), (0, 0, 255, 0), mode="RGBA")
    im = fit(tmp_path, image_bytes(rgba, "PNG"), "a.png")
    w, h = im.size
    assert close(im.getpixel((3, h // 2)), (0, 0, 255)) and close(im.getpixel((w - 3, h // 2)), (255, 255, 255))


def test_heic_from_a_phone(tmp_path):
    import pillow_heif

    pillow_heif.register_heif_opener()
    im = fit(tmp_path, image_bytes(halves((230, 120, 0), (0, 140, 90)), "HEIF", quality=90), "p.heic")
    w, h = im.size
    assert close(im.getpixel((5, h // 2)), (230, 120, 0)) and close(im.getpixel((w - 5, h // 2)), (0, 140, 90))


# In a fresh process (this one has registered the HEIF opener long ago): pillow_heif is
# imported only for a file that may be HEIF, other formats are named as before, and a HEIC
# photo is fitted without anyone registering the opener first.
FRESH_PROCESS = r"""
import json, sys
from pathlib import Path
from brochure.assets.photos import Frame, fit_photo
from brochure.content.model import Photo
from brochure.errors import ContentError

root = Path(sys.argv[1])
seen = {}
for name in ("p.gif", "p.jpg", "p.heic"):
    try:
        fitted = fit_photo(Photo(file=f"photos/{name}", alt="x"), Frame(40, 40), root, root / "cache",
                           dpi=60, display="sections/x.yaml", field="portrait.file")
        seen[name] = ["fitted", fitted.width_px, "pillow_heif" in sys.modules]
    except ContentError as exc:
        seen[name] = [exc.key, str(exc), "pillow_heif" in sys.modules]
print(json.dumps(seen))
"""


def test_heic_opener_is_registered_only_when_a_photo_may_be_heif(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import ROOT

    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "p.gif").write_bytes(image_bytes(Image.new("P", (40, 40)), "GIF"))
    (photos / "p.jpg").write_bytes(image_bytes(halves((230, 120, 0), (0, 140, 90)), "JPEG"))
    import pillow_heif

    pillow_heif.register_heif_opener()
    (photos / "p.heic").write_bytes(image_bytes(halves((230, 120, 0), (0, 140, 90)), "HEIF", quality=90))
    run = subprocess.run([sys.executable, "-c", FRESH_PROCESS, str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen["p.gif"][0] == "photo.format" and "GIF" in seen["p.gif"][1] and not seen["p.gif"][2]
    assert seen["p.jpg"] == ["fitted", 94, False]
    assert seen["p.heic"] == ["fitted", 94, True]


@pytest.mark.parametrize("data, key", [
    (b"\xff\xd8\xff\xe0 not really a jpeg", "photo.unreadable"),
    (png_header_only(50_000, 50_000), "photo.bomb"),
    (b"GIF89a" + b"\0" * 32, "photo.format"),
])
def test_broken_photo_is_a_content_error_naming_file_and_field(tmp_path, data, key):
    with pytest.raises(ContentError) as caught:
        fit(tmp_path, data)
    assert caught.value.key == key
    assert caught.value.file == "sections/x.yaml" and caught.value.field == "portrait.file"
    assert "photos/p.jpg" in caught.value.format("en")
