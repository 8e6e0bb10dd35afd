"""The command line as tests run it: `main()` in this process, with files and stdin."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from checkers._internal.cli import main


@dataclass
class Cli:
    """Runs `python -m checkers` in-process; files go in a test's own folder."""

    capsys: pytest.CaptureFixture[str]
    folder: Path
    monkeypatch: pytest.MonkeyPatch

    def run(self, *argv: str) -> tuple[int, str, str]:
        """Exit code, stdout and stderr of one run."""
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err

    def file(self, name: str, content: str | bytes) -> Path:
        """A file of the test's folder holding `content` (text is written as UTF-8)."""
        path = self.folder / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    def stdin(self, content: bytes) -> None:
        """What the next run reads from standard input."""
        self.monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content)))


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The command line, with a folder and stdin of the test's own."""
    return Cli(capsys, tmp_path, monkeypatch)
