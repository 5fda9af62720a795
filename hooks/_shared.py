"""Helpers shared by the hooks: project paths, data files and front-matter parsing.

Not a hook itself (it is not listed under `hooks:` in mkdocs.yml).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)


def project_dir(config: MkDocsConfig) -> Path:
    """The folder that holds mkdocs.yml, data/ and includes/."""
    return Path(config.config_file_path).resolve().parent


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: much faster
_cache: dict[Path, tuple[float, Any]] = {}


def load_yaml(path: Path) -> Any:
    """Read a YAML data file (once per change), failing the build with the file name on any error.

    Callers must not modify the returned data: hooks share it.
    """
    try:
        mtime = path.stat().st_mtime
        if path in _cache and _cache[path][0] == mtime:
            return _cache[path][1]
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise PluginError(f"{path}: data file is missing") from None
    except yaml.YAMLError as err:
        raise PluginError(f"{path}: invalid YAML: {err}") from None
    _cache[path] = (mtime, data)
    return data


SEARCH_WORKER = Path("assets") / "javascripts" / "search-worker.js"  # our search worker, in docs_dir


def search_worker_setting(docs_dir: Path, pattern: re.Pattern[str], expected: str) -> re.Match[str]:
    """Find a setting of the search worker (a constant or word list) that a hook must agree with.

    Fails the build, saying `expected`, when the worker no longer has it in that form.
    """
    path = docs_dir / SEARCH_WORKER
    found = pattern.search(path.read_text(encoding="utf-8")) if path.is_file() else None
    if not found:
        raise PluginError(f"{path}: expected {expected}")
    return found


def source_path(page: Page) -> str:
    """The page's Markdown file as an editor would type it (relative to the project)."""
    path = page.file.abs_src_path or page.file.src_uri
    rel = os.path.relpath(path)
    return rel if not rel.startswith("..") else path


def parse_front_matter(raw: str) -> tuple[dict[str, Any] | None, int, str | None]:
    """Parse the front matter at the top of a Markdown file's text.

    Returns (data, number of lines it takes, error). MkDocs silently ignores broken
    YAML, so the hooks parse it themselves to report it.
    """
    m = FRONT_MATTER.match(raw)
    if not m:
        return None, 0, "no front matter: the page must start with a '---' line"
    lines = m.group(0).count("\n")
    try:
        data = yaml.load(m.group(1) or "", Loader=_LOADER) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        return None, lines, f"front matter is not valid YAML{where}: {problem}"
    if not isinstance(data, dict):
        return None, lines, "front matter must be a set of 'key: value' lines"
    return data, lines, None


def read_front_matter(page: Page) -> tuple[dict[str, Any] | None, int, str | None]:
    """parse_front_matter() of the page's own Markdown file."""
    return parse_front_matter(page.file.content_string)
