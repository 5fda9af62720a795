"""The address readers write to with corrections: one setting, `extra: corrections_email:` in
mkdocs.yml. The "Report a problem" link (overrides/partials/report-problem.html) reads it, and
the marker <!-- corrections-email --> on a page is replaced by a mailto: link to it, so the
address is written once. Before deploying, set it (and site_url) to real ones: see README.
"""
from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MARKER = "<!-- corrections-email -->"
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check that the setting is there and is one plain email address."""
    address = config.extra.get("corrections_email")
    if not isinstance(address, str) or not EMAIL.fullmatch(address.strip()):
        raise PluginError("mkdocs.yml: 'extra: corrections_email:' must be one email address, such as "
                          f"corrections@example.org (got {address!r}); the 'Report a problem' link and "
                          "the editorial policy use it")
    config.extra["corrections_email"] = address.strip()
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace each marker with a mailto: link to the address."""
    if MARKER not in markdown:
        return markdown
    address = config.extra["corrections_email"]
    return markdown.replace(MARKER, f"[{address}](mailto:{address})")
