"""Check what each page renders to: nothing the security policy would have to allow,
every image with a text alternative, and every link to our own pages resolving.

- In a page body (however it was written: Markdown, attribute lists or raw HTML):
  no <script>, <style>, style="...", on...= event handlers, javascript: links, or
  frames (<iframe>, <frame>, <object>, <embed>). The policy forbids them, so they
  would be blocked for readers, or worse, allowed by a policy widened to fit them.
- Every <img> has a non-empty alt text.
- After the build: every link and image address inside the site (relative or
  starting with /) in a page body exists, and its #anchor is an id on the target.
"""
from __future__ import annotations

import html as htmlmod
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from _shared import ID_ATTR_ANY_QUOTE, built_text, find_ids, source_path

JAVASCRIPT_LINK = r"""(?:href|src|action)\s*=\s*["']?\s*javascript:"""
# (in the rendered HTML, in the Markdown source line, what it is and the fix)
FORBIDDEN = [
    (r"<script\b", r"<script\b", "a <script>: scripts go in a file under docs/assets/javascripts/, "
                                 "listed under extra_javascript in mkdocs.yml"),
    (r"<style\b", r"<style\b", "a <style> element: put the rules in docs/assets/stylesheets/site.css"),
    (r"<[a-z][^>]*\sstyle\s*=", r"\bstyle\s*=", "a style=\"...\" attribute: give the element a class "
                                               "and style it in docs/assets/stylesheets/site.css"),
    (r"<[a-z][^>]*\son[a-z]+\s*=", r"\bon[a-z]+\s*=", "an event-handler attribute (onclick=, onload= ...): "
                                                     "behaviour goes in a script file, never in the page"),
    (JAVASCRIPT_LINK, r"javascript:",
     "a javascript: link: link to a page or a web address instead"),
    (r"<(?:iframe|frame|frameset|object|embed)\b", r"<(?:iframe|frame|frameset|object|embed)\b",
     "a frame or embedded object: the site loads nothing from other sites; link to it instead"),
]
RENDERED = [re.compile(rendered, re.I) for rendered, _, _ in FORBIDDEN]
# What a page must contain before a pattern can match: for javascript: links, the pattern's part
# from '=' on. The whole pattern is tried at every h, s and a of a page; this part starts with a
# plain '=', which the regex engine finds fast (about 30 times faster on these pages).
# The style= and on...= patterns each scan every tag of a page to its end: one scan for either
# (a match of one is a match of this union) decides whether either needs to be tried.
TAG_ATTR = re.compile(r"<[a-z][^>]*\s(?:style|on[a-z]+)\s*=", re.I)
QUICK = {JAVASCRIPT_LINK: re.compile(r"""=\s*["']?\s*javascript:""", re.I),
         FORBIDDEN[2][0]: TAG_ATTR, FORBIDDEN[3][0]: TAG_ATTR}
IMG = re.compile(r"<img\b[^>]*>", re.I)
ALT = re.compile(r"""\salt\s*=\s*(["'])(.*?)\1""", re.I | re.S)
LINK = re.compile(r"""<(?:a|img|link|script|source)\b[^>]*?\s(?:href|src)=["']([^"']*)["']""", re.I)
# The tags plugin writes its listings as placeholders (#page.md:10-20/slug) and fills them in later.
TAG_PLACEHOLDER = re.compile(r"^#[^#]*\.md:\d+-\d+/")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)  # another site, mailto: ...
_links: dict[str, tuple[str, set[str]]] = {}  # built file -> (source path, addresses its body links to)


def _line_of(source: str, pattern: str) -> str:
    """':line' of the first source line that matches pattern, or '' when none does."""
    for n, line in enumerate(source.splitlines(), start=1):
        if re.search(pattern, line, re.I):
            return f":{n}"
    return ""


def body_problems(html: str, source: str) -> list[str]:
    """Problems in a page's rendered body, each as ':line: what and the fix'."""
    problems = []
    quick_found: dict[re.Pattern[str], bool] = {}
    for rendered, (_, in_source, fix) in zip(RENDERED, FORBIDDEN):
        quick = QUICK.get(rendered.pattern)
        if quick is not None and quick not in quick_found:
            quick_found[quick] = quick.search(html) is not None
        if (quick is None or quick_found[quick]) and rendered.search(html):
            problems.append(f"{_line_of(source, in_source)}: the page has {fix}")
    for m in IMG.finditer(html):
        alt = ALT.search(m.group(0))
        if not alt or not alt.group(2).strip():
            src = re.search(r"""\ssrc=["']([^"']+)""", m.group(0))
            where = _line_of(source, re.escape(src.group(1).rsplit("/", 1)[-1])) if src else ""
            problems.append(f"{where}: an image has no text alternative: describe what it shows, "
                            "as in ![A derma roller next to a ruler](...) or alt=\"...\"")
    return problems


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fail on anything in the page body the policy forbids, and on images without alt text."""
    _links[page.file.dest_uri] = (source_path(page), {htmlmod.unescape(h) for h in LINK.findall(html)})
    problems = body_problems(html, page.file.content_string)
    if problems:
        path = source_path(page)
        raise PluginError("Page content check failed:\n" + "\n".join(f"{path}{p}" for p in problems))
    return html


def _target(site: Path, base: str, href: str, found: dict[str, Path | None]) -> tuple[Path | None, str]:
    """(the built file a link leads to or None, its #fragment); found: files already looked up."""
    url = urljoin(base, href)
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path not in found:
        file = site / path.lstrip("/")
        if path.endswith("/") or file.is_dir():
            file = file / "index.html"
        found[path] = file if file.is_file() else None
    return found[path], parts.fragment


def link_problems(site: Path, links: dict[str, tuple[str, set[str]]]) -> list[str]:
    """Every link in a page body (links: built file -> (source, addresses)) whose page or
    anchor does not exist in the built site. Links of the templates are not editors' work."""
    problems: list[str] = []
    ids: dict[Path, set[str]] = {}
    found: dict[str, Path | None] = {}
    for rel, (where, hrefs) in sorted(links.items()):
        for href in sorted(hrefs):
            if not href or EXTERNAL.match(href) or TAG_PLACEHOLDER.search(href):
                continue
            target, fragment = _target(site, "/" + rel, href, found)
            if target is None:
                problems.append(f"{where}: the link '{href}' goes to a page that does not exist "
                                "(link to the .md file, as in [text](../safety/risks.md))")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(find_ids(built_text(target), ID_ATTR_ANY_QUOTE))
                if fragment not in ids[target]:
                    problems.append(f"{where}: the link '{href}' goes to an anchor '#{fragment}' that the "
                                    "page does not have (check the heading's {#id})")
    return problems


def on_post_build(config: MkDocsConfig) -> None:
    """Fail when any internal link in the built site does not resolve."""
    problems = link_problems(Path(config.site_dir), _links)
    _links.clear()
    if problems:
        raise PluginError("Links that do not resolve:\n  " + "\n  ".join(sorted(set(problems))[:40]))
