"""The browser's standard library: measured in Pyodide, trimmed, compiled by Pyodide itself.

hooks/pyodide_runtime.py builds the runtime in three Pyodide runs under Node
(hooks/pyodide_stdlib.mjs), each booting through the browser worker's own `bootPython`:

1. **measure**: boot with npm's whole ``python_stdlib.zip`` (559 ``.py`` files), run every
   `PROBE_REQUESTS` op and one Python error through JS, and record where every module in
   ``sys.modules`` came from. The standard library modules among them (boot, Pyodide's
   loader, checkers, phonenumbers) are the ones the browser gets.
2. **compile**: compile those modules with Pyodide's interpreter (its Python 3.14 bytecode,
   whatever Python runs the build), without docstrings, asserts and statement line numbers
   (`STDLIB`), into one zip of sourceless ``.pyc``; and
   phonenumberslite's code (`lite_compiles`, `LITE`), repacked without what checkers
   cannot reach (`lite_dropped`: type stubs, and short-number data while
   `short_numbers_unused`); and checkers itself (`CHECKERS`). hooks/pyodide_archives.py
   gzips them for the browser.
3. **verify**: boot the shipped files (that zip as ``stdLibURL``) and run the probe again: the
   same modules must load and every reply must be identical, else the build fails naming
   what is missing.

Before compiling, `check_imports` reads the source of every checkers and phonenumbers
module the probe loaded: a standard library module one of them can import (even inside a
function) that the probe never loaded fails the build, naming the file and line, so a code
path the probe misses cannot leave a reader with a ``ModuleNotFoundError``. The
``encodings`` modules of codec names written in checkers (``"cp1252"``) are shipped too
(`named_codecs`).
"""

from __future__ import annotations

import ast
import base64
import codecs
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class CompileSettings:
    """How a package's code is compiled for the browser (see `CompileJob`)."""

    optimize: int
    """``compile(optimize=)``: 2 drops docstrings and asserts (-OO), as CPython supports."""
    line_numbers: bool
    """Keep line tables? Without them every instruction of a function is on the function's
    first line: a traceback names the ``def`` line, not the statement."""
    docstrings: bool
    """Keep docstrings? ``optimize=2`` drops them with the asserts; False drops only them."""


STDLIB = CompileSettings(
    optimize=2,  # 200 KB less to download
    line_numbers=False,  # a third of its bytes (460 KB compressed)
    docstrings=True,  # optimize=2 drops them with the asserts
)
"""The standard library's bytecode."""

_CSV = "Name,Mobile\nJane,07400 123456\nJoe,+44 20 7946 0000\nBo,12345\n"
_FIXED = (
    "Name,Mobile,e164,sendable,problems\r\n"
    "Jane,07400 123456,+447400123456,yes,missing_country_code; formatting_characters\r\n"
    "'=1+1,\x01,,no,not_a_number\r\n"
)
PROBE_REQUESTS: tuple[dict[str, Any], ...] = (
    {"op": "check_number", "raw": "07400 123456", "default_region": "GB"},
    {"op": "check_number", "raw": "+1 202 555 0100", "default_region": "GB"},
    {"op": "check_number", "raw": "\uff10\uff17\uff14\uff10\uff10 123456\u202c"},
    {"op": "check_number", "raw": "12", "default_region": "ZZ"},
    {"op": "check_allowances", "text": "User\tDaily Allowance\nJane\t100\nJoe\t1 000\nBo\t2.5\n"},
    {"op": "check_allowances", "text": 'Username;Daily limit\r\nA;"1,000"\r\nB;-3\r\n'},
    {
        "op": "build_report",
        "kind": "not_received",
        "answers": {"applicants": "Jane, 07400 123456", "sent_at": "28/11/2026 14:05"},
    },
    {"op": "build_report", "kind": "replies_missing", "answers": {"ever_worked": "yes"}},
    {"op": "build_report", "kind": "service_inactive", "answers": {"account_name": "Acme"}},
    {"op": "build_report", "kind": "record_blocked", "answers": {}},
    {"op": "build_report", "kind": "no_such_kind", "answers": {}},
    {"op": "csv_columns", "$data": _CSV.encode()},
    {"op": "csv_columns", "$data": codecs.BOM_UTF8 + _CSV.encode()},
    {"op": "csv_columns", "$data": _CSV.encode("utf-16")},
    {"op": "csv_columns", "$data": _CSV.encode("utf-16-le")},
    {"op": "csv_columns", "$data": "Nom;Téléphone\r\nZoë;07400 123456\r\n".encode("cp1252")},
    {"op": "csv_columns", "$data": b"PK\x03\x04binary"},
    {"op": "csv_columns", "size": 30_000_000},
    {"op": "audit_csv", "$data": _CSV.encode(), "column": "Mobile", "$progress": True},
    {"op": "audit_csv", "$data": _CSV.encode("utf-16"), "column": "Mobile"},
    {"op": "audit_csv", "$data": _CSV.encode("cp1252"), "column": "Mobile", "file_name": "a.csv"},
    {"op": "audit_csv", "$data": b"=1+1,Mobile\n@x,+447400123456\n", "column": "Mobile"},
    {"op": "audit_csv", "$data": _CSV.encode(), "column": "Mobile", "id_columns": ["Name"]},
    {"op": "fixed_xlsx", "$data": _FIXED.encode("utf-8-sig"), "delimiter": ","},
    {"op": "fixed_xlsx", "$data": b"\xff\xfe", "delimiter": ","},
    {"op": "audit_csv", "$data": b'a,b\n1,"2\n', "column": "b"},
    {"op": "audit_csv", "$data": b"a;b\n1;2\n3,4\n", "column": "b"},
    {"op": "audit_csv", "$data": b"a,b\n1,2\x00\n", "column": "b"},
    {
        "op": "build_report",
        "kind": "still_not_resolved",
        "answers": {"problem": "sending", "details": "a\u202eb\x00c\ud800d" + "x" * 10_001},
    },
    {"op": "check_allowances", "text": "x" * 2_000_001},
    {"op": "check_message", "text": "Hi {name}, see you at 10:00 [ref] \u20ac5\r\n"},
    {"op": "check_message", "text": "We\u2019re \u2013 \U0001f44d\U0001f3fd Jose\u0301\u00a0\t"},
    {"op": "check_message", "text": "\u041f\u0440\u0438 \U0001f1ec\U0001f1e7\ud83d " * 30},
    {"op": "check_message", "text": ""},
    {"op": "check_message", "text": "x" * 100_001},
    {"op": "no_such_op"},
)
"""Requests that reach every op and every codec checkers reads files with; the build
measures what they import. Add one when checkers gains a code path with new imports."""


