"""Photos through Pillow: orientation, focal-point crop, resampling, metadata stripped, cache."""

from __future__ import annotations

import os

from PIL import Image

from brochure.assets.photos import Frame, crop_box, fit_photo
from brochure.content.model import Photo

RED, BLUE = (220, 20, 20), (20, 20, 220)


def make(path, size=(1200, 800), exif=None, comment=None, marker_at=None):
    im = Image.new("RGB", size, BLUE)
    if marker_at:  # a red square around a point given in 0..1
        x, y = int(marker_at[0] * size[0]), int(marker_at[1] * size[1])
        im.paste(RED, (x - 40, y - 40, x + 40, y + 40))
    kwargs = {}
    if exif is not None:
        kwargs["exif"] = exif
    if comment:
        kwargs["comment"] = comment
    im.save(path, "JPEG", quality=95, **kwargs)


def test_exif_orientation_is_applied(tmp_path):
    src = tmp_path / "phone.jpg"
    # Stored landscape with the red mark on the left; orientation 6 = rotate 90° clockwise to view.
    exif = Image.Exif()
    exif[0x0112] = 6
    make(src, (1200, 800), exif=exif, marker_at=(0.05, 0.5))
    fitted = fit_photo(Photo(file="phone.jpg", alt="x"), Frame(40, 60), tmp_path, tmp_path / "cache")
    with Image.open(fitted.path) as out:
        assert out.width < out.height  # viewed upright: portrait
        w, h = out.size
        top = out.getpixel((w // 2, int(h * 0.05)))
        assert top[0] > 150 and top[2] < 100  # the mark is now at the top


def test_crop_keeps_the_focal_point(tmp_path):
    src = tmp_path / "wide.jpg"
    make(src, (3000, 1000), marker_at=(0.9, 0.5))
    photo = Photo(file="wide.jpg", alt="x", focus=(0.9, 0.5))
    fitted = fit_photo(photo, Frame(50, 50), tmp_path, tmp_path / "cache")
    with Image.open(fitted.path) as out:
        assert abs(out.width - out.height) <= 1
        # The mark (x = 2700 of 3000) stays in view: the crop is clamped to the right edge.
        assert out.getpixel((int(out.width * 0.7), out.height // 2))[0] > 150
    assert crop_box((3000, 1000), 1.0, (0.9, 0.5)) == (2000, 0, 3000, 1000)  # clamped to the edge
    assert crop_box((3000, 1000), 1.0, (0.5, 0.5)) == (1000, 0, 2000, 1000)


def test_resampled_to_350_dpi_of_placed_size_and_never_upscaled(tmp_path):
    make(tmp_path / "big.jpg", (4000, 4000))
    fitted = fit_photo(Photo(file="big.jpg", alt="x"), Frame(50, 50), tmp_path, tmp_path / "c")
    assert fitted.width_px == round(50 / 25.4 * 350) and abs(fitted.dpi - 350) < 1
    make(tmp_path / "small.jpg", (300, 300))
    small = fit_photo(Photo(file="small.jpg", alt="x"), Frame(50, 50), tmp_path, tmp_path / "c")
    assert small.width_px == 300 and small.dpi < 160  # reported, not invented


def test_metadata_is_stripped(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    gps = {1: "N", 2: (35.0, 41.0, 22.0), 3: "E", 4: (139.0, 41.0, 30.0)}
    exif[0x8825] = gps
    make(tmp_path / "gps.jpg", exif=exif, comment=b"secret note")
    with Image.open(tmp_path / "gps.jpg") as original:
        assert original.getexif().get_ifd(0x8825)  # the source really has GPS
    fitted = fit_photo(Photo(file="gps.jpg", alt="x"), Frame(60, 40), tmp_path, tmp_path / "c")
    with Image.open(fitted.path) as out:
        assert not out.getexif()
        assert "comment" not in out.info and "exif" not in out.info
    assert b"PhoneMaker" not in fitted.path.read_bytes()
    assert b"secret note" not in fitted.path.read_bytes()


def test_cache_by_content_hash(tmp_path):
    make(tmp_path / "p.jpg", marker_at=(0.5, 0.5))
    photo = Photo(file="p.jpg", alt="x")
    first = fit_photo(photo, Frame(60, 40), tmp_path, tmp_path / "c")
    stamp = first.path.stat().st_mtime_ns
    os.utime(tmp_path / "p.jpg")  # touching the file does not invalidate
    again = fit_photo(photo, Frame(60, 40), tmp_path, tmp_path / "c")
    assert again.path == first.path and again.path.stat().st_mtime_ns == stamp
    make(tmp_path / "p.jpg", marker_at=(0.2, 0.2))  # new pixels: new entry
    changed = fit_photo(photo, Frame(60, 40), tmp_path, tmp_path / "c")
    assert changed.path != first.path
    other_frame = fit_photo(photo, Frame(40, 40), tmp_path, tmp_path / "c")
    assert other_frame.path not in (first.path, changed.path)


def test_sample_photos_are_marked_placeholders():
    from brochure.assets.placeholders import is_placeholder
    from conftest import CONTENT

    photos = sorted((CONTENT / "photos").glob("*.jpg"))
    assert len(photos) == 8 and all(is_placeholder(p) for p in photos)


def test_shade_is_baked_into_the_pixels_not_left_as_live_transparency(tmp_path):
    Image.new("RGB", (800, 1200), (255, 255, 255)).save(tmp_path / "white.jpg")
    fitted = fit_photo(Photo(file="white.jpg", alt="x"), Frame(40, 60, shade_top=0.5), tmp_path, tmp_path / "c")
    with Image.open(fitted.path) as out:
        top, middle, bottom = (out.getpixel((out.width // 2, y)) for y in (2, out.height // 4, out.height - 3))
    assert top[0] < 50 and top[2] < 100  # navy at the top
    assert top[0] < middle[0] < 250  # fading
    assert min(bottom) > 245  # untouched below the shade
