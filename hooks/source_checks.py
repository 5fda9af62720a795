"""Check each page's Markdown source for mistakes that would ship broken or as literal text.

Every problem is reported as file:line with the fix in plain words:
files not saved as UTF-8, unclosed comments and code fences, include lines
(--8<--) that do not resolve, Markdown the site does not render, headings without
a permanent id (or with an id that is not kebab-case or that the templates use),
a second page title (#) in the body, empty pages, http:// links and images
without a text alternative. Runs on the raw file, so line numbers match it.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from _shared import FRONT_MATTER, project_dir, read_utf8, source_path

SOURCES_PAGE, SOURCES_MARKER = "about/sources.md", "<!-- all-sources -->"  # see hooks/page_sources.py
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
ATTR_ID = re.compile(r"\{[^}]*?#([^\s}]+)[^}]*\}\s*$")
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SNIPPET = re.compile(r"^\s*-+8<-+\s+(\"|')(?P<path>[^\"':]+)(?::(?P<section>[\w-]+)(?::\d+)?)?\1\s*$")
INLINE_CODE = re.compile(r"`[^`\n]+`")
HTTP_LINK = re.compile(r"(\]\(\s*<?|<|href=[\"']?|^\s*\[[^\]]+\]:\s*)http://", re.I)
EMPTY_ALT = re.compile(r"!\[\s*\]\(")
# Ids the templates and hooks write on every page (or on pages with FAQ links): a heading
# with one of these would give the page two elements with the same id.
TEMPLATE_IDS = {"page-sources", "mng-content", "common-questions", "get-medical-help-box"}
# Markdown some sites render but this one does not (the extension is not enabled): it
# would show as literal characters.
# Each with text that every match contains: a line without it is not searched (a plain
# substring test costs a fraction of a regex search, and most lines have none of them).
UNRENDERED = [
    (re.compile(r"\[\^[^\]]+\]"), "[^", "footnotes ([^1]) are not turned on: write the note as a sentence"),
    (re.compile(r"~~[^~\s][^~]*~~"), "~~", "~~strike-through~~ is not turned on: delete the words instead"),
    (re.compile(r"==[^=\s][^=]*=="), "==", "==highlight== is not turned on: use **bold** if you must"),
    (re.compile(r"(?<![\w/]):[a-z0-9_+-]+:(?![\w/])"), ":", "emoji short codes (:smile:) are not turned on: "
                                                           "paste the emoji itself"),
]


def _fail(path: str, problems: list[tuple[int, str]]) -> None:
    if problems:
        raise PluginError("Page source check failed:\n" + "\n".join(
            f"{path}:{line}: {msg}" for line, msg in sorted(problems)))


def _heading_problems(lineno: int, line: str) -> list[tuple[int, str]]:
    m = HEADING.match(line)
    if not m:
        return []
    level, text = len(m.group(1)), m.group(2)
    found = ATTR_ID.search(text)
    if level == 1:
        return [(lineno, "a '# ' heading in the text makes a second page title; the title comes from "
                         "'title:' in the front matter: use '## ' for a section")]
    if not found:
        if level > 2:
            return []
        slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section-name"
        return [(lineno, f"the heading has no permanent id: end it with {{#{slug}}} (its link must "
                         "never change, so the id is written by hand, not made from the words)")]
    hid = found.group(1)
    if not KEBAB.match(hid):
        return [(lineno, f"the id '{hid}' must be lower-case kebab-case (a-z, 0-9, hyphens), such as "
                         f"'{re.sub(r'[^a-z0-9]+', '-', hid.lower()).strip('-')}'")]
    if hid in TEMPLATE_IDS or hid.startswith("__"):
        return [(lineno, f"the id '{hid}' is already used by the page template: choose another id")]
    return []


def _comment_problems(text: str, fenced: set[int]) -> list[tuple[int, str]]:
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        line = text.count("\n", 0, start) + 1
        if line in fenced:
            pos = start + 4
            continue
        end = text.find("-->", start + 4)
        if end < 0:
            return [(line, "this comment '<!--' is never closed, so readers would see it: end it with '-->'")]
        pos = end + 3
    return []


def _snippet_problems(n: int, root: Path, path: str, section: str | None) -> list[tuple[int, str]]:
    file = root / path
    if not file.is_file():
        have = ", ".join(sorted(p.relative_to(root).as_posix() for p in (root / "includes").glob("*.md")))
        return [(n, f"the include file {path} does not exist; the files are: {have}")]
    if section and not section.isdigit() and f"[start:{section}]" not in read_utf8(file):
        return [(n, f"{path} has no section '{section}': check the name after the colon "
                    f"(the file marks it with --8<-- [start:{section}])")]
    return []


def check_source(text: str, root: Path) -> list[tuple[int, str]]:
    """(line, problem) for every mistake in a page's Markdown source."""
    problems: list[tuple[int, str]] = []
    lines = text.splitlines()
    fm = FRONT_MATTER.match(text)
    start = fm.group(0).count("\n") if fm else 0
    fence: tuple[str, int, int] | None = None  # (character, length, line) of the open fence
    fenced: set[int] = set()
    for n, line in enumerate(lines[start:], start=start + 1):
        f = FENCE.match(line)
        if fence:
            fenced.add(n)
            if f and f.group(1)[0] == fence[0] and len(f.group(1)) >= fence[1] \
                    and not line.strip()[len(f.group(1)):].strip():
                fence = None
            continue
        if f:
            fence = (f.group(1)[0], len(f.group(1)), n)
            fenced.add(n)
            continue
        problems += _heading_problems(n, line)
        plain = INLINE_CODE.sub("", line)
        if "--8<--" in plain:
            s = SNIPPET.match(line)
            if not s:
                problems.append((n, "an include line must be --8<-- \"includes/name.md\" on a line of its own, "
                                    "with the path in double quotes"))
            else:
                problems += _snippet_problems(n, root, s.group("path"), s.group("section"))
        if "://" in plain and HTTP_LINK.search(plain):
            problems.append((n, "a link starts with http://: use https:// (check that the other site "
                                "supports it), so readers are not sent over an insecure connection"))
        if "![" in plain and EMPTY_ALT.search(plain):
            problems.append((n, "this image has no text alternative: write what it shows between the "
                                "brackets, as in ![A derma roller next to a ruler](...)"))
        for pattern, literal, fix in UNRENDERED:
            if literal in plain and pattern.search(plain):
                problems.append((n, fix))
    if fence:
        problems.append((fence[2], f"this code block ({fence[0] * fence[1]}) is never closed: add a line with "
                                   f"{fence[0] * fence[1]} where it ends"))
    problems += _comment_problems(text, fenced)
    # Comments are not text, but a marker a hook replaces (<!-- all-sources -->) is.
    body = re.sub(r"<!--(?! ?[a-z-]+ ?-->).*?-->", "", "\n".join(lines[start:]), flags=re.S)
    if not re.search(r"\w", body):
        problems.append((start + 1, "the page has no text below the front matter: write the page, "
                                    "or leave it out of the nav until it is ready"))
    return problems


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Every Markdown file (and include) must be UTF-8 before MkDocs reads it."""
    for f in files.documentation_pages():
        if f.abs_src_path:
            read_utf8(Path(f.abs_src_path))
    for path in sorted((project_dir(config) / "includes").glob("*.md")):
        read_utf8(path)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the page's raw source (front matter included, so line numbers match the file)."""
    problems = check_source(page.file.content_string, project_dir(config))
    if page.file.src_uri == SOURCES_PAGE and SOURCES_MARKER not in page.file.content_string:
        problems.append((1, f"the sources page must have the line {SOURCES_MARKER} where the list of "
                            "all sources goes (every page's 'Sources' links point into that list)"))
    _fail(source_path(page), problems)
    return markdown

