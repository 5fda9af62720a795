"""Printed pages (print.css) in Debian's Chromium: the article only, with reference URLs.

Articles and the aftercare checklist must print without navigation, header, search,
footer navigation or buttons; links to other sites show their address, internal links
do not; the checklist keeps visible tick boxes. Each is also printed to PDF.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import page_urls

pytestmark = pytest.mark.browser

CHECKLIST = "/before-and-after/aftercare-checklist/"
# A sample to print to PDF: the checklist, an article with an SVG figure, an article with
# many sources, and an FAQ page (it has "Copy link" buttons).
PRINTED = [CHECKLIST, "/treatments/what-is-micro-needling/", "/safety/side-effects/", "/faq/aftercare/"]

# What must not be on paper. `nav` covers every menu and the table of contents.
HIDDEN = ["header", ".md-header", "nav", ".md-tabs", ".md-search", ".md-sidebar", ".md-footer",
          "footer", ".md-top", "button", "[role=button]", ".mng-copy-link", ".headerlink",
          "input:not(.task-list-control input)", "form"]

# Is an element painted in print? (No box, zero size, or visibility: hidden all count as not.)
RENDERED = """el => {
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.display === 'none') return false;
  return [...el.getClientRects()].some(r => r.width > 0 && r.height > 0);
}"""

PRINT_REPORT = """hidden => {
  const isRendered = %s;
  const shown = [];
  for (const sel of hidden) {
    for (const el of document.querySelectorAll(sel)) {
      if (isRendered(el)) shown.push(sel + ' ' + (el.className || el.textContent.trim().slice(0, 30)));
    }
  }
  const links = [...document.querySelectorAll('.md-content a[href]')].filter(isRendered).map(a => ({
    href: a.getAttribute('href'), external: a.classList.contains('mng-external'),
    after: getComputedStyle(a, '::after').content,
  }));
  return {shown, links, article: isRendered(document.querySelector('article.md-content__inner'))};
}""" % RENDERED


def print_page(browser, scheme: str = "light"):
    """A browser tab that renders pages as for printing."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.emulate_media(media="print", color_scheme=scheme)
    return context, page


def visit(page, server: str, url: str) -> None:
    # Material's script and faq.js run before DOMContentLoaded (they are at the end of <body>).
    response = page.goto(server + url, wait_until="domcontentloaded")
    assert response and response.status == 200, url
    if url.startswith("/faq/") and url != "/faq/":
        page.wait_for_selector(".mng-copy-link", state="attached")  # faq.js has added its buttons


def open_for_print(browser, server: str, url: str, scheme: str = "light"):
    context, page = print_page(browser, scheme)
    visit(page, server, url)
    return context, page


def check_print_layout(page, url: str) -> list[str]:
    report = page.evaluate(PRINT_REPORT, HIDDEN)
    problems = [f"{url}: prints {s}" for s in report["shown"]]
    if not report["article"]:
        problems.append(f"{url}: the article itself is not printed")
    for link in report["links"]:
        external = re.match(r"https?://", link["href"]) and link["external"]
        if external and link["href"] not in link["after"]:
            problems.append(f"{url}: external link {link['href']} does not print its URL ({link['after']})")
        if not external and link["after"] not in ("none", "normal", ""):
            problems.append(f"{url}: internal link {link['href']} prints {link['after']}")
    return problems


def test_every_page_prints_only_the_article(browser, server: str, site: Path) -> None:
    """Header, search, menus, footer navigation and buttons are hidden on every page in print."""
    problems = []
    external_seen = copy_buttons = 0
    context, page = print_page(browser)
    for url in page_urls(site):
        if re.match(r"/(?:[a-z]{2}/)?embed/", url):
            continue  # embeds are shown in clinics' iframes, not printed
        visit(page, server, url)
        problems += check_print_layout(page, url)
        external_seen += page.locator(".md-content a.mng-external").count()
        copy_buttons += page.locator(".mng-copy-link").count()
    context.close()
    assert copy_buttons > 40, f"only {copy_buttons} 'Copy link' buttons found; the check would prove nothing"
    assert external_seen > 100, f"only {external_seen} external reference links found; is the class still set?"
    assert not problems, "\n".join(problems)


def test_links_to_other_sites_are_marked_in_the_html(site: Path) -> None:
    """Every link to another site carries the class print.css uses to print its URL."""
    missing = []
    for url in page_urls(site):
        if re.match(r"/(?:[a-z]{2}/)?embed/", url):
            continue
        html = (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        main = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
        for tag in re.findall(r'<a\s[^>]*href="https?://[^"]*"[^>]*>', main):
            if "mng-external" not in tag and 'href="https://micro-needling-guide.example/' not in tag:
                missing.append(f"{url}: {tag}")
    assert not missing, "\n".join(missing[:20])


def test_checklist_prints_tick_boxes(browser, server: str) -> None:
    context, page = open_for_print(browser, server, CHECKLIST)
    boxes = page.evaluate("""() => [...document.querySelectorAll('.task-list-item .task-list-indicator')].map(el => {
      const box = getComputedStyle(el, '::before');
      return {display: box.display, content: box.content, border: box.borderTopStyle,
              width: parseFloat(box.borderTopWidth), color: box.borderTopColor,
              size: parseFloat(box.width), visible: getComputedStyle(el.closest('li')).visibility};
    })""")
    context.close()
    assert len(boxes) >= 20, f"only {len(boxes)} checklist items"
    bad = [b for b in boxes if b["display"] == "none" or b["content"] == "none" or b["border"] != "solid"
           or b["width"] < 1 or b["size"] < 8 or b["visible"] != "visible" or b["color"] in ("rgba(0, 0, 0, 0)",)]
    assert not bad, f"{len(bad)} tick box(es) would not print clearly, e.g. {bad[0]}"


def test_dark_mode_prints_dark_text_on_white(browser, server: str) -> None:
    """A reader in dark mode still gets dark text (paper is white) and no dark boxes."""
    context, page = open_for_print(browser, server, CHECKLIST, scheme="dark")
    colours = page.evaluate("""() => {
      const p = document.querySelector('article p'), box = document.querySelector('article .admonition');
      return {scheme: document.body.getAttribute('data-md-color-scheme'), text: getComputedStyle(p).color,
              box: getComputedStyle(box).backgroundColor};
    }""")
    context.close()
    assert colours["scheme"] == "slate", colours
    text = [float(v) for v in re.findall(r"[\d.]+", colours["text"])[:3]]
    assert max(text) < 80, f"printed text colour {colours['text']} is too light for paper"
    box = [float(v) for v in re.findall(r"[\d.]+", colours["box"])[:3]]
    assert min(box) > 200, f"admonition prints on {colours['box']}"


def pdf_page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("url", PRINTED)
def test_page_prints_to_pdf(browser, server: str, url: str) -> None:
    context, page = open_for_print(browser, server, url)
    problems = check_print_layout(page, url)
    pdf = page.pdf(format="A4")
    context.close()
    assert not problems, "\n".join(problems)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 10_000, f"{url}: the PDF is only {len(pdf)} bytes"
    pages = pdf_page_count(pdf)
    assert 1 <= pages <= 20, f"{url}: {pages} pages"
    # Chromium keeps links as annotations; external references must still be there.
    if url != CHECKLIST:
        assert re.search(rb"/URI\s*\(https?://(?!127\.0\.0\.1)", pdf), f"{url}: no external link in the PDF"
