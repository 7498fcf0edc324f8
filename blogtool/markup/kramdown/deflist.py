"""Block rule: kramdown definition lists (replaces mdit-py-plugins' deflist).

A line starting with ``:`` and a space or tab, right after a paragraph (or one blank line
after it), turns that paragraph into terms, one ``<dt>`` per line, and starts a definition.
A definition runs over the lines indented to its text, lazy lines right after text, and blank
lines followed by indented lines; the next ``:`` line starts the next definition. The first
paragraph of a definition is written without ``<p>`` unless a blank line comes before its ``:``
line. A definition list right after another one (one blank line apart) joins it.
"""
from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from .blockquote import _ends_quote

_TAIL = re.compile(r"[\t |]")


def _dd_start(state: StateBlock, line: int) -> int | None:
    """Position just after the ``:`` of a definition line, or None."""
    if state.isEmpty(line) or state.sCount[line] - state.blkIndent >= 4 or \
            state.sCount[line] < state.blkIndent:
        return None
    pos = state.bMarks[line] + state.tShift[line]
    if state.src[pos:pos + 1] != ":" or pos + 1 >= state.eMarks[line] or \
            not _TAIL.match(state.src, pos + 1):
        return None
    return pos + 1


def _blank(state: StateBlock, line: int) -> bool:
    return line >= 0 and state.isEmpty(line)


def kramdown_deflist(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.src[state.bMarks[start] + state.tShift[start]:
                 state.bMarks[start] + state.tShift[start] + 1] != ":":
        return False
    marker = _dd_start(state, start)
    if marker is None:
        return False
    if silent:
        return True
    tokens = state.tokens
    if len(tokens) < 3 or tokens[-1].type != "paragraph_close" or \
            tokens[-1].level != state.level:
        return False
    para_open = tokens[-3]
    if not para_open.map:
        return False
    gap = start - para_open.map[1]
    if gap not in (0, 1) or (gap == 1 and not _blank(state, start - 1)):
        return False
    terms = tokens[-2].content.split("\n")
    del tokens[-3:]
    k = len(tokens) - 1
    while k >= 0 and tokens[k].type in ("kramdown_ial", "kramdown_ald"):
        k -= 1
    joining = k >= 0 and tokens[k].type == "dl_close" and tokens[k].level == state.level
    for tok in tokens[k + 1:] if joining else ():
        if tok.type == "kramdown_ial":
            tok.meta["consumed"] = True  # an IAL for the new list is lost when the lists join
    before = tokens[k] if k >= 0 else None
    joined = before is not None and before.type == "dl_close" and before.level == state.level
    if joined:
        del tokens[k]
        state.level += 1         # back inside the list whose closing token was taken off
        dl = None
    else:
        dl = state.push("dl_open", "dl", 1)
        dl.map = [para_open.map[0], start]
    for term in terms:
        state.push("dt_open", "dt", 1).map = para_open.map
        inline = state.push("inline", "", 0)
        inline.content = term.strip()
        inline.map = para_open.map
        inline.children = []
        state.push("dt_close", "dt", -1)
    as_para = gap == 1
    line = start
    last = start
    while line < end:
        marker = _dd_start(state, line)
        if marker is None:
            break
        last = _definition(state, line, end, marker, as_para)
        line = last
        while line < end and _blank(state, line):
            line += 1
        as_para = line > last
        if line >= end or _dd_start(state, line) is None:
            break
    state.push("dl_close", "dl", -1)
    if dl is not None and dl.map:
        dl.map = [dl.map[0], last]
    state.line = last
    return True


def _definition(state: StateBlock, start: int, end: int, marker: int, as_para: bool) -> int:
    """Tokens for one definition starting at ``start``; returns the line after it."""
    first_end = state.eMarks[start]
    content = marker
    while content < first_end and state.src[content] in " \t":
        content += 1
    indent = state.sCount[start] + (content - (state.bMarks[start] + state.tShift[start]))
    indent = min(indent, state.sCount[start] + 5) if content < first_end else \
        state.sCount[start] + 2
    line = start + 1
    last = start + 1
    last_blank = False
    lazy: list[tuple[int, int]] = []
    while line < end:
        if _blank(state, line):
            last_blank = True
            line += 1
            continue
        if state.sCount[line] >= indent:
            pass
        elif not last_blank and _dd_start(state, line) is None and \
                not _ends_quote(state, line):
            lazy.append((line, state.sCount[line]))     # kramdown's lazy line
        else:
            break
        last_blank = False
        line += 1
        last = line
    for k, _col in lazy:
        state.sCount[k] = indent
    token = state.push("dd_open", "dd", 1)
    token.map = [start, last]
    saved = (state.bMarks[start], state.tShift[start], state.sCount[start], state.blkIndent,
             state.parentType, state.lineMax)
    state.bMarks[start] = content
    state.tShift[start] = 0
    state.sCount[start] = indent
    state.blkIndent = indent
    state.parentType = "dd"
    state.lineMax = last
    first = len(state.tokens)
    state.md.block.tokenize(state, start, last)
    (state.bMarks[start], state.tShift[start], state.sCount[start], state.blkIndent,
     state.parentType, state.lineMax) = saved
    for k, col in lazy:
        state.sCount[k] = col
    if not as_para and first < len(state.tokens) and \
            state.tokens[first].type == "paragraph_open":
        _hide_paragraph(state.tokens, first)
    state.push("dd_close", "dd", -1)
    return last


def _hide_paragraph(tokens: list[Token], start: int) -> None:
    tokens[start].hidden = True
    for tok in tokens[start + 1:]:
        if tok.type == "paragraph_close" and tok.level == tokens[start].level:
            tok.hidden = True
            return
