"""Keep retired article heading ids working: data/anchor-aliases.yml maps, per page,
an old id to the id that replaced it, and the old id is written as an empty anchor
inside the element with the new id, so old links land on the right heading.

Errors name the file and the fix: the new id must exist on the page, the old id must
no longer be there. Entries for pages that are not in this build are left alone (the
published-URL check, hooks/published_urls.py, reports any link that still breaks).
"""
from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from _data import checked_data
from _shared import project_dir

ALIASES = "anchor-aliases.yml"
_aliases: dict[str, dict[str, str]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read the aliases (checked against their schema)."""
    _aliases.clear()
    _aliases.update(checked_data(project_dir(config), ALIASES) or {})
    return config


def add_aliases(html: str, aliases: dict[str, str], where: str) -> str:
    """Write each old id as an anchor at the start of the element that has the new id."""
    for old, new in aliases.items():
        if re.search(rf'\sid="{re.escape(old)}"', html):
            raise PluginError(f"data/{ALIASES}: {where}: '{old}' is still an id on the page; an alias is only "
                              "for an id that is gone (delete this line, or rename the heading first)")
        tag = re.search(rf'<(h[1-6]|div|section|p|li|dt)\b[^>]*\sid="{re.escape(new)}"[^>]*>', html)
        if not tag:
            raise PluginError(f"data/{ALIASES}: {where}: '{old}' points to '{new}', which is not an id of a "
                              "heading on the page; use the id in the heading's {#...}")
        html = html[:tag.end()] + f'<span id="{old}" class="mng-alias"></span>' + html[tag.end():]
    return html


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add the page's aliases, if it has any."""
    aliases = _aliases.get(page.file.src_uri)
    return add_aliases(html, aliases, page.file.src_uri) if aliases else html
