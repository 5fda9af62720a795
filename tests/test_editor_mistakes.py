"""Editor mistakes (issue 15, QA probe 2026-12): each stops the build itself with file:line,
what is wrong and the fix in plain words, never a traceback; each legitimate twin builds.

Several independent mistakes share one small project where the hook reports them together.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import mkdocs_build
from test_bad_input import GOOD, NEXT_REVIEW, REVIEWED, make_project, own_copy
from test_faq import FAQ_PAGE

FAQ = FAQ_PAGE  # the small FAQ page of tests/test_faq.py, dated relative to today
SOURCES_PAGE = GOOD.replace("Some text about collagen.", "<!-- all-sources -->").split("## A section")[0]
FAQ_SITE = {"faq/testing.md": FAQ, "about/sources.md": SOURCES_PAGE}


def build(tmp_path: Path, pages: dict[str, str], data: dict[str, str] | None = None,
          raw: dict[str, bytes] | None = None) -> tuple[int, str]:
    """Build a small project; data: files to write into its own copy of data/."""
    project = make_project(tmp_path, pages)
    for name, text in (data or {}).items():
        (own_copy(project, "data") / name).write_text(text, encoding="utf-8")
    for name, blob in (raw or {}).items():
        (project / "docs" / name).write_bytes(blob)
    result = mkdocs_build(project, tmp_path / "out")
    return result.returncode, result.stdout + result.stderr


def assert_fails(code: int, out: str, where: str, expected: list[str]) -> None:
    assert code != 0, f"the build passed:\n{out}"
    assert "Traceback" not in out, out
    for text in [where, *expected]:
        assert text in out, f"expected {text!r} in:\n{out}"


# -- Front matter: one build per row (YAML stops at the first error) ----------------------
FRONT_MATTER_CASES = {
    "FM05 colon without quotes": (GOOD.replace("A short description.", "Micro-needling: what it is"),
                                  "page.md", "put the text in quotes"),
    "FM06 tab indent": (GOOD.replace("sources: [S13]", "sources:\n\t- S13"), "page.md",
                        "this line is indented with a tab"),
    "FM07 impossible date": (GOOD.replace(f"reviewed: {REVIEWED}", "reviewed: 2026-11-31"), "page.md",
                             "'reviewed' is 2026-11-31, which is not a real date"),
    "FM08 repeated key": (GOOD.replace("tags: [Acne scars]", "tags: [Acne scars]\ntags: [Stretch marks]"),
                          "page.md", "'tags' is given twice"),
    "FM09 quoted date": (GOOD.replace(f"reviewed: {REVIEWED}", f'reviewed: "{REVIEWED}"'), "page.md",
                         "remove the quotes"),
    "FM10 no closing line": (GOOD.replace("tags: [Acne scars]\n---", "tags: [Acne scars]\n"), "page.md",
                             "no closing '---' line"),
    "title too long": (GOOD.replace("title: A page", "title: " + "x" * 71), "page.md", "'title' is 71 characters"),
}


# Mistakes the front matter check reports together: one page, one build.
FIELD_CASES = [  # (row, change from, change to, expected)
    ("FM11 empty sources", "[S13]", "[]", "'sources' is an empty list"),
    ("FM12 review far away", f"next_review: {NEXT_REVIEW}", "next_review: 2207-11-22",
     "more than 2 years after 'reviewed'"),
    ("FM13 HTML in title", "title: A page", "title: How it <em>really</em> works", "'title' contains markup"),
    ("Markdown in description", "A short description.", "A **short** description.",
     "'description' contains markup"),
]


def with_rows(page: str, rows: list[tuple[str, str, str, str]]) -> str:
    """The page with every row's change made (each row: name, change from, change to, expected)."""
    for _, old, new, _ in rows:
        assert old in page
        page = page.replace(old, new)
    return page


