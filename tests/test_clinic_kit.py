"""The clinic kit (issue 17): change history, the Atom feed, printable answer cards with QR
codes, and the handout builder on the for-clinics page.

The browser tests share one Chromium context and reuse its tabs: every card is rendered,
its QR code read back from a screenshot by a barcode decoder (zxing-cpp), and printed to
PDF on A4 and US Letter (pypdf counts the pages).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from html import unescape
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, mkdocs_build, page_urls, search_index
from test_bad_input import REVIEWED
from test_faq import FAQ_PAGE, faq_project

sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "scripts")]
import _changes  # noqa: E402
import register_urls  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"
HELP_TEXT = (ROOT / "overrides" / "partials" / "help-text.html").read_text(encoding="utf-8")
HELP_LINE = re.sub(r"\{#.*?#\}", "", HELP_TEXT, flags=re.S).strip()
HELP_LINE_ES = re.sub(r"\{#.*?#\}", "", (ROOT / "overrides" / "partials" / "help-text-es.html")
                      .read_text(encoding="utf-8"), flags=re.S).strip()


@pytest.fixture(scope="module")
def feed(site: Path) -> dict:
    return json.loads((site / "faq.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def es_feed(site: Path) -> dict:
    return json.loads((site / "es" / "faq.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def history() -> list[_changes.Change]:
    return _changes.parse((ROOT / "data" / "changes.yml").read_text(encoding="utf-8"), dt.date.today())


# -- The Atom feed and the "What has changed" page ------------------------------------------

def test_atom_feed_is_valid_and_every_entry_resolves(site: Path, history: list[_changes.Change]) -> None:
    root = ET.parse(site / "changes.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    site_url = "https://micro-needling-guide.example/"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), f"feed has no <{name}>"
    assert root.findtext(f"{ATOM}author/{ATOM}name")
    links = {link.get("rel", "alternate"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == site_url + "changes.xml" and links["alternate"] == site_url + "about/changes/"
    dates = []
    ids = set()
    problems = []
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "summary"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), f"an entry has no <{name}>"
        ids.add(entry.findtext(f"{ATOM}id"))
        updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert updated.tzinfo is not None, "Atom dates need a time zone (RFC 3339)"
        dates.append(updated)
        (link,) = [x for x in entry.findall(f"{ATOM}link") if x.get("rel", "alternate") == "alternate"]
        href = link.get("href")
        assert href.startswith(site_url), href
        problems += register_urls.check(site, ["/" + href[len(site_url):]])
    assert not problems, "\n".join(problems)
    assert len(ids) == len(dates) == len(history), "one entry per change in data/changes.yml, ids unique"
    assert dates == sorted(dates, reverse=True), "newest first"
    if dates:
        assert dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated")) == dates[0]


def test_changes_page_lists_every_change_newest_first(site: Path, history: list[_changes.Change]) -> None:
    html = (site / "about" / "changes" / "index.html").read_text(encoding="utf-8")
    items = re.findall(r'<li class="mng-changes__item mng-changes__item--(\w+)">.*?<time datetime="([\d-]+)">'
                       r'.*?<span class="mng-changes__kind">(\w+)</span>.*?<a href="([^"]+)">', html, re.S)
    assert [(kind, date) for kind, date, _, _ in items] == [(c.kind, c.date.isoformat()) for c in history]
    assert all((kind == "correction") == (label == "Correction") for kind, _, label, _ in items)


def test_changes_list_is_left_out_of_search(site: Path, history: list[_changes.Change]) -> None:
    """The entries' words are those of the answers they link to: search finds the answer, and the
    page itself by its title and opening, not by every symptom a change mentions."""
    rows = {d[0]: d for d in search_index(site)["docs"]}
    page = rows["about/changes/"]
    assert "feed" in page[2].lower(), "the page's opening is still searchable"
    notes = [c.note for c in history if len(c.note) > 40]
    assert notes and not [n for n in notes if n[:40] in page[2]], "a change's note is in the search index"


def test_every_page_announces_the_feed_and_links_the_changes_page(site: Path) -> None:
    missing = []
    for url in page_urls(site):
        if url.startswith("/search/"):
            continue
        html = (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        m = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', html)
        if not m or not re.fullmatch(r"(\.\./)*changes\.xml", m.group(1)) or (
                (site / url.lstrip("/") / m.group(1)).resolve() != (site / "changes.xml").resolve()):
            missing.append(f"{url}: no Atom <link rel=alternate> to /changes.xml")
        if not re.match(r"/(?:[a-z]{2}/)?(?:embed|print)/", url) and 'class="mng-footer-changes"' not in html:
            missing.append(f"{url}: no 'What's changed' link in the footer")
    assert not missing, "\n".join(missing[:20])
    clinics = (site / "about" / "for-clinics" / "index.html").read_text(encoding="utf-8")
    assert 'href="../changes/"' in clinics
    assert '<a href="../changes/" class="md-nav__link">' in clinics, "not in the nav beside this page"
    about = re.search(r"^  - About:\n((?:      - .*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert "about/changes.md" in about.group(1), "not in the nav under About"


# -- Change history, on a small project: corrections shown, fields, bad input ----------------

HISTORY = """# test history
- date: 2026-02-01
  kind: correction
  where: /faq/testing/#is-it-safe
  note: Says to stop and call the clinic if the skin blisters.