class RuntimeBuildError(RuntimeError):
    """The Pyodide runtime could not be assembled."""


def probe_json() -> str:
    """`PROBE_REQUESTS` as the Node scripts take them: a file's bytes ("$data") in base64."""
    stored = [
        {**r, "$data": base64.b64encode(r["$data"]).decode("ascii")} if "$data" in r else r
        for r in PROBE_REQUESTS
    ]
    return json.dumps(stored)


@dataclass(frozen=True)
class Measurement:
    """What one Pyodide run imported, with its replies to the probe."""

    modules: Mapping[str, str | None]
    """Every module in sys.modules and its spec's origin (a path, "built-in", "frozen"...)."""
    builtin: frozenset[str]
    frozen: frozenset[str]
    stdlib_zip: str
    """Where Pyodide mounts the standard library (``/lib/python314.zip``)."""
    site_packages: str
    boot_modules: frozenset[str]
    """The modules in sys.modules once the worker's start (bootPython) is done."""
    responses: tuple[Any, ...]
    error: str | None
    """The message JS got for a Python error raised in the standard library."""

    @classmethod
    def from_json(cls, text: str) -> Measurement:
        """Read what ``pyodide_stdlib.mjs measure`` wrote."""
        data = json.loads(text)
        return cls(
            modules=data["modules"],
            builtin=frozenset(data["builtin"]),
            frozen=frozenset(data["frozen"]),
            stdlib_zip=data["stdlib_zip"],
            site_packages=data["site_packages"],
            boot_modules=frozenset(data["boot_modules"]),
            responses=tuple(data["responses"]),
            error=data["error"],
        )

    def to_dict(self) -> dict[str, object]:
        """The measurement as plain data (the build keeps it next to the bundle)."""
        return {
            "modules": dict(self.modules),
            "builtin": sorted(self.builtin),
            "frozen": sorted(self.frozen),
            "stdlib_zip": self.stdlib_zip,
            "site_packages": self.site_packages,
            "boot_modules": sorted(self.boot_modules),
            "responses": list(self.responses),
            "error": self.error,
        }

    def stdlib_members(self) -> dict[str, str]:
        """Module name to its file inside the standard library zip, for modules loaded from it."""
        return self._loaded_from(self.stdlib_zip)

    def site_modules(self) -> dict[str, str]:
        """Module name to its path under site-packages, for modules loaded from a wheel."""
        return self._loaded_from(self.site_packages)

    def _loaded_from(self, folder: str) -> dict[str, str]:
        prefix = folder + "/"
        return {
            name: origin.removeprefix(prefix)
            for name, origin in self.modules.items()
            if origin and origin.startswith(prefix)
        }


def module_files(name: str) -> tuple[str, str]:
    """The two files a module can be: ``a/b.py`` or the package ``a/b/__init__.py``."""
    path = name.replace(".", "/")
    return f"{path}.py", f"{path}/__init__.py"


