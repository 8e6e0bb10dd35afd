"""The SMS Limits allowance table check (guide Section 1, Check 1)."""

from __future__ import annotations

import json

import pytest

from checkers import MAX_SHOWN_ROWS, MAX_TABLE_CHARACTERS, AllowanceError, check_allowances


def rows(text: str) -> list[tuple[str, str, int | None, bool]]:
    report = check_allowances(text)
    return [(r.user, r.code, r.allowance, r.can_send) for r in report.rows]


def test_tab_separated_with_header() -> None:
    text = "User\tDaily Allowance\nJane Smith\t100\nBob Jones\t\nAl\t0\nZed\t-3\nQ\t2.5\nX\tabc\n"
    assert rows(text) == [
        ("Jane Smith", "ok", 100, True),
        ("Bob Jones", "blank", None, False),
        ("Al", "zero", 0, False),
        ("Zed", "negative", -3, False),
        ("Q", "not_whole", None, False),
        ("X", "not_a_number", None, False),
    ]
    report = check_allowances(text)
    assert (report.can_send, report.cannot_send, report.all_can_send) == (1, 5, False)


def test_reasons_are_short_and_the_fix_is_said_once() -> None:
    report = check_allowances("User\tDaily Allowance\nBob\t\nAl\t0\n\t-1\n")
    assert [row.reason for row in report.rows] == [
        "Daily Allowance is blank.",
        "Daily Allowance is 0.",
        "Daily Allowance is -1, a negative number.",
    ]
    assert report.fix == (
        "To let them send SMS: in Plugins → SMS Limits, enter a whole number above 0 (such as "
        "100) as the Daily Allowance of each user listed, then click Save and Close."
    )
    assert [row.who for row in report.rows] == ["Bob", "Al", "The user on line 4"]
    assert check_allowances("User\tDaily Allowance\nBob\t5\n").fix is None


def test_a_table_separated_by_spaces_reads_as_name_then_allowance() -> None:
    text = "User Daily Allowance\nAlex Morgan 100\nSam Patel 0\nJo Evans\nAnn Lee 1 000\n"
    assert rows(text) == [
        ("Alex Morgan", "ok", 100, True),
        ("Sam Patel", "zero", 0, False),
        ("Jo Evans", "blank", None, False),
        ("Ann Lee", "ok", 1000, True),
    ]
    assert rows("Alex Morgan 100\nSam Patel 2.5\n") == [
        ("Alex Morgan", "ok", 100, True),
        ("Sam Patel", "not_whole", None, False),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane\t100\nBob\t0\n", [("Jane", "ok", 100, True), ("Bob", "zero", 0, False)]),
        ("Jane,100\nBob,\n", [("Jane", "ok", 100, True), ("Bob", "blank", None, False)]),
        ("Jane;100\n", [("Jane", "ok", 100, True)]),
        ("Jane,jane@x.com,Admin,50\n", [("Jane", "ok", 50, True)]),
    ],
)
def test_without_header_first_column_is_user_last_is_allowance(
    text: str,
    expected: list[tuple[str, str, int | None, bool]],
) -> None:
    assert rows(text) == expected


def test_other_columns_and_header_names() -> None:
    text = "Email,Username,Role,daily_allowance\nj@x,jane,Admin,20\n"
    assert rows(text) == [("jane", "ok", 20, True)]


@pytest.mark.parametrize("value", ['"1,000"', "1 000", "1\u00a0000", "1'000"])
def test_thousands_separators_read_as_whole_thousands(value: str) -> None:
    assert rows(f"User,Daily Allowance\nJane,{value}\n") == [("Jane", "ok", 1000, True)]


def test_unquoted_comma_thousands_in_last_column() -> None:
    assert rows("User,Daily Allowance\nJane,1,000\n") == [("Jane", "ok", 1000, True)]


def test_decimal_point_thousands_are_ambiguous_and_block() -> None:
    assert rows("User\tDaily Allowance\nJane\t1.000\n")[0][1] == "not_whole"


def test_full_width_and_unicode_minus() -> None:
    assert rows("Jane\t\uff15\uff10\nBob\t\u22125\n") == [
        ("Jane", "ok", 50, True),
        ("Bob", "negative", -5, False),
    ]


def test_duplicate_users_are_noted() -> None:
    report = check_allowances("User\tDaily Allowance\nJane Smith\t10\njane  smith\t20\n")
    assert len(report.notes) == 1
    assert "appears 2 times" in report.notes[0]


def test_missing_user_name_is_noted() -> None:
    report = check_allowances("User\tDaily Allowance\n\t10\n")
    assert report.notes == ("Rows without a user name on line(s) 2.",)


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\ufeff"])
def test_empty_input(text: str) -> None:
    with pytest.raises(AllowanceError, match=r"^Nothing was pasted\."):
        check_allowances(text)


@pytest.mark.parametrize("text", ["hello", "Jane Smith\nBob\n", "User\tDaily Allowance\n"])
def test_no_recognisable_table(text: str) -> None:
    with pytest.raises(AllowanceError, match="Plugins > SMS Limits"):
        check_allowances(text)


def test_ragged_rows_treat_missing_allowance_as_blank() -> None:
    assert rows("User\tDaily Allowance\nJane\t5\nBob\n") == [
        ("Jane", "ok", 5, True),
        ("Bob", "blank", None, False),
    ]


def test_unbalanced_quote_gives_a_message() -> None:
    with pytest.raises(AllowanceError, match="could not be read"):
        check_allowances('Jane,"5\n' + "x" * 200_000)


def test_a_big_table_is_checked_and_a_huge_one_refused_in_plain_words() -> None:
    big = check_allowances("Jane\t5\n" * 200_000)
    assert big.can_send == 200_000
    assert len(big.notes) == 1
    too_big = "User\tDaily Allowance\n" + "Jane\t5\n" * (MAX_TABLE_CHARACTERS // 7)
    with pytest.raises(
        AllowanceError, match=r"too large to check here \([\d,]+ characters; the limit"
    ):
        check_allowances(too_big)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("User\tDaily Allowance\nJane\t5\n", "The 1 user in the table can send SMS."),
        ("User\tDaily Allowance\nJane\t0\n", "The 1 user in the table cannot send SMS."),
        ("User\tDaily Allowance\nJane\t5\nBob\t7\n", "All 2 users in the table can send SMS."),
        ("User\tDaily Allowance\nJane\t5\nBob\t0\nAl\t\n", "2 of 3 users cannot send SMS."),
    ],
)
def test_the_verdict_is_worded_by_checkers(text: str, verdict: str) -> None:
    assert check_allowances(text).verdict == verdict


def test_the_page_gets_the_first_blocked_users_and_a_count_of_the_rest() -> None:
    blocked = MAX_SHOWN_ROWS + 25
    text = "User\tDaily Allowance\n" + "".join(f"U{i}\t0\n" for i in range(blocked)) + "Ok\t5\n"
    page = check_allowances(text).for_page()
    assert len(page["blocked"]) == MAX_SHOWN_ROWS
    assert page["blocked"][0]["user"] == "U0"
    assert (
        page["blocked_note"] == f"Showing the first {MAX_SHOWN_ROWS} of 225 users who cannot send."
    )
    assert page["verdict"] == f"{blocked} of {blocked + 1} users cannot send SMS."
    assert "rows" not in page  # a 50,000-user paste must not come back whole
    assert check_allowances("User\tDaily Allowance\nA\t0\n").for_page()["blocked_note"] is None


def test_to_dict_is_json() -> None:
    report = check_allowances("User\tDaily Allowance\nJane\t5\n")
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["rows"][0]["allowance"] == 5
