"""Errors a writer can act on: each mistake stops the strict build with the file, the line
and what to write instead (hooks/writer_errors.py, checkers' SpecError).

Every case builds its own broken copy of the project; the builds run side by side once per
module (a failing build stops early, so it never builds the Pyodide wheels).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sitebuild import Build, build_site, copy_project

pytestmark = pytest.mark.slow

PAGE = "docs/sending-fails.md"
DATA = "checkers/data/support.toml"


@dataclass(frozen=True)
class Outcome:
    """A broken copy's build, and the line of the mistake in the broken file."""

    build: Build
    line: int


def _append(text: str) -> Callable[[Path], int]:
    """Add `text` as the last line of the page; the mistake's line is that last line."""

    def edit(project: Path) -> int:
        page = project / PAGE
        body = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n"
        page.write_text(body, encoding="utf-8")
        return len(body.splitlines())

    return edit


def _data(old: str, new: str, line_of: str) -> Callable[[Path], int]:
    """Replace `old` by `new` in support.toml; the mistake's line is the last line holding
    `line_of` up to the end of `new` (so a table header above it works too)."""

    def edit(project: Path) -> int:
        path = project / DATA
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        at = text.index(old)
        text = text[:at] + new + text[at + len(old) :]
        path.write_text(text, encoding="utf-8")
        end = text[: at + len(new)].count("\n") + 1
        lines = text.splitlines()[:end]
        return max(n for n, line in enumerate(lines, start=1) if line_of in line)

    return edit


CASES: dict[str, Callable[[Path], int]] = {
    "misspelt_macro": _append("{{ numbr_checker() }}"),
    "bad_region": _append('{{ number_checker("XX") }}'),
    "ui_without_arguments": _append("Click {{ ui() }}."),
    "unknown_keyword": _append('{{ number_checker(regoin="IE") }}'),
    "missing_argument": _append("{{ report_builder() }}"),
    "unknown_report_kind": _append('{{ report_builder("nope") }}'),
    "unknown_please_include": _append('{{ please_include("nope") }}'),
    "template_syntax": _append('{{ number_checker("IE" }}'),
    "field_type": _data('type = "phone_list"', 'type = "mobile"', 'type = "mobile"'),
    "field_label_missing": _data(
        'id = "sent_at"\nlabel = "When were the messages sent?"\n',
        'id = "sent_at"\n',
        "[[kinds.not_received.fields]]",
    ),
    "duplicate_id": _data('id = "sent_at"', 'id = "applicants"', 'id = "applicants"'),
    "toml_syntax": _data('type = "phone_list"', 'type = "phone_list', 'type = "phone_list'),
    "broken_link": _append("See [the tools](tool.md)."),
    "broken_anchor": _append("See [Step 2](not-received.md#s2-stepp2)."),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every broken copy, built strictly, side by side."""

    def run(name: str) -> tuple[str, Outcome]:
        project = copy_project(tmp_path_factory.mktemp(name))
        line = CASES[name](project)
        build = build_site(project, project / "site", pythonpath=project)
        return name, Outcome(build, line)

    with ThreadPoolExecutor(max_workers=6) as pool:
        return dict(pool.map(run, CASES))


def error_line(outcome: Outcome, place: str) -> str:
    """The one log line that starts with `place` (``file:line:``); the build failed."""
    build = outcome.build
    assert build.returncode != 0, build.log
    assert "Traceback" not in build.log, build.log
    lines = [
        re.sub(r"^(ERROR|WARNING)\s+-\s+", "", line)
        for line in build.log.splitlines()
        if re.match(r"(ERROR|WARNING)\b", line)
    ]
    found = [line for line in lines if line.startswith(f"{place}:{outcome.line}: ")]
    assert len(found) == 1, (place, outcome.line, build.log)
    return found[0]


WANTED: dict[str, tuple[str, tuple[str, ...]]] = {
    # case: the file the line names, and what the line says
    "misspelt_macro": (
        PAGE,
        (
            'unknown macro "numbr_checker"',
            "Did you mean number_checker(region=None)?",
            "please_include",
        ),
    ),
    "bad_region": (
        PAGE,
        (
            "number_checker('XX'): unknown region 'XX'",
            "Use a two-letter country code such as GB, IE or US",
        ),
    ),
    "ui_without_arguments": (
        PAGE,
        ('name at least one menu item or button, e.g. ui("Save and Close")',),
    ),
    "unknown_keyword": (
        PAGE,
        (
            'number_checker() has no argument "regoin". Did you mean region=?',
            "Write it as number_checker(region=None).",
        ),
    ),
    "missing_argument": (
        PAGE,
        ('report_builder() needs "kind". Write it as report_builder(kind).',),
    ),
    "unknown_report_kind": (
        PAGE,
        (
            "report_builder('nope'): Unknown report kind 'nope': use one of",
            "not_received",
        ),
    ),
    "unknown_please_include": (
        PAGE,
        (
            "please_include('nope'): Unknown report kind 'nope'",
            'Or write please_include("common").',
        ),
    ),
    "template_syntax": (
        PAGE,
        (
            "this macro is not written correctly",
            '{{ name("argument") }}',
        ),
    ),
    "field_type": (
        DATA,
        (
            "[[kinds.not_received.fields]] number 2 (id = 'applicants')",
            "type = 'mobile' is not a field type. Write one of text, long_text, phone, phone_list",
        ),
    ),
    "field_label_missing": (
        DATA,
        ("(id = 'sent_at'): label is missing; add it.",),
    ),
    "duplicate_id": (
        DATA,
        ("the field id 'applicants' is used twice; give each one its own id.",),
    ),
    "toml_syntax": (
        DATA,
        (
            "this is not valid TOML",
            "Check the quotes and brackets on this line",
        ),
    ),
    "broken_link": (
        PAGE,
        (
            "the link (tool.md) points to a page that does not exist",
            "Did you mean (tools.md)?",
        ),
    ),
    "broken_anchor": (
        PAGE,
        (
            "points to a heading that not-received.md does not have",
            "Did you mean (not-received.md#s2-step2)?",
        ),
    ),
}


@pytest.mark.parametrize("case", WANTED)
def test_each_mistake_names_its_line_and_what_to_write(
    outcomes: dict[str, Outcome], case: str
) -> None:
    place, wanted = WANTED[case]
    line = error_line(outcomes[case], place)
    assert [words for words in wanted if words not in line] == [], line


def test_every_case_is_checked() -> None:
    assert sorted(WANTED) == sorted(CASES)
