"""The FAQ is a public contract: ids, feed, embeds, JSON-LD and the URL registry."""
from __future__ import annotations

import json
import re
import shutil
import sys
from html import unescape
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, link_search, mkdocs_build
from test_bad_input import NEXT_REVIEW, REVIEWED
from html_tools import parse

sys.path.insert(0, str(ROOT / "scripts"))
import register_urls  # noqa: E402

SCHEMA = json.loads((ROOT / "docs" / "schemas" / "faq-feed-v1.schema.json").read_text(encoding="utf-8"))
TOPICS = {"basics", "results-and-sessions", "pain-and-recovery", "aftercare", "safety",
          "at-home-vs-clinic", "micro-coring", "hair"}


@pytest.fixture(scope="module")
def feed(site: Path) -> dict:
    return json.loads((site / "faq.json").read_text(encoding="utf-8"))


def visible_text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", re.sub(r"</p>\s*<p[^>]*>", " ", html))).split())


def faq_questions(html: str) -> list[tuple[str, str, str]]:
    """(id, question, answer text) for each question heading in an FAQ page's HTML."""
    out = []
    html = re.sub(r'<p class="mng-correction".*?</p>', "", html, flags=re.S)  # a dated note, not the answer
    for m in re.finditer(r'<h2 id="([^"]+)" class="mng-faq-q"[^>]*>(.*?)<a class="headerlink".*?</h2>(.*?)<p>Read more:', html, re.S):
        out.append((m.group(1), visible_text(m.group(2)), visible_text(m.group(3))))
    return out


def jsonld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_feed_matches_schema(feed: dict) -> None:
    jsonschema.validate(feed, SCHEMA, format_checker=jsonschema.FormatChecker())


def test_feed_schema_rejects_a_broken_feed(feed: dict) -> None:
    broken = json.loads(json.dumps(feed))
    broken["questions"][0]["url"] = broken["questions"][0]["url"].split("#")[0]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA, format_checker=jsonschema.FormatChecker())


def test_feed_version_1_stays_compatible(feed: dict) -> None:
    """A consumer's copy of the feed from before the change fields still validates, and the
    new fields are checked when present."""
    old = json.loads(json.dumps(feed))
    for q in old["questions"]:
        for key in ("last_changed", "change_kind", "change_note", "print_url"):
            del q[key]
    jsonschema.validate(old, SCHEMA, format_checker=jsonschema.FormatChecker())
    for key, bad in [("print_url", "https://micro-needling-guide.example/faq/x/"), ("change_kind", "typo"),
                     ("last_changed", "6 December 2026"), ("change_note", "")]:
        broken = json.loads(json.dumps(feed))
        broken["questions"][0][key] = bad
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA, format_checker=jsonschema.FormatChecker())


def test_feed_change_fields_and_cards(site: Path, feed: dict) -> None:
    """Each answer's print_url is its card; its last change is the newest entry of
    data/changes.yml for the answer (or its old ids) or its whole page."""
    entries = yaml.safe_load((ROOT / "data" / "changes.yml").read_text(encoding="utf-8")) or []
    site_url = feed["site"]["url"]
    for q in feed["questions"]:
        assert q["print_url"] == f"{site_url}print/faq/{q['id']}/"
        assert (site / "print" / "faq" / q["id"] / "index.html").is_file(), q["id"]
        path = "/" + q["url"][len(site_url):].split("#")[0]
        mine = [e for e in entries if e["where"] in (path, *(f"{path}#{i}" for i in [q["id"], *q["aliases"]]))]
        newest = max((e["date"] for e in mine), default=None)
        assert q["last_changed"] == (newest.isoformat() if newest else None), q["id"]
        if newest:
            notes = {e["note"] for e in mine if e["date"] == newest}
            assert q["change_note"] in notes and q["change_kind"] in ("new", "update", "correction"), q["id"]
        else:
            assert q["change_note"] is None and q["change_kind"] is None, q["id"]


def test_at_least_40_questions_across_all_topics(feed: dict) -> None:
    questions = feed["questions"]
    assert len(questions) >= 40
    assert {q["topic"] for q in questions} == TOPICS
    assert len({q["id"] for q in questions}) == len(questions)


