"""Deploy headers and the security policy (issue 15, items 4 and 6), on one small built project.

- The policy hashes only the scripts the templates write; any other inline script stops the build.
- Under Cloudflare Pages' and Netlify's documented merge rules (modelled by
  bench/site_server.headers_for), every response gets exactly one policy; embed pages
  `frame-ancestors *`, every other page `frame-ancestors 'self'`; violation reports are asked for;
  fingerprinted theme assets are cached for a year.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import mkdocs_build
from site_server import headers_for, parse_headers_file, path_matches
from test_bad_input import GOOD, make_project, own_copy
from test_editor_mistakes import FAQ_SITE

HOSTS = ("cloudflare", "netlify")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project with an FAQ page (so embed pages exist) and a moved page (a redirect page)."""
    tmp = tmp_path_factory.mktemp("headers")
    project = make_project(tmp, {"page.md": GOOD, **FAQ_SITE})
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("plugins:\n  - search\n  - tags\n  - redirects:\n      redirect_maps:\n"
                "        old-page.md: page.md\n")
    result = mkdocs_build(project, tmp / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "out"


def test_merge_rules_are_modelled() -> None:
    """The documented behaviour the server follows: Cloudflare joins, detaches; Netlify replaces."""
    rules = [("/*", {"Content-Security-Policy": "a"}), ("/embed/*", {"Content-Security-Policy": "b"})]
    assert headers_for(rules, "/embed/x/", "cloudflare") == {"Content-Security-Policy": "a, b"}
    assert headers_for(rules, "/embed/x/", "netlify") == {"Content-Security-Policy": "b"}
    detached = [rules[0], ("/embed/*", {"!Content-Security-Policy": "", "Content-Security-Policy": "b"})]
    assert headers_for(detached, "/embed/x/", "cloudflare") == {"Content-Security-Policy": "b"}
    with pytest.raises(ValueError):
        headers_for(detached, "/embed/x/", "netlify")
    assert path_matches("/:id/x", "/abc/x") and not path_matches("/:id/x", "/a/b/x")


def site_paths(site: Path) -> list[str]:
    paths = []
    for f in sorted(site.rglob("*")):
        if f.is_file() and f.name != "_headers":
            rel = f.relative_to(site).as_posix()
            paths.append("/" + (rel[:-len("index.html")] if rel.endswith("index.html") else rel))
    return paths


@pytest.mark.parametrize("host", HOSTS)
def test_every_response_gets_exactly_one_policy(built: Path, host: str) -> None:
    rules = parse_headers_file(built)
    embeds = 0
    for path in site_paths(built):
        csp = headers_for(rules, path, host).get("Content-Security-Policy", "")
        assert csp.count("default-src") == 1, (host, path, csp)
        if re.match(r"/(?:[a-z]{2}/)?embed/", path):
            embeds += 1
            assert "frame-ancestors *" in csp and "frame-ancestors 'self'" not in csp, (host, path)
        else:
            assert "frame-ancestors 'self'" in csp, (host, path)
        assert "report-uri /csp-report" in csp and "report-to csp" in csp
    assert embeds >= 2
    for path in ["/", "/embed/faq/does-it-work/", "/no-such-folder/"]:  # every header once, never joined
        headers = headers_for(rules, path, host)
        assert headers["Reporting-Endpoints"] == 'csp="/csp-report"', (host, path)
        assert headers["X-Content-Type-Options"] == "nosniff", (host, path)


@pytest.mark.parametrize("host", HOSTS)
def test_fingerprinted_assets_are_cached_for_a_year(built: Path, host: str) -> None:
    rules = parse_headers_file(built)
    bundles = [p for p in site_paths(built) if re.search(r"/bundle\.[0-9a-f]{8}\.min\.js$", p)]
    assert bundles
    for path in bundles + [p for p in site_paths(built) if re.search(r"/main\.[0-9a-f]{8}\.min\.css$", p)]:
        assert headers_for(rules, path, host)["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Cache-Control" not in headers_for(rules, "/page/", host)  # pages change without a new name


def test_policy_hashes_the_template_scripts_only(built: Path) -> None:
    """The redirect page's script and Material's scripts are allowed; each hash is in the policy."""
    csp = (built / "csp.txt").read_text(encoding="utf-8")
    redirect = (built / "old-page" / "index.html").read_text(encoding="utf-8")
    assert "location.href" in redirect
    assert 3 <= len(re.findall(r"'sha256-", csp)) <= 12


def test_inline_script_no_template_writes_stops_build(tmp_path: Path) -> None:
    """B07/X01: a script that reaches a page some other way (here the footer notice in
    data/languages.yml) is never hashed into the policy: the build stops."""
    project = make_project(tmp_path, {"page.md": GOOD})
    languages = own_copy(project, "data") / "languages.yml"
    text = languages.read_text(encoding="utf-8")
    languages.write_text(text.replace('copyright: "Educational information only, not medical advice."',
                                      "copyright: 'Text <script>alert(1)</script>'"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out, out
    assert "an inline script that no template writes ('alert(1)')" in out and "page.md" in out, out
