"""Speed-ups of number checks: no result changes, memory stays flat, phonenumbers keeps its shape.

The reference path is phonenumbers on its own (`phonenumbers_speedups` undone, plain
``region_code_for_number`` and ``number_type`` calls) and the text splitting without its
shortcuts; every result of `check_number` must be the same either way.
"""

from __future__ import annotations

import dataclasses
import gc
import inspect
import re
import subprocess
import sys
import tracemalloc
import types
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberType, phonenumberutil

from bench.bench_audit import contact_lines, uk_numbers, world_examples, world_numbers
from checkers import audit_csv, check_number
from checkers._internal import (
    audit,
    number_lengths,
    number_parse,
    number_text,
    number_types,
    numbers,
    phonenumbers_speedups,
)
from checkers._internal.cells import FORMULA_TRIGGERS
from checkers._internal.phonenumbers_speedups import MAX_PATTERNS, compile_pattern

DEFAULT_REGIONS = ("GB", "US", "FR", "IN", "DE", "BR", "JE", "CA")
"""Default regions the corpus is read in, in turn (several share a calling code)."""


def _corpus() -> list[tuple[str, str]]:
    """(number as typed, default region): 12,000 from every region, 3,000 UK-heavy."""
    typed = [*world_numbers(12_000, seed=7), *uk_numbers(3_000, seed=7)]
    return [(raw, DEFAULT_REGIONS[index % len(DEFAULT_REGIONS)]) for index, raw in enumerate(typed)]


def _results(corpus: list[tuple[str, str]]) -> list[dict[str, object]]:
    return [check_number(raw, region).to_dict() for raw, region in corpus]


def _plain_region_and_type(number: PhoneNumber) -> tuple[str | None, int]:
    return phonenumbers.region_code_for_number(number), phonenumbers.number_type(number)


def _plain_is_mobile(country: int, national: str) -> bool:
    try:
        number = phonenumbers.parse(f"+{country}{national}", None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) == PhoneNumberType.MOBILE


def _plain_formatting(number: str, *, has_tel_prefix: bool) -> tuple[str, ...]:
    """`number_text._formatting` as it was: every character named, one by one."""
    found: dict[str, None] = {"tel:": None} if has_tel_prefix else {}
    if "(0)" in number:
        found["(0)"] = None
        number = number.replace("(0)", "")
    for position, char in enumerate(number):
        name = None if position == 0 and char == "+" else number_text._character_name(char)
        if name:
            found[name] = None
    return tuple(found)


def _plain_is_blank(raw: str) -> bool:
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in raw)


@contextmanager
def _reference_path() -> Iterator[None]:
    """Check numbers without any speed-up inside the block."""
    phonenumbers_speedups.uninstall()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(numbers, "region_and_type", _plain_region_and_type)
            patch.setattr(numbers, "parse_number", phonenumbers.parse)
            patch.setattr(number_lengths, "_is_mobile", _plain_is_mobile)
            patch.setattr(numbers, "is_blank", _plain_is_blank)
            patch.setattr(
                phonenumbers_speedups, "normalize_digits_only", phonenumbers.normalize_digits_only
            )
            patch.setattr(number_text, "_PLAIN_CHARACTERS", frozenset())
            patch.setattr(number_text, "_formatting", _plain_formatting)
            yield
    finally:
        phonenumbers_speedups.install()


def test_results_are_identical_without_the_speed_ups() -> None:
    corpus = _corpus()
    got = _results(corpus)
    with _reference_path():
        assert not phonenumbers_speedups.installed()
        expected = _results(corpus)
    assert phonenumbers_speedups.installed()
    assert len({raw for raw, _ in corpus}) > 14_000  # nearly every input is distinct
    assert {result["verdict_code"] for result in got} >= {"ready", "landline", "invalid"}
    differ = [(raw, a, b) for (raw, _), a, b in zip(corpus, expected, got, strict=True) if a != b]
    assert differ == []


def test_speed_ups_are_in_place_once_checkers_is_imported() -> None:
    assert phonenumbers_speedups.installed()
    assert phonenumberutil.re is phonenumbers_speedups.CACHING_RE
    assert phonenumberutil.re.compile is compile_pattern
    assert phonenumberutil.re.sub is re.sub  # everything else is the standard module
    # Only phonenumbers' own module is changed: everyone else keeps the originals.
    assert re.compile is not compile_pattern
    assert phonenumbers.normalize_digits_only is not phonenumbers_speedups.normalize_digits_only


