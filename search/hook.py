"""The site search: check its data, write its index once, and install its worker.

Everything search needs lives in search/ (see README, "Search"): the engine and worker
(JavaScript), the weights (data/ranking.yml), each language's vocabulary (data/<lang>.yml)
the searches readers type for each result (data/questions-<lang>.yml) and what readers of the
development query sets share: words for results whose pages never use them, and symptom words
(data/reader-words-<lang>.yml, written by search/expand.js). This hook

- checks those data files when the build starts, failing with the file, the entry and the fix;
- after Material's search plugin has split the pages into results, writes per language the
  index (search/index.<lang>.<hash>.json: the results, the vocabulary and the weights), the
  engine (search/engine.<lang>.<hash>.js: the stemmer and search/engine.js) and the small
  worker every page starts (search/worker.<lang>.js), and a stub search_index.json, so a page
  loads neither index nor engine until the reader searches;
- points each page's search at its language's worker, and adds search/loader.js to pages.

It runs after the search plugin's on_post_build (priority -100) and needs no other hook.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))  # the hooks' shared helpers
import _lang  # noqa: E402
from _shared import load_yaml  # noqa: E402

STEMMERS = {"porter": "orama-stemmers-3.1.18/en.cjs", "spanish": "orama-stemmers-3.1.18/es.cjs"}
LANGUAGES: dict[str, str] = {}  # language -> the URL prefix of its pages, from data/languages.yml
LOADER = "search/loader.js"
WORKER = "search/worker.{lang}.js"
MATERIAL_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
LETTER = "a-z0-9áéíóúüñàèìòùâêîôûäëïöçã"  # Latin letters, with the accents Spanish (and loanwords) use
SEARCH = re.compile(f"[¿¡]?[{LETTER}][{LETTER} '&.,?¿!¡%/-]*")  # a reader search: lower case, Latin letters
MAX_SEARCH_WORDS = 12
READER_WORD = re.compile(f"[{LETTER}]{{2,}}")  # one learned word: lower case, no spaces
SOURCES_LINE = re.compile(r"<p[^>]*>(?:Sources|Fuentes): (S\d+(, )?)+</p>")  # FAQ answers' last line
TAG = re.compile(r"<[^>]+>")

_data: dict[str, Any] = {}
_folder: list[Path] = []  # the project's search/ folder, beside its mkdocs.yml


def folder() -> Path:
    return _folder[0]


def _fail(path: Path, where: str, problem: str) -> PluginError:
    rel = path.relative_to(folder().parent) if path.is_relative_to(folder().parent) else path
    return PluginError(f"{rel}: {where}: {problem}" if where else f"{rel}: {problem}")


def _number(path: Path, where: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise _fail(path, where, f"must be a number from {low} to {high} (got {value!r})")
    return float(value)


def _place(path: Path, where: str, value: Any) -> int:
    """A place in the result list: a whole number from 0 (off) to 10."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise _fail(path, where, f"must be a whole number from 0 (off) to 10 (got {value!r})")
    return value


def _pattern(path: Path, where: str, value: Any) -> None:
    try:
        re.compile(value)
    except (re.error, TypeError) as err:
        raise _fail(path, where, f"not a valid pattern ({err})") from None


def _why(path: Path, where: str, entry: dict) -> None:
    why = entry.get("why")
    if not isinstance(why, str) or len(why.split()) < 4:
        raise _fail(path, where, "needs a 'why:' sentence saying why it is there")


