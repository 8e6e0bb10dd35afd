"""hooks/phonenumbers_lazy.py: the browser's phonenumbers imports what checkers never uses on
first use, and is otherwise the pinned wheel (run here in CPython, from the wheel's files)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.sitebuild import load_hook

hook = load_hook()
lazy = hook.lazy
ROOT = Path(__file__).resolve().parent.parent
WHEEL = ROOT / ".cache" / "wheels" / hook.LITE_WHEEL


@pytest.fixture(scope="module")
def pinned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pinned phonenumberslite wheel, unpacked."""
    folder = tmp_path_factory.mktemp("pinned")
    with zipfile.ZipFile(WHEEL) as wheel:
        wheel.extractall(folder)
    return folder


@pytest.fixture(scope="module")
def made_lazy(pinned: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same files with `make_lazy` applied."""
    folder = tmp_path_factory.mktemp("lazy") / "site"
    subprocess.run(["cp", "-r", str(pinned), str(folder)], check=True)
    lazy.make_lazy(folder)
    return folder


PROBE = r"""
import json, sys
import phonenumbers
from phonenumbers import data
loaded = sorted(m for m in sys.modules if m.startswith("phonenumbers"))
everything = {}
exec("from phonenumbers import *", everything)
matcher = phonenumbers.PhoneNumberMatcher("Call 020 7946 0018 or +44 7400 123456.", "GB")
typed = phonenumbers.AsYouTypeFormatter("GB")
print(json.dumps({
    "loaded": loaded,
    "names": sorted(k for k in everything if not k.startswith("__")),
    "matches": [phonenumbers.format_number(m.number, 0) for m in matcher],
    "typed": [typed.input_digit(d) for d in "07400123456"],
    "cost": str(phonenumbers.ShortNumberCost.TOLL_FREE),
    "alt": {str(k): repr(v) for k, v in sorted(data._ALT_NUMBER_FORMATS.items())},
}))
"""


def probe(site: Path) -> dict:
    """Run PROBE in a fresh CPython that finds phonenumbers in `site` first."""
    out = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(site)!r})\n{PROBE}"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return json.loads(out.stdout)


def test_the_lazy_copy_answers_as_the_pinned_wheel(pinned: Path, made_lazy: Path) -> None:
    before, after = probe(pinned), probe(made_lazy)
    assert after["matches"] == before["matches"] == ["+442079460018", "+447400123456"]
    for key in ("names", "typed", "cost", "alt"):
        assert after[key] == before[key], key
    assert len(after["alt"]) > 40


def test_importing_the_lazy_copy_leaves_out_what_checkers_never_uses(
    pinned: Path, made_lazy: Path
) -> None:
    # `probe` asks for those parts after listing what `import phonenumbers` loaded.
    unused = {f"phonenumbers.{name}" for name in lazy.LAZY_MODULES}
    before, after = set(probe(pinned)["loaded"]), set(probe(made_lazy)["loaded"])
    assert unused <= before
    assert any(".alt_format_" in name for name in before)
    # With them, what only they import: the alternate formats (the matcher's) and the
    # short-number data's package (shortnumberinfo's).
    alternate = {n for n in before if ".alt_format_" in n}
    assert before - after == unused | alternate | {"phonenumbers.shortdata"}
    assert after <= before


def test_every_name_init_imported_from_those_modules_is_lazy(pinned: Path) -> None:
    source = (pinned / lazy.INIT).read_text(encoding="utf-8")
    imported = {
        alias.name
        for node in ast.parse(source).body
        if isinstance(node, ast.ImportFrom) and node.module in lazy.LAZY_MODULES
        for alias in node.names
    }
    made = lazy.lazy_init(source)
    table = next(
        node.value
        for node in ast.parse(made).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "_LAZY_NAMES"
    )
    assert set(ast.literal_eval(table)) == imported
    assert not any(
        isinstance(node, ast.ImportFrom) and node.module in lazy.LAZY_MODULES
        for node in ast.parse(made).body
    )


@pytest.mark.parametrize(
    ("rewrite", "name", "changed"),
    [
        (
            lazy.lazy_init,
            lazy.INIT,
            "from .phonenumbermatcher import PhoneNumberMatch, PhoneNumberMatcher, Leniency\n",
        ),
        (lazy.lazy_data_init, lazy.DATA_INIT, "from .alt_format_44 import PHONE_ALT_FORMAT_44\n"),
    ],
)
def test_a_source_that_reads_otherwise_fails_the_build_naming_it(
    pinned: Path, rewrite: object, name: str, changed: str
) -> None:
    source = (pinned / name).read_text(encoding="utf-8")
    assert changed in source
    with pytest.raises(lazy.LazyError, match=name):
        rewrite(source.replace(changed, ""))  # type: ignore[operator]
