"""WCAG 2.2 AA in a real browser: axe-core on every page in both colour schemes, and the keyboard.

axe-core (bundled with axe-playwright-python) runs with the WCAG 2.0, 2.1 and 2.2 A and AA
rule tags on every built page, the 404 page and every /embed/faq/<id>/ page, once with the
system set to light and once to dark (the site follows the system setting), and with the
search dialog open and showing results; all in a 1280x720 window, plus a sample of pages, the
menu and the search on a phone-sized touch screen. No rule is switched off: a violation is
fixed in docs/assets/stylesheets/a11y.css or a small override in overrides/, never here.

The keyboard tests Tab through a sample of pages (one of each kind), in both schemes: every
visible control must be reached, show a focus ring (outline or box-shadow; an outline at 3:1 or
more on the colour behind it), keep its text at 4.5:1 when focus recolours it, and not be hidden
under the sticky header, going forwards or backwards. The first Tab shows "Skip to content",
which moves focus to the article. Search results are reached with the arrow keys (Material).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe

from conftest import browser_urls

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SCHEMES = {"light": "default", "dark": "slate"}  # system setting -> Material's data-md-color-scheme
MISSING_PAGE = "/no-such-page/"
SEARCH_QUERY = "collagen"
SYMPTOM_QUERY = "pus 4 days after microneedling"  # shows the help link above the results

# One page of each kind for the keyboard tests: home, article with tags and a table of contents,
# FAQ (copy-link buttons), checklist (task list), code samples, pages without an h2 (glossary,
# sources), a section index, the 404 page and an embed.
KEYBOARD_PAGES = [
    "/",
    "/concerns/acne-scars/",
    "/faq/aftercare/",
    "/before-and-after/aftercare-checklist/",
    "/about/for-clinics/",
    "/about/glossary/",
    "/about/sources/",
    "/safety/",
    MISSING_PAGE,
    "/embed/faq/cost/",
]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="module")
def scheme_pages(browser) -> Iterator[dict[str, object]]:
    """One browser context (and tab) per colour scheme, shared by the tests of this module."""
    contexts = {scheme: browser.new_context(color_scheme=scheme) for scheme in SCHEMES}
    yield {scheme: context.new_page() for scheme, context in contexts.items()}
    for context in contexts.values():
        context.close()


def all_pages(site: Path) -> list[str]:
    """Every page written from Markdown, the missing-page URL, and embeds and printable cards
    of each language (a sample: conftest.browser_urls)."""
    urls = browser_urls(site)
    embeds = [u for u in urls if "/embed/faq/" in u]
    assert len(embeds) >= 5, f"only {len(embeds)} FAQ embed pages in {site}"
    return urls + [MISSING_PAGE]


def report(url: str, violations: list[dict]) -> list[str]:
    """One line per failing element: rule, impact, selector, and axe's first reason."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            reasons = [c["message"] for c in node.get("any", []) + node.get("all", []) + node.get("none", [])]
            lines.append(f"{url}: {v['id']} ({v['impact']}) {' '.join(map(str, node['target']))}: "
                         f"{reasons[0] if reasons else v['help']}")
    return lines


def check_scheme(page, scheme: str) -> None:
    """The page really is in the scheme under test (Material pages and the embeds alike)."""
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert dark == (scheme == "dark")
    material = page.evaluate("document.body.dataset.mdColorScheme || null")
    assert material in (None, SCHEMES[scheme]), f"{page.url}: data-md-color-scheme={material}"


def test_every_page_has_no_wcag_violations(scheme_pages: dict, axe: Axe, server: str, site: Path) -> None:
    """Both schemes in step: each page loads in both tabs, then axe runs in both at once (2 cores)."""
    problems: list[str] = []
    urls = all_pages(site)
    for url in urls:
        for scheme, page in scheme_pages.items():
            response = page.goto(server + url, wait_until="load")
            assert response is not None and response.status == (404 if url == MISSING_PAGE else 200), url
            check_scheme(page, scheme)
            page.evaluate(axe.axe_script)
            page.evaluate("options => { window.__axeRun = axe.run(document, options); }", AXE_OPTIONS)
        for scheme, page in scheme_pages.items():
            results = AxeResults(page.evaluate("() => window.__axeRun"))
            problems += report(f"[{scheme}] {url}", results.response["violations"])
    summary = f"{len(problems)} axe violations ({len(urls)} pages, light and dark):\n"
    assert not problems, summary + "\n".join(problems)


