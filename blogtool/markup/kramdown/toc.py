"""Core rule (last): kramdown's table of contents.

The first list carrying the ALD reference ``toc`` (``* TOC`` then ``{:toc}``; ``{::toc}`` is
read the same way) is replaced by a list of links to the document's headings that have an id,
within ``toc_levels`` and without the class ``no_toc``: ``<ul id="markdown-toc">`` (``<ol>``
for an ordered list; the list's own attributes are kept), each link ``href="#id"`` with the
id ``markdown-toc-<id>``, nested by level. A link inside a heading becomes its text there,
footnote references are left out. No heading: the list disappears.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .tokens import closing

_Node = tuple[int, str, str, list]     # level, id, inner HTML, children
_NO_TOC = re.compile(r"\bno_toc\b")
_RANGE = re.compile(r"^\s*(\d)\s*\.\.\s*(\d)\s*$")


def parse_levels(value: object) -> frozenset[int]:
    """``toc_levels`` as kramdown reads it: a list, ``"2..3"`` or ``"1,2,3"``."""
    if isinstance(value, str):
        m = _RANGE.match(value)
        if m:
            return frozenset(range(int(m.group(1)), int(m.group(2)) + 1))
        value = [v for v in value.strip("[] ").split(",") if v.strip()]
    if isinstance(value, Iterable):
        try:
            return frozenset(int(v) for v in value)
        except (TypeError, ValueError):
            pass
    return frozenset(range(1, 7))


def _entry_tokens(children: list[Token]) -> list[Token]:
    out = []
    for child in children:
        if child.type in ("link_open", "link_close") or "footnote_ref" in child.type:
            continue
        out.append(child)
    return out


def _attrs(attrs: dict) -> str:
    return "".join(f' {k}="{html.escape(str(v))}"' for k, v in attrs.items())


def make_toc(levels: frozenset[int]):
    def toc(state: StateCore) -> None:
        tokens = state.tokens
        start = None
        for i, tok in enumerate(tokens):
            if tok.type in ("bullet_list_open", "ordered_list_open") and tok.meta and \
                    "toc" in tok.meta.get("kramdown_refs", ()):
                start = i
                break
        if start is None:
            return
        overrides = state.env.get("kramdown_options") or {}
        wanted = parse_levels(overrides["toc_levels"]) if "toc_levels" in overrides else levels
        entries = []
        for i, tok in enumerate(tokens):
            if tok.type != "heading_open" or not tok.attrs.get("id"):
                continue
            level = int(tok.tag[1])
            if level not in wanted or _NO_TOC.search(str(tok.attrs.get("class", ""))):
                continue
            inner = state.md.renderer.render(_entry_tokens(tokens[i + 1].children or []),
                                             state.md.options, state.env)
            entries.append((level, str(tok.attrs["id"]), inner))
        opening = tokens[start]
        end = closing(tokens, start)
        tag = opening.tag
        attrs = {k: v for k, v in opening.attrs.items()}
        attrs.setdefault("id", "markdown-toc")
        block = Token("html_block", "", 0)
        block.map = opening.map
        block.block = True
        block.level = opening.level
        block.content = render_toc(entries, tag, attrs) if entries else ""
        tokens[start:end + 1] = [block]

    return toc


def render_toc(entries: list[tuple[int, str, str]], tag: str, attrs: dict) -> str:
    """Nested lists for ``(level, id, inner html)`` entries, kramdown's nesting: an entry goes
    under the nearest earlier entry of a lower level."""
    prefix = str(attrs["id"])
    root: list[_Node] = []
    stack: list[_Node] = []
    for level, ident, inner in entries:
        node: _Node = (level, ident, inner, [])
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][3] if stack else root).append(node)
        stack.append(node)

    def render(nodes: list[_Node], indent: int, top: bool) -> str:
        pad = "  " * indent
        head = f"<{tag}{_attrs(attrs)}>" if top else f"<{tag}>"
        lines = [pad + head + "\n"]
        for _level, ident, inner, kids in nodes:
            link = (f'<a href="#{html.escape(ident)}" '
                    f'id="{html.escape(prefix)}-{html.escape(ident)}">{inner}</a>')
            if kids:
                lines.append(f"{pad}  <li>{link}\n{render(kids, indent + 2, False)}{pad}  </li>\n")
            else:
                lines.append(f"{pad}  <li>{link}</li>\n")
        lines.append(f"{pad}</{tag}>\n")
        return "".join(lines)

    return render(root, 0, True)
