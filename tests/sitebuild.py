"""Helpers for tests that build the real site: run `mkdocs build --strict` into a folder."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT.parent / "shared" / "guide" / "sms-troubleshooting-guide.txt"


@dataclass(frozen=True)
class Build:
    """The outcome of one strict build."""

    returncode: int
    log: str
    site: Path

    def page(self, url: str) -> BeautifulSoup:
        """The parsed HTML of the page at `url` ('' for the start page)."""
        path = self.site / url / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    @property
    def warnings(self) -> list[str]:
        """WARNING and ERROR lines of the build log."""
        return [line for line in self.log.splitlines() if re.match(r"(WARNING|ERROR)\b", line)]


def build_site(project: Path, site: Path, pythonpath: Path | None = None) -> Build:
    """Build `project` (a folder holding mkdocs.yml) strictly into `site`.

    `pythonpath` goes first on the import path, so a copy's `checkers` is the one used.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    env.pop("SITE_URL", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(pythonpath), env.get("PYTHONPATH", "")])
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


def copy_project(dest: Path) -> Path:
    """Copy what a site build reads (config, docs, macros, hooks, checkers) into `dest`."""
    for name in ("mkdocs.yml", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "macros", "hooks", "checkers", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("node_modules", ".cache"):
        (dest / name).symlink_to(ROOT / name)
    return dest


def load_hook(name: str = "pyodide_runtime") -> ModuleType:
    """Import hooks/<name>.py by path, as MkDocs does (hooks are not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
