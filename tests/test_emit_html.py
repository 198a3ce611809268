"""--emit-html rewrites only the URLs the renderer loads (issue 20, defect 2)."""

from __future__ import annotations

from pathlib import Path

from brochure.paths import STYLES
from brochure.render.emit import emit_html


def test_file_url_in_text_is_left_alone_and_resources_are_rewritten(tmp_path):
    # A caption may quote a network path as text: it is not a file the renderer loads.
    cache = tmp_path / "cache"
    (cache / "photos").mkdir(parents=True)
    (cache / "photos" / "p.jpg").write_bytes(b"jpeg")
    style = (STYLES / "tokens.css").as_uri()
    html = (f'<link rel="stylesheet" href="{style}">\n'
            '<figcaption>資料は file://server/share/x.pdf と brochure-cache:photos/none.jpg にあります</figcaption>\n'
            '<img src="brochure-cache:photos/p.jpg">\n'
            "<div style=\"background-image: url('brochure-cache:photos/p.jpg')\"></div>\n")
    out = tmp_path / "html"
    target = emit_html(html, out, "b.html", {"cache": cache, "content": tmp_path / "content"})
    text = target.read_text(encoding="utf-8")
    assert "file://server/share/x.pdf" in text and "brochure-cache:photos/none.jpg" in text
    assert 'href="styles/tokens.css"' in text
    assert 'src="cache/photos/p.jpg"' in text and "url('cache/photos/p.jpg')" in text
    assert (out / "cache" / "photos" / "p.jpg").read_bytes() == b"jpeg"
    assert not (out / "cache" / "photos" / "none.jpg").exists()
