"""Page-weight benchmark: bytes and requests per page type, first visit and second page view.

Usage: python bench/page_weight.py [--site DIR] [-v]   (default: build the site into a temp folder;
       -v lists the URLs counted)

Loads pages in Debian's Chromium (Playwright, bench/site_server.CHROMIUM_ARGS) from
bench/site_server.serve() and counts only responses that came over the network:

- first visit: a new browser context (empty cache) opens the page directly.
- second view: a new context opens the home page, waits until the network is idle, then
  follows a link to the page (a link added to the home page and clicked: a normal page load,
  with the CSS, scripts and search index already in the browser cache). Only what the
  second view fetches is counted. For the home page itself, the start page is the article.

Counting uses a CDP session on the page (Network.enable): a request counts when it was not
served from the memory or disk cache (Network.requestServedFromCache,
response.fromDiskCache/fromPrefetchCache/fromServiceWorker); its bytes are
Network.loadingFinished.encodedDataLength (headers + body as sent; the local server gzips text
files, as real hosts do). "gz" is the sum of gzip(body, level 6) of those responses (0 for a 304). Requests
made inside the search worker (importScripts of Material's worker) are not visible to the
page's CDP session; they are taken from Playwright's context events and listed as "worker".

The local server sends no Cache-Control (site/_headers sets none), so whether Chromium reuses
a cached file or revalidates it (304) follows its heuristic freshness: 10% of the time since
Last-Modified. A site built seconds ago would be revalidated on every view, so the temporary
build is backdated by one day (as if deployed a day earlier). With --site, files are used as
they are; a warning is printed when they are less than an hour old.
"""
from __future__ import annotations

import argparse
import base64
import gzip
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import ROOT, built_site, chromium, serve  # noqa: E402

PAGES = [("home", "/"), ("article", "/safety/side-effects/"), ("faq", "/faq/aftercare/"),
         ("embed", "/embed/faq/makeup-after/")]
HOME_START = "/safety/side-effects/"  # where the second view of the home page starts
QUIET_MS = 700
BACKDATE_S = 24 * 3600
TIMEOUT_S = 20


@dataclass
class Tally:
    requests: int = 0
    not_modified: int = 0
    transferred: int = 0
    gz: int = 0
    worker: int = 0
    urls: list[str] = field(default_factory=list)


class NetworkLog:
    """The network activity of one page, from a CDP session and Playwright's context events."""

    def __init__(self, context, page) -> None:
        self.page = page
        self.cdp = context.new_cdp_session(page)
        self.reset()
        for event in ("requestWillBeSent", "requestServedFromCache", "responseReceived",
                      "loadingFinished", "loadingFailed"):
            self.cdp.on(f"Network.{event}", getattr(self, f"_{event}"))
        self.cdp.send("Network.enable", {"maxTotalBufferSize": 200_000_000, "maxResourceBufferSize": 50_000_000})
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        context.on("request", self._pw_request)
        context.on("requestfinished", self._pw_done)
        context.on("requestfailed", self._pw_done)

    def reset(self) -> None:
        self.urls: dict[str, str] = {}
        self.cached: set[str] = set()
        self.status: dict[str, int] = {}
        self.finished: dict[str, int] = {}
        self.last_activity = time.monotonic()
        self.pw_finished: list = []
        self.pw_inflight: set = set()

    def _pw_request(self, request) -> None:
        self.pw_inflight.add(request)
        self.last_activity = time.monotonic()

    def _pw_done(self, request) -> None:
        self.pw_inflight.discard(request)
        if request.failure is None:
            self.pw_finished.append(request)
        self.last_activity = time.monotonic()

    def _requestWillBeSent(self, p: dict) -> None:
        if p["request"]["url"].startswith("data:"):
            return
        self.urls[p["requestId"]] = p["request"]["url"]
        self.last_activity = time.monotonic()

    def _requestServedFromCache(self, p: dict) -> None:
        self.cached.add(p["requestId"])

    def _responseReceived(self, p: dict) -> None:
        r = p["response"]
        if r.get("fromDiskCache") or r.get("fromPrefetchCache") or r.get("fromServiceWorker"):
            self.cached.add(p["requestId"])
        self.status[p["requestId"]] = r["status"]

    def _loadingFinished(self, p: dict) -> None:
        self.finished[p["requestId"]] = int(p["encodedDataLength"])
        self.last_activity = time.monotonic()

    def _loadingFailed(self, p: dict) -> None:
        self.last_activity = time.monotonic()

    def settle(self, url_suffix: str) -> None:
        """Wait until the page shows url_suffix and the network has been quiet for QUIET_MS."""
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
            quiet = (time.monotonic() - self.last_activity) * 1000 > QUIET_MS
            if quiet and not self.pw_inflight and self.page.url.split("#")[0].endswith(url_suffix):
                return
        raise TimeoutError(f"page did not settle on {url_suffix}: in flight {[r.url for r in self.pw_inflight]}")

    def tally(self) -> Tally:
        t = Tally()
        seen = Counter()  # URLs the page's CDP session accounted for
        for rid, url in self.urls.items():
            if rid in self.cached:
                seen[url] += 1
                continue
            if rid not in self.finished:
                continue  # e.g. a worker's own script: its loading is reported to the worker target
            seen[url] += 1
            t.requests += 1
            t.transferred += self.finished[rid]
            t.urls.append(url)
            if self.status.get(rid) == 304:
                t.not_modified += 1
                continue
            body = self.cdp.send("Network.getResponseBody", {"requestId": rid})
            data = base64.b64decode(body["body"]) if body["base64Encoded"] else body["body"].encode("utf-8")
            t.gz += len(gzip.compress(data, compresslevel=6))
        # Requests the page's CDP session did not see finish: the search worker's.
        for request in self.pw_finished:
            if request.url.startswith("data:"):
                continue
            if seen[request.url]:
                seen[request.url] -= 1
                continue
            response = request.response()
            sizes = request.sizes()
            # Playwright's body size is encodedDataLength minus the headers: negative or zero
            # with no headers for a cache hit. A worker's own script reports its body to the
            # worker target (body size 0 here), so its body length is taken from the response.
            if response is None or sizes["responseHeadersSize"] + sizes["responseBodySize"] <= 0 \
                    or sizes["responseBodySize"] < 0:
                continue
            body = response.body() if response.status != 304 else b""
            t.requests += 1
            t.worker += 1
            t.transferred += sizes["responseHeadersSize"] + max(sizes["responseBodySize"], len(body))
            t.urls.append(request.url + " (worker)")
            if response.status == 304:
                t.not_modified += 1
            else:
                t.gz += len(gzip.compress(body, compresslevel=6))
        return t


