"""Block rule: blockquotes as kramdown reads them (replaces markdown-it's).

A blockquote runs from its first ``>`` line to the next blank line, IAL line, ``^`` line or
line starting with an HTML block tag; the ``>`` (and one space) is taken off the lines that
have it, and everything is parsed as blocks. So unlike CommonMark a list, heading or fence
right under a quoted line (without ``>``) is still inside the quote: ``> note\\n* item``.
"""
from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock

from .attrs import ALD, BLOCK_IAL

_HTML_TAG_LINE = re.compile(r"</?(?!(?:a|abbr|acronym|b|bdo|big|br|button|cite|code|del|dfn|em|i|"
                            r"img|input|ins|kbd|label|option|q|rb|rbc|rp|rt|rtc|ruby|samp|select|"
                            r"small|span|strong|sub|sup|textarea|tt|var|script)\b)[A-Za-z][\w:.-]*")


def _ends_quote(state: StateBlock, line: int) -> bool:
    if state.isEmpty(line):
        return True
    text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
    if state.sCount[line] - state.blkIndent < 4 and (
            BLOCK_IAL.match(text) or ALD.match(text) or _HTML_TAG_LINE.match(text)):
        return True
    return state.sCount[line] == state.blkIndent and text.rstrip() == "^"


def kramdown_blockquote(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    if state.src[pos:pos + 1] != ">":
        return False
    if silent:
        return True
    last = start + 1
    while last < end and state.sCount[last] >= state.blkIndent and not _ends_quote(state, last):
        last += 1
    saved = [(state.bMarks[k], state.tShift[k], state.sCount[k], state.bsCount[k])
             for k in range(start, last)]
    for k in range(start, last):
        p = state.bMarks[k] + state.tShift[k]
        if state.src[p:p + 1] == ">" and state.sCount[k] - state.blkIndent < 4:
            p += 1
            if state.src[p:p + 1] == " ":
                p += 1                  # one space goes with the marker; a tab stays (code)
        else:
            p = state.bMarks[k] + min(state.tShift[k], state.blkIndent)
        q, col = p, 0
        while q < state.eMarks[k] and state.src[q] in " \t":
            col = col + 4 - col % 4 if state.src[q] == "\t" else col + 1
            q += 1
        state.bMarks[k] = p
        state.tShift[k] = q - p
        state.sCount[k] = col
        state.bsCount[k] = 0
    old_parent, old_indent, old_max = state.parentType, state.blkIndent, state.lineMax
    state.parentType = "blockquote"
    state.blkIndent = 0
    state.lineMax = last
    token = state.push("blockquote_open", "blockquote", 1)
    token.markup = ">"
    token.map = [start, last]
    state.md.block.tokenize(state, start, last)
    token = state.push("blockquote_close", "blockquote", -1)
    token.markup = ">"
    state.parentType, state.blkIndent, state.lineMax = old_parent, old_indent, old_max
    for k, (b, t, s, bs) in zip(range(start, last), saved, strict=True):
        state.bMarks[k], state.tShift[k], state.sCount[k], state.bsCount[k] = b, t, s, bs
    state.line = last
    return True
