"""The report_builder() macro's HTML: the form of every report kind comes from support.toml,
escaped, closed behind a disclosure button, with labelled controls, unique ids and the guide's
"please include" list as its no-JS fallback; channels link where support.toml gives a url."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from checkers import KEEP_NUMBERS, Kind, Spec, load_spec, parse_spec
from macros._content import MacroError, channel_table, please_include
from macros._regions import SiteRegions
from macros._report import report_builder
from tests.sitebuild import build_site

KINDS = [kind.id for kind in load_spec().kinds]
CONTROLS = {
    "text": ("input", "text"),
    "datetime": ("input", "text"),
    "phone": ("input", "tel"),
    "long_text": ("textarea", None),
    "phone_list": ("textarea", None),
}


def render(kind: str, spec: Spec | None = None) -> Tag:
    html = report_builder(kind, spec=spec)
    assert isinstance(html, Markup)
    root = BeautifulSoup(str(html), "html.parser").find(attrs={"data-widget": "report-builder"})
    assert isinstance(root, Tag)
    return root


def text_of(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


def check_form(root: Tag, kind: Kind, spec: Spec) -> None:
    """Every field of `kind`, in order, with its label, help, required mark and control."""
    form = root.select_one('form[data-part="form"]')
    assert form is not None
    fields = form.select("[data-field]")
    assert [f["data-field"] for f in fields] == [f.id for f in kind.fields]
    shared = {f.id for f in spec.common_fields if f.shared}
    for node, field in zip(fields, kind.fields, strict=True):
        assert node["data-type"] == field.type
        assert node["data-required"] == ("true" if field.required else "false")
        assert node["data-common"] == ("true" if field.id in shared else "false")
        assert node["data-label"] == field.label
        if field.type in CONTROLS:
            tag, kind_of_input = CONTROLS[field.type]
            control = node.find(tag)
            assert isinstance(control, Tag), field.id
            assert control["id"] == node["data-control"]
            if kind_of_input:
                assert control["type"] == kind_of_input
            label = node.find("label", attrs={"for": control["id"]})
            described = str(control.get("aria-describedby", "")).split()
        else:
            assert node.name == "fieldset", field.id
            label = node.find("legend")
            described = str(node.get("aria-describedby", "")).split()
            inputs = node.find_all("input")
            wanted = "radio" if field.type == "choice" else "checkbox"
            assert {i["type"] for i in inputs} == {wanted}
            values = [o.value for o in field.options] or [s.id for s in spec.steps]
            assert [i["value"] for i in inputs] == values
            labels = [o.label for o in field.options] or [s.label for s in spec.steps]
            for box, text in zip(inputs, labels, strict=True):
                tied = node.find("label", attrs={"for": box["id"]})
                assert text_of(tied) == text
            assert len({i["name"] for i in inputs}) == 1
            assert inputs[0]["id"] == node["data-control"]
        assert text_of(label).startswith(field.label), field.id
        assert ("(required)" in text_of(label)) is field.required, field.id
        for ref in described:
            assert root.find(id=ref) is not None, ref
        if field.help:
            hints = [text_of(root.find(id=ref)) for ref in described]
            assert any(field.help in hint for hint in hints), field.id


@pytest.mark.parametrize("kind", KINDS)
def test_the_form_has_every_field_of_the_kind(kind: str) -> None:
    spec = load_spec()
    root = render(kind)
    check_form(root, spec.kind(kind), spec)
    assert root["data-kind"] == kind
    assert root["data-default-region"] == "GB"
    assert root["data-zone-span"] == "3653,2"
    channel = spec.channel(spec.kind(kind).channel)
    assert root["data-channel"] == channel.key
    assert channel.name in text_of(root.select_one(".report-builder__channel"))
    assert channel.name in text_of(root.select_one(".report-builder__send-to"))


@pytest.mark.parametrize("kind", KINDS)
def test_the_form_starts_closed_behind_a_disclosure_button(kind: str) -> None:
    root = render(kind)
    opener = root.select_one('[data-part="open"]')
    assert opener is not None
    assert opener.name == "button"
    assert opener["type"] == "button"
    assert text_of(opener) == "Write a report for support"
    assert opener["aria-expanded"] == "false"
    panel = root.find(id=opener["aria-controls"])
    assert isinstance(panel, Tag)
    assert panel["data-part"] == "panel"
    assert panel.has_attr("hidden")
    assert panel.select_one('form[data-part="form"]') is not None
    channel = load_spec().channel(load_spec().kind(kind).channel)
    assert text_of(root.select_one(".report-builder__intro")) == (
        "The form asks what support needs, checks your answers and writes the report for you "
        f"to send to the {channel.name} ."
    )


@pytest.mark.parametrize("kind", KINDS)
def test_without_javascript_the_guide_s_list_shows_from_the_same_data(kind: str) -> None:
    root = render(kind)
    fallback = root.select_one('[data-part="fallback"]')
    assert "Send the" in text_of(fallback)
    listed = root.select_one(".report-builder__fallback ul.please-include")
    assert listed is not None
    page_list = BeautifulSoup(str(please_include(kind)), "html.parser").find_all("li")
    assert [text_of(li) for li in listed.find_all("li")] == [text_of(li) for li in page_list]
    assert [li["data-field"] for li in listed.find_all("li")] == [
        f.id for f in load_spec().kind(kind).fields
    ]
    # The fallback is no control: the shell keeps every control hidden until mounted.
    assert root.select_one(".report-builder__fallback :is(input, button, textarea)") is None


def test_please_include_uses_the_guide_s_words_where_it_has_them() -> None:
    listed = BeautifulSoup(str(please_include("not_received")), "html.parser")
    items = {li["data-field"]: text_of(li) for li in listed.find_all("li")}
    assert items["sent_at"] == "The approximate date and time the messages were sent"
    assert items["account_name"] == "What is your organisation or account name?"
    common = BeautifulSoup(str(please_include("common")), "html.parser").find_all("li")
    assert [li["data-field"] for li in common] == [f.id for f in load_spec().common_fields]


def test_radio_names_are_unique_across_widgets_on_one_page() -> None:
    first, second = render("service_inactive"), render("record_blocked")
    names = [str(t["name"]) for root in (first, second) for t in root.select("input[type=radio]")]
    assert {n for n in names if n.startswith(str(first["id"]))}
    assert not {n for n in names if n.startswith(str(first["id"]))} & {
        n for n in names if n.startswith(str(second["id"]))
    }


def test_dates_offer_the_platform_s_picker_and_say_what_can_be_written() -> None:
    root = render("not_received")
    field = root.select_one('form [data-field="sent_at"]')
    assert field is not None
    picker = field.select_one("input[type=datetime-local]")
    assert picker is not None
    assert text_of(root.find("label", attrs={"for": picker["id"]})) == "Or choose it:"
    hint = root.find(id=f"{field['data-control']}-hint")
    assert "yesterday 2pm" in text_of(hint)
    assert "Tuesday 9am" in text_of(hint)


def test_stages_and_live_regions_are_there() -> None:
    root = render("not_received")
    summary = root.select_one('[data-part="errors"]')
    assert summary is not None
    assert summary["role"] == "alert"
    assert root.select_one('[data-part="announce"]')["aria-live"] == "polite"  # type: ignore[index]
    assert root.select_one('[data-part="summary"]').name == "dl"  # type: ignore[union-attr]
    final = root.select_one('[data-part="text"]')
    assert final is not None
    assert final.name == "pre"  # no form field: the browser never keeps its text
    assert root.select_one('[data-part="unsaved"]').has_attr("hidden")  # type: ignore[union-attr]
    for control in root.select("input[type=text], input[type=tel], textarea"):
        assert control["autocomplete"] == "off", control
    numbers = root.select_one('[data-part="numbers"]')
    assert numbers is not None
    assert numbers.has_attr("hidden")
    keep = numbers.select_one('input[type=checkbox][data-part="keep"]')
    assert keep is not None
    assert text_of(root.find("label", attrs={"for": keep["id"]})) == KEEP_NUMBERS[1]
    buttons = [text_of(b) for b in root.find_all("button")]
    assert buttons == [
        "Write a report for support",
        "Retry",
        "Continue",
        "Create report",
        "Back to your answers",
        "Forget my answers",
        "Yes, forget my answers",
        "Keep my answers",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_what_happens_next_comes_from_the_channel(kind: str) -> None:
    spec = load_spec()
    channel = spec.channel(spec.kind(kind).channel)
    root = render(kind)
    panel = root.select_one('[data-part="next"]')
    assert panel is not None
    assert panel.has_attr("hidden")
    assert [text_of(li) for li in panel.select("ol li")] == list(channel.next)
    assert len(channel.next) >= 2
    # No url in the packaged file: the way to reach the channel, in words.
    assert text_of(root.select_one('[data-part="final"] .report-builder__how')) == channel.how


def url_spec(url: str = "https://support.example.com/portal") -> Spec:
    text = resources.files("checkers").joinpath("data/support.toml").read_text("utf-8")
    text = text.replace('name = "MyAccess Portal"', f'name = "MyAccess Portal"\nurl = "{url}"', 1)
    return parse_spec(text)


def test_with_a_url_the_last_step_opens_the_channel() -> None:
    root = render("not_received", url_spec())
    link = root.select_one('[data-part="final"] a[data-channel-link="portal"]')
    assert link is not None
    assert link["href"] == "https://support.example.com/portal"
    assert link["target"] == "_blank"
    assert "noopener" in link["rel"]
    assert text_of(link) == "Open the MyAccess Portal (opens in a new tab)"
    assert root.select_one('[data-part="final"] .report-builder__how') is None
    named = root.select('a.support-channel[data-channel="portal"]')
    assert named
    assert {a["href"] for a in named} == {"https://support.example.com/portal"}


def test_channel_table_says_how_to_reach_each_channel() -> None:
    table = BeautifulSoup(str(channel_table()), "html.parser")
    assert [text_of(th) for th in table.select("th")] == [
        "Channel",
        "Use it for",
        "How to reach it",
    ]
    rows = [[text_of(td) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert rows == [[c.name, c.purpose, c.how] for c in load_spec().channels]


def test_labels_with_markup_are_escaped() -> None:
    text = resources.files("checkers").joinpath("data/support.toml").read_text("utf-8")
    hostile = '<script>alert(1)</script> Your <b>"organisation"</b> & co?'
    escaped = hostile.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace(
        'label = "What is your organisation or account name?"', f'label = "{escaped}"', 1
    )
    text = text.replace('name = "Access Digital Assistant"', 'name = "Access <i>Assistant</i>"')
    spec = parse_spec(text)
    assert spec.kind("service_inactive").fields[0].label == hostile
    html = str(report_builder("service_inactive", spec=spec))
    assert "<script>" not in html
    assert "<b>" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    root = render("service_inactive", spec)
    first = root.select_one("form [data-field]")
    assert first is not None
    label = root.find("label", attrs={"for": first["data-control"]})
    assert text_of(label).startswith(" ".join(hostile.split()))
    assert first["data-label"] == hostile
    assert "Access <i>Assistant</i>" in text_of(root.select_one(".report-builder__channel"))


def test_an_unknown_kind_names_the_valid_ones() -> None:
    with pytest.raises(MacroError) as caught:
        report_builder("not_recieved")
    message = str(caught.value)
    assert message.startswith("report_builder('not_recieved'):")
    for kind in KINDS:
        assert kind in message


def test_an_unknown_default_region_is_a_macro_error() -> None:
    with pytest.raises(MacroError, match=r"extra\.default_region"):
        SiteRegions.from_extra({"default_region": "XX"})


NEW_FIELD = """
[[kinds.not_received.fields]]
id = "network"
label = "Which mobile network are the applicants on, if you know?"
type = "text"
required = false
"""


@pytest.mark.slow
def test_one_source_for_the_report_fields(project_copy: Path, tmp_path: Path) -> None:
    data = project_copy / "checkers" / "data" / "support.toml"
    text = data.read_text(encoding="utf-8")
    marker = "[kinds.replies_missing]"
    assert marker in text
    data.write_text(text.replace(marker, NEW_FIELD + "\n" + marker, 1), encoding="utf-8")
    build = build_site(project_copy, tmp_path / "out", pythonpath=project_copy)
    assert build.returncode == 0, build.log
    page = build.page("not-received/")
    listed = page.select_one('ul.please-include[data-kind="not_received"] li[data-field="network"]')
    assert text_of(listed) == "Which mobile network are the applicants on, if you know?"
    form = page.select_one('[data-widget="report-builder"][data-kind="not_received"] form')
    assert form is not None
    field = form.select_one('[data-field="network"]')
    assert field is not None
    control = field.find("input")
    assert isinstance(control, Tag)
    label = field.find("label", attrs={"for": control["id"]})
    assert text_of(label) == "Which mobile network are the applicants on, if you know?"
    order = [f["data-field"] for f in form.select("[data-field]")]
    assert order.index("network") == order.index("scope") + 1


@pytest.mark.slow
def test_a_url_that_is_not_https_stops_the_build_naming_the_line(
    project_copy: Path, tmp_path: Path
) -> None:
    data = project_copy / "checkers" / "data" / "support.toml"
    text = data.read_text(encoding="utf-8")
    text = text.replace(
        'name = "MyAccess Portal"', 'name = "MyAccess Portal"\nurl = "http://portal.example"', 1
    )
    data.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("url = "))
    build = build_site(project_copy, tmp_path / "out", pythonpath=project_copy)
    assert build.returncode != 0
    assert f"checkers/data/support.toml:{line}: [channels.portal]: url = " in build.log
    assert "is not an https:// address" in build.log
