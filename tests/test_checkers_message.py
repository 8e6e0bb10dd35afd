"""Message checks: the shared vectors, rules, properties, the CLI, and parity with Twilio.

The vectors (tests/vectors/messages.json) are data, so the same cases can run in Pyodide:
`text` is a string, or a list of pieces where a piece is a string or [string, repeat];
`expect` holds some keys of `check_message(text).to_dict()` and their values.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkers import MESSAGE_VERDICT_CODES, MessageCheck, check_message
from checkers._internal.gsm7 import BASIC, EXTENSION
from checkers._internal.limits import MAX_MESSAGE_BYTES
from tests.cli import Cli
from tests.test_checkers_cli import run  # main() with argv, and what it printed

ROOT = Path(__file__).resolve().parent.parent
VECTORS: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "vectors" / "messages.json").read_text(encoding="utf-8"),
)
TWILIO = ROOT / "tests" / "tools" / "twilio_segments.mjs"


def vector_text(text: str | list[str | list[Any]]) -> str:
    if isinstance(text, str):
        return text
    return "".join(piece if isinstance(piece, str) else piece[0] * piece[1] for piece in text)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_vector(vector: dict[str, Any]) -> None:
    result = check_message(vector_text(vector["text"])).to_dict()
    assert {key: result[key] for key in vector["expect"]} == vector["expect"]


def test_vectors_cover_every_verdict() -> None:
    assert {v["expect"].get("verdict_code") for v in VECTORS} >= set(MESSAGE_VERDICT_CODES)


# --- rules --------------------------------------------------------------------------------


def test_alphabet_is_the_3gpp_table() -> None:
    assert len(BASIC) == 127
    assert len(set(BASIC + EXTENSION)) == 137
    assert all(check_message(char).encoding == "GSM-7" for char in BASIC + EXTENSION)
    for char in "`çêáÁ\t\x00\u00a0\u2019":
        assert check_message(char).encoding == "UCS-2", repr(char)


def test_surrogate_pair_given_as_two_code_points_is_one_emoji() -> None:
    split = check_message("\ud83d\ude00" + "a" * 66)
    joined = check_message("\U0001f600" + "a" * 66)
    assert split.to_dict() == joined.to_dict()
    assert (split.characters, split.units, split.segments) == (67, 68, 1)


def test_cluster_too_long_for_a_part_is_split_between_code_points() -> None:
    result = check_message("a" + "\u0301" * 139)
    assert result.characters == 1
    assert [part.units for part in result.parts] == [67, 67, 6]


def test_fixing_repeats_when_a_removed_control_lets_an_accent_join() -> None:
    # Without the zero-width space, "e" + combining acute is one character: "é" in GSM-7.
    result = check_message("Jose\u200b\u0301!")
    assert result.fixed_text == "Jos\u00e9!"
    assert (result.fixed_encoding, result.fixed_segments) == ("GSM-7", 1)


def test_many_different_characters_are_listed_up_to_a_limit() -> None:
    text = "".join(chr(0x4E00 + i) for i in range(150))
    result = check_message(text)
    assert len(result.non_gsm) == 100
    assert result.non_gsm_unlisted == 50
    assert [item.index for item in result.non_gsm] == list(range(100))
    assert result.verdict.startswith("This message uses letters GSM-7 does not have")


def test_counts_repeated_characters_at_their_first_index() -> None:
    result = check_message("a\u2019b\u2019c \U0001f44d\U0001f3fd \U0001f44d\U0001f3fd\u2019")
    assert [(i.char, i.index, i.utf16_index, i.count) for i in result.non_gsm] == [
        ("\u2019", 1, 1, 3),
        ("\U0001f44d\U0001f3fd", 6, 6, 2),
    ]


def test_a_longer_fix_says_how_many_parts_it_takes() -> None:
    # 60 ellipses are 60 UCS-2 units (1 part); as "..." they are 180 septets (2 parts).
    result = check_message("\u2026" * 60)
    assert (result.segments, result.fixed_segments) == (1, 2)
    assert result.verdict.endswith("Replace it with ... to send it as plain GSM-7 text (2 parts).")


def test_a_message_only_of_emoji_says_nothing_would_be_left() -> None:
    assert check_message("\U0001f600\U0001f600").verdict.endswith(
        "Without it there is nothing left to send."
    )


def test_a_long_message_stays_fast() -> None:
    # Linear work: a quadratic step would take minutes here, not a fraction of a second.
    text = ("We\u2019re free \u2013 call? \U0001f44d\U0001f3fd [ref] \u20ac " * 6000)[:200_000]
    start = time.perf_counter()
    result = check_message(text)
    assert time.perf_counter() - start < 3
    assert result.units == sum(part.units for part in result.parts)


# --- properties ---------------------------------------------------------------------------

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANY_CHAR = st.characters(exclude_categories=())  # every code point, lone surrogates too
PIECES = st.sampled_from(
    [
        *"aZ9 .\n\r@€[^|~\f",
        *"\u2019\u201c\u2013\u2014\u2026\u00a0\u200b\u200d\u200f\t\x00\ufe0f\u0301\u0308",
        *"çêÁ\u041f",
        "\r\n",
        "\U0001f600",
        "\U0001f44d\U0001f3fd",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "\U0001f1ec\U0001f1e7",
        "\ud83d",
        "e\u0301",
    ],
)
MESSAGES = st.text(ANY_CHAR, max_size=400) | st.lists(PIECES, max_size=400).map("".join)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def assert_consistent(text: str, result: MessageCheck) -> None:
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert result.verdict_code in MESSAGE_VERDICT_CODES
    assert result.verdict
    assert result.counts
    assert result.segments == len(result.parts)
    assert result.units == sum(part.units for part in result.parts)
    assert all(part.units <= result.part_capacity for part in result.parts)
    assert 0 <= result.units_left <= result.part_capacity
    if result.parts:
        assert result.parts[0].start == 0
        assert result.parts[-1].utf16_end == utf16_length(text)
        assert all(a.end == b.start for a, b in zip(result.parts, result.parts[1:], strict=False))
    assert result.characters <= len(text)
    assert result.ok == (result.encoding == "GSM-7" and not result.empty)
    assert (result.encoding == "GSM-7") == (not result.non_gsm)


@SETTINGS
@given(text=MESSAGES)
def test_any_text_gives_a_consistent_result(text: str) -> None:
    assert_consistent(text, check_message(text))


@SETTINGS
@given(text=MESSAGES)
def test_fixed_text_is_gsm7_when_every_character_has_a_replacement(text: str) -> None:
    result = check_message(text)
    fixed = check_message(result.fixed_text)
    assert (fixed.encoding, fixed.segments) == (result.fixed_encoding, result.fixed_segments)
    if result.non_gsm_unlisted == 0 and all(i.replacement is not None for i in result.non_gsm):
        assert fixed.encoding == "GSM-7"


@SETTINGS
@given(text=MESSAGES)
def test_fixing_twice_changes_nothing(text: str) -> None:
    fixed = check_message(text).fixed_text
    assert check_message(fixed).fixed_text == fixed


# --- the command line ---------------------------------------------------------------------


def test_cli_prints_one_json_line_per_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "message", "Hello Jane", "[ok] \u20ac5")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert err == ""
    assert [(line["encoding"], line["units"]) for line in lines] == [("GSM-7", 10), ("GSM-7", 10)]


def test_cli_exit_1_when_a_message_is_unicode(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "message", "Hello", "We\u2019re here")
    assert code == 1
    assert json.loads(out.splitlines()[1])["non_gsm"][0]["replacement"] == "'"


def test_cli_fix_prints_the_fixed_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "message", "--fix", "We\u2019re here \u2013 call")
    assert (code, out) == (0, "We're here - call\n")
    code, out, _ = run(capsys, "message", "--fix", "Hi \U0001f600\u2019")
    assert (code, out) == (1, "Hi \U0001f600'\n")


def test_cli_reads_a_file_and_stdin(cli: Cli) -> None:
    path = cli.file("template.txt", "\ufeffHi {name}\r\n".encode())
    code, out, _ = cli.run("message", "--file", str(path))
    assert code == 0
    assert json.loads(out)["units"] == 11  # BOM and the final line break are not the message
    cli.file("template.txt", "Jos\u00e9 \u2013 ok\n".encode("utf-16"))
    code, out, _ = cli.run("message", "--file", str(path), "--fix")
    assert (code, out) == (0, "Jos\u00e9 - ok\n")
    cli.stdin(b"Hello\n\n")
    code, out, _ = cli.run("message", "-")
    assert json.loads(out)["units"] == 6  # only one final line break is dropped


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "is not a text file (it contains binary data)"),
        (b"Jos\xe9", "is not UTF-8 text (at byte 4): save it as UTF-8"),
        (b"a" * (MAX_MESSAGE_BYTES + 1), "is over 0.3 MB, far more than an SMS message holds"),
    ],
)
def test_cli_unreadable_file_is_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: bytes,
    expected: str,
) -> None:
    path = tmp_path / "message.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "message", "--file", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"checkers: {path} ")
    assert expected in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["message"], "give the message text, --file FILE, or - to read it from stdin"),
        (["message", "hi", "--file", "x.txt"], "not both"),
        (["message", "--file", "/nonexistent/x.txt"], "cannot read or write /nonexistent/x.txt"),
        (["message", "Jos\udce9"], "a TEXT argument is not UTF-8 text"),
    ],
)
def test_cli_usage_errors(
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    expected: str,
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert expected in err
    assert err.count("\n") == 1


def test_cli_runs_as_a_module() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "checkers", "message", "--fix", "\u201cHi\u201d"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=ROOT,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, '"Hi"\n', "")


# --- parity with Twilio's calculator ------------------------------------------------------

GSM_TEXT = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789     .,!?'\"-:;()\n" + BASIC
)
EXTENSION_CHARS = list(EXTENSION)
SMART = [*"\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00a0\u2022\u00ab\u00bb\u200b\t", "\r\n"]
ACCENTS = [*"áíóúâêîôûçãõëïÿÁÍÓÚ", "e\u0301", "n\u0303", "a\u0308\u0301"]
# Emoji whose clusters Twilio's grapheme-splitter 1.0.4 (Unicode 10 rules) agrees on; newer
# sequences are in DELIBERATE_DIFFERENCES.
EMOJI = [
    *"\U0001f600\U0001f602\U0001f44d\U0001f389\u2705\u2b50\U0001f642",
    "\u2764\ufe0f",
    "\U0001f44d\U0001f3fd",
    "\U0001f44b\U0001f3fb",
    "\U0001f64f\U0001f3ff",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",
    "\U0001f469\u200d\U0001f4bb",
    "\U0001f468\U0001f3fd\u200d\U0001f4bb",
    "\U0001f3f3\ufe0f\u200d\U0001f308",
    "\U0001f441\ufe0f\u200d\U0001f5e8\ufe0f",
    "\U0001f9d4\u200d\u2642\ufe0f",
    "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f468",
    "\U0001f1ec\U0001f1e7",
    "\U0001f1eb\U0001f1f7",
    "1\ufe0f\u20e3",
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
]
ODD = ["\u200f", "\u200e", "\x00", "\ud83d", "\ude00x", "\ufeff"]
POOLS = {
    "gsm": [GSM_TEXT],
    "extension": [GSM_TEXT, EXTENSION_CHARS],
    "smart": [GSM_TEXT, SMART],
    "emoji": [GSM_TEXT, EMOJI],
    "accents": [GSM_TEXT, ACCENTS],
    "odd": [GSM_TEXT, ODD, EMOJI],
    "mixed": [GSM_TEXT, EXTENSION_CHARS, SMART, EMOJI, ACCENTS],
}


def corpus(count: int, seed: int = 13) -> list[str]:
    """Seeded random messages of 1 to 10 parts (shorter ones likelier), lengths near boundaries.

    Each is runs of GSM-7 text with, between runs, a piece from the message's other pools;
    its length is counted in septets for GSM-7 pools and in UTF-16 units for the others.
    """
    rng = random.Random(seed)
    messages = []
    for _ in range(count):
        kind = rng.choice(sorted(POOLS))
        gsm, *others = POOLS[kind]
        plain = kind in ("gsm", "extension")
        parts = rng.choices(range(1, 11), weights=[1 / parts for parts in range(1, 11)])[0]
        length = (153 if plain else 67) * parts + rng.randint(-3, 3)
        pieces: list[str] = []
        size = 0
        while size < length:
            run = "".join(rng.choices(gsm, k=rng.randint(0, 40)))
            piece = rng.choice(rng.choice(others)) if others else ""
            pieces += [run, piece]
            size += len(run) + (2 * len(piece) if plain else utf16_length(piece))
        messages.append("".join(pieces))
    return messages


def twilio(messages: list[str]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node, "node is not installed: Twilio's calculator runs from the npm package"
    package = ROOT / "node_modules" / "sms-segments-calculator"
    assert package.is_dir(), "run `make setup` (npm ci) first"
    proc = subprocess.run(
        [node, str(TWILIO)],
        input=json.dumps(messages),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    results: list[dict[str, Any]] = json.loads(proc.stdout)
    return results


def test_same_encoding_and_parts_as_twilio_on_a_corpus() -> None:
    messages = corpus(2000)
    answers = twilio(messages)
    differ = []
    cut_short = 0
    for text, answer in zip(messages, answers, strict=True):
        result = check_message(text)
        if (result.encoding, result.segments) != (answer["encoding"], answer["segments"]):
            differ.append((text[:60], result.encoding, result.segments, answer))
        # Node's ICU grapheme segmenter agrees on what a reader sees as one character.
        assert result.characters == answer["graphemes"], repr(text[:60])
        cut_short += any(part.units < result.part_capacity for part in result.parts[:-1])
    assert differ == []
    # The corpus is worth comparing: both encodings, 1 to 10 parts, and many messages with a
    # part ended early so as not to cut an escape pair, a surrogate pair or a cluster.
    unicode = sum(answer["encoding"] == "UCS-2" for answer in answers)
    assert 0.3 * len(messages) < unicode < 0.9 * len(messages)
    assert {answer["segments"] for answer in answers} >= set(range(1, 11))
    assert cut_short > 100


def test_same_gsm7_alphabet_and_septets_as_twilio() -> None:
    chars = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]
    answers = twilio(chars)
    by_char = dict(zip(chars, answers, strict=True))
    gsm = [char for char in chars if by_char[char]["encoding"] == "GSM-7"]
    assert "".join(gsm) == "".join(sorted(BASIC + EXTENSION))
    assert all(check_message(char).units == by_char[char]["characters"] for char in gsm)


DELIBERATE_DIFFERENCES = [
    # (case, text, ours (encoding, parts), Twilio's, why)
    (
        "empty message",
        "",
        ("GSM-7", 0),
        ("GSM-7", 1),
        "an empty message sends nothing; we say so instead of counting one part",
    ),
    (
        "newer zero-width-joiner emoji at a part boundary",
        "\u2014" + "x" * 63 + "\U0001f9d1\u200d\U0001f9b0" + "x" * 65,
        ("UCS-2", 3),
        ("UCS-2", 2),
        "grapheme-splitter 1.0.4 (Unicode 10) cuts person-red-hair (Emoji 11) in two, so"
        " Twilio splits it across parts; phones show one character, so we keep it whole",
    ),
    (
        "skin-tone modifier after a letter at a part boundary",
        "\u2014" + "x" * 65 + "a\U0001f3fd" + "x" * 65,
        ("UCS-2", 3),
        ("UCS-2", 2),
        "since Unicode 11 a modifier joins any character before it; Twilio's older rules"
        " split it off and send it in the next part",
    ),
    (
        "one cluster longer than a part",
        "a" + "\u0301" * 139,
        ("UCS-2", 3),
        ("UCS-2", 2),
        "Twilio keeps the whole 140-unit cluster in one part, more than a part can carry;"
        " we split it between code points, as it must be to be sent",
    ),
]


@pytest.mark.parametrize(
    ("text", "ours", "theirs"),
    [case[1:4] for case in DELIBERATE_DIFFERENCES],
    ids=[case[0] for case in DELIBERATE_DIFFERENCES],
)
def test_deliberate_differences_from_twilio(
    text: str,
    ours: tuple[str, int],
    theirs: tuple[str, int],
) -> None:
    result = check_message(text)
    [answer] = twilio([text])
    assert (result.encoding, result.segments) == ours
    assert (answer["encoding"], answer["segments"]) == theirs
