"""Safe by default: the fetcher reads only allowed folders, Markdown HTML is escaped,
templates autoescape content."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.render.fetcher import RefusedResource, SafeFetcher
from brochure.render.html import ENV
from brochure.render.markdown import markdown_to_html


def test_fetcher_serves_only_allowed_roots(tmp_path):
    root = tmp_path / "content"
    root.mkdir()
    (root / "ok.css").write_text("p{}")
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    (root / "link.txt").symlink_to(secret)
    fetcher = SafeFetcher([root])
    assert fetcher.fetch((root / "ok.css").as_uri()).read() == b"p{}"
    for url in [secret.as_uri(), (root / "link.txt").as_uri(), f"{root.as_uri()}/../secret.txt",
                "http://127.0.0.1/x.css", "https://example.com/x.png", "data:text/plain,hello",
                "ftp://example.com/x"]:
        with pytest.raises(RefusedResource):
            fetcher.fetch(url)


def test_raw_html_in_markdown_is_escaped():
    html = str(markdown_to_html('<script>alert(1)</script>\n\n<link rel="attachment" href="file:///etc/passwd">'))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<link" not in html


def test_templates_autoescape_content():
    rendered = ENV.from_string("{{ x }}").render(x="<b>bold</b>")
    assert rendered == "&lt;b&gt;bold&lt;/b&gt;"