def open_search(page, server: str, query: str = SEARCH_QUERY) -> None:
    """Press "/" on the home page and type a query until results show."""
    page.goto(server + "/", wait_until="load")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    page.wait_for_selector(".md-search-result__link", timeout=10000)
    page.wait_for_timeout(300)  # let the dialog's transitions end before measuring colours


@pytest.mark.parametrize("query", [SEARCH_QUERY, SYMPTOM_QUERY])
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_search_dialog_with_results_has_no_wcag_violations(scheme_pages: dict, axe: Axe, server: str,
                                                           scheme: str, query: str) -> None:
    """Results, and for a warning sign after treatment the link to when to get help above them."""
    page = scheme_pages[scheme]
    open_search(page, server, query)
    check_scheme(page, scheme)
    assert page.evaluate("document.querySelector('[data-md-toggle=search]').checked"), "search is not open"
    dialog = page.get_by_role("dialog", name="Search")
    assert dialog.count() == 1, "the search dialog has no accessible name"
    assert page.locator(".md-search-result__link").first.is_visible()
    if query == SYMPTOM_QUERY:
        page.wait_for_selector(".mng-search-help-link", timeout=5000)
        assert page.locator(".mng-search-help-link").is_visible()
    problems = report(f"/ (search '{query}')", axe.run(page, options=AXE_OPTIONS).response["violations"])
    assert not problems, f"{len(problems)} axe violations ({scheme}):\n" + "\n".join(problems)


MOBILE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
MOBILE_PAGES = ["/", "/concerns/acne-scars/", "/before-and-after/aftercare-checklist/", "/about/for-clinics/"]


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_phone_layout_has_no_wcag_violations(browser, axe: Axe, server: str, scheme: str) -> None:
    """A sample on a phone-sized touch screen: other layout, drawer menu, full-screen search."""
    context = browser.new_context(color_scheme=scheme, **MOBILE)
    page = context.new_page()
    problems: list[str] = []
    try:
        for url in MOBILE_PAGES:
            page.goto(server + url, wait_until="load")
            page.wait_for_timeout(300)  # Material sets up code blocks and sidebars after load
            problems += report(f"[phone] {url}", axe.run(page, options=AXE_OPTIONS).response["violations"])
        page.goto(server + "/", wait_until="load")
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_function("() => document.querySelector('[data-md-toggle=drawer]').checked")
        page.wait_for_timeout(300)
        problems += report("[phone] / (menu open)", axe.run(page, options=AXE_OPTIONS).response["violations"])
        page.goto(server + "/", wait_until="load")
        page.locator("label.md-header__button[for=__search]").click()
        page.locator("input.md-search__input").press_sequentially(SEARCH_QUERY, delay=30)
        page.wait_for_selector(".md-search-result__link", timeout=10000)
        page.wait_for_timeout(300)
        problems += report("[phone] / (search open)", axe.run(page, options=AXE_OPTIONS).response["violations"])
    finally:
        context.close()
    assert not problems, f"{len(problems)} axe violations ({scheme}):\n" + "\n".join(problems)


# --- Keyboard ---------------------------------------------------------------------------------

# Visible, enabled controls in the page. Zero-size inputs count when a visible label shows them
# (Material's colour-scheme radios); inert, hidden, transparent or disabled ones do not.
COLLECT_CONTROLS = """() => {
  const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, '
                 + 'iframe, [contenteditable=""], [contenteditable=true], [tabindex]';
  const native = e => e.matches('a[href], area[href], button, input, select, textarea, summary, iframe');
  const seen = e => e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
                    && e.getClientRects().length > 0;
  const shown = e => {
    const r = e.getBoundingClientRect();
    if (r.width >= 1 && r.height >= 1) return seen(e);
    return e.checkVisibility({checkVisibilityCSS: true})  // rendered (not display: none), only invisible
           && [...(e.labels || []), e.nextElementSibling].some(l => l && l.matches('label') && seen(l));
  };
  window.__controls = [...document.querySelectorAll(selector)].filter(
    e => !e.disabled && !e.closest('[inert], [aria-hidden=true]') && (native(e) || e.tabIndex >= 0) && shown(e));
  return window.__controls.map(e => e.outerHTML.replace(/\\s+/g, ' ').slice(0, 120));
}"""

