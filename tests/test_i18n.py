"""The Spanish version (issue 18): same paths and ids as English, its own language everywhere,
hreflang both ways, a switch on every page, safety boxes never lost, links to English-only
pages marked, out-of-date translations caught, Spanish search on Spanish pages.

The FAQ feed, embeds and cards in Spanish are tested in test_faq.py and test_clinic_kit.py.
"""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import ROOT, mkdocs_build
from test_bad_input import GOOD, make_project

# The pages issue 18 puts in Spanish (the English path of each).
SCOPE = (["index.md", "about/disclaimer.md", "about/for-clinics.md"]
         + [p.relative_to(ROOT / "docs").as_posix() for section in ("faq", "safety", "before-and-after")
            for p in sorted((ROOT / "docs" / section).glob("*.md"))])
MARKER = "(en inglés)"
# The link of the notice on a translation older than its English page (data/languages.yml), which says
# the page it leads to is in English: a stale translation must not stop the build or the tests.
STALE_LINK = yaml.safe_load((ROOT / "data" / "languages.yml").read_text(encoding="utf-8"))["es"]["translation"]["stale_link"]


def url_of(src: str) -> str:
    return "" if src == "index.md" else src[:-3].removesuffix("index") + ("" if src.endswith("index.md") else "/")


class Page(HTMLParser):
    """Heading ids, hreflang links, the switch, article links with their text, medical-help boxes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.heading_ids: list[str] = []
        self.hreflang: dict[str, str] = {}
        self.switch: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text) inside the article text
        self.box_items: list[int] = []  # <li> count in each medical-help box
        self.skip_link = ""
        self._in: list[str] = []  # open elements of interest
        self._depth = {"article": 0, "aside": 0, "switch": 0, "box": 0}
        self._link: list[str] | None = None
        self._href = ""
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        cls = a.get("class", "")
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.hreflang[a["hreflang"]] = a["href"]
        if re.fullmatch(r"h[1-6]", tag) and a.get("id") and self._depth["article"] and not self._depth["aside"]:
            self.heading_ids.append(a["id"])
        for key, hit in (("article", tag == "article"), ("aside", tag == "aside"),
                         ("switch", "mng-lang-switch" in cls), ("box", "mng-medical-help" in cls)):
            if hit or (self._depth[key] and tag == {"article": "article", "aside": "aside",
                                                    "switch": "nav", "box": "div"}[key]):
                self._depth[key] += 1
        if tag == "li" and self._depth["box"]:
            self.box_items[-1:] = [self.box_items[-1] + 1] if self.box_items else [1]
        if "mng-medical-help" in cls and self._depth["box"] == 1:
            self.box_items.append(0)
        if tag == "a" and "md-skip" in cls:
            self._skip = True
        if tag == "a" and self._depth["switch"]:
            self.switch.append(a.get("href", ""))
        elif (tag == "a" and self._depth["article"] and not self._depth["aside"] and "headerlink" not in cls
              and a.get("href") and not a["href"].startswith(("#", "mailto:", "http"))):
            self._link, self._href = [], a["href"]

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)
        if self._skip:
            self.skip_link += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._skip = False
            if self._link is not None:
                self.links.append((self._href, " ".join("".join(self._link).split())))
                self._link = None
        for key, end in (("article", "article"), ("aside", "aside"), ("switch", "nav"), ("box", "div")):
            if self._depth[key] and tag == end:
                self._depth[key] -= 1


def page(site: Path, url: str) -> Page:
    p = Page()
    p.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return p


@pytest.mark.parametrize("src", SCOPE)
def test_every_page_in_scope_has_its_spanish_twin(site: Path, src: str) -> None:
    """Same path under /es/, lang="es", the same section ids in the same order, a switch both ways."""
    en, es = page(site, url_of(src)), page(site, "es/" + url_of(src))
    assert (en.lang, es.lang) == ("en", "es")
    assert es.heading_ids == en.heading_ids
    # hreflang pairs are in sitemap.xml (below): a head link would make Material's script fetch a
    # sitemap.xml beside the twin's address, which does not exist.
    assert en.hreflang == es.hreflang == {}
    assert [urljoin("/es/" + url_of(src), h) for h in es.switch] == ["/" + url_of(src)]
    assert [urljoin("/" + url_of(src), h) for h in en.switch] == ["/es/" + url_of(src)]


@pytest.mark.parametrize("src", SCOPE)
def test_spanish_pages_keep_every_safety_box(site: Path, src: str) -> None:
    """Safety content is never cut: the same medical-help boxes with the same number of signs."""
    en, es = page(site, url_of(src)), page(site, "es/" + url_of(src))
    assert es.box_items == en.box_items


def test_sitemap_pairs_each_page_with_its_twin_by_full_address(site: Path) -> None:
    """hreflang both ways, as search engines read it from a sitemap."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    base = "https://micro-needling-guide.example/"
    for src in SCOPE:
        for here, twin, lang in ((f"es/{url_of(src)}", url_of(src), "en"), (url_of(src), f"es/{url_of(src)}", "es")):
            entry = sitemap.split(f"<loc>{base}{here}</loc>")[1].split("</url>")[0]
            assert f'hreflang="{lang}" href="{base}{twin}"' in entry, (src, lang)
    assert 'hreflang="es"' not in sitemap.split(f"<loc>{base}treatments/micro-coring/</loc>")[1].split("</url>")[0]


