"""Search finds what readers mean: spelling variants, synonyms, typos, and a quality floor."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

# Floors just under the figures measured when the search was tuned (see README, "Quality"),
# so that a regression fails CI. Raise them when the search improves.
# The held-out files (bench/queries-holdout.tsv and the -final and -fresh* files) are only
# measured by the benchmark: a floor on them would invite tuning to them.
FLOORS = {"queries.tsv": (0.98, 0.94), "search-queries.tsv": (0.95, 0.95)}
SHARED = ROOT.parent / "shared" / "search-queries.tsv"


@pytest.fixture(scope="module")
def box(browser, server: str):
    from search_quality import SearchBox

    return SearchBox(browser, server)


def top(box, query: str, n: int = 10) -> list[str]:
    return [url for url, _ in box.search(query)[0][:n]]


@pytest.mark.parametrize("query", ["micro-needling", "micro needling", "microneedling", "Microneedling"])
def test_spellings_of_micro_needling_find_the_main_page(box, query: str) -> None:
    assert "/treatments/what-is-micro-needling/" in top(box, query, 3)


@pytest.mark.parametrize("query, expected", [
    ("Ellacore", "coring"),            # brand misspelling, from data/synonyms.yml
    ("dermaroller", "roller"),         # one-word spelling, from data/synonyms.yml
    ("balding", "hair"),               # everyday word, from data/synonyms.yml
    ("accutane", "isotretinoin|who-should-not"),  # brand name, from data/synonyms.yml
    ("melasama", "melasma"),           # typo not in any list: fuzzy matching in the worker
    ("wrinkels", "wrinkle"),           # typo not in any list
    ("choosing a clinic", "choosing-a-clinic"),  # word forms: "choosing" finds "choose"
])
def test_variants_and_typos(box, query: str, expected: str) -> None:
    urls = top(box, query)
    assert any(re.search(expected, u) for u in urls), urls


def test_punctuation_does_not_hide_words(box, site: Path) -> None:
    """The index separator splits on brackets, commas and hyphens ("(acne" -> "acne")."""
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    parts = box.page.evaluate("s => '(acne scars), micro-needling: 0.5 mm'.split(new RegExp(s)).filter(Boolean)",
                              config["separator"])
    assert parts == ["acne", "scars", "micro", "needling", "0.5", "mm"]
    assert "stemmer" not in config["pipeline"]


def test_synonyms_stay_hidden_from_results(box) -> None:
    """Synonyms live in a hidden index field: result text is the page's own text."""
    box.search("dermaroller")
    texts = box.page.eval_on_selector_all(".md-search-result__article", "els => els.map(e => e.textContent)")
    assert texts and not any("dermarollers derma-roller" in t for t in texts)


def test_a_section_is_its_own_result_and_names_its_page(box) -> None:
    """The section or question that answers the query comes first, not its page."""
    results, _ = box.search("gym")
    assert results[0][0] in {"/before-and-after/daily-life-after-treatment/#exercise",
                             "/faq/aftercare/#exercise-after"}, results[:3]
    page = box.page.eval_on_selector(".md-search-result__link h1 .mng-search-page", "e => e.textContent")
    assert page in {"Daily life after micro-needling", "Questions about aftercare"}


def test_synonym_phrases_do_not_leak_single_words(box) -> None:
    """"fever blister" is a name for cold sores, but "fever" alone is a warning sign."""
    assert "cold-sores" not in top(box, "fever", 1)[0]
    assert any("cold-sores" in u for u in top(box, "fever blister", 3))


def test_query_of_stop_words_only_still_ranks(box) -> None:
    assert any("who-should-not" in u for u in top(box, "who should not", 3))


def test_contractions_typed_without_apostrophe(box) -> None:
    """"shouldnt" means "should not": the index has "should not" (or "shouldn" + "t")."""
    assert any("who-should-not" in u for u in top(box, "who shouldnt get microneedling", 2))


def test_own_words_beat_synonyms(box) -> None:
    """A page that says "pus" ranks above one that only mentions infection (which adds "pus")."""
    assert top(box, "pus", 1)[0] in {"/faq/safety/#infection", "/safety/risks/#infection"}


def test_words_every_page_uses_count_little(box) -> None:
    """In "fitzpatrick skin type meaning", "skin" (on most pages) must not outweigh
    "fitzpatrick": the scale's definition comes first, not "Other names for it".

    (This test used "swollen face", then "face still red", until other rules, lastly the
    reader searches of data/search-questions.yml, decided those queries whatever "face"
    weighs.)"""
    assert top(box, "fitzpatrick skin type meaning", 1)[0] == "/about/glossary/#term-fitzpatrick"


def test_side_topics_only_when_named(box) -> None:
    """Micro-coring's FAQ asks the same questions: a query that does not name it is about
    micro-needling, and one that does gets micro-coring's answer."""
    assert "coring" not in top(box, "how many sessions do i need", 1)[0]
    assert top(box, "micro-coring sessions", 1)[0] == "/faq/micro-coring/#micro-coring-sessions"


