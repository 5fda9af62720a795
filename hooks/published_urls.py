"""Stop the build when a URL that was ever published no longer resolves.

Published URLs (data/published-urls.txt and every URL its git history ever listed since
the first publication, see scripts/register_urls.py) must keep landing on the right page
and id. A missing page needs a redirect in mkdocs.yml; a missing id needs its old id back
or an alias (data/anchor-aliases.yml, data/faq-aliases.yml). Runs only on the project's
own git checkout: small test projects and exported copies have no registry history.
Needs the redirect pages, which mkdocs-redirects writes in on_post_build before hooks run
(hooks come after plugins in MkDocs).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from _shared import built_text, project_dir


def on_post_build(config: MkDocsConfig) -> None:
    """Check every published URL against the built site."""
    root = project_dir(config)
    script = root / "scripts" / "register_urls.py"
    if not (root / ".git").exists() or not script.is_file():
        return
    spec = importlib.util.spec_from_file_location("register_urls", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    problems = module.check(Path(config.site_dir), module.published_urls(root / "data" / "published-urls.txt"),
                            read=built_text)
    if problems:
        raise PluginError("Published links that no longer resolve (data/published-urls.txt and its history):\n  "
                          + "\n  ".join(problems[:30]) + (f"\n  ... and {len(problems) - 30} more" if len(problems) > 30 else ""))