@pytest.mark.parametrize("host", ["cloudflare", "netlify"])
def test_spanish_embeds_may_be_framed_and_spanish_pages_may_not(site: Path, host: str) -> None:
    from site_server import headers_for, parse_headers_file

    rules = parse_headers_file(site)
    embed = headers_for(rules, "/es/embed/faq/makeup-after/", host)["Content-Security-Policy"]
    page_csp = headers_for(rules, "/es/faq/aftercare/", host)["Content-Security-Policy"]
    assert "frame-ancestors *" in embed and "frame-ancestors 'self'" not in embed
    assert "frame-ancestors 'self'" in page_csp and page_csp.count("default-src") == 1


def test_english_only_pages_lead_to_the_spanish_home_and_claim_no_twin(site: Path) -> None:
    p = page(site, "treatments/micro-coring/")
    assert "es" not in p.hreflang
    assert [urljoin("/treatments/micro-coring/", h) for h in p.switch] == ["/es/"]


@pytest.mark.parametrize("src", SCOPE)
def test_links_from_spanish_pages_stay_spanish_or_say_english(site: Path, src: str) -> None:
    """A link in a Spanish page's text goes to a Spanish page, or says the page is in English."""
    url = "/es/" + url_of(src)
    for href, text in page(site, "es/" + url_of(src)).links:
        target = urljoin(url, href).split("#")[0]
        if target.startswith("/es/") or target.startswith(("/assets/", "/print/", "/embed/", "/changes.xml")):
            continue
        if re.search(r"\.(json|xml|svg)$", target):
            continue
        if re.fullmatch(r"S\d+", text) and target == "/about/sources/":
            continue  # an answer's "Fuentes:" line, which ends with the marker (below)
        if text == STALE_LINK and target == "/" + url_of(src):
            continue  # the notice on a translation older than its English page
        assert text.endswith(MARKER), f"{url}: [{text}]({href}) goes to an English page without '{MARKER}'"


def test_spanish_answers_say_their_sources_list_is_english(site: Path) -> None:
    lines = re.findall(r'<p class="mng-faq-sources">(.*?)</p>',
                       (site / "es" / "faq" / "aftercare" / "index.html").read_text(encoding="utf-8"))
    assert lines and all(line.startswith("Fuentes: ") and line.endswith(MARKER) for line in lines), lines


def test_theme_and_template_words_are_spanish_on_spanish_pages(site: Path) -> None:
    html = (site / "es" / "safety" / "risks" / "index.html").read_text(encoding="utf-8")
    assert page(site, "es/safety/risks/").skip_link.split() == ["Saltar", "a", "contenido"] * 2  # ours, Material's
    assert 'placeholder="Búsqueda"' in html
    for words in ("Fuentes de esta página", "Última revisión de la página:", "Informar de un problema",
                  "Esta guía tiene fines educativos", "Cuándo buscar atención médica", 'title="Cambiar al modo oscuro"',
                  'title="Enlace a esta sección"'):
        assert words in html, words
    for english in ("Sources for this page", "Page last reviewed", "Report a problem", "Skip to content",
                    "Switch to dark mode", "Link to this section"):
        assert english not in html, english


def test_spanish_navigation_lists_only_spanish_pages(site: Path) -> None:
    for url in ("es/faq/aftercare/", "es/safety/risks/"):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        nav = html[html.index("md-nav--primary"):html.index("md-nav--secondary")]
        targets = {urljoin("/" + url, h) for h in re.findall(r'href="([^"#]+)"', nav)}
        assert targets and all(t.startswith("/es/") for t in targets), targets
    html = (site / "safety" / "risks" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index("md-nav--primary"):html.index("md-nav--secondary")]
    assert "Español" not in nav and not [h for h in re.findall(r'href="([^"#]+)"', nav)
                                          if urljoin("/safety/risks/", h).startswith("/es/")]