def test_feed_agrees_with_the_pages(site: Path, feed: dict) -> None:
    site_url = feed["site"]["url"]
    for q in feed["questions"]:
        page = q["url"][len(site_url):].split("#")[0]
        html = (site / page / "index.html").read_text(encoding="utf-8")
        shown = {i: (question, answer) for i, question, answer in faq_questions(html)}
        assert q["id"] in shown, q["url"]
        assert shown[q["id"]] == (q["question"], q["answer"]), q["id"]
        assert (site / q["embed_url"][len(site_url):] / "index.html").exists()
        sentences = len(re.findall(r"[.!?](?=\s+[A-Z0-9\"(]|\s*$)", q["answer"]))
        assert 2 <= sentences <= 5, q["id"]


def test_faq_json_ld_matches_visible_questions(site: Path) -> None:
    for topic in TOPICS:
        html = (site / "faq" / topic / "index.html").read_text(encoding="utf-8")
        (data,) = jsonld(html)
        assert data["@type"] == "FAQPage"
        shown = [(q, a) for _, q, a in faq_questions(html)]
        assert [(e["name"], e["acceptedAnswer"]["text"]) for e in data["mainEntity"]] == shown


def test_articles_have_medical_web_page_json_ld(site: Path) -> None:
    count = 0
    for section in ("treatments", "concerns", "safety", "before-and-after", "claims"):
        for f in (site / section).rglob("index.html"):
            html = f.read_text(encoding="utf-8")
            (data,) = jsonld(html)
            assert data["@type"] == "MedicalWebPage", f
            h1 = visible_text(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))
            assert data["name"] == h1.rstrip("#").strip(), f
            assert f'<time datetime="{data["lastReviewed"]}">' in html, f
            assert data["description"] == unescape(parse(f).meta["description"]), f
            count += 1
    assert count >= 20


def test_every_article_linked_from_faq_lists_its_questions(site: Path, feed: dict) -> None:
    html = (site / "before-and-after" / "daily-life-after-treatment" / "index.html").read_text(encoding="utf-8")
    assert 'id="common-questions"' in html and "../../faq/aftercare/#makeup-after" in html


def test_registry_urls_all_resolve(site: Path) -> None:
    urls = register_urls.read_registry()
    assert len(urls) > 100
    problems = register_urls.check(site, urls)
    assert not problems, "\n".join(problems)


def test_every_public_url_is_registered(site: Path) -> None:
    missing = set(register_urls.public_urls(site)) - set(register_urls.read_registry())
    assert not missing, f"run `python3 tasks.py register-urls` to register: {sorted(missing)[:20]}"


def test_registry_check_catches_breakage(site: Path, feed: dict) -> None:
    bad = ["/no-such-page/", "/faq/aftercare/#no-such-question", "/faq/aftercare/#page-sources"]
    problems = register_urls.check(site, bad)
    assert len(problems) == 3, problems


# -- Retired ids, moved pages and bad FAQ input, on a small project -------------------------

FAQ_PAGE = """---
title: Questions about testing
description: Test questions.
reviewed: REVIEWED
next_review: NEXT_REVIEW
sources: [S13, S27]
---

Intro.

## Does it work? {#does-it-work}

It is a test answer. It has two sentences.

Read more: [Home](../index.md)

Sources: S13

## Is it safe? {#is-it-safe}

This answer is short. It is still a test. It has three sentences.

Read more: [Home](../index.md)

Sources: S27
""".replace("NEXT_REVIEW", NEXT_REVIEW).replace("REVIEWED", REVIEWED)
INDEX = """---
title: Home
description: Home.
reviewed: REVIEWED
next_review: NEXT_REVIEW
sources: [S13]
---

Home text.
""".replace("NEXT_REVIEW", NEXT_REVIEW).replace("REVIEWED", REVIEWED)


