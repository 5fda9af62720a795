"""The built site in Debian's Chromium: no third-party requests, errors, cookies or CSP violations."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import browser_urls

pytestmark = pytest.mark.browser

CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def visit(browser, server: str, url: str, **context_options) -> dict:
    """Load one page and report what it did."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    foreign, errors = [], []
    origin = urlsplit(server).netloc

    def on_request(request) -> None:
        host = urlsplit(request.url).netloc
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != origin:
            foreign.append(request.url)

    page.on("request", on_request)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(server + url, wait_until="networkidle")
    csp = page.evaluate("window.__csp")
    cookies = context.cookies()
    result = {"status": response.status if response else None, "foreign": foreign,
              "errors": errors, "csp": csp, "cookies": cookies, "page": page, "context": context}
    return result


def test_every_page_loads_cleanly(browser, server: str, site: Path) -> None:
    problems = []
    urls = browser_urls(site)
    assert sum("/embed/faq/" in u for u in urls) >= 8 and sum("/print/faq/" in u for u in urls) >= 8, urls
    for url in urls:
        r = visit(browser, server, url)
        if r["status"] != 200:
            problems.append(f"{url}: HTTP {r['status']}")
        for key in ("foreign", "errors", "csp", "cookies"):
            if r[key]:
                problems.append(f"{url}: {key}: {r[key]}")
        r["context"].close()
    assert not problems, "\n".join(problems)


def test_server_sends_the_csp_header(server: str) -> None:
    import urllib.request

    with urllib.request.urlopen(server + "/") as resp:
        csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp and "'sha256-" in csp


def test_csp_blocks_an_unhashed_inline_script(browser, server: str, site: Path, tmp_path: Path) -> None:
    """The policy is real: an inline script that is not in the hash list is refused."""
    html = (site / "index.html").read_text(encoding="utf-8")
    probe = site / "about" / "csp-probe.html"  # in a folder of the site: _headers has a rule for it
    probe.write_text(html.replace("</body>", "<script>window.__ran = true;</script></body>"), encoding="utf-8")
    try:
        r = visit(browser, server, "/about/csp-probe.html")
        assert r["page"].evaluate("window.__ran === undefined")
        assert any("script-src" in v for v in r["csp"])
        r["context"].close()
    finally:
        probe.unlink()


def test_unknown_url_shows_the_404_page(browser, server: str) -> None:
    r = visit(browser, server, "/no-such-page/")
    assert r["status"] == 404
    assert "Page not found" in r["page"].inner_text("article")
    # The only console error is the 404 status of the page itself.
    assert all("status of 404" in e for e in r["errors"]) and len(r["errors"]) == 1
    assert not r["foreign"] and not r["csp"]
    r["context"].close()


@pytest.mark.parametrize("scheme, expected", [("light", "default"), ("dark", "slate")])
def test_palette_follows_system_setting(browser, server: str, scheme: str, expected: str) -> None:
    r = visit(browser, server, "/", color_scheme=scheme)
    page = r["page"]
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    page.locator("form.md-header__option label:visible").first.click()
    other = "slate" if expected == "default" else "default"
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{other}'")
    r["context"].close()


def test_search_finds_a_page(browser, server: str) -> None:
    r = visit(browser, server, "/")
    page = r["page"]
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("collagen", delay=30)
    page.wait_for_selector(".md-search-result__link", timeout=10000)
    assert page.locator(".md-search-result__link").count() > 0
    r["context"].close()
