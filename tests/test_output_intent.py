"""The print shop's own output-intent profile: validated before use, embedded as the print
edition's output intent, and followed by the ink measurement.

The second profile is made from Fogra's FOGRA29L (uncoated) characterisation data in Debian's
``icc-profiles-free`` with Argyll's ``colprof`` (both installed by ``.ci/run``), with a total
ink limit of 260 % so that its conversions are easy to tell from the bundled FOGRA39's."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pikepdf
import pytest
from conftest import CONTENT, ROOT, claim_up_to_date, pdf_text_pages, run_cli, squeeze

from brochure.check.context import CheckContext
from brochure.check.document import PrintedDocument
from brochure.check.ink import DPI, check_ink, read_pam, render_separations
from brochure.check.pdfx import check_pdfx
from brochure.messages import set_language
from brochure.press.pdfx import PROFILE
from brochure.content.iccprofile import IccError, bundled_profile, load_output_profile

TI3 = Path("/usr/share/color/icc/FOGRA29L.ti3")
SRGB = files("weasyprint.pdf") / "sRGB2014.icc"
needs_gs = pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript (gs) is not installed")


@pytest.fixture(scope="module")
def uncoated(tmp_path_factory) -> Path:
    if not TI3.is_file():
        pytest.skip("Debian's icc-profiles-free is not installed (no FOGRA29L.ti3)")
    if shutil.which("colprof") is None:
        pytest.skip("Argyll CMS (colprof) is not installed")
    work = tmp_path_factory.mktemp("icc")
    shutil.copy(TI3, work / "FOGRA29L.ti3")
    subprocess.run(["colprof", "-ql", "-kr", "-l260", "-L100", "-D", "FOGRA29L uncoated", "FOGRA29L"],
                   cwd=work, check=True, capture_output=True, timeout=300)
    return work / "FOGRA29L.icc"


@pytest.fixture(scope="module")
def shop_build(uncoated, tmp_path_factory) -> Path:
    """The sample's print edition built with ``make_pdf.py --output-intent``."""
    out = tmp_path_factory.mktemp("shop-build")
    proc = run_cli("--content", str(CONTENT), "--out", str(out), "--edition", "print", "--output-intent", str(uncoated))
    assert proc.returncode == 0, proc.stderr
    return out / "brochure-print.pdf"


def _context_findings(path: Path, check, **options) -> list:
    set_language("en")
    doc = PrintedDocument.open(path)
    try:
        return check(CheckContext.pdf_only(doc, **options))
    finally:
        doc.close()
        set_language("ja")


def test_shop_profile_is_the_output_intent(shop_build, uncoated):
    with pikepdf.open(shop_build) as pdf:
        [intent] = pdf.Root.OutputIntents
        assert intent.DestOutputProfile.read_bytes() == uncoated.read_bytes()
        assert int(intent.DestOutputProfile.N) == 4
        assert str(intent.OutputConditionIdentifier) == "FOGRA29L uncoated"  # the profile's description
        assert "FOGRA29L.icc" in str(intent.Info)
    profile = load_output_profile(uncoated)
    assert _context_findings(shop_build, check_pdfx, output_profile=profile) == []
    # Checked against the bundled profile instead: the PDF does not carry it.
    [other] = _context_findings(shop_build, check_pdfx, output_profile=bundled_profile())
    assert other.code == "pdfx-output-intent-other" and "FOGRA29L uncoated" in other.what()


@needs_gs
def test_conversion_and_ink_figures_follow_the_profile(shop_build, sample_build, uncoated, tmp_path):
    def figures(path):
        found = _context_findings(path, check_ink)
        assert [f for f in found if f.severity != "info"] == []  # body text still 100 % K, no limit passed
        return {f.page: f.data for f in found if f.code == "ink-coverage"}

    coated, shop = figures(sample_build), figures(shop_build)
    assert {d["profile"] for d in shop.values()} == {"FOGRA29L uncoated"}
    assert {d["limit"] for d in shop.values()} == {300} and {d["limit"] for d in coated.values()} == {330}
    # The apply page's QR codes are RGB black: converted to four inks by each profile, up to
    # its own total ink limit (FOGRA39 330 %, this one 260 %).
    apply_page = next(i + 1 for i, t in enumerate(pdf_text_pages(sample_build)) if "応募フォーム" in squeeze(t))
    assert coated[apply_page]["max_ink"] > 290
    assert shop[apply_page]["max_ink"] <= 262
    # The cover photo (sRGB) converts to other inks too.
    assert abs(coated[1]["max_ink"] - shop[1]["max_ink"]) > 5
    # DeviceCMYK (the navy of the design) reaches the plates unchanged under both profiles:
    # the same pixel of page 2's navy band on each profile's separations.
    navy = coated[2]
    assert abs(navy["max_ink"] - 228) < 1
    col, row = (round((navy[k] + 3) / 25.4 * DPI) for k in ("x_mm", "y_mm"))  # the bleed is 3 mm
    pixels = []
    for pdf, profile in ((sample_build, PROFILE), (shop_build, uncoated)):
        [plates] = render_separations(pdf, profile, tmp_path / profile.stem, pages=[2]).values()
        pixels.append(tuple(int(v) for v in read_pam(plates)[row, col]))
    assert pixels[0] == pixels[1] and [round(v / 2.55) for v in pixels[0]] == [100, 78, 18, 32]