def test_uninstall_gives_phonenumbers_its_own_names_back() -> None:
    try:
        phonenumbers_speedups.uninstall()
        assert not phonenumbers_speedups.installed()
        assert phonenumberutil.re is re
        assert phonenumberutil.normalize_digits_only is phonenumbers.normalize_digits_only
    finally:
        phonenumbers_speedups.install()
    phonenumbers_speedups.install()  # a second install changes nothing
    assert phonenumbers_speedups.installed()


@pytest.mark.parametrize("name", ["re", "normalize_digits_only"])
def test_install_fails_loudly_when_phonenumbers_changes_shape(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr(phonenumberutil, name, types.SimpleNamespace())
    with pytest.raises(RuntimeError, match=rf"phonenumberutil\.{name} .*needs updating"):
        phonenumbers_speedups.install()


def test_phonenumbers_compiles_its_patterns_through_the_cache() -> None:
    """If phonenumbers stopped calling re.compile at match time, the cache would be dead."""
    compile_pattern.cache_clear()
    number = phonenumbers.parse("+33 6 12 34 56 78")
    assert phonenumbers.is_valid_number(number)
    first = compile_pattern.cache_info()
    assert first.misses > 0
    assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    assert phonenumbers.is_valid_number(phonenumbers.parse("+33 6 98 76 54 32"))
    again = compile_pattern.cache_info()
    assert again.hits > first.hits


def _metadata_patterns() -> set[str]:
    """Every regular expression in phonenumbers' metadata, for every region."""
    everything = [
        PhoneMetadata.metadata_for_region(region) for region in phonenumbers.SUPPORTED_REGIONS
    ]
    everything += [
        PhoneMetadata.metadata_for_nongeo_region(code)
        for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS
    ]
    patterns: set[str] = set()
    for metadata in everything:
        assert metadata is not None
        for value in vars(metadata).values():
            if isinstance(value, phonenumbers.PhoneNumberDesc) and value.national_number_pattern:
                patterns.add(value.national_number_pattern)
        for text in (
            metadata.leading_digits,
            metadata.international_prefix,
            metadata.national_prefix_for_parsing,
        ):
            if text:
                patterns.add(text)
        for number_format in (*metadata.number_format, *metadata.intl_number_format):
            patterns.add(number_format.pattern)
            patterns.update(number_format.leading_digits_pattern)
    return patterns


def test_the_pattern_cache_holds_every_metadata_pattern() -> None:
    patterns = _metadata_patterns()
    assert len(patterns) > 512  # more than Python's re keeps: why the cache is needed
    assert len(patterns) < MAX_PATTERNS  # so none is compiled twice, and memory is bounded
    assert compile_pattern.cache_info().maxsize == MAX_PATTERNS


def _numbers_from_every_region() -> Iterator[PhoneNumber]:
    """Each example number, and variants: other last digits, a digit short, a digit over."""
    for example in world_examples():
        yield example
        digits = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)[1:]
        for variant in (digits[:-1] + str(9 - int(digits[-1])), digits[:-1], digits + "5"):
            try:
                yield phonenumbers.parse("+" + variant)
            except phonenumbers.NumberParseException:
                continue


def test_region_and_type_agree_with_phonenumbers() -> None:
    seen = {PhoneNumberType.UNKNOWN: 0}
    for number in _numbers_from_every_region():
        region, kind = number_types.region_and_type(number)
        assert (region, kind) == _plain_region_and_type(number), number
        assert (kind != PhoneNumberType.UNKNOWN) == phonenumbers.is_valid_number(number)
        seen[kind] = seen.get(kind, 0) + 1
    assert seen[PhoneNumberType.UNKNOWN] > 100  # invalid numbers are covered too
    assert len(seen) == len(number_types._SPECIAL_TYPES) + 4  # and every type