# The focused element now: its index among the controls, whether it (or, for a zero-size input,
# the label that shows it) has a focus ring, whether any of it is left uncovered on screen, and,
# when focus gives it a solid background (Material's tags, back-to-top button), the contrast of
# its text on that background (axe only sees the page at rest).
FOCUSED = """() => {
  document.getAnimations().forEach(a => { try { a.finish(); } catch (err) {} });
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const box = el => el.getBoundingClientRect();
  let shows = [e];
  if (box(e).width < 1 || box(e).height < 1 || getComputedStyle(e).opacity === '0') {
    shows = [...(e.labels || []), e.nextElementSibling].filter(
      l => l && l.matches('label') && l.checkVisibility({checkOpacity: true}) && box(l).width > 0);
  }
  const ring = el => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                    && s.outlineColor !== 'rgba(0, 0, 0, 0)' && s.outlineColor !== 'transparent';
    return outline || s.boxShadow !== 'none';
  };
  const uncovered = el => {
    const r = box(el);
    const xs = [r.left + 1, (r.left + r.right) / 2, r.right - 1];
    const ys = [r.top + 1, (r.top + r.bottom) / 2, r.bottom - 1];
    return xs.some(x => ys.some(y => {
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
      const hit = document.elementFromPoint(x, y);
      return hit && (hit === el || el.contains(hit) || hit.contains(el));
    }));
  };
  const backdrop = el => {  // the colour behind el: its (or its ancestors') backgrounds, composited
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c.length === 4 && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((out, c) => out.map((v, i) => c[i] * c[3] + v * (1 - c[3])), [255, 255, 255]);
  };
  const ratio = (x, y) => {
    const [a, b] = [lum(lin(x)), lum(lin(y))].sort((p, q) => q - p);
    return Math.round((a + 0.05) / (b + 0.05) * 100) / 100;
  };
  const ringContrast = el => {  // an outline drawn outside the element lies on what is beside it
    const s = getComputedStyle(el);
    if (s.outlineStyle === 'none' || !(parseFloat(s.outlineWidth) > 0)) return null;
    const offset = parseFloat(s.outlineOffset) || 0, r = box(el);
    let base = el;
    if (offset >= 0) {
      const x = Math.max(0, r.left - offset - parseFloat(s.outlineWidth) / 2), y = (r.top + r.bottom) / 2;
      base = document.elementsFromPoint(x, y).find(h => h !== el && !el.contains(h)) || el.parentElement || el;
    }
    const under = backdrop(base);
    const c = rgba(s.outlineColor);
    return ratio(c.slice(0, 3).map((v, i) => v * c[3] + under[i] * (1 - c[3])), under);
  };
  const rgba = c => { const v = (c.match(/[\\d.]+/g) || []).map(Number); return v.length === 3 ? [...v, 1] : v; };
  const lum = c => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  const lin = c => c.slice(0, 3).map(v => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const textContrast = el => {
    const s = getComputedStyle(el), bg = rgba(s.backgroundColor), fg = rgba(s.color);
    if (bg.length !== 4 || bg[3] < 1 || fg.length !== 4 || !el.innerText.trim()) return null;
    const over = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(lin(over)), lum(lin(bg))].sort((x, y) => y - x);
    return Math.round((a + 0.05) / (b + 0.05) * 100) / 100;
  };
  return {
    index: window.__controls.indexOf(e),
    name: e.name && e.type === 'radio' ? 'radio:' + e.name : null,
    html: e.outerHTML.replace(/\\s+/g, ' ').slice(0, 120),
    ring: shows.some(ring),
    onScreen: shows.some(uncovered),
    contrast: textContrast(e),
    ringContrast: Math.max(...shows.map(el => ringContrast(el) ?? 21), 0),
  };
}"""


SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def tab_through(page, key: str = "Tab") -> tuple[list[str], list[dict]]:
    """Press Tab (or Shift+Tab) until focus leaves the page or comes round again.

    Returns the controls never reached and every focus stop, in order."""
    controls = page.evaluate(COLLECT_CONTROLS)
    stops: list[dict] = []
    reached: set[int] = set()
    for _ in range(len(controls) + 30):
        page.keyboard.press(key)
        # Let the page's scroll handlers run first: Material resizes its sticky sidebars on
        # scroll, and until then a sidebar can overlap the footer, so the ring's backdrop
        # was read from the wrong element now and then.
        page.evaluate(SETTLE)
        stop = page.evaluate(FOCUSED)
        if stop is None or (stop["index"] >= 0 and stop["index"] in reached):
            break
        stops.append(stop)
        reached.add(stop["index"])
    # A radio group is one tab stop: its other buttons are reached with the arrow keys.
    groups = {s["name"] for s in stops if s["name"]}
    radios = page.evaluate("window.__controls.map(e => e.type === 'radio' && e.name ? 'radio:' + e.name : null)")
    missing = [html for i, html in enumerate(controls) if i not in reached and radios[i] not in groups]
    return missing, stops


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("url", KEYBOARD_PAGES)
def test_every_control_is_reachable_by_tab_with_visible_focus(scheme_pages: dict, server: str, url: str,
                                                              scheme: str) -> None:
    page = scheme_pages[scheme]
    page.goto(server + url, wait_until="load")
    missing, stops = tab_through(page)
    assert len(stops) > 1, f"{url}: Tab reached {len(stops)} elements"
    assert not missing, f"{url}: not reached with Tab:\n" + "\n".join(missing)
    no_ring = [s["html"] for s in stops if not s["ring"]]
    assert not no_ring, f"{url}: focused without a visible outline or box-shadow:\n" + "\n".join(no_ring)
    hidden = [s["html"] for s in stops if not s["onScreen"]]
    assert not hidden, f"{url}: focused but covered or off screen:\n" + "\n".join(hidden)
    faint_ring = [f"{s['ringContrast']}:1 {s['html']}" for s in stops if s["ringContrast"] < 3]
    assert not faint_ring, f"{url} ({scheme}): focus ring below 3:1 on its background:\n" + "\n".join(faint_ring)
    faint = [f"{s['contrast']}:1 {s['html']}" for s in stops if s["contrast"] is not None and s["contrast"] < 4.5]
    assert not faint, f"{url} ({scheme}): focused text below 4.5:1 on its background:\n" + "\n".join(faint)


@pytest.mark.parametrize("url", ["/concerns/acne-scars/", "/about/sources/"])
def test_shift_tab_keeps_focus_out_from_under_the_sticky_header(scheme_pages: dict, server: str, url: str) -> None:
    page = scheme_pages["light"]
    page.goto(server + url, wait_until="load")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.locator("footer a[href]").last.focus()
    _, stops = tab_through(page, "Shift+Tab")
    assert len(stops) > 20
    hidden = [s["html"] for s in stops if not s["onScreen"]]
    assert not hidden, f"{url}: focused but covered or off screen:\n" + "\n".join(hidden)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("url", ["/", "/concerns/acne-scars/", "/about/glossary/", MISSING_PAGE])
def test_skip_link_is_first_and_moves_focus_to_the_article(browser, server: str, url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        # networkidle: all of Material's scripts have run, so the focus is not moved by them.
        page.goto(server + url, wait_until="networkidle")
        assert page.get_by_role("link", name="Skip to content").count() == 1, f"{url}: not one skip link"
        page.evaluate("window.__controls = []")
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        first = skip.evaluate("e => e.outerHTML")
        assert skip.inner_text().strip() == "Skip to content", f"{url}: the first Tab focused {first}"
        page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'", timeout=5000)
        box = skip.bounding_box()
        assert box and box["y"] >= 0 and box["height"] > 10, f"{url}: skip link not on screen: {box}"
        stop = page.evaluate(FOCUSED)
        assert stop["ring"] and stop["ringContrast"] >= 3, f"{url}: the skip link's focus ring: {stop}"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement && document.activeElement.id === 'mng-content'",
                               timeout=5000)
        article = page.locator("#mng-content")
        assert article.evaluate("e => e.matches('main article')")
        top = article.evaluate("e => e.getBoundingClientRect().top")
        header = page.locator("header.md-header").bounding_box()
        assert header and header["height"] - 1 <= top < page.viewport_size["height"] / 2, (
            f"{url}: after the skip link the article starts at {top}px (under the header, or too low)")
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('#mng-content')"), (
            f"{url}: the Tab after the skip link left the article")
    finally:
        context.close()


def test_search_results_are_reachable_by_keyboard(scheme_pages: dict, server: str) -> None:
    """Material's search: "/" focuses the box, the arrow keys move through the results."""
    page = scheme_pages["light"]
    open_search(page, server)
    page.evaluate("window.__controls = []")
    stop = page.evaluate(FOCUSED)
    assert "md-search__input" in stop["html"] and stop["ring"] and stop["ringContrast"] >= 3, stop
    page.keyboard.press("ArrowDown")
    stop = page.evaluate(FOCUSED)
    assert "md-search-result__link" in stop["html"], stop
    assert stop["ring"] and stop["ringContrast"] >= 3 and stop["onScreen"], stop
