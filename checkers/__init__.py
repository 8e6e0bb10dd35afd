"""Checks behind the SMS troubleshooting site.

Phone numbers, SMS allowances, message text (encoding and parts), escalation reports and
bulk audits of exported contacts.
Pure Python: the same code runs in CPython and in Pyodide (see `handle` for the worker).

The names are those of checkers/_public.py, imported from there on first use: ``from
checkers import check_number`` works as ever, and importing a submodule such as
``checkers.worker`` does not import every check.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checkers._public import *  # noqa: F403
    from checkers._public import __all__ as __all__


def __getattr__(name: str) -> object:
    """Return a public name (or ``__all__``) from checkers/_public.py, imported on first use.

    A submodule's name is not looked up there: ``from checkers import worker`` (and Pyodide's
    ``pyimport("checkers.worker")``, which does just that) asks for it before importing it,
    and would otherwise import every check first (measured in Pyodide: 130 ms against 6).
    """
    if name.isidentifier() and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r} (a submodule)")
    public = importlib.import_module("checkers._public")
    if name == "__all__" or name in public.__all__:
        value = getattr(public, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """List the module's attributes, the public names among them."""
    return sorted({*globals(), *importlib.import_module("checkers._public").__all__})
