"""Published URLs only grow (issue 15, item 5): every URL the registry ever listed is checked,
renamed article headings keep their old anchor through data/anchor-aliases.yml, and the
messages point to the fix (a redirect, an alias), never to removing the entry."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, mkdocs_build
from test_bad_input import GOOD, make_project, own_copy

sys.path.insert(0, str(ROOT / "scripts"))
import register_urls  # noqa: E402


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


def test_a_deleted_registry_line_is_still_checked(tmp_path: Path) -> None:
    """U02c: deleting a line from data/published-urls.txt does not take its URL off the list."""
    registry = tmp_path / "data" / "published-urls.txt"
    registry.parent.mkdir()
    git(tmp_path, "init", "-q")
    registry.write_text("# header\n/a/\n/b/#gone\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one")
    registry.write_text("# header\n/a/\n/c/\n", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "two")
    assert register_urls.read_registry(registry) == ["/a/", "/c/"]
    assert register_urls.published_urls(registry) == ["/a/", "/c/", "/b/#gone"]
    assert set(register_urls.history_urls(registry, since=None)) == {"/a/", "/b/#gone", "/c/"}


def test_renamed_heading_keeps_its_old_anchor(tmp_path: Path) -> None:
    """U01: the heading is renamed, the old id becomes an alias and still lands on the heading."""
    page = GOOD.replace("{#a-section}", "{#a-new-section}").replace("(#a-section)", "(#a-new-section)")
    project = make_project(tmp_path, {"page.md": page})
    (own_copy(project, "data") / "anchor-aliases.yml").write_text("page.md:\n  a-section: a-new-section\n",
                                                                   encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out" / "page" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="a-new-section"><span id="a-section" class="mng-alias"></span>' in html
    assert register_urls.check(tmp_path / "out", ["/page/#a-section", "/page/#a-new-section"]) == []


def test_messages_point_to_the_fix(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"page.md": GOOD})
    assert mkdocs_build(project, tmp_path / "out").returncode == 0
    problems = register_urls.check(tmp_path / "out", ["/moved/", "/page/#renamed"])
    assert "redirect_maps" in problems[0] and "mkdocs.yml" in problems[0]
    assert "data/anchor-aliases.yml" in problems[1]
    assert not any("remove" in p for p in problems)


def test_build_stops_when_a_once_published_url_breaks(tmp_path: Path) -> None:
    """U02c at build time: in a git checkout, a heading renamed and its registry line deleted
    still stops the build (hooks/published_urls.py), naming the address and the alias file."""
    project = make_project(tmp_path, {"page.md": GOOD})
    (project / "scripts").symlink_to(ROOT / "scripts", target_is_directory=True)
    registry = own_copy(project, "data") / "published-urls.txt"
    registry.write_text("# registry\n/page/\n/page/#a-section\n", encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "data/published-urls.txt")
    git(project, "commit", "-qm", "registry")
    assert mkdocs_build(project, tmp_path / "out").returncode == 0
    registry.write_text("# registry\n/page/\n", encoding="utf-8")
    git(project, "commit", "-qam", "line deleted")
    page = project / "docs" / "page.md"
    page.write_text(GOOD.replace("{#a-section}", "{#b-section}").replace("(#a-section)", "(#b-section)"),
                    encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out2")
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "/page/#a-section: the page has no id 'a-section' any more" in out and "data/anchor-aliases.yml" in out
