"""Brand settings (issue 19 item 1): a copy of the sample with red/black brand colours, a
yellow highlight and an SVG logo with a spot colour, built once (both editions) for the module.
The PDFs' colour operators are read with pikepdf."""

from __future__ import annotations

import shutil

import pikepdf
import pytest

from conftest import CONTENT

RED_CMYK = (0.0, 1.0, 1.0, 0.0)
RED_RGB = (0xE6, 0x00, 0x12)
NAVY_CMYK = (1.0, 0.78, 0.18, 0.32)  # the theme's primary (styles/tokens.css)
NAVY_RGB = (41, 70, 113)  # its screen value (styles/editions/screen.css)

LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">
  <rect x="0" y="0" width="40" height="40" rx="6" fill="#E60012"/>
  <circle cx="20" cy="20" r="10" style="fill: #FFFFFF"/>
  <path d="M50 8h8v24h-8z M64 8h22v6h-14v4h12v6h-12v8h-8z" fill="#000"/>
</svg>
"""

BRAND = """brand:
  primary:
    cmyk: [0, 100, 100, 0]
    rgb: "#E60012"
  accent:
    rgb: "#000000"
  highlight:
    cmyk: [0, 10, 90, 0]
  logo:
    file: logo.svg
    spot: DIC 156

"""


def branded_content(folder, brand: str = BRAND, logo: str | bytes = LOGO, name: str = "logo.svg"):
    shutil.copytree(CONTENT, folder)
    (folder / name).write_bytes(logo.encode() if isinstance(logo, str) else logo)
    main = folder / "brochure.yaml"
    text = main.read_text(encoding="utf-8")
    main.write_text(text.replace("# Where candidates apply.", brand + "# Where candidates apply.", 1),
                    encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def branded(tmp_path_factory):
    from brochure.build import build

    root = tmp_path_factory.mktemp("brand")
    content = branded_content(root / "content")
    results = build(content, root / "out", editions=("print", "screen"))
    return content, root / "out", {r.edition: r for r in results}


def colours(page: pikepdf.Page, space: str) -> list[tuple[float, ...]]:
    """The fill and stroke colours a page's content sets in ``space`` (DeviceCMYK: 4 operands
    after ``/DeviceCMYK cs``; RGB: ``rg``/``RG``, and ``scn`` after an RGB space)."""
    found, current = [], None
    for operands, op in pikepdf.parse_content_stream(page):
        name = str(op)
        if name in ("cs", "CS"):
            current = str(operands[0])
        elif name in ("scn", "SCN", "sc", "SC") and space == "cmyk" and current == "/DeviceCMYK":
            found.append(tuple(round(float(v), 4) for v in operands))
        elif name in ("rg", "RG") and space == "rgb":
            found.append(tuple(round(float(v) * 255) for v in operands))
        elif name in ("k", "K") and space == "cmyk":
            found.append(tuple(round(float(v), 4) for v in operands))
    return found


def all_colours(pdf: pikepdf.Pdf, space: str) -> list[tuple[float, ...]]:
    """The colours of every content stream: pages, form XObjects and tiling patterns (CSS
    backgrounds such as the org chart's lines are drawn in patterns)."""
    streams = list(pdf.pages) + [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                                 and (obj.get("/Subtype") == pikepdf.Name.Form or "/PatternType" in obj)]
    return [c for stream in streams for c in colours(stream, space)]


def images_on(page, resources=None) -> int:
    """Image XObjects a page (or form) paints with ``Do``, through its forms."""
    resources = page.obj.get("/Resources", {}) if resources is None else resources
    xobjects = resources.get("/XObject", {})
    count = 0
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) == "Do":
            x = xobjects[str(operands[0])]
            if x.get("/Subtype") == pikepdf.Name.Image:
                count += 1
            else:
                count += images_on(x, x.get("/Resources", resources))
    return count


