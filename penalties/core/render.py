"""PDF rendering with WeasyPrint, allowed to read nothing but our own static files.

Official documents are rendered once from plain data and stored (core.documents); this module only
turns a template and its data into bytes.
"""

import mimetypes
from functools import lru_cache
from pathlib import Path

from flask import current_app, render_template
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents name our static files under this base; no other address is ever fetched.
STATIC_BASE = "https://static.penalties.invalid/"


class StaticOnlyFetcher(URLFetcher):
    """Serve `data:` URLs and files under static/; refuse every other URL (no network, no local files)."""

    def __init__(self, static_root: str):
        super().__init__(allowed_protocols={"https", "data"})
        self.root = Path(static_root).resolve()

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(STATIC_BASE):
            raise ValueError(f"refused: {url} is not one of our static files")
        path = (self.root / url[len(STATIC_BASE) :].split("?")[0]).resolve()
        if self.root not in path.parents or not path.is_file():
            raise ValueError(f"refused: {url} is not one of our static files")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


@lru_cache(maxsize=1)
def font_config() -> FontConfiguration:
    """Return the process's one FontConfiguration (building one per document is slow)."""
    return FontConfiguration()


def render_pdf(template: str, **data) -> bytes:
    """Render a template of templates/documents/ to PDF bytes."""
    html = render_template(template, **data)
    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticOnlyFetcher(current_app.static_folder))
    return document.write_pdf(font_config=font_config())
