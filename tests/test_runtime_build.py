"""The Pyodide runtime that hooks/pyodide_runtime.py puts into the site."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.sitebuild import load_hook

ROOT = Path(__file__).resolve().parent.parent
JS_DIR = ROOT / "docs" / "javascripts"


hook = load_hook()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    core = ROOT / "node_modules" / "pyodide"
    if not core.is_dir():
        pytest.fail(f"{core} is missing: run `make setup` (npm ci) first")
    out = tmp_path_factory.mktemp("site") / hook.SITE_SUBDIR
    hook.build_runtime(out)
    return out


@pytest.fixture(scope="module")
def lock(runtime: Path) -> dict:
    return json.loads((runtime / "pyodide-lock.json").read_text(encoding="utf-8"))


def test_core_files_are_copied_unchanged(runtime: Path) -> None:
    for name in hook.CORE_FILES:
        assert sha256(runtime / name) == sha256(ROOT / "node_modules" / "pyodide" / name), name


def test_package_json_pins_the_hooks_pyodide_version() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["pyodide"] == hook.PYODIDE_VERSION
    npm_lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert npm_lock["packages"]["node_modules/pyodide"]["version"] == hook.PYODIDE_VERSION


def test_lock_lists_exactly_our_wheels_with_matching_sha256(runtime: Path, lock: dict) -> None:
    assert set(lock["packages"]) == {"checkers", "phonenumberslite"}
    for name, entry in lock["packages"].items():
        wheel = (runtime / entry["file_name"]).resolve()
        assert wheel.is_relative_to(runtime.resolve()), name
        assert wheel.is_file(), name
        assert sha256(wheel) == entry["sha256"], name
        # Each wheel sits in a folder named after its hash (cache busting).
        assert wheel.parent.name == entry["sha256"][:16], name
    files = {p.relative_to(runtime).as_posix() for p in runtime.rglob("*") if p.is_file()}
    wheels = {e["file_name"] for e in lock["packages"].values()}
    assert files == {*hook.CORE_FILES, "pyodide-lock.json", *wheels}


def test_checkers_depends_on_phonenumberslite(lock: dict) -> None:
    checkers = lock["packages"]["checkers"]
    assert checkers["depends"] == ["phonenumberslite"]
    assert "checkers" in checkers["imports"]
    lite = lock["packages"]["phonenumberslite"]
    assert lite["imports"] == ["phonenumbers"]
    assert lite["version"] == hook.LITE_VERSION
    assert lite["sha256"] == hook.LITE_SHA256


def test_browser_ships_the_phonenumbers_version_cpython_runs() -> None:
    assert metadata.version("phonenumbers") == hook.LITE_VERSION


def test_lock_matches_the_runtime(lock: dict) -> None:
    npm_lock = json.loads(
        (ROOT / "node_modules/pyodide/pyodide-lock.json").read_text(encoding="utf-8")
    )
    assert lock["info"] == npm_lock["info"]
    big = ("pyodide.asm.wasm", "python_stdlib.zip")
    expected = sum((ROOT / "node_modules/pyodide" / name).stat().st_size for name in big)
    assert lock["tool"]["sms-help"]["download_bytes"] == expected


def test_checkers_wheel_has_the_package_and_its_data(runtime: Path, lock: dict) -> None:
    with zipfile.ZipFile(runtime / lock["packages"]["checkers"]["file_name"]) as wheel:
        names = set(wheel.namelist())
    assert "checkers/__init__.py" in names
    assert "checkers/api.py" in names
    assert "checkers/data/support.toml" in names
    assert not any("__pycache__" in n or n.startswith("tests/") for n in names)


def test_no_remote_url_is_used(runtime: Path) -> None:
    remote = re.compile(r"https?://[^\s\"'`)]+")
    found = {
        p.name: set(remote.findall(p.read_text(encoding="utf-8"))) for p in runtime.glob("*.mjs")
    }
    # The only remote URLs in Pyodide: pyodide.mjs's default cdnUrl, used solely when
    # no packageBaseUrl is given (the worker always passes it and indexURL), and the
    # sockets shim parsing a "host:port" string in pyodide.asm.mjs (no request).
    allowed = {
        "pyodide.mjs": {"https://cdn.jsdelivr.net/pyodide/v${U}/full/"},
        "pyodide.asm.mjs": {"https://${t}"},
    }
    assert {name: urls for name, urls in found.items() if urls} == allowed
    worker = (JS_DIR / "python-worker.js").read_text(encoding="utf-8")
    assert re.search(r"\{ indexURL, lockFileContents: lock, packageBaseUrl: indexURL \}", worker)
    assert 'new URL("../assets/pyodide/", import.meta.url)' in worker
    for script in ("python-worker.js", "python-runtime.js"):
        assert not remote.search((JS_DIR / script).read_text(encoding="utf-8")), script


def test_rebuild_uses_the_cache_and_drops_stale_files(runtime: Path, lock: dict) -> None:
    stale = runtime / "wheels" / "0000000000000000" / "old-0.1-py3-none-any.whl"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    hook.build_runtime(runtime)
    assert not stale.parent.exists()
    assert json.loads((runtime / "pyodide-lock.json").read_text(encoding="utf-8")) == lock


def test_mkdocs_hook_writes_into_the_site_dir(tmp_path: Path) -> None:
    config = SimpleNamespace(site_dir=str(tmp_path))
    hook.on_post_build(config)
    assert (tmp_path / "assets" / "pyodide" / "pyodide-lock.json").is_file()
    assert (tmp_path / "assets" / "pyodide" / "pyodide.asm.wasm").is_file()
