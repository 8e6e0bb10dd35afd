"""MkDocs hook: under ``mkdocs serve``, each rebuild uses the current checkers/ and macros/.

``make serve`` watches checkers/, macros/ and hooks/, so an edit starts a rebuild; but the
rebuild runs in the same Python process, where ``checkers`` and ``macros`` were imported
once and ``load_spec()`` keeps support.toml in a cache. So before each build this hook
compares the two packages' files (code and data) with the last build's; when one changed:

1. it clears every ``functools`` cache in the old modules (``load_spec`` among them);
2. it drops ``checkers*`` and ``macros*`` from ``sys.modules`` and imports ``checkers``
   afresh; mkdocs-macros then imports ``macros`` afresh in its own ``on_config``
   (this hook's runs first: priority 100);
3. it points the other hooks' names (``from checkers import load_spec``) at the new objects.

If the new code does not import (a half-typed edit), the old modules are put back, the
build stops with the error, and the next save tries again. The widgets' wheel follows by
itself: hooks/pyodide_runtime.py keys its bundle on the checkers sources.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.live_reload")

PACKAGES = ("checkers", "macros")
"""Top-level packages reloaded when one of their files changes."""

Snapshot = dict[str, tuple[int, int]]


class _State:
    snapshot: Snapshot | None = None


_state = _State()


def snapshot(root: Path) -> Snapshot:
    """(mtime, size) of every file of the packages under `root`, caches left out."""
    files: Snapshot = {}
    for package in PACKAGES:
        for path in (root / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                files[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return files


def _ours(name: str) -> bool:
    return name.split(".", 1)[0] in PACKAGES


def _clear_caches(module: ModuleType) -> None:
    for value in list(vars(module).values()):
        clear = getattr(value, "cache_clear", None)
        if callable(clear):
            clear()


def _rebind(old: dict[str, ModuleType], root: Path) -> None:
    """Point names in the project's other modules (the hooks) at the reloaded objects."""
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if module is None or not path or _ours(module.__name__):
            continue
        try:
            Path(path).resolve().relative_to(root)
        except ValueError:
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, ModuleType):
                if value.__name__ in old and value.__name__ in sys.modules:
                    setattr(module, attr, sys.modules[value.__name__])
                continue
            home = getattr(value, "__module__", None)
            if isinstance(home, str) and home in old and home in sys.modules:
                new = getattr(sys.modules[home], getattr(value, "__name__", attr), None)
                if new is not None:
                    setattr(module, attr, new)


def reload_packages(root: Path) -> None:
    """Forget checkers and macros and import checkers again from `root`'s files."""
    old = {name: module for name, module in sys.modules.items() if _ours(name)}
    for module in old.values():
        _clear_caches(module)
    for name in old:
        del sys.modules[name]
    importlib.invalidate_caches()
    try:
        importlib.import_module("checkers")
        for name in sorted(old):
            if name.startswith("checkers."):
                importlib.import_module(name)
    except Exception as error:
        for name in [name for name in sys.modules if _ours(name)]:
            del sys.modules[name]
        sys.modules.update(old)
        msg = f"live_reload: checkers/ does not import after your edit: {error}"
        raise PluginError(msg) from error
    _rebind(old, root)


@event_priority(100)  # before mkdocs-macros imports the macros module
def on_config(config: MkDocsConfig) -> None:
    """Reload checkers and macros when any of their files changed since the last build."""
    root = Path(config.config_file_path or ".").resolve().parent
    now = snapshot(root)
    before = _state.snapshot
    if before is not None and now != before:
        changed = sorted(k for k in now.keys() | before.keys() if now.get(k) != before.get(k))
        log.info("Reloading checkers and macros (changed: %s)", ", ".join(changed[:5]))
        reload_packages(root)  # if this fails the snapshot stays old: the next build retries
    _state.snapshot = now
