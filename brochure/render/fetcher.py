"""The only way WeasyPrint may read a file: inside the allowed folders, never the network.

WeasyPrint's default fetcher reads any ``file:`` URL (``<link rel=attachment>`` would embed it
into the PDF) and fetches ``http(s)``. This one serves files under a few roots and refuses
everything else with a fatal error, so a refused fetch stops the build instead of leaving a
hole in the page.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class RefusedResource(FatalURLFetchingError):
    """A resource outside the allowed folders, or on the network, was requested."""

    def __init__(self, url: str, reason: str):
        self.url, self.reason = url, reason
        super().__init__(f"{reason}: {url}")


class SafeFetcher(URLFetcher):
    def __init__(self, roots: list[Path], **kwargs):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, **kwargs)
        self.roots = [Path(r).resolve() for r in roots]
        self.fetched: list[Path] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise RefusedResource(url, "only local files may be used (no network, no data: URLs)")
        path = Path(unquote(parts.path)).resolve()  # resolves symlinks and '..'
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedResource(url, "file outside the content, styles and fonts folders")
        if not path.is_file():
            raise RefusedResource(url, "file not found")
        self.fetched.append(path)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