def test_number_types_tests_the_types_in_phonenumbers_order() -> None:
    """number_types follows `_number_type_helper`: fail loudly if phonenumbers reorders it."""
    source = inspect.getsource(phonenumberutil._number_type_helper)
    read = re.findall(r"metadata\.(\w+)", source)
    special = [name for name, _ in number_types._SPECIAL_TYPES]
    same = "same_mobile_and_fixed_line_pattern"
    assert read == ["general_desc", *special, "fixed_line", same, "mobile", same, "mobile"]
    returned = re.findall(r"return PhoneNumberType\.(\w+)", source)
    kinds = [getattr(PhoneNumberType, name) for name in returned[1 : 1 + len(special)]]
    assert kinds == [kind for _, kind in number_types._SPECIAL_TYPES]


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("0123456789 +-().x#/٣३３\u00a0ab")),
    st.booleans(),
)
def test_normalize_digits_only_matches_phonenumbers(text: str, keep_non_digits: bool) -> None:
    ours = phonenumbers_speedups.normalize_digits_only(text, keep_non_digits)
    assert ours == phonenumbers.normalize_digits_only(text, keep_non_digits)


def test_normalize_digits_only_matches_phonenumbers_on_every_ascii_character() -> None:
    for code in range(128):
        text = f"0{chr(code)}1"
        for keep in (False, True):
            got = phonenumbers_speedups.normalize_digits_only(text, keep)
            assert got == phonenumbers.normalize_digits_only(text, keep)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 +-().xt:el;=#,٣３\u00a0\u200b(0)O")))
def test_number_text_shortcuts_change_nothing(raw: str) -> None:
    quick = number_text.split_number_text(raw)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(number_text, "_PLAIN_CHARACTERS", frozenset())
        patch.setattr(number_text, "_formatting", _plain_formatting)
        assert number_text.split_number_text(raw) == quick
    assert number_text.is_blank(raw) == _plain_is_blank(raw)


def test_memory_stays_flat_on_numbers_from_every_region() -> None:
    """Peak memory of an audit at 20,000 and 200,000 rows, each from the same start."""
    PhoneMetadata.load_all()  # phonenumbers reads each region's data once, when first needed

    def peak(rows: int) -> int:
        compile_pattern.cache_clear()
        number_types._COUNTRIES.clear()
        number_types._MOBILES.clear()
        number_parse._NATIONAL_PREFIXES.clear()
        number_text._formatting_names.cache_clear()
        tracemalloc.start()
        for _ in audit_csv(contact_lines(world_numbers(rows, seed=3)), "mobile").rows():
            pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(20_000), peak(200_000)
    assert large < small * 1.1
    assert 512 < compile_pattern.cache_info().currsize <= MAX_PATTERNS


