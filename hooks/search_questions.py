"""Add the searches readers type for each answer to a hidden field of the search index.

`data/search-questions.yml` lists, for every search result (a page, an article
section or an FAQ question, by its address), what readers type to find it, in their
own words ("what to do the evening after" for the checklist's day 0). Into a hidden
`questions` field of that result go the words of those searches that the result does
not already use, and each pair of neighbouring words joined ("evening after" as
"_eveningafter", the form in which the search worker joins the reader's words), so
search finds the answer when the reader's words are not the page's, and the result
still shows the page's real text. A pair of two stop words or words every page uses
("what is") is left out: it cannot tell results apart. The words of a phrase that
data/synonyms.yml lists for readers ("fever blister") go in only as their pairs, as
that hook indexes them: "fever" alone is a warning sign, not a cold sore.

The build fails, naming the address, when an address is not a search result (a
heading id was changed or removed). A result with no entry is still found by its own
words; the tests check that every result of the site has one (glossary terms aside:
their result is the definition itself).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from _shared import load_yaml, project_dir, search_worker_setting

FIELD = "questions"
FIELD_BOOST = 6.0
DATA = Path("search") / "data" / "questions-en.yml"
MAX_WORDS = 12
SEARCH = re.compile(r"[a-z0-9][a-z0-9 '&.,?%/-]*")  # lower case, plain letters, as readers type
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")  # "0.5" stays one word, as the index keeps it

WORKER_LISTS = {  # the worker's word lists that pairs are judged by, as the worker writes them
    "STOP_WORDS": re.compile(r"^var STOP_WORDS = \(\n(.*?)\n\)\.split", re.M | re.S),
    "DOMAIN_WORDS": re.compile(r"^var DOMAIN_WORDS = \{(.*?)\};", re.M | re.S),
    "TREATMENT_NAMES": re.compile(r"^var TREATMENT_NAMES = /\^\(([a-z|]+)\)\$/;", re.M),
}

_questions: dict[str, list[str]] = {}
_path = DATA
_common: set[str] = set()  # stop words and words every page uses
_names: set[str] = set()  # the treatment's names, which the worker joins as "it" or leaves out
_phrases: set[tuple[str, ...]] = set()  # the readers' phrases of data/synonyms.yml, as words


def load_questions(path: Path) -> dict[str, list[str]]:
    """Read data/search-questions.yml: a mapping of result address to a list of searches."""
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise PluginError(f"{path}: expected a mapping of result addresses (\"/faq/basics/#what-is-cit\") "
                          "to lists of searches")
    out: dict[str, list[str]] = {}
    for address, searches in data.items():
        where = f"{path}: '{address}'"
        if not isinstance(address, str) or not address.startswith("/"):
            raise PluginError(f"{where}: an address starts with '/', as in the site's URLs")
        if not isinstance(searches, list) or not searches:
            raise PluginError(f"{where}: expected a list of searches, one per line starting with '- '")
        seen: set[str] = set()
        for search in searches:
            if not isinstance(search, str) or not SEARCH.fullmatch(search):
                raise PluginError(f"{where}: the search {search!r} must be plain lower-case text "
                                  "(letters a-z, digits, spaces and ' & . , ? % / -)")
            if len(search.split()) > MAX_WORDS:
                raise PluginError(f"{where}: the search '{search}' has more than {MAX_WORDS} words: "
                                  "write it as a reader would type it, shorter")
            if search in seen:
                raise PluginError(f"{where}: the search '{search}' is listed twice")
            seen.add(search)
        out[address] = searches
    return out


def worker_lists(docs_dir: Path) -> dict[str, set[str]]:
    """The search worker's stop words, words every page uses and names of the treatment."""
    lists = {}
    for name, pattern in WORKER_LISTS.items():
        found = search_worker_setting(docs_dir, pattern, f"the word list {name} in the form "
                                      f"hooks/search_questions.py reads ({pattern.pattern})")
        lists[name] = set(re.findall(r"[a-z]+", re.sub(r"\btrue\b", "", found.group(1))))
    return lists


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the searches and the worker's word lists once per build."""
    global _questions, _path, _common, _names, _phrases
    _path = project_dir(config) / DATA
    _questions = load_questions(_path)
    synonyms = load_yaml(project_dir(config) / "search" / "data" / "synonyms-en.yml")  # checked by search_synonyms
    _phrases = {tuple(words) for entry in synonyms for variant in entry["add"]
                if len(words := WORD.findall(variant.lower().replace("'", ""))) > 1}
    lists = worker_lists(Path(config.docs_dir))
    _common = lists["STOP_WORDS"] | lists["DOMAIN_WORDS"]
    _names = lists["TREATMENT_NAMES"]
    return config


def hidden_words(doc: dict, searches: list[str]) -> str:
    """The words of the searches that the result's own title and text do not have, then
    the pairs of neighbouring words joined, each once.

    The treatment's names are left out of pairs, as the worker leaves them out when it
    joins ("makeup after microneedling" joins as "_makeupafter"); so are words with an
    apostrophe or a decimal point, which the worker does not join.
    """
    own = set(WORD.findall(TAG.sub(" ", doc["title"] + " " + doc["text"]).lower()))
    words: dict[str, None] = {}
    pairs: dict[str, None] = {}
    for search in searches:
        found = WORD.findall(search.replace("'", ""))
        in_phrase = {i + k for n in range(2, 6) for i in range(len(found) - n + 1)
                     if tuple(found[i:i + n]) in _phrases for k in range(n)}
        words.update((w, None) for i, w in enumerate(found) if w not in own and i not in in_phrase)
        typed = [w for w in re.split(r"[^a-z0-9.']+", search) if w and w not in _names]
        for a, b in zip(typed, typed[1:]):
            if a.isalnum() and b.isalnum() and not (a in _common and b in _common):
                pairs["_" + a + b] = None
    return " ".join([*words, *pairs])


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    """Rewrite search_index.json with the hidden `questions` field."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = {"/" + d["location"]: d for d in index["docs"]}
    unknown = sorted(set(_questions) - set(docs))
    if unknown:
        raise PluginError(f"{_path}: no search result has the address {', '.join(unknown)}: a heading id "
                          "or page was changed or removed; use the new address, or remove the entry")
    index["config"]["fields"][FIELD] = {"boost": FIELD_BOOST}
    for address, searches in _questions.items():
        words = hidden_words(docs[address], searches)
        if words:
            docs[address][FIELD] = words
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
