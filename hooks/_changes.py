"""Read and check data/changes.yml, the one place change history lives. Shared by the hooks.

Each entry says when (date), what kind (new, update, correction), where (a page's public
path, optionally with '#id' for a section or FAQ answer) and a one-line note. The file is
read fresh on every build, checked strictly, and kept in CHANGES, newest first. The checked
entries are kept in .cache/changes.json, keyed by the file's text, the day and this module's
code, so an unchanged file is not parsed again on the same day (an empty cache only costs time).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from _shared import write_atomic


FILE = "data/changes.yml"
KINDS = ("new", "update", "correction")
KEYS = ("date", "kind", "where", "note")
WHERE = re.compile(r"^/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*(?:#(?P<id>[A-Za-z0-9][A-Za-z0-9_-]*))?$")
NOTE_MAX = 200
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "changes.json"
EXAMPLE = ("- date: 2026-12-06\n    kind: update\n    where: /faq/aftercare/#makeup-after\n"
           "    note: Says how long to wait before wearing makeup.")


@dataclass(frozen=True)
class Change:
    date: dt.date
    kind: str
    where: str  # '/faq/aftercare/#makeup-after'
    note: str
    line: int  # in data/changes.yml
    number: int  # 1 for the file's first entry
    path: str = field(init=False, compare=False)  # the page part of `where`: '/faq/aftercare/'
    fragment: str | None = field(init=False, compare=False)  # 'makeup-after', None for a whole page

    def __post_init__(self) -> None:
        parts = self.where.split("#")
        object.__setattr__(self, "path", parts[0])
        object.__setattr__(self, "fragment", parts[1] if len(parts) > 1 else None)

    def label(self) -> str:
        """How an error message names the entry."""
        return f"{FILE}:{self.line}: entry {self.number} ({self.where})"


CHANGES: list[Change] = []  # newest first; same-day entries keep the file's order
TITLES: dict[str, str] = {}  # where -> the changed page's, section's or question's title
_BY_PATH: dict[str, list[Change]] = {}  # page path -> its entries in CHANGES, newest first


def _fail(line: int, number: int, problem: str, fix: str) -> PluginError:
    return PluginError(f"{FILE}:{line}: entry {number}: {problem}. Fix: {fix}.\n"
                       f"An entry looks like this:\n  {EXAMPLE}")


def parse(text: str, today: dt.date) -> list[Change]:
    """Check the file's text and return its entries, newest first."""
    loader = yaml.SafeLoader(text)
    try:  # compose once; the entries' lines and keys are read before construction can change the nodes
        root = loader.get_single_node()
        nodes = [(node.start_mark.line + 1, [k.value for k, _ in node.value] if isinstance(node, yaml.MappingNode)
                  else []) for node in root.value] if isinstance(root, yaml.SequenceNode) else []
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise PluginError(f"{FILE}:{mark.line + 1 if mark else 1}: this is not valid YAML "
                          f"({getattr(err, 'problem', None) or err}). Fix: check this line's indentation, "
                          "colons and quotes; a note with ': ' in it needs quotes") from None
    except ValueError as err:  # an impossible date, such as 2026-02-30
        line = next((n + 1 for n, t in enumerate(text.splitlines()) if re.match(r"\s*-?\s*date:", t)
                     and str(err) and _bad_date(t)), 1)
        raise PluginError(f"{FILE}:{line}: a date is not a real date ({err}). Fix: check the day and month") from None
    finally:
        loader.dispose()
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise PluginError(f"{FILE}: expected a list of entries, each starting with '- date:'. "
                          f"An entry looks like this:\n  {EXAMPLE}")
    changes: list[Change] = []
    seen: dict[tuple[dt.date, str, str, str], int] = {}
    for number, (item, (line, keys)) in enumerate(zip(data, nodes), start=1):
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise _fail(line, number, f"'{twice[0]}' is given twice", "keep one of the two lines")
        if not isinstance(item, dict):
            raise _fail(line, number, "this entry is not a set of 'key: value' lines",
                        "write date, kind, where and note, each on its own line")
        missing = [k for k in KEYS if k not in item]
        extra = [str(k) for k in item if k not in KEYS]
        if missing or extra:
            raise _fail(line, number, ", ".join([f"'{k}' is missing" for k in missing]
                                                + [f"'{k}' is not a field of an entry" for k in extra]),
                        "give exactly the four fields date, kind, where and note")
        date, kind, where, note = (item[k] for k in KEYS)
        if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
            raise _fail(line, number, f"date '{date}' is not a day written as YYYY-MM-DD",
                        "write the day the change was published, such as 2026-12-06, without quotes")
        if date > today:
            raise _fail(line, number, f"date {date} is in the future (today is {today})",
                        "use the day the change was published")
        if kind not in KINDS:
            raise _fail(line, number, f"kind '{kind}' is not one of {', '.join(KINDS)}",
                        "use new (a new page, section or answer), update (advice added or changed) "
                        "or correction (something we said was wrong or unsafe)")
        if not isinstance(where, str) or not WHERE.match(where):
            raise _fail(line, number, f"where '{where}' is not a page address",
                        "write the page's address after the site name, starting and ending with '/', "
                        "with '#id' for a section or answer, such as /faq/aftercare/#makeup-after")
        if not isinstance(note, str) or not note.strip() or "\n" in note.strip():
            raise _fail(line, number, "note must be one line of plain text",
                        "say in one short sentence what changed")
        note = note.strip()
        if len(note) > NOTE_MAX or "<" in note:
            raise _fail(line, number, f"note is {len(note)} characters long or contains '<'",
                        f"keep it to one plain sentence of at most {NOTE_MAX} characters, without HTML")
        key = (date, kind, where, note)
        if key in seen:
            raise _fail(line, number, f"this entry repeats entry {seen[key]}", "delete one of the two")
        seen[key] = number
        changes.append(Change(date, kind, where, note, line, number))
    return sorted(changes, key=lambda c: c.date, reverse=True)


