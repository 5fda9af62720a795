"""Check and render the FAQ pages, and link each article to the questions about it.

- Every FAQ page (docs/faq/<topic>.md, and its translations docs/<code>/faq/<topic>.md) is
  parsed and checked before any page renders.
- "Sources: S1, S2" lines ("Fuentes: S1, S2" in Spanish) become links to the sources page.
- Retired question ids listed in data/faq-aliases.yml get an anchor beside the
  question that replaced them, so old links still land on the right answer.
- Each question heading carries its permanent URL for the copy-link button.
- An article that FAQ answers point to ("Read more") gets a list of those questions, in
  its own language only (a Spanish answer may point to an English-only article).
"""
from __future__ import annotations

import html as htmlmod
import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _faq
import _lang
import _snippets
from _shared import load_yaml, parse_front_matter, project_dir

ALIASES_FILE = "data/faq-aliases.yml"
SOURCES_PAGE = "about/sources.md"
# Left out of search: it only repeats questions that are search results of their own.
RELATED_HEADING = "## {heading} {{#common-questions data-search-exclude}}"
_related: dict[str, list[_faq.Question]] = {}
_pages: set[str] = set()


def _rel(from_uri: str, to_uri: str) -> str:
    """A relative .md link from one docs file to another."""
    return os.path.relpath(to_uri, os.path.dirname(from_uri) or ".").replace(os.sep, "/")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the languages (which pages are FAQ pages, and their words)."""
    _lang.load(project_dir(config))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Parse every FAQ page and the alias list before any page is rendered."""
    _faq.QUESTIONS.clear()
    _related.clear()
    _pages.clear()
    _pages.update(f.src_uri for f in files.documentation_pages())
    for f in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        if not _faq.is_faq_page(f.src_uri):
            continue
        path = os.path.relpath(f.abs_src_path) if f.abs_src_path else f.src_uri
        text = f.content_string
        meta, body_offset, error = parse_front_matter(text)
        if error:
            raise PluginError(f"{path}: {error}")
        # Blank lines in place of the front matter, so the FAQ parser's line numbers match the file.
        body = "\n" * body_offset + text.split("\n", body_offset)[body_offset]
        # Shared facts (includes/facts.md) pulled into an answer count as its sentences.
        body = _snippets.expand(body, project_dir(config), path)
        sources = meta.get("sources") or []
        if not isinstance(sources, list):
            raise PluginError(f"{path}: 'sources' must be a list of source ids, such as [S1, S4]")
        questions = _faq.parse_page(body, f.src_uri, path, str(meta.get("title", "")), sources)
        for q in questions:
            q.reviewed = meta.get("reviewed")  # checked by hooks/front_matter.py before any output
        _faq.register(questions, path)
    aliases = load_yaml(project_dir(config) / ALIASES_FILE) or {}
    if not isinstance(aliases, dict):
        raise PluginError(f"{ALIASES_FILE}: expected 'old-id: current-id' lines")
    english = _faq.questions(_lang.DEFAULT)
    for old, new in aliases.items():
        if any(old in by_id for by_id in _faq.QUESTIONS.values()):
            raise PluginError(f"{ALIASES_FILE}: '{old}' is still a live question id; an alias must be a retired id")
        if new not in english:
            raise PluginError(f"{ALIASES_FILE}: '{old}' points to '{new}', which is not a question id")
        for by_id in _faq.QUESTIONS.values():  # a translated answer keeps the same old ids
            if new in by_id:
                by_id[new].aliases.append(old)
    for q in _faq.all_questions():
        target = _faq.normalize(_faq.resolve_link(q.src_uri, q.read_more_link))
        _related.setdefault(target, []).append(q)
    return files


def _render_faq_markdown(markdown: str, page: Page) -> str:
    code = _lang.language_of(page.file.src_uri)
    own = _lang.in_language(SOURCES_PAGE, code)  # the sources page in the FAQ page's language, if it has one
    sources_md = _rel(page.file.src_uri, own if own in _pages else SOURCES_PAGE)
    # A translated answer's sources go to the English list: the line says so.
    in_english = "" if own in _pages or code == _lang.DEFAULT else " " + _lang.LANGS[code]["translation"]["english_only"]
    by_line = {q.question: q for q in _faq.on_page(page.file.src_uri)}
    said = _faq.labels(code)[1]

    def sources(m: re.Match[str]) -> str:
        links = ", ".join(f"[{s}]({sources_md}#{s.lower()})" for s in m.group("ids").split(", "))
        return f"{said}: {links}{in_english}\n{{: .mng-faq-sources }}"

    def heading(m: re.Match[str]) -> str:
        q = by_line.get(m.group("question").strip())
        anchors = "".join(f'<div id="{a}" class="mng-alias"></div>\n\n' for a in (q.aliases if q else []))
        return anchors + m.group(0)

    markdown = re.sub(_faq.sources_re(code).pattern, sources, markdown, flags=re.M)
    return re.sub(_faq.HEADING.pattern, heading, markdown, flags=re.M)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render FAQ source lines and aliases; list related questions on articles."""
    if _faq.is_faq_page(page.file.src_uri):
        return _render_faq_markdown(markdown, page)
    code = _lang.language_of(page.file.src_uri)
    questions = [q for q in _related.get(page.file.src_uri, []) if q.lang == code]
    if not questions:
        return markdown
    ui = _lang.ui(code)
    items = "\n".join(f"- [{q.question}]({_rel(page.file.src_uri, q.src_uri)}#{q.id})" for q in questions)
    heading = RELATED_HEADING.format(heading=ui["faq_related_heading"])
    return f"{markdown.rstrip()}\n\n{heading}\n\n{ui['faq_related_intro']}\n\n{items}\n"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Mark question headings and keep each rendered answer for the feed and embeds."""
    if not _faq.is_faq_page(page.file.src_uri):
        return html
    base = config.site_url or "/"
    read_more = _faq.labels(_lang.language_of(page.file.src_uri))[0]
    for q in _faq.on_page(page.file.src_uri):
        url = f"{base}{q.page_url}#{q.id}"
        html, found = re.subn(rf'<h2 id="{re.escape(q.id)}">',
                              f'<h2 id="{q.id}" class="mng-faq-q" data-faq-url="{htmlmod.escape(url)}">', html)
        if found != 1:
            raise PluginError(f"docs/{q.src_uri}: question id '{q.id}' did not render as one heading")
        section = html.split(f'<h2 id="{q.id}"', 1)[1].split("</h2>", 1)[1]
        answer = re.split(rf"<p>{re.escape(read_more)}:", section, maxsplit=1)[0].strip()
        q.answer_html = answer
        text = re.sub(r"<[^>]+>", "", re.sub(r"</p>\s*<p[^>]*>", " ", answer))
        q.answer_text = " ".join(htmlmod.unescape(text).split())
    # A fixed-size place under each question for faq.js's copy-link button, so adding the
    # button does not move the text below it (layout shift).
    return re.sub(r'(<h2 id="[^"]+" class="mng-faq-q".*?</h2>)', r'\1<div class="mng-copy-slot"></div>', html,
                  flags=re.S)