def load_ranking(path: Path) -> dict[str, Any]:
    """Read ranking.yml: the weights (as the engine names them), topics and limits."""
    data = load_yaml(path)
    if not isinstance(data, dict) or set(data) != {"weights", "topics", "symptoms", "limits"}:
        raise _fail(path, "", "expected exactly the sections weights, topics, symptoms and limits")
    weights: dict[str, Any] = {}
    raw = data["weights"]
    if not isinstance(raw, dict) or not isinstance(raw.get("fields"), dict):
        raise _fail(path, "weights", "expected a 'fields' entry and one entry per weight")
    _why(path, "weights: fields", raw["fields"])
    fields = []
    for name in ("title", "page", "text", "asked", "tags"):
        entry = raw["fields"].get(name)
        if not isinstance(entry, dict) or "value" not in entry:
            raise _fail(path, f"weights: fields: {name}", "expected '{value: <number>, fitted: true|false}'")
        fields.append(_number(path, f"weights: fields: {name}", entry["value"], 0, 100))
    weights["fields"] = fields
    limits = {"k1": (0, 10), "b": (0, 1), "coverage_power": (0, 10), "title_match": (0, 20), "title_fit": (0, 1), "page_title": (0, 10), "synonym": (0, 1), "prefix": (0, 1),
              "prefix_last": (0, 1), "fuzzy": (0, 1), "phrase": (0, 10), "stop_word": (0, 1),
              "fallback_coverage": (0, 1), "repeat_similarity": (0, 1), "repeat_drop": (0, 10)}
    unknown = set(raw) - set(limits) - {"fields"}
    if unknown:
        raise _fail(path, "weights", f"unknown weight(s) {', '.join(sorted(unknown))}; "
                    f"known: {', '.join(sorted(limits))}")
    for name, (low, high) in limits.items():
        entry = raw.get(name)
        if not isinstance(entry, dict) or "value" not in entry:
            raise _fail(path, f"weights: {name}", "missing: expected '{value: <number>, why: ...}'")
        _why(path, f"weights: {name}", entry)
        camel = re.sub(r"_(\w)", lambda m: m.group(1).upper(), name)
        weights[camel] = _number(path, f"weights: {name}", entry["value"], low, high)
    topics = data["topics"]
    if not isinstance(topics, dict) or not isinstance(topics.get("list"), list):
        raise _fail(path, "topics", "expected a 'why:' and a 'list:' of topics")
    _why(path, "topics", topics)
    out_topics = []
    for n, topic in enumerate(topics["list"], start=1):
        where = f"topics: entry {n}"
        if not isinstance(topic, dict) or set(topic) != {"name", "docs", "factor"}:
            raise _fail(path, where, "expected exactly name, docs and factor (the query words are in en.yml, es.yml)")
        _pattern(path, f"{where}: docs", topic["docs"])
        out_topics.append({"name": topic["name"], "docs": topic["docs"],
                           "factor": _number(path, f"{where}: factor", topic["factor"], 0, 1)})
    symptoms = data["symptoms"]
    keys = {"why", "docs", "factor", "fitted", "max_share", "slot", "slot_named", "answers"}
    if not isinstance(symptoms, dict) or set(symptoms) != keys:
        raise _fail(path, "symptoms", f"expected exactly {', '.join(sorted(keys))}")
    _why(path, "symptoms", symptoms)
    for key in ("docs", "answers"):
        _pattern(path, f"symptoms: {key}", symptoms[key])
    out_symptoms = {"docs": symptoms["docs"], "answers": symptoms["answers"],
                    "slot": _place(path, "symptoms: slot", symptoms["slot"]),
                    "slotNamed": _place(path, "symptoms: slot_named", symptoms["slot_named"]),
                    "factor": _number(path, "symptoms: factor", symptoms["factor"], 1, 10),
                    "maxShare": _number(path, "symptoms: max_share", symptoms["max_share"], 0, 1)}
    lim = data["limits"]
    names = ("max_query_chars", "max_words", "max_word_length", "max_expansions", "min_fuzzy_length",
             "two_edit_length", "min_prefix_length", "min_prefix_length_last", "min_split_length", "min_split_part")
    if not isinstance(lim, dict) or set(lim) != {"why", *names}:
        raise _fail(path, "limits", f"expected exactly why and {', '.join(names)}")
    out_limits = {re.sub(r"_(\w)", lambda m: m.group(1).upper(), k): int(_number(path, f"limits: {k}", lim[k], 1, 1000))
                  for k in names}
    return {"weights": weights, "topics": out_topics, "symptoms": out_symptoms, "limits": out_limits}


