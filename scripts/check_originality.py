"""Report every 8-word run in our pages that matches a source post's fingerprint.

Usage: python scripts/check_originality.py [FILE_OR_FOLDER ...]
(default: docs/, includes/ and search/data/questions-en.yml, whose searches the search index publishes)
Exit 1 when a match is found. The test suite runs the same check.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fingerprint_sources import RUN, fingerprint, runs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FINGERPRINTS = ROOT / "data" / "source-fingerprints.txt"


def load_fingerprints() -> set[str]:
    lines = FINGERPRINTS.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def matches(text: str, prints: set[str]) -> list[str]:
    """The runs of text that a source post also has, as plain words."""
    return [" ".join(r) for r in runs(text) if fingerprint(r) in prints]


def markdown_files(args: list[str]) -> list[Path]:
    targets = [Path(a) for a in args] or [ROOT / "docs", ROOT / "includes", ROOT / "search" / "data" / "questions-en.yml"]
    files: list[Path] = []
    for t in targets:
        files += sorted(t.rglob("*.md")) if t.is_dir() else [t]
    return files


def main(args: list[str]) -> int:
    prints = load_fingerprints()
    found = 0
    for f in markdown_files(args):
        for run in matches(f.read_text(encoding="utf-8"), prints):
            found += 1
            print(f"{f}: shares {RUN} words with a source post: \"{run}\" (reword it)")
    print(f"{found} shared {RUN}-word run(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
