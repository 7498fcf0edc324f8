"""Block rule: kramdown's end-of-block marker, a line holding only ``^``.

It ends the block before it (two lists, or a paragraph and a list, stay apart) and renders as
nothing.
"""
from __future__ import annotations

from markdown_it.rules_block import StateBlock

from .blockline import marker_token


def kramdown_eob(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] > state.blkIndent:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    if state.src[pos:pos + 1] != "^" or state.src[pos + 1:state.eMarks[start]].strip():
        return False
    if silent:
        return True
    marker_token(state, start, "kramdown_eob")
    return True
