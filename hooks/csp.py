"""Write the site's Content-Security-Policy and security headers after the build.

Material puts a few small inline scripts in every page. Rather than allowing
'unsafe-inline', the policy lists the hash of each inline script that a *template*
writes: the theme's templates, our overrides/ and the redirect pages of
mkdocs-redirects. Any other inline script in a built page (one that reached it from
a page's text, title or data) stops the build: it is never added to the policy.

The policy goes to site/_headers (the format Netlify and Cloudflare Pages read) and
site/csp.txt (for nginx, Apache or a CDN rule). The _headers rules never overlap:
Cloudflare Pages applies every matching rule and joins a repeated header with a
comma (two policies, both enforced), Netlify lets the later rule win. So the embed
pages (/embed/*, /es/embed/*) get their own rule with `frame-ancestors *`, and every other
top-level path (and each path under a language's folder, /es/) its own rule with
`frame-ancestors 'self'`; the headers that are the same
everywhere come from one `/*` rule that sets nothing else. (A path outside the built
site's folders, answered with the 404 page, gets those but no policy.) Fingerprinted theme
assets get a year-long immutable cache. Violation reports go to
extra.csp_report_uri in mkdocs.yml (README, "Security headers").
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import _lang
from _shared import built_text, source_path, tree

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
DATA_TYPE = re.compile(r'type="application/(?:ld\+)?json"')
# A template expression inside a script: Jinja ({{ base_url }}) or the redirect page's {url}.
TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{url\}")
# What such an expression may become: a plain value inside quotes (no quote, tag or escape,
# and never a javascript: address).
VALUE = r"""(?!\s*javascript:)[^"'<>\\]*"""
FINGERPRINTED = re.compile(r"^assets/(?:javascripts|stylesheets)/(?:[\w/-]+/)?[\w-]+\.[0-9a-f]{8}\.min\.(?:js|css)$")
IMMUTABLE = "public, max-age=31536000, immutable"
REPORT_GROUP = "csp"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}
_sources: dict[str, str] = {}  # built file -> the page source it came from


def template_dirs(config: MkDocsConfig) -> list[Path]:
    """The theme's template folders (ours first) that pages are rendered from."""
    return [Path(d) for d in config.theme.dirs]


def template_scripts(config: MkDocsConfig) -> list[re.Pattern[str]]:
    """A pattern for each inline script the templates can write (its values left open)."""
    texts = [p.read_text(encoding="utf-8") for d in template_dirs(config) for p in tree(d, ".html")]
    try:
        from mkdocs_redirects import plugin as redirects
        texts.append(redirects.HTML_TEMPLATE)
    except (ImportError, AttributeError):
        pass  # without the plugin there are no redirect pages
    patterns: set[str] = set()
    for text in texts:
        for attrs, body in INLINE_SCRIPT.findall(text):
            if DATA_TYPE.search(attrs) or "{{" in attrs:
                continue
            parts = TEMPLATE_VALUE.split(body)
            patterns.add(VALUE.join(re.escape(p) for p in parts))
    return [re.compile(p, re.S) for p in sorted(patterns)]


def script_hashes(site_dir: Path, allowed: list[re.Pattern[str]],
                  listing: list[Path] | None = None) -> tuple[list[str], list[str]]:
    """(sorted CSP hash sources of the template scripts, problems with any other inline script).

    listing: tree(site_dir), when the caller has it already."""
    hashes: set[str] = set()
    problems: list[str] = []
    for page in sorted(p for p in (tree(site_dir) if listing is None else listing) if p.name.endswith(".html")):
        rel = page.relative_to(site_dir).as_posix()
        for attrs, body in INLINE_SCRIPT.findall(built_text(page)):
            if DATA_TYPE.search(attrs):
                continue  # data blocks are never executed, so CSP does not apply
            if not any(p.fullmatch(body) for p in allowed):
                where = _sources.get(rel, f"site/{rel}")
                problems.append(f"{where}: an inline script that no template writes ({body.strip()[:60]!r}); "
                                "scripts go in a file under docs/assets/javascripts/, never in a page, its "
                                "title or its data")
                continue
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return sorted(hashes), problems


def policy(hashes: list[str], frame_ancestors: str = "'self'", report_uri: str = "") -> str:
    """The Content-Security-Policy value for pages (embeds pass frame_ancestors='*')."""
    directives = [
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ]
    if report_uri:
        directives += [f"report-uri {report_uri}", f"report-to {REPORT_GROUP}"]
    return "; ".join(directives)


def header_rules(site: Path, hashes: list[str], report_uri: str,
                 listing: list[Path] | None = None) -> list[tuple[str, dict[str, str]]]:
    """_headers rules that never set one header twice for a path, so no host joins two values:
    `/*` the headers every response gets; the policy from rules whose paths never overlap
    (embeds their own); Cache-Control from exact-path rules for fingerprinted assets."""
    common = dict(SECURITY_HEADERS)
    if report_uri:
        common["Reporting-Endpoints"] = f'{REPORT_GROUP}="{report_uri}"'
    pages = {"Content-Security-Policy": policy(hashes, "'self'", report_uri)}
    embeds = {"Content-Security-Policy": policy(hashes, "*", report_uri)}
    rules: list[tuple[str, dict[str, str]]] = [("/*", common)]
    translations = {lang["prefix"].strip("/") for lang in _lang.LANGS.values() if lang["prefix"]}

    def folder(base: Path, url: str) -> None:
        """A folder's index page, then one rule per entry; a language's folder (/es/) like the root."""
        rules.append((url, pages))
        for entry in sorted(base.iterdir()):
            if entry.name in ("_headers", "index.html"):
                continue
            if url == "/" and entry.is_dir() and entry.name in translations:
                folder(entry, f"/{entry.name}/")
                continue
            path = f"{url}{entry.name}/*" if entry.is_dir() else f"{url}{entry.name}"
            rules.append((path, embeds if entry.name == "embed" else pages))

    folder(site, "/")
    for f in sorted(f for f in (tree(site) if listing is None else listing)
                    if FINGERPRINTED.match(f.relative_to(site).as_posix())):
        if f.is_file():
            rules.append((f"/{f.relative_to(site).as_posix()}", {"Cache-Control": IMMUTABLE}))
    return rules


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Remember which source each built page came from, for error messages."""
    _sources[page.file.dest_uri] = source_path(page)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """Write _headers and csp.txt into the built site; stop on an inline script no template writes."""
    site = Path(config.site_dir)
    listing = tree(site)  # the built site's files and folders, listed once for both
    hashes, problems = script_hashes(site, template_scripts(config), listing)
    if problems:
        raise PluginError("Inline scripts the security policy will not allow:\n  " + "\n  ".join(problems))
    report_uri = str(config.extra.get("csp_report_uri") or "")
    if report_uri and (not re.match(r"^(https://|/)[^\s;,\"]*$", report_uri)):
        raise PluginError(f"mkdocs.yml: extra.csp_report_uri must be https://... or a path such as "
                          f"/csp-report (got {report_uri!r})")
    (site / "csp.txt").write_text(policy(hashes, "'self'", report_uri) + "\n", encoding="utf-8")
    text = "\n".join(
        path + "\n" + "".join(f"  {k}: {v}\n" for k, v in headers.items())
        for path, headers in header_rules(site, hashes, report_uri, listing)
    )
    (site / "_headers").write_text(text, encoding="utf-8")
