"""Stop the build when a page that must carry the "When to get medical help" box does not.

Which pages: data/medical-help-pages.yml (sections, pages, except). A translation
(docs/es/...) follows its English page's rule. A page carries the box when its source
pulls in an include named includes/medical-help*.md (a translation: includes/es/...) and the
rendered page has the box (class "mng-medical-help", or a box titled "When to get
medical help"). Safety content is never cut: removing the box, or breaking its include
line, names the page and the fix.
"""
from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _lang
from _data import checked_data
from _shared import project_dir, source_path

RULE_FILE = "medical-help-pages.yml"
INCLUDE = re.compile(r"""^\s*-+8<-+\s+["']includes/(?:[a-z]{2}/)?medical-help[^"'/]*\.md(?::[\w:-]+)?["']\s*$""", re.M)
BOX = re.compile(r'class="admonition\b[^"]*\bmng-medical-help\b|'
                 r'<p class="admonition-title">When to get medical help', re.I)
FIX = ('add the box where the page talks about aftercare or risks, on a line of its own:\n'
       '      --8<-- "includes/medical-help.md"\n'
       '  (or a procedure\'s own box, includes/medical-help-<procedure>.md). The list of pages that need '
       'it is data/medical-help-pages.yml')
_rule: dict[str, list[str]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read which pages need the box."""
    _rule.clear()
    _rule.update(checked_data(project_dir(config), RULE_FILE))
    return config


def needs_box(src_uri: str) -> bool:
    """Whether the page at docs/<src_uri> must carry the box (a translation: as its English page)."""
    src_uri = _lang.english_path(src_uri)
    if src_uri in _rule["except"]:
        return False
    return src_uri in _rule["pages"] or any(src_uri.startswith(s.rstrip("/") + "/") for s in _rule["sections"])


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's source must pull in a medical-help include."""
    if needs_box(page.file.src_uri) and not INCLUDE.search(markdown):
        raise PluginError(f"{source_path(page)}: this page must carry the \"When to get medical help\" box, "
                          f"but no line includes it; {FIX}")
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The box must have rendered (not shipped as literal text)."""
    if needs_box(page.file.src_uri) and not BOX.search(html):
        raise PluginError(f"{source_path(page)}: the \"When to get medical help\" box did not render on this "
                          f"page; check its include line; {FIX}")
    return html
