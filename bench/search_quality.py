"""Search-quality benchmark: types reader queries into the real search box in Chromium.

Usage: python bench/search_quality.py [--site DIR] [QUERY_FILE ...]
       (default files: every English set of bench/query-sets.tsv, in its order: the shared
       set, the team's own tuning sets, then the sets written by people who saw neither the
       vocabulary, the ranking code nor the other sets. English only: the Spanish sets run in
       Node, search_node.js --lang=es. How each set was used is in README, "Search".)

Query files are TSV: query<TAB>regex; '#' lines are comments. A result is relevant when
the regex (case-insensitive) matches its URL path#anchor or its title. Results are the
`.md-search-result__link` anchors in the order shown, with the title a result shows
first (not the page name or the extract after it). Prints hit@3 and MRR@10 per file (each miss too, with --misses), the search index size (raw and gzipped),
the median time from the last keystroke to results shown, and on fresh pages how long the
index takes to arrive once search opens and how soon after it the first results show.
"""
from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import ROOT, built_site, chromium, serve  # noqa: E402

ROLES = ("development", "kept-out", "fresh")


def query_sets(listing: Path = ROOT / "bench" / "query-sets.tsv") -> list[tuple[Path, str, str]]:
    """The sets of bench/query-sets.tsv as (file, language, role); stops on a bad line or a missing file."""
    sets = []
    for n, line in enumerate(listing.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] not in ("en", "es") or fields[2] not in ROLES:
            sys.exit(f"{listing.relative_to(ROOT)}:{n}: write file<TAB>language (en or es)<TAB>role "
                     f"({', '.join(ROLES)}), not {line!r}")
        file = (ROOT / fields[0]).resolve()
        if not file.is_file():
            sys.exit(f"{listing.relative_to(ROOT)}:{n}: {fields[0]} does not exist; correct the path or remove the line")
        sets.append((file, fields[1], fields[2]))
    return sets


QUIET_MS = 300

WATCH_RESULTS = """() => {
  window.__lastChange = 0;
  const target = document.querySelector('.md-search-result');
  new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(target, {childList: true, subtree: true, characterData: true});
}"""


@dataclass
class Outcome:
    query: str
    pattern: str
    results: list[tuple[str, str]]
    rank: int | None  # 1-based rank of the first relevant result within the top 10
    latency_ms: float


def read_queries(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, pattern = line.split("\t")[:2]
        rows.append((query.strip(), pattern.strip()))
    return rows


class SearchBox:
    """The site's search box in one browser page."""

    def __init__(self, browser, base_url: str, visible_only: bool = False, start: str = "/") -> None:
        self.visible_only = visible_only
        self.page = browser.new_page()
        self.page.goto(base_url + start, wait_until="networkidle")  # a Spanish page ("/es/") searches in Spanish
        self.page.keyboard.press("/")  # Material's shortcut opens the search dialog
        self.input = self.page.locator("input.md-search__input")
        self.input.wait_for(state="visible")
        self.page.evaluate(WATCH_RESULTS)

    def search(self, query: str) -> tuple[list[tuple[str, str]], float]:
        """Type the query key by key; return (results as (path#anchor, title), latency in ms)."""
        self.input.fill("")
        self.input.press("Backspace")
        self.page.wait_for_timeout(50)
        if len(query) > 1:
            self.input.press_sequentially(query[:-1], delay=20)
        start = self.page.evaluate("performance.now()")
        self.input.press_sequentially(query[-1])
        self.page.wait_for_function(
            f"() => window.__lastChange > {start} && performance.now() - window.__lastChange > {QUIET_MS}",
            timeout=15000,
        )
        latency = self.page.evaluate("window.__lastChange") - start
        links = self.page.eval_on_selector_all(
            ".md-search-result__link",
            "els => els.map(e => [e.getAttribute('href'),"
            " ((e.querySelector('h1, h2') || e).firstChild || e).textContent.trim(), e.checkVisibility()])",
        )
        results = []
        for href, title, visible in links:
            if self.visible_only and not visible:
                continue  # inside a collapsed "N more on this page"
            parts = urlsplit(href)
            results.append((parts.path + ("#" + parts.fragment if parts.fragment else ""), title))
        return results, latency


def evaluate(box: SearchBox, queries: list[tuple[str, str]]) -> list[Outcome]:
    outcomes = []
    for query, pattern in queries:
        results, latency = box.search(query)
        regex = re.compile(pattern, re.I)
        rank = next((i for i, (url, title) in enumerate(results[:10], start=1)
                     if regex.search(url) or regex.search(title)), None)
        outcomes.append(Outcome(query, pattern, results, rank, latency))
    return outcomes


def scores(outcomes: list[Outcome]) -> tuple[float, float]:
    """(hit@3, MRR@10)."""
    n = len(outcomes) or 1
    hit3 = sum(1 for o in outcomes if o.rank is not None and o.rank <= 3) / n
    mrr = sum(1 / o.rank for o in outcomes if o.rank is not None) / n
    return hit3, mrr


def index_size(site: Path) -> tuple[int, int]:
    """The English search index, raw and gzipped (loaded only when a reader searches)."""
    data = next((site / "search").glob("index.en.*.json")).read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9))


