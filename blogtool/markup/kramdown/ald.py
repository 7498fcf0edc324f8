"""Block rule: an attribute list definition line ``{:name: .cls key="v"}``.

The definition goes into ``env["kramdown_alds"]`` (name -> :class:`AttrList`; definitions of
one name add up) before any inline parsing, so block and span IALs anywhere in the document can
refer to it. The line leaves a hidden ``kramdown_ald`` token that ends the block before it.
"""
from __future__ import annotations

from markdown_it.rules_block import StateBlock

from .attrs import ALD, AttrList, parse_attr_list


def kramdown_ald(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("{:", pos):
        return False
    m = ALD.match(state.src, pos, state.eMarks[start])
    if m is None:
        return False
    if silent:
        return True
    alds: dict[str, AttrList] = state.env.setdefault("kramdown_alds", {})
    parse_attr_list(m.group(2), alds.setdefault(m.group(1), AttrList()))
    token = state.push("kramdown_ald", "", 0)
    token.map = [start, start + 1]
    token.hidden = True
    state.line = start + 1
    return True
