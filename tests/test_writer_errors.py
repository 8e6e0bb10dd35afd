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


def test_misspelt_macro_names_the_line_and_the_macro_meant(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["misspelt_macro"], PAGE)
    assert 'unknown macro "numbr_checker"' in line
    assert "Did you mean number_checker(region=None)?" in line
    assert "please_include" in line  # the list of macros a writer can use


def test_unknown_region_says_which_codes_to_write(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["bad_region"], PAGE)
    assert "number_checker('XX'): unknown region 'XX'" in line
    assert re.search(r"Use a two-letter country code such as GB, IE or US", line)


def test_ui_without_a_name_shows_an_example(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["ui_without_arguments"], PAGE)
    assert 'name at least one menu item or button, e.g. ui("Save and Close")' in line


def test_unknown_keyword_suggests_the_argument(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["unknown_keyword"], PAGE)
    assert 'number_checker() has no argument "regoin". Did you mean region=?' in line
    assert "Write it as number_checker(region=None)." in line


def test_missing_argument_says_what_the_macro_needs(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["missing_argument"], PAGE)
    assert 'report_builder() needs "kind". Write it as report_builder(kind).' in line


def test_unknown_report_kind_lists_the_kinds(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["unknown_report_kind"], PAGE)
    assert "report_builder('nope'): Unknown report kind 'nope': use one of" in line
    assert "not_received" in line


def test_unknown_please_include_kind_lists_the_kinds(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["unknown_please_include"], PAGE)
    assert "please_include('nope'): Unknown report kind 'nope'" in line
    assert 'Or write please_include("common").' in line


def test_template_syntax_error_shows_how_to_write_a_macro(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["template_syntax"], PAGE)
    assert "this macro is not written correctly" in line
    assert '{{ name("argument") }}' in line


def test_unknown_field_type_names_the_data_file_line(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["field_type"], DATA)
    assert "[[kinds.not_received.fields]] number 2 (id = 'applicants')" in line
    assert (
        "type = 'mobile' is not a field type. Write one of text, long_text, phone, phone_list"
        in line
    )


def test_missing_label_points_at_the_fields_table(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["field_label_missing"], DATA)
    assert "(id = 'sent_at'): label is missing; add it." in line


def test_duplicate_id_points_at_the_second_id(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["duplicate_id"], DATA)
    assert "the field id 'applicants' is used twice; give each one its own id." in line


def test_toml_syntax_error_names_the_line(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["toml_syntax"], DATA)
    assert "this is not valid TOML" in line
    assert "Check the quotes and brackets on this line" in line


def test_broken_link_suggests_the_page(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["broken_link"], PAGE)
    assert "the link (tool.md) points to a page that does not exist" in line
    assert "Did you mean (tools.md)?" in line


def test_broken_anchor_suggests_the_heading(outcomes: dict[str, Outcome]) -> None:
    line = error_line(outcomes["broken_anchor"], PAGE)
    assert "points to a heading that not-received.md does not have" in line
    assert "Did you mean (not-received.md#s2-step2)?" in line
