"""The message check for the page (op "check_message"): the check itself, its first parts, and
every character to fix marked in place, bounded whatever the reader pastes."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

import pytest
from hypothesis import given

from checkers import MAX_MESSAGE_CHARACTERS, MessageError, check_message
from checkers._internal.gsm7 import is_gsm7
from checkers._internal.limits import MAX_SHOWN_PARTS
from checkers._internal.message_page import message_for_page
from checkers.api import handle
from tests.test_checkers_message import MESSAGES, SETTINGS, VECTORS, vector_text


def utf16(text: str) -> list[str]:
    """`text` as JavaScript indexes it: one item per UTF-16 code unit."""
    data = text.encode("utf-16-le", "surrogatepass")
    return [data[i : i + 2].decode("utf-16-le", "surrogatepass") for i in range(0, len(data), 2)]


def js_slice(text: str, start: int, end: int) -> str:
    return (
        "".join(utf16(text)[start:end])
        .encode("utf-16-le", "surrogatepass")
        .decode("utf-16-le", "surrogatepass")
    )


def page(text: str) -> dict[str, Any]:
    reply = handle({"op": "check_message", "text": text})
    assert reply["ok"] is True, reply
    assert json.loads(json.dumps(reply)) == reply
    return reply["result"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_the_op_gives_the_vectors_results(vector: dict[str, Any]) -> None:
    result = page(vector_text(vector["text"]))
    assert {key: result[key] for key in vector["expect"]} == vector["expect"]


def test_the_op_is_the_check_with_its_first_parts() -> None:
    text = "We\u2019re free \u2013 call? " * 40
    result = page(text)
    full = check_message(text).to_dict()
    assert {key: value for key, value in result.items() if key in full and key != "parts"} == {
        key: value for key, value in full.items() if key != "parts"
    }
    assert result["parts"] == full["parts"][:MAX_SHOWN_PARTS]
    assert result["parts_unlisted"] == full["segments"] - MAX_SHOWN_PARTS > 0
    assert result["parts_note"] == f"Showing the first 10 of {full['segments']} parts."
    assert [p["label"] for p in result["preview"]][:2] == [
        "Part 1 of 12: 67 characters",
        "Part 2 of 12: 67 characters",
    ]


def test_one_part_is_labelled_as_the_whole_message() -> None:
    result = page("Hi Jane, see you at 10.")
    assert result["preview"] == [{"label": "1 part: 23 characters", "highlights": []}]
    assert result["parts_note"] is None
    assert page("")["preview"] == []


def test_text_over_the_limit_is_refused_in_plain_words() -> None:
    reply = handle({"op": "check_message", "text": "a" * (MAX_MESSAGE_CHARACTERS + 1)})
    assert reply == {
        "ok": False,
        "kind": "input",
        "error": "This text is 100,001 characters long; the checker takes messages of up to "
        "100,000 characters, far more than any SMS. Check one message at a time.",
    }
    assert page("a" * MAX_MESSAGE_CHARACTERS)["segments"] == 654
    with pytest.raises(MessageError):
        message_for_page("\u2019" * (MAX_MESSAGE_CHARACTERS + 1))


def test_each_mark_says_what_to_write_instead() -> None:
    text = "We\u2019re \u201cfree\u201d\u00a0\u2013 \U0001f44d\U0001f3fd\u200b\tJose\u0301"
    marks = [
        (js_slice(text, h["start"], h["end"]), h["replacement"], h["hint"])
        for h in page(text)["preview"][0]["highlights"]
    ]
    assert marks == [
        ("\u2019", "'", "replace with '"),
        ("\u201c", '"', 'replace with "'),
        ("\u201d", '"', 'replace with "'),
        ("\u00a0", " ", "non-breaking space: replace with a space"),
        ("\u2013", "-", "replace with -"),
        ("\U0001f44d\U0001f3fd", None, "no GSM-7 equivalent"),
        ("\u200b", "", "zero-width space: remove"),
        ("\t", " ", "tab: replace with a space"),
        ("e\u0301", "\u00e9", "replace with \u00e9"),
    ]


def test_adjacent_visible_characters_fixed_alike_are_one_mark() -> None:
    text = "Wait\u2026\u201d ok \U0001f600\U0001f600\u2019"
    marks = [
        (js_slice(text, h["start"], h["end"]), h["replacement"])
        for h in page(text)["preview"][0]["highlights"]
    ]
    assert marks == [("\u2026\u201d", '..."'), ("\U0001f600\U0001f600", None), ("\u2019", "'")]


def test_a_hostile_paste_gives_a_bounded_result_quickly() -> None:
    # Every other character to fix, in runs that do not join: the worst case for marks.
    text = ("\u2019a\U0001f600b\u00a0" * 20_000)[:MAX_MESSAGE_CHARACTERS]
    start = time.perf_counter()
    result = page(text)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.5, elapsed
    assert len(result["parts"]) == len(result["preview"]) == MAX_SHOWN_PARTS
    marks = sum(len(part["highlights"]) for part in result["preview"])
    assert 0 < marks <= MAX_SHOWN_PARTS * 70
    assert result["parts_unlisted"] == result["segments"] - MAX_SHOWN_PARTS
    assert len(result["non_gsm"]) <= 100


def covered(result: dict[str, Any]) -> list[tuple[int, int]]:
    return [(h["start"], h["end"]) for part in result["preview"] for h in part["highlights"]]


@SETTINGS
@given(text=MESSAGES)
def test_marks_cover_exactly_the_characters_gsm7_lacks_in_the_parts_shown(text: str) -> None:
    result = page(text)
    units = utf16(text)
    spans = covered(result)
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for part, preview in zip(result["parts"], result["preview"], strict=True):
        assert all(
            part["utf16_start"] <= h["start"] < h["end"] <= part["utf16_end"]
            for h in preview["highlights"]
        )
    marked = {index for start, end in spans for index in range(start, end)}
    shown_end = result["parts"][-1]["utf16_end"] if result["parts"] else 0
    for index in range(shown_end):
        if index not in marked:
            assert is_gsm7(units[index]), (index, units[index])
    if result["encoding"] == "UCS-2":
        assert spans
    else:
        assert spans == []


@SETTINGS
@given(text=MESSAGES)
def test_making_the_marked_replacements_gives_the_fixed_text(text: str) -> None:
    result = page(text)
    if result["parts_unlisted"] or any(
        h["replacement"] is None for part in result["preview"] for h in part["highlights"]
    ):
        return
    pieces, previous = [], 0
    for part in result["preview"]:
        for mark in part["highlights"]:
            pieces += [js_slice(text, previous, mark["start"]), mark["replacement"]]
            previous = mark["end"]
    pieces.append(js_slice(text, previous, len(utf16(text))))
    # (A removed control that lets an accent join the letter before it takes the core a
    # second pass; that accent alone has no equivalent, so such texts returned above.)
    assert "".join(pieces) == result["fixed_text"]
