"""Add schema.org JSON-LD to pages: FAQPage on FAQ pages, MedicalWebPage on articles.

The data is built from what the page shows (title, description, review date,
questions and answers), so it always matches the visible text; `inLanguage` is the
page's language code (data/languages.yml), as in its <html lang>. Translated pages
(docs/es/...) get the same data as their English page. The template puts
page.meta["jsonld"] into a <script type="application/ld+json"> data block.
"""
from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _faq
import _lang

ARTICLE_SECTIONS = ("treatments/", "concerns/", "safety/", "before-and-after/", "claims/")


def _dump(data: dict) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


@event_priority(-50)  # after faq_pages has stored each rendered answer
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Build the page's JSON-LD from its metadata and rendered answers."""
    meta = page.meta
    url = page.canonical_url
    publisher = {"@type": "Organization", "name": config.site_name, "url": config.site_url}
    code = _lang.language_of(page.file.src_uri)
    if _faq.is_faq_page(page.file.src_uri):
        questions = _faq.on_page(page.file.src_uri)
        data = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "name": meta["title"],
            "url": url,
            "inLanguage": code,
            "lastReviewed": meta["reviewed"].isoformat(),
            "publisher": publisher,
            "mainEntity": [{
                "@type": "Question",
                "name": q.question,
                "url": f"{url}#{q.id}",
                "acceptedAnswer": {"@type": "Answer", "text": q.answer_text},
            } for q in questions],
        }
    elif _lang.english_path(page.file.src_uri).startswith(ARTICLE_SECTIONS):
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "name": meta["title"],
            "description": meta["description"],
            "url": url,
            "inLanguage": code,
            "lastReviewed": meta["reviewed"].isoformat(),
            "publisher": publisher,
            "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
        }
        if meta.get("tags"):
            data["keywords"] = ", ".join(meta["tags"])
    else:
        return html
    meta["jsonld"] = _dump(data)
    return html
