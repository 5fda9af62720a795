"""Content checks: own words, reading level, sources and glossary use, size."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
import check_originality  # noqa: E402
import reading_level  # noqa: E402

DOCS = ROOT / "docs"
ARTICLE_SECTIONS = ("treatments/", "concerns/", "safety/", "before-and-after/", "claims/", "about/", "faq/")


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def test_no_eight_word_run_matches_a_source_post() -> None:
    prints = check_originality.load_fingerprints()
    assert len(prints) > 1000
    shared = {f.relative_to(ROOT).as_posix(): check_originality.matches(f.read_text(encoding="utf-8"), prints)
              for f in pages() + sorted((ROOT / "includes").glob("*.md"))
              + [ROOT / "search" / "data" / "questions-en.yml"]}  # published in the search index
    shared = {f: runs for f, runs in shared.items() if runs}
    assert not shared, shared


def test_originality_check_can_fail() -> None:
    """A run copied from a source post is caught (the fingerprints are of the real posts)."""
    prints = check_originality.load_fingerprints()
    sources = ROOT.parent / "shared" / "sources"
    if not sources.exists():
        pytest.skip("the source posts are not beside this checkout")
    post = next(sources.glob("*.txt")).read_text(encoding="utf-8")
    assert check_originality.matches(post[:400], prints)


@pytest.fixture(scope="module")
def prose(site: Path) -> dict[str, str]:
    return reading_level.site_pages(site)


def test_reading_level_grade_8_or_lower(prose: dict[str, str]) -> None:
    grades = {url: reading_level.grade(text) for url, text in prose.items() if not reading_level.is_spanish(url)}
    over = {url: round(g, 1) for url, g in grades.items() if g > reading_level.GRADE_LIMIT}
    assert len(grades) >= 30
    assert not over, f"pages over grade {reading_level.GRADE_LIMIT}: {over}"


def test_spanish_reading_level_normal_or_easier(prose: dict[str, str]) -> None:
    """Spanish pages read as "normal" or easier on the INFLESZ scale (Szigriszt-Pazos 55+)."""
    ease = {url: reading_level.spanish_ease(text) for url, text in prose.items() if reading_level.is_spanish(url)}
    hard = {url: round(e, 1) for url, e in ease.items() if e < reading_level.SPANISH_EASE_MIN}
    assert len(ease) >= 20
    assert not hard, f"Spanish pages under INFLESZ {reading_level.SPANISH_EASE_MIN}: {hard}"


def test_spanish_reading_measure_can_fail() -> None:
    hard = ("La administración concomitante de anticoagulantes orales incrementa significativamente la "
            "probabilidad de complicaciones hemorrágicas postoperatorias prolongadas.")
    assert reading_level.spanish_ease(hard) < reading_level.SPANISH_EASE_MIN
    assert reading_level.spanish_ease("Su piel se pone roja. Dura unos días.") > reading_level.SPANISH_EASE_MIN


def test_size_at_least_20_articles_and_12000_words(prose: dict[str, str]) -> None:
    import textstat

    articles = [u for u in prose if u.startswith(ARTICLE_SECTIONS) and not u.endswith("index/")]
    assert len(articles) >= 20
    assert sum(textstat.lexicon_count(t) for t in prose.values()) >= 12000


def test_every_source_is_cited_and_every_page_cites_one() -> None:
    sources = set(yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8")))
    cited: set[str] = set()
    for page in pages():
        ids = front_matter(page).get("sources") or []
        assert ids, f"{page} cites no source"
        cited |= set(ids)
    assert sources - cited == set(), f"never cited: {sorted(sources - cited)}"


def test_every_glossary_term_is_used() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages() if p.name != "glossary.md")
    text += "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "includes").glob("*.md")
                      if p.name != "abbreviations.md")
    terms = re.findall(r"^\*\[([^\]]+)\]:", (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8"), re.M)
    unused = [t for t in terms if not re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", text)]
    assert not unused, f"glossary terms no page uses: {unused}"


def test_no_section_b_phrases() -> None:
    """House style from the content guide: words that misdescribe the procedure."""
    banned = [r"\bnon-?invasive\b", r"\bharmless\b", r"\bcures?\b(?! \w+ness)", r"\bEllacore\b",
              r"\bbaby-soft\b", r"\bFDA[- ]approved\b(?!\W*(really|is not|isn't|means|usually|claims|or))"]
    problems = []
    for page in pages():
        body = page.read_text(encoding="utf-8").split("---", 2)[2]
        for pattern in banned:
            for m in re.finditer(pattern, body, re.I):
                line = body[:m.start()].count("\n") + 1
                context = body[max(0, m.start() - 60):m.end() + 60].replace("\n", " ")
                if not re.search(r"\"|'|\?|claim|myth|not |never|isn't|misspell|wrong", context, re.I):
                    problems.append(f"{page.relative_to(ROOT)}:{line}: {m.group()} in: {context}")
    assert not problems, "\n".join(problems)


# Numbers that recur across pages live in includes/facts.md (one section per fact). A page
# states them by pulling the section in, so a correction there reaches every page; these
# phrases typed into a page again would drift. The timeline drawing on sessions-and-results
# (a <figure>) says "Days 1 to 3" and "3 months" in its SVG, which cannot pull in a snippet.
RETYPED_FACTS = [r"\b(1|one) to (3|three) days\b", r"\babout 24 hours\b", r"\b(1|one) to (4|four) weeks\b",
                 r"\b7 to 10 days\b", r"\b(3|three) months after (your|the) last\b", r"\b24 hours before\b",
                 r"\b(2|two) weeks before\b", r"\bSPF 30\b", r"\bseven days\b", r"\bup to about a week\b"]


def test_recurring_numbers_come_from_the_facts_include() -> None:
    facts = (ROOT / "includes" / "facts.md").read_text(encoding="utf-8")
    for pattern in (RETYPED_FACTS[0], RETYPED_FACTS[1], RETYPED_FACTS[4], RETYPED_FACTS[-1]):
        assert re.search(pattern, facts, re.I), f"{pattern} no longer in includes/facts.md: update this test"
    retyped = [f"{page.relative_to(ROOT)}: {m.group()}"
               for page in pages() for pattern in RETYPED_FACTS
               for m in re.finditer(pattern, re.sub(r"<figure.*?</figure>", "", page.read_text(encoding="utf-8")
                                                    .split("---", 2)[2], flags=re.S), re.I)]
    assert not retyped, "state these with --8<-- \"includes/facts.md:<section>\" instead:\n" + "\n".join(retyped)


def test_a_source_without_a_link_is_only_alone_where_the_answer_says_so() -> None:
    """A page never rests on the unlinked source alone. An FAQ answer may, for a safety fact we
    have from no other source, only if its text tells the reader ("... we cannot link to")."""
    sources = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
    unlinked = {sid for sid, s in sources.items() if not s["links"]}
    assert unlinked, "no unlinked source left: drop this test"
    alone = []
    for page in pages():
        text = page.read_text(encoding="utf-8")
        listed = front_matter(page).get("sources") or []
        if listed and set(listed) <= unlinked:
            alone.append(f"{page.relative_to(ROOT)}: front matter {listed}")
        for m in re.finditer(r"^Sources: (.*)$", text, re.M):
            answer = text[:m.start()].rsplit("\n## ", 1)[-1]
            if set(m.group(1).split(", ")) <= unlinked and "cannot link to" not in answer:
                alone.append(f"{page.relative_to(ROOT)}: Sources: {m.group(1)} (say in the answer that it rests "
                             "on a summary we cannot link to, or cite a source that can be followed)")
    assert not alone, alone
    for sid, s in sources.items():
        assert all(link["label"].strip() and link["label"] != "Link" for link in s["links"]), sid


# The sources each shared sentence rests on (FACTS.md rows in includes/facts.md's header): a page
# that pulls one in must list them, so "Sources for this page" names what the page relies on.
SHARED_SOURCES = {"facts.md:redness-days": {"S27"}, "facts.md:redness-depth": {"S57"}, "facts.md:course": {"S19"},
                  "facts.md:results-when": {"S20"}, "facts.md:blood-thinners": {"S50", "S56"},
                  "facts.md:sun": {"S26"}, "facts.md:sun-clinic": {"S57"}, "facts.md:makeup": {"S54"},
                  "medical-help-rf.md": {"S11"}, "medical-help-micro-coring.md": {"S47", "S50"}}


def test_pages_list_the_sources_of_the_shared_text_they_pull_in() -> None:
    missing = []
    for page in pages():
        listed = set(front_matter(page).get("sources") or [])
        for ref in re.findall(r'^\s*--8<-- "includes/([^"]+)"', page.read_text(encoding="utf-8"), re.M):
            if SHARED_SOURCES.get(ref, set()) - listed:
                missing.append(f"{page.relative_to(ROOT)}: {ref} needs {sorted(SHARED_SOURCES[ref] - listed)}")
    assert not missing, "\n".join(missing)



@pytest.mark.parametrize("code, partial, signs, emergency, urgent, same_day", [
    ("en", "help-text.html", "medical-help-signs.md", "Call your local emergency number", "Get urgent care now",
     ("the same day", "any fever")),
    ("es", "help-text-es.html", "es/medical-help-signs.md", "Llame al número de emergencias", "Busque atención urgente ahora",
     ("el mismo día", "cualquier fiebre")),
])
def test_the_short_help_text_gives_the_same_emergency_rule_as_the_warning_signs(
        code: str, partial: str, signs: str, emergency: str, urgent: str, same_day: tuple[str, str]) -> None:
    """Embeds, cards and handouts show overrides/partials/help-text.html (help-text-es.html in Spanish)
    instead of the box: its urgent-care and emergency sentences must be the ones in the summary of
    includes/medical-help-signs.md (includes/es/...), word for word."""
    text = (ROOT / "includes" / signs).read_text(encoding="utf-8")
    summary = text.split("[start:summary]", 1)[1].split("[end:summary]", 1)[0]
    help_text = re.sub(r"\{#.*?#\}", "", (ROOT / "overrides" / "partials" / partial)
                       .read_text(encoding="utf-8"), flags=re.S)
    emergency_sentence = re.search(rf"{emergency}[^.]*\.", summary).group()
    assert emergency_sentence in help_text, f"{partial} should say: {emergency_sentence}"
    urgent_sentence = re.search(rf"{urgent}[^.]*\.", summary).group()
    assert ("high fever" in urgent_sentence and "spreads fast" in urgent_sentence if code == "en" else
            "fiebre alta" in urgent_sentence and "rápido" in urgent_sentence), \
        "the summary's urgent-care sentence changed: update this test"
    assert urgent_sentence in help_text, f"{partial} should say: {urgent_sentence}"
    assert all(words in help_text for words in same_day)
    if code == "en":
        level = reading_level.grade(help_text.strip())
        assert level <= 8.0, f"help-text.html reads at grade {level:.1f}: use shorter sentences (grade 8 or lower)"
    else:
        ease = reading_level.spanish_ease(help_text.strip())
        assert ease >= reading_level.SPANISH_EASE_MIN, f"{partial} reads at INFLESZ {ease:.0f}: use shorter sentences"
