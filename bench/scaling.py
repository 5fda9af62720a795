"""Scaling benchmark: build time and search-index size as generated pages are added.

Usage: python bench/scaling.py [--sizes 0,100,300,1000] [--runs 2]

For each size N, a temporary project is made as tests/test_bad_input.py `make_project` does:
hooks/, overrides/, includes/ and data/ are symlinks to the real ones, docs/ is a copy of
the real docs plus N generated articles in docs/generated/, and mkdocs.yml INHERITs the real
config with the nav overridden (the real nav plus a "Generated" section of groups of 25 pages). Each generated
article has valid front matter (title, description, reviewed 2026-11-22, next_review
2027-11-22, sources [S13]), ~400 words of plain text and three `## Heading {#id}` sections.

The site is built with `mkdocs build --strict` (all hooks) in a fresh subprocess; with
--runs > 1 the fastest run counts. Prints, per size: pages built, wall time, ms per page,
search/index.en.*.json raw and gzipped (level 9, as bench/search_quality.py), bytes per
page; then least-squares fits time = a + b*pages and index = a + b*pages with R^2, and the
marginal cost of each step, which shows super-linear growth more clearly than R^2 does, and
the mean built HTML size per page (grows with the nav each page carries).
"""
from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_time import load_note  # noqa: E402
from site_server import ROOT, mkdocs_build  # noqa: E402

TOPICS = [
    "acne scars", "enlarged pores", "fine lines", "stretch marks", "uneven skin tone",
    "sun damage", "dull skin", "scalp care", "skin texture", "dark marks",
]
AREAS = ["cheeks", "forehead", "chin", "neck", "upper arms", "scalp", "jawline", "back"]
HEADINGS = [
    ("What to know first", "what-to-know"), ("How treatment is planned", "planning"),
    ("What the evidence says", "what-the-evidence-says"), ("Recovery and aftercare", "recovery"),
    ("Questions to ask your clinic", "questions-to-ask"), ("When to be careful", "when-to-be-careful"),
]
SENTENCES = [
    "Micro-needling uses many fine needles to make tiny wounds in the top layers of the skin.",
    "The skin repairs these wounds by making new collagen over the next few months.",
    "Most people need a series of sessions spaced about four to six weeks apart.",
    "Results build slowly, so it can take three months or more to see a change in {topic}.",
    "Studies suggest it can help {topic}, but the size of the change varies from person to person.",
    "There is limited evidence on how long the results last without more sessions.",
    "Your skin will likely be red and tender for one to three days after each session.",
    "A trained clinician should check your skin and your medicines before the first session.",
    "Treatment on the {area} may feel different from treatment on other parts of the face.",
    "Numbing cream is often used, and most people describe the feeling as mild discomfort.",
    "Keep the treated skin clean and avoid makeup for about a day, or as your clinic advises.",
    "Use a broad-spectrum sunscreen every day while the skin heals and for weeks after.",
    "Do not use home rollers on broken skin, active acne or a cold sore.",
    "Deeper treatment can mean a longer recovery and a higher chance of side effects.",
    "People with darker skin should ask about the risk of dark patches after treatment.",
    "Stop and get medical advice if you notice spreading redness, pus, fever or severe pain.",
    "Ask how many times the clinic has treated {topic} and what results you can expect.",
    "A fair plan names the needle depth, the number of sessions and the total cost.",
    "Some clinics report good results on the {area}, but clinic reports are weaker evidence than trials.",
    "It improves how skin looks; it does not change the deeper structure of the skin.",
    "Write down any product you use on your skin so you can share the list at your visit.",
    "Photos taken in the same light before each session make it easier to judge change.",
    "Home devices use shorter needles, and they are not the same as a clinic treatment.",
    "Needles must be sterile and used once, because reused needles can spread infection.",
    "Skip the session if the skin on the {area} is sunburned, broken or infected.",
    "Tell the clinic if you take a blood thinner, and never stop it without asking your doctor.",
    "Mild flaking for a few days is common and usually settles without treatment.",
    "Gentle cleansing and a plain moisturiser are usually enough in the first days.",
    "Retinol and exfoliating acids are often paused for a few days before and after treatment.",
    "The cost per session varies a lot between clinics and regions.",
]


def article(i: int, rng: random.Random) -> str:
    """A realistic ~400-word article with valid front matter and three ## sections."""
    topic, area = rng.choice(TOPICS), rng.choice(AREAS)
    fill = lambda s: s.format(topic=topic, area=area)  # noqa: E731
    heads = rng.sample(HEADINGS, 3)
    pool = [fill(s) for s in rng.sample(SENTENCES, 24)]  # 24 different sentences, ~400 words
    take = lambda n: " ".join(pool.pop() for _ in range(n))  # noqa: E731
    body = [take(3)]
    for title, hid in heads:
        body.append(f"## {title} {{#{hid}}}")
        body += [take(3), take(3), take(1) + f" This note is number {i} in the series."]
    return (
        "---\n"
        f"title: Micro-needling for {topic} on the {area}, part {i}\n"
        f"description: What to expect from micro-needling for {topic} on the {area}, "
        "and how to plan sessions and recovery.\n"
        "reviewed: 2026-11-22\n"
        "next_review: 2027-11-22\n"
        "sources: [S13]\n"
        "---\n\n" + "\n\n".join(body) + "\n"
    )


