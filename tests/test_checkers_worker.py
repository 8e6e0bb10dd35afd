"""checkers.worker: the Python the browser worker runs (JSON in; JSON and files out)."""

from __future__ import annotations

import json

from checkers.worker import FILE_KEY, call, warm


class FakeTypedArray:
    """What a JavaScript Uint8Array looks like from Pyodide: a JsProxy with to_bytes()."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def to_bytes(self) -> bytes:
        return self.data


def test_a_reply_is_json_text_and_its_bytes_travel_apart() -> None:
    data = b"Name,Mobile\nJane,07400 123456\n"
    text, files = call(json.dumps({"op": "audit_csv", "column": "Mobile"}), FakeTypedArray(data))
    reply = json.loads(text)
    assert reply["ok"] is True
    assert reply["result"]["fixed_csv"] == {FILE_KEY: 0}
    assert files[0].decode("utf-8-sig").splitlines()[1] == (
        "Jane,07400 123456,+447400123456,yes,missing_country_code; formatting_characters"
    )


def test_progress_is_a_callback_and_bytes_may_be_a_python_buffer() -> None:
    calls: list[tuple[int, int, int]] = []
    text, _files = call(
        json.dumps({"op": "audit_csv", "column": "m"}),
        memoryview(b"m\n+447400123456\n"),
        lambda *args: calls.append(args),
    )
    assert json.loads(text)["result"]["summary"]["rows"] == 1
    assert calls[0][0] == 0
    assert calls[-1][0] == calls[-1][1]


def test_a_request_that_is_not_a_json_object_is_an_internal_error() -> None:
    for request in ("[", "[1]", "[" * 100_000, '"text"'):
        reply = json.loads(call(request)[0])
        assert reply["kind"] == "internal"
        assert reply["error"] == "The request is not a JSON object."


def test_data_that_is_not_bytes_is_a_plain_error() -> None:
    reply = json.loads(call(json.dumps({"op": "csv_columns"}), object())[0])
    assert reply["error"] == "“data” must be the file's bytes."


def test_warm_runs_without_error() -> None:
    warm()
