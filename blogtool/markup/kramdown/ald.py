"""Block rule: an attribute list definition line ``{:name: .cls key="v"}``.

The definition goes into ``env["kramdown_alds"]`` (name -> :class:`AttrList`; definitions of
one name add up) before any inline parsing, so block and span IALs anywhere in the document can
refer to it. The line leaves a hidden ``kramdown_ald`` token that ends the block before it.
"""
from __future__ import annotations

from markdown_it.rules_block import StateBlock

from .attrs import ALD, AttrList, parse_attr_list
from .blockline import line_match, marker_token


def kramdown_ald(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    m = line_match(state, start, "{:", ALD)
    if m is None:
        return False
    if silent:
        return True
    alds: dict[str, AttrList] = state.env.setdefault("kramdown_alds", {})
    parse_attr_list(m.group(2), alds.setdefault(m.group(1), AttrList()))
    marker_token(state, start, "kramdown_ald")
    return True
