"""The registry of published URLs: every public page, FAQ answer and article section.

Usage: python3 tasks.py register-urls      (builds the site, then appends new URLs)
       python scripts/register_urls.py SITE_DIR   (the same, for an already built site)

data/published-urls.txt only ever grows: a published link must keep working, so a
URL is never removed. Moving a page needs a redirect (mkdocs-redirects, in
mkdocs.yml); retiring an FAQ id needs an alias (data/faq-aliases.yml), retiring an
article heading id one in data/anchor-aliases.yml. Every URL ever listed is checked,
not only the lines in the file today: the file's git history counts too
(published_urls()), so deleting a line does not make a broken link go away. The
build (hooks/published_urls.py) and the tests check that each still resolves.
"""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Callable
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))  # the hooks' shared helpers
from _shared import find_ids, write_atomic  # noqa: E402
REGISTRY = ROOT / "data" / "published-urls.txt"
# history_urls() of the last commit asked about (an empty or missing cache only costs time)
HISTORY_CACHE = ROOT / ".cache" / "published-urls-history.json"
HEADER = """# Every public URL of the site. Clinics link to these from websites, emails and print.
# Never delete or edit a line. Add new ones with: python3 tasks.py register-urls
# A moved page needs a redirect in mkdocs.yml; a retired FAQ id needs data/faq-aliases.yml.
"""
H2_ID = re.compile(r'<h2\b[^>]*?\sid="([^"]+)"')
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')
NOT_LINKED = ("search/", "tags/")


def read_registry(path: Path = REGISTRY) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


# The registry was regenerated once, just before the site was first published (this commit):
# URLs listed only before it were never public. History counts from this commit on.
FIRST_PUBLISHED = "c8265cc495341f9ce1934fd55715ef79c2008df5"