def test_print_edition_is_in_the_brand_colours(branded):
    _, out, results = branded
    with pikepdf.open(results["print"].path) as pdf:
        every = all_colours(pdf, "cmyk")
        back = colours(pdf.pages[-1], "cmyk")
    assert RED_CMYK in back  # the back cover's field
    assert RED_CMYK in every and NAVY_CMYK not in every
    assert (0.0, 0.0, 0.0, 1.0) in every  # the black accent derived as 100 % K, not rich black


def test_screen_edition_is_in_the_brand_colours(branded):
    _, _, results = branded
    with pikepdf.open(results["screen"].path) as pdf:
        every = all_colours(pdf, "rgb")
    assert RED_RGB in every and NAVY_RGB not in every


def test_the_build_says_which_colours_it_derived(branded):
    _, _, results = branded
    notes = "\n".join(results["print"].notes)
    assert "brand.accent" in notes and "brand.highlight" in notes and "brand.primary" not in notes
    assert "FOGRA39" in notes
    assert results["screen"].notes == [n for n in results["screen"].notes if "brand." not in n]  # said once


def test_logo_is_vector_on_cover_back_cover_and_apply_page(branded):
    _, _, results = branded
    with pikepdf.open(results["screen"].path) as pdf:
        pages = list(pdf.pages)
        # The apply page and the back cover have no photo: any image would be the logo.
        assert images_on(pages[-2]) == 0 and images_on(pages[-1]) == 0
        assert images_on(pages[0]) == 1  # the key visual only
        for page in (pages[0], pages[-2], pages[-1]):
            assert RED_RGB in colours(page, "rgb")  # the logo's mark, drawn as paths


def test_print_edition_prints_the_logo_in_its_spot_colour(branded):
    from brochure.assets.brand import SPOT_MARKER

    _, _, results = branded
    with pikepdf.open(results["print"].path) as pdf:
        pages = list(pdf.pages)
        for page in (pages[0], pages[-2], pages[-1]):
            space = page.obj.Resources.ColorSpace.BrandSpot
            assert space[0] == pikepdf.Name.Separation and space[1] == pikepdf.Name("/DIC 156")
            assert space[2] == pikepdf.Name.DeviceCMYK
            assert [float(v) for v in space[3].C1] == list(RED_CMYK)
            ops = [(str(op), [str(o) for o in operands]) for operands, op in pikepdf.parse_content_stream(page)]
            i = ops.index(("cs", ["/BrandSpot"]))
            assert ops[i + 1] == ("scn", ["1"])
        marker = tuple(round(v, 4) for v in SPOT_MARKER)
        assert all(marker not in colours(page, "cmyk") for page in pages)
        # only the logo is in the spot colour: the pages without a logo have none
        for page in pages[1:-2]:
            assert all(str(operands[0]) != "/BrandSpot" for operands, op in pikepdf.parse_content_stream(page)
                       if str(op) in ("cs", "CS"))


def test_ghostscript_makes_a_plate_of_the_spot_colour(branded, tmp_path):
    """A RIP's view: Ghostscript's separations of the back cover include a 'DIC 156' plate,
    inked where the logo's mark is, and only there (the red field is CMYK)."""
    import subprocess

    from PIL import Image
    from conftest import tool

    _, _, results = branded
    subprocess.run([tool("gs"), "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r36",
                    "-dFirstPage=12", "-dLastPage=12", f"-sOutputFile={tmp_path / 'sep.tif'}",
                    str(results["print"].path)], check=True, timeout=120)
    plate = Image.open(tmp_path / "sep(DIC 156).tif").convert("L")
    inked = plate.point(lambda v: 255 if v < 128 else 0).histogram()[255]  # tiffsep plates: dark = ink
    assert 0 < inked < plate.width * plate.height * 0.01  # the small mark, not the field


