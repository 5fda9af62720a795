#!/usr/bin/env python3
"""Project tasks. Each one installs what it needs first.

    python3 tasks.py serve    serve the site at http://127.0.0.1:8000 with live reload
    python3 tasks.py test     run every test (pytest arguments may follow)
    python3 tasks.py build    build the static site into site/
    python3 tasks.py register-urls   add new public URLs to data/published-urls.txt
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
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
    """Install Debian's Chromium (for the browser tests) when it is missing."""
    if CHROMIUM.exists():
        return
    if not shutil.which("apt-get"):
        sys.exit("The browser tests need Debian's chromium at /usr/bin/chromium; install it and retry.")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(sudo + ["apt-get", "update", "-qq"], env=env)
    run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *APT_PACKAGES], env=env)


def main(argv: list[str]) -> int:
    task, args = (argv[0], argv[1:]) if argv else ("help", [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if task == "serve":
        ensure_python_packages()
        run([BIN / "mkdocs", "serve", "--livereload", "-a", "127.0.0.1:8000", *args], env=env)
    elif task == "build":
        ensure_python_packages()
        run([BIN / "mkdocs", "build", *args], env=env)
    elif task == "register-urls":
        ensure_python_packages()
        dest = ROOT / "site"
        run([BIN / "mkdocs", "build", "--strict", "-q", "-d", dest], env=env)
        run([PY, ROOT / "scripts" / "register_urls.py", dest])
    elif task == "test":
        ensure_python_packages()
        ensure_apt_packages()
        run([PY, "-m", "pytest", *args], env=env)
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
