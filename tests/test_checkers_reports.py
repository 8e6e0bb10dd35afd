"""Escalation reports built from support.toml's kinds, and the dates they contain."""

from __future__ import annotations

import json

import pytest

from checkers import build_report, load_spec, read_date
from checkers._internal.reports import split_name_and_number

NOT_RECEIVED = {
    "applicants": "Jane Smith, 07400 123456\nBob Jones 0121 234 5678\n+447700900123",
    "sent_at": "28/11/2026 14:05",
    "scope": "specific",
    "users_affected": "One user",
    "steps_tried": ["s2-step2", "s2-step1"],
    "timezone": "+00:00 (Europe/London)",
}


def test_complete_report_text() -> None:
    report = build_report("not_received", NOT_RECEIVED)
    assert report.complete
    assert report.channel.key == "portal"
    assert report.text == (
        "Applicants are not receiving messages (Section 2, Step 3)\n"
        "Send this to: MyAccess Portal\n"
        "\n"
        "The names and mobile numbers of the affected applicants\n"
        "  - Jane Smith: 07400 123456 (+447400123456)\n"
        "  - Bob Jones: 0121 234 5678 (+441212345678) — Landline — SMS cannot be delivered\n"
        "  - +447700900123 — TV and drama number — not a real number\n"
        "\n"
        "The approximate date and time the messages were sent\n"
        "  Saturday 28 November 2026, 14:05 +00:00 (Europe/London)\n"
        "\n"
        "Whether this affects all applicants or only specific numbers\n"
        "  Only specific numbers\n"
        "\n"
        "Is the issue affecting one user, multiple users, or all users?\n"
        "  One user\n"
        "\n"
        "What steps have you already tried from this guide?\n"
        "  - Section 2, Step 1: Confirm whether the messages were sent\n"
        "  - Section 2, Step 2: Check the mobile number\n"
    )
    assert len(report.number_warnings) == 2
    assert report.number_warnings[0].startswith("Bob Jones: It is a landline number")


def test_numbers_are_normalised_and_checked() -> None:
    report = build_report("not_received", NOT_RECEIVED)
    phones = next(f for f in report.fields if f.id == "applicants").phones
    assert [(p.name, p.check.e164) for p in phones] == [
        ("Jane Smith", "+447400123456"),
        ("Bob Jones", "+441212345678"),
        ("", None),
    ]
    assert phones[2].check.verdict_code == "fictional"


def test_json_round_trip() -> None:
    data = build_report("not_received", NOT_RECEIVED).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["channel"]["name"] == "MyAccess Portal"
    sent = next(f for f in data["fields"] if f["id"] == "sent_at")
    assert sent["iso"] == "2026-11-28T14:05+00:00"


def test_missing_and_invalid_answers() -> None:
    report = build_report(
        "replies_missing",
        {"started": "31/02/2026", "scope": "nope", "steps_tried": ["bad"], "ever_worked": 3},
    )
    assert not report.complete
    assert report.missing == (
        "An example of a reply that was not received: the sender's mobile number",
        "An example of a reply that was not received: the approximate date and time",
    )
    assert len(report.invalid) == 4
    assert "is not a real date" in report.invalid[0]
    assert "not one of the choices" in report.invalid[2]
    assert "Unknown step 'bad'" in report.invalid[3]


def test_wrong_answer_types_are_invalid_not_errors() -> None:
    report = build_report(
        "record_blocked",
        {"record_name": ["a"], "record_id": {"x": 1}, "steps_tried": 5, "last_worked": True},
    )
    assert len(report.invalid) == 4


def test_phone_list_accepts_list_and_rejects_lines_without_numbers() -> None:
    ok = build_report("replies_missing", {"example_sender": ["07400 123456"]})
    assert ok.fields[2].phones[0].check.e164 == "+447400123456"
    bad = build_report("replies_missing", {"example_sender": "Jane Smith"})
    assert any("has no phone number" in item for item in bad.invalid)


def test_unknown_kind_lists_valid_kinds() -> None:
    with pytest.raises(ValueError, match="use one of service_inactive, record_blocked"):
        build_report("nope", {})


def test_every_kind_builds_with_no_answers() -> None:
    for kind in load_spec().kinds:
        report = build_report(kind.id, {})
        assert report.missing == tuple(f.label for f in kind.fields if f.required)
        assert report.text.startswith(kind.title)


def test_assistant_channel() -> None:
    report = build_report("record_blocked", {"record_name": "Jane", "record_id": "A-1"})
    assert report.complete
    assert "Send this to: Access Digital Assistant" in report.text


