"""Give each page its language: its own navigation, the theme's words in that language,
the words of our templates (data/languages.yml), its twins for sitemap.xml (hreflang) and the
language switch (a link with hreflang and lang).

One build holds every language. A translation lives at docs/<code>/<path>, the same path
as its English page, and the nav in mkdocs.yml has one top-level section for it (the
section that holds docs/<code>/index.md). Each page is shown only its own language's
navigation, and the previous/next links stay within its language.
"""
from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

import _lang
from _shared import project_dir

_navs: dict[str, Navigation] = {}
_urls: dict[str, str] = {}  # src_uri -> the page's URL, e.g. "es/faq/" (every documentation page)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the languages."""
    _lang.load(project_dir(config))
    if config.copyright:
        raise PluginError("mkdocs.yml: remove 'copyright': the footer notice is written in each language in "
                          "data/languages.yml (ui: copyright)")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Every translated page translates an English page at the same path."""
    _urls.clear()
    _urls.update((f.src_uri, "" if f.url in (".", "./") else f.url) for f in files.documentation_pages())
    orphans = [s for s in sorted(_urls)
               if _lang.language_of(s) != _lang.DEFAULT and _lang.english_path(s) not in _urls]
    if orphans:
        raise PluginError("; ".join(f"docs/{s} has no English page docs/{_lang.english_path(s)}" for s in orphans)
                          + ": a translation keeps its English page's path (docs/es/faq/aftercare.md translates "
                          "docs/faq/aftercare.md); rename it, or write the English page first")
    return files


def _pages(items: list[Any]) -> list[Page]:
    out: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif isinstance(item, Section):
            out += _pages(item.children)
    return out


def _link(pages: list[Page]) -> None:
    for prev, page, nxt in zip([None] + pages[:-1], pages, pages[1:] + [None]):
        page.previous_page, page.next_page = prev, nxt


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Split the nav into one per language; fail when a page sits in the wrong language's part."""
    _navs.clear()
    english = list(nav.items)
    for code, lang in _lang.LANGS.items():
        if not lang["prefix"]:
            continue
        home = f"{lang['prefix']}index.md"
        section = next((item for item in nav.items if isinstance(item, Section)
                        and any(p.file.src_uri == home for p in _pages(item.children))), None)
        if section is None:
            if any(_lang.language_of(s) == code for s in _urls):
                raise PluginError(f"mkdocs.yml: the nav has no section holding docs/{home}: add one top-level "
                                  f"section ('- {lang['name']}:') listing every page under docs/{lang['prefix']}")
            continue
        english.remove(section)
        for item in section.children:
            item.parent = None
        pages = _pages(section.children)
        wrong = [p.file.src_uri for p in pages if _lang.language_of(p.file.src_uri) != code]
        if wrong:
            raise PluginError(f"mkdocs.yml: the '{section.title}' section of the nav lists "
                              f"{', '.join(wrong)}: list only pages under docs/{lang['prefix']} there")
        _link(pages)
        _navs[code] = Navigation(section.children, pages)
        _navs[code].homepage = next(p for p in pages if p.file.src_uri == home)
    pages = _pages(english)
    wrong = [p.file.src_uri for p in pages if _lang.language_of(p.file.src_uri) != _lang.DEFAULT]
    if wrong:
        raise PluginError(f"mkdocs.yml: the nav lists {', '.join(wrong)} among the English pages: "
                          "move each into its language's section")
    _link(pages)
    _navs[_lang.DEFAULT] = Navigation(english, pages)
    _navs[_lang.DEFAULT].homepage = nav.homepage
    return nav


def alternates(src_uri: str, site_url: str) -> list[dict[str, str]]:
    """The page in every language it exists in, as full addresses (hreflang links): English first."""
    base = _lang.english_path(src_uri)
    out = [{"name": lang["name"], "link": site_url.rstrip("/") + "/" + _urls[twin], "path": _urls[twin], "lang": code}
           for code, lang in _lang.LANGS.items() if (twin := _lang.in_language(base, code)) in _urls]
    return out if len(out) > 1 else []


def _theme_words(config: MkDocsConfig, code: str) -> None:
    """The palette switch's names in the page's language (data/languages.yml)."""
    words = _lang.ui(code)
    for scheme in config.theme.get("palette") or []:
        if isinstance(scheme, dict) and isinstance(scheme.get("toggle"), dict):
            dark = scheme.get("scheme") == "default"  # the light scheme's toggle switches to dark
            scheme["toggle"]["name"] = words["palette_to_dark" if dark else "palette_to_light"]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Heading links' title in the page's language (read when the page renders)."""
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = _lang.ui(_lang.language_of(page.file.src_uri))["permalink_title"]
    return markdown


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """English by default, for templates that are not pages (404, sitemap) and hooks' own pages."""
    env.globals.update(mng_lang=_lang.DEFAULT, mng_prefix="", ui=_lang.ui(_lang.DEFAULT), mng_switch=[],
                       mng_date=lambda day: _lang.long_date(day, _lang.DEFAULT),
                       mng_alternates=lambda src_uri: alternates(src_uri, config.site_url or "/"))  # sitemap.xml
    return env


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """Pages made from a template alone (404.html) show the English navigation."""
    if _lang.DEFAULT in _navs:
        context["nav"] = _navs[_lang.DEFAULT]
    _theme_words(config, _lang.DEFAULT)
    return context


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """The page's language, navigation, template words, hreflang links and language switch."""
    code = _lang.language_of(page.file.src_uri)
    context["nav"] = _navs.get(code, nav)
    context["mng_lang"] = code
    context["mng_prefix"] = _lang.LANGS[code]["prefix"]
    context["ui"] = _lang.ui(code)
    context["mng_date"] = lambda day: _lang.long_date(day, code)
    _theme_words(config, code)
    # The page's twins are paired by full address in sitemap.xml (overrides/sitemap.xml), not by
    # <link rel="alternate" hreflang> in the head: Material's script fetches "sitemap.xml" beside
    # every such link's address, a missing file for each page's twin.
    alts = alternates(page.file.src_uri, config.site_url or "/")
    others = [a for a in alts if a["lang"] != code]
    if not others and code == _lang.DEFAULT and len(_lang.LANGS) > 1:
        # An English-only page: the switch leads to the other language's home page.
        other = next(c for c in _lang.LANGS if c != code)
        others = [{"name": _lang.ui(code)["switch_to_home"], "lang": other, "path": _lang.LANGS[other]["prefix"]}]
    context["mng_switch"] = others
    return context