def test_print_output_intent_in_brochure_yaml(uncoated, shop_build, content_copy, tmp_path):
    """``print.output_intent`` and ``print.ink_limit`` in brochure.yaml: ``check`` wants that
    profile (the PDF built with it is reused, not rebuilt) and measures against that limit."""
    shutil.copy(uncoated, content_copy / "shop.icc")
    main = content_copy / "brochure.yaml"
    main.write_text(main.read_text(encoding="utf-8") + "print:\n  output_intent: shop.icc\n  ink_limit: 280\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    pdf = out / "brochure-print.pdf"
    shutil.copy(shop_build, pdf)
    claim_up_to_date(pdf, content_copy, out)  # made from the same text with the same profile
    code = "import sys; from brochure.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", code, "check", "--content", str(content_copy), "--out", str(out),
                           "--json", "--lang", "en"], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert "reused" in proc.stderr  # it carries the wanted profile: no rebuild
    found = json.loads(proc.stdout)
    assert not [f for f in found if f["severity"] == "error"]
    coverage = [f["data"] for f in found if f["code"] == "ink-coverage"]
    if shutil.which("gs"):
        assert coverage and {d["limit"] for d in coverage} == {280}
        assert {d["profile"] for d in coverage} == {"FOGRA29L uncoated"}


def test_output_intent_option_and_what_check_compares(uncoated, shop_build, tmp_path):
    """``--output-intent`` is the profile a build embeds; ``check`` compares it with the PDF's
    own (and rebuilds when they differ); the sample's content names none."""
    from brochure.build import output_profile, prepare
    from brochure.check.run import _intent_data

    prepared = prepare(CONTENT, tmp_path, output_intent=uncoated)
    assert prepared.output_profile.data == uncoated.read_bytes() == _intent_data(shop_build)
    assert output_profile(prepared.content_root, prepared.brochure) is None  # the sample names none
    assert _intent_data(shop_build) != bundled_profile().data


# --- validation before use: every one exits 2 before any layout, naming file and field ----

def test_output_intent_option_refuses_a_display_profile(tmp_path):
    srgb = tmp_path / "sRGB.icc"
    srgb.write_bytes(SRGB.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    (out / "brochure-print.pdf").write_bytes(b"previous")
    proc = run_cli("--out", str(out), "--edition", "print", "--output-intent", str(srgb), "--lang", "en")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{srgb}: this is a profile for a display ('mntr'), not an output (printer) profile" in proc.stderr
    assert (out / "brochure-print.pdf").read_bytes() == b"previous"
    ja = run_cli("--out", str(out), "--edition", "print", "--output-intent", str(srgb))
    assert ja.returncode == 2 and "ディスプレイ用のプロファイル" in ja.stderr


def test_print_output_intent_errors_point_at_the_line(content_copy, tmp_path):
    main = content_copy / "brochure.yaml"
    original = main.read_text(encoding="utf-8")
    line = len(original.splitlines()) + 2
    for value, expected in (("missing.icc", "profile file 'missing.icc' not found"),
                            ("../outside.icc", "profile '../outside.icc' is outside the content folder"),
                            ("notes.icc", "not an ICC colour profile")):
        (content_copy / "notes.icc").write_text("just text", encoding="utf-8")
        main.write_text(original + f"print:\n  output_intent: {value}\n", encoding="utf-8")
        proc = run_cli("--content", str(content_copy), "--out", str(tmp_path / "out"), "--lang", "en")
        assert proc.returncode == 2, proc.stderr
        assert f"brochure.yaml:{line}: print.output_intent: {expected}" in proc.stderr
        assert not (tmp_path / "out" / "brochure-print.pdf").exists()


def _modified(data: bytes, offset: int, value: bytes) -> bytes:
    return data[:offset] + value + data[offset + len(value):]


@pytest.mark.parametrize("change, key", [
    (lambda d: d[:-100], "icc.size"),
    (lambda d: _modified(d, 36, b"xxxx"), "icc.not_icc"),
    (lambda d: _modified(d, 12, b"scnr"), "icc.class"),
    (lambda d: _modified(d, 16, b"RGB "), "icc.colour_space"),
    (lambda d: _modified(d, 8, b"\x05\x00"), "icc.version"),
    (lambda d: _modified(d, 8, b"\x04\x30"), "icc.version"),  # 4.3 is newer than PDF/X-4 allows
    (lambda d: d.replace(b"B2A0", b"zzzz"), "icc.conversion"),
    (lambda d: _modified(d, 128, struct.pack(">I", 10 ** 6)), "icc.tags"),
], ids=["truncated", "signature", "input-class", "rgb", "version-5", "version-4.3", "no-B2A0", "tag-table"])
def test_profile_header_validation(change, key, tmp_path):
    path = tmp_path / "shop.icc"
    path.write_bytes(change(bundled_profile().data))
    with pytest.raises(IccError) as caught:
        load_output_profile(path)
    assert caught.value.key == key
