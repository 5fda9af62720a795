"""Helpers shared by the hooks: project paths, data files and front-matter parsing.

Not a hook itself (it is not listed under `hooks:` in mkdocs.yml).
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)
ID_ATTR = re.compile(r'\sid="([^"]+)"')  # an id="..." attribute
ID_ATTR_ANY_QUOTE = re.compile(r"""\sid=["']([^"']+)["']""")  # id="..." or id='...'
_ID_START = re.compile(r"""id=["']""")


def project_dir(config: MkDocsConfig) -> Path:
    """The folder that holds mkdocs.yml, data/ and includes/."""
    return Path(config.config_file_path).resolve().parent


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: much faster


class StrictLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """A safe YAML loader that rejects a key given twice (plain YAML keeps the last one
    silently) and names the line of an impossible date instead of a bare ValueError."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"DUPLICATE:{key}:{seen[key]}", key_node.start_mark)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as err:
            raise yaml.constructor.ConstructorError(
                None, None, f"BADDATE:{node.value}:{err}", node.start_mark) from None


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)
StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_yaml_map)
_LOADER = StrictLoader
_cache: dict[Path, tuple[float, Any]] = {}


def read_utf8(path: Path) -> str:
    """A text file's content, failing the build with file:line when it is not saved as UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise PluginError(f"{display_path(path)}:{line}: this file is not saved as UTF-8 (byte "
                          f"0x{data[err.start]:02X}); open it in your editor and save it with the "
                          "encoding UTF-8") from None


def display_path(path: Path | str) -> str:
    """A path relative to the current folder when it is inside it (as an editor types it)."""
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def yaml_problem(err: yaml.YAMLError, text: str, first_line: int = 1) -> tuple[int | None, str]:
    """(line in the file, what is wrong and how to fix it) for a YAML error in plain words.

    first_line: the file line on which `text` starts (front matter starts on line 2).
    """
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    line = mark.line + first_line if mark else None
    lines = text.splitlines()
    here = lines[mark.line] if mark and mark.line < len(lines) else ""
    if problem.startswith("DUPLICATE:"):
        _, key, before = problem.split(":", 2)
        return line, (f"'{key}' is given twice (first on line {int(before) + first_line - 1}); "
                      "keep one of the two lines: YAML would silently use only the last one")
    if problem.startswith("BADDATE:"):
        _, value, why = problem.split(":", 2)
        field = here.split(":", 1)[0].strip(" -") if ":" in here else "a date"
        return line, f"'{field}' is {value}, which is not a real date ({why.strip()}); check the day and month"
    if "\t" in here[:len(here) - len(here.lstrip())] or (mark and "\t" in here[:mark.column + 1]
                                                          and "cannot start any token" in problem):
        return line, "this line is indented with a tab: YAML needs spaces; replace the tab with spaces"
    if "mapping values are not allowed" in problem:
        return line, ("the text after the field name contains ': ' (a colon and a space); "
                      "put the text in quotes, e.g. description: 'Micro-needling: what it is'")
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in str(err):
        return line, "a quote is opened but never closed: close it at the end of the value"
    if "flow sequence" in str(err) or "expected ',' or ']'" in problem:
        return line, "a list in [ ] is not closed or not separated by commas: write it as [S1, S2]"
    return line, f"{problem} (check this line's quotes, colons and indentation)"


def load_yaml(path: Path) -> Any:
    """Read a YAML data file (once per change), failing the build with the file name on any error.

    Callers must not modify the returned data: hooks share it.
    """
    try:
        mtime = path.stat().st_mtime
        if path in _cache and _cache[path][0] == mtime:
            return _cache[path][1]
        text = read_utf8(path)
        data = yaml.load(text, Loader=_LOADER)
    except FileNotFoundError:
        raise PluginError(f"{display_path(path)}: data file is missing") from None
    except yaml.YAMLError as err:
        line, why = yaml_problem(err, text)
        raise PluginError(f"{display_path(path)}:{line or 1}: {why}") from None
    _cache[path] = (mtime, data)
    return data


def find_ids(html: str, pattern: re.Pattern[str] = ID_ATTR) -> list[str]:
    """pattern.findall(html) for ID_ATTR or ID_ATTR_ANY_QUOTE, about five times faster.

    A match starts one character before 'id=' and a quote, so only those places are tried,
    in order, each from the end of the last match on: the same matches findall finds, where
    findall would try the pattern at every space of the page.
    """
    ids: list[str] = []
    end = 0
    for start in _ID_START.finditer(html):
        at = start.start() - 1
        if at >= end:
            m = pattern.match(html, at)
            if m:
                ids.append(m.group(1))
                end = m.end()
    return ids


def tree(root: Path, suffix: str = "") -> list[Path]:
    """What root.rglob("*" + suffix) lists (files and folders whose names end with suffix;
    a symlinked folder is listed, not entered), unsorted, in half the time: os.walk."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        found += [Path(folder, name) for name in (*dirs, *files) if name.endswith(suffix)]
    return found


_built: dict[Path, tuple[tuple[int, int], str]] = {}


def built_text(path: Path) -> str:
    """A file of the built site as text, read once for all the checks of the finished site (csp,
    html_checks, the published-URL check). Kept with its size and change time: a file written
    again since is read again."""
    st = path.stat()
    stamp = (st.st_size, st.st_mtime_ns)
    kept = _built.get(path)
    if kept is None or kept[0] != stamp:
        kept = _built[path] = (stamp, path.read_text(encoding="utf-8"))
    return kept[1]


def source_path(page: Page) -> str:
    """The page's Markdown file as an editor would type it (relative to the project)."""
    path = page.file.abs_src_path or page.file.src_uri
    rel = os.path.relpath(path)
    return rel if not rel.startswith("..") else path


def parse_front_matter(raw: str) -> tuple[dict[str, Any] | None, int, str | None]:
    """Parse the front matter at the top of a Markdown file's text.

    Returns (data, number of lines it takes, error). MkDocs silently ignores broken
    YAML, so the hooks parse it themselves to report it.
    """
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n")
    m = FRONT_MATTER.match(raw)
    if not m:
        if re.match(r"---[ \t]*\n", raw):
            return None, 0, ("the front matter has no closing '---' line: add a line with just --- "
                             "after the last field (next_review, sources ...)")
        return None, 0, "no front matter: the page must start with a '---' line"
    lines = m.group(0).count("\n")
    try:
        data = yaml.load(m.group(1) or "", Loader=_LOADER) or {}
    except yaml.YAMLError as err:
        line, why = yaml_problem(err, m.group(1) or "", first_line=2)
        return None, lines, f"front matter is not valid YAML at line {line}: {why}"
    if not isinstance(data, dict):
        return None, lines, "front matter must be a set of 'key: value' lines"
    return data, lines, None


def read_front_matter(page: Page) -> tuple[dict[str, Any] | None, int, str | None]:
    """parse_front_matter() of the page's own Markdown file."""
    return parse_front_matter(page.file.content_string)


def write_atomic(path: Path, text: str) -> None:
    """Write a cache file whole, then rename it into place, so a build running beside this one
    never reads half a file. A cache that cannot be written (a read-only checkout) is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