def load_vocabulary(path: Path, lang: str) -> dict[str, Any]:
    """Read <lang>.yml: stemmer, stop words, variants, compounds, own stems, topics, symptoms_from, fallback and synonyms."""
    data = load_yaml(path)
    keys = {"language", "stemmer", "stop_words", "variants", "compounds", "own_stems", "topics", "symptoms_from",
            "symptom_reports", "other_language", "fallback", "synonyms"}
    if not isinstance(data, dict) or set(data) != keys:
        raise _fail(path, "", f"expected exactly the sections {', '.join(sorted(keys))}")
    if data["language"] != lang:
        raise _fail(path, "language", f"must be '{lang}', as the file name says")
    if data["stemmer"] not in STEMMERS:
        raise _fail(path, "stemmer", f"must be one of {', '.join(STEMMERS)}")
    stop = data["stop_words"]
    if not isinstance(stop, dict) or not isinstance(stop.get("words"), str) or \
            not re.fullmatch(r"[a-z0-9 \n]+", stop["words"]):
        raise _fail(path, "stop_words", "expected a 'why:' and 'words:' in lower case, separated by spaces")
    _why(path, "stop_words", stop)
    variants = data["variants"]
    if not isinstance(variants, dict) or not isinstance(variants.get("words"), dict) or \
            not all(isinstance(k, str) and isinstance(v, str) for k, v in variants["words"].items()):
        raise _fail(path, "variants", "expected a 'why:' and 'words:' lines such as 'b4: before'")
    _why(path, "variants", variants)
    compounds = data["compounds"]
    if not isinstance(compounds, dict) or set(compounds) != {"why", "words"} or \
            not isinstance(compounds["words"], list) or \
            not all(isinstance(w, str) and re.fullmatch(r"[a-z0-9]+(?: [a-z0-9]+)+", w) for w in compounds["words"]):
        raise _fail(path, "compounds", "expected a 'why:' and 'words: [...]', each a name of two or more words "
                    "in lower case without accents or hyphens, such as 'cold sore' (list each form: 'cold sores' too)")
    _why(path, "compounds", compounds)
    own = data["own_stems"]
    if not isinstance(own, dict) or set(own) != {"why", "words"} or not isinstance(own["words"], list) or \
            not all(isinstance(w, str) and re.fullmatch(r"[a-z]{3,}(?: [a-z]{3,})*", w) for w in own["words"]):
        raise _fail(path, "own_stems", "expected a 'why:' and 'words: [...]', each the forms of one word in lower case "
                    "without accents, separated by spaces, such as 'severe severely severity'")
    forms = [w for group in own["words"] for w in group.split()]
    repeated = sorted({w for w in forms if forms.count(w) > 1} | set(forms) & set(stop["words"].split()))
    if repeated:
        raise _fail(path, "own_stems", f"{', '.join(repeated)}: a word may be in one group only, and not a stop word")
    _why(path, "own_stems", own)
    topics = data["topics"]
    if not isinstance(topics, dict) or not isinstance(topics.get("queries"), dict):
        raise _fail(path, "topics", "expected a 'why:' and 'queries:', one 'topic-name: pattern' line per topic of ranking.yml")
    _why(path, "topics", topics)
    for name, pattern in topics["queries"].items():
        _pattern(path, f"topics: {name}", pattern)
    signs = data["symptoms_from"]
    if not isinstance(signs, dict) or set(signs) != {"why", "files", "words"} or \
            not isinstance(signs["files"], list) or not signs["files"] or \
            not all(isinstance(f, str) for f in signs["files"]):
        raise _fail(path, "symptoms_from", "expected a 'why:', 'files: [...]' naming the warning-signs and "
                    "expected-effects files, and 'words:' (the language's own symptom words, which count however common they are)")
    if not isinstance(signs["words"], str) or not re.fullmatch(r"[^\W\d_]+(?:\s+[^\W\d_]+)*", signs["words"].strip()) \
            or signs["words"] != signs["words"].lower():
        raise _fail(path, "symptoms_from: words", "expected lower-case words separated by spaces, such as "
                    "'infection granuloma keloid'")
    _why(path, "symptoms_from", signs)
    for name in signs["files"]:
        if not (folder().parent / name).is_file():
            raise _fail(path, "symptoms_from: files", f"no file {name}: name this language's warning-signs and "
                        "expected-effects files")
    reports = data["symptom_reports"]
    if not isinstance(reports, dict) or set(reports) != {"why", "pattern", "message", "page"} or \
            not all(isinstance(reports[k], str) and reports[k].strip() for k in ("pattern", "message")) or \
            not isinstance(reports["page"], str):
        raise _fail(path, "symptom_reports", "expected 'why:', 'pattern:' (the words for 'after treatment'), "
                    "'message:' (the line shown above the results) and 'page:' (the address it links to)")
    _why(path, "symptom_reports", reports)
    _pattern(path, "symptom_reports: pattern", reports["pattern"])
    other = data["other_language"]
    if not isinstance(other, dict) or set(other) != {"why", "message"} or \
            not isinstance(other["message"], str) or not other["message"].strip():
        raise _fail(path, "other_language", "expected 'why:' and 'message:' (the link line, in this language)")
    _why(path, "other_language", other)
    fallback = data["fallback"]
    if not isinstance(fallback, dict) or not isinstance(fallback.get("message"), str) or \
            not isinstance(fallback.get("pages"), list):
        raise _fail(path, "fallback", "expected 'why:', 'message:' and 'pages: [address/, ...]'")
    _why(path, "fallback", fallback)
    synonyms = data["synonyms"]
    if not isinstance(synonyms, list):
        raise _fail(path, "synonyms", "expected a list of entries, each '- match: [...]'")
    for n, entry in enumerate(synonyms, start=1):
        where = f"synonyms: entry {n}"
        if not isinstance(entry, dict) or set(entry) != {"match", "add", "why"}:
            raise _fail(path, where, "must have exactly the keys match, add and why")
        for key in ("match", "add"):
            value = entry[key]
            if not isinstance(value, list) or not value or \
                    not all(isinstance(w, str) and re.search(r"\w", w) for w in value):
                raise _fail(path, f"{where}: {key}", "must be a list of words or phrases, such as [pores, pore]")
        _why(path, where, entry)
    return {"stemmer": data["stemmer"], "stop": stop["words"].split(), "variants": variants["words"],
            "compounds": compounds["words"], "ownStems": [group.split() for group in own["words"]],
            "topic_queries": topics["queries"], "symptom_reports": reports["pattern"],
            "report": {"message": reports["message"], "page": reports["page"]},
            "other_language": other["message"],
            "symptom_words": " ".join(word for name in signs["files"] for word in re.sub(
                r"<!--.*?-->", " ", (folder().parent / name).read_text(encoding="utf-8"), flags=re.S).lower().split()),
            "symptom_always": " ".join(signs["words"].split()),
            "fallback": {"message": fallback["message"], "pages": fallback["pages"]},
            "synonyms": [{"match": e["match"], "add": e["add"]} for e in synonyms]}


