"""MkDocs hook: build errors a writer can act on.

A writer who knows Markdown, not Python, reads the build log. For each mistake this hook
makes the log say, on one line, the file, the line and what to write instead::

    docs/sending-fails.md:53: unknown macro "numbr_checker". Did you mean number_checker()? ...

* **Macros** (mkdocs-macros, ``on_error_fail: true``): a misspelt macro, a wrong or missing
  argument, an unknown report kind, a Jinja syntax error, or a mistake in
  checkers/data/support.toml found while a macro reads it. mkdocs-macros would print a
  Python traceback and stop the process; instead the build stops through MkDocs' own
  error path (a ``PluginError``), so ``mkdocs serve`` keeps running and shows the next
  fix at once.
* **Links and anchors** (MkDocs' ``validation:``): the warnings get the line of the link
  and the closest existing page or heading; ``--strict`` still turns them into errors.

How it hooks in (mkdocs-macros 1.5 has no error hook of its own): after mkdocs-macros has
built its Jinja environment, Jinja's ``Environment.handle_exception`` (the one funnel every
template error goes through) is wrapped to turn the error into a ``WriterError``, which
mkdocs-macros' ``except Exception`` lets through; the plugin's ``render`` is wrapped to turn
that into a ``PluginError``. If mkdocs-macros changes shape, the hook steps aside.
"""

from __future__ import annotations

import difflib
import inspect
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from types import TracebackType

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.writer_errors")

BUILTIN_MACROS = frozenset({"context", "macros_info", "now", "fix_url"})
"""mkdocs-macros' own macros: not suggested to writers."""
WRITERS_PAGE = "the For writers page (docs/writers.md)"


class WriterError(BaseException):
    """A writer's mistake, explained. A BaseException so mkdocs-macros' `except Exception`
    does not swallow it; `render` turns it into a PluginError."""


class _State:
    config: MkDocsConfig | None = None
    files: Files | None = None


_state = _State()


# --- where: file and line --------------------------------------------------------------


def _display_path(path: str | Path) -> str:
    """`path` relative to the project (the folder of mkdocs.yml), as a writer sees it."""
    path = Path(path)
    config = _state.config
    if config is not None and config.config_file_path:
        root = Path(config.config_file_path).resolve().parent
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _template_line(error: BaseException) -> int | None:
    """The line of the Markdown (as given to Jinja) where `error` happened."""
    lineno = getattr(error, "lineno", None)
    if isinstance(lineno, int) and type(error).__name__ == "TemplateSyntaxError":
        return lineno
    line = None
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _source_line(source_text: str, markdown: str, line: int) -> int:
    """Map a line of the rendered Markdown to the line in the page's file.

    MkDocs strips the front matter before macros run, so the file's line numbers are
    usually the Markdown's plus the front matter's length; the text of the line decides.
    """
    source_lines = source_text.splitlines()
    md_lines = markdown.splitlines()
    if not 0 < line <= len(md_lines):
        return line
    wanted = md_lines[line - 1]
    guess = line + max(0, len(source_lines) - len(md_lines))
    if 0 < guess <= len(source_lines) and source_lines[guess - 1] == wanted:
        return guess
    matches = [n for n, text in enumerate(source_lines, start=1) if text == wanted]
    return min(matches, key=lambda n: abs(n - guess)) if matches else line


def _page_place(plugin: Any, error: BaseException) -> str:
    """``docs/page.md:LINE`` for the page mkdocs-macros is rendering (line when known)."""
    try:
        page = plugin.page
        markdown = plugin.markdown
    except AttributeError:
        return "a page"
    path = page.file.abs_src_path or page.file.src_uri
    where = _display_path(path)
    line = _template_line(error)
    if line is None:
        return where
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return f"{where}:{line}"
    return f"{where}:{_source_line(text, markdown, line)}"


# --- what: the explanation -----------------------------------------------------------


def _writer_macros(plugin: Any) -> dict[str, Any]:
    macros = dict(getattr(plugin, "macros", {}) or {})
    return {name: fn for name, fn in sorted(macros.items()) if name not in BUILTIN_MACROS}