def faq_project(tmp_path: Path, faq_text: str, aliases: str = "{}", extra_yml: str = "") -> Path:
    for name in ("hooks", "overrides", "includes"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "faq-aliases.yml").write_text(aliases, encoding="utf-8")
    link_search(tmp_path)
    docs = tmp_path / "docs"
    (docs / "faq").mkdir(parents=True)
    (docs / "about").mkdir()
    (docs / "assets").symlink_to(ROOT / "docs" / "assets", target_is_directory=True)
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    (docs / "about" / "sources.md").write_text(INDEX.replace("Home text.", "<!-- all-sources -->"), encoding="utf-8")
    (docs / "about" / "for-clinics.md").write_text(INDEX.replace("Home text.", "## Terms {#terms}\n\nTerms."), encoding="utf-8")
    (docs / "faq" / "testing.md").write_text(faq_text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nnav:\n  - index.md\n  - faq/testing.md\n"
        f"  - about/sources.md\n  - about/for-clinics.md\n{extra_yml}", encoding="utf-8")
    return tmp_path


def test_retired_id_alias_still_lands_on_the_answer(tmp_path: Path) -> None:
    project = faq_project(tmp_path, FAQ_PAGE, aliases="old-does-it-work: does-it-work\n")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "faq" / "testing" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div id="old-does-it-work" class="mng-alias"></div>\s*<h2 id="does-it-work"', html)
    embed = (tmp_path / "out" / "embed" / "faq" / "old-does-it-work" / "index.html").read_text(encoding="utf-8")
    assert "Does it work?" in embed
    assert register_urls.check(tmp_path / "out", ["/faq/testing/#old-does-it-work"]) == []


def test_moved_page_keeps_its_url_through_a_redirect(tmp_path: Path) -> None:
    moved = FAQ_PAGE.replace("(../index.md)", "(../index.md)")
    project = faq_project(tmp_path, moved, extra_yml="plugins:\n  - search\n  - tags\n  - redirects:\n"
                          "      redirect_maps:\n        faq/old-testing.md: faq/testing.md\n")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert register_urls.check(tmp_path / "out", ["/faq/old-testing/#is-it-safe"]) == []
    assert register_urls.check(tmp_path / "out", ["/faq/never-existed/#is-it-safe"]) != []


