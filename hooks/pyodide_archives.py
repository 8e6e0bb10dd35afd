"""The runtime's archives as the browser downloads them: each one gzip stream.

A static host such as GitHub Pages gzips text (HTML, JavaScript, the WebAssembly) but sends
``.zip`` and ``.whl`` files as they are, and a zip compresses each member on its own: the
many small files of the standard library and of phonenumbers' region data compress badly
one by one. So the build gzips each archive whole, with Zopfli (the best gzip there is, in
the well-kept ``zopfli`` package), and the browser gets:

* the standard library as ``python_stdlib.zip.gz``: a zip of uncompressed members, gzipped
  (``zipimport`` needs a zip); the worker inflates it with the browser's own
  ``DecompressionStream`` before Pyodide mounts it (docs/javascripts/python-worker.js);
* each package fetched before the first answer as ``.tar.gz``: the wheel's files in a
  ustar archive of regular files only, gzipped, which the worker unpacks itself
  (python-worker.js ``tarFiles``), the sha256 in the lock (the browser checks it) being
  that of the ``.tar.gz``.

Every archive is reproducible: sorted names, fixed dates, no owner; gzip without a name or
a date. Zopfli takes about ten seconds for the standard library, so its output is kept in
a cache folder by the hash of its input.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
TAR_DATE = 315532800  # 1980-01-01, as SOURCE_DATE_EPOCH for the wheels
GZIP_SUFFIX = ".gz"
PACKAGE_SUFFIX = ".tar.gz"
ZOPFLI_ITERATIONS = 15
"""Zopfli's passes: its default. 5 % smaller than gzip -9 here, at about 4 s a megabyte."""


class ArchiveError(RuntimeError):
    """An archive could not be written (the zopfli package is missing)."""


def stored_zip(files: Mapping[str, bytes]) -> bytes:
    """A zip of `files` (name -> bytes), uncompressed, sorted, with fixed dates."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(files):
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), files[name])
    return buffer.getvalue()


def tar(files: Mapping[str, bytes]) -> bytes:
    """A ustar archive of `files`, sorted, with fixed dates, mode 644 and no owner."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(files[name]), TAR_DATE, 0o644
            archive.addfile(info, io.BytesIO(files[name]))
    return buffer.getvalue()


def gzipped(data: bytes, cache: Path | None = None) -> bytes:
    """`data` gzipped by Zopfli (no name, date 0); kept in `cache` by the hash of `data`."""
    kept = cache / f"{hashlib.sha256(data).hexdigest()}{GZIP_SUFFIX}" if cache else None
    if kept is not None and kept.is_file():
        kept.touch()  # recently used: kept by the build's pruning
        return kept.read_bytes()
    try:
        import zopfli.gzip  # noqa: PLC0415 (a build dependency: the docs extra)
    except ImportError:
        raise ArchiveError(
            "the zopfli package is missing: run `make setup` (or `pip install zopfli`)"
        ) from None
    packed: bytes = zopfli.gzip.compress(data, numiterations=ZOPFLI_ITERATIONS)
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.with_suffix(".tmp").write_bytes(packed)
        kept.with_suffix(".tmp").replace(kept)
    return packed


def members(path: Path) -> dict[str, bytes]:
    """The files in a zip, wheel, ``.zip.gz`` or ``.tar.gz`` (name -> bytes)."""
    data = path.read_bytes()
    if path.name.endswith(PACKAGE_SUFFIX):
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            return {
                info.name: archive.extractfile(info).read()  # type: ignore[union-attr]
                for info in archive.getmembers()
                if info.isfile()
            }
    if path.suffix == GZIP_SUFFIX:
        data = gzip.decompress(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_library(dest: Path, files: Mapping[str, bytes], cache: Path | None = None) -> Path:
    """Write the standard library's ``files`` to `dest` (``….zip.gz``): a stored zip, gzipped."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(gzipped(stored_zip(files), cache))
    return dest


def package_from_wheel(wheel: Path, dest_dir: Path, cache: Path | None = None) -> Path:
    """Write the wheel's files as ``<wheel name>.tar.gz`` into `dest_dir`; return its path."""
    dest = dest_dir / (wheel.name.removesuffix(".whl") + PACKAGE_SUFFIX)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(gzipped(tar(members(wheel)), cache))
    return dest
