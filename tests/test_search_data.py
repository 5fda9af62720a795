"""Every mistake in the search data (search/data/*.yml) stops the build, naming the file and the fix."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build, search_index
from test_bad_input import GOOD, make_project

QUESTIONS = "questions-en.yml"
CASES = {
    # file, replace (old, new) in the real file or None to write `text`, text, expected message
    "renamed heading": (QUESTIONS, None, '"/page/#old-name":\n  - what is this\n',
                        "no search result has the address /page/#old-name"),
    "address without slash": (QUESTIONS, None, '"page/#a-section":\n  - what is this\n',
                              "an address starts with '/'"),
    "not a list": (QUESTIONS, None, '"/page/#a-section": what is this\n', "expected a list of searches"),
    "capital letters": (QUESTIONS, None, '"/page/#a-section":\n  - What Is This\n', "must be plain lower-case text"),
    "look-alike letter": (QUESTIONS, None, '"/page/#a-section":\n  - coll\u0430gen\n', "must be plain lower-case text"),
    "listed twice": (QUESTIONS, None, '"/page/#a-section":\n  - collagen\n  - collagen\n', "'collagen' is listed twice"),
    "too long": (QUESTIONS, None, '"/page/#a-section":\n  - ' + " ".join(["word"] * 13) + "\n",
                 "has more than 12 words"),
    "questions not a mapping": (QUESTIONS, None, "- collagen\n", "expected a mapping of result addresses"),
    "colon without quotes": (QUESTIONS, None, '"/page/#a-section": what: this\n',
                             "put the text in quotes"),
    "key given twice": ("ranking.yml", ("  max_words: 12\n", "  max_words: 12\n  max_words: 3\n"), None,
                        "'max_words' is given twice"),
    "synonym without why": ("en.yml", ("    why: Readers name minoxidil by its brands.\n", ""), None,
                            "synonyms: entry {entry}: must have exactly the keys match, add and why"),
    "synonym add not a list": ("en.yml", ("    add: [regaine,", "    add: regaine\n    x: ["), None,
                               "synonyms: entry {entry}"),
    "stop word in capitals": ("en.yml", ("  words: >-\n    a able", "  words: >-\n    A able"), None,
                              "stop_words: expected a 'why:' and 'words:' in lower case"),
    "unknown stemmer": ("en.yml", ("stemmer: porter", "stemmer: snowball"), None, "stemmer: must be one of"),
    "weight out of range": ("ranking.yml", ("synonym: {value: ", "synonym: {value: 7"), None,
                            "weights: synonym: must be a number from 0 to 1"),
    "unknown weight": ("ranking.yml", ("  k1: {", "  k2: {value: 1, why: a weight with a typo in it}\n  k1: {"), None,
                       "unknown weight(s) k2"),
    "weight without why": ("ranking.yml", (', why: "how fast repeats of a word stop adding (BM25)"', ""), None,
                           "weights: k1: needs a 'why:' sentence"),
    "bad topic pattern": ("ranking.yml", ('docs: "coring|ellacor"', 'docs: "coring|(ellacor"'), None,
                          "topics: entry 1: docs: not a valid pattern"),
    "symptom place not a whole number": ("ranking.yml", ("  slot_named: 3\n", "  slot_named: 2.5\n"), None,
                                         "symptoms: slot_named: must be a whole number from 0 (off) to 10 (got 2.5)"),
    "symptom place missing": ("ranking.yml", ("  slot_named: 3\n", ""), None,
                              "symptoms: expected exactly answers, docs, factor, fitted, max_share, slot, slot_named, why"),
    "bad answers pattern": ("ranking.yml", ('answers: "^(safety', 'answers: "^((safety'), None,
                            "symptoms: answers: not a valid pattern"),
    "no after words": ("en.yml", ("symptom_reports:\n", "symptom_report:\n"), None,
                       "expected exactly the sections"),
    "help line links no page": ("en.yml", ('  page: ""', "  page: safety/gone/"), None,
                                "symptom_reports: page: no page has the address safety/gone/"),
    "other-language line missing": ("es.yml", ('  message: "¿Busca en español?', '  mensaje: "¿Busca en español?'), None,
                                    "other_language: expected 'why:' and 'message:'"),
    "symptom words from a missing file": ("en.yml", ("includes/expected-effects.md]", "includes/expected-effect.md]"), None,
                                          "symptoms_from: files: no file includes/expected-effect.md"),
    "symptom words not words": ("en.yml", ("    infection infected granuloma", "    Infection, infected granuloma"), None,
                                "symptoms_from: words: expected lower-case words separated by spaces"),
    "learned words for a renamed heading": ("reader-words-en.yml", None,
                                            'symptoms: []\nweights: {}\nreport_weights: {}\nresults:\n  "/page/#old-name": ["sandpaper"]\n',
                                            "no search result has the address /page/#old-name"),
    "learned words edited by hand": ("reader-words-en.yml", None,
                                     'symptoms: []\nweights: {}\nreport_weights: {}\nresults:\n  "/page/#a-section": ["Sand paper"]\n',
                                     "results: '/page/#a-section': expected a list of lower-case words "
                                     "(it is written by search/expand.js"),
    "learned symptom word with a space": ("reader-words-en.yml", None, 'symptoms: ["sand paper"]\nresults: {}\nweights: {}\nreport_weights: {}\n',
                                          "symptoms: expected a list of lower-case words"),
    "learned words without their keys": ("reader-words-en.yml", None, '"/page/#a-section": ["sandpaper"]\n',
                                         "expected 'symptoms: [words]', 'results:'"),
    "learned weights missing": ("reader-words-en.yml", None, 'symptoms: []\nresults: {}\n',
                                "'weights:' (words with how much each counts)"),
    "learned weight edited to 1.5": ("reader-words-en.yml", None, 'symptoms: []\nresults: {}\nreport_weights: {}\nweights:\n  "jaw": 1.5\n',
                                     "weights: 'jaw': expected a number between 0 and 1, not 1.5 (it is written by "
                                     "search/expand.js"),
    "learned weight not a number": ("reader-words-en.yml", None, 'symptoms: []\nresults: {}\nreport_weights: {}\nweights:\n  "jaw": low\n',
                                    "weights: 'jaw': expected a number between 0 and 1, not 'low'"),
    "learned report weights missing": ("reader-words-en.yml", None, 'symptoms: []\nresults: {}\nweights: {}\n',
                                       "and 'report_weights:' (the same in queries reporting a symptom)"),
    "learned report weight edited to 1": ("reader-words-en.yml", None,
                                          'symptoms: []\nresults: {}\nweights: {}\nreport_weights:\n  "jaw": 1\n',
                                          "report_weights: 'jaw': expected a number between 0 and 1, not 1 (it is "
                                          "written by search/expand.js"),
    "learned weight for two words": ("reader-words-en.yml", None,
                                     'symptoms: []\nresults: {}\nreport_weights: {}\nweights:\n  "my jaw": 0.2\n',
                                     "weights: 'my jaw': expected a lower-case word"),
    "compound of one word": ("en.yml", ("  words: [cold sore, cold sores,", "  words: [cold sore, coldsores,"), None,
                             "compounds: expected a 'why:' and 'words: [...]', each a name of two or more words"),
    "compound with a hyphen": ("en.yml", ("  words: [cold sore, cold sores, fever blister, fever blisters]", "  words: [cold-sore]"), None,
                               "in lower case without accents or hyphens, such as 'cold sore'"),
    "own stem with an accent": ("es.yml", ("  words: [pus, ", "  words: [pús, "), None,
                                "own_stems: expected a 'why:' and 'words: [...]', each the forms of one word in lower case"),
    "own stem in two groups": ("en.yml", ("  words: [severe severely severity]", "  words: [severe severely, severe]"), None,
                               "own_stems: severe: a word may be in one group only"),
    "help line misspelt": ("en.yml", ('  message: "Worried', '  mesage: "Worried'), None,
                           "symptom_reports: expected 'why:', 'pattern:'"),
}


def search_data_copy(project: Path) -> Path:
    """Replace the project's links to the real search data with copies to edit."""
    data = project / "search" / "data"
    for path in (ROOT / "search" / "data").iterdir():
        if (data / path.name).is_symlink():
            (data / path.name).unlink()
            shutil.copy(path, data / path.name)
    return data


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_search_data_fails_build(tmp_path: Path, case: str) -> None:
    name, replace, text, expected = CASES[case]
    project = make_project(tmp_path, {"page.md": GOOD})
    path = search_data_copy(project) / name
    if replace:
        old, new = replace
        original = path.read_text(encoding="utf-8")
        assert old in original, f"the case no longer applies to {name}: {old!r}"
        text = original.replace(old, new, 1)
        # "{entry}": the number of the synonym the edit is in, counted as the hook counts
        expected = expected.replace("{entry}", str(original[:original.index(old)].split("\nsynonyms:", 1)[-1].count("\n  - match:")))
    path.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed:\n{out}"
    assert f"search/data/{name}" in out and expected in out, out
    assert "Traceback" not in out, out