@pytest.mark.parametrize("case, text, aliases, expected", [
    ("duplicate id", FAQ_PAGE.replace("{#is-it-safe}", "{#does-it-work}"), "{}", "already used"),
    ("no sources line", FAQ_PAGE.replace("Sources: S27\n", ""), "{}", "exactly one 'Read more"),
    ("one sentence", FAQ_PAGE.replace("It is a test answer. It has two sentences.", "Yes."), "{}", "has 1 sentence"),
    ("source not in front matter", FAQ_PAGE.replace("Sources: S27", "Sources: S28"), "{}", "S28 cited here"),
    ("no question mark", FAQ_PAGE.replace("Is it safe?", "Safety"), "{}", "must end with '?'"),
    ("no explicit id", FAQ_PAGE.replace(" {#is-it-safe}", ""), "{}", "## Question? {#permanent-id}"),
    ("broken front matter", FAQ_PAGE.replace("sources: [S13, S27]", "sources: [S13, S27"), "{}",
     "front matter is not valid YAML at line"),
    ("sources not a list", FAQ_PAGE.replace("sources: [S13, S27]", "sources: S13"), "{}",
     "'sources' must be a list"),
    ("alias to nowhere", FAQ_PAGE, "old: not-a-question\n", "not a question id"),
    ("alias still live", FAQ_PAGE, "is-it-safe: does-it-work\n", "still a live question id"),
])
def test_bad_faq_fails_build(tmp_path: Path, case: str, text: str, aliases: str, expected: str) -> None:
    project = faq_project(tmp_path, text, aliases)
    result = mkdocs_build(project, tmp_path / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: build passed"
    assert expected in out, f"{case}: {out}"
    if "alias" not in case:
        assert "docs/faq/testing.md" in out, f"{case}: file not named: {out}"


# -- Spanish: the same answers, in their own feed, embeds and pages ---------------------------

sys.path.insert(0, str(ROOT / "hooks"))
import _faq  # noqa: E402


@pytest.fixture(scope="module")
def es_feed(site: Path) -> dict:
    return json.loads((site / "es" / "faq.json").read_text(encoding="utf-8"))


def test_spanish_feed_has_the_english_ids_under_es(feed: dict, es_feed: dict) -> None:
    """/es/faq.json follows the same schema, says its language, and holds exactly the English ids
    (the same id is the same answer), each with its addresses under /es/."""
    jsonschema.validate(es_feed, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert (feed["language"], es_feed["language"]) == ("en", "es")
    old = {k: v for k, v in feed.items() if k != "language"}  # a v1 client's copy from before the field
    jsonschema.validate(old, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [q["id"] for q in es_feed["questions"]] == [q["id"] for q in feed["questions"]]
    english = {q["id"]: q for q in feed["questions"]}
    es = feed["site"]["url"] + "es/"
    assert es_feed["terms"] == es + "about/for-clinics/#terms"
    for q in es_feed["questions"]:
        assert q["url"].startswith(es + "faq/") and q["url"].endswith("#" + q["id"]), q["id"]
        assert q["embed_url"] == f"{es}embed/faq/{q['id']}/" and q["print_url"] == f"{es}print/faq/{q['id']}/"
        assert (q["topic"], q["aliases"]) == (english[q["id"]]["topic"], english[q["id"]]["aliases"]), q["id"]
        assert q["question"] != english[q["id"]]["question"], f"{q['id']}: not translated"


def test_spanish_feed_agrees_with_the_pages_and_embeds(site: Path, es_feed: dict) -> None:
    site_url = es_feed["site"]["url"]
    pages: dict[str, dict] = {}
    for q in es_feed["questions"]:
        page = q["url"][len(site_url):].split("#")[0]
        if page not in pages:
            html = (site / page / "index.html").read_text(encoding="utf-8").replace("<p>Más información:", "<p>Read more:")
            pages[page] = {i: (question, answer) for i, question, answer in faq_questions(html)}
        assert pages[page][q["id"]] == (q["question"], q["answer"]), q["id"]
        assert 2 <= _faq.count_sentences(q["answer"], "es") <= 5, q["id"]
        for embed_id in [q["id"], *q["aliases"]]:
            embed = (site / "es" / "embed" / "faq" / embed_id / "index.html").read_text(encoding="utf-8")
            assert embed.startswith(f'<!doctype html>\n<html lang="es" data-faq-id="{q["id"]}">'), embed_id
            assert "Lea la respuesta completa" in embed and "Read the full answer" not in embed, embed_id
            assert f'href="{q["url"]}"' in embed and 'src="../../../../assets/javascripts/embed.js"' in embed, embed_id


def test_spanish_faq_pages_index_and_related_lists_stay_in_spanish(site: Path, es_feed: dict) -> None:
    aftercare = (site / "es" / "faq" / "aftercare" / "index.html").read_text(encoding="utf-8")
    assert '<p class="mng-faq-sources">Fuentes: <a href="../../../about/sources/#s' in aftercare
    assert 'data-faq-url="https://micro-needling-guide.example/es/faq/aftercare/#makeup-after"' in aftercare
    index = (site / "es" / "faq" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li><a href="[a-z-]+/#([a-z0-9-]+)">', index)
    assert sorted(listed) == sorted(q["id"] for q in es_feed["questions"])
    es_article = (site / "es" / "before-and-after" / "daily-life-after-treatment" / "index.html").read_text(encoding="utf-8")
    related = es_article.split('id="common-questions"', 1)[1].split("</ul>", 1)[0]
    assert "Preguntas comunes sobre este tema" in es_article and "../../faq/aftercare/#makeup-after" in related
    assert "¿Puedo maquillarme" in related and "Can I wear makeup" not in related
    english = (site / "before-and-after" / "daily-life-after-treatment" / "index.html").read_text(encoding="utf-8")
    assert "¿" not in english.split('id="common-questions"', 1)[1].split("</ul>", 1)[0]


def test_json_ld_says_the_page_language(site: Path) -> None:
    for path, kind, code in [("faq/aftercare", "FAQPage", "en"), ("es/faq/aftercare", "FAQPage", "es"),
                             ("safety/risks", "MedicalWebPage", "en"), ("es/safety/risks", "MedicalWebPage", "es")]:
        html = (site / path / "index.html").read_text(encoding="utf-8")
        (data,) = jsonld(html)
        assert (data["@type"], data["inLanguage"]) == (kind, code), path
        assert f'<html lang="{code}"' in html, path
    (data,) = jsonld((site / "es" / "faq" / "aftercare" / "index.html").read_text(encoding="utf-8"))
    assert data["mainEntity"][1]["url"].endswith("/es/faq/aftercare/#makeup-after")


@pytest.mark.parametrize("text, expected", [
    ("Se vende en EE. UU. Pregunte en su clínica.", 2),
    ("La FDA (la agencia de EE. UU.) lo revisa. ¿Duele? ¡Muy poco! Él lo dice.", 4),
    ("Use protector solar, p. ej. uno con FPS 30. Évite el sol.", 2),
    ("Dura unos días. «Es normal», dice la clínica.", 2),
])
def test_spanish_sentence_count(text: str, expected: int) -> None:
    assert _faq.count_sentences(text, "es") == expected


ES_FAQ_PAGE = """---
title: Preguntas de prueba
description: Preguntas de prueba.
reviewed: REVIEWED
next_review: NEXT_REVIEW
sources: [S13, S27]
translation_of: HASH
---

Introducción.

## ¿Funciona? {#does-it-work}

Es una respuesta de prueba. Tiene dos frases.

Más información: [Inicio](../index.md)

Fuentes: S13

## ¿Es seguro? {#is-it-safe}

Esta respuesta es corta. Sigue siendo una prueba. Tiene tres frases.

Más información: [Inicio](../index.md)

Fuentes: S27
""".replace("NEXT_REVIEW", NEXT_REVIEW).replace("REVIEWED", REVIEWED)


def faq_project_es(tmp_path: Path, es_text: str) -> Path:
    """The small FAQ project with a Spanish home page and the Spanish FAQ page."""
    import hashlib

    project = faq_project(tmp_path, FAQ_PAGE, extra_yml="  - Español:\n    - es/index.md\n    - es/faq/testing.md\n")
    docs = project / "docs"

    def blob(path: Path) -> str:
        data = path.read_bytes()
        return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()[:12]

    (docs / "es" / "faq").mkdir(parents=True)
    (docs / "es" / "index.md").write_text(INDEX.replace("Home text.", "Inicio.").replace(
        "sources: [S13]", f"sources: [S13]\ntranslation_of: {blob(docs / 'index.md')}"), encoding="utf-8")
    (docs / "es" / "faq" / "testing.md").write_text(es_text.replace("HASH", blob(docs / "faq" / "testing.md")),
                                                    encoding="utf-8")
    return project


@pytest.mark.parametrize("case, text, expected", [
    ("good", ES_FAQ_PAGE, None),
    ("English words", ES_FAQ_PAGE.replace("Fuentes: S27", "Sources: S27"), "docs/es/faq/testing.md:20: each question needs exactly one 'Más información: [text](link)' line and one 'Fuentes: S1, S2' line"),
    ("bad Fuentes line", ES_FAQ_PAGE.replace("Fuentes: S27", "Fuentes: S27 S13"), "docs/es/faq/testing.md:26: write the sources as 'Fuentes: S1, S2'"),
    ("six sentences", ES_FAQ_PAGE.replace("Tiene dos frases.", "Una. Dos. Tres. Cuatro. ¿Cinco?"), "docs/es/faq/testing.md:12: the answer has 6 sentence(s)"),
])
def test_spanish_faq_page_is_checked_and_published(tmp_path: Path, case: str, text: str, expected: str | None) -> None:
    project = faq_project_es(tmp_path, text)
    result = mkdocs_build(project, tmp_path / "out")
    out = result.stdout + result.stderr
    if expected:
        assert result.returncode != 0, f"{case}: build passed"
        assert expected in out, f"{case}: {out}"
        return
    assert result.returncode == 0, out
    site = tmp_path / "out"
    feed = json.loads((site / "es" / "faq.json").read_text(encoding="utf-8"))
    assert (feed["language"], [q["id"] for q in feed["questions"]]) == ("es", ["does-it-work", "is-it-safe"])
    card = (site / "es" / "print" / "faq" / "is-it-safe" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in card and "¿Es seguro?" in card and "Escanee el código" in card
    assert "title>QR code: https://micro-needling-guide.example/es/faq/testing/#is-it-safe<" in (
        site / "es" / "print" / "faq" / "is-it-safe" / "qr.svg").read_text(encoding="utf-8")
