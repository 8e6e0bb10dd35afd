"""Benchmark the bulk audit: rows per second and peak memory, on two kinds of contact list.

Run from the repository root: python bench/bench_audit.py [--rows 200000] [--runs 3]

Each list is generated in a temporary CSV, in the formats a CRM export really holds, and
audited in this one process (one core):

- ``uk``: distinct UK numbers (mobiles, landlines, +44, 0044, typos, extensions, blanks).
- ``world``: numbers from every region phonenumbers knows: each region's example number of
  each type, and the non-geographic ones, written as E.164, international, 00-prefixed,
  without the +, national, ``tel:`` and with an extension, with the last three digits
  drawn at random, so almost every row is distinct.

For each list, at a tenth of ``--rows`` and at ``--rows``, it prints the median rows per
second of ``checkers.audit_csv`` over ``--runs`` runs and the peak memory traced in one more
run; at ``--rows`` also the command line (``checkers audit FILE --output FIXED.csv``, run in
this process). Issue 14's targets are judged on the command line at 200,000 rows.
``--without-speedups`` first undoes ``checkers._internal.phonenumbers_speedups``, to show in
one run what it gives. It imports nothing else of checkers' internals but the command line,
so it also measures an older checkers (``PYTHONPATH=OLD_CHECKOUT``) for a before and after.
It exits 0 whether the targets are met or not.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberFormat

from checkers import audit_csv
from checkers._internal.cli import main as cli_main

TARGETS = {"uk": 40_000, "world": 30_000}
"""Rows per second the command line must reach on 200,000 rows, on one core (issue 14)."""

HEADER = "Id;First name;Surname;Mobile;Email\r\n"
"""The header of every generated list; the numbers are in the Mobile column."""

_UK_FORMATS = (
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
_RANDOM_TAIL = 3
"""How many of the last digits of a world number are drawn at random."""


def uk_numbers(rows: int, seed: int, pool: int = 0) -> Iterator[str]:
    """Yield `rows` UK-heavy numbers as typed in a CRM (from `pool` distinct ones if given)."""

    def number(rng: random.Random) -> str:
        return rng.choice(_UK_FORMATS).format(
            a=rng.randrange(400, 1000),
            b=rng.randrange(1_000_000),
            c=rng.randrange(10_000),
        )

    return _numbers(rows, seed, pool, number)


def world_numbers(rows: int, seed: int, pool: int = 0) -> Iterator[str]:
    """Yield `rows` numbers from every region (from `pool` distinct ones if given)."""
    templates = world_templates()

    def number(rng: random.Random) -> str:
        written, suffix = rng.choice(templates)
        chars = list(written)
        digits = [position for position, char in enumerate(chars) if char.isdigit()]
        for position in digits[-_RANDOM_TAIL:]:
            chars[position] = str(rng.randrange(10))
        return "".join(chars) + suffix

    return _numbers(rows, seed, pool, number)


def world_examples() -> list[PhoneNumber]:
    """Return phonenumbers' example number of each type for every region, and non-geographic."""
    examples: list[PhoneNumber] = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in range(phonenumbers.PhoneNumberType.VOICEMAIL + 1):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                examples.append(example)
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        example = phonenumbers.example_number_for_non_geo_entity(code)
        if example is not None:
            examples.append(example)
    return examples


def world_templates() -> tuple[tuple[str, str], ...]:
    """Return every region's example numbers, each written in each CRM format.

    Each is a pair: the number as written, and what follows it (an extension, or nothing).
    """
    templates: list[tuple[str, str]] = []
    for example in world_examples():
        e164 = phonenumbers.format_number(example, PhoneNumberFormat.E164)
        international = phonenumbers.format_number(example, PhoneNumberFormat.INTERNATIONAL)
        templates += [
            (e164, ""),
            (international, ""),
            (phonenumbers.format_out_of_country_calling_number(example, "GB"), ""),
            (e164[1:], ""),
            (phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL), ""),
            (phonenumbers.format_number(example, PhoneNumberFormat.RFC3966), ""),
            (international, " ext. 12"),
        ]
    return tuple(templates)


def _numbers(
    rows: int,
    seed: int,
    pool: int,
    number: Callable[[random.Random], str],
) -> Iterator[str]:
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    pool_seeds = [rng.randrange(1 << 30) for _ in range(pool)]
    for _ in range(rows):
        yield number(random.Random(rng.choice(pool_seeds)) if pool else rng)  # noqa: S311


