"""Checks on the built HTML: links, anchors, page metadata and no third-party resources."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, page_urls, search_index
from html_tools import parse, resolve

FACTS = ROOT.parent / "shared" / "FACTS.md"


def content_pages(site: Path) -> list[str]:
    """Every page made from a Markdown file (not the tags export, search assets, embeds or
    printable answer cards: those two are made from the FAQ, checked in test_faq/test_clinic_kit)."""
    return [u for u in page_urls(site) if not re.match(r"/(?:[a-z]{2}/)?(?:embed|search|print)/", u)]


def test_site_has_pages(site: Path) -> None:
    assert len(content_pages(site)) >= 30


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    problems = []
    for url in page_urls(site) + ["/404.html"]:
        html_file = site / url.lstrip("/") / "index.html" if url.endswith("/") else site / url.lstrip("/")
        page = parse(html_file)
        for href in page.links + page.resources:
            if href.startswith(("mailto:", "tel:", "data:")):
                continue
            file, fragment = resolve(site, url, href)
            if file is None:
                continue
            if not file.exists():
                problems.append(f"{url}: {href} -> missing {file.relative_to(site)}")
            elif fragment and file.suffix == ".html" and fragment not in parse(file).ids:
                problems.append(f"{url}: {href} -> no id '{fragment}'")
    assert not problems, "\n".join(problems[:50])


def test_no_resource_from_another_origin(site: Path) -> None:
    """Stylesheets, scripts, images and fonts all come from the site itself."""
    bad = []
    for f in site.rglob("*.html"):
        page = parse(f)
        bad += [f"{f.relative_to(site)}: {r}" for r in page.resources if re.match(r"^(https?:)?//", r)]
    for f in site.rglob("*.css"):
        if "/assets/stylesheets/" in f.as_posix():
            bad += [f"{f.name}: {u}" for u in re.findall(r"url\((['\"]?)(https?://[^)'\"]+)", f.read_text())]
    assert not bad, "\n".join(bad[:20])
    assert "fonts.googleapis" not in (site / "index.html").read_text()


@pytest.mark.parametrize("attr", ["description", "og:title", "og:description", "og:url"])
def test_every_page_has_meta(site: Path, attr: str) -> None:
    missing = [u for u in content_pages(site) if not parse(site / u.lstrip("/") / "index.html").meta.get(attr)]
    assert not missing, f"pages without {attr}: {missing}"


def test_every_page_has_canonical_link(site: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().split("\nnav:")[0])
    for url in content_pages(site):
        assert parse(site / url.lstrip("/") / "index.html").canonical == config["site_url"].rstrip("/") + url


LANGUAGES = yaml.safe_load((ROOT / "data" / "languages.yml").read_text(encoding="utf-8"))


def test_every_page_shows_review_dates_and_sources(site: Path) -> None:
    for url in content_pages(site):
        if url.startswith("/tags/"):
            continue
        html = (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        ui = LANGUAGES["es" if url.startswith("/es/") else "en"]["ui"]  # the page's language's words
        assert ui["last_reviewed"] in html and ui["next_review"] in html, url
        assert re.search(r'<h2 id="page-sources">.*?<li><strong>S\d+</strong>', html, re.S), url
        meta = html.split('<aside class="mng-page-meta"', 1)[-1]  # dates in the text (changes) come first
        dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)"', meta)
        reviewed, next_review = (dt.date.fromisoformat(d) for d in dates[:2])
        assert reviewed <= dt.date.today() < next_review, url


def test_description_meta_matches_front_matter(site: Path) -> None:
    md = (ROOT / "docs" / "safety" / "index.md").read_text(encoding="utf-8")
    description = yaml.safe_load(md.split("---")[1])["description"]
    assert parse(site / "safety" / "index.html").meta["description"] == description


def search_docs(site: Path, lang: str = "en") -> list[dict[str, str]]:
    """The results of a language's search index (search/hook.py writes them as lists)."""
    return [{"location": d[0], "title": d[1], "text": d[2]} for d in search_index(site, lang)["docs"]]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_two_search_results_are_the_same(site: Path, lang: str) -> None:
    """A box repeated on many pages (such as "When to get medical help") is searchable once:
    mark the other copies' headings with data-search-exclude (see CONTRIBUTING.md)."""
    docs = search_docs(site, lang)
    seen: dict[tuple[str, str], str] = {}
    repeats = []
    for doc in docs:
        key = (doc["title"], doc["text"])
        if doc["text"] and key in seen:
            repeats.append(f"{doc['location']} repeats {seen[key]}")
        seen.setdefault(key, doc["location"])
    assert not repeats, repeats


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_search_result_has_reader_searches(site: Path, lang: str) -> None:
    """Every page, section and FAQ question (glossary terms aside) has an entry in
    search/data/questions-<lang>.yml, so a new section cannot be left out by mistake."""
    listed = yaml.safe_load((ROOT / "search" / "data" / f"questions-{lang}.yml").read_text(encoding="utf-8"))
    docs = search_docs(site, lang)
    assert docs and all(d["location"].startswith("es/") == (lang == "es") for d in docs)  # one language each
    missing = [f"/{d['location']}" for d in docs
               if f"/{d['location']}" not in listed and "glossary/#term-" not in d["location"]]
    assert not missing, (f"add these addresses to search/data/questions-{lang}.yml, each with the searches "
                         f"readers would type to find it: {missing}")


def test_404_page_is_helpful(site: Path) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html and "search" in html.lower()
    assert 'href="/faq/"' in html and 'href="/concerns/"' in html
    # Spanish readers too (one 404 page serves every address), and only the English navigation.
    assert '<section lang="es"' in html and "Página no encontrada" in html and 'href="/es/"' in html
    nav = html[html.index("md-nav--primary"):html.index("</nav>", html.index("md-nav--primary"))]
    assert "/es/" not in nav


@pytest.mark.skipif(not FACTS.exists(), reason="../shared/FACTS.md is not beside this checkout")
def test_sources_file_matches_fact_sheet() -> None:
    result = subprocess.run([sys.executable, "scripts/build_sources.py", "--check", str(FACTS)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_theme_settings() -> None:
    """The settings the foundation depends on, read from mkdocs.yml as written."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^strict: true$", text, re.M)
    assert re.search(r"^  font: false$", text, re.M)
    for feature in ("search.suggest", "search.highlight", "search.share",
                    "content.tooltips", "navigation.footer"):
        assert f"- {feature}\n" in text
    assert text.count("(prefers-color-scheme: ") == 2
