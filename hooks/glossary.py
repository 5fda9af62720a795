"""Render the glossary page from includes/abbreviations.md, the one list of terms.

Each language has its own list: a Spanish page's tooltips come from
includes/es/abbreviations.md (same format), an English page's from includes/abbreviations.md.

The terms are handed to the Markdown `abbr` extension as its glossary, so each term
shows as a tooltip on every page that uses it. (Appending the file to every page with
pymdownx.snippets does the same but made every build about 0.5 s slower: each block
processor re-scans the 50-line definition block once per definition.) The marker
<!-- glossary --> on a page is replaced by the full list of terms and their meanings.

Inside an inline SVG picture an HTML <abbr> is not allowed (SVG <text>, <title> and
<desc> take plain text), so terms that Markdown wrapped there are unwrapped again; other
Markdown formatting inside an SVG fails the build.
"""
from __future__ import annotations

import re
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _lang
from _shared import project_dir, source_path

MARKER = "<!-- glossary -->"
ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+)$")
SVG = re.compile(r"<svg\b.*?</svg>", re.S | re.I)
ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)
# HTML that Markdown's inline syntax makes (*em*, **strong**, `code`, line breaks).
MARKDOWN_TAG = re.compile(r"<(em|strong|code|br|p)\b")
_terms: dict[str, str] = {}  # the English terms (the glossary page)
_by_language: dict[str, dict[str, str]] = {}


def parse_terms(text: str, path: str) -> dict[str, str]:
    """Parse '*[TERM]: meaning' lines; anything else but comments and blanks is an error."""
    terms: dict[str, str] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("<!--"):
            continue
        m = ENTRY.match(line)
        if not m:
            raise PluginError(f"{path}:{lineno}: expected '*[TERM]: meaning', got {line!r}")
        term = m.group("term")
        if term in terms:
            raise PluginError(f"{path}:{lineno}: the term '{term}' is defined twice")
        terms[term] = m.group("meaning").strip()
    return terms


def slug(term: str) -> str:
    """The glossary anchor for a term: 'term-' plus its lower-case kebab form."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load each language's terms once per build."""
    _by_language.clear()
    for code, lang in _lang.load(project_dir(config)).items():
        rel = f"includes/{lang['prefix']}abbreviations.md"
        path = project_dir(config) / rel
        if not path.exists():
            raise PluginError(f"{rel} is missing: the {lang['name']} pages' glossary tooltips come from it "
                              "(one '*[TERM]: meaning' line per term, as in includes/abbreviations.md)")
        _by_language[code] = parse_terms(path.read_text(encoding="utf-8"), rel)
    _terms.clear()
    _terms.update(_by_language[_lang.DEFAULT])
    if "abbr" not in config.markdown_extensions:
        raise PluginError("mkdocs.yml: the glossary needs the 'abbr' entry in markdown_extensions")
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": dict(_terms)}
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give the page its language's tooltips; replace the glossary marker with the terms."""
    terms = _by_language[_lang.language_of(page.file.src_uri)]
    config.mdx_configs["abbr"] = {**config.mdx_configs["abbr"], "glossary": terms}  # read when the page renders
    if MARKER not in markdown:
        return markdown
    # One small heading per term, so each term is its own search result.
    items = "\n".join(
        f'<h2 id="{slug(t)}">{escape(t)}</h2>\n<p>{escape(_terms[t])}</p>'
        for t in sorted(_terms, key=str.lower)
    )
    return markdown.replace(MARKER, f'<div class="mng-glossary">\n{items}\n</div>')


def clean_svg(html: str) -> tuple[str, list[str]]:
    """Unwrap glossary <abbr> inside inline SVGs; list any other HTML tag Markdown put there."""
    problems: list[str] = []

    def fix(m: re.Match[str]) -> str:
        svg = ABBR.sub(r"\1", m.group(0))
        problems.extend(sorted({f"<{t}>" for t in MARKDOWN_TAG.findall(svg)}))
        return svg

    return SVG.sub(fix, html), problems


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep inline SVG pictures valid: no HTML elements inside them."""
    html, problems = clean_svg(html)
    if problems:
        raise PluginError(f"{source_path(page)}: Markdown formatting ({', '.join(problems)}) inside an SVG "
                          "picture breaks it. Remove the 'markdown' attribute from the <figure> and any "
                          "*, _ or ` characters from the SVG text.")
    return html
