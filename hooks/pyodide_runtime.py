"""MkDocs hook: ship a self-hosted Pyodide runtime, with our wheels, inside the built site.

After every build this writes ``<site_dir>/assets/pyodide/``:

* the Pyodide core from ``node_modules/pyodide`` (``npm ci``): ``pyodide.mjs``,
  ``pyodide.asm.mjs``, ``pyodide.asm.wasm`` and npm's whole ``python_stdlib.zip`` (what a
  bare ``loadPyodide()`` reads; the worker passes the trimmed one below instead);
* ``stdlib/<sha256 prefix>/python_stdlib.zip.gz``: the standard library the browser needs,
  measured, trimmed and compiled to bytecode by Pyodide itself (hooks/pyodide_stdlib.py),
  gzipped whole (hooks/pyodide_archives.py: the worker inflates it);
* ``packages/<sha256 prefix>/checkers-*-py314-none-any.tar.gz``: the wheel built from
  this repository, its code compiled by Pyodide (with its docstrings, without line numbers:
  `stdlib.CHECKERS`), as a gzipped tar (hooks/pyodide_archives.py) that the worker unpacks
  itself while Pyodide starts (docs/javascripts/python-worker.js);
* ``packages/<sha256 prefix>/phonenumberslite-*-py314-none-any.tar.gz``: the wheel
  downloaded from PyPI once into ``.cache/wheels/`` (checked against the sha256 pinned
  below), its code compiled by Pyodide without docstrings, without its type stubs, and
  without its short-number data while checkers uses no short-number function
  (hooks/pyodide_stdlib.py), its matcher, as-you-type formatter and short-number functions
  imported on first use rather than by ``import phonenumbers`` (hooks/phonenumbers_lazy.py),
  as a gzipped tar like checkers;
* ``wheels/<sha256 prefix>/xlsxwriter-*-py3-none-any.whl``: XlsxWriter as PyPI publishes
  it (downloaded once into ``.cache/wheels/`` like phonenumberslite, checked against its
  pinned sha256), which the worker loads only when a reader asks for the audit's Excel file
  (`ON_DEMAND`): it is in the lock, not in checkers' dependencies, so it is never among the
  bytes fetched before the first answer;
* ``pyodide-lock.json`` listing only those packages, written by
  ``pyodide lockfile add-wheels`` (pyodide-build) from the wheels, then pointed at the
  ``.tar.gz`` files and their sha256: the worker installs checkers and what it depends on
  from there, and the browser checks each file's sha256 (Subresource Integrity). Its
  ``tool["sms-help"]`` table gives the worker ``stdlib_url`` (relative to this folder, for
  ``loadPyodide({stdLibURL})``), ``download_bytes`` (the wasm, that library and the
  packages) and ``sizes`` (bytes of each file fetched before the first answer), for the
  progress bar, and
  ``on_demand`` (the packages loaded only when an op asks for one).

The trimmed library and each wheel sit in a folder named after their hash, so a browser
never pairs a cached old file with a new lock (the worker fetches the lock with ``no-cache``).

The lock, wheels and library are built once per set of inputs into ``.cache/pyodide-runtime/``
(that takes three Pyodide runs under Node, about ten seconds) and only copied on later
builds, which keeps ``mkdocs serve`` rebuilds fast. ``build_runtime()`` is also what the
tests call, so they run the exact same files.

Run ``python hooks/pyodide_runtime.py DIR`` to write the runtime into DIR.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def _load_sibling(name: str) -> ModuleType:
    """Import hooks/<name>.py: MkDocs and the tests load hooks by path, not as a package."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load hooks/{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


stdlib = _load_sibling("pyodide_stdlib")
archives = _load_sibling("pyodide_archives")
lazy = _load_sibling("phonenumbers_lazy")