class _Imports(ast.NodeVisitor):
    """Collect (module, line) for every import a module can run, and its codec names."""

    def __init__(self, package: str) -> None:
        self.package = package
        self.found: list[tuple[str, int]] = []
        self.strings: list[tuple[str, int]] = []

    def visit_If(self, node: ast.If) -> None:
        # `if __name__ == "__main__":` and `if TYPE_CHECKING:` never run in the browser.
        test = ast.unparse(node.test)
        if test in {"__name__ == '__main__'", "TYPE_CHECKING", "typing.TYPE_CHECKING"}:
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.found += [(alias.name, node.lineno) for alias in node.names]

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            parent = self.package.rsplit(".", node.level - 1)[0]
            base = f"{parent}.{base}" if base else parent
        self.found.append((base, node.lineno))
        # `from importlib import resources` imports a module; `from x import name` may too.
        self.found += [(f"{base}.{a.name}", node.lineno) for a in node.names if a.name != "*"]

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and 0 < len(node.value) <= 20:
            self.strings.append((node.value, node.lineno))


def _codec_module(name: str) -> str | None:
    """The encodings module behind a codec name ("cp1252" -> "encodings.cp1252"), if any."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", name):
        return None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    module = getattr(info.incrementaldecoder, "__module__", "") or ""
    return module if module.startswith("encodings.") else None


def _parse(site: Path, module: str) -> tuple[str, _Imports] | None:
    """Read one of our modules from the unpacked wheels: its path and what it imports."""
    path = next((p for p in module_files(module) if (site / p).is_file()), None)
    if path is None:
        return None
    visitor = _Imports(module if path.endswith("__init__.py") else module.rpartition(".")[0])
    visitor.visit(ast.parse((site / path).read_bytes(), path))
    return path, visitor


def check_imports(measured: Measurement, site: Path, full_members: frozenset[str]) -> None:
    """Fail if a loaded wheel module can import a standard library module the probe never loaded.

    `site` holds the wheels as unpacked into site-packages; `full_members` lists npm's whole
    standard library zip. A module of ours that is imported only lazily is read too.
    """
    available = set(measured.modules) | measured.builtin | measured.frozen
    queue = list(measured.site_modules())
    seen = set(queue)
    missing: dict[str, str] = {}
    while queue:
        parsed = _parse(site, queue.pop())
        if parsed is None:
            continue
        path, visitor = parsed
        for name, line in visitor.found:
            parts = name.split(".")
            for depth in range(1, len(parts) + 1):
                wanted = ".".join(parts[:depth])
                if not wanted or wanted in available:
                    continue
                if any((site / p).is_file() for p in module_files(wanted)):
                    if wanted not in seen:  # one of our modules, imported lazily: read it too
                        seen.add(wanted)
                        queue.append(wanted)
                elif any(p in full_members for p in module_files(wanted)):
                    missing.setdefault(wanted, f"{path}:{line}")
    if missing:
        where = "; ".join(f"{name} (imported at {at})" for name, at in sorted(missing.items()))
        raise RuntimeBuildError(
            f"the browser's standard library would leave out {where}: no probe request "
            "reached that code, so the build cannot measure what it needs. Add a request "
            "that does to PROBE_REQUESTS in hooks/pyodide_stdlib.py."
        )


def named_codecs(measured: Measurement, site: Path, package: str) -> set[str]:
    """The ``encodings`` modules behind codec names written in `package`'s loaded modules.

    ``bytes.decode("utf-16")`` takes a shortcut in C that imports nothing, but an
    incremental decoder or a text file in that codec imports ``encodings.utf_16``: so a
    codec checkers names is shipped whether the probe imported it or not (each is a few
    KB and imports only ``codecs``).
    """
    found = set()
    for module in measured.site_modules():
        if module.partition(".")[0] == package and (parsed := _parse(site, module)):
            found |= {c for text, _ in parsed[1].strings if (c := _codec_module(text))}
    return found


@dataclass(frozen=True)
class CompileJob:
    """One file for ``pyodide_stdlib.mjs compile`` to turn into a sourceless ``.pyc``."""

    source: str
    """The ``.py`` file, relative to the work folder (as is `target`)."""
    target: str
    filename: str
    """Where Python will think the source is (``co_filename``, shown in tracebacks)."""
    settings: CompileSettings

    def to_list(self) -> list[object]:
        """The job as the Node script reads it."""
        how = self.settings
        return [
            self.source, self.target, self.filename, how.optimize, how.line_numbers,
            how.docstrings,
        ]  # fmt: skip


LITE_DATA = ("phonenumbers/data/", "phonenumbers/shortdata/")


LITE = CompileSettings(
    optimize=0,  # phonenumbers uses assert; CPython runs them, so the browser does too
    line_numbers=False,  # as for the stdlib: tracebacks name the def line
    docstrings=False,  # nothing reads phonenumbers' __doc__: a quarter of its code's bytes
)
CHECKERS = CompileSettings(
    optimize=0,  # as CPython runs it
    line_numbers=False,  # as for the stdlib: 70 KB less to download
    # A dataclass without a docstring gets one made from its signature (inspect) as it is
    # defined, at import: checkers keeps its docstrings.
    docstrings=True,
)
"""checkers ships compiled too: measured in Chromium, importing its sources took twice as
long (Python compiling them on every start)."""
LITE_DROPPED_SUFFIXES = (".pyi",)  # type stubs: no use in the browser
LITE_SHORT_REGIONS = "phonenumbers/shortdata/region_"
"""Short-number (116xxx, 999) metadata, one module per region: 122 KB the browser skips
when `short_numbers_unused`."""


def lite_dropped(path: str, *, short_data: bool) -> bool:
    """Is this phonenumberslite file left out of the browser's copy? Type stubs, and the
    short-number region data unless checkers can load it (`short_numbers_unused`)."""
    return path.endswith(LITE_DROPPED_SUFFIXES) or (
        not short_data and path.startswith(LITE_SHORT_REGIONS)
    )


def lite_compiles(path: str, boot_modules: frozenset[str]) -> bool:
    """Does the browser get this phonenumberslite file compiled?

    Its code, yes: as bytecode without statement line numbers it is smaller than its
    source, and is not compiled again on every start. Its region data only where the worker's start
    imports it (the country-code table, GB and US: less to compile for a few KB more); the
    other regions stay source, as do the alternate formats and the short-number data's
    package, which only parts imported on first use read (hooks/phonenumbers_lazy.py):
    compiled they are a third bigger, and each loads only when it is needed.
    """
    if not path.endswith(".py"):
        return False
    module = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    return not path.startswith(LITE_DATA) or module in boot_modules


def short_numbers_unused(site: Path, package: str) -> bool:
    """True when nothing in `package` can load phonenumbers' short-number region data.

    Only PhoneMetadata.short_metadata_for_region loads it, and only the functions of
    phonenumbers/shortnumberinfo.py call that: so it is unused when no other phonenumbers
    module names it and `package` names none of those functions. `site` holds the wheels
    as unpacked.
    """
    info = ast.parse((site / "phonenumbers" / "shortnumberinfo.py").read_bytes())
    api = {n.name for n in info.body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
    api.add("short_metadata_for_region")
    readers = {"shortnumberinfo.py", "phonemetadata.py"}
    for path in (site / "phonenumbers").glob("*.py"):
        if path.name not in readers and "short_metadata_for_region" in path.read_text("utf-8"):
            return False
    for path in (site / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_bytes())):
            named = {getattr(node, "id", None), getattr(node, "attr", None)}
            if isinstance(node, ast.alias):
                named.add(node.name.rpartition(".")[2])
            if named & api or (isinstance(node, ast.alias) and "shortnumberinfo" in node.name):
                return False
    return True


_NO_MODULE = re.compile(
    r"No module named '([\w.]+)'"
    # a package whose __init__ is missing imports as an empty namespace package
    r"|cannot import name '\w+' from '([\w.]+)' \(unknown location\)"
)


def missing_module_names(text: str) -> list[str]:
    """Names of modules that failed to import, from the error messages in `text`."""
    return sorted({a or b for a, b in _NO_MODULE.findall(text)})


def check_verified(measured: Measurement, verified: Measurement) -> None:
    """Fail unless the shipped runtime loaded the same modules and gave the same replies."""
    lost = sorted(set(measured.stdlib_members()) - set(verified.modules))
    named = missing_module_names(json.dumps([verified.responses, verified.error]))
    if lost or named:
        raise RuntimeBuildError(
            "the trimmed standard library lacks "
            f"{', '.join(sorted({*lost, *named}))}, which the measured run imported"
        )
    for request, want, got in zip(
        PROBE_REQUESTS, measured.responses, verified.responses, strict=True
    ):
        if want != got:
            raise RuntimeBuildError(
                f"the shipped runtime answers {request.get('op')!r} differently from Pyodide "
                f"with its whole standard library:\n  {want}\n  {got}"
            )
    # A traceback through the compiled stdlib is formatted as with the whole library (the
    # same last line), without the traceback module itself failing on the way.
    want, got = (m.error or "" for m in (measured, verified))
    if (
        not got.startswith("Traceback")
        or "excepthook" in got
        or got.split()[-3:] != want.split()[-3:]
    ):
        raise RuntimeBuildError(f"a Python error did not reach JS intact:\n{got}")
