#!/usr/bin/env python3
"""Project tasks. Each one installs what it needs first.

    python3 tasks.py check    the editors' check: a strict build, then every test that needs
                              no browser (under a minute); run it before every commit
    python3 tasks.py serve    serve the site at http://127.0.0.1:8000 with live reload (also when
                              includes/, data/, overrides/, hooks/ or search/ change)
    python3 tasks.py test     run every test: search/tests in Node, then pytest (pytest arguments may follow)
    python3 tasks.py build    build the static site into site/ (strictly)
    python3 tasks.py register-urls   add new public URLs to data/published-urls.txt

Never add -q to a build: in MkDocs 1.6 it hides the warnings that strict mode turns into errors.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
REQUIREMENTS = ROOT / "requirements.txt"
STAMP = VENV / ".requirements.sha256"
CHROMIUM = Path("/usr/bin/chromium")
APT_PACKAGES = ["chromium", "fonts-dejavu-core"]
# Java runs the Nu Html Checker (npm vnu-jar); Node runs Lighthouse for the benchmarks.
APT_TOOLS = {"java": "default-jre-headless", "node": "nodejs", "npm": "npm"}
PACKAGE_JSON = ROOT / "package.json"
NODE_STAMP = ROOT / "node_modules" / ".package-lock.sha256"
# Test modules `check` leaves to `test`: the HTML validator (Java) is slow to start.
CHECK_SKIP = ["--ignore=tests/test_html_validity.py"]
# Folders the build reads besides docs/: `serve` rebuilds when one of them changes.
WATCH = ["includes", "data", "overrides", "hooks", "search"]


def run(cmd: list[str], **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)


def ensure_python_packages() -> None:
    """Create .venv and install the pinned packages when requirements.txt has changed."""
    if not PY.exists():
        venv.create(VENV, with_pip=True)
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != digest:
        run([PY, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", REQUIREMENTS])
        STAMP.write_text(digest)


def ensure_apt_packages() -> None:
    """Install Debian's Chromium (browser tests), Java and Node (HTML checker) when missing."""
    missing = [] if CHROMIUM.exists() else list(APT_PACKAGES)
    missing += [pkg for tool, pkg in APT_TOOLS.items() if not shutil.which(tool)]
    if not missing:
        return
    if not shutil.which("apt-get"):
        sys.exit(f"The tests need these Debian packages: {' '.join(missing)}; install them and retry.")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(sudo + ["apt-get", "update", "-qq"], env=env)
    run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def ensure_node_packages() -> None:
    """Install the pinned npm packages (package-lock.json) when the lock file has changed."""
    lock = ROOT / "package-lock.json"
    if not PACKAGE_JSON.exists() or not lock.exists():
        return
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if NODE_STAMP.exists() and NODE_STAMP.read_text() == digest:
        return
    run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"])
    NODE_STAMP.write_text(digest)


def main(argv: list[str]) -> int:
    task, args = (argv[0], argv[1:]) if argv else ("help", [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if task == "serve":
        ensure_python_packages()
        watch = [arg for name in WATCH if (ROOT / name).exists() for arg in ("--watch", name)]
        run([BIN / "mkdocs", "serve", "--livereload", *watch, "-a", "127.0.0.1:8000", *args], env=env)
    elif task == "build":
        ensure_python_packages()
        run([BIN / "mkdocs", "build", "--strict", *args], env=env)
    elif task == "register-urls":
        ensure_python_packages()
        dest = ROOT / "site"
        run([BIN / "mkdocs", "build", "--strict", "-d", dest], env=env)
        run([PY, ROOT / "scripts" / "register_urls.py", dest])
    elif task == "check":
        ensure_python_packages()
        with tempfile.TemporaryDirectory(prefix="mng-check-") as tmp:
            run([BIN / "mkdocs", "build", "--strict", "-d", Path(tmp) / "site"], env=env)
            # The tests use this build instead of making their own.
            run([PY, "-m", "pytest", "-q", "-n", "2", "-m", "not browser", "-p", "no:cacheprovider", *CHECK_SKIP, *args],
                env={**env, "MNG_BUILT_SITE": str(Path(tmp) / "site")})
    elif task == "test":
        ensure_python_packages()
        ensure_apt_packages()
        ensure_node_packages()
        if not args:  # the search engine's unit tests (Node's test runner), then pytest
            run(["node", "--test", "search/tests/"], env=env)
        # With no arguments, pytest also lists the 20 slowest tests: the suite must stay under 15 minutes.
        run([PY, "-m", "pytest", *(args or ["--durations=20"])], env=env)
    else:
        print(__doc__)
        return 0 if task == "help" else 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as err:
        sys.exit(err.returncode)
    except KeyboardInterrupt:
        sys.exit(130)
