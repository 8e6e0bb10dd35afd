"""Load and validate checkers/data/support.toml: channels, guide steps and report kinds.

Writers edit that file; every mistake is a SpecError whose message names the place and
says what to write instead, so the site build can show it as is.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from checkers._internal.plain import to_plain

FIELD_TYPES = ("text", "phone_list", "datetime", "choice", "steps")
"""The field types a report kind may use."""

RESERVED_FIELD_IDS = frozenset({"timezone"})
"""Answer keys with a meaning of their own, so no field may use them."""

_ID = re.compile(r"[a-z][a-z0-9_-]*")
_SOURCE = "checkers/data/support.toml"


class SpecError(ValueError):
    """support.toml is not valid; the message says where and what to write instead."""


@dataclass(frozen=True)
class Channel:
    """A support channel: its stable key, the name users see and what it is for."""

    key: str
    name: str
    purpose: str


@dataclass(frozen=True)
class Step:
    """One check or step of the guide."""

    id: str
    label: str
    page: str


@dataclass(frozen=True)
class Option:
    """One option of a choice field."""

    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """One question of a report."""

    id: str
    label: str
    type: str
    required: bool
    help: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Kind:
    """One kind of escalation report; `fields` ends with the common questions."""

    id: str
    title: str
    section: str
    channel: str
    intro: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Spec:
    """Everything support.toml holds, validated."""

    channels: tuple[Channel, ...]
    steps: tuple[Step, ...]
    kinds: tuple[Kind, ...]
    common_fields: tuple[Field, ...] = ()

    def kind(self, kind_id: str) -> Kind:
        """Return the kind `kind_id`, or raise ValueError listing the valid kinds."""
        for kind in self.kinds:
            if kind.id == kind_id:
                return kind
        valid = ", ".join(kind.id for kind in self.kinds)
        msg = f"Unknown report kind {kind_id!r}: use one of {valid}."
        raise ValueError(msg)

    def channel(self, key: str) -> Channel:
        """Return the channel `key` (it exists: the spec was validated)."""
        return next(channel for channel in self.channels if channel.key == key)

    def step_label(self, step_id: str) -> str | None:
        """Return the label of step `step_id`, or None if there is no such step."""
        return next((step.label for step in self.steps if step.id == step_id), None)

    def to_dict(self) -> dict[str, object]:
        """Return the spec as plain data, for the report-builder widget."""
        return to_plain(self)  # type: ignore[return-value]


@functools.cache
def load_spec() -> Spec:
    """Load and validate the packaged support.toml (cached: the file does not change)."""
    text = resources.files("checkers").joinpath("data/support.toml").read_text(encoding="utf-8")
    return parse_spec(text)


def parse_spec(text: str, source: str = _SOURCE) -> Spec:
    """Validate support.toml's text and return it as a Spec, or raise SpecError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"{source} is not valid TOML: {error}. Check quotes and brackets on that line."
        raise SpecError(msg) from None
    _check_keys(data, source, {"channels", "steps", "kinds"}, {"common_fields"})
    channels = tuple(
        _channel(key, value, f"{source} [channels.{key}]")
        for key, value in _table(data["channels"], f"{source} [channels]").items()
    )
    steps = _steps(data["steps"], source)
    common = _fields(data.get("common_fields", []), f"{source} [[common_fields]]")
    kinds_table = _table(data["kinds"], f"{source} [kinds]")
    kinds = tuple(
        _kind(kind_id, value, f"{source} [kinds.{kind_id}]", channels, common)
        for kind_id, value in kinds_table.items()
    )
    if not channels or not kinds:
        msg = f"{source} needs at least one [channels.<key>] and one [kinds.<id>] table."
        raise SpecError(msg)
    return Spec(channels=channels, steps=steps, kinds=kinds, common_fields=common)


def _channel(key: str, value: object, where: str) -> Channel:
    table = _table(value, where)
    _check_keys(table, where, {"name"}, {"purpose"})
    return Channel(
        key=_identifier(key, where),
        name=_text(table, "name", where),
        purpose=_text(table, "purpose", where, required=False),
    )


def _steps(value: object, source: str) -> tuple[Step, ...]:
    steps = []
    for position, item in enumerate(_array(value, f"{source} [[steps]]"), start=1):
        where = f"{source} [[steps]] number {position}"
        table = _table(item, where)
        _check_keys(table, where, {"id", "label"}, {"page"})
        step_id = _identifier(_text(table, "id", where), where)
        label = _text(table, "label", where)
        steps.append(Step(step_id, label, _text(table, "page", where, required=False)))
    _check_unique([step.id for step in steps], f"{source} [[steps]]", "step id")
    return tuple(steps)


