"""Expand snippet lines (`--8<-- "includes/file.md:section"`) for the FAQ parser.

Not a hook itself. pymdownx.snippets expands these lines when a page renders, but the FAQ
format is checked on the raw file before that (hooks/faq_pages.py, on_files), so an answer
that states a shared fact (includes/facts.md) would be counted without its sentences. Each
snippet line becomes one line (the section's lines joined), so line numbers stay right.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

LINE = re.compile(r'^(?P<indent>[ \t]*)-+8<-+[ \t]+"(?P<file>[^":]+)(?::(?P<section>[\w-]+))?"[ \t]*$')
MARKER = re.compile(r"--8<--\s*\[(?:start|end):[\w-]+\]")


def section_text(base: Path, file: str, section: str | None, where: str) -> list[str]:
    """The lines of a snippet file, or of one named section of it, without section markers."""
    path = base / file
    if not path.is_file():
        raise PluginError(f"{where}: the snippet file '{file}' does not exist; check the path after --8<--")
    lines = path.read_text(encoding="utf-8").splitlines()
    if section:
        start, end = f"[start:{section}]", f"[end:{section}]"
        idx = [i for i, line in enumerate(lines) if start in line or end in line]
        if len(idx) != 2 or start not in lines[idx[0]]:
            raise PluginError(f"{where}: '{file}' has no section '{section}' (it needs one "
                              f"'--8<-- {start}' line and one '--8<-- {end}' line)")
        lines = lines[idx[0] + 1:idx[1]]
    return [line for line in lines if not MARKER.search(line)]


def expand(text: str, base: Path, path: str) -> str:
    """Replace each snippet line of `text` with its content joined onto one line."""
    out: list[str] = []
    for n, line in enumerate(text.split("\n"), start=1):
        m = LINE.match(line)
        if m:
            body = " ".join(s.strip() for s in section_text(base, m.group("file"), m.group("section"),
                                                            f"{path}:{n}") if s.strip())
            line = m.group("indent") + body
        out.append(line)
    return "\n".join(out)