- date: 2026-01-20
  kind: update
  where: /faq/testing/
  note: Answers checked against new guidance.
- date: 2026-01-15
  kind: new
  where: /
  note: The home page is new.
"""


def build_with_history(tmp_path: Path, text: str):
    project = faq_project(tmp_path, FAQ_PAGE)
    (project / "data" / "changes.yml").write_text(text, encoding="utf-8")
    return mkdocs_build(project, tmp_path / "out")


def test_corrections_and_last_changes_reach_every_output(tmp_path: Path) -> None:
    result = build_with_history(tmp_path, HISTORY)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    faq = (out / "faq" / "testing" / "index.html").read_text(encoding="utf-8")
    # the correction sits under its question, not under the other one
    section = faq.split('<h2 id="is-it-safe"', 1)[1]
    assert re.search(r'^.*?</h2><div class="mng-copy-slot"></div><p class="mng-correction" data-search-exclude>'
                     r'<strong>Corrected on <time datetime="2026-02-01">1 February 2026</time>:</strong> '
                     r'Says to stop and call the clinic if the skin blisters\.', section, re.S)
    assert faq.count('class="mng-correction"') == 1
    assert re.search(r'class="mng-last-change">\s*Last changed: <time datetime="2026-02-01">', faq)
    questions = {q["id"]: q for q in json.loads((out / "faq.json").read_text(encoding="utf-8"))["questions"]}
    assert (questions["is-it-safe"]["last_changed"], questions["is-it-safe"]["change_kind"]) == ("2026-02-01", "correction")
    assert (questions["does-it-work"]["last_changed"], questions["does-it-work"]["change_note"]) == (
        "2026-01-20", "Answers checked against new guidance.")
    embed = (out / "embed" / "faq" / "does-it-work" / "index.html").read_text(encoding="utf-8")
    reviewed = dt.date.fromisoformat(REVIEWED)
    assert f"Last reviewed {reviewed.day} {reviewed:%B %Y}." in embed
    assert 'Last changed <time datetime="2026-01-20">20 January 2026</time>: Answers checked' in embed
    card = (out / "print" / "faq" / "is-it-safe" / "index.html").read_text(encoding="utf-8")
    assert "Corrected on" in card and "Says to stop and call the clinic" in card
    assert "Corrected on" not in (out / "print" / "faq" / "does-it-work" / "index.html").read_text(encoding="utf-8")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "The home page is new." in home and "mng-correction" not in home
    entries = ET.parse(out / "changes.xml").getroot().findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        "https://micro-needling-guide.example/faq/testing/#is-it-safe",
        "https://micro-needling-guide.example/faq/testing/", "https://micro-needling-guide.example/"]


ENTRY = {"date": "2026-01-20", "kind": "update", "where": "/faq/testing/", "note": "Answers checked."}


def entry_text(**changes: str | None) -> str:
    entry = {**ENTRY, **changes}
    return "- " + "\n  ".join(f"{k}: {v}" for k, v in entry.items() if v is not None) + "\n"


@pytest.mark.parametrize("case, text, expected", [
    ("unknown kind", entry_text(kind="fix"), "kind 'fix' is not one of new, update, correction"),
    ("missing note", entry_text(note=None), "'note' is missing"),
    ("extra field", entry_text() + "  author: me\n", "'author' is not a field"),
    ("date in words", entry_text(date="'6 December 2026'"), "is not a day written as YYYY-MM-DD"),
    ("impossible date", entry_text(date="2026-02-30"), "not a real date"),
    ("future date", entry_text(date="2999-01-01"), "is in the future"),
    ("where without slash", entry_text(where="faq/testing"), "is not a page address"),
    ("two-line note", entry_text(note="|\n    First line.\n    Second line."), "note must be one line"),
    ("HTML in note", entry_text(note="'Uses <b>bold</b>.'"), "without HTML"),
    ("repeated entry", entry_text() + entry_text(), "repeats entry 1"),
    ("not a list", "date: 2026-01-20\n", "expected a list of entries"),
])
def test_bad_change_entry_is_refused(case: str, text: str, expected: str) -> None:
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError) as err:
        _changes.parse(text, dt.date(2026, 12, 6))
    message = str(err.value)
    assert "data/changes.yml" in message and expected in message, f"{case}: {message}"


@pytest.mark.parametrize("where, expected", [
    ("/faq/no-such-page/", "no page has the address /faq/no-such-page/"),
    ("/faq/testing/#no-such-answer", "has no section or answer with the id 'no-such-answer'"),
])
def test_change_to_a_missing_place_stops_the_build(tmp_path: Path, where: str, expected: str) -> None:
    result = build_with_history(tmp_path, entry_text(where=where))
    out = result.stdout + result.stderr
    assert result.returncode != 0, "the build passed"
    assert "data/changes.yml:1: entry 1" in out and expected in out and "Fix:" in out, out


# -- Cards and the handout builder in Chromium (one context, tabs reused) -------------------

@pytest.fixture(scope="module")
def tab(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1000, "height": 1400}, device_scale_factor=2)
    page = context.new_page()
    page.foreign = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.foreign.append(r.url)
            if urlsplit(r.url).hostname not in ("127.0.0.1", None) else None)
    yield page
    assert context.cookies() == []
    context.close()


def pdf_pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_cards_have_the_answer_help_line_dates_and_a_clean_qr_svg(site: Path, feed: dict) -> None:
    embed = (site / "embed" / "faq" / feed["questions"][0]["id"] / "index.html").read_text(encoding="utf-8")
    assert HELP_LINE in embed
    for q in feed["questions"]:
        card = (site / "print" / "faq" / q["id"] / "index.html").read_text(encoding="utf-8")
        assert f'<h1 class="mng-card__question">{q["question"]}</h1>' in card.replace("&#39;", "'"), q["id"]
        assert HELP_LINE in card, q["id"]
        assert f'Last reviewed <time datetime="{q["last_reviewed"]}">' in card, q["id"]
        assert "an independent educational guide" in card
        if q["last_changed"]:
            assert f'Last changed <time datetime="{q["last_changed"]}">' in card, q["id"]
        svg = (site / "print" / "faq" / q["id"] / "qr.svg").read_text(encoding="utf-8")
        assert re.match(r'<\?xml[^>]*>\s*<svg xmlns="http://www.w3.org/2000/svg" viewBox=', svg)
        assert not re.search(r"\sstyle=|<style|<script|\son\w+=", svg), q["id"]


@pytest.mark.browser
def test_every_card_qr_decodes_to_its_answer_and_prints_on_one_page(tab, server: str, feed: dict) -> None:
    import zxingcpp
    from PIL import Image

    site_url = feed["site"]["url"]
    problems = []
    for q in feed["questions"]:
        tab.emulate_media(media="screen")
        tab.goto(server + "/" + q["print_url"][len(site_url):], wait_until="load")
        qr = tab.locator("img.mng-card__qr")
        assert tab.evaluate("document.querySelector('img.mng-card__qr').naturalWidth") > 0, q["id"]
        image = Image.open(io.BytesIO(qr.screenshot()))
        found = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
        if found != [q["url"]]:
            problems.append(f"{q['id']}: QR code reads {found}, expected {q['url']}")
        tab.emulate_media(media="print")
        for paper in ("A4", "Letter"):
            pages = pdf_pages(tab.pdf(format=paper, print_background=True))
            if pages != 1:
                problems.append(f"{q['id']}: prints on {pages} {paper} pages")
    assert not tab.foreign, tab.foreign
    assert not problems, "\n".join(problems)


def test_spanish_cards_embeds_and_handout_are_in_spanish(site: Path, es_feed: dict) -> None:
    """Every Spanish answer has its Spanish card (QR code to the Spanish answer); the Spanish
    for-clinics page's handout builder lists the Spanish answers with their Spanish cards."""
    site_url = es_feed["site"]["url"]
    for q in es_feed["questions"]:
        folder = site / q["print_url"][len(site_url):]
        card = (folder / "index.html").read_text(encoding="utf-8")
        assert card.startswith(f'<!doctype html>\n<html lang="es" data-faq-id="{q["id"]}">'), q["id"]
        assert f'<h1 class="mng-card__question">{q["question"]}</h1>' in card.replace("&#39;", "'"), q["id"]
        assert HELP_LINE_ES in card and HELP_LINE not in card, q["id"]
        assert f'Última revisión: <time datetime="{q["last_reviewed"]}">' in card, q["id"]
        assert "Scan the code" not in card and "Escanee el código" in card, q["id"]
        assert f"<title>QR code: {q['url']}</title>" in (folder / "qr.svg").read_text(encoding="utf-8"), q["id"]
    embed = (site / "es" / "embed" / "faq" / es_feed["questions"][0]["id"] / "index.html").read_text(encoding="utf-8")
    assert HELP_LINE_ES in embed and "/es/safety/when-to-get-medical-help/" in embed
    html = (site / "es" / "about" / "for-clinics" / "index.html").read_text(encoding="utf-8")
    builder = html.split("data-mng-handout", 1)[1].split("</template>", 1)[0]
    items = re.findall(r'<section class="mng-handout__item" data-id="([^"]+)">\s*<h4>([^<]+)</h4>', builder)
    assert [(i, unescape(t)) for i, t in items] == [(q["id"], q["question"]) for q in es_feed["questions"]]
    qrs = [(site / "es" / "about" / "for-clinics" / qr).resolve()
           for qr in re.findall(r'class="mng-handout__qr" src="([^"]+)"', builder)]
    assert qrs == [(site / "es" / "print" / "faq" / i / "qr.svg").resolve() for i, _ in items]
    assert all(qr.is_file() for qr in qrs)
    assert "Mostrar el folleto" in builder and "Lista de cuidados posteriores" in builder and HELP_LINE_ES in builder
    assert "/es/before-and-after/aftercare-checklist/" in builder and "Show the handout" not in builder