def visit(browser, base: str, path: str, start: str | None = None) -> Tally:
    """What opening `path` fetches in a new context: directly (first visit), or by following
    a link from `start` once that has loaded (second view; only the second load is counted)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        log = NetworkLog(context, page)
        page.goto(base + (start or path))
        if start is not None:
            log.settle(start)
            log.reset()
            page.evaluate("""href => {
                const a = document.createElement('a');
                a.href = href; a.id = 'bench-link'; a.textContent = 'bench link';
                document.querySelector('.md-content, body').prepend(a);
            }""", base + path)
            page.click("#bench-link")
        log.settle(path)
        return log.tally()
    finally:
        context.close()


def first_visit(browser, base: str, path: str) -> Tally:
    return visit(browser, base, path)


def second_view(browser, base: str, path: str) -> Tally:
    return visit(browser, base, path, start=HOME_START if path == "/" else "/")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build now)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the URLs counted")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-weight-") as tmp:
        site = built_site(args.site, Path(tmp))
        if args.site is None:
            past = time.time() - BACKDATE_S
            for f in site.rglob("*"):
                os.utime(f, (past, past))
        else:
            age = time.time() - max(f.stat().st_mtime for f in site.rglob("*") if f.is_file())
            if age < 3600:
                print(f"warning: newest file in {site} is {age:.0f} s old; Chromium will revalidate"
                      " rather than reuse cached files (see the module docstring)", file=sys.stderr)
        rows = []
        with serve(site) as base, chromium() as browser:
            for name, path in PAGES:
                for view, fn in (("first visit", first_visit), ("second view", second_view)):
                    t = fn(browser, base, path)
                    rows.append((name, path, view, t))
                    if args.verbose:
                        print(f"{name} {view}:", *(u.replace(base, "") for u in t.urls), sep="\n  ", file=sys.stderr)

    print("\nBytes fetched from the network per page view (Chromium, local server with gzip for text)\n")
    print(f"{'page':<33}{'view':<13}{'requests':>9}{'304s':>6}{'transferred':>13}{'body gz':>10}")
    for name, path, view, t in rows:
        req = f"{t.requests}" + (f" ({t.worker}w)" if t.worker else "")
        print(f"{name + ' ' + path:<33}{view:<13}{req:>9}{t.not_modified:>6}{t.transferred:>13,}{t.gz:>10,}")
    print("\ntransferred = encodedDataLength (headers + body as sent, text gzipped); body gz = gzip -6 of the bodies"
          "\n(Nw) = N of the requests were worker scripts (search-worker.js and Material's search worker)"
          f"\nsecond view = link followed from / (from {HOME_START} for the home page), same context;"
          "\nno Cache-Control is sent, so cache reuse follows Chromium's heuristic (site files one day old)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
