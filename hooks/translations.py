"""Check each translated page against its English page, and flag translations that are out of date.

A translation (docs/es/<path>.md) records which version of its English page it translates:
`translation_of: <12 hex>` in its front matter, the start of the English file's git blob id
(`git hash-object docs/<path>.md`). A translated include (includes/es/<name>.md) records
its English include the same way on its first line: `<!-- translation_of: <12 hex> -->`.

When an English page or include changes, the build names each Spanish page that is now out
of date (with the git command that shows what changed) and the page tells readers that the
English version is newer, until the translation is updated and its `translation_of` set to
the new id. The build does not stop for this: an English correction must never wait for its
translation. It does stop when a translation
- has no `translation_of`, or one that is not a version of its English file's id format;
- has other section ids than its English page (links must work in both languages);
- has tags (they list the page on the English concern pages);
- pulls in an English include (its safety boxes come from its own language's includes);
- links to an English page without saying so ("(en inglés)" at the end of the link text),
  or to the English page of one that is translated.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import _lang
from _shared import project_dir, read_front_matter, read_utf8, source_path

log = get_plugin_logger("translations")
HASH = re.compile(r"^[0-9a-f]{12}$")
INCLUDE_MARK = re.compile(r"\A<!-- translation_of: (?P<hash>[0-9a-f]{12}) -->\n")
SNIPPET = re.compile(r"""^\s*-+8<-+\s+["'](?P<path>includes/[^"':]+)(?::[\w:-]+)?["']\s*$""", re.M)
HEADING_ID = re.compile(r"^#{1,6} .*?\{#(?P<id>[^}\s]+)\}", re.M)
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+\.md)(?:#[^)\s]*)?\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
_root: list[Path] = []
_pages: set[str] = set()
_stale: list[str] = []


def blob_id(path: Path) -> str:
    """The git blob id of a file (what `git hash-object` prints), computed without git."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the languages."""
    _lang.load(project_dir(config))
    _root[:] = [project_dir(config)]
    _stale.clear()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Remember which pages exist (to judge links)."""
    _pages.clear()
    _pages.update(f.src_uri for f in files.documentation_pages())
    return files


def _include_status(rel: str, used_by: str) -> str | None:
    """None when a translated include is current; else why it is out of date."""
    root = _root[0]
    path, english = root / rel, root / "includes" / _lang.english_path(rel.removeprefix("includes/"))
    if not path.exists():
        return None  # pymdownx.snippets names the missing file itself
    if not english.exists():
        raise PluginError(f"{rel}: there is no English include {english.relative_to(root)} that it translates "
                          "(a translated include keeps its English include's name)")
    m = INCLUDE_MARK.match(read_utf8(path))
    now = blob_id(english)[:12]
    if not m:
        raise PluginError(f"{rel} (pulled in by {used_by}): its first line must be "
                          f"'<!-- translation_of: {now} -->', the id of the English include it translates "
                          f"(git hash-object {english.relative_to(root)}); check that it matches the English first")
    if m.group("hash") != now:
        return (f"{rel} translates an older version of {english.relative_to(root)}: see what changed with "
                f"'git diff {m.group('hash')} {now}', update it, then set its first line to "
                f"'<!-- translation_of: {now} -->'")
    return None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check a translation against its English page; mark it when the English is newer."""
    code = _lang.language_of(page.file.src_uri)
    where = source_path(page)
    if code == _lang.DEFAULT:
        if "translation_of" in page.meta:
            raise PluginError(f"{where}: 'translation_of' belongs only on a translated page (docs/es/...): remove it")
        return markdown
    if page.meta.get("tags"):
        raise PluginError(f"{where}: remove 'tags' from a translated page: tags list pages on the English "
                          "concern pages, in English")
    root, lang = _root[0], _lang.LANGS[code]
    english_uri = _lang.english_path(page.file.src_uri)
    english = Path(config.docs_dir) / english_uri  # MkDocs makes docs_dir absolute
    now = blob_id(english)[:12]
    recorded = page.meta.get("translation_of")
    if not isinstance(recorded, str) or not HASH.match(recorded):
        raise PluginError(f"{where}: front matter 'translation_of' must be the first 12 characters of the English "
                          f"page's git id; for docs/{english_uri} as it is now that is: translation_of: {now} "
                          "(set it only once the translation matches that English text)")
    reasons = []
    if recorded != now:
        reasons.append(f"{where} translates an older version of docs/{english_uri}: see what changed with "
                       f"'git diff {recorded} {now}', update the translation, then set translation_of: {now}")
    # Same section ids as the English page, in the same order.
    body = FENCE.sub("", markdown)
    ids, english_ids = HEADING_ID.findall(body), HEADING_ID.findall(FENCE.sub("", read_utf8(english)))
    if ids != english_ids:
        missing = [i for i in english_ids if i not in ids]
        extra = [i for i in ids if i not in english_ids]
        raise PluginError(f"{where}: its section ids must be those of docs/{english_uri}, in the same order "
                          f"(a clinic switches language by the address); missing: {', '.join(missing) or 'none'}; "
                          f"not in English: {', '.join(extra) or 'none'}"
                          + ("; the order differs" if not missing and not extra else ""))
    # Includes: its own language's, each up to date.
    for m in SNIPPET.finditer(body):
        rel = m.group("path")
        if not rel.startswith(f"includes/{lang['prefix']}"):
            line = body[:m.start()].count("\n") + 1
            raise PluginError(f"{where}: line {line} of the page text pulls in {rel}, an English include: "
                              f"use includes/{lang['prefix']}{rel.removeprefix('includes/')} (translate it if it "
                              "does not exist yet)")
        why = _include_status(rel, where)
        if why:
            reasons.append(why)
    # Links: to the same language where a translation exists, to English only when marked.
    marker = lang["translation"]["english_only"]
    for m in LINK.finditer(body):
        target = m.group("target")
        if "://" in target:
            continue
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), target))
        if resolved not in _pages or _lang.language_of(resolved) == code:
            continue  # MkDocs reports missing pages itself
        twin = _lang.in_language(resolved, code)
        if twin in _pages:
            raise PluginError(f"{where}: the link [{m.group('text')}]({target}) goes to the English page "
                              f"docs/{resolved}, which has a translation: link to docs/{twin} instead")
        if not m.group("text").rstrip().endswith(marker):
            raise PluginError(f"{where}: the link [{m.group('text')}]({target}) goes to a page that exists only in "
                              f"English: end its text with '{marker}' so readers know, as in "
                              f"[{m.group('text')} {marker}]({target})")
    if reasons:
        t = lang["translation"]
        page.meta["mng_stale"] = {"title": t["stale_title"], "text": t["stale_text"], "link": t["stale_link"],
                                  "path": english_uri[:-3].removesuffix("index") + ("" if english_uri.endswith("index.md") else "/")}
        for why in reasons:
            log.info(f"OUT OF DATE: {why}")
        _stale.append(where)
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    """Sum up the translations that are out of date (each was named above)."""
    if _stale:
        log.info(f"{len(_stale)} translated page(s) are out of date and tell readers so: {', '.join(_stale)}")