def _signature(name: str, fn: Any) -> str:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return f"{name}(...)"
    shown = []
    for param in params:
        if param.kind is param.VAR_POSITIONAL:
            shown.append(f"*{param.name}")
        elif param.default is param.empty:
            shown.append(param.name)
        else:
            shown.append(f"{param.name}={param.default!r}")
    return f"{name}({', '.join(shown)})"


def _suggest(word: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def _explain_undefined(message: str, plugin: Any) -> str:
    found = re.fullmatch(r"'([^']+)' is undefined", message)
    if not found:
        return f"{message}. Check the spelling of the macro or variable; see {WRITERS_PAGE}."
    name = found.group(1)
    macros = _writer_macros(plugin)
    hint = _suggest(name, list(macros))
    did_you_mean = f" Did you mean {_signature(hint, macros[hint])}?" if hint else ""
    return (
        f'unknown macro "{name}".{did_you_mean} Macros: {", ".join(macros)} (see {WRITERS_PAGE}).'
    )


def _called_macro(message: str, plugin: Any) -> tuple[str, Any] | None:
    """The registered macro a TypeError message is about (it names the Python function)."""
    called = re.match(r"([\w.<>]+)\(\)", message)
    if not called:
        return None
    for name, fn in _writer_macros(plugin).items():
        if called.group(1) in {getattr(fn, "__qualname__", ""), getattr(fn, "__name__", "")}:
            return name, fn
    return None


def _explain_type_error(message: str, plugin: Any) -> str:
    macro = _called_macro(message, plugin)
    if macro is None:
        return f"{message}. See {WRITERS_PAGE} for how to write each macro."
    name, fn = macro
    usage = _signature(name, fn)
    keyword = re.search(r"unexpected keyword argument '(\w+)'", message)
    if keyword:
        params = [p for p in inspect.signature(fn).parameters if p != "self"]
        hint = _suggest(keyword.group(1), params)
        did_you_mean = f" Did you mean {hint}=?" if hint else ""
        return f'{name}() has no argument "{keyword.group(1)}".{did_you_mean} Write it as {usage}.'
    missing = re.search(
        r"missing \d+ required (?:positional |keyword-only )?arguments?: (.+)$", message
    )
    if missing:
        names = missing.group(1).replace("'", '"')
        return f"{name}() needs {names}. Write it as {usage}."
    too_many = re.search(r"takes .+ but \d+ (?:were|was) given", message)
    if too_many:
        return f"{name}() was given too many arguments. Write it as {usage}."
    return f"{name}(): {message}. Write it as {usage}."


def explain(error: BaseException, plugin: Any) -> str:
    """One line: where the mistake is and what to write instead."""
    place = _page_place(plugin, error)
    kind = type(error).__name__
    message = str(error)
    if kind == "SpecError":
        # The mistake is in the data file, which the message names (with its line).
        return f"{message} (found while building {place})"
    if kind == "UndefinedError":
        return f"{place}: {_explain_undefined(message, plugin)}"
    if kind == "TemplateSyntaxError":
        short = getattr(error, "message", None) or message
        return (
            f"{place}: this macro is not written correctly ({short}). Write a macro as "
            '{{ name("argument") }}: check its brackets and quotes '
            f"(see {WRITERS_PAGE})."
        )
    if isinstance(error, TypeError):
        return f"{place}: {_explain_type_error(message, plugin)}"
    if isinstance(error, ValueError):  # MacroError and the like: the message says what to write
        return f"{place}: {message}"
    # A bug in a macro rather than a writer's mistake: `mkdocs build -v` shows the traceback.
    log.debug("Traceback of the error below", exc_info=error)
    return f"{place}: {kind}: {message} (run the build with -v for the details)"


# --- wiring into mkdocs-macros ------------------------------------------------------------


def _wrap_macros(plugin: Any) -> None:
    env = getattr(plugin, "_env", None)
    render = getattr(plugin, "render", None)
    handle = getattr(env, "handle_exception", None)
    if env is None or render is None or handle is None:
        log.debug("writer_errors: mkdocs-macros changed shape; its own messages are used")
        return

    def handle_exception(source: str | None = None) -> None:
        try:
            handle(source)  # always raises the error, its traceback rewritten to the template
        except WriterError:
            raise
        except Exception as error:  # every template error becomes one line
            raise WriterError(explain(error, plugin)) from error

    def render_page(markdown: str, force_rendering: bool = False) -> str:
        try:
            return str(render(markdown, force_rendering))
        except WriterError as error:
            raise PluginError(str(error)) from None

    env.handle_exception = handle_exception  # a new environment on every build
    if not getattr(render, "writer_errors", False):  # the plugin is kept across rebuilds
        render_page.writer_errors = True  # type: ignore[attr-defined]
        plugin.render = render_page


@event_priority(-100)  # after mkdocs-macros has built its Jinja environment
def on_config(config: MkDocsConfig) -> None:
    """Remember the project; wrap mkdocs-macros' error handling."""
    _state.config = config
    plugin = config.plugins.get("macros")
    if plugin is not None:
        _wrap_macros(plugin)


def on_files(files: Files, config: MkDocsConfig) -> None:
    """Remember the pages, for suggestions when a link is broken."""
    del config
    _state.files = files


# --- links and anchors ----------------------------------------------------------------------

_LINK = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?:a|an unrecognized relative) link '(?P<url>[^']+)'"
)
_MISSING = re.compile(r"but the target(?: '[^']+')? is not found among documentation files\.")
_ANCHOR = re.compile(r"does not contain an anchor '#(?P<anchor>[^']+)'|there is no such anchor")
_SUGGESTED = re.compile(r"Did you mean '([^']+)'\?")


