"""Change history on the pages: each entry of data/changes.yml checked against the site,
corrections shown where they were made, each page's last change for its footer, and the
list on the "What's changed" page (docs/about/changes.md, at its <!-- changes-list --> line).

A change belongs to the address it names: a translated page or answer (/es/...) shows only the
entries recorded for its own address, in its own words and date format (data/languages.yml);
an English entry is about the English text and is not shown on the translation. The list and
the feed stay in English.
"""
from __future__ import annotations

import html as htmlmod
import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import _changes
import _faq
import _lang
from _shared import find_ids, parse_front_matter, project_dir

CHANGES_PAGE = "about/changes.md"
MARKER = "<!-- changes-list -->"
KIND_LABELS = {"new": "New", "update": "Update", "correction": "Correction"}
_pages: dict[str, File] = {}  # public path '/faq/aftercare/' -> its Markdown file
_seen: set[str] = set()  # pages whose entries were checked against their HTML


def public_path(file: File) -> str:
    """'/faq/aftercare/' for docs/faq/aftercare.md, '/' for docs/index.md."""
    url = file.url.lstrip("/")
    return "/" if url in ("", ".", "./") else "/" + url


def _heading_title(markdown: str, anchor: str) -> str | None:
    """The text of the Markdown heading with {#anchor}, without its markup."""
    m = re.search(rf"^#{{1,6}} (.+?) \{{#{re.escape(anchor)}[ }}]", markdown, re.M)
    return re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1)).strip() if m else None


def _page_title(file: File, source: str) -> str:
    """The page's title from its front matter (source: its Markdown), or its file name."""
    meta, _, _ = parse_front_matter(source)
    return str((meta or {}).get("title") or file.name)


def _title(change: _changes.Change, file: File, source: str, page_title: str) -> str:
    """How the changes page and the feed name the changed page, section or answer
    (source: the file's Markdown; page_title: _page_title())."""
    anchor = change.fragment
    if anchor is None:
        return page_title
    question = _faq.find(_lang.language_of(file.src_uri), anchor)
    if question and question.src_uri == file.src_uri:
        return question.question
    heading = _heading_title(source, anchor)
    return f"{heading} ({page_title})" if heading else page_title


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read data/changes.yml; every entry must name a page of the site."""
    _changes.load(project_dir(config))
    _pages.clear()
    _seen.clear()
    _pages.update({public_path(f): f for f in files.documentation_pages()})
    config.extra["mng_changes_page"] = any(f.src_uri == CHANGES_PAGE for f in files.documentation_pages())
    sources: dict[str, tuple[str, str]] = {}  # each changed page's Markdown and title, read once
    for change in _changes.CHANGES:
        file = _pages.get(change.path)
        if file is None:
            raise PluginError(f"{change.label()}: no page has the address {change.path}. Fix: copy the "
                              "address from the page in the browser, without the site name "
                              "(such as /faq/aftercare/ or /safety/risks/#infection)")
        if file.src_uri not in sources:
            source = file.content_string
            sources[file.src_uri] = (source, _page_title(file, source))
        _changes.TITLES[change.where] = _title(change, file, *sources[file.src_uri])
    return files


def change_list(page: Page) -> str:
    """The list for the "What's changed" page, newest first, corrections marked."""
    if not _changes.CHANGES:
        return '<p class="mng-changes-empty">No changes have been recorded yet.</p>'
    items = []
    for c in _changes.CHANGES:
        href = get_relative_url(c.where.lstrip("/") or ".", page.url)
        kind = KIND_LABELS[c.kind]
        items.append(
            f'<li class="mng-changes__item mng-changes__item--{c.kind}">'
            f'<p class="mng-changes__head"><time datetime="{c.date.isoformat()}">{_changes.long_date(c.date)}</time>'
            f' <span class="mng-changes__kind">{kind}</span></p>'
            f'<p class="mng-changes__what"><a href="{htmlmod.escape(href)}">{htmlmod.escape(_changes.TITLES[c.where])}</a>:'
            f' {htmlmod.escape(c.note)}</p></li>')
    # Out of search: each entry's words are those of the answer it links to, which search finds itself.
    return '<ul class="mng-changes" data-search-exclude>\n' + "\n".join(items) + "\n</ul>"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the list of changes on the "What's changed" page."""
    if page.file.src_uri != CHANGES_PAGE:
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"docs/{CHANGES_PAGE}: the line {MARKER} is missing; put it where the "
                          "list of changes should appear")
    return markdown.replace(MARKER, "\n" + change_list(page) + "\n", 1)


def correction_note(change: _changes.Change, page: Page, link: bool) -> str:
    """A short dated note at the place that was corrected (left out of search), in the page's language."""
    code = _lang.language_of(page.file.src_uri)
    ui = _lang.ui(code)
    more = (f' <a href="{htmlmod.escape(get_relative_url("about/changes/", page.url))}">'
            f'{htmlmod.escape(ui["what_has_changed"])}</a>') if link else ""
    return (f'<p class="mng-correction" data-search-exclude><strong>{htmlmod.escape(ui["corrected_on"])} '
            f'<time datetime="{change.date.isoformat()}">{_lang.long_date(change.date, code)}</time>:</strong> '
            f'{htmlmod.escape(change.note)}{more}</p>')


def _insert_after_heading(html: str, anchor: str, note: str) -> str | None:
    m = re.search(rf'<h([1-6]) id="{re.escape(anchor)}"[^>]*>.*?</h\1>(<div class="mng-copy-slot"></div>)?',
                  html, re.S)
    return html[:m.end()] + note + html[m.end():] if m else None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check each entry's id on its page, show corrections, and remember the page's last change."""
    path = public_path(page.file)
    changes = _changes.for_page(path)
    page.meta["last_change"] = _changes.latest(changes)
    _seen.add(path)
    if not changes:
        return html
    ids = set(find_ids(html))
    for c in changes:
        if c.fragment and c.fragment not in ids:
            raise PluginError(f"{c.label()}: the page {c.path} has no section or answer with the id "
                              f"'{c.fragment}'. Fix: use an id from the page's headings ({{#id}}), or leave "
                              "out '#...' for a change to the whole page")
    shown: set[str | None] = set()
    for c in changes:
        if c.kind != "correction" or c.fragment in shown:
            continue  # only the latest correction of each place is shown on the page
        shown.add(c.fragment)
        note = correction_note(c, page, bool(config.extra.get("mng_changes_page")))
        anchor = c.fragment
        question = _faq.find(_lang.language_of(page.file.src_uri), anchor) if anchor else None
        anchor = question.id if question else anchor
        placed = _insert_after_heading(html, anchor, note) if anchor else None
        if placed is None:  # the whole page, or an id that is not a heading
            h1 = html.find("</h1>")
            placed = html[:h1 + 5] + note + html[h1 + 5:] if h1 >= 0 else note + html
        html = placed
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every entry's page was built, so each entry's id has been checked."""
    unchecked = [c for c in _changes.CHANGES if c.path not in _seen]
    if unchecked:
        raise PluginError(f"{unchecked[0].label()}: the page was not built, so the entry cannot be "
                          "shown. Fix: point the entry at a page in the site's navigation")
    return env
