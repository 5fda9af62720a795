"""Print the reading level and word count of every built page.

English pages: the Flesch-Kincaid grade (8 or lower). Spanish pages (es/): the
Szigriszt-Pazos ease (INFLESZ scale: 55-65 "normal", above 65 "fairly easy"; at least 55).

Usage: python bench/reading_level.py [SITE_DIR]   (default: builds into a temp folder)
Text is taken from each page's article, without the generated sources and dates,
and every block (paragraph, list item, heading, table cell) counts as a sentence.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import textstat

ROOT = Path(__file__).resolve().parent.parent
GRADE_LIMIT = 8.0
SPANISH_EASE_MIN = 55.0  # INFLESZ "normal" or easier
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption", "summary", "blockquote"}
VOID = {"br", "img", "hr", "input", "wbr", "meta", "link", "source", "col", "area"}
SKIP = {"script", "style", "svg", "nav", "button", "template", "pre"}
# Pages that are lists of references or terms, not prose written for reading.
NOT_PROSE = {"about/sources/", "tags/"}


class _ArticleText(HTMLParser):
    """Collect the text of <article>, one block at a time."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skip = 0
        self.blocks: list[str] = []
        self.stack: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article += 1
        if not self.in_article or tag in VOID:
            return
        cls = dict(attrs).get("class") or ""
        if self.skip or tag in SKIP or "mng-page-meta" in cls or "headerlink" in cls:
            self.skip += 1  # count open tags inside a skipped part
        elif tag in BLOCKS:
            self.stack.append([])

    def handle_endtag(self, tag: str) -> None:
        if not self.in_article or tag in VOID:
            return
        if tag == "article":
            self.in_article -= 1
        if self.skip:
            self.skip -= 1
        elif tag in BLOCKS and self.stack:
            text = " ".join("".join(self.stack.pop()).split())
            if text:
                self.blocks.append(text if text[-1] in ".!?:" else text + ".")

    def handle_data(self, data: str) -> None:
        if self.in_article and not self.skip and self.stack:
            self.stack[-1].append(data)


def page_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    return "\n".join(parser.blocks)


def site_pages(site: Path) -> dict[str, str]:
    """Map each content page's URL path (e.g. 'treatments/') to its prose."""
    pages = {}
    for f in sorted(site.rglob("index.html")):
        url = f.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        # Embeds and printable cards (print/) repeat one FAQ answer each; it is measured on its FAQ page.
        if re.match(r"(?:[a-z]{2}/)?(?:embed|search|print)/", url) or url in NOT_PROSE:
            continue
        pages[url] = page_text(f.read_text(encoding="utf-8"))
    return pages


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def spanish_ease(text: str) -> float:
    """Szigriszt-Pazos ease of Spanish text (higher is easier)."""
    textstat.set_lang("es")
    try:
        return float(textstat.szigriszt_pazos(text))
    finally:
        textstat.set_lang("en_US")


def is_spanish(url: str) -> bool:
    return url.startswith("es/")


def level(url: str, text: str) -> tuple[str, float, bool]:
    """The page's measure, its value and whether it meets the site's limit."""
    if is_spanish(url):
        ease = spanish_ease(text)
        return "INFLESZ", ease, ease >= SPANISH_EASE_MIN
    g = grade(text)
    return "grade", g, g <= GRADE_LIMIT


def build(dest: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)], cwd=ROOT, check=True)


def main(args: list[str]) -> int:
    if args:
        site = Path(args[0])
    else:
        site = Path(tempfile.mkdtemp()) / "site"
        build(site)
    pages = site_pages(site)
    total = 0
    over = 0
    print(f"{'measure':>13} {'words':>6}  page")
    for url, text in pages.items():
        name, value, ok = level(url, text)
        n = textstat.lexicon_count(text)
        total += n
        over += not ok
        print(f"{name:>7} {value:5.1f} {n:6d}  /{url}{'' if ok else '   <-- harder than the limit'}")
    print(f"{len(pages)} pages, {total} words, {over} harder than the limit "
          f"(English: grade {GRADE_LIMIT} or lower; Spanish: INFLESZ {SPANISH_EASE_MIN} or higher)")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
