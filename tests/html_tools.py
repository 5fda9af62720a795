"""Small HTML readers for the tests (standard library only)."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class PageParser(HTMLParser):
    """Collects ids, links, resource URLs, meta tags and inline scripts of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key] or "")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.resources.append(a["src"] or "")
        if tag == "link" and a.get("href"):
            rel = a.get("rel") or ""
            if rel == "canonical":
                self.canonical = a["href"]
            elif rel in ("stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"):
                self.resources.append(a["href"] or "")
        if tag == "meta":
            key = a.get("name") or a.get("property")
            if key:
                self.meta[key] = a.get("content") or ""
        if tag == "script" and not a.get("src"):
            self._script, self._script_text = a, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None


def parse(path: Path) -> PageParser:
    p = PageParser()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def resolve(site: Path, page_url: str, href: str) -> tuple[Path | None, str]:
    """Map a link on page_url to (file in the built site or None if external, fragment)."""
    target = urljoin("http://local" + page_url, href)
    parts = urlsplit(target)
    if parts.netloc != "local":
        return None, parts.fragment
    path = unquote(parts.path)
    file = site / path.lstrip("/")
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, unquote(parts.fragment)
