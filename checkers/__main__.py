"""Run the command line: ``python -m checkers``."""

from __future__ import annotations

import sys

from checkers._internal.cli import main

if __name__ == "__main__":
    sys.exit(main())
