"""FAQ behaviour in Chromium: embeds, copy-link buttons, deep links and search results."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_server import serve

pytestmark = pytest.mark.browser

PARENT = """<!doctype html><html><head><meta charset="utf-8"><title>Clinic page</title></head><body>
<h1>Our aftercare</h1>
<iframe id="f" src="{src}" title="FAQ answer" width="100%" height="50" style="border:0"></iframe>
<script>
window.heights = [];
window.addEventListener("message", function (e) {{
  if (e.origin !== "{origin}" || !e.data || e.data.type !== "mng-faq-embed") return;
  window.heights.push(e.data);
  document.getElementById("f").style.height = e.data.height + "px";
}});
</script></body></html>"""


@pytest.fixture(scope="module")
def feed(site: Path) -> dict:
    return json.loads((site / "faq.json").read_text(encoding="utf-8"))


def local(server: str, url: str, feed: dict) -> str:
    return server + "/" + url[len(feed["site"]["url"]):]


def test_embed_pages_are_self_contained(browser, server: str, site: Path, feed: dict) -> None:
    """Every embed page: no navigation or search, no cookies, no request to another origin."""
    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc != urlsplit(server).netloc else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for q in feed["questions"]:
        page.goto(local(server, q["embed_url"], feed), wait_until="load")
        assert page.inner_text("h1") == q["question"]
        assert page.locator("nav, .md-search, form, input").count() == 0
        assert page.locator("a", has_text="Read the full answer").get_attribute("href") == q["url"]
    assert not foreign and not errors
    assert context.cookies() == []
    context.close()


@pytest.mark.parametrize("width", [320, 800])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_embed_sizes_itself_in_a_clinic_page(browser, server: str, tmp_path: Path, feed: dict, width: int, scheme: str) -> None:
    """An iframe on another origin gets the height message and shows the whole answer."""
    q = next(q for q in feed["questions"] if q["id"] == "makeup-after")
    src = local(server, q["embed_url"], feed)
    origin = server
    (tmp_path / "index.html").write_text(PARENT.format(src=src, origin=origin), encoding="utf-8")
    with serve_plain(tmp_path) as parent_url:
        context = browser.new_context(viewport={"width": width, "height": 700}, color_scheme=scheme)
        page = context.new_page()
        page.goto(parent_url + "/index.html", wait_until="load")
        page.wait_for_function("() => window.heights.length > 0", timeout=10000)
        message = page.evaluate("window.heights[window.heights.length - 1]")
        assert message["id"] == "makeup-after" and message["height"] > 150
        frame = page.frame_locator("#f")
        frame.locator(".mng-embed__credit").wait_for()
        inner = page.frames[1]
        dims = inner.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth, document.documentElement.scrollHeight]")
        assert dims[0] <= dims[1], f"horizontal overflow at {width}px: {dims}"
        frame_height = page.evaluate("document.getElementById('f').getBoundingClientRect().height")
        assert abs(frame_height - dims[2]) <= 2, (frame_height, dims)
        background = inner.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        dark = background == "rgb(30, 33, 41)"
        assert dark == (scheme == "dark"), background
        assert context.cookies() == []
        context.close()


def serve_plain(folder: Path):
    """A second origin for the 'clinic' page (it needs a _headers file like the site)."""
    (folder / "_headers").write_text("/*\n  X-Test: clinic\n", encoding="utf-8")
    return serve(folder)


def test_copy_link_button_works_by_keyboard(browser, server: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "/faq/aftercare/", wait_until="networkidle")
    buttons = page.locator("button.mng-copy-link")
    assert buttons.count() == page.locator("h2.mng-faq-q").count() > 0
    button = page.locator("#makeup-after + .mng-copy-slot > button.mng-copy-link")
    assert "Can I wear makeup" in button.get_attribute("aria-label")
    button.focus()
    assert page.evaluate("document.activeElement.classList.contains('mng-copy-link')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('mng-copy-status').textContent.includes('Link copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "https://micro-needling-guide.example/faq/aftercare/#makeup-after"
    assert page.get_attribute("#mng-copy-status", "aria-live") == "polite"
    context.close()


def test_copy_link_button_speaks_the_page_language(browser, server: str) -> None:
    """On a Spanish FAQ page the button and its label are Spanish and copy the Spanish answer's address."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "/es/faq/aftercare/", wait_until="networkidle")
    button = page.locator("#makeup-after + .mng-copy-slot > button.mng-copy-link")
    assert button.inner_text() == "Copiar enlace"
    assert button.get_attribute("aria-label").startswith("Copiar el enlace a la pregunta: ¿Puedo maquillarme")
    button.click()
    page.wait_for_function("() => document.getElementById('mng-copy-status').textContent.includes('Enlace copiado')")
    assert page.evaluate("navigator.clipboard.readText()") == "https://micro-needling-guide.example/es/faq/aftercare/#makeup-after"
    context.close()


def test_copy_buttons_do_not_move_the_text(browser, server: str) -> None:
    """The buttons go into places kept for them: no layout shift (Lighthouse's CLS)."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.add_init_script("window.__shift = 0; new PerformanceObserver(list => list.getEntries()"
                         ".forEach(e => { window.__shift += e.value; })).observe({type: 'layout-shift', buffered: true});")
    page.goto(server + "/faq/aftercare/", wait_until="networkidle")
    page.wait_for_selector("#makeup-after + .mng-copy-slot > button.mng-copy-link")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__shift") < 0.01
    page.close()


def test_copy_buttons_appear_after_following_a_link(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "/faq/", wait_until="networkidle")
    page.locator("article a[href$='aftercare/#makeup-after']").first.click()
    page.wait_for_selector("#makeup-after + .mng-copy-slot > button.mng-copy-link")
    page.close()


def test_deep_link_scrolls_to_the_question(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 700})
    page.goto(server + "/faq/safety/#pregnancy", wait_until="networkidle")
    if page.locator("#pregnancy").count() == 0:
        pytest.fail("the FAQ id 'pregnancy' is missing")
    page.wait_for_timeout(300)
    top = page.evaluate("document.getElementById('pregnancy').getBoundingClientRect().top")
    assert 0 <= top < 300, top
    page.close()


def load_all_results(box) -> list[str]:
    """Scroll the result list until Material has rendered every result."""
    count = -1
    links = box.page.locator(".md-search-result__link")
    while links.count() != count:
        count = links.count()
        box.page.evaluate("() => { const s = document.querySelector('.md-search__scrollwrap'); s.scrollTop = s.scrollHeight; }")
        box.page.wait_for_timeout(300)
    hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    box.page.evaluate("() => { document.querySelector('.md-search__scrollwrap').scrollTop = 0; }")
    return [urlsplit(h).path + ("#" + urlsplit(h).fragment if urlsplit(h).fragment else "") for h in hrefs]


def test_search_finds_each_question_as_its_own_result(browser, server: str, feed: dict) -> None:
    from search_quality import SearchBox

    box = SearchBox(browser, server)
    misses = []
    for q in feed["questions"]:
        query = q["question"].rstrip("?")
        results, _ = box.search(query)
        anchors = [url for url, _ in results]  # every result shown, sections included
        if not any(url.endswith("#" + q["id"]) for url in anchors):
            anchors = load_all_results(box)  # Material shows 10 pages, then more on scrolling
        if not any(url.endswith("#" + q["id"]) for url in anchors):
            misses.append(f"{q['id']}: {anchors[:5]}")
    assert not misses, "\n".join(misses)
