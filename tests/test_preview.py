"""`brochure preview` in a real headless browser (Debian's chromium and chromium-driver).

The preview runs as a user starts it (the CLI, in Japanese, port 0); the browser shows the
pages, a finding's box is compared with where the PDF places the photo it is about (read from
the PDF with pdfium, not from the preview), an edit shows up by itself, and a bad edit shows
its error line while the last good pages stay.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT, console_script

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
URL_LINE = re.compile(r"(http://127\.0\.0\.1:\d+/)")


@pytest.fixture
def browser(tmp_path):
    if not Path(CHROMIUM).is_file():
        pytest.skip("chromium not installed: apt-get install chromium chromium-driver")
    if not Path(CHROMEDRIVER).is_file():
        pytest.skip("chromedriver not installed: apt-get install chromium-driver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium not installed: uv sync (it is a dev dependency)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1400,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


class Preview:
    """``brochure preview --port 0`` in its own process; its console lines are collected."""

    def __init__(self, content: Path, out: Path, *args: str, temp: Path | None = None):
        env = {**os.environ, "TMPDIR": str(temp)} if temp is not None else None  # its temporary folder
        self.proc = subprocess.Popen([console_script("brochure"), "preview", "--content", str(content), "--out", str(out),
                                      "--port", "0", *args], cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def url(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                if match := URL_LINE.search(line):
                    return match[1]
            assert self.proc.poll() is None, "\n".join(self.lines)
            time.sleep(0.1)
        raise AssertionError(f"no URL printed: {self.lines}")

    def stop(self) -> str:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=30)
        self._reader.join(timeout=5)
        return "\n".join(self.lines)


def wait(driver, condition, timeout: float, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: condition(d), message=what)


def state(driver, script: str):
    return driver.execute_script(script)


SRCS = "return [...document.querySelectorAll('figure.page img')].map(i => i.getAttribute('src'))"
LOADED = ("return [...document.querySelectorAll('figure.page img')]"
          ".every(i => i.complete && i.naturalWidth > 0)")


def _image_rects_on_screen(driver, pdf: Path, page: int) -> list[tuple[float, float, float, float]]:
    """Where pdfium says the images of a PDF page are, mapped onto that page's <img> on screen."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(str(pdf))
    try:
        p = document[page - 1]
        trim = p.get_trimbox()
        boxes = [obj.get_bounds() for obj in p.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=8)]
    finally:
        document.close()
    img = driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return [r.left, r.top, r.width, r.height]", f"#page-{page} img")
    left, top, width, height = img
    x0, y0, x1, y1 = trim
    sx, sy = width / (x1 - x0), height / (y1 - y0)
    return [(left + (a - x0) * sx, top + (y1 - d) * sy, left + (c - x0) * sx, top + (y1 - b) * sy)
            for a, b, c, d in boxes]