def test_check_reports_low_contrast_and_no_pdfx_fault(branded):
    from brochure.check.run import run_checks

    content, out, _ = branded
    result = run_checks(content, out)
    assert not result.rebuilt
    contrast = [f for f in result.findings if f.code == "brand-contrast"]
    # white on the yellow highlight (badges); the red on its 9 % tint (table rows) is just short
    assert sorted((f.field, f.data["text"], f.data["ground"]) for f in contrast) == \
        [("brand.highlight", "#FFFFFF", "#FFDE23"), ("brand.primary", "#E60012", "#FDE8EA")]
    assert all(f.data["ratio"] < 4.5 and f.line is not None and f.severity == "warning" for f in contrast)
    badge = next(f for f in contrast if f.field == "brand.highlight")
    assert "「見本」のバッジ" in badge.what() and "#FFDE23" in badge.what()
    assert [f.code for f in result.findings if f.code.startswith("pdfx") or f.code == "black-text"] == []


def test_contrast_of_the_brand_colours():
    from brochure.check.contrast import contrast, low_contrast
    from brochure.assets.brand import Colour

    assert round(contrast((255, 255, 255), (0, 0, 0)), 1) == 21.0
    assert round(contrast((255, 255, 255), (118, 118, 118)), 2) == 4.54  # the AA boundary grey
    dark = {"primary": Colour("primary", (1, 0.8, 0, 0.3), (20, 40, 90))}
    assert list(low_contrast(dark)) == []
    pale = {"accent": Colour("accent", (0.5, 0, 0, 0), (120, 200, 255))}
    assert [(r[2], r[4]) for r in low_contrast(pale)] == [("accent", 4.5), ("accent", 4.5)]


def test_without_brand_nothing_changes():
    from brochure.assets.brand import brand_css

    assert brand_css(None, "print") == "" and brand_css(None, "screen") == ""


@pytest.mark.parametrize("brand, logo, name, key, field", [
    (BRAND.replace('rgb: "#E60012"', 'rgb: "#E6001"'), LOGO, "logo.svg", "value.rgb_hex", "brand.primary.rgb"),
    (BRAND.replace("[0, 100, 100, 0]", "[0, 100, 120, 0]"), LOGO, "logo.svg", "value.cmyk", "brand.primary.cmyk"),
    (BRAND.replace('  accent:\n    rgb: "#000000"\n', "  accent: {}\n"), LOGO, "logo.svg", "value.colour_empty",
     "brand.accent"),
    (BRAND.replace("logo.svg", "logo.pdf"), b"%PDF-1.6\n%...", "logo.pdf", "logo.pdf", "brand.logo.file"),
    (BRAND, LOGO.replace("<rect", '<image href="file:///etc/passwd"/><rect'), "logo.svg", "logo.unsafe",
     "brand.logo.file"),
    (BRAND, LOGO.replace(' viewBox="0 0 120 40" width="120" height="40"', ""), "logo.svg", "logo.no_size",
     "brand.logo.file"),
    (BRAND.replace("logo.svg", "missing.svg"), LOGO, "logo.svg", "logo.missing", "brand.logo.file"),
])
def test_bad_brand_settings_name_file_field_and_line(tmp_path, brand, logo, name, key, field):
    from brochure.content.load import load_brochure
    from brochure.errors import ContentErrors

    content = branded_content(tmp_path / "content", brand, logo, name)
    with pytest.raises(ContentErrors) as caught:
        load_brochure(content)
    [error] = caught.value.errors
    assert (str(error.file), error.key, error.field) == ("brochure.yaml", key, field)
    lines = (content / "brochure.yaml").read_text(encoding="utf-8").splitlines()
    assert error.line is not None and field.split(".")[-1] in lines[error.line - 1]