def history_urls(path: Path = REGISTRY, since: str | None = FIRST_PUBLISHED) -> list[str]:
    """Every URL ever added to the registry, from its git history since `since` (the whole
    history when that commit is unknown; empty outside a git checkout).

    In a full clone where both HEAD and `since` exist, the answer is fixed by the two commit
    ids (a commit id stands for its whole history), so it is kept in HISTORY_CACHE under
    them, the file's path in the repository and this script's code: a new commit, another
    branch or an edited script asks git again.
    """
    commits = _commits(path, since) if since else None
    if commits is None:
        return _history_urls(path, since)[0]
    key = hashlib.sha256("\0".join([*commits, path.name, Path(__file__).read_text(encoding="utf-8")])
                         .encode("utf-8")).hexdigest()
    try:
        stored = json.loads(HISTORY_CACHE.read_text(encoding="utf-8"))
        if stored["key"] == key and isinstance(stored["urls"], list):
            return stored["urls"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache yet, or not readable: ask git
    urls, complete = _history_urls(path, since, known=True)
    if complete:  # never keep an answer from a git command that failed
        write_atomic(HISTORY_CACHE, json.dumps({"key": key, "urls": urls}))
    return urls


def _commits(path: Path, since: str) -> tuple[str, str, str] | None:
    """(HEAD, `since`, the registry folder's path in the repository) as git names them, when
    both commits exist and the clone is not shallow (where history can still grow); else None."""
    try:
        out = subprocess.run(["git", "rev-parse", "--is-shallow-repository", "--show-prefix", "HEAD",
                              f"{since}^{{commit}}"], cwd=path.parent, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = out.stdout.split("\n")
    if out.returncode or len(lines) != 5 or lines[0] != "false" or lines[4]:
        return None
    return lines[2], lines[3], lines[1]


def _history_urls(path: Path, since: str | None, known: bool | None = None) -> tuple[list[str], bool]:
    """(history_urls() from git, whether every git command succeeded); known: whether `since`
    is a commit here (None: ask git)."""
    if known is None:
        known = bool(since) and subprocess.run(["git", "cat-file", "-e", f"{since}^{{commit}}"], cwd=path.parent,
                                               capture_output=True).returncode == 0
    revs = [f"{since}~1..HEAD"] if known else []
    try:
        log = subprocess.run(["git", "log", "-p", "--format=", "--no-renames", *revs, "--", path.name],
                             cwd=path.parent, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return [], False
    if log.returncode:
        return [], False
    show = subprocess.run(["git", "show", f"{since}:./{path.name}"], cwd=path.parent, capture_output=True,
                          text=True) if known else None
    base = show.stdout.splitlines() if show else []
    added = [line[1:] for line in log.stdout.splitlines() if line.startswith("+/") and not line.startswith("+++")]
    return [line.strip() for line in base + added if line.startswith("/")], show is None or show.returncode == 0


def published_urls(path: Path = REGISTRY) -> list[str]:
    """The registry's URLs and every URL it ever listed, in first-seen order."""
    return list(dict.fromkeys(read_registry(path) + history_urls(path)))


def public_urls(site: Path) -> list[str]:
    """Pages, their explicit section anchors, FAQ embeds and the feed, as root-relative URLs."""
    urls: list[str] = []
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        url = "/" if rel == "." else f"/{rel}/"
        if rel.startswith(NOT_LINKED) or REFRESH.search(f.read_text(encoding="utf-8")[:2000]):
            continue
        urls.append(url)
        if url.startswith(("/embed/", "/es/embed/")):
            continue
        article = f.read_text(encoding="utf-8").split('<article', 1)[-1].split("</article>", 1)[0]
        urls += [f"{url}#{i}" for i in H2_ID.findall(article) if i != "page-sources"]
    urls += ["/faq.json", "/schemas/faq-feed-v1.schema.json"]
    urls += ["/es/faq.json"] if (site / "es" / "faq.json").exists() else []
    return urls


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def resolve(site: Path, url: str, hops: int = 5, texts: dict[Path, str] | None = None,
            read: Callable[[Path], str] = _read) -> tuple[Path | None, str]:
    """Follow redirect pages from a registry URL; return (final HTML file or None, problem).

    texts: the files already read, by path (check() passes one, so a page is read once);
    read: how a file is read (the build's hook passes one the other checks of the built site share).
    """
    texts = {} if texts is None else texts
    path, _, fragment = url.partition("#")
    for _ in range(hops):
        file = site / path.lstrip("/")
        if path.endswith("/"):
            file = file / "index.html"
        if not file.exists():
            return None, (f"{url}: {path} does not exist; published links must keep working: put the page "
                          "back, or add a redirect from its old file to its new one under redirects: "
                          "redirect_maps: in mkdocs.yml (old/page.md: new/page.md)")
        if file.suffix != ".html":
            return file, ""
        if file not in texts:
            texts[file] = read(file)
        m = REFRESH.search(texts[file][:2000])
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


def check(site: Path, urls: list[str], read: Callable[[Path], str] = _read) -> list[str]:
    """Problems with registry URLs: missing pages, missing ids, FAQ ids that are not questions."""
    problems = []
    texts: dict[Path, str] = {}  # each built page read once
    ids: dict[Path, set[str]] = {}  # and its ids found once
    resolved: dict[str, tuple[Path | None, str]] = {}  # each page address followed once
    for url in urls:
        path = url.partition("#")[0]
        if path not in resolved:
            resolved[path] = resolve(site, path, texts=texts, read=read)
        file, problem = resolved[path]
        if problem:  # again with the whole URL, which the message names
            file, problem = resolve(site, url, texts=texts, read=read)
        if problem:
            problems.append(problem)
            continue
        fragment = url.partition("#")[2]
        if not fragment:
            continue
        html = texts[file] if file in texts else read(file)
        if file not in ids:
            ids[file] = set(find_ids(html))
        if fragment not in ids[file]:
            alias = ("data/faq-aliases.yml ('" + fragment + ": new-id')" if url.startswith("/faq/") else
                     "data/anchor-aliases.yml (the page's .md path, then '" + fragment + ": new-id' under it)")
            problems.append(f"{url}: the page has no id '{fragment}' any more; published links must keep "
                            f"working: give the heading its old id back, or, if it was renamed or merged, "
                            f"add the old id as an alias in {alias}")
        elif url.startswith("/faq/") and f'<h2 id="{fragment}" class="mng-faq-q"' not in html \
                and f'<div id="{fragment}" class="mng-alias"' not in html:
            problems.append(f"{url}: '{fragment}' is no longer an FAQ question or alias; add "
                            f"'{fragment}: new-id' to data/faq-aliases.yml")
    return problems


def register(site: Path) -> list[str]:
    """Append URLs that are not yet in the registry; return them."""
    known = set(published_urls())
    new = [u for u in public_urls(site) if u not in known]
    if new:
        text = REGISTRY.read_text(encoding="utf-8") if REGISTRY.exists() else HEADER
        REGISTRY.write_text(text + "\n".join(new) + "\n", encoding="utf-8")
    return new


def main(args: list[str]) -> int:
    site = Path(args[0])
    problems = check(site, published_urls())
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