def _bad_date(line: str) -> bool:
    """Whether a 'date: YYYY-MM-DD' line holds a day that does not exist."""
    m = re.search(r"(\d{4})-(\d\d)-(\d\d)", line)
    try:
        return bool(m) and not dt.date(*map(int, m.groups()))
    except ValueError:
        return True


def load(project: Path, today: dt.date | None = None) -> list[Change]:
    """Read data/changes.yml from the project folder into CHANGES."""
    path = project / FILE
    if not path.is_file():
        raise PluginError(f"{FILE}: the change history file is missing; "
                          "restore it (it may hold no entries, only its header)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise PluginError(f"{FILE}: not saved as UTF-8 ({err}). Fix: save it with the encoding UTF-8") from None
    CHANGES[:] = cached_parse(text, today or dt.datetime.now(dt.timezone.utc).date())
    TITLES.clear()
    _BY_PATH.clear()
    for change in CHANGES:
        _BY_PATH.setdefault(change.path, []).append(change)
    return CHANGES


def cached_parse(text: str, today: dt.date) -> list[Change]:
    """parse(), answered from .cache/changes.json when the text, the day and this code are the
    same as when it was stored there. Only a file that passed every check is stored."""
    key = hashlib.sha256("\0".join([Path(__file__).read_text(encoding="utf-8"), yaml.__version__,
                                     today.isoformat(), text]).encode("utf-8")).hexdigest()
    try:
        stored = json.loads(CACHE.read_text(encoding="utf-8"))
        if stored["key"] == key:
            return [Change(dt.date.fromisoformat(d), kind, where, note, line, number)
                    for d, kind, where, note, line, number in stored["entries"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache yet, or one this build cannot read: parse the file
    changes = parse(text, today)
    entries = [[c.date.isoformat(), c.kind, c.where, c.note, c.line, c.number] for c in changes]
    write_atomic(CACHE, json.dumps({"key": key, "entries": entries}))
    return changes


def for_page(path: str) -> list[Change]:
    """Every change to a page, its sections and answers included, newest first."""
    return list(_BY_PATH.get(path, []))


def for_answer(path: str, ids: list[str]) -> list[Change]:
    """An answer's changes (under its id or a retired id), and changes to its whole page."""
    return [c for c in _BY_PATH.get(path, []) if c.fragment is None or c.fragment in ids]


def latest(changes: list[Change]) -> Change | None:
    return changes[0] if changes else None


def latest_correction(changes: list[Change]) -> Change | None:
    return next((c for c in changes if c.kind == "correction"), None)


def long_date(day: dt.date) -> str:
    """6 December 2026"""
    return day.strftime("%-d %B %Y")
