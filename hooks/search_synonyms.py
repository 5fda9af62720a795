"""Add synonyms and spelling variants to a hidden field of the search index.

Runs after Material's search plugin has written search/search_index.json. For every
search document (a page or one of its sections) whose title or text uses a word
from an entry's `match` list in data/synonyms.yml, the entry's `add` words go into
a `synonyms` field, and the variants of its title words also go into a
`title_synonyms` field that weighs half as much as the title, so "microcoring" finds
the page titled "Micro-coring" first. Material's search worker indexes every field
listed in the index's config, and shows only title and text, so results keep the
real text.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from _shared import load_yaml, project_dir

FIELD = "synonyms"  # variants of words in the title or text
FIELD_BOOST = 2.0
TITLE_FIELD = "title_synonyms"  # variants of words in the title
TITLE_FIELD_SHARE = 0.5  # of the title boost: a variant counts, but less than the real word
COMMON_SHARE = 0.1  # an entry matching more than this share of documents is "common"
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+")
# (single words to match, first words of the phrases, one regex for the phrases, words to add)
Entry = tuple[frozenset[str], frozenset[str], "re.Pattern[str] | None", str]
_entries: list[Entry] = []
_firsts: list[str] = []  # every phrase's first word, for one cheap test per document


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One regex for lower-case phrases, where spaces and hyphens are interchangeable."""
    if not phrases:
        return None
    parts = [r"[\s\-]*".join(re.escape(w) for w in re.split(r"[\s\-]+", p)) for p in phrases]
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")


def index_form(phrase: str) -> str:
    """A variant as it goes into the index: a phrase becomes one word, marked with "_".

    "fever blister" is indexed as "_feverblister", so the word "fever" alone does not
    pull up every page about cold sores, and "_" keeps a prefix search ("fever*") from
    matching it; the search worker joins neighbouring query words the same way.
    """
    words = re.split(r"[\s\-\u2019']+", phrase.strip().lower())
    return words[0] if len(words) == 1 else "_" + "".join(words)


def load_entries(path: Path) -> list[Entry]:
    """Read data/synonyms.yml, checking that every entry has match, add and why."""
    data = load_yaml(path)
    if not isinstance(data, list):
        raise PluginError(f"{path}: expected a list of entries")
    entries = []
    for n, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or set(entry) != {"match", "add", "why"}:
            raise PluginError(f"{path}: entry {n} must have exactly the keys match, add and why")
        if not all(isinstance(v, list) and v and all(isinstance(w, str) and w.strip() for w in v)
                   for v in (entry["match"], entry["add"])):
            raise PluginError(f"{path}: entry {n}: 'match' and 'add' must be non-empty lists of words")
        if not isinstance(entry["why"], str) or len(entry["why"].split()) < 4:
            raise PluginError(f"{path}: entry {n}: 'why' must say in a sentence why the entry exists")
        # A single word is looked up among the document's words; only phrases need the regex,
        # and only where their first word occurs.
        matches = [m.strip().lower() for m in entry["match"]]
        words = frozenset(m for m in matches if WORD.fullmatch(m))
        phrases = [m for m in matches if m not in words]
        firsts = frozenset(re.split(r"[\s\-]+", m)[0] for m in phrases)
        entries.append((words, firsts, _phrase_pattern(phrases), " ".join(index_form(w) for w in entry["add"])))
    return entries


def matching(text: str, entries: list[Entry], all_firsts: list[str], only: list[int] | None = None) -> list[int]:
    """The indexes of the entries (of `only`, if given) that match a plain text (case does not matter)."""
    lower = text.lower()
    tokens = set(WORD.findall(lower))
    present = {f for f in all_firsts if f in lower}
    found = []
    for n in range(len(entries)) if only is None else only:
        words, firsts, pattern, _ = entries[n]
        if not words.isdisjoint(tokens) or (
                pattern is not None and not firsts.isdisjoint(present) and pattern.search(lower)):
            found.append(n)
    return found


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the synonym entries once per build."""
    _entries[:] = load_entries(project_dir(config) / "data" / "synonyms.yml")
    _firsts[:] = sorted({f for _, firsts, _, _ in _entries for f in firsts})
    return config


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    """Rewrite search_index.json with the hidden synonym fields."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    fields = index["config"]["fields"]
    fields[FIELD] = {"boost": FIELD_BOOST}
    fields[TITLE_FIELD] = {"boost": fields.get("title", {}).get("boost", 1) * TITLE_FIELD_SHARE}
    docs = index["docs"]
    body = [matching(TAG.sub(" ", d["title"] + " " + d["text"]), _entries, _firsts) for d in docs]
    # An entry that matches most documents ("micro-needling") cannot tell them apart:
    # its variants go only to the documents that have it in their title.
    counts = Counter(n for found in body for n in found)
    common = {n for n, c in counts.items() if c > COMMON_SHARE * len(docs)}
    for doc, found in zip(docs, body):
        # The title is part of the text matched above: only those entries can match it.
        in_title = matching(TAG.sub(" ", doc["title"]), _entries, _firsts, only=found) if found else []
        words = " ".join(_entries[n][3] for n in found if n not in common)
        title_words = " ".join(_entries[n][3] for n in in_title)
        if words:
            doc[FIELD] = words
        if title_words:
            doc[TITLE_FIELD] = title_words
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