def contact_lines(numbers: Iterable[str]) -> Iterator[str]:
    """Yield a contacts CSV, header first, with one row per number in its Mobile column."""
    yield HEADER
    for index, number in enumerate(numbers):
        yield f"{index};Jane;Smith-{index};{number};jane{index}@example.com\r\n"


def write_csv(path: Path, numbers: Iterable[str]) -> None:
    """Write a contacts CSV of the numbers (see `contact_lines`)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.writelines(contact_lines(numbers))


CORPORA: dict[str, Callable[[int, int, int], Iterator[str]]] = {
    "uk": uk_numbers,
    "world": world_numbers,
}
"""Each list the benchmark audits: (rows, seed, pool) -> its numbers."""


def audit_rate(path: Path) -> float:
    """Audit the file as `checkers.audit_csv` does; return rows per second."""
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as lines:
        audit = audit_csv(lines, "mobile")
        rows = sum(1 for _row in audit.rows())
    return rows / (time.perf_counter() - started)


def cli_rate(path: Path, rows: int) -> float:
    """Run ``checkers audit FILE --column mobile --output FIXED.csv``; return rows per second."""
    fixed = path.with_suffix(".fixed.csv")
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        cli_main(["audit", str(path), "--column", "mobile", "--output", str(fixed)])
    rate = rows / (time.perf_counter() - started)
    fixed.unlink()
    return rate


def peak_memory(path: Path) -> int:
    """Audit the file once more with tracemalloc on; return the peak bytes traced."""
    tracemalloc.start()
    with path.open(encoding="utf-8", newline="") as lines:
        for _row in audit_csv(lines, "mobile").rows():
            pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def _median(measure: Callable[[], float], runs: int) -> str:
    rates = [measure() for _ in range(runs)]
    return f"{statistics.median(rates):>7,.0f} ({min(rates):,.0f} to {max(rates):,.0f})"


def _load() -> str:
    """Return the machine's load average over 1, 5 and 15 minutes, as printed."""
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--pool", type=int, default=0, help="draw numbers from this many")
    parser.add_argument("--corpus", choices=[*CORPORA, "both"], default="both")
    parser.add_argument("--without-speedups", action="store_true")
    options = parser.parse_args()
    if options.without_speedups:
        from checkers._internal import phonenumbers_speedups  # noqa: PLC0415 - only here

        phonenumbers_speedups.uninstall()
    corpora = list(CORPORA) if options.corpus == "both" else [options.corpus]
    off = " (phonenumbers_speedups undone)" if options.without_speedups else ""
    print(f"Bulk audit, one process, median rows/s of {options.runs} runs{off}")
    print(f"Load average before: {_load()} (2 cores: above 1 the figures are low)", flush=True)
    verdicts = []
    with tempfile.TemporaryDirectory() as folder:
        for corpus in corpora:
            for rows in (options.rows // 10, options.rows):
                path = Path(folder) / f"{corpus}-{rows}.csv"
                write_csv(path, CORPORA[corpus](rows, options.seed, options.pool))
                audit = _median(lambda path=path: audit_rate(path), options.runs)
                peak = peak_memory(path)
                line = (
                    f"{corpus:>5} {rows:>8,} rows ({path.stat().st_size / 1e6:4.1f} MB): "
                    f"audit_csv {audit} rows/s, peak traced memory {peak / 1e6:5.2f} MB"
                )
                if rows == options.rows:
                    rates = [cli_rate(path, rows) for _ in range(options.runs)]
                    cli = statistics.median(rates)
                    line += f"; CLI {cli:,.0f} ({min(rates):,.0f} to {max(rates):,.0f}) rows/s"
                    target = TARGETS[corpus]
                    met = "PASS" if cli >= target else "MISS"
                    verdicts.append(
                        f"{met} {corpus}: CLI {cli:,.0f} rows/s on {rows:,} rows "
                        f"(target {target:,} rows/s)",
                    )
                print(line, flush=True)
    print(f"Load average after: {_load()}")
    print("Targets (issue 14: 200,000 rows, one core):")
    for verdict in verdicts:
        print(f"  {verdict}")


if __name__ == "__main__":
    main()