def test_watch_parts_carry_the_brand_and_its_spot_colour(branded, tmp_path):
    """``brochure watch`` builds the print edition section by section: the same brand colours,
    logo and Separation as the full build, and a changed spot name is not served from the
    parts' cache."""
    from brochure.build import prepare
    from brochure.editions import EDITIONS
    from brochure.press.parts import build_parts
    from brochure.render.sections import SectionRenderer

    content, _, _ = branded
    renderer = SectionRenderer(EDITIONS["print"])

    def spots(data):
        with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
            back = pdf.pages[-1]
            names = {str(v[1]) for v in back.obj.Resources.ColorSpace.values()
                     if isinstance(v, pikepdf.Array) and v[0] == pikepdf.Name.Separation}
            return names, RED_CMYK in colours(back, "cmyk")

    assert spots(build_parts(renderer, prepare(content, tmp_path / "out")).data) == ({"/DIC 156"}, True)
    main = content / "brochure.yaml"
    text = main.read_text(encoding="utf-8")
    try:
        main.write_text(text.replace("spot: DIC 156", "spot: PANTONE 185 C"), encoding="utf-8")
        assert spots(build_parts(renderer, prepare(content, tmp_path / "out")).data) == ({"/PANTONE 185 C"}, True)
    finally:
        main.write_text(text, encoding="utf-8")


def test_print_logo_paints_brand_colours_in_cmyk_and_keeps_references():
    from brochure.assets.brand import SPOT_MARKER, BrandLook, Colour, Logo, logo_svg

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>.a { fill: #E50113 }</style>'
           '<linearGradient id="E60012"><stop stop-color="#000"/></linearGradient>'
           '<rect class="a"/><path fill="#E60012" stroke="black"/><use href="#E60012" fill="#3366FF"/>'
           '<circle style="fill:#ffffff"/></svg>')
    red = Colour("primary", RED_CMYK, RED_RGB)
    look = BrandLook({"primary": red}, Logo(svg, 1.0, "", 20, 0.25, None))
    printed = logo_svg(look, "print")
    assert printed.count("device-cmyk(0 1 1 0)") == 2  # the <style> rule and the attribute
    assert 'stop-color="device-cmyk(0 0 0 1)"' in printed and 'stroke="device-cmyk(0 0 0 1)"' in printed
    assert 'id="E60012"' in printed and 'href="#E60012"' in printed  # not paints: untouched
    assert 'fill="#3366FF"' in printed and "fill:#ffffff" in printed  # other colours stay sRGB
    assert logo_svg(look, "screen") == svg
    spot = BrandLook({"primary": red}, Logo(svg, 1.0, "", 20, 0.25, "DIC 156"))
    marker = "device-cmyk(" + " ".join(f"{v:g}" for v in SPOT_MARKER) + ")"
    assert logo_svg(spot, "print").count(marker) == 2
    from brochure.assets.brand import spot_unused

    assert not spot_unused(spot) and not spot_unused(look)  # look: no spot colour at all
    blue = BrandLook({"primary": red}, Logo(svg.replace("#E60012", "#0033CC").replace("#E50113", "#0033CC"),
                                            1.0, "", 20, 0.25, "DIC 156"))
    assert spot_unused(blue)


def test_cover_shade_and_chart_lines_follow_the_primary(branded):
    from PIL import Image

    _, _, results = branded
    import pypdfium2

    document = pypdfium2.PdfDocument(results["screen"].path)
    try:
        cover = document[0].render(scale=20 / 72).to_pil().convert("RGB")
    finally:
        document.close()
    top = cover.getpixel((cover.width - 3, 2))  # the top right corner: shade, no type
    assert top[0] > 2 * max(top[1], top[2]), top  # red over the sky, not the theme's navy
    with pikepdf.open(results["screen"].path) as pdf:
        rgb = all_colours(pdf, "rgb")
    assert (0x1D, 0x34, 0x61) not in rgb and RED_RGB in rgb  # the theme's chart-line navy (assets/orgchart.py)


from test_screen_edition import verapdf  # noqa: E402,F401 - the session's veraPDF runner (skips without Java)


def test_branded_screen_edition_with_its_logo_passes_verapdf_pdf_ua1(verapdf, branded):  # noqa: F811
    import subprocess

    _, _, results = branded
    proc = subprocess.run([str(verapdf), "ua1", str(results["screen"].path)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, f"PDF/UA-1 failed rules:\n{proc.stdout}{proc.stderr}"
    assert "compliant=true" in proc.stdout and "failedRules=0" in proc.stdout
