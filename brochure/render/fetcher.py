"""The only way WeasyPrint may read a file: inside the allowed folders, never the network.

WeasyPrint's default fetcher reads any ``file:`` URL (``<link rel=attachment>`` would embed it
into the PDF) and fetches ``http(s)``. This one serves files under a few roots and refuses
everything else with a fatal error, so a refused fetch stops the build instead of leaving a
hole in the page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import weasy  # noqa: F401 (imports WeasyPrint first, as weasy.py explains)
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..messages import phrase
from ..paths import CACHE_URL_SCHEME

# The only kinds of file the templates and styles use. A fixed table, not the mimetypes module,
# which reads /etc/mime.types and friends (files outside the allowed folders).
_MIME = {".css": "text/css", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
         ".svg": "image/svg+xml", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff",
         ".woff2": "font/woff2"}


class RefusedResource(FatalURLFetchingError):
    """A resource outside the allowed folders, or on the network, was requested."""

    def __init__(self, url: str, reason: str):
        self.url, self.reason = url, reason
        super().__init__(f"{reason}: {url}")


class SafeFetcher(URLFetcher):
    def __init__(self, roots: list[Path], cache: Path | None = None, **kwargs):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, **kwargs)
        self.roots = [Path(r).resolve() for r in roots]
        self.cache = Path(cache).resolve() if cache else None
        self.fetched: list[Path] = []
        self.refused: list[RefusedResource] = []  # WeasyPrint swallows some (inline SVG images)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        try:
            return self._fetch(url)
        except RefusedResource as exc:
            self.refused.append(exc)
            raise

    def _fetch(self, url: str) -> URLFetcherResponse:
        try:
            parts = urlsplit(url)
        except ValueError:
            raise RefusedResource(url[:200], phrase("fetch.malformed")) from None
        if parts.scheme == CACHE_URL_SCHEME and self.cache is not None:
            path = (self.cache / unquote(parts.path)).resolve()
            if not path.is_relative_to(self.cache):
                raise RefusedResource(url, phrase("fetch.cache"))
            return self._serve(url, path)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(url[:200], phrase("fetch.remote"))
        path = Path(unquote(parts.path)).resolve()  # resolves symlinks and '..'
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedResource(url, phrase("fetch.outside"))
        return self._serve(path.as_uri(), path)

    def _serve(self, url: str, path: Path) -> URLFetcherResponse:
        if not path.is_file():
            raise RefusedResource(url, "file not found")
        self.fetched.append(path)
        mime = _MIME.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
