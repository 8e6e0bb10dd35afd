"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import browser, context, contexts, no_js_page, page, requests, site_url
from tests.cli import cli
from tests.engines import (
    engine,
    engine_site_url,
    firefox_driver,
    selenium_offline,
    webkit_driver,
    xvfb_display,
)
from tests.sitebuild import ROOT, Build, build_site, copy_project

__all__ = [  # browser fixtures (tests/browser.py: Chromium; tests/engines.py: Firefox, WebKit)
    "browser",
    "cli",
    "context",
    "contexts",
    "engine",
    "engine_site_url",
    "firefox_driver",
    "no_js_page",
    "page",
    "requests",
    "selenium_offline",
    "site_url",
    "webkit_driver",
    "xvfb_display",
]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test session with `mkdocs build --strict`."""
    build = build_site(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the project that a test may break."""
    return copy_project(tmp_path)
