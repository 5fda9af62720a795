"""The registry of published URLs: every public page, FAQ answer and article section.

Usage: python3 tasks.py register-urls      (builds the site, then appends new URLs)
       python scripts/register_urls.py SITE_DIR   (the same, for an already built site)

data/published-urls.txt only ever grows: a published link must keep working, so a
URL is never removed. Moving a page needs a redirect (mkdocs-redirects, in
mkdocs.yml); retiring an FAQ id needs an alias (data/faq-aliases.yml). The test
suite checks that every line still resolves to the right page and id.
"""
from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "data" / "published-urls.txt"
HEADER = """# Every public URL of the site. Clinics link to these from websites, emails and print.
# Never delete or edit a line. Add new ones with: python3 tasks.py register-urls
# A moved page needs a redirect in mkdocs.yml; a retired FAQ id needs data/faq-aliases.yml.
"""
H2_ID = re.compile(r'<h2\b[^>]*?\sid="([^"]+)"')
ANY_ID = re.compile(r'\sid="([^"]+)"')
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')
NOT_LINKED = ("search/", "tags/")


def read_registry(path: Path = REGISTRY) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def public_urls(site: Path) -> list[str]:
    """Pages, their explicit section anchors, FAQ embeds and the feed, as root-relative URLs."""
    urls: list[str] = []
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        url = "/" if rel == "." else f"/{rel}/"
        if rel.startswith(NOT_LINKED) or REFRESH.search(f.read_text(encoding="utf-8")[:2000]):
            continue
        urls.append(url)
        if url.startswith("/embed/"):
            continue
        article = f.read_text(encoding="utf-8").split('<article', 1)[-1].split("</article>", 1)[0]
        urls += [f"{url}#{i}" for i in H2_ID.findall(article) if i != "page-sources"]
    urls += ["/faq.json", "/schemas/faq-feed-v1.schema.json"]
    return urls


def resolve(site: Path, url: str, hops: int = 5) -> tuple[Path | None, str]:
    """Follow redirect pages from a registry URL; return (final HTML file or None, problem)."""
    path, _, fragment = url.partition("#")
    for _ in range(hops):
        file = site / path.lstrip("/")
        if path.endswith("/"):
            file = file / "index.html"
        if not file.exists():
            return None, f"{url}: {path} does not exist (add a redirect in mkdocs.yml)"
        if file.suffix != ".html":
            return file, ""
        text = file.read_text(encoding="utf-8")
        m = REFRESH.search(text[:2000])
        if not m:
            break
        target = unescape(m.group(1))
        path = str((Path(path if path.endswith("/") else path + "/") / target).as_posix())
        path = "/" + "/".join(p for p in _normalize(path.split("/")) if p) + ("/" if target.endswith("/") else "")
    else:
        return None, f"{url}: too many redirects"
    return file, ""


def _normalize(parts: list[str]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if p == "..":
            out.pop()
        elif p not in ("", "."):
            out.append(p)
    return out


def check(site: Path, urls: list[str]) -> list[str]:
    """Problems with registry URLs: missing pages, missing ids, FAQ ids that are not questions."""
    problems = []
    for url in urls:
        file, problem = resolve(site, url)
        if problem:
            problems.append(problem)
            continue
        fragment = url.partition("#")[2]
        if not fragment:
            continue
        html = file.read_text(encoding="utf-8")
        if fragment not in ANY_ID.findall(html):
            problems.append(f"{url}: no element with id '{fragment}' (renamed? add an alias)")
        elif url.startswith("/faq/") and not re.search(
                rf'(<h2 id="{re.escape(fragment)}" class="mng-faq-q"|<div id="{re.escape(fragment)}" class="mng-alias")', html):
            problems.append(f"{url}: '{fragment}' is no longer an FAQ question or alias")
    return problems


def register(site: Path) -> list[str]:
    """Append URLs that are not yet in the registry; return them."""
    known = set(read_registry())
    new = [u for u in public_urls(site) if u not in known]
    if new:
        text = REGISTRY.read_text(encoding="utf-8") if REGISTRY.exists() else HEADER
        REGISTRY.write_text(text + "\n".join(new) + "\n", encoding="utf-8")
    return new


def main(args: list[str]) -> int:
    site = Path(args[0])
    problems = check(site, read_registry())
    if problems:
        print("Registered URLs that no longer resolve (fix these first):\n  " + "\n  ".join(problems))
        return 1
    new = register(site)
    print(f"{len(new)} new URL(s) added to {REGISTRY.relative_to(ROOT)}")
    for u in new:
        print("  +", u)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