def test_front_matter_field_mistakes_stop_build(tmp_path: Path) -> None:
    page = with_rows(GOOD, FIELD_CASES)
    assert_fails(*build(tmp_path, {"page.md": page}), "page.md", [row[3] for row in FIELD_CASES])


@pytest.mark.parametrize("case", sorted(FRONT_MATTER_CASES))
def test_front_matter_mistake_stops_build(tmp_path: Path, case: str) -> None:
    text, where, expected = FRONT_MATTER_CASES[case]
    assert_fails(*build(tmp_path, {"page.md": text}), where, [expected])


def test_next_review_today_is_due_in_hook_and_tests(tmp_path: Path) -> None:
    """FM04: the hook treats next_review == today as due, as test_site does (today < next_review)."""
    import datetime as dt
    today = dt.date.today().isoformat()
    assert_fails(*build(tmp_path, {"page.md": GOOD.replace(f"next_review: {NEXT_REVIEW}", f"next_review: {today}")}),
                 "page.md", ["has passed or is today"])


# -- Page source: every mistake in one page, one build -------------------------------------
SOURCE_MISTAKES = GOOD + """
# A second title

## No id here

## Bad id {#How_Long}

## Template id {#page-sources}

--8<-- includes/medical-help.md

--8<-- "includes/medical_help.md"

![](assets/logo.svg)

[FDA](http://www.fda.gov/)

A note.[^1]

<!-- TODO: check these numbers

```
never closed
"""
SOURCE_EXPECTED = [
    "page.md:16: a '# ' heading in the text makes a second page title",
    "page.md:18: the heading has no permanent id: end it with {#no-id-here}",
    "page.md:20: the id 'How_Long' must be lower-case kebab-case",
    "page.md:22: the id 'page-sources' is already used by the page template",
    "page.md:24: an include line must be --8<-- \"includes/name.md\"",
    "page.md:26: the include file includes/medical_help.md does not exist",
    "page.md:28: this image has no text alternative",
    "page.md:30: a link starts with http://: use https://",
    "page.md:32: footnotes ([^1]) are not turned on",
    "page.md:34: this comment '<!--' is never closed",
    "page.md:36: this code block (```) is never closed",
]


def test_page_source_mistakes_stop_build(tmp_path: Path) -> None:
    """B04, B05, B11-B14, B17, B01, B02: all reported together, each with its line."""
    assert_fails(*build(tmp_path, {"page.md": SOURCE_MISTAKES}), "page.md", SOURCE_EXPECTED)


def test_sources_page_without_its_marker_stops_build(tmp_path: Path) -> None:
    """B25: the marker mistyped; the message points at the sources page, not at 100 broken links."""
    bad = SOURCES_PAGE.replace("<!-- all-sources -->", "<!-- all sources -->")
    assert_fails(*build(tmp_path, {**FAQ_SITE, "about/sources.md": bad}), "docs/about/sources.md:1",
                 ["must have the line <!-- all-sources -->"])


def test_empty_page_stops_build(tmp_path: Path) -> None:
    """B06."""
    empty = GOOD.split("---\n\n", 1)[0] + "---\n\n<!-- to do -->\n"
    assert_fails(*build(tmp_path, {"page.md": empty}), "page.md", ["the page has no text below the front matter"])


def test_file_not_utf8_stops_build(tmp_path: Path) -> None:
    blob = GOOD.replace("Some text about collagen.", "Caf\u00e9 text.").encode("latin-1")
    assert_fails(*build(tmp_path, {}, raw={"page.md": blob}), "page.md:10",
                 ["not saved as UTF-8", "save it with the encoding UTF-8"])


