"""MkDocs hook: ship a self-hosted Pyodide runtime, with our wheels, inside the built site.

After every build this writes ``<site_dir>/assets/pyodide/``:

* the Pyodide core from ``node_modules/pyodide`` (``npm ci``): ``pyodide.mjs``,
  ``pyodide.asm.mjs``, ``pyodide.asm.wasm`` and ``python_stdlib.zip``;
* ``wheels/<sha256 prefix>/checkers-*.whl``, built from this repository;
* ``wheels/<sha256 prefix>/phonenumberslite-*.whl``, downloaded from PyPI once into
  ``.cache/wheels/`` and checked against the sha256 pinned below;
* ``pyodide-lock.json`` listing only those two wheels, written by
  ``pyodide lockfile add-wheels`` (pyodide-build), so ``loadPackage("checkers")``
  resolves the dependency and the browser checks each wheel's sha256 (SRI).

Each wheel sits in a folder named after its hash, so a browser never pairs a
cached old wheel with a new lock (the worker fetches the lock with ``no-cache``).

The lock and wheels are built once per set of inputs into ``.cache/pyodide-runtime/``
and only copied on later builds, which keeps ``mkdocs serve`` rebuilds fast.
``build_runtime()`` is also what the tests call, so they run the exact same files.

Run ``python hooks/pyodide_runtime.py DIR`` to write the runtime into DIR.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.pyodide_runtime")

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_VERSION = "314.0.7"  # keep equal to package.json
SITE_SUBDIR = "assets/pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK_NAME = "pyodide-lock.json"
TOOL_KEY = "sms-help"  # our section of the lock's top-level "tool" table

# The browser ships phonenumberslite: the same `phonenumbers` import at the same
# version, without the geocoder/carrier/timezone data (473 KB instead of 2.6 MB).
LITE_NAME = "phonenumberslite"
LITE_VERSION = "9.0.42"  # keep equal to the phonenumbers pin used by CPython
LITE_WHEEL = f"phonenumberslite-{LITE_VERSION}-py2.py3-none-any.whl"
LITE_SHA256 = "7ae0a97b12e9f0749e7bed2c9c3da4df43648ea5ba021de86b36088d98a0915e"

# Inputs of the checkers wheel: a change to any of them builds a new one.
SOURCE_FILES = ("pyproject.toml", "setup.cfg", "setup.py", "MANIFEST.in", "README.md", "LICENSE")
SOURCE_PACKAGE = "checkers"
# Fixed zip timestamps make the wheel, hence its sha256, reproducible.
SOURCE_DATE_EPOCH = "315532800"


class RuntimeBuildError(RuntimeError):
    """The Pyodide runtime could not be assembled."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(cmd: list[str], **kwargs: Any) -> None:
    """Run a build command; raise RuntimeBuildError with its output if it fails."""
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603
    if proc.returncode:
        raise RuntimeBuildError(f"{' '.join(cmd[:6])} … failed:\n{proc.stdout}{proc.stderr}")


def core_dir(root: Path = ROOT) -> Path:
    """Return node_modules/pyodide, checking it is the pinned version."""
    pkg = root / "node_modules" / "pyodide"
    try:
        version = json.loads((pkg / "package.json").read_text(encoding="utf-8"))["version"]
    except FileNotFoundError:
        raise RuntimeBuildError(
            f"{pkg} is missing: run `make setup` (or `npm ci`) to install Pyodide {PYODIDE_VERSION}"
        ) from None
    if version != PYODIDE_VERSION:
        raise RuntimeBuildError(
            f"node_modules has pyodide {version}, expected {PYODIDE_VERSION}: run `npm ci`"
        )
    return pkg


def _source_files(root: Path) -> list[Path]:
    files = [root / name for name in SOURCE_FILES if (root / name).is_file()]
    files += sorted(
        p
        for p in (root / SOURCE_PACKAGE).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    )
    return files