def test_steps_as_comma_text_and_choice_by_label() -> None:
    report = build_report(
        "still_not_resolved",
        {"problem": "SMS messages are failing to send", "steps_tried": "s1-check1, s1-check2"},
    )
    assert report.complete
    assert report.fields[-1].lines[1].startswith("Section 1, Check 2")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jane Smith, 07400 123456", ("Jane Smith", "07400 123456")),
        ("Smith, Jane, +44 7400 123456", ("Smith, Jane", "+44 7400 123456")),
        ("Jane Smith 07400 123456", ("Jane Smith", "07400 123456")),
        ("Jane: +447400123456", ("Jane", "+447400123456")),
        ("07400 123456", ("", "07400 123456")),
        ("Jane Smith", ("Jane Smith", "")),
    ],
)
def test_split_name_and_number(line: str, expected: tuple[str, str]) -> None:
    assert split_name_and_number(line) == expected


@pytest.mark.parametrize(
    ("raw", "timezone", "iso", "text"),
    [
        ("28/11/2026 14:05", None, "2026-11-28T14:05", "Saturday 28 November 2026, 14:05"),
        ("28/11/2026", None, "2026-11-28", "Saturday 28 November 2026"),
        (
            "28 Nov 2026 2:05pm",
            "Europe/London",
            "2026-11-28T14:05",
            "Saturday 28 November 2026, 14:05 (Europe/London)",
        ),
        (
            "2026-11-28T14:05",
            "+00:00 (Europe/London)",
            "2026-11-28T14:05+00:00",
            "Saturday 28 November 2026, 14:05 +00:00 (Europe/London)",
        ),
        (
            "2026-11-28T14:05:30+01:00",
            "Europe/Paris",
            "2026-11-28T14:05:30+01:00",
            "Saturday 28 November 2026, 14:05:30 +01:00 (Europe/Paris)",
        ),
        (
            "Saturday 28th November 2026 at 14:05",
            None,
            "2026-11-28T14:05",
            "Saturday 28 November 2026, 14:05",
        ),
        ("Nov 28, 2026 12am", None, "2026-11-28T00:00", "Saturday 28 November 2026, 00:00"),
        (
            "28.11.26 14.05 BST",
            None,
            "2026-11-28T14:05+01:00",
            "Saturday 28 November 2026, 14:05 +01:00 (BST)",
        ),
        ("03/04/2026", None, "2026-04-03", "Friday 3 April 2026"),
        (
            "2026-11-28 14:05Z",
            "+0100",
            "2026-11-28T14:05+00:00",
            "Saturday 28 November 2026, 14:05 +00:00",
        ),
    ],
)
def test_read_date(raw: str, timezone: str | None, iso: str, text: str) -> None:
    reading = read_date(raw, timezone)
    assert (reading.iso, reading.text) == (iso, text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("11/28/2026", "The day comes first"),
        ("31/02/2026", "not a real date"),
        ("28/11/2026 25:00", "not a real date"),
        ("28/11/2026 13pm", "12-hour time"),
        ("28/11/2026 14", "time in"),
        ("yesterday", "not a date we can read"),
        ("", "not a date we can read"),
    ],
)
def test_unreadable_dates(raw: str, expected: str) -> None:
    with pytest.raises(ValueError, match=expected):
        read_date(raw)


def test_control_and_direction_characters_are_removed_and_broken_ones_shown() -> None:
    answers = {"problem": "sending", "details": "Jane\x00 Smith\u202e reversed \ud800 end\u0007"}
    report = build_report("still_not_resolved", answers)
    assert "Jane Smith reversed \ufffd end" in report.text
    for hidden in ("\x00", "\u202e", "\ud800", "\x07"):
        assert hidden not in report.text
    assert report.cleaned == (
        "In your answers: 3 invisible control or text-direction characters removed; "
        "1 character that could not be read was replaced with \ufffd."
    )
    report.text.encode("utf-8")  # the .txt download can always be written
    assert build_report("still_not_resolved", {"problem": "sending"}).cleaned is None


def test_an_answer_over_the_limit_is_refused_in_plain_words() -> None:
    from checkers import MAX_ANSWER_CHARACTERS  # noqa: PLC0415

    long = "x" * (MAX_ANSWER_CHARACTERS + 1)
    report = build_report("still_not_resolved", {"problem": "sending", "details": long})
    assert report.complete is False
    details = next(field for field in report.fields if field.id == "details")
    assert details.error == (
        "This answer is 10,001 characters long; an answer can have up to 10,000. Keep the main "
        "points here and attach anything longer to your message to support."
    )
    assert long not in report.text


def test_every_field_words_its_own_error_and_warnings() -> None:
    report = build_report("not_received", {"applicants": "Bob, 0121 234 5678"})
    by_id = {field.id: field for field in report.fields}
    assert by_id["sent_at"].error == "Answer this question: it is required."
    assert by_id["applicants"].error is None
    assert by_id["applicants"].warnings == report.number_warnings
    assert by_id["applicants"].warnings[0].startswith("Bob: It is a landline number")
    assert report.problems == "There are 2 problems with your answers."
