"""Packages only some checks need: imported when first used, with a plain error if absent.

The browser loads such a package only when a reader asks for what needs it (the Excel
download needs XlsxWriter): `handle` answers ``{"ok": False, "kind": "package", "package":
name, ...}`` and the worker loads that package from the site's lock file (sha256-checked),
then asks again (docs/javascripts/python-worker.js). In CPython the message says what to
install.
"""

from __future__ import annotations

import sys

IN_BROWSER = sys.platform == "emscripten"
"""Running in Pyodide (the reader's browser), where packages come from the site."""


class MissingPackageError(ImportError):
    """A package a check needs is not installed (in the browser: not downloaded)."""

    def __init__(self, package: str, purpose: str, extra: str) -> None:
        """Say that `purpose` (such as "Writing an Excel file") needs `package`.

        `extra` is the optional dependency of checkers that installs it (``xlsx``).
        """
        self.package = package
        if IN_BROWSER:
            message = (
                f"{purpose} needs a part of the checker that could not be downloaded: check "
                "the connection and try again."
            )
        else:
            message = (
                f"{purpose} needs the {package} package: install it with "
                f"pip install 'checkers[{extra}]'."
            )
        super().__init__(message, name=package)