def load_questions(path: Path) -> dict[str, list[str]]:
    """Read questions-<lang>.yml: result address -> the searches readers type for it."""
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise _fail(path, "", "expected a mapping of result addresses (\"/faq/basics/#what-is-cit\") "
                    "to lists of searches")
    for address, searches in data.items():
        where = f"'{address}'"
        if not isinstance(address, str) or not address.startswith("/"):
            raise _fail(path, where, "an address starts with '/', as in the site's URLs")
        if not isinstance(searches, list) or not searches:
            raise _fail(path, where, "expected a list of searches, one per line starting with '- '")
        seen: set[str] = set()
        for search in searches:
            if not isinstance(search, str) or not SEARCH.fullmatch(search):
                raise _fail(path, where, f"the search {search!r} must be plain lower-case text "
                            "(letters a-z, digits, spaces and ' & . , ? % / -)")
            if len(search.split()) > MAX_SEARCH_WORDS:
                raise _fail(path, where, f"the search '{search}' has more than {MAX_SEARCH_WORDS} words: "
                            "write it as a reader would type it, shorter")
            if search in seen:
                raise _fail(path, where, f"the search '{search}' is listed twice")
            seen.add(search)
    return data


def load_reader_words(path: Path) -> dict[str, Any]:
    """Read reader-words-<lang>.yml: the learned symptom words, result address -> words, and word -> weight
    (in every query, and in queries reporting a symptom)."""
    data = load_yaml(path)
    regenerate = "it is written by search/expand.js: run node search/expand.js SITE_DIR again, do not add words by hand"
    if (not isinstance(data, dict) or set(data) != {"symptoms", "results", "weights", "report_weights"}
            or not all(isinstance(data[k], dict) for k in ("results", "weights", "report_weights"))):
        raise _fail(path, "", "expected 'symptoms: [words]', 'results:' (result addresses with their words), "
                    "'weights:' (words with how much each counts) and 'report_weights:' (the same in queries "
                    f"reporting a symptom) ({regenerate})")
    def words(value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(w, str) and READER_WORD.fullmatch(w) for w in value)
    if not words(data["symptoms"]):
        raise _fail(path, "symptoms", f"expected a list of lower-case words ({regenerate})")
    for address, learned in data["results"].items():
        if not isinstance(address, str) or not address.startswith("/"):
            raise _fail(path, f"results: '{address}'", f"an address starts with '/' ({regenerate})")
        if not learned or not words(learned):
            raise _fail(path, f"results: '{address}'", f"expected a list of lower-case words ({regenerate})")
    for key in ("weights", "report_weights"):
        for word, weight in data[key].items():
            if not isinstance(word, str) or not READER_WORD.fullmatch(word):
                raise _fail(path, f"{key}: '{word}'", f"expected a lower-case word ({regenerate})")
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight < 1:
                raise _fail(path, f"{key}: '{word}'",
                            f"expected a number between 0 and 1, not {weight!r} ({regenerate})")
    return data


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the search data, and add the page-side script."""
    _data.clear()
    _folder[:] = [Path(config.config_file_path).parent / "search"]
    data = folder() / "data"
    _data["ranking"] = load_ranking(data / "ranking.yml")
    LANGUAGES.clear()
    LANGUAGES.update((code, lang["prefix"]) for code, lang in _lang.load(Path(config.config_file_path).parent).items())
    for lang in LANGUAGES:
        _data[lang] = {"vocabulary": load_vocabulary(data / f"{lang}.yml", lang),
                       "questions": load_questions(data / f"questions-{lang}.yml"),
                       "reader_words": load_reader_words(data / f"reader-words-{lang}.yml")}
    if LOADER not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(LOADER)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the page-side script to the site's files."""
    files.append(File.generated(config, LOADER, abs_src_path=str(folder() / "loader.js")))
    return files


