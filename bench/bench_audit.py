"""Benchmark `checkers.audit_csv`: rows per second and peak memory at 20k and 200k rows.

Run from the repository root: PYTHONPATH=. python bench/bench_audit.py [--rows 200000]
The CSV is generated in a temporary file (by default every number is distinct, in the
formats a CRM export really holds), then streamed through the audit as the CLI does.
``--pool 5000`` draws the numbers from 5,000 distinct ones, as when contacts repeat.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from checkers import audit_csv

_FORMATS = (
    "07{a:03d} {b:06d}",
    "+447{a:03d}{b:06d}",
    "447{a:03d}{b:06d}",
    "0044 7{a:03d} {b:06d}",
    "01{a:03d} {b:06d}",
    "+1 (202) {a:03d}-{c:04d}",
    "07{a:03d}-{b:06d} x12",
    "",
    "07{a:03d} {b:05d}",
    "O7{a:03d} {b:06d}",
)


def write_csv(path: Path, rows: int, seed: int, pool: int = 0) -> None:
    """Write a contacts CSV of `rows` rows with a Mobile column.

    With `pool`, numbers are drawn from that many distinct ones (contacts that repeat).
    """
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    pool_seeds = [rng.randrange(1 << 30) for _ in range(pool)]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Id;First name;Surname;Mobile;Email\r\n")
        for index in range(rows):
            number_rng = random.Random(rng.choice(pool_seeds)) if pool else rng  # noqa: S311
            number = number_rng.choice(_FORMATS).format(
                a=number_rng.randrange(400, 1000),
                b=number_rng.randrange(1_000_000),
                c=number_rng.randrange(10_000),
            )
            out.write(f"{index};Jane;Smith-{index};{number};jane{index}@example.com\r\n")


def run(path: Path) -> tuple[int, float, int]:
    """Audit the file; return (rows, seconds, peak bytes traced)."""
    tracemalloc.start()
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as lines:
        audit = audit_csv(lines, "mobile")
        for _row in audit.rows():
            pass
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return audit.summary.rows, elapsed, peak


def speed(path: Path) -> float:
    """Audit the file without tracing memory; return rows per second."""
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as lines:
        audit = audit_csv(lines, "mobile")
        rows = sum(1 for _row in audit.rows())
    return rows / (time.perf_counter() - started)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pool",
        type=int,
        default=0,
        help="draw numbers from this many distinct ones",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for rows in (options.rows // 10, options.rows):
            path = Path(folder) / f"contacts-{rows}.csv"
            write_csv(path, rows, options.seed, options.pool)
            rate = speed(path)
            counted, _, peak = run(path)
            size = path.stat().st_size / 1e6
            print(
                f"{counted:>8,} rows ({size:5.1f} MB): {rate:>9,.0f} rows/s, "
                f"peak traced memory {peak / 1e6:5.2f} MB",
            )


if __name__ == "__main__":
    main()
