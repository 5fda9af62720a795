"""The site's languages (data/languages.yml): which language a page is in, and its twin.

Not a hook itself. English pages live at docs/<path>; a translation lives at
docs/<code>/<path> under the same path, so /faq/aftercare/#makeup-after and
/es/faq/aftercare/#makeup-after are the same answer.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from _data import checked_data

DEFAULT = "en"
LANGS: dict[str, dict[str, Any]] = {}


def load(root: Path) -> dict[str, dict[str, Any]]:
    """Read (and check) data/languages.yml; every hook that needs it calls this in on_config."""
    LANGS.clear()
    LANGS.update(checked_data(root, "languages.yml"))
    return LANGS


def language_of(path: str) -> str:
    """The language of a source path or URL ('es/faq/aftercare.md', '/es/faq/', 'faq/')."""
    path = path.lstrip("/")
    for code, lang in LANGS.items():
        if lang["prefix"] and path.startswith(lang["prefix"]):
            return code
    return DEFAULT


def english_path(path: str) -> str:
    """The path without its language prefix: 'es/faq/aftercare.md' -> 'faq/aftercare.md'."""
    lead = "/" if path.startswith("/") else ""
    bare = path.lstrip("/")
    prefix = LANGS.get(language_of(bare), {}).get("prefix", "")
    return lead + bare[len(prefix):]


def in_language(path: str, code: str) -> str:
    """The same path in another language: ('faq/aftercare.md', 'es') -> 'es/faq/aftercare.md'."""
    lead = "/" if path.startswith("/") else ""
    return lead + LANGS[code]["prefix"] + english_path(path).lstrip("/")


def ui(code: str) -> dict[str, Any]:
    """The template words of a language."""
    return LANGS[code]["ui"]


def long_date(day: dt.date, code: str) -> str:
    """'6 December 2026' in English, '6 de diciembre de 2026' in Spanish."""
    lang = LANGS[code]
    return lang["date"].format(day=day.day, month=lang["months"][day.month - 1], year=day.year)