def language_of(location: str) -> str:
    """The language of a result, by its address's prefix."""
    for lang, prefix in LANGUAGES.items():
        if prefix and location.startswith(prefix):
            return lang
    return next(lang for lang, prefix in LANGUAGES.items() if not prefix)


def use_worker(html_text: str, lang: str, where: str) -> str:
    """Point a page's search at its language's worker. Fails the build if Material's page
    config no longer names its worker as this hook expects (a theme upgrade): the page would
    search a stub index and find nothing."""
    html_text, found = MATERIAL_WORKER.subn(lambda m: f'{m.group(1)}{m.group(2)}{WORKER.format(lang=lang)}"', html_text)
    if not found and '"search":' in html_text:
        raise PluginError(f"{where}: Material's page config no longer names its search worker as "
                          "search/hook.py expects (MATERIAL_WORKER): update the pattern for this theme version")
    return html_text


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Point the page's search at its language's worker."""
    return use_worker(output, language_of(page.url), page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages made from templates alone (404.html)."""
    return use_worker(output_content, "en", template_name)


def plain(text: str) -> str:
    """A result's text as plain words: no tags, entities or source lines."""
    return " ".join(html.unescape(TAG.sub(" ", SOURCES_LINE.sub(" ", text))).split())


def folded_words(text: str) -> set[str]:
    """A text's words as the engine reads them: lower case, accents and apostrophes gone."""
    text = unicodedata.normalize("NFD", text.lower())
    text = re.sub(r"[\u0300-\u036f\u2018\u2019'`\u00b4]", "", text)
    return set(re.findall(r"[a-z0-9]+", text))


def language_words(vocab: dict[str, Any], others: set[str]) -> list[str]:
    """The words that mark a language: its stop words and its synonyms' reader words, less any
    word the other language's pages, stop words or synonyms use (and one-letter words)."""
    words = set(vocab["stop"]) | folded_words(" ".join(phrase for e in vocab["synonyms"] for phrase in e["add"]))
    return sorted(w for w in words if len(w) > 1 and w not in others)


