"""Parse and check FAQ pages (docs/<prefix>faq/<topic>.md, every language). Shared by the FAQ hooks.

A question is a `## Question? {#id}` heading, a 2-5 sentence answer, a
`Read more: [text](link)` line and a `Sources: S1, S2` line (in a translation, the
words of its `translation: faq_read_more / faq_sources` in data/languages.yml, such as
`Más información:` and `Fuentes:`). The parsed questions live in QUESTIONS, one
dict per language code, for the rest of the build: an id is unique within a language,
and the same id in two languages is the same answer translated.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment, TemplateNotFound
from mkdocs.exceptions import PluginError

import _lang

FAQ_DIR = "faq/"
HEADING = re.compile(r"^## (?P<question>.+?) \{#(?P<id>[^}\s]+)\}[ \t]*$")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# English patterns (other languages: read_more_re(code), sources_re(code)).
READ_MORE = re.compile(r"^Read more: \[(?P<text>[^\]]+)\]\((?P<link>[^)\s]+)\)[ \t]*$")
SOURCES = re.compile(r"^Sources: (?P<ids>S\d+(?:, S\d+)*)[ \t]*$")
# A sentence ends at . ! or ? before the end or before a new sentence's start: a capital (accented
# ones too), a digit, a quote or bracket, or Spanish's opening ¿ and ¡.
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9\"(¿¡«“ÁÉÍÓÚÜÑ]|\s*$)")
# Full stops that do not end a sentence: "e.g.", "Dr. Smith", "U.S. FDA", "approx. 3".
ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|ca|cf|Dr|Mr|Mrs|Ms|Prof|St|Fig|"
                          r"(?:[A-Z]\.)+[A-Z])\.(?=\s)")
# Per language; English keeps ABBREVIATION. Spanish: "p. ej.", "aprox. 3", "Dra. Ruiz", "núm. 5".
ABBREVIATIONS = {
    "es": re.compile(r"(?<!\w)(?:p\. ej|etc|vs|aprox|Dr|Dra|Sr|Sra|Sres|núm|pág|fig|"
                     r"(?:[A-Z]\.)+[A-Z])\.(?=\s)"),
}
# Abbreviations written with a space inside, one word for counting: "EE. UU." (Estados Unidos).
# Only the inner full stop goes: the last one ends a sentence like any word's.
JOINED = {"es": re.compile(r"\bEE\. UU\.")}
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--")
MARKUP = re.compile(r"<[A-Za-z/!]|\*\*|`|\[[^\]]*\]\(|(?:^|\s)_[^_\s]|&[a-z]+;")
MIN_SENTENCES, MAX_SENTENCES = 2, 5


@dataclass
class Question:
    id: str
    question: str
    answer_md: str
    read_more_text: str
    read_more_link: str
    sources: list[str]
    topic: str  # the page's title, e.g. "Questions about aftercare"
    src_uri: str  # e.g. "faq/aftercare.md", "es/faq/aftercare.md"
    line: int
    answer_html: str = ""
    answer_text: str = ""
    aliases: list[str] = field(default_factory=list)
    lang: str = _lang.DEFAULT
    reviewed: dt.date | None = None  # the FAQ page's 'reviewed' date (front matter)

    @property
    def page_url(self) -> str:
        return self.src_uri[:-3] + "/"


QUESTIONS: dict[str, dict[str, Question]] = {}  # language code -> id -> question


def questions(code: str) -> dict[str, Question]:
    """The questions of one language, by id, in page order (empty when it has none)."""
    return QUESTIONS.get(code, {})


def all_questions() -> list[Question]:
    """Every question of every language."""
    return [q for by_id in QUESTIONS.values() for q in by_id.values()]


def on_page(src_uri: str) -> list[Question]:
    """The questions of one FAQ page, in order."""
    return [q for q in questions(_lang.language_of(src_uri)).values() if q.src_uri == src_uri]


def find(code: str, qid: str) -> Question | None:
    """The question with this id, or the one a retired id (alias) now points to, in a language."""
    by_id = questions(code)
    return by_id.get(qid) or next((q for q in by_id.values() if qid in q.aliases), None)


def is_faq_page(src_uri: str) -> bool:
    """docs/faq/<topic>.md or a translation of it (docs/es/faq/<topic>.md); not the index."""
    return _lang.english_path(src_uri).startswith(FAQ_DIR) and not src_uri.endswith("index.md")


def labels(code: str) -> tuple[str, str]:
    """The words that open an answer's last two lines: ("Read more", "Sources") in English."""
    if code == _lang.DEFAULT:
        return "Read more", "Sources"
    if code not in _lang.LANGS:
        raise PluginError(f"data/languages.yml: no language '{code}'; add it (with translation: "
                          "faq_read_more and faq_sources) or move the page out of docs/{code}/")
    t = _lang.LANGS[code]["translation"]
    return t["faq_read_more"], t["faq_sources"]


