"""Read-only attributes that an object answers from one of its parts."""

from __future__ import annotations

from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class Delegated(Generic[T]):
    """``answer = Delegated[str]("_words", "...")`` reads ``self._words.answer``.

    For results that keep their words or counts in a part worked out once: each attribute
    is declared in one line with its docstring, instead of a property per name.
    """

    def __init__(self, part: str, doc: str) -> None:
        """Read the attribute of the same name from attribute `part`; `doc` says what it is."""
        self._part = part
        self._name = ""
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Delegated[T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object | None, owner: type) -> Delegated[T] | T:
        if instance is None:
            return self
        value: Any = getattr(getattr(instance, self._part), self._name)
        return value  # type: ignore[no-any-return]


__all__ = ["Delegated"]
