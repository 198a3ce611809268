"""Shared fixtures: one real build of the sample brochure per test session, and helpers to
inspect real PDFs (text, fonts, boxes, links, QR codes decoded from rendered pixels)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

# The tests choose the language of the messages themselves (Japanese unless they pass --lang).
os.environ.pop("BROCHURE_LANG", None)

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
DATA = Path(__file__).resolve().parent / "data"

# The tests never write into the user's own cache folder (~/.cache/brochure): one cache for the
# session, in a temporary folder, inherited by every command a test runs. A test that needs a
# cache of its own (cold, or to damage it) sets BROCHURE_CACHE_DIR for itself.
SESSION_CACHE = Path(tempfile.mkdtemp(prefix="brochure-test-cache-"))
os.environ["BROCHURE_CACHE_DIR"] = str(SESSION_CACHE)
os.environ.pop("BROCHURE_CACHE_MAX_MB", None)


def pytest_unconfigure(config):
    shutil.rmtree(SESSION_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (a command run in-process with --lang en
    changes it for the process)."""
    from brochure.messages import DEFAULT_LANGUAGE, set_language

    set_language(DEFAULT_LANGUAGE)
    yield
    set_language(DEFAULT_LANGUAGE)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The sample brochure's print edition, built once through the public API."""
    from brochure.build import build

    out = tmp_path_factory.mktemp("sample-build")
    [result] = build(CONTENT, out, editions=("print",))
    return result.path


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private, editable copy of the sample content."""
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


# Programs some tests run, and the Debian package that has each (.ci/run installs them all).
TOOLS = {"qpdf": "qpdf", "gs": "ghostscript", "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils",
         "pdffonts": "poppler-utils", "pdfimages": "poppler-utils", "pdftoppm": "poppler-utils",
         "java": "default-jdk-headless", "javac": "default-jdk-headless"}


def tool(name: str) -> str:
    """The path of a program a test needs; the test is skipped, saying why, where it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install {TOOLS.get(name, name)}; .ci/run installs it)")
    return path


def find_console_script(name: str) -> str | None:
    """The path of a console script of this environment (``brochure``): in the scripts folder of
    the environment running the tests (not always beside ``sys.executable``, which may be a
    symlink to a system interpreter), else on PATH; None where it is not installed."""
    import sysconfig

    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        if folder and (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    return shutil.which(name)


def console_script(name: str) -> str:
    """:func:`find_console_script`, or the test is skipped saying why."""
    path = find_console_script(name)
    if path is None:
        pytest.skip(f"the '{name}' command is not installed (uv sync installs it into .venv/bin)")
    return path


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run make_pdf.py as a user would, in a separate process."""
    return subprocess.run([sys.executable, str(ROOT / "make_pdf.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


MM = 72 / 25.4


def pdf_text_pages(path: Path, body_only: bool = False) -> list[str]:
    """Extracted text of each page; ``body_only`` leaves out the running footer band."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for i in range(len(pdf)):
            page, textpage = pdf[i], pdf[i].get_textpage()
            if body_only:
                width, height = page.get_size()
                texts.append(textpage.get_text_bounded(0, 16 * MM, width, height))
            else:
                texts.append(textpage.get_text_range())
        return texts
    finally:
        pdf.close()


def squeeze(text: str) -> str:
    """Text without any whitespace, to compare across line breaks."""
    return "".join(text.split())


def decode_qr_codes(path: Path, dpi: int = 150) -> list[tuple[int, str]]:
    """(page number, decoded text) of every QR code found in a render of each page."""
    import pypdfium2 as pdfium
    import zxingcpp

    found = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            image = pdf[i].render(scale=dpi / 72).to_pil()
            for code in zxingcpp.read_barcodes(image):
                found.append((i + 1, code.text))
    finally:
        pdf.close()
    return found


def pytest_addoption(parser):
    parser.addoption("--update-baselines", action="store_true",
                     help="rewrite tests/visual/baselines/ from the current sample build")
    parser.addoption("--seeds", type=int, default=None,
                     help="property tests: how many generated brochures to build and check "
                          "(default 3; also BROCHURE_SEEDS=N)")
    parser.addoption("--fuzz", type=int, nargs="?", const=1500, default=None,
                     help="tests/test_fuzz.py: examples per reader (1500 without a number; also "
                          "BROCHURE_FUZZ=1); default: a smoke test of 15")


def pytest_generate_tests(metafunc):
    """``seed``: the generated brochures of the property tests (tests/generate.py)."""
    if "seed" in metafunc.fixturenames:
        import os

        count = metafunc.config.getoption("--seeds") or int(os.environ.get("BROCHURE_SEEDS", "0") or 0)
        metafunc.parametrize("seed", range(1, count + 1) if count else DEFAULT_SEEDS)


# Seeds of the default run, chosen to cover the edges: many interviews and MEMO pages (1),
# long interviews with openers (2), a brochure without interviews (3).
DEFAULT_SEEDS = [1, 2, 3]


def claim_up_to_date(pdf: Path, content: Path, out: Path) -> None:
    """Make a PDF claim it was built from ``content`` as it is now (the input digest a build
    embeds): ``brochure check`` then reuses it instead of rebuilding, as it would a PDF edited
    by hand after its build. (Times do not count: ``check`` compares contents.)"""
    import pikepdf

    from brochure.build import build_inputs, prepare
    from brochure.press.finish import INPUTS_KEY

    digest = build_inputs(prepare(content, out), out)
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta[INPUTS_KEY] = digest
        doc.save(pdf)


def aged(path: Path, seconds: float) -> None:
    """Give ``path`` the access and modification times of ``seconds`` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))