def index_docs(docs: list[dict], questions: dict[str, list[str]], reader_words: dict[str, Any],
               lang: str) -> list[list]:
    """The results of one language in the index's form: one row per result, its fields in DOC_FIELDS' order."""
    by_location = {d["location"]: n for n, d in enumerate(docs)}
    for name, addresses, fix in (
            (f"questions-{lang}.yml", questions, "published links must keep working, so keep the old id (or add "
             "an alias or redirect, see CONTRIBUTING), then use the result's current address here"),
            (f"reader-words-{lang}.yml", reader_words["results"], f"change the address here as in "
             f"questions-{lang}.yml (or delete its line), build, then run node search/expand.js SITE_DIR, "
             "which writes this file again")):
        unknown = sorted(a for a in addresses if a[1:] not in by_location)
        if unknown:
            raise _fail(folder() / "data" / name, "", f"no search result has the address {', '.join(unknown)}. "
                        f"A heading id or page was renamed or removed: {fix}")
    out = []
    for d in docs:
        loc = d["location"]
        page = by_location.get(loc.split("#")[0], -1) if "#" in loc else -1
        asked = " ".join(questions.get("/" + loc, []))
        out.append([loc, plain(d["title"]), plain(d.get("text", "")), page, asked, d.get("tags") or [],
                    " ".join(reader_words["results"].get("/" + loc, []))])
    return out


def short_addresses(rows: list[list]) -> list[list]:
    """The rows with each section's address after its page's ("#anchor"), as the engine reads them
    (search/engine.js, wholeAddresses): the index's bytes are its readers' download."""
    out = []
    for row in rows:
        if row[3] >= 0:
            page = rows[row[3]][0]
            if not row[0].startswith(page + "#"):
                raise PluginError(f"search/hook.py: the result {row[0]} is not on its page {page}")
            row = [row[0][len(page):], *row[1:]]
        out.append(row)
    return out


DOC_FIELDS = ("address", "title", "text", "page", "searches", "tags", "learned")


def by_field(rows: list[list]) -> dict[str, list]:
    """The rows as the index file holds them, field by field (search/engine.js, wholeAddresses, reads
    them back): each field's values together, which gzip packs 5.4 KB smaller than row by row."""
    if any(len(row) != len(DOC_FIELDS) for row in rows):
        raise PluginError(f"search/hook.py: a search result does not have the {len(DOC_FIELDS)} fields {DOC_FIELDS}")
    return {field: [row[n] for row in rows] for n, field in enumerate(DOC_FIELDS)}


def engine_source(stemmer: str) -> str:
    """The engine file: the language's stemmer and search/engine.js."""
    cjs = (folder() / "vendor" / STEMMERS[stemmer]).read_text(encoding="utf-8")
    return "\n".join([
        "/* Built by search/hook.py from search/vendor and search/engine.js. */",
        f"var MNG_STEM = (function () {{ var exports = {{}};\n{cjs}\nreturn exports.stemmer; }})();",
        (folder() / "engine.js").read_text(encoding="utf-8"),
    ])


def worker_source(index_url: str, engine_url: str) -> str:
    """The worker file every page starts: the addresses of the index and engine, and search/worker.js."""
    return "\n".join([
        "/* Built by search/hook.py from search/worker.js. */",
        f"var MNG_INDEX_URL = {json.dumps(index_url)};",
        f"var MNG_ENGINE_URL = {json.dumps(engine_url)};",
        (folder() / "worker.js").read_text(encoding="utf-8"),
    ])


def _hashed(out: Path, stem: str, suffix: str, body: str) -> str:
    """Write body as <stem>.<hash><suffix> in out (a new name whenever it changes); return the name."""
    name = f"{stem}.{hashlib.sha256(body.encode()).hexdigest()[:10]}{suffix}"
    (out / name).write_text(body, encoding="utf-8")
    return name