def test_reader_searches_reach_the_index(tmp_path: Path) -> None:
    """A result's reader searches and learned reader words go into its index entry, the learned word weights into
    the index; readers never see them."""
    project = make_project(tmp_path, {"page.md": GOOD})
    (search_data_copy(project) / QUESTIONS).write_text(
        '"/page/#a-section":\n  - sunburn tonight\n  - fever blister tonight\n', encoding="utf-8")
    (project / "search" / "data" / "reader-words-en.yml").write_text(
        'symptoms: ["shivery"]\nresults:\n  "/page/#a-section": ["sandpaper", "true"]\nweights:\n  "jaw": 0.05\n'
        'report_weights:\n  "cheeks": 0.3\n',
        encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    raw = json.loads(next((tmp_path / "out" / "search").glob("index.en.*.json")).read_text(encoding="utf-8"))
    addresses, pages = raw["docs"]["address"], raw["docs"]["page"]
    assert ["#a-section", "page/"] in [[a, addresses[p]] for a, p in zip(addresses, pages) if p >= 0]
    index = search_index(tmp_path / "out")
    (doc,) = [d for d in index["docs"] if d[0] == "page/#a-section"]
    assert doc[4] == "sunburn tonight fever blister tonight"
    assert doc[6] == "sandpaper true"
    assert index["symptoms"]["learned"] == "shivery"
    assert index["compounds"] == ["cold sore", "cold sores", "fever blister", "fever blisters"]
    assert index["ownStems"] == [["severe", "severely", "severity"]]
    assert index["readerWeights"] == {"jaw": 0.05}
    assert index["reportWeights"] == {"cheeks": 0.3}
    assert "sandpaper" not in (tmp_path / "out" / "page" / "index.html").read_text(encoding="utf-8")
    assert "sunburn" not in (tmp_path / "out" / "page" / "index.html").read_text(encoding="utf-8")
