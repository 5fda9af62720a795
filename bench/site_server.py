"""Build, serve and browse the site: shared by the tests and the benchmark scripts.

The server is a small threaded static server on 127.0.0.1 that sends the headers in
site/_headers (the CSP among them), merged as Cloudflare Pages (default) or Netlify
documents it, and the site's 404 page, as a static host would.
"""
from __future__ import annotations

import contextlib
import email.utils
import functools
import gzip
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def mkdocs_build(project: Path, dest: Path, config: str = "mkdocs.yml",
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a strict `mkdocs build` of the project in `project` into `dest` (env: the process's environment)."""
    env = {**(os.environ if env is None else env), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(dest)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def built_site(site: Path | None, tmp: Path) -> Path:
    """The given built site, or a fresh strict build of the project into tmp/site."""
    if site is not None:
        return site
    dest = tmp / "site"
    result = mkdocs_build(ROOT, dest)
    if result.returncode:
        raise SystemExit(f"mkdocs build failed:\n{result.stdout}{result.stderr}")
    return dest


Rules = list[tuple[str, dict[str, str]]]
DETACH = "!"  # a header name starting with this is Cloudflare's "! Name" line (detach)


def parse_headers_file(site_dir: Path) -> Rules:
    """Read site/_headers (Netlify/Cloudflare format) into (path pattern, headers) rules.

    A Cloudflare detach line ("! Content-Security-Policy") is kept as the header "!Content-Security-Policy"."""
    rules: Rules = []
    for line in (site_dir / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.strip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        elif line.strip().startswith("!"):
            rules[-1][1][DETACH + line.strip()[1:].strip()] = ""
        else:
            name, value = line.strip().split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
    return rules


def path_matches(pattern: str, path: str) -> bool:
    """Whether a _headers path pattern matches a request path (* any characters, :name one segment)."""
    regex = "".join(".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                    for part in re.split(r"(\*|:[A-Za-z]\w*)", pattern))
    return re.fullmatch(regex, path) is not None


def headers_for(rules: Rules, path: str, host: str = "cloudflare") -> dict[str, str]:
    """The headers a host sends for a request path, by its documented merge rules.

    cloudflare (developers.cloudflare.com/pages/configuration/headers/): a request inherits the
    headers of every matching rule; a header set by two rules is joined with ", "; a "! Name" line
    removes that header as inherited from the rules before it.
    netlify (docs.netlify.com/manage/routing/headers/, @netlify/headers-parser headersForPath):
    the headers of the matching rules are merged in file order; a later rule's value replaces
    an earlier one; "!" lines are not valid there.
    """
    out: dict[str, str] = {}
    for pattern, headers in rules:
        if not path_matches(pattern, path):
            continue
        for name, value in headers.items():
            if name.startswith(DETACH):
                if host == "netlify":
                    raise ValueError(f"{pattern}: Netlify does not accept the detach line '! {name[1:]}'")
                out = {k: v for k, v in out.items() if k.lower() != name[1:].lower()}
            elif host == "cloudflare" and name in out:
                out[name] = out[name] + ", " + value
            else:
                out[name] = value
    return out


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the site's _headers rules, gzip for text (as any real host does)."""

    rules: Rules = []
    host = "cloudflare"  # whose header-merging rules to apply (see headers_for)
    gzip_cache: dict[Path, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSIBLE
                or not path.is_file() or not self.path.split("?")[0].endswith(("/", path.name))):
            super().do_GET()  # redirects, 404s and everything else as http.server does them
            return
        mtime = int(path.stat().st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if mtime <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.end_headers()
                    return
            except (TypeError, ValueError, IndexError, OverflowError):
                pass  # a date it cannot read: send the file
        body = self.gzip_cache.get(path)
        if body is None:
            body = self.gzip_cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(mtime))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        for name, value in headers_for(self.rules, self.path.split("?")[0], self.host).items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site_dir: Path, host: str = "cloudflare") -> Iterator[str]:
    """Serve site_dir on a free port of 127.0.0.1 with the headers `host` would send; yields the base URL."""
    handler = type("Handler", (_Handler,), {"rules": parse_headers_file(site_dir), "gzip_cache": {}, "host": host})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium, driven by Playwright (never Playwright's own browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def page_urls(site_dir: Path) -> list[str]:
    """URL paths ('/', '/treatments/') of every built HTML page, 404 excluded."""
    urls = []
    for f in sorted(site_dir.rglob("index.html")):
        rel = f.parent.relative_to(site_dir).as_posix()
        urls.append("/" if rel == "." else f"/{rel}/")
    return urls