def test_scripts_have_words_for_every_language() -> None:
    """faq.js and handout.js show words in the page's language: each has a table entry for every
    language in data/languages.yml (else a new language would silently get English)."""
    import yaml

    codes = list(yaml.safe_load((ROOT / "data" / "languages.yml").read_text(encoding="utf-8")))
    for name in ("faq.js", "handout.js"):
        script = (ROOT / "docs" / "assets" / "javascripts" / name).read_text(encoding="utf-8")
        table = script.split("var WORDS = {", 1)[1].split("\n  };", 1)[0]
        assert re.findall(r"^    ([a-z]{2}): \{", table, re.M) == codes, name


ITEMS = """() => [...document.querySelectorAll('[data-handout-items] > [data-id]')]
  .filter(el => el.getClientRects().length > 0).map(el => el.dataset.id)"""
STORAGE = """() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"""
PRINTED = """() => [...document.querySelectorAll('.md-content__inner > *')]
  .filter(el => getComputedStyle(el).display !== 'none').map(el => el.className)"""


@pytest.mark.browser
def test_handout_builder_prints_exactly_the_selected_items(tab, server: str, feed: dict) -> None:
    ids = [q["id"] for q in feed["questions"]]
    chosen = [ids[5], ids[0], ids[-1]]
    query = "?" + "&".join(f"answer={i}" for i in chosen) + "&checklist=1"
    tab.emulate_media(media="screen")
    tab.goto(server + "/about/for-clinics/" + query + "#handout", wait_until="load")
    stored = tab.evaluate(STORAGE)  # Material keeps its palette; the builder must add nothing
    # the address reproduces the selection; the sheet shows it in the form's order, checklist first
    ticked = tab.evaluate("() => [...document.querySelectorAll('.mng-handout__form input:checked')].map(i => i.value)")
    in_order = [i for i in ids if i in chosen]
    assert ticked == ["1", *in_order]
    assert tab.evaluate(ITEMS) == ["checklist", *in_order]
    assert "3 answers" in tab.inner_text("[data-handout-status]")
    assert tab.locator("[data-handout-print]").is_visible() and not tab.locator("[data-handout-show]").is_visible()
    assert tab.evaluate("() => [...document.querySelectorAll('[data-handout-items] img')]"
                        ".every(i => i.complete && i.naturalWidth > 0)")
    tab.emulate_media(media="print")
    assert tab.evaluate(PRINTED) == ["mng-handout"], "only the handout prints while something is ticked"
    assert tab.evaluate(ITEMS) == ["checklist", *in_order]
    assert not tab.locator(".mng-handout__form").is_visible()
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(tab.pdf(format="A4"))).pages)
    text = " ".join(unicodedata.normalize("NFKC", text).split())  # PDF text has ligatures (fi)
    questions = {q["id"]: " ".join(q["question"].split()) for q in feed["questions"]}
    assert all(questions[i] in text for i in chosen)
    assert not [i for i in ids if i not in chosen and questions[i] in text]
    assert "Aftercare checklist: the first four weeks" in text and HELP_LINE[:60] in text

    # By keyboard: Space ticks a box, the address follows, and a reload brings the same sheet back.
    tab.emulate_media(media="screen")
    tab.click("[data-handout-clear]")
    assert tab.evaluate(ITEMS) == [] and tab.locator("[data-handout-sheet]").is_hidden()
    assert urlsplit(tab.url).query == ""
    box = tab.locator(f'.mng-handout__form input[value="{ids[2]}"]')
    box.focus()
    tab.keyboard.press("Space")
    assert box.is_checked() and urlsplit(tab.url).query == f"answer={ids[2]}"
    label = tab.evaluate("el => el.labels[0].textContent.trim()", box.element_handle())
    assert label == questions[ids[2]]
    assert tab.get_attribute("[data-handout-status]", "role") == "status"
    tab.reload(wait_until="load")
    assert tab.evaluate(ITEMS) == [ids[2]]
    assert tab.evaluate(STORAGE) == stored
    assert not tab.foreign, tab.foreign