# -- Editors' mistakes with translations, and out-of-date translations ----------------------
UNTAGGED = GOOD.replace("tags: [Acne scars]\n", "")  # tags list a page on the English concern pages
ES_HOME = UNTAGGED.replace("title: A page", "title: Inicio").replace("Some text about collagen.", "Texto.")
ES_PAGE = UNTAGGED.replace("title: A page", "title: Una página").replace("Some text about collagen.", "Texto sobre colágeno.")
ENGLISH_PAGE = GOOD + "\nSee [the home page](index.md).\n"


def blob(text: str) -> str:
    return subprocess.run(["git", "hash-object", "--stdin"], input=text.encode(), capture_output=True,
                          check=True).stdout.decode()[:12]


def translation(text: str, of: str) -> str:
    return text.replace("---\n\n", f"translation_of: {blob(of)}\n---\n\n", 1)


def i18n_build(tmp_path: Path, es_pages: dict[str, str], en_pages: dict[str, str] | None = None,
               es_nav: list[str] | None = None, before_build=None) -> tuple[int, str, Path]:
    """A small project with English pages and a Spanish section in its nav."""
    en_pages = en_pages or {"page.md": ENGLISH_PAGE}
    project = make_project(tmp_path, {**en_pages, **{"es/" + k: v for k, v in es_pages.items()}})
    home = GOOD.replace("title: A page", "title: Home")
    es_nav = es_nav if es_nav is not None else ["es/" + k for k in es_pages]
    nav = "\n".join(f"  - {p}" for p in ["index.md", *en_pages]) + "\n  - Español:\n" + "\n".join(
        f"      - {p}" for p in es_nav)
    (project / "mkdocs.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nnav:\n{nav}\n",
                                        encoding="utf-8")
    assert (project / "docs" / "index.md").read_text(encoding="utf-8") == home
    if before_build:
        before_build(project)
    result = mkdocs_build(project, tmp_path / "out")
    return result.returncode, result.stdout + result.stderr, tmp_path / "out"


def current(pages: dict[str, str]) -> dict[str, str]:
    """Spanish twins of the small project's pages, each recording the English as it is."""
    english = {"index.md": GOOD.replace("title: A page", "title: Home"), "page.md": ENGLISH_PAGE}
    return {k: translation(v, english[k]) for k, v in pages.items()}


def test_a_current_translation_builds_without_notice(tmp_path: Path) -> None:
    code, out, site = i18n_build(tmp_path, current({"index.md": ES_HOME, "page.md": ES_PAGE}))
    assert code == 0, out
    assert "OUT OF DATE" not in out
    assert "mng-stale" not in (site / "es" / "page" / "index.html").read_text(encoding="utf-8")


def test_an_out_of_date_translation_is_named_and_tells_readers(tmp_path: Path) -> None:
    """The English page changed after translation: the build says which page and how to see the
    change, but does not stop; the Spanish page says the English is newer and links to it."""
    pages = current({"index.md": ES_HOME, "page.md": ES_PAGE})
    pages["page.md"] = translation(ES_PAGE, ENGLISH_PAGE.replace("Some text", "Older text"))
    code, out, site = i18n_build(tmp_path, pages)
    assert code == 0, out
    assert "OUT OF DATE: docs/es/page.md translates an older version of docs/page.md" in out
    assert f"set translation_of: {blob(ENGLISH_PAGE)}" in out and "git diff" in out
    html = (site / "es" / "page" / "index.html").read_text(encoding="utf-8")
    assert "La versión en inglés de esta página es más reciente" in html
    assert re.search(r'<a href="(\.\./)+page/" hreflang="en" lang="en">Leer la versión en inglés</a>', html)
    assert "mng-stale" not in (site / "es" / "index.html").read_text(encoding="utf-8")


def test_an_out_of_date_translated_include_marks_the_pages_that_use_it(tmp_path: Path) -> None:
    """The English box changed after its Spanish include was translated: each Spanish page that
    pulls it in says so, and the build names the include and the command that shows the change."""
    from test_bad_input import own_copy

    pages = current({"index.md": ES_HOME, "page.md": ES_PAGE + '\n--8<-- "includes/es/medical-help.md"\n'})
    project = tmp_path / "p"
    project.mkdir()
    code, out, site = i18n_build(project, pages, before_build=lambda root: (
        (inc := own_copy(root, "includes") / "es" / "medical-help.md").write_text(
            re.sub(r"\A<!-- translation_of: [0-9a-f]{12} -->", "<!-- translation_of: 0123456789ab -->",
                   inc.read_text(encoding="utf-8")), encoding="utf-8")))
    assert code == 0, out
    assert ("OUT OF DATE: includes/es/medical-help.md translates an older version of includes/medical-help.md"
            in out and "git diff 0123456789ab" in out), out
    assert "mng-stale" in (site / "es" / "page" / "index.html").read_text(encoding="utf-8")
    assert "mng-stale" not in (site / "es" / "index.html").read_text(encoding="utf-8")