def _kind(
    kind_id: str,
    value: object,
    where: str,
    channels: tuple[Channel, ...],
    common: tuple[Field, ...],
) -> Kind:
    table = _table(value, where)
    _check_keys(table, where, {"title", "channel", "fields"}, {"section", "intro"})
    channel = _text(table, "channel", where)
    keys = [item.key for item in channels]
    if channel not in keys:
        msg = (
            f"{where}: channel = {channel!r} is not a channel. Write one of "
            f"{', '.join(repr(key) for key in keys)}, or add a [channels.{channel}] table."
        )
        raise SpecError(msg)
    fields = _fields(table["fields"], f"{where} fields") + common
    _check_unique([field.id for field in fields], f"{where} (with the common fields)", "field id")
    return Kind(
        id=_identifier(kind_id, where),
        title=_text(table, "title", where),
        section=_text(table, "section", where, required=False),
        channel=channel,
        intro=_text(table, "intro", where, required=False),
        fields=fields,
    )


def _fields(value: object, where: str) -> tuple[Field, ...]:
    fields = []
    for position, item in enumerate(_array(value, where), start=1):
        table = _table(item, f"{where} number {position}")
        label = f"{where} number {position}"
        if isinstance(table.get("id"), str):
            label += f" (id = {table['id']!r})"
        fields.append(_field(table, label))
    _check_unique([field.id for field in fields], where, "field id")
    return tuple(fields)


def _field(table: dict[str, object], where: str) -> Field:
    _check_keys(table, where, {"id", "label", "type"}, {"required", "help", "options"})
    field_id = _identifier(_text(table, "id", where), where)
    if field_id in RESERVED_FIELD_IDS:
        msg = f"{where}: id = {field_id!r} is reserved for the browser's answers; pick another id."
        raise SpecError(msg)
    field_type = _text(table, "type", where)
    if field_type not in FIELD_TYPES:
        msg = (
            f"{where}: type = {field_type!r} is not a field type. Write one of "
            f"{', '.join(FIELD_TYPES)} (a list of options is type = \"choice\")."
        )
        raise SpecError(msg)
    required = table.get("required", False)
    if not isinstance(required, bool):
        msg = f"{where}: required must be true or false (without quotes), not {required!r}."
        raise SpecError(msg)
    options = _options(table.get("options"), field_type, where)
    return Field(
        id=field_id,
        label=_text(table, "label", where),
        type=field_type,
        required=required,
        help=_text(table, "help", where, required=False),
        options=options,
    )


def _options(value: object, field_type: str, where: str) -> tuple[Option, ...]:
    example = 'options = [{ value = "all", label = "All applicants" }, ...]'
    if field_type != "choice":
        if value is not None:
            msg = f"{where}: only a type = \"choice\" field takes options; remove them."
            raise SpecError(msg)
        return ()
    items = _array(value, f"{where} options") if value is not None else []
    if not items:
        msg = f"{where}: a choice field needs options, for example {example}."
        raise SpecError(msg)
    options = []
    for position, item in enumerate(items, start=1):
        option_where = f"{where} option {position}"
        table = _table(item, option_where)
        _check_keys(table, option_where, {"value", "label"}, set())
        value_text = _text(table, "value", option_where)
        options.append(Option(value_text, _text(table, "label", option_where)))
    _check_unique([option.value for option in options], f"{where} options", "option value")
    return tuple(options)


def _table(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        msg = f"{where} must be a table of keys and values, not {type(value).__name__}."
        raise SpecError(msg)
    return value


def _array(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        msg = f"{where} must be a list (written [[...]] or [ ... ]), not {type(value).__name__}."
        raise SpecError(msg)
    return value


def _text(table: dict[str, object], key: str, where: str, *, required: bool = True) -> str:
    value = table.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        msg = f'{where}: {key} is missing or empty; add {key} = "..." (text in quotes).'
        raise SpecError(msg)
    return value.strip()


def _identifier(value: str, where: str) -> str:
    if not _ID.fullmatch(value):
        msg = (
            f"{where}: {value!r} is not a valid id; use lower-case letters, digits, _ and -, "
            "starting with a letter."
        )
        raise SpecError(msg)
    return value


def _check_keys(
    table: dict[str, object],
    where: str,
    required: set[str],
    optional: set[str],
) -> None:
    for key in sorted(required - table.keys()):
        msg = f"{where}: {key} is missing; add it."
        raise SpecError(msg)
    unknown = sorted(table.keys() - required - optional)
    if unknown:
        allowed = ", ".join(sorted(required | optional))
        msg = f"{where}: unknown key {unknown[0]!r}; the keys allowed here are {allowed}."
        raise SpecError(msg)


def _check_unique(ids: list[str], where: str, what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            msg = f"{where}: the {what} {item!r} is used twice; give each one its own id."
            raise SpecError(msg)
        seen.add(item)