def test_glossary_entries_do_not_outrank_answers(box) -> None:
    """A glossary definition (short, so Lunr scores it high) ranks below the page that answers."""
    first = top(box, "sunscreen", 1)[0]
    assert "sun" in first and "glossary" not in first


def test_device_names_count_half_beside_other_words(box) -> None:
    """In "derma roller with minoxidil" the device stands for the treatment; minoxidil decides."""
    assert top(box, "derma roller with minoxidil", 1)[0] == "/faq/hair/#minoxidil"


def test_treatment_name_joins_as_it(box) -> None:
    """Synonym phrases say "it" for the treatment: "what can microneedling treat" finds
    "what can it treat" (four words joined) on the answer about what it helps with."""
    assert top(box, "what can microneedling treat", 1)[0] == "/faq/basics/#what-it-helps"


def test_lunr_score_is_damped_below_coverage(box) -> None:
    """Sections whose titles say "infections" (blood-borne infections, infections as a reason
    to wait) once outranked the answer to whether micro-needling can cause an infection."""
    assert "/faq/safety/#infection" in top(box, "can microneedling give you an infection", 3)


def test_words_that_say_when_count_a_quarter(box) -> None:
    """In "had chemo last year" the concern is chemo, not the pages that say how long
    results last or mention a year."""
    assert top(box, "had chemo last year", 1)[0] in {"/safety/who-should-not-have-it/#quick-list",
                                                      "/safety/who-should-not-have-it/#health-conditions"}


def test_text_speak_is_spelled_out(box) -> None:
    """"b4 ur appointment" is "before your appointment": the advice for the day comes first."""
    assert top(box, "r u allowed makeup b4 ur appointment", 1)[0] == "/before-and-after/preparing/#on-the-day"


def test_a_and_e_is_one_word(box) -> None:
    """British readers type "A&E" for the emergency department; it must not split into "a" and "e"."""
    assert "/safety/when-to-get-medical-help/" in top(box, "when to go to a&e after micro needling", 3)


def test_treatment_name_as_it_is_a_whole_word(box) -> None:
    """"what is microneedling" joins as "is it", but not as the start of a longer phrase
    still being typed (it once found "_isittrue", a variant of "claims", first)."""
    assert top(box, "what is microneedling", 1)[0] in {
        "/treatments/what-is-micro-needling/", "/faq/basics/#what-is-micro-needling"}


def test_phrases_join_without_the_treatment_name(box) -> None:
    """"a bad microneedling clinic" also joins as "bad clinic", a variant of "red flags"."""
    assert "/treatments/choosing-a-clinic/#red-flags" in top(box, "warning signs of a bad microneedling clinic", 3)


def test_phrases_join_without_it(box) -> None:
    """"what doesnt it work for" also joins as "does not work", a variant of "not shown to help"."""
    assert "/concerns/not-shown-to-help/" in top(box, "what doesnt it work for", 3)


def test_sections_count_their_page_title(box) -> None:
    """A section is about its page's topic: "Questions to ask a clinic" on the micro-coring
    page answers "questions to ask before getting ellacor" (ellacor is in the page title's
    variants, not in the section)."""
    assert top(box, "questions to ask before getting ellacor", 1)[0] == "/treatments/micro-coring/#questions-to-ask"


@pytest.mark.parametrize("query, expected", [
    # The page says "day of treatment" and "on the day"; readers' words come from
    # data/search-questions.yml, as single words and as joined pairs ("_eveningafter").
    ("what should i do the evening after", "/before-and-after/aftercare-checklist/#day-0"),
    ("days off work after microneedling", "/before-and-after/preparing/#on-the-day"),
])
def test_reader_searches_find_their_result(box, query: str, expected: str) -> None:
    assert expected in top(box, query, 3)


def test_reader_searches_stay_hidden_from_results(box, site: Path) -> None:
    """The reader searches live in a hidden index field: result text is the page's own text,
    and Material's "Missing:" line names none of the worker's joined words ("_eveningafter")."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    (hidden,) = [d["questions"] for d in docs if d["location"] == "before-and-after/aftercare-checklist/#day-0"]
    first_words = " ".join(hidden.split()[:3])
    box.search("what should i do the evening after")
    texts = box.page.eval_on_selector_all(".md-search-result__article", "els => els.map(e => e.textContent)")
    assert texts and not any(first_words in t or re.search(r"(^|[\s:])_[a-z]", t) for t in texts)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_search_quality_floor(box, name: str) -> None:
    from search_quality import evaluate, read_queries, scores

    path = SHARED if name == "search-queries.tsv" else ROOT / "bench" / name
    if not path.exists():
        pytest.skip(f"{path} is not beside this checkout")
    hit3, mrr = scores(evaluate(box, read_queries(path)))
    floor_hit, floor_mrr = FLOORS[name]
    assert hit3 >= floor_hit and mrr >= floor_mrr, f"{name}: hit@3={hit3:.3f} MRR@10={mrr:.3f}"