def other_languages(lang: str, docs: list[dict]) -> list[dict[str, Any]]:
    """For a language's index: each other language with pages, its words (language_words, less
    every word of this language's pages, stop words and synonyms), its link line and home page."""
    vocab = _data[lang]["vocabulary"]
    ours = set(vocab["stop"]) | folded_words(" ".join(
        [phrase for e in vocab["synonyms"] for phrase in e["add"] + e["match"]]
        + [d["title"] + " " + d["text"] for d in docs if language_of(d["location"]) == lang]))
    return [{"words": language_words(_data[other]["vocabulary"], ours), "message": _data[other]["vocabulary"]["other_language"],
             "page": prefix}
            for other, prefix in LANGUAGES.items()
            if other != lang and any(language_of(d["location"]) == other for d in docs)]


@event_priority(-100)  # after the search plugin has written search/search_index.json
def on_post_build(config: MkDocsConfig) -> None:
    """Write each language's index and worker, and the stub index Material loads at once."""
    out = Path(config.site_dir) / "search"
    material = json.loads((out / "search_index.json").read_text(encoding="utf-8"))
    for old in [*out.glob("index.*.json"), *out.glob("engine.*.js")]:
        old.unlink()
    for lang in LANGUAGES:
        vocab = _data[lang]["vocabulary"]
        docs = [d for d in material["docs"] if language_of(d["location"]) == lang]
        if not docs and LANGUAGES[lang]:
            continue  # a project without pages in this language (a test project): no index to write
        ranking = _data["ranking"]
        names = {t["name"] for t in ranking["topics"]}
        if set(vocab["topic_queries"]) != names:
            raise _fail(folder() / "data" / f"{lang}.yml", "topics: queries",
                        f"must name exactly the topics of ranking.yml ({', '.join(sorted(names))})")
        index = {"lang": lang, "prefix": LANGUAGES[lang], **ranking,
                 "topics": [{"docs": t["docs"], "query": vocab["topic_queries"][t["name"]], "factor": t["factor"]}
                            for t in ranking["topics"]],
                 "symptoms": {**ranking["symptoms"], "words": vocab["symptom_words"], "always": vocab["symptom_always"],
                              "learned": " ".join(_data[lang]["reader_words"]["symptoms"]),
                              "after": vocab["symptom_reports"]},
                 "others": other_languages(lang, material["docs"]),
                 "readerWeights": _data[lang]["reader_words"]["weights"],
                 "reportWeights": _data[lang]["reader_words"]["report_weights"],
                 **{k: v for k, v in vocab.items()
                    if k not in ("stemmer", "topic_queries", "symptom_words", "symptom_always", "symptom_reports",
                                 "other_language")},
                 "docs": index_docs(docs, _data[lang]["questions"], _data[lang]["reader_words"], lang)}
        locations = {d[0] for d in index["docs"]}
        bare = [loc[len(LANGUAGES[lang]):] for loc in locations]
        answers, safety = re.compile(ranking["symptoms"]["answers"]), re.compile(ranking["symptoms"]["docs"])
        if ranking["symptoms"]["slot"] and any(map(safety.search, bare)) and not any(map(answers.search, bare)):
            raise _fail(folder() / "data" / "ranking.yml", "symptoms: answers",
                        f"no {lang} result has one of these addresses: check the pattern against the site's pages")
        if vocab["report"]["page"] not in locations:
            raise _fail(folder() / "data" / f"{lang}.yml", "symptom_reports: page",
                        f"no page has the address {vocab['report']['page']}")
        missing = [p for p in vocab["fallback"]["pages"] if p not in locations]
        if missing:
            raise _fail(folder() / "data" / f"{lang}.yml", "fallback: pages", f"no page has the address {', '.join(missing)}")
        index["docs"] = by_field(short_addresses(index["docs"]))
        index_name = _hashed(out, f"index.{lang}", ".json", json.dumps(index, separators=(",", ":"), ensure_ascii=False))
        engine_name = _hashed(out, f"engine.{lang}", ".js", engine_source(vocab["stemmer"]))
        (out / f"worker.{lang}.js").write_text(worker_source(index_name, engine_name), encoding="utf-8")
    stub = {"config": {**material["config"], "fields": {"title": {"boost": 1}}}, "docs": []}
    (out / "search_index.json").write_text(json.dumps(stub), encoding="utf-8")
