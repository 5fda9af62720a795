"""Search quality floors on the development query sets, measured with the built site's own
worker file in Node (bench/search_node.js; its figures agree with Chromium's, and it takes
seconds where typing 900 queries into the browser takes minutes)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

# Just under the figures measured when the weights were fitted (README, "Search"), so that a
# regression fails CI. The unseen and kept-out sets are only measured by the benchmarks.
FLOORS = {"queries.tsv": (0.96, 0.91), "queries-sections.tsv": (0.94, 0.89), "queries-sections2.tsv": (0.94, 0.89),
          "queries-es-dev.tsv": (0.95, 0.92)}  # Spanish, searched as from a Spanish page


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_development_set_floor(site: Path, name: str) -> None:
    lang = ["--lang=es"] if name.endswith("-es-dev.tsv") else []
    result = subprocess.run(["node", "bench/search_node.js", str(site), f"bench/{name}", *lang],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = re.search(r"hit@3=([0-9.]+) MRR@10=([0-9.]+)", result.stdout)
    assert found, result.stdout
    hit3, mrr = float(found.group(1)), float(found.group(2))
    floor3, floor_mrr = FLOORS[name]
    assert hit3 >= floor3 and mrr >= floor_mrr, f"{name}: hit@3 {hit3:.3f}, MRR@10 {mrr:.3f}"