log = logging.getLogger("mkdocs.hooks.pyodide_runtime")

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_VERSION = "314.0.7"  # keep equal to package.json
SITE_SUBDIR = "assets/pyodide"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK_NAME = "pyodide-lock.json"
TOOL_KEY = "sms-help"  # our section of the lock's top-level "tool" table
STDLIB_NAME = "python_stdlib.zip"  # npm's, for a bare loadPyodide()
LIBRARY_NAME = "python_stdlib.zip.gz"  # the trimmed one, in stdlib/<hash>/
PACKAGES_DIR = "packages"  # the packages fetched before the first answer, as .tar.gz
GZIP_CACHE = "pyodide-gzip"  # .cache/<this>/: Zopfli's output by the hash of its input
KEEP_GZIPPED = 24
"""Zopfli outputs kept in the cache (a new checkers archive comes with every edit)."""
NODE_SCRIPT = Path(__file__).with_name("pyodide_stdlib.mjs")
# Files the bundle depends on besides the sources: the build code, and the worker's
# bootPython, through which the build measures what Python imports.
BUILD_FILES = (
    "hooks/pyodide_runtime.py",
    "hooks/pyodide_stdlib.py",
    "hooks/pyodide_archives.py",
    "hooks/phonenumbers_lazy.py",
    "hooks/pyodide_stdlib.mjs",
    "hooks/pyodide_node.mjs",
    "docs/javascripts/python-worker.js",
)

# The browser ships phonenumberslite: the same `phonenumbers` import at the same
# version, without the geocoder/carrier/timezone data (473 KB instead of 2.6 MB).
LITE_NAME = "phonenumberslite"
LITE_VERSION = "9.0.42"  # keep equal to the phonenumbers pin used by CPython
LITE_WHEEL = f"phonenumberslite-{LITE_VERSION}-py2.py3-none-any.whl"
LITE_SHA256 = "7ae0a97b12e9f0749e7bed2c9c3da4df43648ea5ba021de86b36088d98a0915e"

# The audit's Excel download: a pure-Python wheel from PyPI, shipped as it is published and
# loaded only when a reader asks for the Excel file (keep equal to requirements/constraints.txt).
XLSX_NAME = "xlsxwriter"
XLSX_VERSION = "3.3.1"
XLSX_WHEEL = f"xlsxwriter-{XLSX_VERSION}-py3-none-any.whl"
XLSX_SHA256 = "8e2c89e59d733fe59e112317218c64fbbc276d90a8c144ebd6f7fa15e7ab184a"
ON_DEMAND = (XLSX_NAME,)
"""Packages in the lock that no other depends on: the worker loads each only when an op
answers ``"kind": "package"`` naming it (checkers/_internal/optional.py)."""

# Inputs of the checkers wheel: a change to any of them builds a new one.
SOURCE_FILES = ("pyproject.toml", "setup.cfg", "setup.py", "MANIFEST.in", "README.md", "LICENSE")
SOURCE_PACKAGE = "checkers"
# Fixed zip timestamps make the wheel, hence its sha256, reproducible.
SOURCE_DATE_EPOCH = "315532800"


RuntimeBuildError = stdlib.RuntimeBuildError


def _gzip_cache(cache: Path) -> Path:
    return cache / GZIP_CACHE


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
    """Hash everything the bundle depends on: Pyodide, the build code, the sources."""
    digest = hashlib.sha256(f"{PYODIDE_VERSION}\0{LITE_SHA256}\0{XLSX_SHA256}\0".encode())
    for name in (LOCK_NAME, "package.json", STDLIB_NAME):
        digest.update(_sha256(core_dir(root) / name).encode())
    for name in BUILD_FILES:  # the code that runs: this hook's own checkout
        digest.update(f"\0{name}\0".encode())
        digest.update((ROOT / name).read_bytes())
    for path in _source_files(root):
        digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def pypi_wheel(cache: Path, name: str, version: str, file_name: str, sha256: str) -> Path:
    """Return a pinned wheel from .cache/wheels/, downloading it from PyPI once."""
    wheel = cache / "wheels" / file_name
    if not wheel.is_file():
        wheel.parent.mkdir(parents=True, exist_ok=True)
        log.info("Downloading %s %s from PyPI", name, version)
        _run([
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--only-binary=:all:", "--dest", str(wheel.parent), f"{name}=={version}",
        ])  # fmt: skip
    if _sha256(wheel) != sha256:
        wheel.unlink()
        raise RuntimeBuildError(f"{file_name} does not match its pinned sha256; deleted it")
    return wheel


