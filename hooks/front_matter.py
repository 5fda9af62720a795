"""Validate every page's front matter: required fields, dates, sources and tags.

Unknown keys are rejected so that typos ("sorces", "next-review") cannot slip
through. Every error names the file, the field and what is allowed.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from _shared import load_yaml, project_dir, read_front_matter, source_path

REQUIRED = ("title", "description", "reviewed", "next_review", "sources")
OPTIONAL = ("tags", "hide", "search")
DESCRIPTION_MAX = 160
HIDE_ALLOWED = {"navigation", "toc", "footer", "tags", "feedback", "path"}

_source_ids: set[str] = set()
_concerns: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the allowed source ids and concern tags from data/."""
    root = project_dir(config)
    sources = load_yaml(root / "data" / "sources.yml")
    if not isinstance(sources, dict):
        raise PluginError("data/sources.yml must map ids (S1, S2 ...) to sources")
    _source_ids.clear()
    _source_ids.update(sources)
    concerns = load_yaml(root / "data" / "concerns.yml")
    _concerns[:] = [c["name"] for c in concerns]
    return config


def _check_text(meta: dict[str, Any], key: str, errors: list[str], limit: int | None = None) -> None:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.append(f"'{key}' must be a non-empty line of text")
    elif key == "description" and '"' in value:
        errors.append("'description' must not contain double quotes (\"): the theme puts it in an "
                      "HTML attribute unescaped; use single quotes or rephrase")
    elif limit and len(value) > limit:
        errors.append(f"'{key}' is {len(value)} characters; the limit is {limit} "
                      "(search engines cut longer ones)")


def _check_dates(meta: dict[str, Any], errors: list[str]) -> None:
    today = dt.date.today()
    reviewed, next_review = meta.get("reviewed"), meta.get("next_review")
    for key, value in (("reviewed", reviewed), ("next_review", next_review)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            errors.append(f"'{key}' must be an ISO date such as {today.isoformat()} (got {value!r})")
    if not all(isinstance(v, dt.date) for v in (reviewed, next_review)):
        return
    if reviewed > today:
        errors.append(f"'reviewed' ({reviewed}) is in the future; use the date the review happened")
    if next_review <= reviewed:
        errors.append(f"'next_review' ({next_review}) must come after 'reviewed' ({reviewed})")
    elif next_review < today:
        errors.append(f"'next_review' ({next_review}) has passed: review the page, then set "
                      "'reviewed' to today and 'next_review' to a later date")


def _check_list(meta: dict[str, Any], key: str, allowed: list[str] | set[str],
                errors: list[str], required: bool) -> None:
    value = meta.get(key)
    if value is None and not required:
        return
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        errors.append(f"'{key}' must be a list such as [{', '.join(sorted(allowed)[:2])}]")
        return
    unknown = [v for v in value if v not in allowed]
    if unknown:
        shown = ", ".join(sorted(allowed, key=lambda s: (len(s), s)))
        errors.append(f"'{key}' has unknown value(s) {', '.join(unknown)}; allowed: {shown}")
    if len(set(value)) != len(value):
        errors.append(f"'{key}' lists a value twice")


def validate(meta: dict[str, Any]) -> list[str]:
    """Return a list of problems with one page's front matter."""
    errors: list[str] = []
    for key in meta:
        if key not in REQUIRED + OPTIONAL:
            errors.append(f"unknown field '{key}'; allowed fields: {', '.join(REQUIRED + OPTIONAL)}")
    for key in REQUIRED:
        if key not in meta:
            errors.append(f"missing field '{key}'")
    _check_text(meta, "title", errors)
    _check_text(meta, "description", errors, DESCRIPTION_MAX)
    _check_dates(meta, errors)
    _check_list(meta, "sources", _source_ids, errors, required=True)
    _check_list(meta, "tags", _concerns, errors, required=False)
    hide = meta.get("hide")
    if hide is not None and (not isinstance(hide, list) or not set(hide) <= HIDE_ALLOWED):
        errors.append(f"'hide' must be a list drawn from {', '.join(sorted(HIDE_ALLOWED))}")
    return errors


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fail the build if the page's front matter breaks the schema."""
    # MkDocs has parsed the front matter into page.meta (hooks run after it, and this
    # one before any hook adds keys), but it ignores broken YAML silently and also reads
    # "key: value" lines without '---': only then do we parse it ourselves, to say what is wrong.
    if page.meta and page.file.content_string.startswith("---"):
        meta, error = page.meta, None
    else:
        meta, _, error = read_front_matter(page)
    errors = [error] if error else validate(meta or {})
    if errors:
        raise PluginError(f"{source_path(page)}: front matter:\n  - " + "\n  - ".join(errors))
    return markdown
