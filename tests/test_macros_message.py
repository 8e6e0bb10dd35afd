"""message_check() and message_examples(): the widget's HTML, its fallback from checkers' own
limits, and the example table worked out by checkers at build time."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag

import macros._message
from checkers import GSM7_EXTENSION, PART_CAPACITY, check_message
from macros._content import MacroError
from macros._message_examples import message_examples
from tests.sitebuild import Build
from tests.test_macros_shell import render as render_widget

TOOLS_EXAMPLES = 4


def render() -> Tag:
    return render_widget("message-check")


def test_the_text_area_is_labelled_and_described_by_the_counts() -> None:
    root = render()
    textarea = root.select_one('[data-part="input"]')
    assert isinstance(textarea, Tag)
    assert textarea.name == "textarea"
    assert root.find("label", attrs={"for": textarea["id"]}).get_text() == "Message"
    described = str(textarea["aria-describedby"]).split()
    counts = root.select_one('[data-part="counts"]')
    assert isinstance(counts, Tag)
    assert counts["id"] in described
    assert "leaves this browser" in root.find(id=described[0]).get_text()


def test_the_counts_are_announced_and_the_fixes_wait_for_a_result() -> None:
    root = render()
    announce = root.select_one('[data-part="announce"]')
    assert isinstance(announce, Tag)
    assert (announce["aria-live"], announce["aria-atomic"]) == ("polite", "true")
    assert "sms-widget__visually-hidden" in announce["class"]
    for part in ("fix", "preview", "notes", "parts-note", "marks-hint"):
        found = root.select_one(f'[data-part="{part}"]')
        assert isinstance(found, Tag), part
        assert found.has_attr("hidden"), part
    fix = root.select_one('[data-part="fix"]')
    assert isinstance(fix, Tag)
    assert fix["data-copy-label"] == "Copy the fixed text"
    assert [b.get_text() for b in fix.find_all("button")] == ["Replace them all"]
    assert "part by part" in root.select_one('[data-part="preview"]').get_text()


def test_the_fallback_gives_checkers_limits() -> None:
    fallback = render().select_one('[data-part="fallback"]')
    assert isinstance(fallback, Tag)
    text = fallback.get_text()
    assert "needs JavaScript" in text
    numbers = [int(n) for n in re.findall(r"\b\d+\b", text.replace("GSM-7", "GSM"))]
    assert numbers == [*PART_CAPACITY["GSM-7"], *PART_CAPACITY["UCS-2"]] == [160, 153, 70, 67]
    doubled = [code.get_text() for code in fallback.find_all("code")]
    assert doubled == [char for char in GSM7_EXTENSION if char != "\f"]


def test_the_fallback_follows_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(macros._message, "PART_CAPACITY", {"GSM-7": (1, 2), "UCS-2": (3, 4)})
    text = render().select_one('[data-part="fallback"]').get_text()
    assert "fits 1 characters in one SMS part, or 2 a part" in text
    assert "as Unicode: 3 characters in one part, 4 a part" in text


TEMPLATES = (
    "Hi {first_name}, your interview is on Tuesday at 10:00.",
    "We\u2019re pleased to offer you the role \u2013 reply YES to accept.",
    "Great news \U0001f389 see you Monday",
    "Reminder: " + "please bring photo ID and proof of address. " * 4,
)


def test_the_table_has_one_row_per_message_with_the_checkers_words() -> None:
    table = BeautifulSoup(str(message_examples(*TEMPLATES)), "html.parser").find("table")
    assert isinstance(table, Tag)
    assert table["data-macro"] == "message-examples"
    assert [th.get_text() for th in table.select("thead th")] == [
        "Message",
        "How it is sent",
        "What the checker says",
    ]
    rows = table.select("tbody tr")
    assert len(rows) == len(TEMPLATES)
    for text, row in zip(TEMPLATES, rows, strict=True):
        expected = check_message(text)
        message, counts, says = row.find_all(["th", "td"])
        assert message.get_text() == text
        assert counts.get_text() == expected.counts
        assert says.find("strong").get_text() == expected.verdict
        assert [li.get_text() for li in says.find_all("li")] == list(expected.notes)
        assert (row["data-encoding"], row["data-segments"]) == (
            expected.encoding,
            str(expected.segments),
        )
    assert {row["data-verdict"] for row in rows} == {"ready", "unicode_fixable", "unicode", "long"}


def test_the_table_is_escaped() -> None:
    html = str(message_examples('<script>alert("x")</script>&'))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "give at least one message"),
        ((5,), "5 is not text. Put the message in quotes"),
        (("ok", "  "), "the message is empty"),
    ],
)
def test_bad_arguments_say_what_to_write(args: tuple[object, ...], expected: str) -> None:
    with pytest.raises(MacroError, match=re.escape(expected)):
        message_examples(*args)  # type: ignore[arg-type]


@pytest.mark.slow
def test_the_tools_page_has_the_widget_under_its_heading_and_linked(built_site: Build) -> None:
    page = built_site.page("tools/")
    heading = page.find(id="check-a-message")
    assert heading is not None
    assert heading.name == "h2"
    assert heading.get_text().startswith("Check a message before you send it")
    following = heading.find_all_next(attrs={"data-widget": True})
    assert following
    assert following[0]["data-widget"] == "message-check"
    table = page.select_one("article table[data-macro=message-examples]")
    assert table is not None
    assert len(table.select("tbody tr")) == TOOLS_EXAMPLES
    for url in ("sending-fails/", "not-received/"):
        last = built_site.page(url).select("article h2")[-1]
        assert "Where to go next" in last.get_text()
        links = [a["href"] for a in last.find_next("ul").select("a")]
        assert "../tools/#check-a-message" in links, (url, links)
