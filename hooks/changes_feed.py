"""Write /changes.xml: an Atom feed (RFC 4287) of data/changes.yml, made with feedgen.

Each entry links to the changed page, section or FAQ answer. The feed's dates come from
the entries, never from the build's clock, so a rebuild does not make readers see news.
"""
from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from feedgen.feed import FeedGenerator
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _changes

FEED = "changes.xml"
CHANGES_PAGE = "about/changes/"
KIND_LABELS = {"new": "New", "update": "Update", "correction": "Correction"}
_reviewed: list[dt.date] = []


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Remember review dates: the feed's date when no change is recorded yet."""
    if isinstance(page.meta.get("reviewed"), dt.date):
        _reviewed.append(page.meta["reviewed"])
    return markdown


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc)


def entry_id(site_url: str, change: _changes.Change) -> str:
    """A permanent id for an entry, the same on every build."""
    key = f"{site_url}{change.where.lstrip('/')}|{change.date.isoformat()}|{change.kind}|{change.note}"
    return uuid.uuid5(uuid.NAMESPACE_URL, key).urn


def atom(site_url: str, site_name: str, author: str, fallback: dt.date) -> bytes:
    """The feed's XML, newest entry first."""
    fg = FeedGenerator()
    fg.id(site_url + FEED)
    fg.title(f"{site_name}: what has changed")
    fg.subtitle("New answers, updates and corrections, with a link to each changed page or answer.")
    fg.author(name=author, uri=site_url)
    fg.link(href=site_url + FEED, rel="self", type="application/atom+xml")
    fg.link(href=site_url + CHANGES_PAGE, rel="alternate", type="text/html")
    fg.language("en")
    fg.updated(_moment(_changes.CHANGES[0].date if _changes.CHANGES else fallback))
    for change in _changes.CHANGES:
        entry = fg.add_entry(order="append")
        entry.id(entry_id(site_url, change))
        entry.title(f"{KIND_LABELS[change.kind]}: {_changes.TITLES[change.where]}")
        entry.updated(_moment(change.date))
        entry.published(_moment(change.date))
        entry.link(href=site_url + change.where.lstrip("/"), rel="alternate", type="text/html")
        entry.summary(change.note)
        entry.category(term=change.kind, label=KIND_LABELS[change.kind])
    return fg.atom_str(pretty=True)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _reviewed.clear()
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Write the feed once every page is read (before the link checks of the finished site)."""
    site_url = config.site_url or ""
    if not site_url.startswith(("http://", "https://")):
        raise PluginError("mkdocs.yml: site_url must be the site's full address (https://...): "
                          "the changes feed needs absolute links")
    fallback = max(_reviewed, default=dt.date(2026, 1, 1))
    author = config.site_author or config.site_name
    Path(config.site_dir).mkdir(parents=True, exist_ok=True)
    Path(config.site_dir, FEED).write_bytes(atom(site_url, config.site_name, author, fallback))
    return env
