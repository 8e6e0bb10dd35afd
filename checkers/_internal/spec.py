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
from typing import NamedTuple

from checkers._internal.plain import PlainData

FIELD_TYPES = ("text", "long_text", "phone", "phone_list", "datetime", "choice", "steps")
"""The field types a report kind may use."""

RESERVED_FIELD_IDS = frozenset({"timezone", "now", "keep_numbers"})
"""Answer keys with a meaning of their own (see `checkers.build_report`): no field may use them."""

PLACES = ("first", "last")
"""Where a [[common_fields]] question is asked: before or after each kind's own questions."""

_ID = re.compile(r"[a-z][a-z0-9_-]*")
_HTTPS = re.compile(
    r"https://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?(?:[/?#][^\s\"'<>`]*)?"
)
_HEADER = re.compile(r"^\s*\[\[?([^\[\]]+)\]\]?\s*(?:#.*)?$")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_SOURCE = "checkers/data/support.toml"


class SpecError(ValueError):
    """support.toml is not valid; the message says where and what to write instead.

    It reads ``<file>:<line>: <place>: <what to write>``; `source`, `line` (None when
    unknown) and `detail` (the message without the file and line) are kept apart too.
    """

    def __init__(self, detail: str, *, source: str = _SOURCE, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.detail = detail
        super().__init__(f"{source}:{line}: {detail}" if line else f"{source}: {detail}")


@dataclass(frozen=True)
class Channel:
    """A support channel: its stable key, the name users see, what it is for, how to reach it."""

    key: str
    """Its table name in support.toml ([channels.<key>]), used by the channel() macro."""
    name: str
    purpose: str
    url: str = ""
    """Its https:// address, which every contact point links to (empty when not set)."""
    how: str = ""
    """How to reach it, for when there is no `url` (may be empty)."""
    next: tuple[str, ...] = ()
    """What happens after the reader sends it a report, step by step."""

    @property
    def open_label(self) -> str:
        """The words of the link to it: "Open the MyAccess Portal"."""
        return f"Open the {self.name}"


@dataclass(frozen=True)
class Step:
    """One check or step of the guide."""

    id: str
    """The heading anchor on the site, and a value of the "steps already tried" answer."""
    label: str
    page: str
    """The page the step is on, without .md (empty when not set)."""


class Option(NamedTuple):
    """One option of a choice field."""

    value: str
    """What an answer stores (stable); `label` is what the reader sees."""
    label: str
    short: str = ""
    """How the report's one-line summary says it (default: `label`, lower-case first)."""


@dataclass(frozen=True)
class Field:
    """One question of a report."""

    id: str
    label: str
    type: str
    """One of `FIELD_TYPES`."""
    required: bool = False
    help: str = ""
    options: tuple[Option, ...] = ()
    """The choices of a ``choice`` field (empty for the other types)."""
    error: str = ""
    """What to do, naming the question: "Enter when the messages were sent". Shown when a
    required answer is missing, and after what is wrong with an answer."""
    short: str = "{}"
    """How the answer reads in the report's one-line summary ("{}" is the answer)."""
    include: str = ""
    """Its line in the guide's "please include" list, when the guide words it otherwise."""
    place: str = "last"
    """For a common field: asked before ("first") or after ("last") a kind's own questions."""
    shared: bool = True
    """For a common field: answered once for every kind (False: each kind has its own)."""

    @property
    def listed(self) -> str:
        """Its line in a "please include" list: `include`, or the question."""
        return self.include or self.label

    @property
    def instruction(self) -> str:
        """`error`, or "Answer “<label>”" when the writer gave none."""
        return self.error or f"Answer “{self.label}”"


@dataclass(frozen=True)
class Kind:
    """One kind of escalation report, with every question it asks in the order asked."""

    id: str
    title: str
    """What the report is about: the form's title and the start of the report's first line."""
    channel: str
    """The key of the support channel it goes to."""
    fields: tuple[Field, ...]
    """The common questions placed "first", the kind's own, then the other common ones."""
    summary: tuple[str, ...] = ()
    """The ids of the fields whose answers make the report's one-line summary, in order."""


@dataclass(frozen=True)
class Spec(PlainData):
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


@functools.cache
def load_spec() -> Spec:
    """Load and validate the packaged support.toml (cached; `load_spec.cache_clear()` to reread)."""
    text = resources.files("checkers").joinpath("data/support.toml").read_text(encoding="utf-8")
    return parse_spec(text)


@dataclass(frozen=True)
class _Where:
    """A place in support.toml: how messages name it, and how to find its line."""

    source: str
    lines: tuple[str, ...]
    name: str = ""
    header: str | None = None
    """The table as written in its [header], such as ``kinds.replies.fields``."""
    number: int | None = None
    """Which ``[[header]]`` table, counting from 1."""

    def at(self, name: str, header: str | None = None, number: int | None = None) -> _Where:
        return _Where(self.source, self.lines, name, header or self.header, number)

    def named(self, name: str) -> _Where:
        return _Where(self.source, self.lines, name, self.header, self.number)

    def error(self, detail: str, key: str | None = None) -> SpecError:
        text = f"{self.name}: {detail}" if self.name else detail
        return SpecError(text, source=self.source, line=self.line(key))

    def line(self, key: str | None = None) -> int | None:
        """Return the line of `key` in this table (or of its header), counting from 1."""
        return _find_line(self.lines, self.header, self.number, key)


def _find_line(
    lines: tuple[str, ...], header: str | None, number: int | None, key: str | None
) -> int | None:
    start, end, seen = (0 if header is None else None), len(lines), 0
    for index, text in enumerate(lines):
        found = _HEADER.match(text)
        if not found:
            continue
        if start is not None:
            end = index
            break
        name = found.group(1).replace(" ", "").replace('"', "")
        if name == header:
            seen += 1
            if number is None or seen == number:
                start = index
    if start is None:
        if header and "." in header:  # written inline: point at the table that holds it
            parent, _, last = header.rpartition(".")
            return _find_line(lines, parent, None, last)
        return None
    if key is not None:
        assignment = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for index in range(start, end):
            if assignment.match(lines[index]):
                return index + 1
    return start + 1 if header is not None else None


def parse_spec(text: str, source: str = _SOURCE) -> Spec:
    """Validate support.toml's text and return it as a Spec, or raise SpecError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason = str(error)
        position = _TOML_POSITION.search(reason)
        line = int(position.group(1)) if position else None
        if position:
            reason = f"{_TOML_POSITION.sub('', reason)} at column {position.group(2)}"
        msg = (
            f"this is not valid TOML ({reason}). Check the quotes and brackets on this line: "
            'text goes in "double quotes", a table header in [brackets].'
        )
        raise SpecError(msg, source=source, line=line) from None
    top = _Where(source, tuple(text.splitlines()))
    _check_keys(data, top, {"channels", "steps", "kinds"}, {"common_fields"})
    channels = tuple(
        _channel(key, value, top.at(f"[channels.{key}]", f"channels.{key}"))
        for key, value in _table(data["channels"], top.at("[channels]", "channels")).items()
    )
    steps = _steps(data["steps"], top)
    common_at = top.at("[[common_fields]]", "common_fields")
    common = _fields(data.get("common_fields", []), common_at, common=True)
    kinds_table = _table(data["kinds"], top.at("[kinds]", "kinds"))
    kinds = tuple(
        _kind(kind_id, value, top.at(f"[kinds.{kind_id}]", f"kinds.{kind_id}"), channels, common)
        for kind_id, value in kinds_table.items()
    )
    if not channels or not kinds:
        msg = "it needs at least one [channels.<key>] and one [kinds.<id>] table."
        raise top.error(msg)
    return Spec(channels=channels, steps=steps, kinds=kinds, common_fields=common)


def _channel(key: str, value: object, where: _Where) -> Channel:
    table = _table(value, where)
    _check_keys(table, where, {"name"}, {"purpose", "url", "how", "next"})
    url = _text(table, "url", where, required=False)
    if url and not _HTTPS.fullmatch(url):
        msg = (
            f"url = {url!r} is not an https:// address. Write the channel's full secure "
            'address, such as url = "https://support.example.com/portal", or leave url out.'
        )
        raise where.error(msg, "url")
    return Channel(
        key=_identifier(key, where),
        name=_text(table, "name", where),
        purpose=_text(table, "purpose", where, required=False),
        url=url,
        how=_text(table, "how", where, required=False),
        next=_texts(table, "next", where),
    )


def _texts(table: dict[str, object], key: str, where: _Where) -> tuple[str, ...]:
    """Read an optional list of text, such as next = ["First ...", "Then ..."]."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        msg = f'{key} must be a list of text in quotes, such as {key} = ["...", "..."].'
        raise where.error(msg, key)
    return tuple(v.strip() for v in value)


def _steps(value: object, top: _Where) -> tuple[Step, ...]:
    steps = []
    places = []
    for position, item in enumerate(_array(value, top.at("[[steps]]", "steps")), start=1):
        where = top.at(f"[[steps]] number {position}", "steps", position)
        table = _table(item, where)
        _check_keys(table, where, {"id", "label"}, {"page"})
        step_id = _identifier(_text(table, "id", where), where)
        label = _text(table, "label", where)
        steps.append(Step(step_id, label, _text(table, "page", where, required=False)))
        places.append(where)
    _check_unique([step.id for step in steps], places, "step id")
    return tuple(steps)


def _kind(
    kind_id: str,
    value: object,
    where: _Where,
    channels: tuple[Channel, ...],
    common: tuple[Field, ...],
) -> Kind:
    table = _table(value, where)
    _check_keys(table, where, {"title", "channel", "fields"}, {"skip", "summary"})
    channel = _text(table, "channel", where)
    keys = [item.key for item in channels]
    if channel not in keys:
        msg = (
            f"channel = {channel!r} is not a channel. Write one of "
            f"{', '.join(repr(key) for key in keys)}, or add a [channels.{channel}] table."
        )
        raise where.error(msg, "channel")
    fields_at = where.at(f"[[kinds.{kind_id}.fields]]", f"kinds.{kind_id}.fields")
    own = _fields(table["fields"], fields_at)
    places = [_field_place(fields_at, n, f.id) for n, f in enumerate(own, start=1)]
    for field in common:
        if field.id in {f.id for f in own}:
            place = places[[f.id for f in own].index(field.id)]
            msg = (
                f"the field id {field.id!r} is also a [[common_fields]] id, which every report "
                "asks already; give this field its own id or remove it."
            )
            raise place.error(msg, "id")
    skip = _ids(table, "skip", where, [f.id for f in common], "[[common_fields]] id")
    asked = [f for f in common if f.id not in skip]
    fields = (
        *(f for f in asked if f.place == "first"),
        *own,
        *(f for f in asked if f.place == "last"),
    )
    _check_labels(fields, where)
    return Kind(
        id=_identifier(kind_id, where),
        title=_text(table, "title", where),
        channel=channel,
        fields=fields,
        summary=tuple(
            _ids(table, "summary", where, [f.id for f in fields], "question of this kind")
        ),
    )


def _ids(
    table: dict[str, object], key: str, where: _Where, valid: list[str], what: str
) -> list[str]:
    """Read an optional list of ids, each one of `valid`."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        msg = f'{key} must be a list of ids in quotes, such as {key} = ["{valid[0]}"].'
        raise where.error(msg, key)
    for item in value:
        if item not in valid:
            msg = f"{key} names {item!r}, which is not a {what}; write one of {', '.join(valid)}."
            raise where.error(msg, key)
    return value


def _check_labels(fields: tuple[Field, ...], where: _Where) -> None:
    seen: dict[str, str] = {}
    for field in fields:
        asked = " ".join(field.label.casefold().split())
        if asked in seen:
            msg = (
                f"the questions {seen[asked]!r} and {field.id!r} are both {field.label!r}: "
                "ask each question once (give one another label, or skip the common one "
                "with skip = [...])."
            )
            raise where.error(msg)
        seen[asked] = field.id


def _field_place(where: _Where, position: int, field_id: object) -> _Where:
    name = f"{where.name} number {position}"
    if isinstance(field_id, str):
        name += f" (id = {field_id!r})"
    return where.at(name, where.header, position)


def _fields(value: object, where: _Where, *, common: bool = False) -> tuple[Field, ...]:
    fields = []
    places = []
    for position, item in enumerate(_array(value, where), start=1):
        table = _table(item, _field_place(where, position, None))
        place = _field_place(where, position, table.get("id"))
        fields.append(_field(table, place, common=common))
        places.append(place)
    _check_unique([field.id for field in fields], places, "field id")
    return tuple(fields)


def _field(table: dict[str, object], where: _Where, *, common: bool) -> Field:
    optional = {"required", "help", "options", "error", "short", "include"}
    _check_keys(
        table, where, {"id", "label", "type"}, optional | ({"place", "shared"} if common else set())
    )
    field_id = _identifier(_text(table, "id", where), where, "id")
    if field_id in RESERVED_FIELD_IDS:
        msg = f"id = {field_id!r} is reserved for the browser's answers; pick another id."
        raise where.error(msg, "id")
    field_type = _text(table, "type", where)
    if field_type not in FIELD_TYPES:
        msg = (
            f"type = {field_type!r} is not a field type. Write one of "
            f'{", ".join(FIELD_TYPES)} (a list of options is type = "choice").'
        )
        raise where.error(msg, "type")
    required = _flag(table, "required", where, default=False)
    error = _text(table, "error", where, required=False)
    if required and not error:
        msg = (
            'a required question needs error = "...": what the form says when it is left '
            'empty, naming the question, such as error = "Enter when the messages were sent".'
        )
        raise where.error(msg, "required")
    short = _text(table, "short", where, required=False) or "{}"
    if short.count("{}") != 1:
        msg = 'short must hold {} once, where the answer goes, such as short = "since {}".'
        raise where.error(msg, "short")
    place = _text(table, "place", where, required=False) or "last"
    if place not in PLACES:
        msg = f'place = {place!r}: write place = "first" or place = "last".'
        raise where.error(msg, "place")
    return Field(
        id=field_id,
        label=_text(table, "label", where),
        type=field_type,
        required=required,
        help=_text(table, "help", where, required=False),
        options=_options(table.get("options"), field_type, where),
        error=error,
        short=short,
        include=_text(table, "include", where, required=False),
        place=place,
        shared=_flag(table, "shared", where, default=True),
    )


def _flag(table: dict[str, object], key: str, where: _Where, *, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        msg = f"{key} must be true or false (without quotes), not {value!r}."
        raise where.error(msg, key)
    return value


def _options(value: object, field_type: str, where: _Where) -> tuple[Option, ...]:
    example = 'options = [{ value = "all", label = "All applicants" }, ...]'
    if field_type != "choice":
        if value is not None:
            msg = 'only a type = "choice" field takes options; remove them.'
            raise where.error(msg, "options")
        return ()
    items = _array(value, where.named(f"{where.name} options"), "options") if value else []
    if not items:
        msg = f"a choice field needs options, for example {example}."
        raise where.error(msg, "type")
    options = []
    for position, item in enumerate(items, start=1):
        option_where = where.named(f"{where.name} option {position}")
        table = _table(item, option_where, "options")
        _check_keys(table, option_where, {"value", "label"}, {"short"}, "options")
        options.append(
            Option(
                _text(table, "value", option_where, line_key="options"),
                _text(table, "label", option_where, line_key="options"),
                _text(table, "short", option_where, required=False, line_key="options"),
            )
        )
    values = [option.value for option in options]
    for position, option_value in enumerate(values):
        if option_value in values[:position]:
            msg = (
                f"the option value {option_value!r} is used twice; give each option its own value."
            )
            raise where.named(f"{where.name} options").error(msg, "options")
    return tuple(options)


def _table(value: object, where: _Where, key: str | None = None) -> dict[str, object]:
    if not isinstance(value, dict):
        msg = f"it must be a table of keys and values, not {type(value).__name__}."
        raise where.error(msg, key)
    return value


def _array(value: object, where: _Where, key: str | None = None) -> list[object]:
    if not isinstance(value, list):
        msg = f"it must be a list (written [[...]] or [ ... ]), not {type(value).__name__}."
        raise where.error(msg, key)
    return value


def _text(
    table: dict[str, object],
    key: str,
    where: _Where,
    *,
    required: bool = True,
    line_key: str | None = None,
) -> str:
    value = table.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        msg = f'{key} is missing or empty; add {key} = "..." (text in quotes).'
        raise where.error(msg, line_key or key)
    return value.strip()


def _identifier(value: str, where: _Where, key: str | None = None) -> str:
    if not _ID.fullmatch(value):
        msg = (
            f"{value!r} is not a valid id; use lower-case letters, digits, _ and -, "
            "starting with a letter."
        )
        raise where.error(msg, key)
    return value


def _check_keys(
    table: dict[str, object],
    where: _Where,
    required: set[str],
    optional: set[str],
    line_key: str | None = None,
) -> None:
    for key in sorted(required - table.keys()):
        msg = f"{key} is missing; add it."
        raise where.error(msg, line_key)
    unknown = sorted(table.keys() - required - optional)
    if unknown:
        allowed = ", ".join(sorted(required | optional))
        msg = f"unknown key {unknown[0]!r}; the keys allowed here are {allowed}."
        raise where.error(msg, line_key or unknown[0])


def _check_unique(ids: list[str], places: list[_Where], what: str) -> None:
    seen: set[str] = set()
    for item, place in zip(ids, places, strict=True):
        if item in seen:
            msg = f"the {what} {item!r} is used twice; give each one its own id."
            raise place.error(msg, "id")
        seen.add(item)
