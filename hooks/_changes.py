"""Read and check data/changes.yml, the one place change history lives. Shared by the hooks.

Each entry says when (date), what kind (new, update, correction), where (a page's public
path, optionally with '#id' for a section or FAQ answer) and a one-line note. The file is
read fresh on every build, checked strictly, and kept in CHANGES, newest first.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError


FILE = "data/changes.yml"
KINDS = ("new", "update", "correction")
KEYS = ("date", "kind", "where", "note")
WHERE = re.compile(r"^/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*(?:#(?P<id>[A-Za-z0-9][A-Za-z0-9_-]*))?$")
NOTE_MAX = 200
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

    @property
    def path(self) -> str:
        """The page part of `where`: '/faq/aftercare/'."""
        return self.where.split("#")[0]

    @property
    def fragment(self) -> str | None:
        return self.where.split("#")[1] if "#" in self.where else None

    def label(self) -> str:
        """How an error message names the entry."""
        return f"{FILE}:{self.line}: entry {self.number} ({self.where})"


CHANGES: list[Change] = []  # newest first; same-day entries keep the file's order
TITLES: dict[str, str] = {}  # where -> the changed page's, section's or question's title


def _fail(line: int, number: int, problem: str, fix: str) -> PluginError:
    return PluginError(f"{FILE}:{line}: entry {number}: {problem}. Fix: {fix}.\n"
                       f"An entry looks like this:\n  {EXAMPLE}")


def parse(text: str, today: dt.date) -> list[Change]:
    """Check the file's text and return its entries, newest first."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise PluginError(f"{FILE}:{mark.line + 1 if mark else 1}: this is not valid YAML "
                          f"({getattr(err, 'problem', None) or err}). Fix: check this line's indentation, "
                          "colons and quotes; a note with ': ' in it needs quotes") from None
    except ValueError as err:  # an impossible date, such as 2026-02-30
        line = next((n + 1 for n, t in enumerate(text.splitlines()) if re.match(r"\s*-?\s*date:", t)
                     and str(err) and _bad_date(t)), 1)
        raise PluginError(f"{FILE}:{line}: a date is not a real date ({err}). Fix: check the day and month") from None
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise PluginError(f"{FILE}: expected a list of entries, each starting with '- date:'. "
                          f"An entry looks like this:\n  {EXAMPLE}")
    changes: list[Change] = []
    seen: dict[tuple[dt.date, str, str, str], int] = {}
    for number, (item, node) in enumerate(zip(data, root.value), start=1):
        line = node.start_mark.line + 1
        keys = [k.value for k, _ in node.value] if isinstance(node, yaml.MappingNode) else []
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
    CHANGES[:] = parse(text, today or dt.datetime.now(dt.timezone.utc).date())
    TITLES.clear()
    return CHANGES


def for_page(path: str) -> list[Change]:
    """Every change to a page, its sections and answers included, newest first."""
    return [c for c in CHANGES if c.path == path]


def for_answer(path: str, ids: list[str]) -> list[Change]:
    """An answer's changes (under its id or a retired id), and changes to its whole page."""
    return [c for c in CHANGES if c.path == path and (c.fragment is None or c.fragment in ids)]


def latest(changes: list[Change]) -> Change | None:
    return changes[0] if changes else None


def latest_correction(changes: list[Change]) -> Change | None:
    return next((c for c in changes if c.kind == "correction"), None)


def long_date(day: dt.date) -> str:
    """6 December 2026"""
    return day.strftime("%-d %B %Y")