def _inputs_key(root: Path) -> str:
    """Hash everything the lock and wheels depend on, including this hook."""
    digest = hashlib.sha256(f"{PYODIDE_VERSION}\0{LITE_SHA256}\0".encode())
    digest.update(Path(__file__).read_bytes())
    digest.update((core_dir(root) / LOCK_NAME).read_bytes())
    for path in _source_files(root):
        digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def phonenumberslite_wheel(cache: Path) -> Path:
    """Return the pinned phonenumberslite wheel, downloading it from PyPI once."""
    wheel = cache / "wheels" / LITE_WHEEL
    if not wheel.is_file():
        wheel.parent.mkdir(parents=True, exist_ok=True)
        log.info("Downloading %s %s from PyPI", LITE_NAME, LITE_VERSION)
        _run([
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--only-binary=:all:", "--dest", str(wheel.parent), f"{LITE_NAME}=={LITE_VERSION}",
        ])  # fmt: skip
    if _sha256(wheel) != LITE_SHA256:
        wheel.unlink()
        raise RuntimeBuildError(f"{LITE_WHEEL} does not match its pinned sha256; deleted it")
    return wheel


def checkers_wheel(root: Path, dest: Path) -> Path:
    """Build the checkers wheel into dest from a clean copy of the sources.

    Building from a copy keeps build/ and *.egg-info out of the work tree, and
    stops stale files in an old build/lib from slipping into the wheel.
    """
    with tempfile.TemporaryDirectory(prefix="checkers-src-") as tmp:
        src = Path(tmp)
        for path in _source_files(root):
            target = src / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
        pip = [sys.executable, "-m", "pip"]
        # No build isolation: setuptools is pinned in the virtualenv, so building the
        # wheel needs no download (tests run without network beyond localhost).
        wheel = ["wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        _run([*pip, *wheel, "-w", str(dest), str(src)], env=env)
    wheels = list(dest.glob("checkers-*.whl"))
    if len(wheels) != 1:
        raise RuntimeBuildError(f"expected one checkers wheel in {dest}, found {wheels}")
    return wheels[0]


def _write_lock(core: Path, bundle: Path, wheels: list[Path]) -> None:
    """Write bundle/pyodide-lock.json listing exactly our wheels."""
    from packaging.utils import canonicalize_name, parse_wheel_filename  # noqa: PLC0415
    from pyodide_lock import PyodideLockSpec  # noqa: PLC0415 (comes with pyodide-build)

    lock = bundle / LOCK_NAME
    _run([
        sys.executable, "-m", "pyodide_cli", "lockfile", "add-wheels",
        "--input", str(core / LOCK_NAME), "--output", str(lock),
        "--base-path", str(bundle), "--ignore-missing-dependencies",
        *map(str, wheels),
    ])  # fmt: skip
    spec = PyodideLockSpec.from_json(lock)
    ours = {canonicalize_name(parse_wheel_filename(w.name)[0]) for w in wheels}
    # Keep only what we ship: npm's core lock names ~350 packages whose wheels live
    # only on a CDN, and an entry we cannot serve is one the browser would fail on.
    spec.packages = {name: pkg for name, pkg in spec.packages.items() if name in ours}
    # add-wheels copies checkers' dependencies from its wheel metadata, which asks
    # for `phonenumbers` (CPython gets the full package). In the browser the same
    # import comes from phonenumberslite, so the lock entry depends on that instead.
    # --ignore-missing-dependencies let add-wheels accept the unknown `phonenumbers`;
    # the closure check below restores the safety that flag turned off.
    checkers = spec.packages["checkers"]
    checkers.depends = [LITE_NAME if d == "phonenumbers" else d for d in checkers.depends]
    for pkg in spec.packages.values():
        missing = set(pkg.depends) - spec.packages.keys()
        if missing:
            raise RuntimeBuildError(f"lock entry {pkg.name} depends on unshipped {missing}")
    # Size of the two big downloads (the small wheels come after), for the progress bar.
    big = [core / "pyodide.asm.wasm", core / "python_stdlib.zip"]
    spec.tool[TOOL_KEY] = {"download_bytes": sum(p.stat().st_size for p in big)}
    spec.to_json(lock, indent=1)


def ensure_bundle(root: Path = ROOT, cache: Path | None = None) -> Path:
    """Return a cached folder with pyodide-lock.json and wheels/, building it if needed."""
    cache = cache or root / ".cache"
    core = core_dir(root)
    bundles = cache / "pyodide-runtime"
    bundle = bundles / _inputs_key(root)
    if (bundle / LOCK_NAME).is_file():
        bundle.touch()  # recently used: kept by _prune
        return bundle
    bundles.mkdir(parents=True, exist_ok=True)
    log.info("Building the Pyodide bundle (checkers + %s wheels, lock)", LITE_NAME)
    with tempfile.TemporaryDirectory(prefix="build-", dir=bundles) as tmp:
        work, staging = Path(tmp), Path(tmp) / "bundle"
        built = [checkers_wheel(root, work / "dist"), phonenumberslite_wheel(cache)]
        wheels = []
        for wheel in built:
            target = staging / "wheels" / _sha256(wheel)[:16] / wheel.name
            target.parent.mkdir(parents=True)
            shutil.copy2(wheel, target)
            wheels.append(target)
        _write_lock(core, staging, wheels)
        try:
            staging.rename(bundle)
        except OSError:  # another build (pytest, mkdocs serve) got there first
            if not (bundle / LOCK_NAME).is_file():
                raise
    _prune(bundles, keep=bundle)
    return bundle


KEEP_BUNDLES = 4
"""Bundles kept in the cache: the newest few, so concurrent builds of different sources
(tests building changed copies, `mkdocs serve`) never delete one another's bundle."""


def _prune(bundles: Path, keep: Path) -> None:
    """Keep the cache from growing with every edit: drop all but the newest bundles."""
    done = [p for p in bundles.iterdir() if p.is_dir() and not p.name.startswith("build-")]
    done.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in done[KEEP_BUNDLES:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def _copy_if_changed(src: Path, dst: Path) -> None:
    if not dst.is_file() or (dst.stat().st_size, dst.stat().st_mtime_ns) != (
        src.stat().st_size,
        src.stat().st_mtime_ns,
    ):
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)


def build_runtime(out_dir: Path, root: Path = ROOT, cache: Path | None = None) -> Path:
    """Write the whole runtime (core, wheels, lock) into out_dir; return the lock's path."""
    core = core_dir(root)
    bundle = ensure_bundle(root, cache)
    wanted = {name: core / name for name in CORE_FILES}
    wanted |= {p.relative_to(bundle).as_posix(): p for p in bundle.rglob("*") if p.is_file()}
    if out_dir.is_dir():  # drop wheels of earlier builds (mkdocs serve reuses its site dir)
        for path in sorted(out_dir.rglob("*"), reverse=True):
            rel = path.relative_to(out_dir).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for rel, src in wanted.items():
        _copy_if_changed(src, out_dir / rel)
    return out_dir / LOCK_NAME


def _warn_on_version_drift() -> None:
    try:
        full = metadata.version("phonenumbers")
    except metadata.PackageNotFoundError:
        return
    if full != LITE_VERSION:
        log.warning(
            "phonenumbers %s is installed but the browser ships %s %s: results may differ "
            "(update LITE_VERSION and LITE_SHA256 in hooks/pyodide_runtime.py)",
            full, LITE_NAME, LITE_VERSION,
        )  # fmt: skip


def on_post_build(config: MkDocsConfig) -> None:
    """Copy the runtime into the built site."""
    from mkdocs.exceptions import PluginError  # noqa: PLC0415

    _warn_on_version_drift()
    try:
        build_runtime(Path(config.site_dir) / SITE_SUBDIR)
    except RuntimeBuildError as exc:
        raise PluginError(f"pyodide_runtime: {exc}") from exc


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site" / SITE_SUBDIR
    print(build_runtime(target))