def _link_line(page: str, url: str) -> tuple[str, int | None]:
    config = _state.config
    if config is None:
        return page, None
    path = Path(config.docs_dir) / page
    shown = _display_path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return shown, None
    for pattern in (f"]({url}", f"]: {url}", f'href="{url}"', url):
        for number, text in enumerate(lines, start=1):
            if pattern in text:
                return shown, number
    return shown, None


def _pages() -> list[str]:
    files = _state.files
    if files is None:
        return []
    return sorted(f.src_uri for f in files.documentation_pages())


def _headings(page_uri: str) -> list[str]:
    """The heading anchors of page `page_uri`, in page order (its table of contents)."""
    files = _state.files
    found = files.get_file_from_path(page_uri) if files is not None else None
    page = found.page if found is not None else None
    ids: list[str] = []
    todo = list(getattr(page, "toc", None) or [])
    while todo:
        item = todo.pop(0)
        ids.append(item.id)
        todo[:0] = list(item.children)
    return ids


def rewrite_link_warning(message: str) -> str | None:
    """The writer's version of MkDocs' broken-link warning, or None to leave it."""
    link = _LINK.match(message)
    if not link:
        return None
    page, url = link.group("page"), link.group("url")
    shown, line = _link_line(page, url)
    where = f"{shown}:{line}" if line else shown
    if _MISSING.search(message):
        target = url.split("#", 1)[0]
        suggested = _SUGGESTED.search(message)
        hint = suggested.group(1) if suggested else _suggest(target, _pages())
        did_you_mean = f" Did you mean ({hint})?" if hint else ""
        return (
            f"{where}: the link ({url}) points to a page that does not exist.{did_you_mean} "
            f"Pages: {', '.join(_pages())}."
        )
    anchor = _ANCHOR.search(message)
    if anchor:
        target = url.split("#", 1)[0] or page
        wanted = anchor.group("anchor") or url.split("#", 1)[-1]
        ids = _headings(target)
        hint = _suggest(wanted, ids)
        did_you_mean = f" Did you mean ({url.split('#', 1)[0]}#{hint})?" if hint else ""
        listed = ", ".join(f"#{i}" for i in ids[:30])
        return (
            f"{where}: the link ({url}) points to a heading that {target} does not have."
            f"{did_you_mean} Headings there: {listed}."
        )
    return f"{where}: {message}"


class _LinkWarnings(logging.Filter):
    """Rewrites MkDocs' link warnings in place (level kept, so --strict still counts them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            better = rewrite_link_warning(record.getMessage())
        except Exception:  # never lose the original warning
            return True
        if better:
            record.msg, record.args = better, ()
        return True


def _install_link_filter() -> None:
    logger = logging.getLogger("mkdocs.structure.pages")
    for old in [f for f in logger.filters if type(f).__name__ == "_LinkWarnings"]:
        logger.removeFilter(old)  # this module loaded again: its new state wins
    logger.addFilter(_LinkWarnings())


_install_link_filter()
