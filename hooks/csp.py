"""MkDocs hook: a strict Content-Security-Policy on every page, and a build that fails when a
page carries inline code the policy would block.

The site handles applicants' names and numbers, so a script that is not ours must not run.
Every HTML page (404.html included) gets, right after ``<meta charset>``::

    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'
      'wasm-unsafe-eval' 'sha256-…' …; style-src 'self'; …">
    <meta name="referrer" content="no-referrer">

* **Why a meta tag**: GitHub Pages cannot send headers. A meta policy cannot carry
  ``frame-ancestors`` (nor ``report-uri``/``report-to`` or ``sandbox``): browsers ignore them
  there. So the hook also writes ``_headers`` (the format Netlify and Cloudflare Pages read),
  the same policy plus ``frame-ancestors 'none'`` for hosts that send headers; it adds to the
  meta policy, it does not replace it.
* **Scripts**: ``'self'`` for our files, ``'wasm-unsafe-eval'`` for Pyodide (not
  ``'unsafe-eval'``), and the sha256 of every inline script the theme writes (Material's
  ``__md_scope`` helpers, whose text changes with page depth, palette and tabs restore, …).
  With ``navigation.instant`` the first page's policy stays in force while Material swaps
  the next pages in and runs their inline scripts, and Material appends any ``<head>``
  element that differs to the live document (an appended policy would be enforced as well).
  So the hashes are collected across the whole build and every page carries the same meta,
  the union: pages are written with a placeholder and rewritten in ``on_post_build``.
  ``<script type="application/json">`` (Material's ``__config``) is data, not code: no hash.
* **Styles**: ``style-src 'self'`` without ``'unsafe-inline'``. No built page has a
  ``style`` attribute or a ``<style>`` element, and Material's JavaScript only sets styles
  through the CSSOM (``el.style.top = …``, ``style.setProperty("--md-tooltip-x", …)``), which a
  policy does not restrict; a ``style`` attribute written in the HTML would be.
* **Workers**: a page's meta policy is not inherited by a same-origin worker script (the
  Pyodide worker, Material's search worker); under ``_headers`` the worker gets the header.
* **The build fails, naming the page**, when it carries an inline ``<script>`` in its content
  (a writer's paste: code belongs in ``docs/javascripts/`` and ``extra_javascript``), an inline
  event handler (``onclick=…``), a ``javascript:`` URL, a ``style`` attribute or a ``<style>``
  element: the policy would block each of them silently in the reader's browser.
* **``mkdocs serve``** injects an inline live-reload script whose text changes with every
  request (``livereload(epoch, requestId)``), so it cannot be hashed. While serving, the
  policy keeps every directive but ``script-src``, which becomes ``'self' 'unsafe-inline'
  'wasm-unsafe-eval'`` (``'unsafe-inline'`` is ignored next to a hash, so no hashes then); the
  checks above still fail a rebuild. ``mkdocs serve --clean`` serves a pure build: its strict
  policy blocks live reload (the pages still work).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.csp")

POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),  # + the hashes of the theme's inline scripts
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("worker-src", "'self'"),
    ("connect-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
)
"""Every directive of the meta policy, in order."""
HEADER_ONLY: tuple[tuple[str, str], ...] = (("frame-ancestors", "'none'"),)
"""Directives a meta policy cannot carry: sent only by hosts that read ``_headers``."""
SERVE_SCRIPT_SRC = "'self' 'unsafe-inline' 'wasm-unsafe-eval'"
"""script-src under ``mkdocs serve``: allows its live-reload script."""
REFERRER = "no-referrer"
HEADERS_FILE = "_headers"
EXTRA_HEADERS: tuple[tuple[str, str], ...] = (
    ("Referrer-Policy", REFERRER),
    ("X-Content-Type-Options", "nosniff"),
)
PENDING = "csp-hook: policy pending"
"""The meta's content until on_post_build knows every page's hashes."""

_JS_TYPES = frozenset(
    ["", "module", "importmap", "speculationrules"]
    + [f"text/javascript1.{minor}" for minor in range(6)]
    + [
        f"{kind}/{name}"
        for kind in ("application", "text")
        for name in ("ecmascript", "javascript", "x-ecmascript", "x-javascript")
    ]
    + ["text/jscript", "text/livescript"]
)
"""<script type> values a browser runs (HTML's JavaScript MIME types, modules, import maps,
speculation rules): a policy governs these. Any other type is a data block."""
_URL_ATTRIBUTES = frozenset(
    ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "cite"]
)
_URL_NOISE = re.compile(r"[\x00-\x20]")
_CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`+[^`]*`+")


def script_hash(text: str) -> str:
    """The CSP source that allows the inline script whose text is `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def build_policy(hashes: set[str], *, serving: bool = False, header: bool = False) -> str:
    """The policy text: POLICY with `hashes` in script-src (sorted), plus HEADER_ONLY for a
    header; under ``mkdocs serve`` script-src is SERVE_SCRIPT_SRC instead."""
    directives = []
    for name, sources in POLICY + (HEADER_ONLY if header else ()):
        value = sources
        if name == "script-src":
            value = SERVE_SCRIPT_SRC if serving else " ".join([sources, *sorted(hashes)])
        directives.append(f"{name} {value}")
    return "; ".join(directives)


def meta_tags(policy: str) -> str:
    """The two meta tags every page carries."""
    return (
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f'<meta name="referrer" content="{REFERRER}">'
    )


def headers_file(policy: str) -> str:
    """``_headers`` for hosts that send headers (Netlify, Cloudflare Pages): every path."""
    lines = [
        "# Written by hooks/csp.py: the pages' own meta policy, plus what only a header carries.",
        "/*",
        f"  Content-Security-Policy: {policy}",
        *(f"  {name}: {value}" for name, value in EXTRA_HEADERS),
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class InlineCode:
    """What an HTML text carries inline that a Content-Security-Policy governs."""

    scripts: tuple[str, ...] = ()
    """The text of every inline script a browser would run."""
    handlers: tuple[str, ...] = ()
    """Inline event handlers, as ``<tag onevent>``."""
    javascript_urls: tuple[str, ...] = ()
    """``javascript:`` URLs, as ``<tag attribute>``."""
    styles: tuple[str, ...] = ()
    """``<style>`` elements and ``style`` attributes, as ``<style>`` or ``<tag style>``."""

    def to_dict(self) -> dict[str, list[str]]:
        """A JSON-ready copy."""
        return {
            "scripts": list(self.scripts),
            "handlers": list(self.handlers),
            "javascript_urls": list(self.javascript_urls),
            "styles": list(self.styles),
        }


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.javascript_urls: list[str] = []
        self.styles: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            elif name in _URL_ATTRIBUTES and _is_javascript_url(value or ""):
                self.javascript_urls.append(f"<{tag} {name}>")
            elif name == "style":
                self.styles.append(f"<{tag} style>")
        if tag == "style":
            self.styles.append("<style>")
        elif tag == "script" and "src" not in values and _runs(values):
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def _runs(attrs: dict[str, str | None]) -> bool:
    """Whether a browser runs a <script> with these attributes (HTML's "prepare the script
    element": a missing type, or a language attribute standing in for it)."""
    kind = attrs.get("type")
    if kind is None:
        language = attrs.get("language") or ""
        kind = f"text/{language}" if language else ""
    return kind.strip().lower() in _JS_TYPES


def _is_javascript_url(value: str) -> bool:
    return _URL_NOISE.sub("", value).lower().startswith("javascript:")


def scan(html: str) -> InlineCode:
    """Every inline script, event handler, ``javascript:`` URL and inline style in `html`."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return InlineCode(
        tuple(scanner.scripts),
        tuple(scanner.handlers),
        tuple(scanner.javascript_urls),
        tuple(scanner.styles),
    )


def insert_meta(html: str, tags: str) -> str:
    """`html` with `tags` right after ``<meta charset>`` (else right after ``<head>``)."""
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        msg = "csp: the page has no <head>; the theme template must write one"
        raise PluginError(msg)
    return html[: anchor.end()] + tags + html[anchor.end() :]


_FIXES = {
    "scripts": (
        "an inline <script>",
        r"<script",
        "the site's Content-Security-Policy blocks it; put the code in docs/javascripts/ and "
        "list it under extra_javascript in mkdocs.yml",
    ),
    "handlers": (
        "an inline event handler",
        r"\son[a-z]+\s*=",
        "the site's Content-Security-Policy blocks it; attach the handler from a script in "
        "docs/javascripts/",
    ),
    "javascript_urls": (
        "a javascript: URL",
        r"javascript:",
        "the site's Content-Security-Policy blocks it; use a button and a script in "
        "docs/javascripts/",
    ),
    "styles": (
        "an inline style",
        r"<style|\sstyle\s*=",
        "the site's Content-Security-Policy blocks it; give the element a class and style it "
        "in docs/stylesheets/",
    ),
}


def _source_line(path: str | None, pattern: str) -> int | None:
    if not path:
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    found = re.compile(pattern, re.IGNORECASE)
    fenced = False
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and found.search(_CODE_SPAN.sub("", line)):
            return number  # not in code shown on the page (written as text there, not run)
    return None


def blocked(where: str, found: InlineCode, content: InlineCode, source: str | None) -> list[str]:
    """One line per kind of inline code the policy would block on the page `where`.

    `found` is the whole page; `content` its Markdown's HTML (from `source`), whose inline
    scripts are a writer's; the theme's inline scripts are allowed by their hashes.
    """
    lines = []
    for kind, (what, pattern, fix) in _FIXES.items():
        items = getattr(content if kind == "scripts" else found, kind)
        if not items:
            continue
        if getattr(content, kind):
            line = _source_line(source, pattern)
            place = f"{where}:{line}" if line else f"{where} (written by a macro)"
        else:
            place = f"{where} (from the theme's templates: Material's or overrides/)"
        shown = ", ".join(dict.fromkeys(items)) if kind != "scripts" else ""
        detail = f" ({shown})" if shown else ""
        lines.append(f"{place}: {what}{detail}: {fix}")
    return lines


class _State:
    serving = False
    hashes: set[str]
    pending: list[Path]

    def __init__(self) -> None:
        self.hashes = set()
        self.pending = []


_state = _State()


def _display(path: str | None, config: MkDocsConfig) -> str:
    if not path:
        return "?"
    root = Path(config.config_file_path or ".").resolve().parent
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _secure(html: str, where: str, content: InlineCode, source: str | None, dest: Path) -> str:
    found = scan(html)
    problems = blocked(where, found, content, source)
    if problems:
        raise PluginError("csp: " + "\n".join(problems))
    _state.hashes.update(script_hash(text) for text in found.scripts)
    if _state.serving:
        return insert_meta(html, meta_tags(build_policy(set(), serving=True)))
    _state.pending.append(dest)
    return insert_meta(html, meta_tags(PENDING))


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is ``mkdocs serve`` (its live-reload script is inline)."""
    del dirty
    _state.serving = command == "serve"
    if _state.serving:
        log.info("csp: serving, so inline scripts are allowed for live reload")


def on_pre_build(config: MkDocsConfig) -> None:
    """Start each build afresh."""
    del config
    _state.hashes.clear()
    _state.pending.clear()


@event_priority(-100)  # after every other hook and plugin has written the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Check the page, hash its inline scripts, add the policy."""
    source = page.file.abs_src_path
    where = _display(source, config) if source else page.file.src_uri
    content = scan(page.content or "")
    return _secure(output, where, content, source, Path(page.file.abs_dest_path))


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for the theme's static pages (404.html)."""
    if not template_name.endswith(".html"):
        return output_content
    dest = Path(config.site_dir) / template_name
    return _secure(output_content, template_name, InlineCode(), None, dest)


def on_post_build(config: MkDocsConfig) -> None:
    """Write the final policy, every page's hashes, into every page; write ``_headers``."""
    if _state.serving:
        return
    policy = build_policy(_state.hashes)
    for path in _state.pending:
        html = path.read_text(encoding="utf-8")
        if PENDING not in html:
            msg = f"csp: {path} lost its Content-Security-Policy placeholder"
            raise PluginError(msg)
        path.write_text(html.replace(PENDING, policy, 1), encoding="utf-8")
    header = build_policy(_state.hashes, header=True)
    (Path(config.site_dir) / HEADERS_FILE).write_text(headers_file(header), encoding="utf-8")
    log.info(
        "csp: policy with %d inline-script hashes on %d pages",
        len(_state.hashes),
        len(_state.pending),
    )
