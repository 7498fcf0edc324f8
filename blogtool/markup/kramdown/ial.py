"""Block rule: a block inline attribute list line ``{: .cls #id key="v"}``.

The line becomes a hidden ``kramdown_ial`` token (``meta["ial"]``, ``meta["after_blank"]``);
``ial_apply`` attaches it to the block before or after it. As in kramdown, such a line ends a
paragraph (and so the list item or quote around it) without a blank line.
"""
from __future__ import annotations

from markdown_it.rules_block import StateBlock

from .attrs import BLOCK_IAL, parse_attr_list
from .blockline import line_match, marker_token


def kramdown_ial(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    m = line_match(state, start, "{:", BLOCK_IAL)
    if m is None:
        return False
    if silent:
        return True
    after_blank = start > 0 and state.isEmpty(start - 1)
    token = marker_token(state, start, "kramdown_ial")
    token.meta = {"ial": parse_attr_list(m.group(1)), "after_blank": after_blank}
    return True
