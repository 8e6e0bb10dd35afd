"""MkDocs hook: give the guide's tick boxes (pymdownx.tasklist) a name and a step.

pymdownx.tasklist writes each box as ``<label class="task-list-control"><input
type="checkbox"/>…</label> text``: the text sits outside the label, so a screen reader
announces a nameless "checkbox". After each page is rendered this hook adds to every
tick box:

* ``aria-label``: the item's own text (without any nested list);
* ``data-tick``: the box's index on the page (0, 1, …), the key docs/javascripts/guide-ticks.js
  remembers its state under;
* on a "Done: …" box, ``data-step``: the id of the guide step it closes (the nearest
  preceding heading whose id is a step id in checkers/data/support.toml), and
  ``data-steps``: every step id in guide order, so the script can keep
  "sms-help.steps-done" in that order.

A "Done:" box with no step heading above it is a writer's mistake: the hook warns, which
the strict build turns into an error naming the page.

For the print stylesheet (docs/stylesheets/print.css), the same pass also marks each link to
another site with ``data-print-url`` unless its text already is the address: on paper the
address is written after the link. (In the browser Material's instant navigation turns every
relative link into an absolute one, so CSS alone cannot tell the site's links from others.)
"""

from __future__ import annotations

import logging
import re
from html import escape
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from checkers import load_spec

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.tasklist_labels")

DONE_PREFIX = "Done:"
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LISTS = frozenset({"ul", "ol"})
EXTERNAL = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)


class _Item:
    """An open ``<li>`` while the page is read."""

    def __init__(self, *, task: bool) -> None:
        self.task = task
        self.nested = 0  # depth of lists opened inside this item
        self.in_control = False  # inside its <label class="task-list-control">
        self.box: _Box | None = None
        self.text: list[str] = []


class _Box:
    """One tick box: where its tag ends in the source, its item's text, its step."""

    def __init__(self, end: int, step: str | None) -> None:
        self.end = end  # offset just before "/>" or ">" of the <input> tag
        self.step = step
        self.label = ""


class _TaskListReader(HTMLParser):
    """Finds every tick box of a page, with its item's text and the step heading above it."""

    def __init__(self, source: str, step_ids: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.step_ids = step_ids
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]
        self.items: list[_Item] = []
        self.boxes: list[_Box] = []
        self.step: str | None = None
        self.links: list[int] = []  # where to mark external links (end of their <a> tag)
        self._link: tuple[int, str, list[str]] | None = None

    def _tag_end(self) -> int:
        """The offset just before the "/>" or ">" closing the current start tag."""
        text = self.get_starttag_text() or ""
        return self._offset() + len(text) - (2 if text.endswith("/>") else 1)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "a" and EXTERNAL.match(found.get("href") or ""):
            self._link = (self._tag_end(), found["href"] or "", [])
        if tag in HEADINGS and found.get("id") in self.step_ids:
            self.step = found["id"]
        elif tag == "li":
            self.items.append(_Item(task="task-list-item" in classes))
        elif tag in LISTS and self.items:
            self.items[-1].nested += 1
        elif tag == "label" and "task-list-control" in classes and self._current() is not None:
            item = self._current()
            assert item is not None
            item.in_control = True
        elif tag == "input" and found.get("type") == "checkbox":
            item = self._current()
            if item is not None and item.in_control and item.box is None:
                item.box = _Box(self._tag_end(), self.step)
                self.boxes.append(item.box)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            end, href, text = self._link
            shown = "".join(text).strip()
            if shown not in {href, href.removeprefix("mailto:")}:
                self.links.append(end)
            self._link = None
        if tag == "li" and self.items:
            item = self.items.pop()
            if item.box is not None:
                item.box.label = " ".join("".join(item.text).split())
        elif tag in LISTS and self.items and self.items[-1].nested:
            self.items[-1].nested -= 1
        elif tag == "label" and self.items:
            self.items[-1].in_control = False

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link[2].append(data)
        item = self._current()
        if item is not None and not item.in_control:
            item.text.append(data)

    def _current(self) -> _Item | None:
        """The innermost open task item, unless the reader is inside a nested list of it."""
        if not self.items:
            return None
        item = self.items[-1]
        return item if item.task and item.nested == 0 else None


def label_tick_boxes(html: str, step_ids: list[str], where: str = "this page") -> str:
    """`html` with a name, an index and (on "Done:" boxes) a step on every tick box."""
    reader = _TaskListReader(html, frozenset(step_ids))
    reader.feed(html)
    reader.close()
    order = " ".join(step_ids)
    edits: list[tuple[int, str]] = []
    for index, box in enumerate(reader.boxes):
        if not box.label:
            log.warning("%s: tick box %d has no text; write what the reader ticks", where, index)
        attrs = f' aria-label="{escape(box.label)}" data-tick="{index}"'
        if box.label.startswith(DONE_PREFIX):
            if box.step is None:
                log.warning(
                    "%s: the tick box %r is not under a guide step's heading; put it after a "
                    "heading whose id is a step id in checkers/data/support.toml (%s)",
                    where,
                    box.label,
                    ", ".join(step_ids),
                )
            else:
                attrs += f' data-step="{escape(box.step)}" data-steps="{escape(order)}"'
        edits.append((box.end, attrs))
    edits += [(end, " data-print-url") for end in reader.links]
    for end, attrs in sorted(edits, reverse=True):
        html = html[:end] + attrs + html[end:]
    return html


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Label the page's tick boxes (MkDocs event: after the Markdown is rendered)."""
    del config, files
    step_ids = [step.id for step in load_spec().steps]
    return label_tick_boxes(html, step_ids, where=page.file.src_uri)
