"""The handout builder on the for-clinics page (at its <!-- handout-builder --> line).

Clinics tick FAQ answers and the aftercare checklist; docs/assets/javascripts/handout.js
shows them on one printable sheet, each answer with its card's QR code. The choices and
the sheet's items are written here at build time; the script only shows and hides them.
A translated for-clinics page (docs/es/about/for-clinics.md) gets the builder in its own
language: its answers, its cards and its aftercare checklist.
"""
from __future__ import annotations

import re

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import _changes
import _faq
import _lang
from _shared import project_dir

BUILDER_PAGE = "about/for-clinics.md"
CHECKLIST_PAGE = "before-and-after/aftercare-checklist.md"
MARKER = "<!-- handout-builder -->"
_env: list[Environment] = []
_checklist: dict[str, str] = {}  # language code -> the checklist's ticks and medical-help box, as HTML


def _absolute(html: str, page_url: str) -> str:
    html = _faq.absolute_links(html, page_url)
    return re.sub(r'\s(?:id|for|aria-labelledby)="[^"]*"', "", html)  # ids stay unique on the page


def _box(html: str, start: int, src_uri: str = CHECKLIST_PAGE) -> str:
    """The whole <div> element that starts at `start` (nested divs included)."""
    depth, pos = 0, start
    for m in re.finditer(r"<(/?)div\b[^>]*>", html[start:]):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return html[start:start + m.end()]
    raise PluginError(f"docs/{src_uri}: the medical-help box has no end")


def checklist_html(html: str, page_url: str, src_uri: str = CHECKLIST_PAGE) -> str:
    """The checklist's headings and tick items, and its medical-help box, for the handout."""
    parts = []
    for m in re.finditer(r'<h([23])[^>]*>(.*?)</h\1>\s*<ul class="task-list">(.*?)</ul>', html, re.S):
        title = re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", m.group(2))).strip()
        items = re.findall(r"<li[^>]*>.*?</label>(.*?)</li>", m.group(3), re.S)
        ticks = "".join(f"<li>{item.strip()}</li>" for item in items)
        parts.append(f'<h5>{title}</h5>\n<ul class="mng-handout__ticks">{ticks}</ul>')
    lists = html.count('<ul class="task-list">')
    if len(parts) != lists:
        raise PluginError(f"docs/{src_uri}: {lists - len(parts)} of its {lists} tick lists do not come straight "
                          "after a heading, so the handout would leave them out: put each '- [ ] ...' list "
                          "right under its heading (move any text before the list above the heading or after it)")
    box = html.find('<div class="admonition danger mng-medical-help')
    if len(parts) < 3 or box < 0:
        raise PluginError(f"docs/{src_uri}: the handout builder expected task lists ('- [ ] ...') "
                          "under headings and the 'When to get medical help' box; keep both on the page")
    parts.append(_box(html, box, src_uri))
    return _absolute("\n".join(parts), page_url)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the languages (which pages are the builder's and the checklist's)."""
    _lang.load(project_dir(config))
    _checklist.clear()
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep the aftercare checklist (in each language) for the handout."""
    if _lang.english_path(page.file.src_uri) == CHECKLIST_PAGE:
        _checklist[_lang.language_of(page.file.src_uri)] = checklist_html(
            html, (config.site_url or "/") + page.url, page.file.src_uri)
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Keep the template environment for the builder."""
    _env[:] = [env]
    return env


def builder(page: Page, config: MkDocsConfig) -> str:
    """The builder's HTML in the page's language: the choices, the empty sheet and one hidden item per choice."""
    code = _lang.language_of(page.file.src_uri)
    checklist_page = _lang.in_language(CHECKLIST_PAGE, code)
    if code not in _checklist:
        raise PluginError(f"docs/{page.file.src_uri}: the handout builder needs docs/{checklist_page} in the site "
                          "(the aftercare checklist in the same language)")
    site_url = config.site_url or "/"
    groups: dict[str, list[dict]] = {}
    for q in _faq.questions(code).values():
        changes = _changes.for_answer("/" + q.page_url, [q.id, *q.aliases])
        groups.setdefault(q.topic, []).append({
            "q": q, "url": f"{site_url}{q.page_url}#{q.id}",
            "answer_html": Markup(_absolute(q.answer_html, f"{site_url}{q.page_url}")),
            "qr": f"../../print/faq/{q.id}/qr.svg", "reviewed": q.reviewed,
            "change": _changes.latest(changes), "correction": _changes.latest_correction(changes),
        })
    return _env[0].get_template("partials/handout-builder.html").render(
        groups=groups, checklist=Markup(_checklist[code]), site_url=site_url, site_name=config.site_name,
        checklist_url=f"{site_url}{checklist_page[:-3]}/", **_faq.template_words(code, _env[0]))


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Put the builder on the for-clinics page, now that every answer and the checklist are rendered.

    The page opts in with its marker line; tests/test_clinic_kit.py checks the real page has it."""
    if _lang.english_path(page.file.src_uri) == BUILDER_PAGE and MARKER in (page.content or ""):
        page.content = page.content.replace(MARKER, builder(page, config), 1)
        page.meta["mng_handout"] = True  # for the template: load handout.js on this page
    return context
