"""List every FAQ question on the FAQ index page, so a new question cannot be missed.

docs/faq/index.md (and each translation, such as docs/es/faq/index.md) holds, between the
markers <!-- faq-index --> and <!-- /faq-index -->,
one line per FAQ page: `- [Topic](page.md)`. This hook adds each page's questions
under its line, in page order, linking to their permanent ids. It needs the parsed
questions (hooks/faq_pages.py fills them in on_files, which MkDocs runs for every hook
before any page): it does not depend on where it is listed in mkdocs.yml.
"""
from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _faq
import _lang
from _shared import source_path

INDEX = "faq/index.md"
BLOCK = re.compile(r"^<!-- faq-index\b[^>]*-->\n(?P<body>.*?)^<!-- /faq-index -->$", re.S | re.M)
TOPIC = re.compile(r"^- \[(?P<label>[^\]]+)\]\((?P<page>[a-z0-9-]+\.md)\)[ \t]*$")


def expand(body: str, faq_pages: list[str], where: str, prefix: str = "") -> str:
    """The topic lines of the block, each followed by its page's questions (FAQ pages under prefix)."""
    out: list[str] = []
    listed: list[str] = []
    for n, line in enumerate(body.splitlines(), start=1):
        if not line.strip():
            continue
        m = TOPIC.match(line)
        if not m:
            raise PluginError(f"{where}: inside the faq-index markers, write only one line per FAQ page, "
                              f"as '- [Basics](basics.md)' (the questions are listed automatically); "
                              f"this line is not one: {line.strip()!r}")
        page = prefix + "faq/" + m.group("page")
        if page not in faq_pages:
            raise PluginError(f"{where}: '{m.group('page')}' in the faq-index list is not an FAQ page")
        listed.append(page)
        out.append(line)
        out += [f"    - [{q.question}]({m.group('page')}#{q.id})" for q in _faq.on_page(page)]
    missing = [p for p in faq_pages if p not in listed]
    if missing:
        raise PluginError(f"{where}: the FAQ index does not list " + ", ".join(missing) +
                          "; add a line such as '- [Topic](" + missing[0].split("/")[-1] +
                          ")' between the faq-index markers")
    return "\n".join(out) + "\n"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill in the question list of docs/faq/index.md and of its translations."""
    if _lang.english_path(page.file.src_uri) != INDEX:
        return markdown
    code = _lang.language_of(page.file.src_uri)
    m = BLOCK.search(markdown)
    if not m:
        raise PluginError(f"{source_path(page)}: the FAQ index needs its list between the lines "
                          "'<!-- faq-index -->' and '<!-- /faq-index -->'")
    faq_pages = sorted({f.src_uri for f in files.documentation_pages()
                        if _faq.is_faq_page(f.src_uri) and _lang.language_of(f.src_uri) == code})
    listing = expand(m.group("body"), faq_pages, source_path(page), _lang.LANGS[code]["prefix"])
    return markdown[:m.start()] + "\n" + listing + "\n" + markdown[m.end():]
