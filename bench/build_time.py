"""Build-time benchmark: the real site against a plain Material build of the same docs.

Usage: python bench/build_time.py [--runs N]   (default N=15)

"site"  = `mkdocs build --strict` of /work/main/mkdocs.yml (all hooks, overrides, redirects).
"plain" = a temporary mkdocs.yml with the same docs_dir, Material with the same features and
          palette, the same markdown extensions (pymdownx.snippets with base_path set to the
          project folder so `--8<--` lines still resolve), plugins search and tags only: no
          hooks, no custom_dir, no redirects, no strict validation. Markers such as
          <!-- all-sources --> simply stay HTML comments there, and there are no glossary
          tooltips (the glossary hook hands the terms to `abbr`), so their cost counts as hooks'.

The two builds alternate (plain, site, plain, site, ...), each in a fresh subprocess writing to
a fresh temporary folder (deleted right after), so caches and machine noise hit both alike.
Times are wall clock of the whole `python -m mkdocs build` process (interpreter start-up
included), with Python's bytecode cache on for both (see bytecode_env). Prints the median,
min and max of each, the ratio site/plain of the medians and the share the hooks add, and the median of the per-run
ratios, which a slow spell of the machine (it hits one pair of builds) disturbs less.
Target: hooks add at most 20%. On a shared 2-core machine the ratio moves by a few points
between runs of this script: use 15 runs or more.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_server import ROOT, mkdocs_build  # noqa: E402

TARGET_PERCENT = 20.0


def plain_config() -> dict:
    """The site's config reduced to plain Material: no hooks, overrides or strictness."""
    site = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = {k: v for k, v in site["theme"].items() if k != "custom_dir"}
    extensions = []
    for ext in site["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            opts = dict(ext["pymdownx.snippets"])
            opts["base_path"] = [str(ROOT)]
            ext = {"pymdownx.snippets": opts}
        extensions.append(ext)
    search = next((p["search"] for p in site["plugins"] if isinstance(p, dict) and "search" in p), {})
    return {
        "site_name": site["site_name"],
        "site_url": site["site_url"],
        "site_description": site["site_description"],
        "docs_dir": str(ROOT / "docs"),
        "theme": theme,
        "extra_css": site.get("extra_css", []),
        "extra_javascript": site.get("extra_javascript", []),
        "markdown_extensions": extensions,
        "plugins": [{"search": search}, "tags"],
        "nav": site["nav"],
    }


def bytecode_env(cache: Path) -> dict[str, str]:
    """The environment for the timed builds: Python caches compiled bytecode, in `cache`.

    Installed packages (MkDocs, Material) come with compiled bytecode; the hooks are
    compiled on first use and cached like any module on a normal machine. Where
    PYTHONDONTWRITEBYTECODE is set (as on some CI images) the hooks would be compiled
    again in every build (about 15 ms) while Material's code would not. One cache
    folder, warmed by the untimed first builds, serves both kinds of build alike.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(cache), "NO_MKDOCS_2_WARNING": "1"}


def build_plain(config: Path, dest: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(dest)],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=600,
    )


REPORTED = re.compile(r"Documentation built in ([\d.]+) seconds")


def build_site(dest: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return mkdocs_build(ROOT, dest, env=env)


def timed(fn, *args) -> tuple[float, float]:
    """(wall seconds of the subprocess, seconds mkdocs itself reports for the build)."""
    start = time.perf_counter()
    result = fn(*args)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build failed ({fn.__name__}):\n{result.stdout}\n{result.stderr}")
    m = REPORTED.search(result.stdout + result.stderr)
    return elapsed, float(m.group(1)) if m else float("nan")


def load_note(before: float) -> str:
    """The 1-minute load average before and after: timings mean little on a busy machine."""
    after, cores = os.getloadavg()[0], os.cpu_count() or 1
    busy = "  (BUSY: other processes compete for the CPU; timings are inflated and noisy)" \
        if max(before, after) > cores else ""
    return f"load average (1 min) before/after: {before:.1f} / {after:.1f} on {cores} cores{busy}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="builds of each kind (default 15)")
    args = parser.parse_args(argv)

    load_before = os.getloadavg()[0]
    times: dict[str, list[float]] = {"plain": [], "site": []}
    reported: dict[str, list[float]] = {"plain": [], "site": []}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp_path = Path(tmp)
        config = tmp_path / "plain" / "mkdocs.yml"
        config.parent.mkdir()
        config.write_text(yaml.safe_dump(plain_config(), sort_keys=False, allow_unicode=True), encoding="utf-8")
        env = bytecode_env(tmp_path / "pycache")
        # One untimed build of each first: warms the OS file cache and the bytecode cache for both.
        timed(build_plain, config, tmp_path / "warm-plain", env)
        timed(build_site, tmp_path / "warm-site", env)
        for i in range(args.runs):
            for name, fn, args_ in (("plain", build_plain, (config,)), ("site", build_site, ())):
                dest = tmp_path / f"{name}-{i}"
                wall, own = timed(fn, *args_, dest, env)
                # Delete each output at once, so the next builds do not share the machine
                # with the kernel writing the last ones' 2-3 MB to disk.
                shutil.rmtree(dest)
                times[name].append(wall)
                reported[name].append(own)
            print(f"run {i + 1}/{args.runs}: plain {times['plain'][-1]:.2f} s, site {times['site'][-1]:.2f} s",
                  file=sys.stderr)

    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"\nmkdocs build wall time, {args.runs} alternating runs each (seconds)\n")
    print(f"{'build':<8}{'median':>9}{'min':>9}{'max':>9}{'mkdocs-reported median':>25}")
    for name in ("plain", "site"):
        v = times[name]
        print(f"{name:<8}{med[name]:>9.2f}{min(v):>9.2f}{max(v):>9.2f}{statistics.median(reported[name]):>25.2f}")
    paired = statistics.median(s / p for s, p in zip(times["site"], times["plain"]))
    ratio = med["site"] / med["plain"]
    added = (ratio - 1) * 100
    verdict = "OK" if added <= TARGET_PERCENT else "OVER TARGET"
    print(f"\nratio site/plain (medians): {ratio:.3f}")
    print(f"median of the per-run ratios (each site build over the plain build just before it): {paired:.3f}")
    own = statistics.median(reported["site"]) / statistics.median(reported["plain"])
    print(f"hooks' added share: {added:+.1f}% (target <= {TARGET_PERCENT:.0f}%: {verdict})")
    print(f"same on mkdocs' own reported build time (no interpreter start-up): {(own - 1) * 100:+.1f}%")
    print("note: 'site' also differs by overrides/ templates, the redirects plugin and --strict validation,"
          " so the share is an upper bound for the hooks alone")
    print(load_note(load_before))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
