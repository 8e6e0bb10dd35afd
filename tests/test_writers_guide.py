"""The writers' guide: every macro the site registers is documented on docs/writers.md,
with its source and its real output, and CONTRIBUTING.md points to that page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from macros import define_env
from tests.sitebuild import ROOT, Build

WRITERS = ROOT / "docs" / "writers.md"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"


class FakeEnv:
    """Just enough of mkdocs-macros' env for define_env: records the registered names."""

    def __init__(self) -> None:
        self.conf: dict[str, Any] = {"extra": {"default_region": "GB"}}
        self.names: list[str] = []

    def macro(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.names.append(name or function.__name__)
        return function


def registered_macros() -> list[str]:
    env = FakeEnv()
    define_env(env)
    return env.names


def test_the_fake_env_sees_the_macros() -> None:
    names = registered_macros()
    assert len(names) == len(set(names))
    assert {"channel", "please_include", "triage", "number_checker"} <= set(names)


@pytest.mark.parametrize("name", registered_macros())
def test_every_macro_has_a_section_with_source_and_a_real_call(name: str) -> None:
    text = WRITERS.read_text(encoding="utf-8")
    anchor = "macro-" + name.replace("_", "-")
    assert re.search(rf"^### `{name}\(.*\)` \{{ #{anchor} \}}$", text, re.M), name
    section = text.split(f"{{ #{anchor} }}", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    raw = re.search(r"\{% raw %\}\n```markdown\n(.*?)```\n\{% endraw %\}", section, re.S)
    assert raw is not None, f"{name}: no source example inside {{% raw %}}"
    assert "{{ " + name + "(" in raw.group(1)
    outside = section.replace(raw.group(0), "")
    assert "{{ " + name + "(" in outside, f"{name}: the example is not called for real"


@pytest.mark.slow
def test_the_built_page_shows_each_macro_and_its_output(built_site: Build) -> None:
    page = built_site.page("writers/")
    article = page.select_one("article")
    assert article is not None
    assert "for people editing the guide" in article.select_one(".admonition").get_text()
    for name in registered_macros():
        heading = article.find(id="macro-" + name.replace("_", "-"))
        assert heading is not None, name
        assert heading.code is not None
        assert heading.code.get_text().startswith(f"{name}(")
    for pre in article.select("pre"):
        pre.decompose()
    assert "{{" not in article.get_text()
    widgets = {w["data-widget"] for w in article.select("[data-widget]")}
    assert {"number-checker", "allowance-checker", "report-builder", "triage"} <= widgets


def test_contributing_points_to_the_writers_page() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert "docs/writers.md" in links
    assert (ROOT / "docs" / "writers.md").is_file()
    for command in ("make serve", "make test", "make build"):
        assert command in text
    assert "http://127.0.0.1:8000" in text


def test_writers_page_is_in_the_nav() -> None:
    config = Path(ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s*- For writers: writers\.md$", config, re.M)
