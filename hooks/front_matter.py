"""Validate every page's front matter: required fields, dates, sources and tags.

Unknown keys are rejected so that typos ("sorces", "next-review") cannot slip
through. Every error names the file, the field and what is allowed.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from _data import checked_data
from _shared import project_dir, read_front_matter, source_path

REQUIRED = ("title", "description", "reviewed", "next_review", "sources")
OPTIONAL = ("tags", "hide", "search", "translation_of")  # translation_of: hooks/translations.py
DESCRIPTION_MAX = 160
TITLE_MAX = 70  # longer titles are cut in search results and browser tabs
REVIEW_CYCLE_MAX = dt.timedelta(days=2 * 366)  # next_review at most ~2 years after reviewed
# Markup that plain-text fields would show as literal text (or inject into the page head).
MARKUP = re.compile(r"<[A-Za-z/!]|\*\*|__|`|\[[^\]]*\]\(|(?:^|\s)_[^_\s]|&[a-z]+;|&#")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HIDE_ALLOWED = {"navigation", "toc", "footer", "tags", "feedback", "path"}

_source_ids: set[str] = set()
_concerns: list[str] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the allowed source ids and concern tags from data/."""
    root = project_dir(config)
    _source_ids.clear()
    _source_ids.update(checked_data(root, "sources.yml"))
    _concerns[:] = [c["name"] for c in checked_data(root, "concerns.yml")]
    return config


def _check_text(meta: dict[str, Any], key: str, errors: list[str], limit: int | None = None) -> None:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.append(f"'{key}' must be a non-empty line of text")
    elif MARKUP.search(value):
        errors.append(f"'{key}' contains markup ({MARKUP.search(value).group().strip()!r}): it is shown as plain "
                      "text in the page head, tab and navigation; write plain words without HTML or Markdown")
    elif key == "description" and '"' in value:
        errors.append("'description' must not contain double quotes (\"): the theme puts it in an "
                      "HTML attribute unescaped; use single quotes or rephrase")
    elif limit and len(value) > limit:
        errors.append(f"'{key}' is {len(value)} characters; the limit is {limit} "
                      "(search engines cut longer ones): shorten it")


def _check_dates(meta: dict[str, Any], errors: list[str]) -> None:
    today = dt.date.today()
    reviewed, next_review = meta.get("reviewed"), meta.get("next_review")
    for key, value in (("reviewed", reviewed), ("next_review", next_review)):
        if isinstance(value, str) and ISO_DATE.match(value.strip()):
            errors.append(f"'{key}' is written in quotes ({value!r}): remove the quotes so it is read as a date")
        elif not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            errors.append(f"'{key}' must be an ISO date such as {today.isoformat()} (got {value!r})")
    if not all(isinstance(v, dt.date) for v in (reviewed, next_review)):
        return
    if reviewed > today:
        errors.append(f"'reviewed' ({reviewed}) is in the future; use the date the review happened")
    if next_review <= reviewed:
        errors.append(f"'next_review' ({next_review}) must come after 'reviewed' ({reviewed})")
    elif next_review <= today:  # the tests use the same rule: a page is due on its next_review day
        errors.append(f"'next_review' ({next_review}) has passed or is today: review the page, then set "
                      "'reviewed' to today and 'next_review' to a later date")
    elif next_review - reviewed > REVIEW_CYCLE_MAX:
        errors.append(f"'next_review' ({next_review}) is more than 2 years after 'reviewed' ({reviewed}): "
                      "check the year for a typo; pages are reviewed at least every 2 years")


def _check_list(meta: dict[str, Any], key: str, allowed: list[str] | set[str],
                errors: list[str], required: bool) -> None:
    value = meta.get(key)
    if value is None and not required:
        return
    if isinstance(value, list) and not value:
        errors.append(f"'{key}' is an empty list: give at least one, such as [{', '.join(sorted(allowed)[:2])}]")
        return
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
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
    _check_text(meta, "title", errors, TITLE_MAX)
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
    # Parsed again here, not taken from page.meta: MkDocs ignores broken YAML silently,
    # keeps the last of two repeated keys and reads "key: value" lines without '---'.
    meta, _, error = read_front_matter(page)
    errors = [error] if error else validate(meta or {})
    if errors:
        raise PluginError(f"{source_path(page)}: front matter:\n  - " + "\n  - ".join(errors))
    return markdown