@pytest.mark.browser
def test_spanish_cards_qr_in_the_browser(tab, server: str, es_feed: dict) -> None:
    """Two Spanish cards: the QR code reads the Spanish answer's address."""
    import zxingcpp
    from PIL import Image

    site_url = es_feed["site"]["url"]
    tab.emulate_media(media="screen")
    for q in es_feed["questions"][:2]:
        tab.goto(server + "/" + q["print_url"][len(site_url):], wait_until="load")
        image = Image.open(io.BytesIO(tab.locator("img.mng-card__qr").screenshot()))
        found = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
        assert found == [q["url"]] and "/es/faq/" in q["url"], q["id"]
    assert not tab.foreign, tab.foreign


@pytest.mark.browser
def test_spanish_handout_in_the_browser(tab, server: str, es_feed: dict) -> None:
    """The Spanish handout builder works, its status line in Spanish."""
    tab.emulate_media(media="screen")
    ids = [q["id"] for q in es_feed["questions"]][:2]
    tab.goto(server + "/es/about/for-clinics/?" + "&".join(f"answer={i}" for i in ids) + "#handout", wait_until="load")
    assert tab.evaluate(ITEMS) == ids
    assert tab.inner_text("[data-handout-status]").startswith("El folleto de abajo tiene 2 respuestas.")
    assert not tab.foreign, tab.foreign


