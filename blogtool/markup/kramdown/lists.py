"""Block rule wrapper: list markers as kramdown reads them.

kramdown knows ``*``, ``+``, ``-`` and ``1.`` markers: ``1)`` starts no list. Any ordered
marker (not only ``1.``) ends a paragraph and starts a list, and ``<ol>`` never gets a
``start`` attribute (kramdown numbers every list from 1). (Also here: setext headings need a
block boundary before them.)
"""
from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore

from .boundary import after_boundary
from .lazy import lift_lazy_lines, restore

_PAREN = re.compile(r"\d{1,9}\)")
_ORDERED = re.compile(r"\d{1,9}\.[ \t]+\S")
_ANY_MARKER = re.compile(r"(?:[*+-]|\d{1,9}\.)(?:[ \t]|$)")

BlockRule = Callable[[StateBlock, int, int, bool], bool]


def wrap_list(inner: BlockRule) -> BlockRule:
    def kramdown_list(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        head = state.src[pos:pos + 11]
        if head[:1].isdigit():
            if _PAREN.match(head):
                return False
            if silent and state.sCount[start] - state.blkIndent < 4 and \
                    _ORDERED.match(state.src, pos, state.eMarks[start]):
                return True
        if not _ANY_MARKER.match(state.src, pos, state.eMarks[start]):
            return False                    # no list marker: nothing for the list rule
        if silent or state.sCount[start] - state.blkIndent >= 4:
            return inner(state, start, end, silent)
        state.env["kramdown_lists"] = True      # the list core rules have work to do
        outer_until = state.env.get("_kd_lazy_until", -1)
        if start < outer_until:
            return inner(state, start, end, silent)   # an enclosing list lifted these lines
        changed, until = lift_lazy_lines(state, start, end)
        state.env["_kd_lazy_until"] = until
        try:
            return inner(state, start, end, silent)
        finally:
            restore(state, changed)
            state.env["_kd_lazy_until"] = outer_until
    return kramdown_list


def drop_list_start(state: StateCore) -> None:
    for tok in state.tokens:
        if tok.type == "ordered_list_open" and "start" in tok.attrs:
            del tok.attrs["start"]


def merge_bullet_lists(state: StateCore) -> None:
    """kramdown continues a list across a change of bullet (``*`` then ``-``): join two
    bullet lists that follow each other with nothing but blank lines between."""
    tokens = state.tokens
    i = 1
    while i < len(tokens):
        if tokens[i].type == "bullet_list_open" and tokens[i - 1].type == "bullet_list_close" \
                and tokens[i].level == tokens[i - 1].level:
            del tokens[i - 1:i + 1]
            continue
        i += 1


def wrap_setext(inner: BlockRule) -> BlockRule:
    """A setext heading: one line of text right above the underline, after a block
    boundary (see ``boundary.py``)."""
    def kramdown_lheading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        nxt = start + 1
        if nxt >= end or state.src[state.bMarks[nxt] + state.tShift[nxt]:
                                   state.bMarks[nxt] + state.tShift[nxt] + 1] not in ("=", "-"):
            return False          # kramdown: the text of a setext heading is one line
        if not after_boundary(state, start):
            return False
        return inner(state, start, end, silent)
    return kramdown_lheading


def lists_plugin(md: MarkdownIt) -> None:
    """Wrap the list rule (the dialect registers :func:`drop_list_start` and
    :func:`merge_bullet_lists` as core rules)."""
    rules = md.block.ruler.__rules__
    rule = rules[md.block.ruler.__find__("list")]
    md.block.ruler.at("list", wrap_list(rule.fn), {"alt": list(rule.alt)})
    rule = rules[md.block.ruler.__find__("lheading")]
    md.block.ruler.at("lheading", wrap_setext(rule.fn), {"alt": list(rule.alt)})
