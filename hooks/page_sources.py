"""Resolve each page's `sources:` ids for the page template, and list all sources.

The template (overrides/main.html) shows the resolved list at the foot of every
page. The marker <!-- all-sources --> on a page is replaced by the full list.

Links to other sites get the class "mng-external", so print.css can print their
address after them (Material rewrites internal links to absolute URLs in the
browser, so the href alone cannot tell the two apart).
"""
from __future__ import annotations

import re
from html import escape
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from _data import checked_data
from _shared import project_dir, source_path

MARKER = "<!-- all-sources -->"
EXTERNAL = "mng-external"
A_TAG = re.compile(r"<a\s[^>]*>", re.I)
HREF = re.compile(r'\shref="(https?://[^"]*)"', re.I)
CLASS = re.compile(r'\sclass="([^"]*)"')
_sources: dict[str, dict[str, Any]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load data/sources.yml once per build."""
    _sources.clear()
    _sources.update(checked_data(project_dir(config), "sources.yml"))
    return config


def source_html(sid: str) -> str:
    """One source as an HTML list item body: title, then its links."""
    s = _sources[sid]
    links = " ".join(
        f'<a href="{escape(link["url"])}" class="{EXTERNAL}" rel="nofollow noopener">{escape(link["label"] if link["label"] != "Link" else "link " + str(n))}</a>'
        for n, link in enumerate(s["links"], start=1)
    )
    return f'<strong>{escape(sid)}</strong> {escape(s["title"])}' + (f" <span class=\"mng-source-links\">({links})</span>" if links else "")


def _all_sources() -> str:
    groups: dict[str, list[str]] = {}
    for sid in _sources:
        groups.setdefault(_sources[sid]["group"], []).append(sid)
    out = []
    for group, ids in groups.items():
        out.append(f"<h2>{escape(group)}</h2>\n<ul class=\"mng-sources\" data-search-exclude>")
        out += [f'<li id="{sid.lower()}">{source_html(sid)}</li>' for sid in ids]
        out.append("</ul>")
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Attach resolved sources to the page and expand the all-sources marker."""
    ids = page.meta.get("sources") or []
    missing = [sid for sid in ids if sid not in _sources]
    if missing:
        raise PluginError(f"{source_path(page)}: unknown source id(s) {', '.join(missing)}")
    page.meta["source_items"] = [{"id": sid, "html": source_html(sid)} for sid in ids]
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, _all_sources())
    return markdown


def mark_external(html: str, site_url: str) -> str:
    """Add the external-link class to every link that leaves the site."""
    def fix(m: re.Match[str]) -> str:
        tag = m.group(0)
        href = HREF.search(tag)
        if not href or (site_url and href.group(1).startswith(site_url)):
            return tag
        cls = CLASS.search(tag)
        if not cls:
            return f'<a class="{EXTERNAL}"' + tag[2:]
        if EXTERNAL in cls.group(1).split():
            return tag
        return tag[:cls.end(1)] + " " + EXTERNAL + tag[cls.end(1):]
    return A_TAG.sub(fix, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Mark the links to other sites in the page body."""
    return mark_external(html, config.site_url or "")
