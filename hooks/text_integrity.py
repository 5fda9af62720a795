"""Fail the build on look-alike letters and invisible characters in page sources.

Cyrillic letters anywhere, Greek letters inside Latin words, zero-width and bidi
control characters, soft hyphens, and non-breaking spaces inside words all break
search, spell-checking and screen readers. Each is reported as file:line:column.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from _shared import project_dir, read_utf8, source_path

_CYRILLIC = r"\u0400-\u052F\u2DE0-\u2DFF\uA640-\uA69F\u1C80-\u1C8F"
_GREEK = r"\u0370-\u03FF\u1F00-\u1FFF"
_INVISIBLE = r"\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF"
_NARROW_SPACES = r"\u00A0\u2007\u202F"
CYRILLIC = re.compile(f"[{_CYRILLIC}]")
GREEK = re.compile(f"[{_GREEK}]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
WORD = re.compile(r"[^\W\d_]+")
INVISIBLE = re.compile(f"[{_INVISIBLE}]")
# A zero-width joiner between two emoji builds one emoji (a woman and a medical sign make a
# health worker): legitimate. Emoji: the pictographic blocks, dingbats and variation selector 16.
_EMOJI = r"\u2600-\u27BF\u2B00-\u2BFF\U0001F000-\U0001FAFF\uFE0F\U0001F3FB-\U0001F3FF"
EMOJI_JOINER = re.compile(f"(?<=[{_EMOJI}])\u200D(?=[{_EMOJI}])")
# A no-break space after a digit keeps a number with its unit ("0.5 mm", "3 days"): legitimate.
SPACE_IN_WORD = re.compile(rf"(?<=[^\W\d_])[{_NARROW_SPACES}](?=\w)")
# Micro as a unit prefix (µm, μg): the Greek letter mu is what many keyboards type for it.
MICRO_UNIT = re.compile(r"^[\u00B5\u03BC](?:m|g|l|L|s|A|V|W|mol|Hz)$")
# Every character the checks look at: a file with none of them is clean (the fast path).
SUSPECT = re.compile(f"[{_CYRILLIC}{_GREEK}{_INVISIBLE}{_NARROW_SPACES}]")


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNKNOWN')}"


def find_problems(text: str) -> list[tuple[int, int, str]]:
    """Return (line, column, message) for every problem character in text."""
    problems: list[tuple[int, int, str]] = []
    if not SUSPECT.search(text):
        return problems
    for lineno, line in enumerate(text.splitlines(), start=1):
        for m in INVISIBLE.finditer(line):
            if EMOJI_JOINER.match(line, m.start()):
                continue
            problems.append((lineno, m.start() + 1,
                             f"invisible character {_describe(m.group())}: delete it"))
        for m in SPACE_IN_WORD.finditer(line):
            problems.append((lineno, m.start() + 1,
                             f"{_describe(m.group())} inside a word: use a normal space or none"))
        for w in WORD.finditer(line):
            word = w.group()
            if MICRO_UNIT.match(word):
                continue
            foreign = CYRILLIC.search(word) or (LATIN.search(word) and GREEK.search(word))
            if foreign:
                ch = foreign.group()
                problems.append((lineno, w.start() + foreign.start() + 1,
                                 f"look-alike letter {_describe(ch)} in '{word}': "
                                 "retype the word with Latin letters"))
    return problems


def _fail(path: str, text: str) -> None:
    problems = find_problems(text)
    if problems:
        lines = [f"{path}:{ln}:{col}: {msg}" for ln, col, msg in problems]
        raise PluginError("Text integrity check failed:\n" + "\n".join(lines))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the shared include files, which every page pulls in."""
    for path in sorted((project_dir(config) / "includes").glob("*.md")):
        _fail(str(path.relative_to(project_dir(config))), read_utf8(path))
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check the page's raw source, front matter included, so positions match the file."""
    _fail(source_path(page), page.file.content_string)
    return markdown