def test_checkers_imported_again_finds_phonenumbers_own_names() -> None:
    """`mkdocs serve` imports checkers again after an edit: the speed-ups install again."""
    code = (
        "import sys\n"
        "import checkers\n"
        "checkers.check_number  # the number check installs them (on first use of a name)\n"
        "from phonenumbers import phonenumberutil as u\n"
        "for name in [n for n in sys.modules if n.split('.')[0] == 'checkers']:\n"
        "    del sys.modules[name]\n"
        "import checkers\n"
        "from checkers._internal import phonenumbers_speedups as speedups\n"
        "checkers.check_number\n"
        "assert speedups.installed()\n"
        "assert speedups._PHONENUMBERS_NORMALIZE.__module__ == 'phonenumbers.phonenumberutil'\n"
        "assert checkers.check_number('07400 123456').e164 == '+447400123456'\n"
        "speedups.uninstall()\n"
        "assert u.re.compile is __import__('re').compile\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_worker_module_is_imported_without_every_check() -> None:
    """Pyodide's ``pyimport("checkers.worker")`` runs ``__import__("checkers", fromlist=
    ["worker"])``, which asks checkers for "worker" before importing it: that must not
    import every check (the browser's start would pay for them all), and the public names
    still come on first use."""
    code = (
        "import sys\n"
        "module = __import__('checkers', fromlist=['worker'])\n"
        "assert callable(module.worker.call)\n"
        "print(*sorted(n for n in sys.modules if n.split('.')[0] == 'checkers'))\n"
        "from checkers import check_number\n"
        "assert check_number('07400 123456').e164 == '+447400123456'\n"
        "print('checkers._public' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, timeout=60, capture_output=True, text=True
    )
    first, public = done.stdout.splitlines()
    loaded = first.split()
    assert "checkers.worker" in loaded
    assert not [name for name in loaded if name in {"checkers._public", "checkers._internal.audit"}]
    assert not [name for name in loaded if name.startswith("checkers._internal.numbers")]
    assert public == "True"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab1=+-@ \t\r\n\x00"), max_size=4), max_size=6))
def test_the_formula_search_finds_every_cell_that_may_be_a_formula(cells: list[str]) -> None:
    """It may look further where a cell holds a NUL, never less far than cell by cell."""
    found = audit._may_hold_formula(cells)
    by_cell = any(cell[:1] in FORMULA_TRIGGERS for cell in cells)
    assert found == by_cell or (found and any("\x00" in cell for cell in cells))


# Messages worded when read, and results made without their dataclass __init__.

LATE_WORDED = {
    "0114 272 1234": "landline",  # the national form is formatted
    "6502530000": "missing_country_code",  # a reading with a country code is looked for
    "07400 12345": "too_short",  # an example number and a country name are looked up
    "07400 1234567": "too_long",
}
"""Typed numbers whose problem with this code is worded only when its message is read."""


@pytest.mark.parametrize(("raw", "code"), LATE_WORDED.items())
def test_a_message_worded_when_read_is_the_same_sentence(raw: str, code: str) -> None:
    found = next(item for item in check_number(raw, "GB").problems if item.code == code)
    assert callable(found.wording), "this message is meant to be worded when read"
    message = found.message
    assert isinstance(message, str)
    assert message.endswith(".")
    assert found.message is message, "worded once"
    worded = numbers.problem(code, message)
    assert found == worded
    assert hash(found) == hash(worded)
    assert found != numbers.problem(code, message + " Again.")
    assert repr(found) == repr(worded)
    assert message in repr(found)
    assert found.to_dict() == {"code": code, "severity": found.severity, "message": message}


def test_results_made_quickly_hold_every_field_their_init_sets() -> None:
    """``dataclasses.replace`` runs `__init__` with every field: a missing one would raise."""
    lines = list(contact_lines([*world_numbers(1_500, seed=5), *uk_numbers(500, seed=5)]))
    rows = list(audit_csv(lines, "mobile").rows())
    assert len(rows) == 2_000
    for row in rows:
        assert dataclasses.replace(row) == row
        assert dataclasses.replace(row.check) == row.check
        for found in row.check.problems:
            assert dataclasses.replace(found) == found


def test_an_audit_makes_no_reference_cycles() -> None:
    """So pausing the cycle collector while a file is audited keeps memory flat."""
    typed = [*world_numbers(3_000, seed=3), *uk_numbers(1_000, seed=3)]
    data = "".join(contact_lines(typed)).encode()
    gc.collect()
    with audit.collector_paused():
        assert not gc.isenabled()
        result = audit.audit_file(data, "mobile")
        for row in [*result.cannot_receive.rows, *result.needs_fix.rows]:
            assert row
        found = gc.collect()
    assert result.summary.rows == 4_000
    assert found == 0, f"{found} objects were left in reference cycles"


def test_the_collector_is_restored_after_an_audit_even_one_that_fails() -> None:
    def audit_while_paused(data: bytes) -> None:
        with audit.collector_paused():
            assert not gc.isenabled()
            audit.audit_file(data, "mobile")

    assert gc.isenabled()
    with pytest.raises(audit.AuditError):
        audit_while_paused(b"")
    assert gc.isenabled()
    gc.disable()
    try:
        with audit.collector_paused():
            pass
        assert not gc.isenabled(), "a collector paused before stays paused"
    finally:
        gc.enable()


def test_a_number_repeated_on_the_next_row_is_checked_once() -> None:
    lines = ["Name,Mobile\n", "A,07400 123456\n", "B,07400 123456\n", "C,\n", "D,\n"]
    lines += ["E,07400 123456\n", "F,0114 272 1234\n"]
    rows = list(audit_csv(lines, "mobile").rows())
    assert [row.check.verdict_code for row in rows] == [
        "fix_format", "fix_format", "empty", "empty", "fix_format", "landline",
    ]  # fmt: skip
    assert rows[1].check is rows[0].check
    assert rows[3].check is rows[2].check
    assert rows[4].check is not rows[0].check
    assert rows[4].check == rows[0].check
    assert [row.value for row in rows] == [line.split(",")[1].strip() for line in lines[1:]]