# -- Rendered body: what the security policy forbids, images, links ----------------------
HTML_MISTAKES = GOOD + """
<script>alert("probe")</script>

<style>p { color: red }</style>

Stop if it hurts.
{: style="color:red" }

<p onclick="go()">Click</p>

<a href="javascript:go()">go</a>

<iframe src="https://www.youtube-nocookie.com/embed/abc123"></iframe>

<img src="assets/logo.svg" alt="">
"""
HTML_EXPECTED = [
    "page.md:16: the page has a <script>", "page.md:18: the page has a <style> element",
    "page.md:21: the page has a style=", "page.md:23: the page has an event-handler attribute",
    "page.md:25: the page has a javascript: link", "page.md:27: the page has a frame",
    "page.md:29: an image has no text alternative",
]


def test_forbidden_html_stops_build(tmp_path: Path) -> None:
    """B07, B08, B09 and the rest of what the CSP would have to allow, however written."""
    assert_fails(*build(tmp_path, {"page.md": HTML_MISTAKES}), "page.md", HTML_EXPECTED)


def test_internal_links_however_written_must_resolve(tmp_path: Path) -> None:
    page = GOOD + '\n<a href="/nowhere/">x</a> and <a href="index.md#nope">y</a> and <a href="../page/#a-section">ok</a>\n'
    code, out = build(tmp_path, {"page.md": page})
    assert_fails(code, out, "docs/page.md", ["the link '/nowhere/' goes to a page that does not exist"])
    assert "'../page/#a-section'" not in out


# -- Legitimate text builds -------------------------------------------------------------
LEGIT = GOOD + """
A health worker \U0001F469\u200D\u2695\uFE0F checks the skin. Needles 0.5\u00a0mm long (500 \u03bcm, or 500 \u00b5m).
"""
LEGIT_FAQ = FAQ.replace("It is a test answer. It has two sentences.",
                        "Some clinics, e.g. in the U.S. and the UK, offer it. Dr. Smith says so. "
                        "It has three sentences.")


GOOD_SUB = GOOD.replace("(index.md)", "(../index.md)")  # the control page, one folder down
BOX = '\n## When to get medical help {#get-medical-help}\n\n--8<-- "includes/medical-help.md"\n'


def test_legitimate_text_builds(tmp_path: Path) -> None:
    """FM18-FM20, Q03: emoji with joiners, micro signs, no-break spaces after numbers and
    abbreviations in FAQ answers are not mistakes; a procedure page with its medical-help box builds."""
    windows = "\ufeff" + GOOD.replace("title: A page", "title: Saved on Windows").replace("\n", "\r\n")
    code, out = build(tmp_path, {"page.md": LEGIT, **FAQ_SITE, "faq/testing.md": LEGIT_FAQ,
                                 "treatments/with-box.md": GOOD_SUB + BOX, "windows.md": "placeholder"},
                      raw={"windows.md": windows.encode("utf-8")})  # FM15, FM16: CRLF and a BOM
    assert code == 0, out


def test_concern_without_its_page_stops_build(tmp_path: Path) -> None:
    """D04: a concern (a tag readers can pick) whose page does not exist."""
    concern = GOOD_SUB.replace("title: A page", "title: Acne scars") + BOX
    assert_fails(*build(tmp_path, {"concerns/acne-scars.md": concern}), "data/concerns.yml",
                 ["'Enlarged pores' has no page docs/concerns/enlarged-pores.md"])


def test_page_without_its_medical_help_box_stops_build(tmp_path: Path) -> None:
    """Safety content cannot vanish: a page under treatments/ (data/medical-help-pages.yml) without the box."""
    assert_fails(*build(tmp_path, {"treatments/no-box.md": GOOD_SUB}), "docs/treatments/no-box.md",
                 ['this page must carry the "When to get medical help" box', "data/medical-help-pages.yml"])


def test_medical_help_box_that_does_not_render_stops_build(tmp_path: Path) -> None:
    """The include line is there but inside a code block, so no box renders."""
    page = GOOD_SUB + "\n```text\n" + BOX.split("\n\n", 1)[1] + "```\n"
    assert_fails(*build(tmp_path, {"treatments/code-box.md": page}), "docs/treatments/code-box.md",
                 ['the "When to get medical help" box did not render on this page'])