@pytest.mark.browser
def test_handout_is_empty_without_a_selection_and_the_page_prints_normally(tab, server: str) -> None:
    tab.emulate_media(media="print")
    tab.goto(server + "/about/for-clinics/", wait_until="load")
    assert tab.evaluate(ITEMS) == []
    printed = tab.evaluate(PRINTED)
    assert len(printed) > 5 and "mng-page-meta" in printed
    tab.emulate_media(media="screen")


def test_builder_and_changes_list_are_in_the_sources() -> None:
    """The for-clinics page keeps its builder line, the changes page its list line."""
    assert "<!-- handout-builder -->" in (ROOT / "docs" / "about" / "for-clinics.md").read_text(encoding="utf-8")
    assert "<!-- changes-list -->" in (ROOT / "docs" / "about" / "changes.md").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_handout_with_items_has_no_wcag_violations(browser, server: str, feed: dict, scheme: str) -> None:
    """The filled sheet (cloned items, QR images, checklist) passes axe as the empty page does."""
    from axe_playwright_python.base import AxeResults
    from axe_playwright_python.sync_playwright import Axe

    from test_accessibility import AXE_OPTIONS, report

    ids = [q["id"] for q in feed["questions"]][:4]
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + "/about/for-clinics/?" + "&".join(f"answer={i}" for i in ids) + "&checklist=1",
              wait_until="load")
    assert page.locator("[data-handout-items] > [data-id]").count() == 5
    page.evaluate(Axe().axe_script)
    results = AxeResults(page.evaluate("options => axe.run(document, options)", AXE_OPTIONS))
    context.close()
    problems = report(f"[{scheme}] handout", results.response["violations"])
    assert not problems, "\n".join(problems)


def test_a_checklist_list_not_under_its_heading_stops_the_build() -> None:
    """A tick list with text between it and its heading would be left out of the handout:
    the build stops instead (a Spanish checklist once lost its whole micro-coring part)."""
    import importlib
    import sys

    from mkdocs.exceptions import PluginError

    sys.path.insert(0, str(ROOT / "hooks"))
    handout = importlib.import_module("handout")
    box = '<div class="admonition danger mng-medical-help"><p>Help</p></div>'
    ticks = '<ul class="task-list"><li><label></label>Clean gently</li></ul>'
    good = "".join(f'<h2 id="s{n}">Part {n}</h2>\n{ticks}' for n in range(3)) + box
    assert "Clean gently" in handout.checklist_html(good, "https://example.org/")
    bad = good.replace('<h2 id="s1">Part 1</h2>\n', '<h2 id="s1">Part 1</h2>\n<p>What it is.</p>\n')
    with pytest.raises(PluginError, match="1 of its 3 tick lists do not come straight after a heading"):
        handout.checklist_html(bad, "https://example.org/")