def test_preview_shows_pages_findings_and_follows_edits(browser, content_copy, tmp_path):
    out = tmp_path / "out"
    temp = tmp_path / "tmp"
    temp.mkdir()
    preview = Preview(content_copy, out, temp=temp)
    try:
        url = preview.url()
        browser.get(url)
        # The pages, as spreads: as many as the PDF has.
        wait(browser, lambda d: d.execute_script("return document.body.dataset.build") == "1"
             and d.execute_script(LOADED), 120, "the first build's pages")
        with pikepdf.open(out / "brochure-print.pdf") as pdf:
            count = len(pdf.pages)
        assert count == 12 and len(browser.find_elements("css selector", "figure.page img")) == count
        assert len(browser.find_elements("css selector", ".spread")) == count // 2 + 1  # cover, pairs, back
        assert browser.find_element("css selector", "#open-pdf").get_attribute("href").startswith(url)
        plan = browser.find_element("id", "plan").text
        assert "オフィス (10 ページ)" in plan and "採用者の声：平井 則輔 (6〜7 ページ)" in plan

        # A finding's box lies over the photo it is about: the large office photo on page 10.
        office = "photos/office-1.jpg"
        wait(browser, lambda d: d.execute_script(
            "return [...document.querySelectorAll('#page-10 .box')].some(b => b.textContent.includes(arguments[0]))",
            office), 120, "the findings of check drawn on page 10")
        box = browser.execute_script(
            "const b = [...document.querySelectorAll('#page-10 .box')].find(b => b.textContent.includes(arguments[0]));"
            "const r = b.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]", office)
        images = _image_rects_on_screen(browser, out / "brochure-print.pdf", 10)
        largest = max(images, key=lambda r: (r[2] - r[0]) * (r[3] - r[1]))
        assert all(abs(a - b) < 3 for a, b in zip(box, largest)), (box, largest)
        verdict = browser.find_element("id", "verdict").text
        assert re.fullmatch(r"見本の値が \d+ 件残っています：差し替えてから入稿してください", verdict), verdict

        # Keyboard: → moves to the next spread; Tab reaches a box and shows its message.
        from selenium.webdriver.common.keys import Keys

        browser.find_element("tag name", "body").send_keys(Keys.ARROW_RIGHT)
        assert browser.execute_script("return document.activeElement.id") == "spread-1"
        tip_shown = browser.execute_script(
            "const b = document.querySelector('#page-2 .box'); b.focus();"
            "return getComputedStyle(b.querySelector('.tip')).display")
        assert tip_shown == "block"

        # An edit to a content file: the cover changes by itself.
        before = state(browser, SRCS)
        yaml = content_copy / "brochure.yaml"
        source = yaml.read_text(encoding="utf-8")
        saved = time.monotonic()
        yaml.write_text(source.replace('title: "Hello, Tokyo!"', 'title: "Hello again, Tokyo!"', 1), encoding="utf-8")
        wait(browser, lambda d: d.execute_script(SRCS)[0] != before[0] and d.execute_script(LOADED),
             60, "the edited cover")
        seconds = time.monotonic() - saved
        assert seconds < 30, f"the edit took {seconds:.1f} s to show"
        good = state(browser, SRCS)
        assert good[0] != before[0] and len(good) == count

        # A bad edit: its error line shows, the last good pages stay.
        yaml.write_text(source.replace('title: "Hello, Tokyo!"', 'title： "Hello, Tokyo!"', 1), encoding="utf-8")
        wait(browser, lambda d: d.find_element("id", "errors").is_displayed(), 60, "the error line")
        errors = browser.find_element("id", "errors").text
        assert "brochure.yaml:5:6:" in errors and "全角の「：」" in errors, errors
        assert browser.execute_script("return document.body.dataset.status") == "failed"
        assert state(browser, SRCS) == good and state(browser, LOADED)

        # Fixed again: the error goes, the pages follow.
        yaml.write_text(source, encoding="utf-8")
        wait(browser, lambda d: not d.find_element("id", "errors").is_displayed()
             and d.execute_script("return document.body.dataset.status") in ("checking", "ready"), 60, "recovery")
    finally:
        console = preview.stop()
    assert preview.proc.returncode == 0, console
    assert "プレビューを終了しました" in console and "Traceback" not in console
    # Stopped while its last check may still run: no temporary folder left behind (WeasyPrint's
    # fonts, Ghostscript's separations, the page images: brochure/tempfolders.py).
    assert sorted(p.name for p in temp.iterdir()) == []


def test_preview_in_english_and_only_on_localhost(browser, tmp_path):
    """--lang en switches the page too; requests naming another host are refused."""
    import urllib.error
    import urllib.request

    preview = Preview(ROOT / "content", tmp_path / "out", "--lang", "en")
    try:
        url = preview.url()
        browser.get(url)  # the page speaks English from the start, while the first build runs
        wait(browser, lambda d: d.find_element("id", "plan-title").text, 30, "the page's own words")
        assert browser.find_element("id", "plan-title").text == "Sections and pages"
        assert browser.find_element("id", "open-pdf").get_attribute("textContent") == "Open the PDF"
        assert browser.find_element("tag name", "html").get_attribute("lang") == "en"
        request = urllib.request.Request(url + "state.json", headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 421
    finally:
        console = preview.stop()
    assert "preview: open http://127.0.0.1:" in console and "preview stopped" in console