def first_results_after_index(browser, base_url: str, query: str = "redness") -> tuple[float, float]:
    """On a fresh page: (ms from opening search to the worker's request for the index, ms from
    the index's arrival to the first results shown). The index is held back 500 ms, so the
    query is typed in full before it arrives: the second figure is the worker's own work
    (engine, building the index, searching) plus Material's rendering."""
    page = browser.new_page()
    arrived: list[float] = []  # epoch ms when the held-back index is let through (local: ~1 ms to arrive)

    def hold(route) -> None:
        time.sleep(0.5)
        arrived.append(time.time() * 1000)
        route.continue_()

    page.route(re.compile(r".*/search/index\.[a-z]+\.[0-9a-f]+\.json$"), hold)
    page.goto(base_url + "/treatments/how-it-works/", wait_until="networkidle")
    page.evaluate("""() => {
      window.__firstResult = 0;
      const list = document.querySelector('.md-search-result__list');
      new MutationObserver(() => { if (!window.__firstResult && list.querySelector('.md-search-result__link'))
        window.__firstResult = performance.timeOrigin + performance.now(); }).observe(list, {childList: true});
    }""")
    opened = page.evaluate("performance.timeOrigin + performance.now()")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query, delay=10)
    page.wait_for_function("() => window.__firstResult > 0", timeout=15000)
    shown = page.evaluate("window.__firstResult")
    page.close()
    return arrived[0] - 500 - opened, shown - arrived[0]


def run(site: Path, files: list[Path], verbose: bool = True,
        visible_only: bool = False, show_misses: bool = False) -> dict[str, tuple[float, float]]:
    """Run every query file against the built site; returns {file name: (hit@3, MRR@10)}."""
    summary = {}
    latencies: list[float] = []
    with serve(site) as base, chromium() as browser:
        if verbose:
            waits = [first_results_after_index(browser, base) for _ in range(5)]
            print("index requested {:.0f} ms after search opens; first results {:.0f} ms after it arrives "
                  "(medians of 5 fresh pages)".format(statistics.median(w[0] for w in waits), statistics.median(w[1] for w in waits)))
        box = SearchBox(browser, base, visible_only)
        for path in files:
            outcomes = evaluate(box, read_queries(path))
            latencies += [o.latency_ms for o in outcomes]
            hit3, mrr = scores(outcomes)
            summary[path.name] = (hit3, mrr)
            if verbose:
                print(f"\n== {path} ({len(outcomes)} queries)")
                for o in outcomes if show_misses else []:
                    if o.rank is None or o.rank > 3:
                        top = "; ".join(url for url, _ in o.results[:3]) or "(no results)"
                        print(f"MISS  {o.query!r} /{o.pattern}/ rank={o.rank}  top: {top}")
                print(f"hit@3 = {hit3:.3f}   MRR@10 = {mrr:.3f}")
    if verbose:
        raw, gz = index_size(site)
        print(f"\nsearch index: {raw:,} bytes raw, {gz:,} bytes gzipped")
        print(f"median last-keystroke-to-results: {statistics.median(latencies):.0f} ms "
              f"(n={len(latencies)}; measured to the last change of the result list)")
    return summary


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build now)")
    parser.add_argument("--visible-only", action="store_true",
                        help="skip result links inside a collapsed 'N more on this page' (default: count all)")
    parser.add_argument("--misses", action="store_true",
                        help="print each query whose answer is not in the top three (never for a set still unseen)")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = args.files or [file for file, language, _ in query_sets() if language == "en"]
    site = built_site(args.site, Path(tempfile.mkdtemp()))
    run(site, files, visible_only=args.visible_only, show_misses=args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
