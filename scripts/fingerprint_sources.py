"""Make hashed fingerprints of every 8-word run in a folder of texts.

The project keeps only these hashes, never the source posts' text, so the test
suite can prove that no 8-word run of ours matches a post.

Usage: python scripts/fingerprint_sources.py ../shared/sources > data/source-fingerprints.txt
"""
from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

RUN = 8
# Cyrillic and Greek letters that look like Latin ones (one source post is typed with them).
LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁԛԝАВЕКМНОРСТХІЈЅаеорсухΑΒΕΗΙΚΜΝΟΡΤΧΥΖορν",
    "aeopcyxijsdqwABEKMHOPCTXIJSaeopcyxABEHIKMNOPTXYZopv",
)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def words(text: str) -> list[str]:
    """Fold case, punctuation and look-alike letters; return the words in order."""
    text = unicodedata.normalize("NFKC", text).translate(LOOKALIKES).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return WORD.findall(text)


def runs(text: str, size: int = RUN) -> Iterator[tuple[str, ...]]:
    """Every run of `size` consecutive words."""
    w = words(text)
    for i in range(len(w) - size + 1):
        yield tuple(w[i:i + size])


def fingerprint(run: tuple[str, ...]) -> str:
    """A short, one-way hash of one run of words."""
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def main(folder: str) -> int:
    prints = sorted({fingerprint(r) for f in sorted(Path(folder).glob("*.txt"))
                     for r in runs(f.read_text(encoding="utf-8"))})
    print(f"# sha256[:16] of every {RUN}-word run (case, punctuation and look-alike letters folded)")
    print("# in the source posts. Made by scripts/fingerprint_sources.py; do not edit by hand.")
    print("\n".join(prints))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[2] / "shared" / "sources")))
