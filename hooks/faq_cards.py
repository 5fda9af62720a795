"""Write a printable card for every FAQ answer: /print/faq/<id>/ and its QR code, qr.svg.

A translated answer gets its own card in its language, /es/print/faq/<id>/, whose QR code
opens the translated answer.

The card holds the question, the answer, the when-to-get-help line, the review date, the
last change and the credit, and fits one A4 or US Letter page (card.css). The QR code opens
the answer's own URL; segno makes it at build time as an SVG file with no style attributes
(the Content-Security-Policy allows no inline styles).
"""
from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import segno
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

import _changes
import _faq
from _shared import write_atomic

CARD_DIR = "print/faq"


QR_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "qr"


def qr_svg(url: str) -> str:
    """The URL as a QR code in SVG, kept in .cache/qr between builds (making one takes ~10 ms)."""
    key = hashlib.sha256(f"{segno.__version__}\n{url}".encode()).hexdigest()[:32]
    cached = QR_CACHE / f"{key}.svg"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    svg = make_qr_svg(url)
    write_atomic(cached, svg)  # whole or not at all: a build beside this one never reads half a code
    return svg


def make_qr_svg(url: str) -> str:
    """The URL as a QR code in SVG: black on a white square, with the standard quiet zone."""
    buf = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buf, kind="svg", scale=1, border=4, omitsize=True, dark="#000", light="#fff", xmldecl=True, svgns=True,
        title=f"QR code: {url}", nl=True)
    svg = buf.getvalue().decode("utf-8")
    if re.search(r"\sstyle=|<style", svg):
        raise PluginError(f"segno wrote a style attribute in the QR code for {url}; the site's "
                          "Content-Security-Policy would block it: check the segno version pinned "
                          "in requirements.txt")
    return svg


def cards(env: Environment, config: MkDocsConfig) -> list[tuple[Path, str]]:
    """Each card's files and their text: index.html and qr.svg for every question id."""
    site = Path(config.site_dir)
    site_url = config.site_url or "/"
    template = env.get_template("print-card.html")
    out = []
    for q in _faq.all_questions():
        words = _faq.template_words(q.lang, env)
        page_url = f"{site_url}{q.page_url}"
        url = f"{page_url}#{q.id}"
        changes = _changes.for_answer("/" + q.page_url, [q.id, *q.aliases])
        html = template.render(
            q=q, url=url, base="../../../" + "../" * words["mng_prefix"].count("/"), site_url=site_url,
            site_name=config.site_name, reviewed=q.reviewed,
            change=_changes.latest(changes), correction=_changes.latest_correction(changes),
            answer_html=Markup(_faq.absolute_links(q.answer_html, page_url)), **words,
        )
        folder = site / words["mng_prefix"] / CARD_DIR / q.id
        out += [(folder / "index.html", html), (folder / "qr.svg", qr_svg(url))]
    return out


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Write the cards now that every answer is rendered (before the checks of the finished
    site look at their links)."""
    try:
        for path, text in cards(env, config):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise PluginError(f"could not write the printable FAQ cards: {err}") from None
    return env
