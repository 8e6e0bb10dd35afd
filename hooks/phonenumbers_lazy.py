"""The browser's phonenumbers loads the parts checkers never uses on first use, not at import.

``import phonenumbers`` imports, besides the parsing and formatting checkers uses, the
as-you-type formatter, the number matcher (finding numbers in text), the short-number
functions and, for the matcher, the 46 modules of alternate formats in
``phonenumbers.data``. Measured in Pyodide, those are about a quarter of importing
phonenumbers, on the path to a first visit's first answer. In the browser's copy
(hooks/pyodide_runtime.py) they come from a module ``__getattr__`` instead: the same names,
the same objects, imported when first asked for. The sources are those of the pinned
wheel; a source that no longer reads as expected fails the build, naming the file, rather
than shipping a phonenumbers that differs in any other way.
"""

from __future__ import annotations

import re
from pathlib import Path

INIT = "phonenumbers/__init__.py"
DATA_INIT = "phonenumbers/data/__init__.py"
LAZY_MODULES = ("asyoutypeformatter", "shortnumberinfo", "phonenumbermatcher")
"""The submodules of phonenumbers whose names its ``__init__`` imports on first use."""

_FROM_IMPORT = re.compile(r"^from \.(?P<module>\w+) import (?P<names>\([^)]*\)|[^\n(]+)\n", re.M)
_ALT_IMPORT = re.compile(r"^from \.alt_format_(\d+) import PHONE_ALT_FORMAT_\1\n", re.M)
_ALT_TABLE = re.compile(r"^_ALT_NUMBER_FORMATS = \{(?P<items>[^}]*)\}\n", re.M)

_INIT_GETATTR = '''

_LAZY_NAMES = {lazy!r}
"""Names imported on first use (hooks/phonenumbers_lazy.py): name -> submodule."""


def __getattr__(name):
    module = _LAZY_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
    import importlib

    value = getattr(importlib.import_module("." + module, __name__), name)
    globals()[name] = value
    return value
'''

_DATA_GETATTR = '''

_ALT_FORMAT_CODES = {codes!r}
"""Country codes with alternate formats, loaded on first use (hooks/phonenumbers_lazy.py)."""


def __getattr__(name):
    if name != "_ALT_NUMBER_FORMATS":
        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
    import importlib

    formats = {{}}
    for code in _ALT_FORMAT_CODES:
        module = importlib.import_module(f".alt_format_{{code}}", __name__)
        formats[code] = getattr(module, f"PHONE_ALT_FORMAT_{{code}}")
    globals()[name] = formats
    return formats
'''


class LazyError(RuntimeError):
    """A phonenumbers source does not read as this module expects."""


def lazy_init(source: str) -> str:
    """phonenumbers/__init__.py with `LAZY_MODULES`' names imported on first use."""
    lazy: dict[str, str] = {}

    def take(match: re.Match[str]) -> str:
        if match["module"] not in LAZY_MODULES:
            return match[0]
        names = match["names"].strip("()").replace("\n", " ").split(",")
        for name in (n.strip() for n in names):
            if name:
                lazy[name] = match["module"]
        return ""

    changed = _FROM_IMPORT.sub(take, source)
    missing = set(LAZY_MODULES) - set(lazy.values())
    if missing:
        raise LazyError(f"{INIT}: no import of {', '.join(sorted(missing))} found")
    return changed + _INIT_GETATTR.format(lazy=dict(sorted(lazy.items())))


def lazy_data_init(source: str) -> str:
    """phonenumbers/data/__init__.py with its alternate formats loaded on first use."""
    codes = sorted(int(code) for code in _ALT_IMPORT.findall(source))
    table = _ALT_TABLE.search(source)
    if not codes or table is None:
        raise LazyError(f"{DATA_INIT}: its alternate formats are not imported as expected")
    listed = sorted(int(key) for key in re.findall(r"(\d+):", table["items"]))
    if listed != codes:
        raise LazyError(f"{DATA_INIT}: the alternate formats imported are not those listed")
    changed = _ALT_TABLE.sub("", _ALT_IMPORT.sub("", source))
    return changed + _DATA_GETATTR.format(codes=tuple(codes))


def make_lazy(unpacked: Path) -> None:
    """Rewrite the two ``__init__`` files of the phonenumbers unpacked in `unpacked`."""
    for name, rewrite in ((INIT, lazy_init), (DATA_INIT, lazy_data_init)):
        path = unpacked / name
        path.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
