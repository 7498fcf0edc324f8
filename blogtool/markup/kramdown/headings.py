"""Block rule wrapper: ATX headings as kramdown reads them.

A line of ``#`` marks with no text after them (``##``, ``## ``) is not a heading in kramdown:
it is paragraph text; ``## ##`` is a heading whose text is ``##``.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from .lists import BlockRule


def wrap_heading(inner: BlockRule) -> BlockRule:
    def kramdown_heading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        if state.src[pos:pos + 1] != "#":
            return False
        rest = state.src[pos:state.eMarks[start]].lstrip("#").strip()
        if not rest:
            return False
        count = len(state.tokens)
        if not inner(state, start, end, silent):
            return False
        if not silent and rest.strip("#") == "" and len(state.tokens) > count + 1:
            state.tokens[count + 1].content = rest      # "## ##": kramdown's text is "##"
        return True
    return kramdown_heading


def headings_plugin(md: MarkdownIt) -> None:
    rule = md.block.ruler.__rules__[md.block.ruler.__find__("heading")]
    md.block.ruler.at("heading", wrap_heading(rule.fn), {"alt": list(rule.alt)})
