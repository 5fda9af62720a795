"""Write the site's Content-Security-Policy and security headers after the build.

Material puts a few small inline scripts in every page. Rather than allowing
'unsafe-inline', this hook hashes each distinct inline script in the built HTML
and writes the policy, with those hashes, to site/_headers (the format Netlify and
Cloudflare Pages read) and to site/csp.txt (for nginx, Apache or a CDN rule).
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
DATA_TYPE = re.compile(r'type="application/(?:ld\+)?json"')

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}


def script_hashes(site_dir: Path) -> list[str]:
    """Return the sorted CSP hash sources of every executable inline script."""
    hashes: set[str] = set()
    for page in site_dir.rglob("*.html"):
        for attrs, body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if DATA_TYPE.search(attrs):
                continue  # data blocks are never executed, so CSP does not apply
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return sorted(hashes)


def policy(hashes: list[str], frame_ancestors: str = "'self'") -> str:
    """The Content-Security-Policy value for pages (embeds pass frame_ancestors='*')."""
    return "; ".join([
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
    ])


def on_post_build(config: MkDocsConfig) -> None:
    """Write _headers and csp.txt into the built site."""
    site = Path(config.site_dir)
    hashes = script_hashes(site)
    page_headers = {"Content-Security-Policy": policy(hashes), **SECURITY_HEADERS}
    embed_headers = {"Content-Security-Policy": policy(hashes, "*"), **SECURITY_HEADERS}
    blocks = [("/*", page_headers), ("/embed/*", embed_headers)]
    text = "\n".join(
        path + "\n" + "".join(f"  {k}: {v}\n" for k, v in headers.items()) for path, headers in blocks
    )
    (site / "_headers").write_text(text, encoding="utf-8")
    (site / "csp.txt").write_text(policy(hashes) + "\n", encoding="utf-8")
