"""Point Material's search at our query-rewriting worker (assets/javascripts/search-worker.js).

Material reads the search worker's URL from the page config; this hook swaps it
for ours, which loads Material's own worker and rewrites queries (stop words,
typo tolerance). The build fails if Material's worker file has changed name, so a
theme upgrade cannot silently switch the rewriting off.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

OURS = "assets/javascripts/search-worker.js"
MATERIAL = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')


def _swap(html: str) -> str:
    return MATERIAL.sub(lambda m: f'{m.group(1)}{m.group(2)}{OURS}"', html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Swap the worker URL in each page's config."""
    return _swap(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages made from templates alone (404.html)."""
    return _swap(output_content)


def on_post_build(config: MkDocsConfig) -> None:
    """Check that the worker we load still exists under the name our worker imports."""
    site = Path(config.site_dir)
    ours = (site / OURS).read_text(encoding="utf-8")
    name = re.search(r'MATERIAL_WORKER = "([^"]+)"', ours).group(1)
    if not (site / "assets" / "javascripts" / name).exists():
        found = sorted(p.name for p in (site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        raise PluginError(f"{OURS} imports {name}, but Material now ships {found}: "
                          "update MATERIAL_WORKER in docs/assets/javascripts/search-worker.js")