@cache
def _patterns(read_more: str, sources: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    rm, src = re.escape(read_more), re.escape(sources)
    return (re.compile(rf"^{rm}: \[(?P<text>[^\]]+)\]\((?P<link>[^)\s]+)\)[ \t]*$"),
            re.compile(rf"^{src}: (?P<ids>S\d+(?:, S\d+)*)[ \t]*$"))


def read_more_re(code: str) -> re.Pattern[str]:
    """The 'Read more: [text](link)' line of a language."""
    return READ_MORE if code == _lang.DEFAULT else _patterns(*labels(code))[0]


def sources_re(code: str) -> re.Pattern[str]:
    """The 'Sources: S1, S2' line of a language."""
    return SOURCES if code == _lang.DEFAULT else _patterns(*labels(code))[1]


def count_sentences(text: str, code: str) -> int:
    """How many sentences a plain answer has, abbreviations not counted as ends."""
    if code in JOINED:
        text = JOINED[code].sub(lambda m: m.group().replace(". ", ""), text)
    return len(SENTENCE_END.findall(ABBREVIATIONS.get(code, ABBREVIATION).sub("ABBR", text)))


def parse_page(text: str, src_uri: str, path: str, topic: str, front_sources: list[str]) -> list[Question]:
    """Parse one FAQ page, failing with file:line on any deviation from the format."""
    code = _lang.language_of(src_uri)
    said_rm, said_src = labels(code)
    read_more, sources_line = read_more_re(code), sources_re(code)
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if not starts:
        raise PluginError(f"{path}: an FAQ page needs at least one '## Question? {{#id}}' heading")
    errors: list[str] = [f"{path}:{i + 1}: questions are '## ' headings; this line starts with "
                         f"'{line.split()[0]}': write it as '## Question? {{#permanent-id}}'"
                         for i, line in enumerate(lines) if re.match(r"^#{3,6} ", line)]
    errors += [f"{path}:{i + 1}: write the sources as '{said_src}: S1, S2' (the ids with a comma and a "
               "space between them)" for i, line in enumerate(lines)
               if line.startswith(f"{said_src}:") and not sources_line.match(line)]
    errors += [f"{path}:{i + 1}: '{said_rm}' must link to one of our pages (its .md file, as in "
               "[How it works](../treatments/how-it-works.md)), so that page lists this question"
               for i, line in enumerate(lines)
               if read_more.match(line) and not read_more.match(line).group("link").split("#")[0].endswith(".md")]
    found: list[Question] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        where = f"{path}:{start + 1}"
        m = HEADING.match(lines[start])
        if not m:
            errors.append(f"{where}: a question heading must be '## Question? {{#permanent-id}}'")
            continue
        qid, question = m.group("id"), m.group("question").strip()
        if not ID.match(qid):
            errors.append(f"{where}: id '{qid}' must be lower-case kebab-case (a-z, 0-9, hyphens)")
        if not question.endswith("?"):
            errors.append(f"{where}: the question must end with '?'")
        if MARKUP.search(question):
            errors.append(f"{where}: the question contains markup ({MARKUP.search(question).group().strip()!r}); "
                          "it is shown as plain text in the feed, embeds and search: write plain words")
        body = [line for line in lines[start + 1:end]]
        rm = [i for i, line in enumerate(body) if read_more.match(line)]
        src = [i for i, line in enumerate(body) if sources_line.match(line)]
        if len(rm) != 1 or len(src) != 1:
            errors.append(f"{where}: each question needs exactly one '{said_rm}: [text](link)' line "
                          f"and one '{said_src}: S1, S2' line after its answer")
            continue
        answer = "\n".join(body[:rm[0]]).strip()
        extra = "\n".join(body[rm[0] + 1:src[0]] + body[src[0] + 1:]).strip()
        if extra:
            errors.append(f"{where}: only the answer, '{said_rm}:' and '{said_src}:' may follow a question")
        sentences = count_sentences(answer, code)
        if not MIN_SENTENCES <= sentences <= MAX_SENTENCES:
            errors.append(f"{where}: the answer has {sentences} sentence(s); write {MIN_SENTENCES} to {MAX_SENTENCES}")
        if re.search(r"^\s*([-*+]|\d+\.|!!!|\?\?\?|#|<)", answer, re.M):
            errors.append(f"{where}: the answer must be plain paragraphs (no lists, headings, boxes or HTML)")
        elif HTML_TAG.search(answer):
            n = next(i for i, line in enumerate(body) if HTML_TAG.search(line))
            errors.append(f"{path}:{start + 2 + n}: the answer contains HTML ({HTML_TAG.search(answer).group()[:30]!r}); "
                          "answers are shown in feeds and on other sites: use plain text and Markdown "
                          "(**bold**, [link](page.md)) only")
        ids = sources_line.match(body[src[0]]).group("ids").split(", ")
        missing = [s for s in ids if s not in front_sources]
        if missing:
            errors.append(f"{where}: {', '.join(missing)} cited here but not in the page's front matter 'sources'")
        rmm = read_more.match(body[rm[0]])
        found.append(Question(qid, question, answer, rmm.group("text"), rmm.group("link"),
                              ids, topic, src_uri, start + 1, lang=code))
    if errors:
        raise PluginError("FAQ format errors:\n  " + "\n  ".join(errors))
    return found


def register(found: list[Question], path: str) -> None:
    """Add a page's questions to QUESTIONS; ids and questions must be unique within their language."""
    if not found:
        return
    by_id = QUESTIONS.setdefault(found[0].lang, {})
    asked = {" ".join(q.question.lower().split()): q for q in by_id.values()}
    where = "all FAQ pages" if found[0].lang == _lang.DEFAULT else f"the FAQ pages in docs/{_lang.LANGS[found[0].lang]['prefix']}"
    for q in found:
        same = asked.get(" ".join(q.question.lower().split()))
        if same:
            raise PluginError(f"{path}:{q.line}: the question '{q.question}' is already asked at "
                              f"docs/{same.src_uri}:{same.line}; merge the two answers into one")
        asked[" ".join(q.question.lower().split())] = q
        if q.id in by_id:
            other = by_id[q.id]
            raise PluginError(f"{path}:{q.line}: FAQ id '{q.id}' is already used by "
                              f"docs/{other.src_uri}:{other.line}; FAQ ids must be unique across {where}")
        by_id[q.id] = q


def help_text(code: str) -> str:
    """The template of the short "when to get medical help" text in a language (embeds, cards, handouts)."""
    return "partials/help-text.html" if code == _lang.DEFAULT else f"partials/help-text-{code}.html"


def template_words(code: str, env: Environment) -> dict:
    """What the embed, card and handout templates need for a language: its code, words, dates
    and short medical-help text (which must exist: overrides/partials/help-text-<code>.html)."""
    name = help_text(code)
    try:
        env.get_template(name)
    except TemplateNotFound:
        raise PluginError(f"overrides/{name} is missing: the {_lang.LANGS[code]['name']} embeds, cards and "
                          "handouts need the short 'when to get medical help' text in that language; copy "
                          "overrides/partials/help-text.html and translate it (its urgent-care and emergency "
                          f"sentences word for word from includes/{_lang.LANGS[code]['prefix']}medical-help-signs.md, "
                          "section summary)") from None
    return {"mng_lang": code, "mng_prefix": _lang.LANGS[code]["prefix"], "ui": _lang.ui(code), "help_text": name,
            "long_date": lambda day: _lang.long_date(day, code)}


def absolute_links(html: str, page_url: str, attributes: str = "") -> str:
    """Every href made absolute against the answer's page, so an answer works away from it
    (embeds, cards, handouts); `attributes` are added to each link (' target="_blank"')."""
    return re.sub(r'href="([^"]+)"', lambda m: f'href="{urljoin(page_url, m.group(1))}"{attributes}', html)


def resolve_link(src_uri: str, link: str) -> str:
    """A page-relative .md link from an FAQ page, as a docs-relative .md path."""
    path = link.split("#")[0]
    return str(Path(src_uri).parent.joinpath(path)).replace("\\", "/") if path else src_uri


def normalize(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)
