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
                "ftp://example.com/x", "file://127.0.0.1" + (root / "ok.css").as_uri()[7:],
                "file://server/share/x.css"]:  # a file on another host (an SMB share, a server)
        with pytest.raises(RefusedResource):
            fetcher.fetch(url)


def test_fetcher_keeps_cache_urls_inside_the_cache(tmp_path):
    """``brochure-cache:`` URLs resolve inside the cache folder only: a '..' path to a file that
    exists (a sibling of the cache, /etc/passwd from any depth) is refused as outside the cache,
    not merely "not found", and nothing is read."""
    from brochure.messages import phrase

    cache = tmp_path / "cache"
    (cache / "photos").mkdir(parents=True)
    (cache / "photos" / "p.jpg").write_bytes(b"jpeg")
    (tmp_path / "secret.jpg").write_bytes(b"secret")
    fetcher = SafeFetcher([tmp_path / "content"], cache=cache)
    assert fetcher.fetch("brochure-cache:photos/p.jpg").read() == b"jpeg"
    depth = len(cache.parts) + 5  # more '..' than the cache is deep: reaches /
    for url in ["brochure-cache:../secret.jpg", "brochure-cache:photos/../../secret.jpg",
                "brochure-cache:" + "../" * depth + "etc/passwd",
                "brochure-cache:" + "%2e%2e/" * depth + "etc/passwd"]:
        with pytest.raises(RefusedResource) as refused:
            fetcher.fetch(url)
        assert refused.value.reason == phrase("fetch.cache"), (url, refused.value.reason)
    assert fetcher.fetched == [(cache / "photos" / "p.jpg").resolve()]


def test_raw_html_in_markdown_is_escaped():
    html = str(markdown_to_html('<script>alert(1)</script>\n\n<link rel="attachment" href="file:///etc/passwd">'))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<link" not in html


def test_templates_autoescape_content():
    rendered = ENV.from_string("{{ x }}").render(x="<b>bold</b>")
    assert rendered == "&lt;b&gt;bold&lt;/b&gt;"
