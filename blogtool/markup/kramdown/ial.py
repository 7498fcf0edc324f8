"""Block rule: a block inline attribute list line ``{: .cls #id key="v"}``.

The line becomes a hidden ``kramdown_ial`` token (``meta["ial"]``, ``meta["after_blank"]``);
``ial_apply`` attaches it to the block before or after it. As in kramdown, such a line ends a
paragraph (and so the list item or quote around it) without a blank line.
"""
from __future__ import annotations

from markdown_it.rules_block import StateBlock

from .attrs import BLOCK_IAL, parse_attr_list


def kramdown_ial(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("{:", pos):
        return False
    m = BLOCK_IAL.match(state.src, pos, state.eMarks[start])
    if m is None:
        return False
    if silent:
        return True
    token = state.push("kramdown_ial", "", 0)
    token.map = [start, start + 1]
    token.hidden = True
    token.meta = {"ial": parse_attr_list(m.group(1)),
                  "after_blank": start > 0 and state.isEmpty(start - 1)}
    state.line = start + 1
    return True
