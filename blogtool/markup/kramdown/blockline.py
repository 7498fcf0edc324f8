"""What kramdown's one-line block rules (attribute list definitions, block IALs, extensions,
abbreviation, footnote and link definitions, the end-of-block marker) share: where such a
line may start, and the hidden token a marker line leaves."""
from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.token import Token


def line_match(state: StateBlock, start: int, prefix: str, pattern: re.Pattern[str],
               full: bool = False, endpos: int | None = None) -> re.Match[str] | None:
    """``pattern`` matched at the text of line ``start`` (to its end with ``full``; up to
    ``endpos`` instead of the line's end when given), when the line is not indented code
    (four or more columns past the block's indentation) and its text starts with ``prefix``;
    else None."""
    if state.sCount[start] - state.blkIndent >= 4:
        return None
    pos = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith(prefix, pos):
        return None
    stop = state.eMarks[start] if endpos is None else endpos
    if full:
        return pattern.fullmatch(state.src, pos, stop)
    return pattern.match(state.src, pos, stop)


def marker_token(state: StateBlock, start: int, kind: str) -> Token:
    """A hidden token of type ``kind`` for line ``start``, which the rule has used up."""
    token = state.push(kind, "", 0)
    token.map = [start, start + 1]
    token.hidden = True
    state.line = start + 1
    return token