def phonenumberslite_wheel(cache: Path) -> Path:
    """Return the pinned phonenumberslite wheel, downloading it from PyPI once."""
    return pypi_wheel(cache, LITE_NAME, LITE_VERSION, LITE_WHEEL, LITE_SHA256)


def lazy_lite_wheel(wheel: Path, work: Path) -> Path:
    """The phonenumberslite wheel with its rarely used parts imported on first use
    (hooks/phonenumbers_lazy.py), packed again in `work`."""
    unpacked = _unpack_wheel(wheel, work / "lite-lazy")
    lazy.make_lazy(unpacked)
    return _pack_wheel(unpacked, work / "lite-lazy-dist")


def _wheel(*args: str) -> None:
    """Run ``python -m wheel`` with fixed dates (SOURCE_DATE_EPOCH): what it packs is
    reproducible."""
    _run(
        [sys.executable, "-m", "wheel", *args],
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
    )


def _unpack_wheel(wheel: Path, folder: Path) -> Path:
    """Unpack `wheel` into `folder` (its hashes checked); return the unpacked tree."""
    _wheel("unpack", "--dest", str(folder), str(wheel))
    (unpacked,) = folder.iterdir()
    return unpacked


def _pack_wheel(unpacked: Path, dest: Path) -> Path:
    """Pack `unpacked` into a new folder `dest`; return the wheel."""
    dest.mkdir()
    _wheel("pack", "--dest-dir", str(dest), str(unpacked))
    (packed,) = dest.glob("*.whl")
    return packed


def xlsxwriter_wheel(cache: Path) -> Path:
    """Return the pinned XlsxWriter wheel, downloading it from PyPI once."""
    return pypi_wheel(cache, XLSX_NAME, XLSX_VERSION, XLSX_WHEEL, XLSX_SHA256)


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


