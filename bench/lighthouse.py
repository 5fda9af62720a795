"""Lighthouse benchmark: scores of the home page, an article and a FAQ page, mobile and desktop.

Usage: python bench/lighthouse.py [--site DIR]   (default: build the site into a temp folder)

Serves the built site with bench/site_server.serve() (127.0.0.1, with the site's CSP and
security headers from site/_headers) and runs node_modules/.bin/lighthouse against
/, /safety/side-effects/, /faq/aftercare/ and the Spanish /es/safety/side-effects/, each with the default (mobile, simulated
throttling) settings and with --preset=desktop, using Debian's Chromium (CHROME_PATH).
Runs are sequential (the machine has 2 cores); a run that ends in a Lighthouse runtime error
(e.g. NO_NAVSTART, which headless Chromium sometimes gives) is retried up to 3 times.

Prints the performance, accessibility, best-practices and SEO scores (0-100) per run, then
every audit scoring below 1 in a category under 100, with the runs it fails in. Performance
scores vary from run to run by several points; treat them as rough.

Served locally, some results differ from production: site_url is
https://micro-needling-guide.example/, so every canonical link points to another origin, and
the local server has no robots.txt (404 page). It does gzip text files, as real hosts do. The
script prints what Lighthouse said about canonical, robots-txt and compression, whichever way
it went.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_time import load_note  # noqa: E402
from site_server import CHROMIUM, ROOT, built_site, serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
PAGES = [("home", "/"), ("article", "/safety/side-effects/"), ("faq", "/faq/aftercare/"),
         ("es article", "/es/safety/side-effects/")]
PRESETS = [("mobile", []), ("desktop", ["--preset=desktop"])]
CATEGORIES = [("performance", "perf"), ("accessibility", "a11y"), ("best-practices", "best-pr"), ("seo", "seo")]
LOCAL_AUDITS = {
    "canonical": "site_url is another origin (https://micro-needling-guide.example/)",
    "robots-txt": "no robots.txt in the site; the local server answers with the 404 page",
    "uses-text-compression": "the local server does not gzip; a real host would",
    "document-latency-insight": "its only failing check is 'no compression' from the local server",
    "cache-insight": "no Cache-Control: site/_headers sets none, so it depends on the real host too",
}
ATTEMPTS = 3


def run_lighthouse(url: str, extra: list[str], out: Path) -> dict:
    """One Lighthouse run; returns the parsed report (retries runtime errors)."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    last = ""
    for attempt in range(1, ATTEMPTS + 1):
        out.unlink(missing_ok=True)
        cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--chrome-flags={CHROME_FLAGS}", *extra]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        report = json.loads(out.read_text(encoding="utf-8")) if out.exists() and out.stat().st_size else None
        if result.returncode == 0 and report and not report.get("runtimeError") \
                and all(report["categories"][c]["score"] is not None for c, _ in CATEGORIES):
            return report
        last = (report or {}).get("runtimeError", {}).get("code") or result.stderr.strip()[-300:]
        print(f"  attempt {attempt} failed: {last}", file=sys.stderr)
    raise RuntimeError(f"lighthouse failed {ATTEMPTS} times on {url} {extra}: {last}")


def failing(report: dict) -> dict[str, list[tuple[str, str, float, str]]]:
    """{category: [(audit id, title, score, display value)]} for categories under 100."""
    out = {}
    for cat, _ in CATEGORIES:
        category = report["categories"][cat]
        if category["score"] >= 1:
            continue
        rows = []
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit["score"] is not None and audit["score"] < 1 and \
                    audit["scoreDisplayMode"] not in ("informative", "notApplicable", "manual"):
                rows.append((ref["id"], audit["title"], audit["score"], audit.get("displayValue") or ""))
        out[cat] = rows
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build now)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        site = built_site(args.site, Path(tmp))
        reports: dict[tuple[str, str], dict] = {}
        load_before = os.getloadavg()[0]
        with serve(site) as base:
            for name, path in PAGES:
                for preset, extra in PRESETS:
                    print(f"lighthouse {preset} {path}", file=sys.stderr)
                    reports[(name, preset)] = run_lighthouse(base + path, extra, Path(tmp) / "report.json")

    load = load_note(load_before)
    version = next(iter(reports.values()))["lighthouseVersion"]
    print(f"\nLighthouse {version} scores (0-100), site served from 127.0.0.1 with its CSP headers\n")
    print(f"{'page':<31}{'preset':<9}" + "".join(f"{short:>8}" for _, short in CATEGORIES))
    for (name, preset), report in reports.items():
        path = dict(PAGES)[name]
        scores = "".join(f"{round(report['categories'][c]['score'] * 100):>8}" for c, _ in CATEGORIES)
        print(f"{name + ' ' + path:<31}{preset:<9}{scores}")

    # Group the failing audits by category and audit, listing the runs they fail in.
    grouped: dict[str, dict[str, tuple[str, list[str]]]] = {}
    for (name, preset), report in reports.items():
        for cat, rows in failing(report).items():
            for audit_id, title, score, shown in rows:
                entry = grouped.setdefault(cat, {}).setdefault(audit_id, (title, []))
                detail = f"{score:.2f}" + (f" {shown}" if shown else "")
                entry[1].append(f"{name}/{preset[0]} ({detail})")
    print("\nAudits scoring below 1 in categories under 100 (run: score, value; m = mobile, d = desktop):")
    if not grouped:
        print("  none")
    for cat, _ in CATEGORIES:
        if cat not in grouped:
            continue
        print(f"\n  [{cat}]")
        for audit_id, (title, runs) in grouped[cat].items():
            note = f"  <- local serving: {LOCAL_AUDITS[audit_id]}" if audit_id in LOCAL_AUDITS else ""
            print(f"  {audit_id}: {title}{note}")
            print(f"      {'; '.join(runs)}")

    print("\nAudits affected by serving locally (result in each run):")
    for audit_id, cause in LOCAL_AUDITS.items():
        results = []
        for (name, preset), report in reports.items():
            audit = report["audits"].get(audit_id)
            if audit is None:
                continue
            mode = audit["scoreDisplayMode"]
            results.append("n/a" if mode == "notApplicable" else
                           ("pass" if audit["score"] == 1 else f"{audit['score']}" if audit["score"] is not None else mode))
        if results:
            summary = ", ".join(sorted(set(results)))
            print(f"  {audit_id:<26} {summary:<12} ({cause})")
    print("\n" + load + "\n(performance uses simulated throttling but still depends on free CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
