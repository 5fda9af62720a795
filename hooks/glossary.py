"""Render the glossary page from includes/abbreviations.md, the one list of terms.

Every page appends that file (pymdownx.snippets auto_append), so each term shows as
a tooltip wherever it is used. The marker <!-- glossary --> on a page is replaced
by the full list of terms and their meanings.
"""
from __future__ import annotations

import re
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from _shared import project_dir

MARKER = "<!-- glossary -->"
ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+)$")
_terms: dict[str, str] = {}


def parse_terms(text: str, path: str) -> dict[str, str]:
    """Parse '*[TERM]: meaning' lines; anything else but comments and blanks is an error."""
    terms: dict[str, str] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("<!--"):
            continue
        m = ENTRY.match(line)
        if not m:
            raise PluginError(f"{path}:{lineno}: expected '*[TERM]: meaning', got {line!r}")
        term = m.group("term")
        if term in terms:
            raise PluginError(f"{path}:{lineno}: the term '{term}' is defined twice")
        terms[term] = m.group("meaning").strip()
    return terms


def slug(term: str) -> str:
    """The glossary anchor for a term: 'term-' plus its lower-case kebab form."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the terms once per build."""
    path = project_dir(config) / "includes" / "abbreviations.md"
    _terms.clear()
    _terms.update(parse_terms(path.read_text(encoding="utf-8"), "includes/abbreviations.md"))
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the glossary marker with the terms, sorted without regard to case."""
    if MARKER not in markdown:
        return markdown
    items = "\n".join(
        f'<dt id="{slug(t)}">{escape(t)}</dt>\n<dd>{escape(_terms[t])}</dd>'
        for t in sorted(_terms, key=str.lower)
    )
    return markdown.replace(MARKER, f'<dl class="mng-glossary">\n{items}\n</dl>')
