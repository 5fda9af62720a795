"""Write the FAQ's public outputs: /faq.json and a chrome-less /embed/faq/<id>/ page.

Each language has its own: /es/faq.json and /es/embed/faq/<id>/ hold the Spanish answers
(same ids, same schema; the feed's top-level "language" says which). Each answer carries
its last change (from data/changes.yml: the entries recorded for its own address, so a
translated answer shows none until one is recorded for it) and the address of its
printable card (written by hooks/faq_cards.py).

Both are part of the site's public contract with clinics: URLs never change, and
the feed follows docs/schemas/faq-feed-v1.schema.json. A retired id (see
data/faq-aliases.yml) keeps its embed page, showing the question that replaced it.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

import _changes
import _faq
import _lang

FEED = "faq.json"
SCHEMA = "schemas/faq-feed-v1.schema.json"
TERMS = "about/for-clinics/#terms"
PRINT = "print/faq/{id}/"
EMBED = "embed/faq/{id}/"
NEW_TAB = ' target="_blank" rel="noopener"'  # an embedded answer's links leave the iframe
_writer: list[threading.Thread] = []  # writes the embed pages during the build
_write_errors: list[OSError] = []


def last_change(q: _faq.Question) -> _changes.Change | None:
    """The answer's newest change: its own entries (old ids too) and its whole page's."""
    return _changes.latest(_changes.for_answer("/" + q.page_url, [q.id, *q.aliases]))


def feed(site_url: str, site_name: str, code: str = _lang.DEFAULT) -> dict:
    """The feed of one language's answers (schema version 1)."""
    prefix = _lang.LANGS[code]["prefix"] if _lang.LANGS else ""
    questions = []
    for q in _faq.questions(code).values():
        if not q.answer_text:
            raise PluginError(f"docs/{q.src_uri}: no rendered answer for '{q.id}'")
        change = last_change(q)
        questions.append({
            "id": q.id,
            "question": q.question,
            "answer": q.answer_text,
            "url": f"{site_url}{q.page_url}#{q.id}",
            "embed_url": site_url + prefix + EMBED.format(id=q.id),
            "topic": q.src_uri.split("/")[-1][:-3],
            "topic_title": q.topic,
            "last_reviewed": q.reviewed.isoformat(),
            "sources": q.sources,
            "aliases": q.aliases,
            "last_changed": change.date.isoformat() if change else None,
            "change_kind": change.kind if change else None,
            "change_note": change.note if change else None,
            "print_url": site_url + prefix + PRINT.format(id=q.id),
        })
    return {"$schema": site_url + SCHEMA, "version": 1, "language": code, "site": {"name": site_name, "url": site_url},
            "terms": site_url + prefix + TERMS, "questions": questions}


def embed_pages(env: Environment, config: MkDocsConfig) -> list[tuple[Path, str]]:
    """Each embed page's file and HTML: one per question id, aliases included."""
    site = Path(config.site_dir)
    site_url = config.site_url or "/"
    template = env.get_template("embed-faq.html")
    pages = []
    for q in _faq.all_questions():
        words = _faq.template_words(q.lang, env)
        prefix = words["mng_prefix"]
        page_url = f"{site_url}{q.page_url}"
        html = template.render(
            q=q, url=f"{page_url}#{q.id}", base="../../../" + "../" * prefix.count("/"), site_url=site_url,
            site_name=config.site_name, reviewed=_lang.long_date(q.reviewed, q.lang),
            change=last_change(q), answer_html=Markup(_faq.absolute_links(q.answer_html, page_url, NEW_TAB)), **words,
        )
        pages += [(site / prefix / "embed" / "faq" / embed_id / "index.html", html) for embed_id in [q.id, *q.aliases]]
    return pages


def _write(pages: list[tuple[Path, str]]) -> None:
    """Write files, keeping the first error for on_post_build to report."""
    try:
        for path, html in pages:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
    except OSError as err:
        _write_errors.append(err)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Start writing the embed pages, on a second thread, while MkDocs renders the site's pages.

    Every answer has been rendered by now (MkDocs converts all pages before this event).
    Creating a few hundred files and folders is mostly system calls, which run outside Python's
    global lock: the second thread does them on another core while the first renders
    templates.
    """
    _write_errors.clear()
    thread = threading.Thread(target=_write, args=(embed_pages(env, config),), daemon=True)
    thread.start()
    _writer[:] = [thread]
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Write each language's feed, and wait for the embed pages."""
    site = Path(config.site_dir)
    site_url = config.site_url or "/"
    for code in _faq.QUESTIONS:
        path = site / _lang.LANGS[code]["prefix"] / FEED
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(feed(site_url, config.site_name, code), indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    for thread in _writer:
        thread.join()
    if _write_errors:
        raise PluginError(f"could not write the FAQ embed pages: {_write_errors[0]}")
