"""Every built HTML page passes the Nu Html Checker (vnu), and inline SVG pictures stay SVG.

The checker runs once over all pages (the JVM is slow to start). Messages that are
deliberately accepted are listed in KNOWN below with the reason; each entry must still
occur, so the list is pruned as soon as the cause is fixed.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Pages written by the mkdocs-redirects plugin: a bare meta refresh, not our markup.
REDIRECT_PAGE = re.compile(r'<meta http-equiv="refresh" content="0; url=')


@dataclass(frozen=True)
class Known:
    message: str  # regex, matched against the whole vnu message
    extract: str  # regex, searched in vnu's extract of the markup, so the entry stays narrow
    reason: str


KNOWN: list[Known] = [
    Known(
        message=r"Bad value “” for attribute “tabindex” on element “label”: "
                r"The empty string is not a valid integer\.",
        extract=r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="">',
        reason="Material 9.8.1 partials/nav-item.html writes tabindex=\"{{ tabindex }}\" and leaves the "
               "variable empty for top-level sections (navigation.sections). The fix is an override of "
               "overrides/partials/nav-item.html that omits the attribute when empty; that folder is "
               "being changed by the accessibility work, so the fix belongs there.",
    ),
    Known(
        message=r"Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
                r"“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
                r"“search”, “tel”, “text”, “time”, “url”, or “week”\.",
        extract=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
                r'id="__(drawer|search)" autocomplete="off">',
        reason="Material's base.html puts autocomplete=\"off\" on its two hidden toggle checkboxes on "
               "purpose: without it Firefox restores their checked state on Back, leaving the menu or "
               "search open. Removing it would mean overriding all of base.html for no user benefit.",
    ),
    Known(
        message=r"The value of the “for” attribute of the “label” element must be the ID of a "
                r"non-hidden form control\.",
        extract=r'<label class="md-nav__title" for="__toc">',
        reason="Material 9.8.1 partials/toc.html labels the table of contents with for=\"__toc\", but "
               "on a section index page (navigation.indexes) nav-item.html never writes the __toc "
               "checkbox. The fix is an override of overrides/partials/toc.html (or nav-item.html), "
               "which belongs to the accessibility work on that folder.",
    ),
]


def html_files(site: Path) -> list[Path]:
    """Every HTML page of the built site (404.html and the embed pages included), no redirects."""
    files = sorted(site.rglob("*.html"))
    return [f for f in files if not REDIRECT_PAGE.search(f.read_text(encoding="utf-8")[:2000])]


@pytest.fixture(scope="module")
def vnu_messages(site: Path) -> list[dict]:
    """All of vnu's error messages for the whole site, from one run of the checker."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("the HTML checker needs Java and node_modules/vnu-jar: run `python3 tasks.py test` once")
    files = html_files(site)
    assert len(files) > 50, f"only {len(files)} HTML files in {site}"
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stderr)  # vnu writes its JSON report to stderr
    except json.JSONDecodeError:
        pytest.fail(f"vnu did not produce a JSON report (exit {result.returncode}):\n{result.stderr[:3000]}")
    prefix = "file:" + str(site)
    for m in report["messages"]:
        m["page"] = m.get("url", "").removeprefix(prefix) or "?"
    return report["messages"]


def known_entry(message: dict) -> Known | None:
    for k in KNOWN:
        if re.fullmatch(k.message, message.get("message", "")) and re.search(k.extract, message.get("extract", "")):
            return k
    return None


def describe(m: dict) -> str:
    where = f"{m['page']}:{m.get('lastLine', '?')}"
    extract = " ".join(m.get("extract", "").split())
    return f"{where}: [{m.get('type')}] {m.get('message')}\n      {extract}"


def test_every_page_is_valid_html(vnu_messages: list[dict]) -> None:
    problems = [m for m in vnu_messages if known_entry(m) is None]
    shown = "\n".join(describe(m) for m in problems[:40])
    more = f"\n  ... and {len(problems) - 40} more" if len(problems) > 40 else ""
    assert not problems, f"{len(problems)} HTML error(s) from the Nu Html Checker:\n{shown}{more}"


@pytest.mark.parametrize("entry", KNOWN, ids=lambda k: k.message[:40])
def test_each_accepted_message_still_occurs(vnu_messages: list[dict], entry: Known) -> None:
    """An entry whose cause has been fixed must be removed from KNOWN."""
    assert any(known_entry(m) is entry for m in vnu_messages), (
        f"KNOWN entry no longer needed (the checker no longer reports it): delete it.\n  {entry.message}")


# Elements allowed in inline SVG (the SVG 2 list; the checker does not look inside <title>/<desc>).
SVG_ELEMENTS = {
    "svg", "a", "animate", "animatemotion", "animatetransform", "circle", "clippath", "defs", "desc",
    "ellipse", "feblend", "fecolormatrix", "fecomposite", "fegaussianblur", "feoffset", "filter",
    "foreignobject", "g", "image", "line", "lineargradient", "marker", "mask", "metadata", "mpath",
    "path", "pattern", "polygon", "polyline", "radialgradient", "rect", "set", "stop", "switch",
    "symbol", "text", "textpath", "title", "tspan", "use", "view",
}


SVG_BLOCK = re.compile(r"<svg\b.*?</svg>", re.S | re.I)
FOREIGN_OBJECT = re.compile(r"<foreignObject\b.*?</foreignObject>", re.S | re.I)  # HTML is allowed there
START_TAG = re.compile(r"<([A-Za-z][\w:-]*)")


def html_in_svg(text: str) -> list[str]:
    """HTML elements inside <svg>, e.g. glossary <abbr> tooltips in <text>, <title> or <desc>."""
    found = []
    for block in SVG_BLOCK.finditer(text):
        line = text.count("\n", 0, block.start()) + 1
        svg = FOREIGN_OBJECT.sub("", block.group(0))
        found += [f"<{t}> in the SVG at line {line}" for t in START_TAG.findall(svg) if t.lower() not in SVG_ELEMENTS]
    return found


def test_inline_svg_holds_only_svg_elements(site: Path) -> None:
    problems = []
    with_figures = 0
    for f in html_files(site):
        text = f.read_text(encoding="utf-8")
        with_figures += 'class="mng-diagram"' in text
        problems += [f"{f.relative_to(site)}: {p}" for p in html_in_svg(text)]
    assert with_figures >= 2, "expected the SVG figures in treatments/ and before-and-after/"
    assert not problems, "HTML elements inside inline SVG (they break the picture):\n" + "\n".join(problems)


def test_glossary_hook_unwraps_abbr_inside_svg() -> None:
    """What Markdown's abbr extension does to a figure with the `markdown` attribute is undone."""
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import glossary
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    html = ('<p>The <abbr title="x">dermis</abbr>.</p><svg role="img"><title>The <abbr title="x">dermis</abbr>'
            '</title><text x="1"><abbr title="x">FDA</abbr> cleared</text></svg>')
    cleaned, problems = glossary.clean_svg(html)
    assert cleaned == ('<p>The <abbr title="x">dermis</abbr>.</p><svg role="img"><title>The dermis</title>'
                       '<text x="1">FDA cleared</text></svg>')
    assert problems == []
    assert glossary.clean_svg("<svg><text><em>very</em> deep</text></svg>")[1] == ["<em>"]