def _write_lock(
    core: Path, bundle: Path, wheels: list[Path], stdlib_zip: Path | None, cache: Path | None
) -> None:
    """Write bundle/pyodide-lock.json listing exactly our packages (and the trimmed stdlib).

    The packages fetched before the first answer go as ``.tar.gz`` (hooks/pyodide_archives.py);
    those loaded on demand stay the wheels they are.
    """
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
    by_name = {canonicalize_name(parse_wheel_filename(w.name)[0]): w for w in wheels}
    # Keep only what we ship: npm's core lock names ~350 packages whose wheels live
    # only on a CDN, and an entry we cannot serve is one the browser would fail on.
    spec.packages = {name: pkg for name, pkg in spec.packages.items() if name in by_name}
    # add-wheels copies checkers' dependencies from its wheel metadata, which asks
    # for `phonenumbers` (CPython gets the full package). In the browser the same
    # import comes from phonenumberslite, so the lock entry depends on that instead.
    # --ignore-missing-dependencies let add-wheels accept the unknown `phonenumbers`;
    # the closure check below restores the safety that flag turned off.
    checkers = spec.packages["checkers"]
    checkers.depends = [LITE_NAME if d == "phonenumbers" else d for d in checkers.depends]
    # add-wheels finds a wheel's imports by its packages' __init__.py: a sourceless wheel
    # (checkers compiled) has none, so they come from its top_level.txt instead.
    for name, pkg in spec.packages.items():
        if not pkg.imports:
            pkg.imports = _top_level(by_name[name])
    for pkg in spec.packages.values():
        missing = set(pkg.depends) - spec.packages.keys()
        if missing:
            raise RuntimeBuildError(f"lock entry {pkg.name} depends on unshipped {missing}")
    later = set(by_name) & set(ON_DEMAND)
    for pkg in spec.packages.values():
        if set(pkg.depends) & later:
            raise RuntimeBuildError(f"{pkg.name} depends on {later}, which load only on demand")
    # What the worker needs besides the packages: the standard library to pass loadPyodide
    # as stdLibURL; the size of the two big downloads (the small packages come after), and
    # of every file it fetches before the first answer (URLs relative to this folder), for
    # the progress bar.
    library = stdlib_zip or core / STDLIB_NAME
    fetched = {name: core / name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")}
    if stdlib_zip is not None:
        fetched[stdlib_zip.relative_to(bundle).as_posix()] = stdlib_zip
    for name, pkg in spec.packages.items():
        if name in later:
            continue
        wheel = by_name[name]
        packed = archives.package_from_wheel(wheel, bundle / "tmp", cache)
        target, pkg.sha256 = _into_hashed_folder(packed, bundle / PACKAGES_DIR)
        shutil.rmtree(wheel.parent)
        pkg.file_name = target.relative_to(bundle).as_posix()
        fetched[pkg.file_name] = target
    (bundle / "tmp").rmdir()
    packages = [path for url, path in fetched.items() if url.startswith(f"{PACKAGES_DIR}/")]
    tool: dict[str, object] = {
        # What the worker's fetch sees, so its percent ends as the last byte is in (the
        # modules come through import(), which it does not see).
        "download_bytes": sum(
            path.stat().st_size for path in [core / "pyodide.asm.wasm", library, *packages]
        ),
        "sizes": {url: path.stat().st_size for url, path in fetched.items()},
        "on_demand": sorted(later),
    }
    if stdlib_zip is not None:
        tool["stdlib_url"] = stdlib_zip.relative_to(bundle).as_posix()
    spec.tool[TOOL_KEY] = tool
    spec.to_json(lock, indent=1)


def _into_hashed_folder(made: Path, parent: Path) -> tuple[Path, str]:
    """Move `made` into ``parent/<its sha256 prefix>/`` (new bytes, new URL); return the
    moved file and its sha256."""
    digest = _sha256(made)
    target = parent / digest[:16] / made.name
    target.parent.mkdir(parents=True)
    made.rename(target)
    return target, digest


def _top_level(wheel: Path) -> list[str]:
    """The import names a wheel's top_level.txt lists (none without one)."""
    with zipfile.ZipFile(wheel) as archive:
        listed = [n for n in archive.namelist() if n.endswith(".dist-info/top_level.txt")]
        text = archive.read(listed[0]).decode() if listed else ""
    return sorted(line.strip() for line in text.splitlines() if line.strip())


def _stage(
    core: Path,
    bundle: Path,
    wheels: list[Path],
    library_files: dict[str, bytes] | None = None,
    cache: Path | None = None,
) -> None:
    """Lay out the packages (and the trimmed stdlib) in folders named after their hash; write
    the lock. `library_files`: the stdlib's members (else npm's whole zip is the stdlib)."""
    staged = []
    for wheel in wheels:
        target = bundle / "wheels" / _sha256(wheel)[:16] / wheel.name
        target.parent.mkdir(parents=True)
        shutil.copy2(wheel, target)
        staged.append(target)
    library = None
    if library_files is not None:
        made = archives.write_library(bundle / LIBRARY_NAME, library_files, cache)
        library, _ = _into_hashed_folder(made, bundle / "stdlib")
    _write_lock(core, bundle, staged, library, cache)
    if not any((bundle / "wheels").iterdir()):
        (bundle / "wheels").rmdir()


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeBuildError(
            "node is not installed: the build runs Pyodide under Node.js 18 or newer to "
            "compile the browser's standard library (apt-get install nodejs)"
        )
    return node


def _runtime_view(core: Path, bundle: Path, view: Path) -> Path:
    """A folder laid out as the site ships it (core files and bundle), made of symlinks."""
    view.mkdir(parents=True)
    for name in CORE_FILES:
        (view / name).symlink_to(core / name)
    for entry in bundle.iterdir():
        (view / entry.name).symlink_to(entry.resolve())
    return view


def measure_runtime(runtime: Path, *, full_stdlib: bool = False) -> stdlib.Measurement:
    """Boot `runtime` (laid out as the site ships it) in Pyodide under Node, run the probe,
    and return what it imported and answered (a pyodide_stdlib.Measurement).

    With `full_stdlib` it boots npm's whole python_stdlib.zip instead of the lock's.
    """
    with tempfile.TemporaryDirectory(prefix="pyodide-measure-") as tmp:
        probe, out = Path(tmp) / "probe.json", Path(tmp) / "measured.json"
        probe.write_text(stdlib.probe_json(), encoding="utf-8")
        command = [_node(), str(NODE_SCRIPT), "measure", str(runtime), str(probe), str(out)]
        proc = subprocess.run(  # noqa: S603
            [*command, *(["--full-stdlib"] if full_stdlib else [])],
            capture_output=True, text=True, check=False, timeout=300,
        )  # fmt: skip
        if proc.returncode == 0:
            return stdlib.Measurement.from_json(out.read_text(encoding="utf-8"))
    lost = stdlib.missing_module_names(proc.stderr)
    if lost and not full_stdlib:
        raise RuntimeBuildError(
            f"the trimmed standard library lacks {', '.join(lost)}: the runtime failed to start "
            f"with it:\n{proc.stderr[-2000:]}"
        )
    raise RuntimeBuildError(
        f"running the Pyodide runtime under Node failed:\n{proc.stderr[-4000:]}"
    )


def _compile(core: Path, work: Path, jobs: list[stdlib.CompileJob]) -> None:
    """Compile each job's file to .pyc with Pyodide's own interpreter."""
    listing = work / "compile-jobs.json"
    listing.write_text(json.dumps([job.to_list() for job in jobs]), encoding="utf-8")
    _run([_node(), str(NODE_SCRIPT), "compile", str(core), str(work), str(listing)])


def _trimmed_stdlib_jobs(
    core: Path, measured: stdlib.Measurement, extra: set[str], work: Path
) -> tuple[list[stdlib.CompileJob], dict[str, str]]:
    """Extract the measured stdlib modules and `extra`; return compile jobs, member -> .pyc."""
    with zipfile.ZipFile(core / STDLIB_NAME) as full:
        whole = set(full.namelist())
        wanted = set(measured.stdlib_members().values())
        wanted |= {f for name in extra for f in stdlib.module_files(name) if f in whole}
        members = sorted(wanted)
        full.extractall(work / "stdlib-src", members)
    jobs = [
        stdlib.CompileJob(
            f"stdlib-src/{member}",
            f"stdlib-pyc/{member}c",
            f"{measured.stdlib_zip}/{member}",
            stdlib.STDLIB,
        )
        for member in members
    ]
    return jobs, {f"{member}c": f"stdlib-pyc/{member}c" for member in members}


def _wheel_jobs(
    wheel: Path,
    measured: stdlib.Measurement,
    work: Path,
    compiles: Callable[[str], bool],
    settings: stdlib.CompileSettings,
) -> tuple[list[stdlib.CompileJob], Path]:
    """Unpack a wheel; return the compile jobs for its files that `compiles` and the folder."""
    unpacked = _unpack_wheel(wheel, work / wheel.name.split("-")[0])
    jobs = []
    for path in sorted(unpacked.rglob("*.py")):
        rel = path.relative_to(unpacked).as_posix()
        if compiles(rel):
            source = path.relative_to(work).as_posix()
            target = f"{measured.site_packages}/{rel}"
            jobs.append(stdlib.CompileJob(source, f"{source}c", target, settings))
    return jobs, unpacked


def _repack(
    unpacked: Path,
    jobs: list[stdlib.CompileJob],
    work: Path,
    dest: Path,
    dropped: Callable[[str], bool] = lambda _: False,
) -> Path:
    """Repack an unpacked wheel with its compiled code (and without what is `dropped`),
    tagged for Python 3.14 only."""
    for job in jobs:
        (work / job.source).unlink()
    for path in list(unpacked.rglob("*")):
        if path.is_file() and dropped(path.relative_to(unpacked).as_posix()):
            path.unlink()
    packed = _pack_wheel(unpacked, dest)
    # .pyc files hold Python 3.14 bytecode: the name says so (py314, which the lock accepts).
    _wheel("tags", "--python-tag", "py314", "--remove", str(packed))
    (tagged,) = dest.glob("*.whl")
    return tagged


def ensure_bundle(root: Path = ROOT, cache: Path | None = None) -> Path:
    """Return a cached folder with pyodide-lock.json, stdlib/, packages/ and wheels/, building
    it if needed."""
    cache = cache or root / ".cache"
    core = core_dir(root)
    bundles = cache / "pyodide-runtime"
    bundle = bundles / _inputs_key(root)
    if (bundle / LOCK_NAME).is_file():
        bundle.touch()  # recently used: kept by _keep_newest
        return bundle
    bundles.mkdir(parents=True, exist_ok=True)
    log.info(
        "Building the Pyodide bundle (stdlib, checkers + %s + %s packages, lock)",
        LITE_NAME, XLSX_NAME,
    )  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="build-", dir=bundles) as tmp:
        work, staging = Path(tmp), Path(tmp) / "bundle"
        checkers = checkers_wheel(root, work / "dist")
        lite = lazy_lite_wheel(phonenumberslite_wheel(cache), work)
        xlsx = xlsxwriter_wheel(cache)
        gz = _gzip_cache(cache)
        # 1. What Python imports, with the wheels as built and npm's whole stdlib.
        _stage(core, work / "measure", [checkers, lite, xlsx], cache=gz)
        view = _runtime_view(core, work / "measure", work / "view-measure")
        measured = measure_runtime(view, full_stdlib=True)
        for wheel in (checkers, lite, xlsx):
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(work / "site")
        with zipfile.ZipFile(core / STDLIB_NAME) as full:
            whole = frozenset(full.namelist())
        stdlib.check_imports(measured, work / "site", whole)
        codecs = stdlib.named_codecs(measured, work / "site", SOURCE_PACKAGE)
        # 2. Compile that part of the stdlib, and phonenumbers' code, inside Pyodide.
        stdlib_jobs, members = _trimmed_stdlib_jobs(core, measured, codecs, work)
        lite_jobs, lite_dir = _wheel_jobs(
            lite, measured, work,
            lambda rel: stdlib.lite_compiles(rel, measured.boot_modules), stdlib.LITE,
        )  # fmt: skip
        checkers_jobs, checkers_dir = _wheel_jobs(
            checkers, measured, work, lambda _: True, stdlib.CHECKERS
        )
        _compile(core, work, stdlib_jobs + lite_jobs + checkers_jobs)
        library = {name: (work / pyc).read_bytes() for name, pyc in members.items()}
        short_data = not stdlib.short_numbers_unused(work / "site", SOURCE_PACKAGE)
        lite = _repack(
            lite_dir, lite_jobs, work, work / "lite-dist",
            lambda rel: stdlib.lite_dropped(rel, short_data=short_data),
        )  # fmt: skip
        checkers = _repack(checkers_dir, checkers_jobs, work, work / "checkers-dist")
        _stage(core, staging, [checkers, lite, xlsx], library, gz)
        # 3. The shipped files must load the same modules and answer the same.
        view = _runtime_view(core, staging, work / "view-shipped")
        stdlib.check_verified(measured, measure_runtime(view))
        try:
            staging.rename(bundle)
        except OSError:  # another build (pytest, mkdocs serve) got there first
            if not (bundle / LOCK_NAME).is_file():
                raise
    finished = (p for p in bundles.iterdir() if p.is_dir() and not p.name.startswith("build-"))
    _keep_newest(finished, KEEP_BUNDLES, keep=bundle)
    _keep_newest(gz.glob("*.gz"), KEEP_GZIPPED)  # Zopfli's outputs: a checkers archive an edit
    return bundle


KEEP_BUNDLES = 4
"""Bundles kept in the cache: the newest few, so concurrent builds of different sources
(tests building changed copies, `mkdocs serve`) never delete one another's bundle."""


def _keep_newest(paths: Iterable[Path], count: int, keep: Path | None = None) -> None:
    """Keep the cache from growing with every edit: delete all but the `count` newest of
    `paths` (files or folders), and never `keep`."""
    for old in sorted(paths, key=lambda path: path.stat().st_mtime, reverse=True)[count:]:
        if old == keep:
            continue
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


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
    except (RuntimeBuildError, archives.ArchiveError) as exc:
        raise PluginError(f"pyodide_runtime: {exc}") from exc


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site" / SITE_SUBDIR
    print(build_runtime(target))
