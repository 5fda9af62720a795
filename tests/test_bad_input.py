"""Every mistake an editor can make in a page stops the build with a message naming the file."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, link_search, mkdocs_build

# Review dates relative to today, so the control page never falls due (or out of the 2-year cycle).
REVIEWED = (dt.date.today() - dt.timedelta(days=30)).isoformat()
NEXT_REVIEW = (dt.date.today() + dt.timedelta(days=365)).isoformat()
GOOD = """---
title: A page
description: A short description.
reviewed: 2026-01-10
next_review: 2999-01-10
sources: [S13]
tags: [Acne scars]
---

Some text about collagen.

## A section {#a-section}

More text. [Back to home](index.md) and [this section](#a-section).
""".replace("2026-01-10", REVIEWED).replace("2999-01-10", NEXT_REVIEW)


def make_project(tmp_path: Path, pages: dict[str, str], nav: list[str] | None = None) -> Path:
    """A small docs tree that inherits the real mkdocs.yml, hooks and data."""
    for name in ("hooks", "overrides", "includes"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    # The real data files.
    (tmp_path / "data").mkdir()
    for path in (ROOT / "data").iterdir():
        (tmp_path / "data" / path.name).symlink_to(path)
    link_search(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "assets").symlink_to(ROOT / "docs" / "assets", target_is_directory=True)
    pages = {"index.md": GOOD.replace("title: A page", "title: Home"), **pages}
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    nav_lines = "\n".join(f"  - {p}" for p in (nav if nav is not None else pages))
    (tmp_path / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\nnav:\n{nav_lines}\n", encoding="utf-8"
    )
    return tmp_path


def own_copy(project: Path, name: str) -> Path:
    """Replace the project's symlinks to a real folder (hooks, includes) or to the real
    files in it (data) with copies to edit."""
    folder = project / name
    if folder.is_symlink():
        folder.unlink()
        shutil.copytree(ROOT / name, folder)
    for path in folder.iterdir():
        if path.is_symlink():
            target = path.resolve()
            path.unlink()
            shutil.copyfile(target, path)
    return folder


def build_output(tmp_path: Path, pages: dict[str, str], nav: list[str] | None = None) -> tuple[int, str]:
    project = make_project(tmp_path, pages, nav)
    result = mkdocs_build(project, tmp_path / "out")
    return result.returncode, result.stdout + result.stderr


def test_good_tree_builds(tmp_path: Path) -> None:
    """The control case: the tree the bad cases are made from builds cleanly."""
    code, out = build_output(tmp_path, {"page.md": GOOD})
    assert code == 0, out
    html = (tmp_path / "out" / "page" / "index.html").read_text(encoding="utf-8")
    assert "Page last reviewed" in html and "Sources for this page" in html


BAD_CASES = {
    "broken YAML": (GOOD.replace("sources: [S13]", "sources: [S13"), "front matter is not valid YAML"),
    "front matter without the --- lines": (GOOD.replace("---\n", "", 2), "no front matter"),
    "missing field": (GOOD.replace("description: A short description.\n", ""), "missing field 'description'"),
    "unknown field": (GOOD.replace("sources:", "sorces: [S13]\nsources:"), "unknown field 'sorces'"),
    "unknown source id": (GOOD.replace("[S13]", "[S13, S999]"), "unknown value(s) S999"),
    "unknown tag": (GOOD.replace("[Acne scars]", "[Acne]"), "'tags' has unknown value(s) Acne"),
    "description too long": (GOOD.replace("A short description.", "x" * 161), "'description' is 161 characters"),
    "double quote in description": (GOOD.replace("A short description.", 'What "FDA approved" means.'), "must not contain double quotes"),
    "date not ISO": (GOOD.replace(f"reviewed: {REVIEWED}", "reviewed: 10 Jan 2026"), "'reviewed' must be an ISO date"),
    "review date in the future": (GOOD.replace(f"reviewed: {REVIEWED}", "reviewed: 2998-01-10"), "is in the future"),
    "next review already passed": (GOOD.replace(f"next_review: {NEXT_REVIEW}", f"next_review: {dt.date.today() - dt.timedelta(days=1)}"), "has passed"),
    "next review before reviewed": (GOOD.replace(f"next_review: {NEXT_REVIEW}", "next_review: 2025-01-01"), "must come after"),
    "look-alike letters": (GOOD.replace("about collagen", "about coll\u0430gen"), "page.md:10:21: look-alike letter U+0430"),
    "greek inside a latin word": (GOOD.replace("about collagen", "about c\u03bfllagen"), "page.md:10:18: look-alike letter U+03BF"),
    "zero-width space": (GOOD.replace("Some text", "Some\u200b text"), "page.md:10:5: invisible character U+200B"),
    "soft hyphen": (GOOD.replace("collagen", "colla\u00adgen", 1), "invisible character U+00AD"),
    "non-breaking space inside a word": (GOOD.replace("collagen", "colla\u00a0gen", 1), "U+00A0 NO-BREAK SPACE inside a word"),
    "broken link": (GOOD.replace("(index.md)", "(missing.md)"), "link 'missing.md', but the target is not found"),
    "broken anchor": (GOOD.replace("(#a-section)", "(#no-such-section)"), "no such anchor"),
    "broken anchor on another page": (GOOD.replace("(index.md)", "(index.md#nowhere)"), "does not contain an anchor '#nowhere'"),
    "duplicate heading id": (GOOD + "\n## Another {#a-section}\n\nText.\n", "duplicate heading id"),
    "two headings with the same text": (GOOD + "\n### Same\n\nOne.\n\n### Same\n\nTwo.\n", "two headings both make the id 'same'"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_page_fails_build(tmp_path: Path, case: str) -> None:
    text, expected = BAD_CASES[case]
    code, out = build_output(tmp_path, {"page.md": text})
    assert code != 0, f"{case}: the build passed but should have failed:\n{out}"
    assert expected in out, f"{case}: expected {expected!r} in:\n{out}"
    assert "page.md" in out, f"{case}: the message does not name the file:\n{out}"


def test_page_left_out_of_nav_fails(tmp_path: Path) -> None:
    code, out = build_output(tmp_path, {"page.md": GOOD, "orphan.md": GOOD}, nav=["index.md", "page.md"])
    assert code != 0
    assert "orphan.md" in out and "not included in the \"nav\"" in out


def test_look_alike_letters_in_include_fail(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"page.md": GOOD})
    extra = own_copy(project, "includes") / "abbreviations.md"
    extra.write_text(extra.read_text(encoding="utf-8") + "*[t\u0435st]: A word typed with a Cyrillic e.\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "includes/abbreviations.md" in result.stderr and "U+0435" in result.stderr


def assert_bad_data_file_fails(tmp_path: Path, name: str, text: str, expected: str) -> None:
    """Build a small project whose data/<name> holds text: it must fail, naming the file and saying expected."""
    project = make_project(tmp_path, {"page.md": GOOD})
    (own_copy(project, "data") / name).write_text(text, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed:\n{out}"
    assert name in out and expected in out, out


