"""Shared fixtures: the site built once per run, a local server and Debian's Chromium."""
from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

from site_server import chromium, mkdocs_build, page_urls, serve  # noqa: E402

__all__ = ["ROOT", "browser_urls", "link_search", "mkdocs_build", "page_urls"]

# Pages the hooks write from one template each, one per FAQ answer and language: embeds and
# printable cards (about 250 in all).
FROM_ONE_TEMPLATE = re.compile(r"^/(?:[a-z]{2}/)?(?:embed|print)/faq/")
SAMPLE_PER_KIND = 4


def browser_urls(site: Path) -> list[str]:
    """What the slow browser checks load: every page written from Markdown, and the first few
    embeds and printable cards of each language. The rest of those differ only in the answer's
    text, which is checked on its FAQ page; loading all of them took about 5 of the suite's minutes."""
    urls, seen = [], {}
    for url in page_urls(site):
        kind = FROM_ONE_TEMPLATE.match(url)
        if kind:
            seen[kind.group()] = seen.get(kind.group(), 0) + 1
            if seen[kind.group()] > SAMPLE_PER_KIND:
                continue
        urls.append(url)
    return urls


def link_search(project: Path) -> None:
    """Give a small test project the real search folder, but no reader searches or learned
    reader words: those name the real site's pages. Its change history is emptied for the same reason."""
    history = project / "data" / "changes.yml"
    if history.exists() or history.is_symlink():
        history.unlink()  # a symlink to the real file, or a copy: never write through it
        history.write_text("# No changes in this test project.\n", encoding="utf-8")
    (project / "search" / "data").mkdir(parents=True)
    for path in (ROOT / "search").iterdir():
        if path.name != "data":
            (project / "search" / path.name).symlink_to(path)
    for path in (ROOT / "search" / "data").iterdir():
        if path.name.startswith("questions-"):
            (project / "search" / "data" / path.name).write_text("{}\n", encoding="utf-8")
        elif path.name.startswith("reader-words-"):
            (project / "search" / "data" / path.name).write_text("symptoms: []\nresults: {}\nweights: {}\nreport_weights: {}\n", encoding="utf-8")
        elif path.name in ("en.yml", "es.yml"):  # a small project has home pages, not the site's fallback pages
            home = "" if path.name == "en.yml" else path.stem + "/"
            text = re.sub(r"(?m)^  pages: \[.*\]$", f'  pages: ["{home}"]', path.read_text(encoding="utf-8"))
            text = re.sub(r"(?m)^  page: .*$", f'  page: "{home}"', text)  # symptom_reports' link
            (project / "search" / "data" / path.name).write_text(text, encoding="utf-8")
        else:
            (project / "search" / "data" / path.name).symlink_to(path)


def search_index(site: Path, lang: str = "en") -> dict:
    """A language's search index with its results as rows and whole addresses: the build writes
    them field by field, and a section's address as "#anchor" after its page's (the row's fourth
    field; search/engine.js, wholeAddresses)."""
    index = json.loads(next((site / "search").glob(f"index.{lang}.*.json")).read_text(encoding="utf-8"))
    fields = index["docs"]
    rows = [list(row) for row in zip(*fields.values())]
    index["docs"] = [[rows[d[3]][0] + d[0], *d[1:]] if d[3] >= 0 and d[0].startswith("#") else d for d in rows]
    return index


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once into a temporary folder (or the strict build `tasks.py check`
    has just made: it passes its folder in MNG_BUILT_SITE)."""
    built = os.environ.get("MNG_BUILT_SITE")
    if built and (Path(built) / "index.html").is_file():
        return Path(built)
    dest = tmp_path_factory.mktemp("build") / "site"
    result = mkdocs_build(ROOT, dest)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return dest


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1, with the headers from site/_headers (CSP included)."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b
