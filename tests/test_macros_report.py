"""The report_builder() macro's HTML: the form of every report kind comes from support.toml,
escaped, with labelled controls, unique ids and a no-JS fallback."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from checkers import Kind, Spec, load_spec, parse_spec
from macros._content import MacroError
from macros._regions import SiteRegions
from macros._report import report_builder
from tests.sitebuild import build_site

KINDS = [kind.id for kind in load_spec().kinds]
CONTROLS = {"text": "input", "datetime": "input", "phone_list": "textarea"}


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
    fields = root.select("[data-field]")
    assert [f["data-field"] for f in fields] == [f.id for f in kind.fields]
    common = {f.id for f in spec.common_fields}
    for node, field in zip(fields, kind.fields, strict=True):
        assert node["data-type"] == field.type
        assert node["data-required"] == ("true" if field.required else "false")
        assert node["data-common"] == ("true" if field.id in common else "false")
        assert node["data-label"] == field.label
        if field.type in CONTROLS:
            control = node.find(CONTROLS[field.type])
            assert isinstance(control, Tag), field.id
            assert control["id"] == node["data-control"]
            if field.type != "phone_list":
                assert control["type"] == "text"
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
    channel = spec.channel(spec.kind(kind).channel)
    assert root["data-channel"] == channel.key
    assert channel.name in text_of(root.select_one(".report-builder__channel"))
    assert channel.name in text_of(root.select_one(".report-builder__send-to"))


def test_radio_names_are_unique_across_widgets_on_one_page() -> None:
    first, second = render("service_inactive"), render("record_blocked")
    names = [str(t["name"]) for root in (first, second) for t in root.select("input[type=radio]")]
    assert {n for n in names if n.startswith(str(first["id"]))}
    assert not {n for n in names if n.startswith(str(first["id"]))} & {
        n for n in names if n.startswith(str(second["id"]))
    }


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
    for control in root.select("input[type=text], textarea"):
        assert control["autocomplete"] == "off", control
    buttons = [text_of(b) for b in root.find_all("button")]
    assert buttons == [
        "Retry",
        "Continue",
        "Create report",
        "Back to your answers",
        "Forget my answers",
        "Yes, forget my answers",
        "Keep my answers",
    ]


def test_labels_with_markup_are_escaped() -> None:
    text = resources.files("checkers").joinpath("data/support.toml").read_text("utf-8")
    hostile = '<script>alert(1)</script> Your <b>"organisation"</b> & co'
    escaped = hostile.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace('label = "Your organisation or account name"', f'label = "{escaped}"', 1)
    text = text.replace('name = "Access Digital Assistant"', 'name = "Access <i>Assistant</i>"')
    spec = parse_spec(text)
    assert spec.kind("service_inactive").fields[0].label == hostile
    html = str(report_builder("service_inactive", spec=spec))
    assert "<script>" not in html
    assert "<b>" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    root = render("service_inactive", spec)
    label = root.find("label", attrs={"for": root.select_one("[data-field]")["data-control"]})  # type: ignore[index]
    assert text_of(label).startswith(" ".join(hostile.split()))
    assert root.select_one("[data-field]")["data-label"] == hostile  # type: ignore[index]
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
label = "The applicants' mobile network, if you know it"
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
    assert text_of(listed) == "The applicants' mobile network, if you know it"
    form = page.select_one('[data-widget="report-builder"][data-kind="not_received"]')
    assert form is not None
    field = form.select_one('[data-field="network"]')
    assert field is not None
    control = field.find("input")
    assert isinstance(control, Tag)
    label = field.find("label", attrs={"for": control["id"]})
    assert text_of(label) == "The applicants' mobile network, if you know it"
    order = [f["data-field"] for f in form.select("[data-field]")]
    assert order.index("network") == order.index("scope") + 1
