"""The schema of every data file in data/, checked wherever a hook reads one.

Not a hook itself. `checked_data(root, name)` loads data/<name> (strict YAML: no
repeated keys, real dates) and checks it against its schema, failing the build with
the file, the entry and the fix. Any hook may call it, in any order: the check runs
once per change of the file. hooks/data_files.py checks every file at the start.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from _shared import display_path, load_yaml, read_utf8

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_ID = re.compile(r"^S\d+$")
PAGE = re.compile(r"^[a-z0-9][a-z0-9/_-]*\.md$")


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _concerns(data: Any, root: Path) -> list[str]:
    if not isinstance(data, list):
        return ["expected a list of '- name: ...' / '  page: concerns/<slug>.md' entries"]
    errors = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict) or set(item) != {"name", "page"}:
            keys = ", ".join(map(str, item)) if isinstance(item, dict) else repr(item)
            errors.append(f"entry {n} must have exactly the keys 'name' and 'page' (lower case); it has: {keys}")
        elif not (_text(item["name"]) and isinstance(item["page"], str) and PAGE.match(item["page"])):
            errors.append(f"entry {n}: 'name' must be text and 'page' a path such as concerns/acne-scars.md")
    return errors


def _sources(data: Any, root: Path) -> list[str]:
    if not isinstance(data, dict):
        return ["expected ids (S1, S2 ...) each with title, group and links"]
    errors = []
    for sid, s in data.items():
        if not isinstance(sid, str) or not SOURCE_ID.match(sid):
            errors.append(f"'{sid}' is not a source id such as S12")
        elif not isinstance(s, dict) or set(s) != {"title", "group", "links"}:
            have = ", ".join(s) if isinstance(s, dict) else repr(s)
            errors.append(f"{sid} must have exactly title, group and links (it has: {have}); "
                          "this file is generated: run python scripts/build_sources.py instead of editing it")
        elif not (_text(s["title"]) and _text(s["group"]) and isinstance(s["links"], list) and all(
                isinstance(link, dict) and set(link) == {"label", "url"} and _text(link["label"])
                and isinstance(link["url"], str) and link["url"].startswith(("https://", "http://"))
                for link in s["links"])):
            errors.append(f"{sid}: title and group must be text, links a list of '- label: ...' / "
                          "'  url: https://...' items; run python scripts/build_sources.py")
    return errors


def _id_map(data: Any, what: str) -> list[str]:
    if not isinstance(data, dict):
        return [f"expected 'old-id: current-id' lines ({what})"]
    return [f"'{old}: {new}': both ids must be lower-case kebab-case (a-z, 0-9, hyphens)"
            for old, new in data.items()
            if not (isinstance(old, str) and isinstance(new, str) and KEBAB.match(old) and KEBAB.match(new))]


def _faq_aliases(data: Any, root: Path) -> list[str]:
    return _id_map(data, "retired FAQ id: the question that replaced it")


def _anchor_aliases(data: Any, root: Path) -> list[str]:
    if not isinstance(data, dict):
        return ["expected page paths (safety/risks.md), each with 'old-id: current-id' lines under it"]
    errors = []
    for page, ids in data.items():
        if not isinstance(page, str) or not PAGE.match(page):
            errors.append(f"'{page}' is not a page path such as safety/risks.md")
            continue
        errors += [f"{page}: {e}" for e in _id_map(ids, "under each page")]
    return errors


def _medical_help(data: Any, root: Path) -> list[str]:
    if not isinstance(data, dict) or set(data) != {"sections", "pages", "except"}:
        return ["expected the keys 'sections', 'pages' and 'except', each a list"]
    errors = []
    for key, value in data.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            errors.append(f"'{key}' must be a list of paths")
            continue
        errors += [f"'{key}' lists '{v}', which is not a path such as safety/risks.md (folders: safety)"
                   for v in value if not re.match(r"^[a-z0-9][a-z0-9/_-]*(\.md)?$", v)]
    return errors


CHANGE_KINDS = ("new", "update", "correction")


def _changes(data: Any, root: Path) -> list[str]:
    if data is None:
        return []
    if not isinstance(data, list):
        return ["expected a list of entries, each starting with '- date: YYYY-MM-DD'"]
    errors = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not {"date", "kind", "where", "note"} <= set(item):
            have = ", ".join(map(str, item)) if isinstance(item, dict) else repr(item)
            errors.append(f"entry {n} must have date, kind, where and note (it has: {have})")
            continue
        if isinstance(item["date"], str):
            errors.append(f"entry {n}: 'date' is in quotes or not a date ({item['date']!r}): write it as "
                          "2026-12-06 without quotes")
        elif not isinstance(item["date"], dt.date) or item["date"] > dt.date.today():
            errors.append(f"entry {n}: 'date' must be the day the change was published, not a future day")
        if item["kind"] not in CHANGE_KINDS:
            errors.append(f"entry {n}: 'kind' must be one of {', '.join(CHANGE_KINDS)}")
        if not (isinstance(item["where"], str) and item["where"].startswith("/")):
            errors.append(f"entry {n}: 'where' must be a public address such as /safety/risks/#infection")
        if not _text(item["note"]):
            errors.append(f"entry {n}: 'note' must be one line of text")
    return errors


LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
TRANSLATION_KEYS = {"english_only", "faq_read_more", "faq_sources", "stale_title", "stale_text", "stale_link"}


def _languages(data: Any, root: Path) -> list[str]:
    if not isinstance(data, dict) or "en" not in data or next(iter(data)) != "en":
        return ["expected 'en:' first, then one entry per language code (es: ...)"]
    errors = []
    ui_keys = set(data["en"].get("ui") or {}) if isinstance(data["en"], dict) else set()
    for code, lang in data.items():
        base = {"name", "prefix", "months", "date", "ui"}
        keys = base if code == "en" else base | {"translation"}
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            errors.append(f"'{code}' is not a two-letter language code such as es")
        elif not isinstance(lang, dict) or set(lang) != keys:
            have = ", ".join(lang) if isinstance(lang, dict) else repr(lang)
            errors.append(f"{code} must have exactly the keys {', '.join(sorted(keys))} (it has: {have})")
        elif lang["prefix"] != ("" if code == "en" else f"{code}/"):
            errors.append(f"{code}: prefix must be {repr('' if code == 'en' else code + '/')}: "
                          "a translation lives in docs/<code>/ under the same paths as the English page")
        elif not (isinstance(lang["months"], list) and len(lang["months"]) == 12 and all(map(_text, lang["months"]))):
            errors.append(f"{code}: months must list the 12 month names, January first")
        elif not (isinstance(lang["date"], str) and all(k in lang["date"] for k in ("{day}", "{month}", "{year}"))):
            errors.append(f"{code}: date must contain {{day}}, {{month}} and {{year}}")
        elif not isinstance(lang["ui"], dict) or set(lang["ui"]) != ui_keys:
            have = set(lang["ui"]) if isinstance(lang["ui"], dict) else set()
            errors.append(f"{code}: ui must have the same keys as en's ui; missing: "
                          f"{', '.join(sorted(ui_keys - have)) or 'none'}; unknown: {', '.join(sorted(have - ui_keys)) or 'none'}")
        elif code != "en" and (not isinstance(lang["translation"], dict) or set(lang["translation"]) != TRANSLATION_KEYS
                               or not all(map(_text, lang["translation"].values()))):
            errors.append(f"{code}: translation must have exactly {', '.join(sorted(TRANSLATION_KEYS))}, each as text")
    return errors


def _lines(pattern: str, what: str) -> Callable[[str, Path], list[str]]:
    regex = re.compile(pattern)

    def check(text: str, root: Path) -> list[str]:
        return [f"line {n}: {line!r} is not {what}" for n, line in enumerate(text.splitlines(), start=1)
                if line.strip() and not line.startswith("#") and not regex.match(line)]
    return check


YAML_SCHEMAS: dict[str, Callable[[Any, Path], list[str]]] = {
    "concerns.yml": _concerns,
    "sources.yml": _sources,
    "faq-aliases.yml": _faq_aliases,
    "anchor-aliases.yml": _anchor_aliases,
    "medical-help-pages.yml": _medical_help,
    "changes.yml": _changes,
    "languages.yml": _languages,
}
TEXT_SCHEMAS: dict[str, Callable[[str, Path], list[str]]] = {
    "published-urls.txt": _lines(r"^/[^\s#]*(#[a-z0-9_:.-]+)?$|^/[\w./-]+\.json$", "a public address such as /safety/risks/#infection"),
    "source-fingerprints.txt": _lines(r"^[0-9a-f]{16}$", "a 16-character fingerprint (run scripts/fingerprint_sources.py)"),
}
_checked: dict[Path, tuple[float, Any]] = {}


def checked_data(root: Path, name: str) -> Any:
    """data/<name>, loaded and checked against its schema (once per change of the file)."""
    path = root / "data" / name
    mtime = path.stat().st_mtime if path.exists() else -1.0
    if path in _checked and _checked[path][0] == mtime:
        return _checked[path][1]
    if name in TEXT_SCHEMAS:
        if not path.exists():
            raise PluginError(f"{display_path(path)}: data file is missing")
        data: Any = read_utf8(path)
        errors = TEXT_SCHEMAS[name](data, root)
    else:
        data = load_yaml(path)
        errors = YAML_SCHEMAS[name](data, root) if name in YAML_SCHEMAS else []
    if errors:
        shown = errors[:10] + ([f"... and {len(errors) - 10} more"] if len(errors) > 10 else [])
        raise PluginError(f"{display_path(path)}: does not follow its format (see the comment at its top):\n  - "
                          + "\n  - ".join(shown))
    _checked[path] = (mtime, data)
    return data
