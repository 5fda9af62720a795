"""Keep the theme's compiled templates between builds (Jinja's bytecode cache), so a build
does not compile Material's large templates again. The cache is checked against each
template's source, so an edited template is compiled afresh. Speed only: no output changes."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "jinja"


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme's template environment a bytecode cache in .cache/jinja."""
    CACHE.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(CACHE))
    return env
