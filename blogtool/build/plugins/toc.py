"""jekyll-toc (0.18): a table of contents built from the headings of rendered HTML.

Only pages with ``toc: true`` get one. Filters: ``toc`` (the list, then the HTML with anchors),
``toc_only`` (the list), ``inject_anchors`` (the HTML with anchors); the ``{% toc %}`` tag
gives the list of ``page.content``. Options come from ``toc:`` in ``_config.yml``
(``min_level``, ``max_level``, ``ordered_list``, ``no_toc_section_class``, ``list_id``,
``list_class``, ``sublist_class``, ``item_class``, ``item_prefix``); headings with class
``no_toc``, or inside an element with the no-toc-section class, are left out.
"""
from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from blogtool.filters.text import cgi_escape

DEFAULTS: dict[str, Any] = {
    "min_level": 1, "max_level": 6, "ordered_list": False,
    "no_toc_section_class": "no_toc_section", "list_id": "toc", "list_class": "section-nav",
    "sublist_class": "", "item_class": "toc-entry", "item_prefix": "toc-"}
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_PUNCTUATION = re.compile(r"[^\w\- ]")


def options(config: Mapping[str, Any] | None) -> dict[str, Any]:
    raw = config.get("toc") if isinstance(config, Mapping) else None
    return {**DEFAULTS, **raw} if isinstance(raw, Mapping) else dict(DEFAULTS)


def toc_id(text: str) -> str:
    """The plugin's id for a heading without one: lower case, punctuation dropped, spaces
    to dashes, then URL-escaped as Ruby's CGI.escape does."""
    text = _PUNCTUATION.sub("", text.lower()).replace(" ", "-")
    return cgi_escape(text)


@dataclass
class _Heading:
    level: int
    name: str
    id: str
    text: str
    offset: int          # where the heading's content starts (after its start tag)


class _Scanner(HTMLParser):
    def __init__(self, source: str, levels: range, no_toc_sections: tuple[str, ...]):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.levels = levels
        self.sections = no_toc_sections
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[tuple[str, bool]] = []     # (tag, inside a no-toc section)
        self.found: list[tuple[_Heading, bool]] = []
        self.current: _Heading | None = None
        self.text: list[str] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        inside = bool(self.stack and self.stack[-1][1])
        if self.current is None and len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() and \
                int(tag[1]) in self.levels:
            start = self._offset()
            raw = self.get_starttag_text() or ""
            self.current = _Heading(int(tag[1]), tag, values.get("id") or "", "",
                                    start + len(raw))
            self.text = []
            self.found.append((self.current, inside or "no_toc" in classes))
        if tag not in _VOID:
            self.stack.append((tag, inside or any(c in self.sections for c in classes)))

    def handle_endtag(self, tag: str) -> None:
        if self.current is not None and tag == self.current.name:
            self.current.text = "".join(self.text)
            self.current = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.text.append(data)


@dataclass
class Entry:
    id: str
    text: str          # HTML-escaped
    name: str
    level: int
    offset: int


def entries(content: str, opts: Mapping[str, Any]) -> list[Entry]:
    sections = opts.get("no_toc_section_class") or ()
    sections = (sections,) if isinstance(sections, str) else tuple(str(s) for s in sections)
    scanner = _Scanner(content, range(int(opts["min_level"]), int(opts["max_level"]) + 1),
                       sections)
    scanner.feed(content)
    scanner.close()
    seen: dict[str, int] = {}
    out: list[Entry] = []
    for heading, skipped in scanner.found:
        if skipped:
            continue
        if heading.id:      # an id attribute is used as it is (never numbered)
            out.append(Entry(heading.id, html.escape(heading.text), heading.name,
                             heading.level, heading.offset))
            continue
        base = toc_id(heading.text)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(Entry(base if n == 0 else f"{base}-{n}", html.escape(heading.text),
                         heading.name, heading.level, heading.offset))
    return out


def _list_tag(opts: Mapping[str, Any]) -> str:
    return "ol" if opts.get("ordered_list") else "ul"


def _build_list(items: list[Entry], opts: Mapping[str, Any]) -> str:
    out: list[str] = []
    if not items:
        return ""
    low = min(e.level for e in items)
    tag = _list_tag(opts)
    sub = f' class="{opts["sublist_class"]}"' if opts.get("sublist_class") else ""
    i = 0
    while i < len(items):
        e = items[i]
        if e.level == low:
            out.append(f'<li class="{opts["item_class"]} {opts["item_prefix"]}{e.name}">'
                       f'<a href="#{e.id}">{e.text}</a>')
            if i + 1 < len(items) and items[i + 1].level > low:
                nest = _nest(items[i + 1:], low)
                out.append(f"\n<{tag}{sub}>\n{_build_list(nest, opts)}</{tag}>\n")
                i += len(nest)
            out.append("</li>\n")
        elif e.level > low:
            nest = _nest(items[i:], low)
            out.append(_build_list(nest, opts))
            i += len(nest) - 1
        i += 1
    return "".join(out)


def _nest(items: list[Entry], low: int) -> list[Entry]:
    out = []
    for e in items:
        if e.level == low:
            break
        out.append(e)
    return out


def build_toc(content: str, opts: Mapping[str, Any]) -> str:
    tag = _list_tag(opts)
    return (f'<{tag} id="{opts["list_id"]}" class="{opts["list_class"]}">\n'
            f'{_build_list(entries(content, opts), opts)}</{tag}>')


def inject_anchors(content: str, opts: Mapping[str, Any]) -> str:
    out: list[str] = []
    last = 0
    for e in entries(content, opts):
        out.append(content[last:e.offset])
        # the plugin's HTML serializer (libxml2) percent-encodes non-ASCII in href
        href = urllib.parse.quote(e.id, safe="".join(chr(i) for i in range(33, 127)))
        out.append(f'<a class="anchor" href="#{href}" aria-hidden="true">'
                   f'<span class="octicon octicon-link"></span></a>')
        last = e.offset
    out.append(content[last:])
    return "".join(out)


def toc(content: str, opts: Mapping[str, Any]) -> str:
    return build_toc(content, opts) + inject_anchors(content, opts)
