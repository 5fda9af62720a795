"""Check every data file in data/ before anything is built.

Each known file has a schema (hooks/_data.py); any other YAML file must at least be
valid YAML without repeated keys or impossible dates. Errors name the file and the fix.
search/data/ is checked by the search's own hook (search/hook.py). Each concern (a tag)
must have its page.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Each concern in data/concerns.yml has its page (when the site has a concerns/ section)."""
    if not any(f.src_uri.startswith("concerns/") for f in files.documentation_pages()):
        return files  # a site (or test project) without concern pages
    missing = [c for c in checked_data(project_dir(config), "concerns.yml")
               if files.get_file_from_path(c["page"]) is None]
    if missing:
        raise PluginError("data/concerns.yml: " + "; ".join(
            f"'{c['name']}' has no page docs/{c['page']}" for c in missing)
            + ": write the page (and add it to the nav), or fix the path")
    return files
