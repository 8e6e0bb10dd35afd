"""support.toml loads, and every kind of writer's mistake is a SpecError naming the fix."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from checkers import FIELD_TYPES, SpecError, load_spec, parse_spec

GOOD = """
[channels.portal]
name = "MyAccess Portal"
how = "Sign in and raise a case."

[[steps]]
id = "s3"
label = "Section 3"

[[common_fields]]
id = "account_name"
label = "Account?"
type = "text"
required = true
error = "Enter the account"
place = "first"

[[common_fields]]
id = "steps_tried"
label = "Steps tried"
type = "steps"

[kinds.replies]
title = "Replies"
channel = "portal"

[[kinds.replies.fields]]
id = "scope"
label = "Scope"
type = "choice"
required = true
error = "Choose the scope"
options = [{ value = "all", label = "All" }]
"""


def test_packaged_spec_loads() -> None:
    spec = load_spec()
    assert {c.key for c in spec.channels} == {"assistant", "portal"}
    assert {k.id for k in spec.kinds} == {
        "service_inactive",
        "record_blocked",
        "not_received",
        "replies_missing",
        "still_not_resolved",
    }
    assert [s.id for s in spec.steps][:2] == ["s1-check1", "s1-check2"]
    for kind in spec.kinds:
        ids = [f.id for f in kind.fields]
        assert ids[:2] == ["account_name", "what_happened"]  # asked first, in every kind
        assert ids[-1] == "steps_tried"  # the other common questions come last
        assert all(f.type in FIELD_TYPES for f in kind.fields)
        assert all(f.label.endswith("?") for f in kind.fields), kind.id  # questions
        assert all(f.error for f in kind.fields if f.required), kind.id
        assert kind.summary, kind.id
    data = spec.to_dict()
    assert json.loads(json.dumps(data)) == data


def test_the_triage_s_questions_keep_their_ids_and_values() -> None:
    spec = load_spec()
    common = {f.id: [o.value for o in f.options] for f in spec.common_fields}
    assert common["users_affected"] == ["one", "multiple", "all"]
    assert common["applicants_affected"] == ["one", "many"]
    problem = next(f for f in spec.kind("still_not_resolved").fields if f.id == "problem")
    assert [o.value for o in problem.options] == ["sending", "delivery", "replies"]


def test_no_kind_asks_a_question_twice() -> None:
    for kind in load_spec().kinds:
        labels = [f.label.casefold() for f in kind.fields]
        assert len(labels) == len(set(labels)), kind.id
    # Each kind asks its own sharper scope question instead of the common one.
    asked = {k.id: {f.id for f in k.fields} for k in load_spec().kinds}
    assert "applicants_affected" not in asked["not_received"]
    assert "applicants_affected" not in asked["replies_missing"]
    assert "last_worked" not in asked["replies_missing"]  # it asks when the issue started


def test_packaged_file_is_what_load_spec_reads() -> None:
    text = resources.files("checkers").joinpath("data/support.toml").read_text(encoding="utf-8")
    assert parse_spec(text) == load_spec()


def test_kind_lookup_lists_valid_kinds() -> None:
    with pytest.raises(ValueError, match="Unknown report kind 'nope': use one of service_inactive"):
        load_spec().kind("nope")


def test_minimal_spec() -> None:
    spec = parse_spec(GOOD)
    assert [f.id for f in spec.kind("replies").fields] == ["account_name", "scope", "steps_tried"]
    assert spec.channel("portal").how == "Sign in and raise a case."
    assert spec.channel("portal").url == ""


def test_a_channel_url_must_be_https() -> None:
    good = GOOD.replace(
        'how = "Sign in and raise a case."', 'url = "https://support.example.com/portal?x=1"'
    )
    channel = parse_spec(good).channel("portal")
    assert channel.url == "https://support.example.com/portal?x=1"
    assert channel.open_label == "Open the MyAccess Portal"
    for bad in (
        "http://support.example.com",
        "javascript:alert(1)",
        "https://",
        "support.example.com",
        'https://a.example/"x',
    ):
        text = GOOD.replace('how = "Sign in and raise a case."', f"url = {json.dumps(bad)}")
        with pytest.raises(SpecError, match="is not an https:// address") as caught:
            parse_spec(text, source="checkers/data/support.toml")
        assert caught.value.line == _line_of(text, "url = "), bad


BAD_SPECS = [
    (
        'type = "choice"',
        'type = "dropdown"',
        r"id = 'scope'\): type = 'dropdown' is not a field type\. "
        r"Write one of text, long_text, phone, phone_list",
    ),
    ('options = [{ value = "all", label = "All" }]', "", "a choice field needs options"),
    (
        'label = "Scope"',
        "",
        r"\[\[kinds\.replies\.fields\]\] number 1 \(id = 'scope'\): label is missing; add it",
    ),
    ('label = "Scope"', 'label = "  "', 'label is missing or empty; add label = "..."'),
    (
        'channel = "portal"',
        'channel = "phone"',
        r"channel = 'phone' is not a channel\. Write one of 'portal', or add a \[channels\.phone\]",
    ),
    ('id = "scope"', 'id = "steps_tried"', "'steps_tried' is also a \\[\\[common_fields\\]\\] id"),
    ("required = true", 'required = "yes"', "required must be true or false"),
    ('id = "scope"', 'id = "Scope!"', "is not a valid id"),
    ('id = "scope"', 'id = "timezone"', "reserved"),
    ('title = "Replies"', 'title = "Replies"\ncolour = "red"', "unknown key 'colour'"),
    (
        'label = "Section 3"',
        'label = "Section 3"\n[[steps]]\nid = "s3"\nlabel = "Again"',
        "step id 's3' is used twice",
    ),
    ('name = "MyAccess Portal"', "", r"\[channels\.portal\]: name is missing"),
    (
        'type = "steps"',
        'type = "steps"\noptions = [{ value = "a", label = "A" }]',
        'only a type = "choice" field takes options',
    ),
    (
        'options = [{ value = "all", label = "All" }]',
        'options = [{ value = "all", label = "All" }, { value = "all", label = "B" }]',
        "option value 'all' is used twice",
    ),
    ("[channels.portal]", "[channels.portal", "not valid TOML"),
    ('how = "Sign in and raise a case."', 'next = "Wait"', "next must be a list of text"),
    ('error = "Choose the scope"', "", 'a required question needs error = "..."'),
    ('error = "Choose the scope"', 'error = "x"\nshort = "since"', "short must hold {} once"),
    ('place = "first"', 'place = "top"', 'write place = "first" or place = "last"'),
    ('error = "Choose the scope"', 'error = "x"\nplace = "first"', "unknown key 'place'"),
    ('channel = "portal"', 'channel = "portal"\nskip = ["x"]', "skip names 'x', which is not a"),
    ('channel = "portal"', 'channel = "portal"\nsummary = ["x"]', "summary names 'x', which"),
    ('label = "Scope"', 'label = "Account?"', "are both 'Account\\?': ask each question once"),
    ('id = "scope"', 'id = "keep_numbers"', "reserved"),
    ('label = "All" }', 'label = "All", colour = "red" }', "unknown key 'colour'"),
]


@pytest.mark.parametrize(("old", "new", "expected"), BAD_SPECS)
def test_bad_specs_name_place_and_fix(old: str, new: str, expected: str) -> None:
    assert old in GOOD
    with pytest.raises(SpecError, match=expected):
        parse_spec(GOOD.replace(old, new, 1))


def test_missing_top_level_tables() -> None:
    with pytest.raises(SpecError, match="kinds is missing"):
        parse_spec('[channels.a]\nname = "A"\n[[steps]]\nid = "x"\nlabel = "X"\n')
    with pytest.raises(SpecError, match="must be a table"):
        parse_spec("channels = 3\nsteps = []\nkinds = {}\n")


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of `text` containing `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


LINED = [
    # (old, new, the text on the line the error must point at)
    ('type = "choice"', 'type = "dropdown"', 'type = "dropdown"'),
    ("required = true", 'required = "yes"', 'required = "yes"'),
    ('channel = "portal"', 'channel = "phone"', 'channel = "phone"'),
    ('id = "scope"', 'id = "Scope!"', 'id = "Scope!"'),
    ('title = "Replies"', 'title = "Replies"\ncolour = "red"', 'colour = "red"'),
    ('label = "Scope"', "", "[[kinds.replies.fields]]"),
    ('name = "MyAccess Portal"', 'name = ""', 'name = ""'),
    (
        'label = "Section 3"',
        'label = "Section 3"\n[[steps]]\nid = "s3"\nlabel = "Again"',
        'label = "Again"',
    ),
    ("[channels.portal]", "[channels.portal", "[channels.portal"),
]


@pytest.mark.parametrize(("old", "new", "line_text"), LINED)
def test_errors_give_the_file_and_the_line(old: str, new: str, line_text: str) -> None:
    text = GOOD.replace(old, new, 1)
    with pytest.raises(SpecError) as caught:
        parse_spec(text, source="checkers/data/support.toml")
    error = caught.value
    expected = _line_of(text, line_text)
    if line_text == 'label = "Again"':  # a duplicate id points at the second id
        expected = _line_of(text, line_text) - 1
    assert error.line == expected, str(error)
    assert error.source == "checkers/data/support.toml"
    assert str(error).startswith(f"checkers/data/support.toml:{expected}: ")
    assert error.detail in str(error)


def test_toml_syntax_error_names_the_line_and_the_fix() -> None:
    text = GOOD.replace('type = "choice"', 'type = "choice', 1)
    with pytest.raises(SpecError, match=r"Check the quotes and brackets on this line") as caught:
        parse_spec(text)
    assert caught.value.line == _line_of(text, 'type = "choice')


def test_load_spec_can_be_told_to_reread() -> None:
    first = load_spec()
    load_spec.cache_clear()
    assert load_spec() == first