def test_look_alike_letters_stay_strict_for_words(tmp_path: Path) -> None:
    bad = GOOD.replace("about collagen", "about \u03bcollagen").replace("Some text", "Some\u00a0text")
    assert_fails(*build(tmp_path, {"page.md": bad}), "page.md",
                 ["look-alike letter U+03BC", "U+00A0 NO-BREAK SPACE inside a word"])


# -- FAQ -------------------------------------------------------------------------------
# Mistakes the FAQ parser reports together: one FAQ page, one build. (row, change from, change to, expected)
FAQ_ROWS = [
    ("Q06 HTML mid-line", "It has two sentences.", 'It has <b>two</b> sentences.<script>x()</script>',
     "faq/testing.md:13: the answer contains HTML"),
    ("Q09 read more to another site", "Read more: [Home](../index.md)\n\nSources: S27",
     "Read more: [FDA](https://www.fda.gov/)\n\nSources: S27",
     "faq/testing.md:23: 'Read more' must link to one of our pages"),
    ("Q07 sources without spaces", "Sources: S27", "Sources: S27,S13",
     "faq/testing.md:25: write the sources as 'Sources: S1, S2'"),
    ("markup in question", "Is it safe?", "Is it *really* `safe`?", "faq/testing.md:19: the question contains markup"),
    ("Q08 question as ###", "Sources: S27,S13\n", "Sources: S27,S13\n\n### Can I?\n",
     "faq/testing.md:27: questions are '## ' headings; this line starts with '###'"),
]


def test_faq_mistakes_stop_build(tmp_path: Path) -> None:
    page = with_rows(FAQ, FAQ_ROWS)
    assert_fails(*build(tmp_path, {**FAQ_SITE, "faq/testing.md": page}), "faq/testing.md",
                 [row[3] for row in FAQ_ROWS])


def test_repeated_faq_question_stops_build(tmp_path: Path) -> None:
    page = FAQ.replace("Is it safe?", "Does it  work?")
    assert_fails(*build(tmp_path, {**FAQ_SITE, "faq/testing.md": page}), "faq/testing.md",
                 ["the question 'Does it  work?' is already asked at docs/faq/testing.md:11"])


# -- Data files ------------------------------------------------------------------------
DATA_CASES = {
    "D02 concern key in capitals": ("concerns.yml", "- Name: Acne scars\n  page: concerns/acne-scars.md\n",
                                    "entry 1 must have exactly the keys 'name' and 'page' (lower case)"),
    "D03 source without links": ("sources.yml", "S13:\n  title: A source\n  group: G\n",
                                 "S13 must have exactly title, group and links"),
    "repeated alias": ("faq-aliases.yml", "old: does-it-work\nold: is-it-safe\n", "'old' is given twice"),
    "impossible change date": ("changes.yml", "- date: 2026-02-30\n  kind: new\n  where: /\n  note: x\n",
                               "not a real date"),
    "tab in a data file": ("concerns.yml", "- name: Acne scars\n\tpage: concerns/acne-scars.md\n",
                           "this line is indented with a tab"),
    "alias to an id that is not there": ("anchor-aliases.yml", "page.md:\n  old-name: nowhere\n",
                                         "'old-name' points to 'nowhere', which is not an id of a heading"),
    "alias for an id still there": ("anchor-aliases.yml", "page.md:\n  a-section: a-section\n",
                                    "'a-section' is still an id on the page"),
    "registry line": ("published-urls.txt", "/page/\nsafety/risks/\n", "line 2: 'safety/risks/' is not a public address"),
}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_data_file_mistake_stops_build(tmp_path: Path, case: str) -> None:
    name, text, expected = DATA_CASES[case]
    assert_fails(*build(tmp_path, {"page.md": GOOD}, data={name: text}), f"data/{name}", [expected])
