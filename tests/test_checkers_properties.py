"""Properties: any input gives a result or a plain error, never a crash."""

from __future__ import annotations

import json

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkers import (
    AllowanceError,
    AuditError,
    BinaryFileError,
    audit_csv,
    build_report,
    check_allowances,
    check_number,
    decode_csv_bytes,
    load_spec,
    worker,
)
from checkers.api import handle

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PHONEISH = st.text(alphabet="0123456789 +-().xtel:;=#O\u00a0\u200b\uff10\uff17", max_size=30)
ANY_TEXT = st.text(max_size=300)
REGIONS = st.sampled_from(sorted(phonenumbers.SUPPORTED_REGIONS))
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=10,
)


def assert_plain(data: object) -> None:
    assert json.loads(json.dumps(data)) == data


@SETTINGS
@given(raw=ANY_TEXT | PHONEISH, region=REGIONS)
def test_check_number_never_raises(raw: str, region: str) -> None:
    result = check_number(raw, region)
    assert_plain(result.to_dict())
    assert result.sendable == all(p.severity == "warning" for p in result.problems)
    assert result.ok == (not result.problems)
    assert all(p.message for p in result.problems)


@SETTINGS
@given(raw=PHONEISH, region=st.sampled_from(["GB", "US", "IE", "FR", "IN", "AU"]))
def test_e164_is_a_fixed_point(raw: str, region: str) -> None:
    first = check_number(raw, region)
    if first.e164 is None:
        return
    again = check_number(first.e164, region)
    assert again.e164 == first.e164
    assert again.type == first.type
    assert not [
        p for p in again.problems if p.severity == "warning" and p.code != "may_not_be_mobile"
    ]


@SETTINGS
@given(
    text=ANY_TEXT
    | st.lists(st.lists(PHONEISH | ANY_TEXT, max_size=4), max_size=6).map(
        lambda rows: "\n".join("\t".join(row) for row in rows)
    )
)
def test_check_allowances_gives_a_report_or_a_plain_refusal(text: str) -> None:
    try:
        report = check_allowances(text)
    except AllowanceError as error:
        refusal = str(error)
    else:
        refusal = ""
    if refusal:
        assert "paste" in refusal or "could not be read" in refusal
        return
    assert_plain(report.to_dict())
    assert_plain(report.for_page())
    assert report.can_send + report.cannot_send == len(report.rows)


@SETTINGS
@given(
    kind=st.sampled_from([k.id for k in load_spec().kinds]),
    answers=st.dictionaries(
        st.sampled_from(
            [
                "account_name",
                "what_happened",
                "applicants",
                "sent_at",
                "scope",
                "steps_tried",
                "started",
                "example_sender",
                "example_number",
                "problem",
                "record_id",
                "keep_numbers",
                "timezone",
                "now",
                "x",
            ]
        ),
        JSONISH,
        max_size=8,
    ),
)
def test_build_report_gives_a_report_or_a_plain_refusal(
    kind: str, answers: dict[str, object]
) -> None:
    try:
        report = build_report(kind, answers)
    except ValueError as error:
        refusal = str(error)
    else:
        refusal = ""
    if refusal:
        # Only the browser's own keys (its zone, its clock) can make the request unreadable.
        assert {"timezone", "now"} & answers.keys()
        assert refusal.startswith(("The browser's time zone could not be read", "“now” must"))
        return
    assert_plain(report.to_dict())
    assert report.text.startswith(load_spec().kind(kind).title)


def audit_or_message(text: str, column: str) -> str:
    try:
        audit = audit_csv(text.splitlines(keepends=True), column)
        rows = list(audit.rows())
    except AuditError as error:
        return str(error)
    assert audit.summary.rows == len(rows)
    assert_plain(audit.summary.to_dict())
    return ""


@SETTINGS
@given(text=ANY_TEXT, column=st.text(max_size=10))
def test_audit_never_crashes(text: str, column: str) -> None:
    message = audit_or_message(text, column)
    assert message == "" or message.endswith(".")


@SETTINGS
@given(data=st.binary(max_size=500))
def test_decode_csv_bytes_gives_text_or_plain_error(data: bytes) -> None:
    try:
        text = decode_csv_bytes(data)
    except BinaryFileError as error:
        text = str(error)
        assert "CSV" in text
    assert isinstance(text, str)


@SETTINGS
@given(
    request=st.dictionaries(
        st.sampled_from(
            [
                "op",
                "raw",
                "text",
                "kind",
                "answers",
                "column",
                "default_region",
                "size",
                "file_name",
            ]
        ),
        JSONISH
        | st.sampled_from(["check_number", "build_report", "audit_csv", "check_allowances"]),
    )
)
def test_handle_never_raises(request: dict[str, object]) -> None:
    reply = handle(request)
    assert_plain(reply)
    assert isinstance(reply["ok"], bool)


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000_000,
        "\x00\x01\x02" * 1000,
        '"' * 5000,
        "a,b\n" + '"unbalanced,quote\n' * 1000,
        "m\n" + "\ufffd" * 1000 + "\n",
    ],
    ids=["10MB", "binary", "quotes", "unbalanced", "replacement"],
)
def test_bad_input_everywhere(text: str) -> None:
    assert_plain(check_number(text).to_dict())
    answers = {"what_happened": text, "problem": text, "example_number": text}
    assert_plain(build_report("still_not_resolved", answers).to_dict())
    data = text.encode("utf-8", "surrogatepass")
    for op, file in (
        ({"op": "check_number", "raw": text}, None),
        ({"op": "check_allowances", "text": text}, None),
        ({"op": "audit_csv", "column": "m"}, data),
        ({"op": "csv_columns"}, data),
    ):
        text_reply, files = worker.call(json.dumps(op), file)  # as the browser worker calls
        reply = json.loads(text_reply)
        assert isinstance(reply["ok"], bool)
        assert all(isinstance(item, bytes) for item in files)
        if not reply["ok"]:
            assert reply["kind"] == "input", reply
