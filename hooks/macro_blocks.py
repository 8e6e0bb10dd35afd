"""MkDocs hook: a macro's table placed in indented Markdown stays a block.

Python-Markdown finds raw HTML blocks only at the start of a line, so a macro's table
written inside an admonition or a collapsible block (``??? example``, indented by four
spaces) is read as inline HTML and wrapped in a paragraph: ``<p><table …>…</table></p>``,
which is not valid HTML. After each page is rendered this hook takes such a table (one
with ``data-macro``, which every table a macro writes carries) out of its paragraph.
"""

from __future__ import annotations

import re

_WRAPPED_TABLE = re.compile(
    r"<p>\s*(<table\b[^>]*\bdata-macro=[^>]*>.*?</table>)\s*</p>", re.DOTALL
)


def unwrap_macro_tables(html: str) -> str:
    """Return `html` with every macro table that sits alone in a paragraph taken out of it."""
    return _WRAPPED_TABLE.sub(r"\1", html)


def on_page_content(html: str, **_event: object) -> str:
    """Unwrap the page's macro tables (see the module's docstring)."""
    return unwrap_macro_tables(html)
