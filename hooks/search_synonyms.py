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

from _shared import SEARCH_WORKER, load_yaml, project_dir, search_worker_setting

FIELD = "synonyms"  # variants of words in the title or text
FIELD_BOOST = 2.0
TITLE_FIELD = "title_synonyms"  # variants of words in the title
TITLE_FIELD_SHARE = 0.5  # of the title boost: a variant counts, but less than the real word
COMMON_SHARE = 0.1  # an entry matching more than this share of documents is "common"
TAG = re.compile(r"<[^>]+>")
MAX_JOINED = re.compile(r"^var MAX_JOINED = (\d+);", re.M)
WORD = re.compile(r"\w+")


class Entries:
    """The synonym entries, indexed for matching many documents quickly.

    `words[w]` lists the entries with the single word w in their match list, and
    `phrases[w]` the phrases that start with w (as the tuple of their other words).
    A phrase matches where its words follow each other in the text, whatever
    spaces, hyphens or punctuation are between them, or are written as one word
    ("micro needling" also matches "micro-needling" and "microneedling").
    """

    def __init__(self) -> None:
        self.add: list[str] = []  # per entry: the words that go into the index
        self.words: dict[str, list[int]] = {}
        self.phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}

    def append(self, words: set[str], phrases: list[str], add: str) -> None:
        n = len(self.add)
        self.add.append(add)
        for phrase in phrases:
            first, *rest = WORD.findall(phrase)
            self.phrases.setdefault(first, []).append((tuple(rest), n))
        for w in words | {"".join(WORD.findall(p)) for p in phrases}:
            self.words.setdefault(w, []).append(n)

    def matching(self, text: str) -> list[int]:
        """The indexes of the entries that match a plain text (case does not matter), in order."""
        tokens = WORD.findall(text.lower())
        present = set(tokens)
        found: set[int] = set()
        for token in self.words.keys() & present:
            found.update(self.words[token])
        firsts = self.phrases.keys() & present
        if firsts:
            for i, token in enumerate(tokens):
                if token in firsts:
                    for rest, n in self.phrases[token]:
                        if n not in found and tuple(tokens[i + 1:i + 1 + len(rest)]) == rest:
                            found.add(n)
        return sorted(found)


_entries = Entries()


def index_form(phrase: str) -> str:
    """A variant as it goes into the index: a phrase becomes one word, marked with "_".

    "fever blister" is indexed as "_feverblister", so the word "fever" alone does not
    pull up every page about cold sores, and "_" keeps a prefix search ("fever*") from
    matching it; the search worker joins neighbouring query words the same way.
    """
    words = phrase_words(phrase)
    return words[0] if len(words) == 1 else "_" + "".join(words)


def phrase_words(phrase: str) -> list[str]:
    """The words of a variant, as index_form() joins them."""
    return re.split(r"[\s\-\u2019']+", phrase.strip().lower())


def worker_max_joined(docs_dir: Path) -> int:
    """How many neighbouring query words the search worker joins (its MAX_JOINED)."""
    found = search_worker_setting(docs_dir, MAX_JOINED,
                                  "a line 'var MAX_JOINED = <number>;' (the longest synonym phrase, in words)")
    return int(found.group(1))


def load_entries(path: Path, max_words: int) -> Entries:
    """Read data/synonyms.yml, checking that every entry has match, add and why.

    An `add` phrase may have at most `max_words` words: the search worker joins no
    more neighbouring query words than that, so a longer phrase could never be found.
    """
    data = load_yaml(path)
    if not isinstance(data, list):
        raise PluginError(f"{path}: expected a list of entries")
    entries = Entries()
    for n, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or set(entry) != {"match", "add", "why"}:
            raise PluginError(f"{path}: entry {n} must have exactly the keys match, add and why")
        if not all(isinstance(v, list) and v and all(isinstance(w, str) and w.strip() for w in v)
                   for v in (entry["match"], entry["add"])):
            raise PluginError(f"{path}: entry {n}: 'match' and 'add' must be non-empty lists of words")
        if not isinstance(entry["why"], str) or len(entry["why"].split()) < 4:
            raise PluginError(f"{path}: entry {n}: 'why' must say in a sentence why the entry exists")
        # A single word is looked up among the document's words, a phrase as a run of words.
        matches = [m.strip().lower() for m in entry["match"]]
        words = {m for m in matches if WORD.fullmatch(m)}
        if not all(WORD.search(m) for m in matches):
            raise PluginError(f"{path}: entry {n}: every 'match' item needs a letter or digit")
        phrases = [m for m in matches if m not in words]
        for variant in entry["add"]:
            if (length := len(phrase_words(variant))) > max_words:
                raise PluginError(
                    f"{path}: entry {n}: the variant '{variant}' has {length} words, but the "
                    f"search joins at most {max_words} neighbouring words, so no query could find it: shorten it, "
                    f"or raise MAX_JOINED in docs/{SEARCH_WORKER.as_posix()}"
                )
        entries.append(words, phrases, " ".join(index_form(w) for w in entry["add"]))
    return entries


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the synonym entries once per build."""
    global _entries
    _entries = load_entries(project_dir(config) / "search" / "data" / "synonyms-en.yml",
                            worker_max_joined(Path(config.docs_dir)))
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
    body = [_entries.matching(TAG.sub(" ", d["title"] + " " + d["text"])) for d in docs]
    # An entry that matches most documents ("micro-needling") cannot tell them apart:
    # its variants go only to the documents that have it in their title.
    counts = Counter(n for found in body for n in found)
    common = {n for n, c in counts.items() if c > COMMON_SHARE * len(docs)}
    for doc, found in zip(docs, body):
        in_title = _entries.matching(TAG.sub(" ", doc["title"])) if found else []
        words = " ".join(_entries.add[n] for n in found if n not in common)
        title_words = " ".join(_entries.add[n] for n in in_title)
        if words:
            doc[FIELD] = words
        if title_words:
            doc[TITLE_FIELD] = title_words
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
