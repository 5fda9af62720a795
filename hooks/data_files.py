"""Check every data file in data/ before anything is built.

Each known file has a schema (hooks/_data.py); any other YAML file must at least be
valid YAML without repeated keys or impossible dates. Errors name the file and the fix.
search/data/ is checked by the search's own hook (search/hook.py).
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from _data import TEXT_SCHEMAS, checked_data
from _shared import project_dir


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check each data file (the hooks that use them then get checked data)."""
    data_dir = project_dir(config) / "data"
    for path in sorted(data_dir.iterdir()):
        if path.suffix in (".yml", ".yaml") or path.name in TEXT_SCHEMAS:
            checked_data(project_dir(config), path.name)
        # Other kinds of file are not read by the build.
    return config
