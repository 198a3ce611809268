"""Photo colours (issue 18 item 4) and the PDF's dates (issue 20 defect 4): an Adobe RGB photo
is converted through its profile into the sRGB both editions declare; a photo without a profile
is taken as sRGB and the build (a notice) and ``check`` (an info finding) say so; without
``date`` the print edition is dated by ``as_of`` (PDF/X needs a date) and says so, the screen
edition has none — never an invented one."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms

from conftest import CONTENT

from brochure.assets.photos import Frame, fit_photo
from brochure.content.model import Photo

ADOBE_RGB = Path("/usr/share/color/icc/compatibleWithAdobeRGB1998.icc")  # icc-profiles-free (.ci/run)
MEANT = (30, 180, 40)  # the green the photographer meant (sRGB)


def _adobe_rgb_jpeg(size=(1600, 1200)) -> bytes:
    """A photo exported in Adobe RGB: the meant green is stored as ≈ (104, 179, 58)."""
    if not ADOBE_RGB.is_file():
        pytest.skip(f"{ADOBE_RGB} missing (apt-get install icc-profiles-free; .ci/run installs it)")
    profile = ImageCms.getOpenProfile(str(ADOBE_RGB))
    stored = ImageCms.profileToProfile(Image.new("RGB", size, MEANT), ImageCms.createProfile("sRGB"), profile,
                                       outputMode="RGB")
    assert abs(stored.getpixel((0, 0))[0] - 104) <= 2  # as the issue measured
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=95, icc_profile=ADOBE_RGB.read_bytes())
    return buffer.getvalue()


def _near(pixel, expected, tolerance=6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected))


def test_an_adobe_rgb_photo_is_converted_through_its_profile(tmp_path):
    (tmp_path / "adobe.jpg").write_bytes(_adobe_rgb_jpeg((400, 300)))
    fitted = fit_photo(Photo(file="adobe.jpg", alt="x"), Frame(40, 30), tmp_path, tmp_path / "cache", dpi=150)
    with Image.open(fitted.path) as im:
        pixel = im.convert("RGB").getpixel((im.width // 2, im.height // 2))
        icc = im.info.get("icc_profile")
    assert _near(pixel, MEANT), pixel  # not (104, 179, 58): the colours as meant
    assert icc and "sRGB" in ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))


def test_photo_profiles_and_the_print_date_are_said_and_never_invented(tmp_path):
    from brochure.build import prepare
    from brochure.check.context import CheckContext
    from brochure.check.document import PrintedDocument
    from brochure.check.images import check_images
    from brochure.content.texts import read_sources, text_fields
    from brochure.render.assets import build_views

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "photos" / "office-1.jpg").write_bytes(_adobe_rgb_jpeg())
    Image.new("RGB", (1600, 1200), (200, 120, 60)).save(content / "photos" / "office-2.jpg", quality=90)  # no profile
    main = content / "brochure.yaml"
    main.write_text("".join(line for line in main.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("date:")), encoding="utf-8")

    # One build, by the command (both editions): it says each notice once, as a line of its own
    # (here: one JSON event each, in English), and its PDFs are inspected below.
    import contextlib
    import json

    from brochure.cli import main

    out = tmp_path / "out"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        assert main(["build", "--content", str(content), "--out", str(out), "--json", "--lang", "en"]) == 0
    events = [json.loads(line) for line in stdout.getvalue().splitlines() if line.startswith("{")]
    notices = [e for e in events if e["event"] == "notice"]
    assert [e["message"] for e in notices] == [
        "brochure.yaml: date: no publication date: the print edition (PDF/X needs one) is dated as of 2021-04-01, "
        "the as_of date — add date: YYYY-MM-DD to brochure.yaml for the date the brochure is published",
        "sections/office.yaml:10: photos.1.file: photos/office-2.jpg has no colour profile embedded: its colours "
        "were taken as sRGB — if it was shot or edited in Adobe RGB (or another wide colour space), export it again "
        "as sRGB or save it with its profile embedded; a phone photo in sRGB needs nothing",
    ]
    said = [(e["file"], e["field"], e["line"]) for e in notices]
    assert said == [("brochure.yaml", "date", None), ("sections/office.yaml", "photos.1.file", 10)]
    written = {e["edition"]: Path(e["path"]) for e in events if e["event"] == "written"}
    print_pdf, screen_pdf = written["print"], written["screen"]
    with pikepdf.open(print_pdf) as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20210401000000Z" == str(pdf.docinfo.ModDate)
        greens = []
        for page in pdf.pages:
            for raw in page.get_images().values():
                im = pikepdf.PdfImage(raw).as_pil_image().convert("RGB")
                greens.append(im.getpixel((im.width // 2, im.height // 2)))
        assert any(_near(p, MEANT) for p in greens), greens  # the office photo as meant
        assert not any(_near(p, (104, 179, 58)) for p in greens)
    with pikepdf.open(screen_pdf) as pdf:
        assert "/CreationDate" not in pdf.docinfo  # "else none", as the README says

    prepared = prepare(content, out)
    views = build_views(prepared.brochure, prepared.content_root, prepared.cache, dpi=350, quality=90,
                        shared=prepared.shared)
    sources = read_sources(prepared.content_root, prepared.brochure.section_files)
    doc = PrintedDocument.open(print_pdf)
    try:
        for entry in doc.plan:
            index = entry.get("section")
            if isinstance(index, int) and views[index].type == entry.get("type"):
                views[index] = views[index].with_variant(entry["variant"], **(entry.get("opts") or {}))
        ctx = CheckContext(prepared.content_root, prepared.brochure, sources, text_fields(sources), views, doc)
        found = [(f.severity, f.code, f.file, f.field, f.line) for f in check_images(ctx)
                 if f.code == "photo-no-profile"]
    finally:
        doc.close()
    assert found == [("info", "photo-no-profile", "sections/office.yaml", "photos.1.file", 10)]
