"""kramdown's block boundary: where a setext heading or a table may start.

Either the first line of its container, or right after a blank line, a ``^`` line, or an IAL
line that waits for the next block (one with a blank line or nothing before it). After any
other block (a heading, a code block, an IAL that went to the block above, an ALD) such lines
are text.
"""
from __future__ import annotations

from markdown_it.rules_block import StateBlock

from .attrs import BLOCK_IAL


def _text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def after_boundary(state: StateBlock, line: int) -> bool:
    prev = line - 1
    if prev < 0 or state.isEmpty(prev) or state.sCount[prev] < state.blkIndent:
        return True
    text = _text(state, prev)
    if text.rstrip() == "^":
        return True
    while prev >= 0 and not state.isEmpty(prev) and state.sCount[prev] >= state.blkIndent \
            and BLOCK_IAL.match(_text(state, prev)):
        prev -= 1                 # a run of IAL lines: they wait if a boundary is above them
    if prev == line - 1:
        return False
    return prev < 0 or state.isEmpty(prev) or state.sCount[prev] < state.blkIndent
