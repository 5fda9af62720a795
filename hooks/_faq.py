"""Parse and check FAQ pages (docs/faq/<topic>.md). Shared by the FAQ hooks.

A question is a `## Question? {#id}` heading, a 2-5 sentence answer, a
`Read more: [text](link)` line and a `Sources: S1, S2` line. The parsed questions
live in QUESTIONS for the rest of the build.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

FAQ_DIR = "faq/"
HEADING = re.compile(r"^## (?P<question>.+?) \{#(?P<id>[^}\s]+)\}[ \t]*$")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
READ_MORE = re.compile(r"^Read more: \[(?P<text>[^\]]+)\]\((?P<link>[^)\s]+)\)[ \t]*$")
SOURCES = re.compile(r"^Sources: (?P<ids>S\d+(?:, S\d+)*)[ \t]*$")
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9\"(]|\s*$)")
# Full stops that do not end a sentence: "e.g.", "Dr. Smith", "U.S. FDA", "approx. 3".
ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|ca|cf|Dr|Mr|Mrs|Ms|Prof|St|Fig|"
                          r"(?:[A-Z]\.)+[A-Z])\.(?=\s)")
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
    src_uri: str  # e.g. "faq/aftercare.md"
    line: int
    answer_html: str = ""
    answer_text: str = ""
    aliases: list[str] = field(default_factory=list)

    @property
    def page_url(self) -> str:
        return self.src_uri[:-3] + "/"


QUESTIONS: dict[str, Question] = {}


def is_faq_page(src_uri: str) -> bool:
    return src_uri.startswith(FAQ_DIR) and not src_uri.endswith("index.md")


def parse_page(text: str, src_uri: str, path: str, topic: str, front_sources: list[str]) -> list[Question]:
    """Parse one FAQ page, failing with file:line on any deviation from the format."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if not starts:
        raise PluginError(f"{path}: an FAQ page needs at least one '## Question? {{#id}}' heading")
    errors: list[str] = [f"{path}:{i + 1}: questions are '## ' headings; this line starts with "
                         f"'{line.split()[0]}': write it as '## Question? {{#permanent-id}}'"
                         for i, line in enumerate(lines) if re.match(r"^#{3,6} ", line)]
    errors += [f"{path}:{i + 1}: write the sources as 'Sources: S1, S2' (the ids with a comma and a "
               "space between them)" for i, line in enumerate(lines)
               if line.startswith("Sources:") and not SOURCES.match(line)]
    errors += [f"{path}:{i + 1}: 'Read more' must link to one of our pages (its .md file, as in "
               "[How it works](../treatments/how-it-works.md)), so that page lists this question"
               for i, line in enumerate(lines)
               if READ_MORE.match(line) and not READ_MORE.match(line).group("link").split("#")[0].endswith(".md")]
    questions: list[Question] = []
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
        rm = [i for i, line in enumerate(body) if READ_MORE.match(line)]
        src = [i for i, line in enumerate(body) if SOURCES.match(line)]
        if len(rm) != 1 or len(src) != 1:
            errors.append(f"{where}: each question needs exactly one 'Read more: [text](link)' line "
                          "and one 'Sources: S1, S2' line after its answer")
            continue
        answer = "\n".join(body[:rm[0]]).strip()
        extra = "\n".join(body[rm[0] + 1:src[0]] + body[src[0] + 1:]).strip()
        if extra:
            errors.append(f"{where}: only the answer, 'Read more:' and 'Sources:' may follow a question")
        sentences = len(SENTENCE_END.findall(ABBREVIATION.sub("ABBR", answer)))
        if not MIN_SENTENCES <= sentences <= MAX_SENTENCES:
            errors.append(f"{where}: the answer has {sentences} sentence(s); write {MIN_SENTENCES} to {MAX_SENTENCES}")
        if re.search(r"^\s*([-*+]|\d+\.|!!!|\?\?\?|#|<)", answer, re.M):
            errors.append(f"{where}: the answer must be plain paragraphs (no lists, headings, boxes or HTML)")
        elif HTML_TAG.search(answer):
            n = next(i for i, line in enumerate(body) if HTML_TAG.search(line))
            errors.append(f"{path}:{start + 2 + n}: the answer contains HTML ({HTML_TAG.search(answer).group()[:30]!r}); "
                          "answers are shown in feeds and on other sites: use plain text and Markdown "
                          "(**bold**, [link](page.md)) only")
        ids = SOURCES.match(body[src[0]]).group("ids").split(", ")
        missing = [s for s in ids if s not in front_sources]
        if missing:
            errors.append(f"{where}: {', '.join(missing)} cited here but not in the page's front matter 'sources'")
        rmm = READ_MORE.match(body[rm[0]])
        questions.append(Question(qid, question, answer, rmm.group("text"), rmm.group("link"),
                                  ids, topic, src_uri, start + 1))
    if errors:
        raise PluginError("FAQ format errors:\n  " + "\n  ".join(errors))
    return questions


def register(questions: list[Question], path: str) -> None:
    """Add a page's questions to QUESTIONS; ids must be unique across the whole FAQ."""
    asked = {" ".join(q.question.lower().split()): q for q in QUESTIONS.values()}
    for q in questions:
        same = asked.get(" ".join(q.question.lower().split()))
        if same:
            raise PluginError(f"{path}:{q.line}: the question '{q.question}' is already asked at "
                              f"docs/{same.src_uri}:{same.line}; merge the two answers into one")
        asked[" ".join(q.question.lower().split())] = q
        if q.id in QUESTIONS:
            other = QUESTIONS[q.id]
            raise PluginError(f"{path}:{q.line}: FAQ id '{q.id}' is already used by "
                              f"docs/{other.src_uri}:{other.line}; FAQ ids must be unique across all FAQ pages")
        QUESTIONS[q.id] = q


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