GROUP = 25  # generated pages per nav section


def make_project(tmp: Path, extra: int) -> Path:
    """A temporary project: real hooks/data as symlinks, copied docs plus `extra` pages."""
    project = tmp / f"project-{extra}"
    project.mkdir()
    for name in ("hooks", "overrides", "includes", "data"):
        (project / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copytree(ROOT / "docs", project / "docs")
    rng = random.Random(extra)
    generated = []
    for i in range(1, extra + 1):
        rel = f"generated/article-{i:04d}.md"
        (project / "docs" / rel).parent.mkdir(exist_ok=True)
        (project / "docs" / rel).write_text(article(i, rng), encoding="utf-8")
        generated.append(rel)
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    if generated:
        # Grouped 25 to a section, as a real site of this size would be: with
        # navigation.prune a page carries the other groups' names, not all their pages.
        groups = [generated[i:i + GROUP] for i in range(0, len(generated), GROUP)]
        nav = nav + [{"Generated": [{f"Group {n:02d}": g} for n, g in enumerate(groups, start=1)]}]
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": "docs", "nav": nav}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least squares y = a + b*x; returns (a, b, R^2)."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    ss_res = sum((y - (a + b * x)) ** 2 for x, y in zip(xs, ys))
    ss_tot = sum((y - my) ** 2 for y in ys)
    return a, b, 1 - ss_res / ss_tot if ss_tot else 1.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,100,300,1000", help="extra page counts (default 0,100,300,1000)")
    parser.add_argument("--runs", type=int, default=2, help="builds per size; the fastest counts (default 2)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    load_before = os.getloadavg()[0]
    rows = []  # (extra, pages, seconds, raw, gz, mean HTML bytes per page)
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        tmp_path = Path(tmp)
        warm = mkdocs_build(ROOT, tmp_path / "warm")  # untimed: warms file cache and .pyc files
        if warm.returncode:
            sys.exit(f"build failed:\n{warm.stdout}\n{warm.stderr}")
        for extra in sizes:
            project = make_project(tmp_path, extra)
            best = float("inf")
            for run in range(args.runs):
                dest = tmp_path / f"site-{extra}-{run}"
                start = time.perf_counter()
                result = mkdocs_build(project, dest)
                elapsed = time.perf_counter() - start
                if result.returncode:
                    sys.exit(f"build with {extra} extra pages failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
                best = min(best, elapsed)
            data = next((dest / "search").glob("index.en.*.json")).read_bytes()  # the real index (search/hook.py)
            html = [f for f in dest.rglob("index.html") if not f.relative_to(dest).as_posix().startswith("embed/")]
            pages = len(html)
            html_kb = sum(f.stat().st_size for f in html) / pages / 1024
            rows.append((extra, pages, best, len(data), len(gzip.compress(data, compresslevel=9)), html_kb))
            print(f"{extra} extra pages: {best:.2f} s", file=sys.stderr)
            shutil.rmtree(project)

    print("\nmkdocs build --strict of the site plus generated ~400-word articles\n")
    print(f"{'extra':>6}{'pages':>7}{'time s':>9}{'ms/page':>9}{'index raw':>12}{'index gz':>11}"
          f"{'raw B/page':>12}{'gz B/page':>11}{'HTML KB/page':>14}")
    for extra, pages, secs, raw, gz, html_kb in rows:
        print(f"{extra:>6}{pages:>7}{secs:>9.2f}{secs * 1000 / pages:>9.1f}{raw:>12,}{gz:>11,}"
              f"{raw / pages:>12,.0f}{gz / pages:>11,.0f}{html_kb:>14,.0f}")
    print("(pages = article pages built, excluding the generated /embed/faq/ pages and 404; generated"
          " pages reuse one sentence pool, so their gzipped share is lower than real prose would be;"
          "\n HTML KB/page = mean size of a built page: with navigation.prune it carries the sections and group names, not every page)")

    if len(rows) >= 3:
        xs = [float(r[1]) for r in rows]
        a, b, r2 = linear_fit(xs, [r[2] for r in rows])
        print(f"\nfit time  = {a:.2f} s + {b * 1000:.2f} ms * pages    R^2 = {r2:.4f}")
        a, b, r2 = linear_fit(xs, [float(r[3]) for r in rows])
        print(f"fit index = {a:,.0f} B + {b:,.0f} B * pages      R^2 = {r2:.4f}  (raw)")
    if len(rows) >= 2:
        print("\nmarginal cost per added page:")
        for prev, cur in zip(rows, rows[1:]):
            dp = cur[1] - prev[1]
            print(f"  {prev[0]:>5} -> {cur[0]:<5} {(cur[2] - prev[2]) * 1000 / dp:7.1f} ms/page"
                  f"  {(cur[3] - prev[3]) / dp:8,.0f} B/page raw index")
    print("\n" + load_note(load_before))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