TRANSLATION_MISTAKES = {
    "no translation_of": ({"index.md": ES_HOME}, None, "front matter 'translation_of' must be"),
    "no English page": ({"other.md": ES_PAGE}, None, "docs/es/other.md has no English page docs/other.md"),
    "other ids": ({"page.md": ES_PAGE.replace("{#a-section}", "{#una-seccion}")}, None,
                  "missing: a-section; not in English: una-seccion"),
    "English include": ({"page.md": ES_PAGE + '\n--8<-- "includes/medical-help.md"\n'}, None,
                        "pulls in includes/medical-help.md, an English include: use includes/es/medical-help.md"),
    "unmarked English link": ({"page.md": ES_PAGE + "\n[Cómo funciona](../treatments.md)\n"}, None,
                              "goes to a page that exists only in English: end its text with '(en inglés)'"),
    "link to the English twin": ({"page.md": ES_PAGE + "\n[Inicio (en inglés)](../index.md)\n"}, None,
                                 "which has a translation: link to docs/es/index.md instead"),
    "tags": ({"page.md": ES_PAGE.replace("---\n\n", "tags: [Acne scars]\n---\n\n", 1)}, None, "remove 'tags' from a translated page"),
    "English page in the Spanish section": ({"page.md": ES_PAGE}, ["es/index.md", "es/page.md", "treatments.md"],
                                            "lists treatments.md: list only pages under docs/es/ there"),
}


@pytest.mark.parametrize("case", sorted(TRANSLATION_MISTAKES))
def test_translation_mistakes_stop_the_build(tmp_path: Path, case: str) -> None:
    pages, nav, expected = TRANSLATION_MISTAKES[case]
    pages = {"index.md": ES_HOME, **pages}
    stamped = {k: (v if case == "no translation_of" and k == "index.md" else translation(
        v, {"index.md": GOOD.replace("title: A page", "title: Home")}.get(k, ENGLISH_PAGE))) for k, v in pages.items()}
    en = {"page.md": ENGLISH_PAGE, "treatments.md": GOOD.replace("title: A page", "title: Treatments")}
    code, out, _ = i18n_build(tmp_path, stamped, en, nav)
    assert code != 0, f"the build passed:\n{out}"
    assert "Traceback" not in out, out
    assert expected in out, out


# -- Spanish search, in Chromium -----------------------------------------------------------
@pytest.fixture(scope="module")
def spanish_box(browser, server: str):
    from search_quality import SearchBox

    return SearchBox(browser, server, start="/es/faq/aftercare/")


@pytest.mark.browser
@pytest.mark.parametrize("query, expected", [
    ("maquillaje despues", r"^/es/faq/aftercare/#makeup-after$|^/es/before-and-after/daily-life-after-treatment/"),
    ("fiebre", r"^/es/safety/when-to-get-medical-help/|^/es/faq/safety/#when-to-get-help"),
    ("cicatrices de acne", r"^/es/"),
])
def test_spanish_pages_search_in_spanish(spanish_box, query: str, expected: str) -> None:
    """Accents folded ("despues", "acne"), results only in Spanish, the answer in the top three."""
    results, _ = spanish_box.search(query)
    urls = [u for u, _ in results]
    assert urls and all(u.startswith("/es/") for u in urls), urls
    assert any(re.search(expected, u) for u in urls[:3]), urls[:5]


@pytest.mark.browser
def test_a_spanish_warning_sign_links_the_spanish_help_page(spanish_box) -> None:
    """A warning sign reported after treatment, on a Spanish page: the link above the results
    is in Spanish and leads to the Spanish page on when to get help."""
    spanish_box.search("pus 4 dias despues del tratamiento")
    links = spanish_box.page.eval_on_selector_all(".md-search-result__meta a", "els => els.map(e => e.href)")
    assert len(links) == 1 and links[0].endswith("/es/safety/when-to-get-medical-help/"), links
    text = spanish_box.page.eval_on_selector(".md-search-result__meta", "e => e.textContent")
    assert "cuándo buscar ayuda" in text
