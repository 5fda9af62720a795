"""Fail the build when a page has two elements with the same id.

Python-Markdown keeps explicit duplicate ids ({#same} twice) and renames repeated
heading texts to "name_1", which makes links land on the wrong place or shift when
headings move. Both are errors: every heading that others link to needs its own id.
"""
from __future__ import annotations

import re
from collections import Counter

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from _shared import find_ids, source_path

AUTO_DEDUPED = re.compile(r"^(.+)_(\d+)$")
# Ids made by extensions for their own parts (tabs, footnotes), not by editors.
GENERATED = re.compile(r"^(__tabbed_|fn:|fnref)")


def duplicate_ids(html: str) -> list[str]:
    """Describe every repeated id in a page's HTML."""
    ids = [i for i in find_ids(html) if not GENERATED.match(i)]
    found = set(ids)
    problems = [f"id '{i}' is used {n} times" for i, n in Counter(ids).items() if n > 1]
    for i in ids:
        m = AUTO_DEDUPED.match(i)
        if m and m.group(1) in found:
            problems.append(f"two headings both make the id '{m.group(1)}' (the second became '{i}')")
    return problems


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the rendered page for repeated ids."""
    problems = duplicate_ids(html)
    if problems:
        raise PluginError(f"{source_path(page)}: duplicate heading id:\n  - " + "\n  - ".join(problems)
                          + "\n  Give each heading its own explicit id: ## Heading {#unique-id}")
    return html
