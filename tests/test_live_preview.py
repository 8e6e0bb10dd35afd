"""Live preview follows the code: under `mkdocs serve` (as `make serve` runs it), editing
checkers/ (code or data) or macros/ changes the rebuilt pages and the widgets' wheel, with no
restart."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checkers import load_spec
from macros._examples import NOT_SENDABLE

pytestmark = pytest.mark.slow

LOCK = "assets/pyodide/pyodide-lock.json"
TIMEOUT = 180.0
WATCH = ("--watch", "checkers", "--watch", "macros", "--watch", "hooks")  # as `make serve`


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return str(reply.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(what: str, check: Callable[[], bool], log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}; server log:\n{log.read_text(errors='replace')}")


def checkers_sha256(base: str) -> str | None:
    text = fetch(base + LOCK)
    if text is None:
        return None
    return str(json.loads(text)["packages"]["checkers"]["sha256"])


@pytest.fixture
def server(project_copy: Path, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`mkdocs serve` on a free port in a project copy: (base URL, project, log file)."""
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    env.pop("SITE_URL", None)
    env["PYTHONPATH"] = os.pathsep.join([str(project_copy), env.get("PYTHONPATH", "")])
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *WATCH],
            cwd=project_copy,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield f"http://127.0.0.1:{port}/", project_copy, log
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def test_edits_to_checkers_show_without_restarting(server: tuple[str, Path, Path]) -> None:
    base, project, log = server
    old_name = load_spec().channel("assistant").name
    old_verdict = "No: it is a landline, and a landline cannot receive texts."
    page = base + "sending-fails/"
    wait_for("the first build", lambda: old_name in (fetch(page) or ""), log)
    first = fetch(page) or ""
    assert old_verdict in first
    assert NOT_SENDABLE in first
    sha_before = checkers_sha256(base)
    assert sha_before
    builds = log.read_text(errors="replace").count("Documentation built")

    new_name = "Renamed Assistant Channel"
    new_verdict = "Landline (edited while serving)"
    data = project / "checkers" / "data" / "support.toml"
    text = data.read_text(encoding="utf-8")
    assert f'name = "{old_name}"' in text
    # A writer renaming a channel renames it in its how and next lines too.
    data.write_text(text.replace(old_name, new_name), "utf-8")
    words = project / "checkers" / "_internal" / "number_words.py"
    code = words.read_text(encoding="utf-8")
    assert f'"{old_verdict}"' in code
    words.write_text(code.replace(f'"{old_verdict}"', f'"{new_verdict}"'), "utf-8")

    examples = project / "macros" / "_examples.py"
    new_cell = "Cannot send (edited while serving)"
    macro_code = examples.read_text(encoding="utf-8")
    assert f'"{NOT_SENDABLE}"' in macro_code
    examples.write_text(macro_code.replace(f'"{NOT_SENDABLE}"', f'"{new_cell}"'), "utf-8")

    def rebuilt() -> bool:
        html = fetch(page) or ""
        return all(new in html for new in (new_name, new_verdict, new_cell))

    wait_for("the rebuilt page", rebuilt, log)
    html = fetch(page) or ""
    assert old_name not in html
    assert old_verdict not in html
    assert NOT_SENDABLE not in html
    served = log.read_text(errors="replace")
    assert served.count("Documentation built") > builds
    assert "Reloading checkers and macros" in served
    assert not re.search(r"^(ERROR|Traceback)", served, re.MULTILINE), served
    wait_for("a new checkers wheel", lambda: checkers_sha256(base) not in {None, sha_before}, log)

    # A writer's mistake stops that rebuild with one clear line; the server keeps going.
    doc = project / "docs" / "sending-fails.md"
    good = doc.read_text(encoding="utf-8")
    doc.write_text(good + "\n{{ numbr_checker() }}\n", encoding="utf-8")
    mistake = 'docs/sending-fails.md:{}: unknown macro "numbr_checker"'.format(
        len((good + "\n{{ numbr_checker() }}\n").splitlines())
    )
    wait_for("the writer's error", lambda: mistake in log.read_text(errors="replace"), log)
    reloads = log.read_text(errors="replace").count("Reloading browsers")
    doc.write_text(good + "\nA new line.\n", encoding="utf-8")
    wait_for("the fixed page", lambda: "A new line." in (fetch(page) or ""), log)
    # The pages are served as soon as they are written; the server says the rebuild is done
    # once the post-build hooks (the runtime's copy) are, a moment later. "Reloading
    # browsers" is its line for a rebuild that succeeded (CI once saw MkDocs' own
    # "Documentation built" line missing after a failed build, though the next one worked).
    wait_for(
        "the fixed build's log line",
        lambda: log.read_text(errors="replace").count("Reloading browsers") > reloads,
        log,
    )
