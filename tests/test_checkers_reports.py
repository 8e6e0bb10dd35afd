"""Reports built from support.toml's kinds: the text support reads, what stops a report, and
the dates people write, read in the reader's zone."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checkers import MAX_ANSWER_CHARACTERS, NOT_PROVIDED, Zone, build_report, load_spec, read_date
from checkers._internal.local_zone import zone_named
from checkers._internal.reports import split_name_and_number
from checkers._internal.zones import ZONE_DAYS_BACK, offset_text, span

EXPECTED = Path(__file__).parent / "expected_reports"
NOW = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
LONDON = zone_named("Europe/London", NOW)
KINDS = [kind.id for kind in load_spec().kinds]


def fixed_answers(kind: str) -> dict[str, Any]:
    """The reviewed answers of `kind`, with the zone as the table the browser sends."""
    answers = json.loads((EXPECTED / f"{kind}.json").read_text(encoding="utf-8"))
    return {**answers, "timezone": zone_named(answers["timezone"], NOW).to_dict()}


def by_id(report: Any) -> dict[str, Any]:
    return {field.id: field for field in report.fields}


# --- the text support reads --------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_gives_the_reviewed_text(kind: str) -> None:
    report = build_report(kind, fixed_answers(kind))
    assert report.errors == ()
    assert report.complete
    assert report.text == (EXPECTED / f"{kind}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_the_text_reads_at_first_glance(kind: str) -> None:
    spec = load_spec()
    report = build_report(kind, fixed_answers(kind))
    lines = report.text.splitlines()
    # One line of summary (the kind first), the channel named once, then the answers.
    assert lines[0] == report.summary
    assert lines[0].startswith(f"{spec.kind(kind).title}: ")
    assert lines[1] == f"To: {report.channel.name}"
    assert report.text.count(report.channel.name) == 1
    assert lines[2] == ""
    headings = [line for line in lines[3:] if line and not line.startswith(" ")]
    asked = [f.label for f in spec.kind(kind).fields]
    questions = [line for line in headings if line != "Numbers that cannot receive SMS"]
    assert questions == [label for label in asked if label in questions]
    assert set(questions) <= set(asked)
    # No guide-internal labels outside the answer about the steps tried.
    body = "\n".join(line for line in lines if not line.startswith("  - Section"))
    for internal in ("Send this to", "Section 1, Check", "Section 2, Step", "(Section"):
        assert internal not in body


def test_the_answers_come_in_the_order_asked() -> None:
    report = build_report("not_received", fixed_answers("not_received"))
    labels = [f.label for f in report.fields if f.answered]
    positions = [report.text.index(f"\n{label}\n") for label in labels]
    assert positions == sorted(positions)


def test_the_summary_says_kind_scope_and_since_when() -> None:
    report = build_report("not_received", fixed_answers("not_received"))
    assert report.summary == (
        "Applicants are not receiving messages: Acme Recruitment Ltd; only specific numbers; "
        "since Tuesday 20 October 2026, 09:00 (UTC+01:00, Europe/London)"
    )
    bare = build_report("not_received", {})
    assert bare.summary == "Applicants are not receiving messages"
    still = build_report("still_not_resolved", {"problem": "replies", "account_name": "Acme"})
    assert still.summary == (
        "Not resolved by the guide: we are not receiving inbound SMS replies; Acme"
    )


def test_json_round_trip() -> None:
    data = build_report("not_received", fixed_answers("not_received")).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["channel"]["name"] == "MyAccess Portal"
    sent = next(f for f in data["fields"] if f["id"] == "sent_at")
    assert sent["iso"] == "2026-11-27T14:00+00:00"
    assert sent["shown"] == ["Friday 27 November 2026, 14:00 (UTC+00:00, Europe/London)"]
    applicants = next(f for f in data["fields"] if f["id"] == "applicants")
    assert applicants["listed"] is True
    assert data["complete"] is True


# --- what stops a report -----------------------------------------------------------------


def test_a_report_cannot_be_made_without_what_happened() -> None:
    answers = {**fixed_answers("still_not_resolved"), "what_happened": "  \n "}
    report = build_report("still_not_resolved", answers)
    assert not report.complete
    assert report.errors == ("Describe what happened",)
    assert by_id(report)["what_happened"].error == "Describe what happened"
    assert report.problems == "There is 1 problem with your answers."


def test_one_radio_button_no_longer_makes_a_report() -> None:
    report = build_report("still_not_resolved", {"problem": "sending"})
    assert not report.complete
    assert report.errors == (
        "Enter your organisation or account name",
        "Describe what happened",
    )


@pytest.mark.parametrize("kind", KINDS)
def test_every_missing_answer_names_its_question(kind: str) -> None:
    report = build_report(kind, {})
    spec_kind = load_spec().kind(kind)
    required = [f for f in spec_kind.fields if f.required]
    assert report.errors == tuple(f.error for f in required)
    for field in required:
        assert field.error.split()[0] in {"Enter", "Describe", "Choose"}, field.id
    assert report.text.startswith(spec_kind.title)


def test_numbers_that_can_never_receive_sms_stop_the_report_until_kept() -> None:
    answers = {**fixed_answers("not_received"), "keep_numbers": []}
    report = build_report("not_received", answers)
    assert not report.complete
    assert [(n.field, n.number) for n in report.unsendable] == [("applicants", "0121 234 5678")]
    assert report.unsendable[0].warning.startswith("Bob Jones: It is a landline number")
    assert report.numbers_title == "This number can never receive SMS"
    assert report.numbers_error == (
        "Change or remove the number that can never receive SMS, or tick "
        "“Keep it as it is: I know it cannot receive SMS”."
    )
    assert report.errors == (report.numbers_error,)
    assert report.problems is None  # every question is answered: it is the numbers
    assert "Numbers that cannot receive SMS" not in report.text
    kept = build_report("not_received", {**answers, "keep_numbers": ["0121 234 5678"]})
    assert kept.complete
    assert kept.numbers_kept
    assert kept.text.endswith(
        "Numbers that cannot receive SMS\n"
        "  I know this number cannot receive SMS and kept it in this report on purpose:\n"
        "  - Bob Jones: 0121 234 5678 (+441212345678) — Landline — SMS cannot be delivered\n"
    )
    # A new such number is not kept by an earlier tick.
    more = {**answers, "applicants": answers["applicants"] + "\nAnn, +447700900123"}
    again = build_report("not_received", {**more, "keep_numbers": ["0121 234 5678"]})
    assert not again.complete
    assert again.numbers_title == "These 2 numbers can never receive SMS"
    assert again.keep_label == "Keep them as they are: I know they cannot receive SMS"


def test_a_fixed_number_needs_no_keeping() -> None:
    answers = {**fixed_answers("not_received"), "applicants": "Bob Jones, 07400 654321"}
    report = build_report("not_received", {**answers, "keep_numbers": []})
    assert report.complete
    assert report.unsendable == ()
    assert report.numbers_title is None


def test_every_field_words_its_own_error_and_warnings() -> None:
    report = build_report("not_received", {"applicants": "Bob, 0121 234 5678"})
    fields = by_id(report)
    assert fields["sent_at"].error == "Enter when the messages were sent"
    assert fields["applicants"].error is None
    assert fields["applicants"].warnings[0].startswith("Bob: It is a landline number")
    assert fields["last_worked"].shown == (NOT_PROVIDED,)
    assert report.problems == "There are 5 problems with your answers."


@pytest.mark.parametrize(
    ("answers", "field", "expected"),
    [
        (
            {"started": "31/02/2026"},
            "started",
            "“31/02/2026” is not a real date. Enter when the issue started, for example "
            "27/11/2026 14:05, yesterday 2pm or Tuesday 9am.",
        ),
        (
            {"scope": "nope"},
            "scope",
            "“nope” is not one of the choices. Choose whether all replies or only replies from "
            "certain numbers are missing: “All inbound replies” or “Only replies from certain "
            "numbers”.",
        ),
        (
            {"steps_tried": ["bad"]},
            "steps_tried",
            "There is no step 'bad'. Tick the steps you have tried: s1-check1, s1-check2, "
            "s1-check3, s1-check4, s2-step1, s2-step2, s2-step3, s3.",
        ),
        (
            {"ever_worked": 3},
            "ever_worked",
            "“3” is not one of the choices. Choose whether replies have ever arrived: “Yes, "
            "replies used to arrive” or “No, replies have never arrived” or “Not sure”.",
        ),
        (
            {"example_sender": "Jane"},
            "example_sender",
            "“Jane” is not a phone number. Enter the mobile number that sent the missing reply.",
        ),
        (
            {"account_name": ["a"]},
            "account_name",
            "Enter your organisation or account name: write it as text.",
        ),
    ],
)
def test_a_wrong_answer_says_what_is_wrong_and_names_the_question(
    answers: dict[str, object], field: str, expected: str
) -> None:
    report = build_report("replies_missing", answers)
    assert by_id(report)[field].error == expected
    assert expected in report.errors


def test_phone_list_accepts_a_list_and_refuses_a_line_without_a_number() -> None:
    ok = build_report("not_received", {"applicants": ["07400 123456"]})
    assert by_id(ok)["applicants"].phones[0].check.e164 == "+447400123456"
    bad = build_report("not_received", {"applicants": "Jane Smith"})
    assert by_id(bad)["applicants"].error == (
        "“Jane Smith” has no phone number. Enter the name and mobile number of each affected "
        "applicant: the name, a comma, then the number."
    )


def test_unknown_kind_lists_valid_kinds() -> None:
    with pytest.raises(ValueError, match="use one of service_inactive, record_blocked"):
        build_report("nope", {})


def test_steps_as_comma_text_and_choice_by_label() -> None:
    report = build_report(
        "still_not_resolved",
        {"problem": "SMS messages are failing to send", "steps_tried": "s1-check1, s1-check2"},
    )
    fields = by_id(report)
    assert fields["problem"].value == "SMS messages are failing to send"
    assert fields["steps_tried"].lines[1].startswith("Section 1, Check 2")


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


def test_control_and_direction_characters_are_removed_and_broken_ones_shown() -> None:
    answers = {
        **fixed_answers("still_not_resolved"),
        "what_happened": "Jane\x00 Smith\u202e reversed \ud800 end\u0007",
    }
    report = build_report("still_not_resolved", answers)
    assert "Jane Smith reversed \ufffd end" in report.text
    for hidden in ("\x00", "\u202e", "\ud800", "\x07"):
        assert hidden not in report.text
    assert report.cleaned == (
        "In your answers: 3 invisible control or text-direction characters removed; "
        "1 character that could not be read was replaced with \ufffd."
    )
    report.text.encode("utf-8")  # the .txt download can always be written
    assert build_report("still_not_resolved", fixed_answers("still_not_resolved")).cleaned is None


def test_an_answer_over_the_limit_is_refused_in_plain_words() -> None:
    long = "x" * (MAX_ANSWER_CHARACTERS + 1)
    report = build_report("still_not_resolved", {"problem": "sending", "what_happened": long})
    assert report.complete is False
    assert by_id(report)["what_happened"].error == (
        "Describe what happened in fewer words. This answer is 10,001 characters long; an "
        "answer can have up to 10,000. Keep the main points here and attach anything longer to "
        "your message to support."
    )
    assert long not in report.text


def test_a_wrong_zone_or_time_is_a_plain_refusal() -> None:
    with pytest.raises(ValueError, match="The browser's time zone could not be read"):
        build_report("not_received", {"timezone": {"offsets": [[5, 0], [1, 60]], "until": 9}})
    with pytest.raises(ValueError, match="“now” must be a date and time in ISO 8601"):
        build_report("not_received", {"now": "soon"})


# --- dates as people write them ----------------------------------------------------------

READ = [
    # (written, text, iso) with NOW = Saturday 28 November 2026, 15:00 in London
    ("today 14:05", "Saturday 28 November 2026, 14:05 (UTC+00:00, Europe/London)",
     "2026-11-28T14:05+00:00"),
    ("yesterday 2pm", "Friday 27 November 2026, 14:00 (UTC+00:00, Europe/London)",
     "2026-11-27T14:00+00:00"),
    ("2pm yesterday", "Friday 27 November 2026, 14:00 (UTC+00:00, Europe/London)",
     "2026-11-27T14:00+00:00"),
    ("Tuesday 9am", "Tuesday 24 November 2026, 09:00 (UTC+00:00, Europe/London)",
     "2026-11-24T09:00+00:00"),
    ("tues 9.30", "Tuesday 24 November 2026, 09:30 (UTC+00:00, Europe/London)",
     "2026-11-24T09:30+00:00"),
    ("Saturday 9am", "Saturday 28 November 2026, 09:00 (UTC+00:00, Europe/London)",
     "2026-11-28T09:00+00:00"),
    ("last Saturday at noon", "Saturday 21 November 2026, 12:00 (UTC+00:00, Europe/London)",
     "2026-11-21T12:00+00:00"),
    ("27/11 2pm", "Friday 27 November 2026, 14:00 (UTC+00:00, Europe/London)",
     "2026-11-27T14:00+00:00"),
    ("30/11 2pm", "Sunday 30 November 2025, 14:00 (UTC+00:00, Europe/London)",
     "2025-11-30T14:00+00:00"),
    ("27/11/2026 14:05", "Friday 27 November 2026, 14:05 (UTC+00:00, Europe/London)",
     "2026-11-27T14:05+00:00"),
    ("2026-11-27T14:05", "Friday 27 November 2026, 14:05 (UTC+00:00, Europe/London)",
     "2026-11-27T14:05+00:00"),
    ("2026-11-27 14:05:30+01:00", "Friday 27 November 2026, 14:05:30 (UTC+01:00)",
     "2026-11-27T14:05:30+01:00"),
    ("2026-11-27T14:05Z", "Friday 27 November 2026, 14:05 (UTC+00:00)", "2026-11-27T14:05+00:00"),
    ("28.11.26 14.05 BST", "Saturday 28 November 2026, 14:05 (UTC+01:00, BST)",
     "2026-11-28T14:05+01:00"),
    ("Friday 27th November 2026 at 14:05",
     "Friday 27 November 2026, 14:05 (UTC+00:00, Europe/London)", "2026-11-27T14:05+00:00"),
    ("Nov 27, 2026 12am", "Friday 27 November 2026, 00:00 (UTC+00:00, Europe/London)",
     "2026-11-27T00:00+00:00"),
    ("03/04/2026", "Friday 3 April 2026", "2026-04-03"),
    ("today", "Saturday 28 November 2026", "2026-11-28"),
    ("now", "Saturday 28 November 2026, 15:00 (UTC+00:00, Europe/London)",
     "2026-11-28T15:00+00:00"),
    # Summer time: each date gets its own day's offset, not today's.
    ("10/07/2026 14:05", "Friday 10 July 2026, 14:05 (UTC+01:00, Europe/London)",
     "2026-07-10T14:05+01:00"),
    ("25/10/2026 01:30", "Sunday 25 October 2026, 01:30 (UTC+01:00, Europe/London)",
     "2026-10-25T01:30+01:00"),  # the hour the clocks repeat: the first time, as zoneinfo
    ("25/10/2026 02:00", "Sunday 25 October 2026, 02:00 (UTC+00:00, Europe/London)",
     "2026-10-25T02:00+00:00"),
    # Older than the zone table: the zone's name, no guessed offset.
    ("27/11/2010 14:00", "Saturday 27 November 2010, 14:00 (Europe/London)",
     "2010-11-27T14:00"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "text", "iso"), READ)
def test_read_date(raw: str, text: str, iso: str) -> None:
    reading = read_date(raw, LONDON, NOW.astimezone(ZoneInfo("Europe/London")))
    assert (reading.text, reading.iso) == (text, iso)


def test_the_same_time_in_summer_and_winter_gets_each_its_own_offset() -> None:
    now = datetime(2026, 7, 15, 12, tzinfo=UTC)
    zone = zone_named("Europe/London", now)
    summer = read_date("yesterday 2pm", zone, now.astimezone(ZoneInfo("Europe/London")))
    winter = read_date("14/01/2026 14:00", zone, now.astimezone(ZoneInfo("Europe/London")))
    assert summer.iso == "2026-07-14T14:00+01:00"
    assert winter.iso == "2026-01-14T14:00+00:00"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("11/28/2026", "“11/28/2026” is not a real date. The day comes first, as in 27/11/2026."),
        ("31/02/2026", "“31/02/2026” is not a real date."),
        ("28/11/2026 25:00", "“28/11/2026 25:00” is not a real time."),
        ("28/11/2026 13pm", "“28/11/2026 13pm” has a 12-hour time with an hour of 13."),
        ("28/11/2026 14", "The time in “28/11/2026 14” cannot be read."),
        ("yesterday-ish", "“yesterday-ish” is not a date we can read."),
        ("", "“” is not a date we can read."),
        ("29/11/2026", "“29/11/2026” is after today (Saturday 28 November 2026)."),
        (
            "Tuesday 27/11/2026",
            "In “Tuesday 27/11/2026”, 27 November 2026 is a Friday, not a Tuesday.",
        ),
    ],
)
def test_unreadable_dates(raw: str, expected: str) -> None:
    with pytest.raises(ValueError) as caught:
        read_date(raw, LONDON, NOW)
    assert str(caught.value) == expected


def test_relative_dates_need_today() -> None:
    with pytest.raises(ValueError, match="needs today's date"):
        read_date("yesterday 2pm")
    assert read_date("27/11/2026 14:05").text == "Friday 27 November 2026, 14:05"


# --- the zone table ----------------------------------------------------------------------


def test_the_zone_table_covers_ten_years_of_whole_days() -> None:
    start, until = span(NOW)
    assert LONDON.offsets[0][0] == start
    assert LONDON.until == until
    assert (until - start) // 86_400 == ZONE_DAYS_BACK + 2
    assert start % 86_400 == 0
    assert len(LONDON.offsets) == 21  # the offset in 2016, then two changes a year
    assert LONDON.offsets[-1] == (int(datetime(2026, 10, 25, 1, tzinfo=UTC).timestamp()), 0)
    assert Zone.from_plain(LONDON.to_dict()) == LONDON


ZONES = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(ZONES),
    wall=st.datetimes(
        min_value=datetime(2017, 1, 1), max_value=datetime(2026, 11, 29), timezones=st.none()
    ),
)
def test_the_table_gives_zoneinfo_s_offset_for_every_local_time(name: str, wall: datetime) -> None:
    zone = zone_named(name, NOW)
    expected = wall.replace(tzinfo=ZoneInfo(name)).utcoffset()
    assert expected is not None
    assert zone.offset_of(wall) == expected // timedelta(minutes=1)
    instant = wall.replace(tzinfo=UTC)
    assert zone.offset_at(instant) == instant.astimezone(ZoneInfo(name)).utcoffset() // timedelta(
        minutes=1
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (5, "it must be a name or a table of offsets"),
        ({"offsets": []}, "its offsets must be a list"),
        ({"offsets": [[1, 0, 2]], "until": 5}, "each offset must be"),
        ({"offsets": [[1, 5000]], "until": 5}, "each offset must be"),
        ({"offsets": [[1, 0], [1, 60]], "until": 5}, "in time order"),
        ({"offsets": [[1, 0]], "until": 0}, "ends before its last offset"),
        ({"name": "<script>", "offsets": [[1, 0]], "until": 5}, "like Europe/London"),
        ("Europe/London; rm -rf", "like Europe/London"),
    ],
)
def test_a_zone_the_browser_could_not_have_sent_is_refused(data: object, expected: str) -> None:
    with pytest.raises(ValueError, match=expected):
        Zone.from_plain(data)


def test_a_zone_name_alone_keeps_the_name_and_no_offset() -> None:
    reading = read_date("27/11/2026 14:05", Zone.from_plain("Europe/Paris"), NOW)
    assert reading.text == "Friday 27 November 2026, 14:05 (Europe/Paris)"
    assert offset_text(-330) == "UTC-05:30"


def test_an_unknown_zone_name_says_what_to_write() -> None:
    with pytest.raises(ValueError, match="Unknown time zone 'Europe/Londn': write a name such"):
        zone_named("Europe/Londn", NOW)
