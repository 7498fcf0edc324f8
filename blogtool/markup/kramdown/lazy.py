"""kramdown's lazy lines in list items and definitions.

In kramdown a non-blank line right after a list item's text (not after a blank line) belongs
to that item whatever it holds: ``* a\\n# H`` puts the heading inside the item, a fence or a
quote too; only an IAL line, ``^`` or an HTML tag line stops it. markdown-it takes such lines
only as paragraph continuations. :func:`lift_lazy_lines` gives each such line the indentation
of the innermost item it belongs to, for the time the list rule runs, so markdown-it parses it
inside that item; :func:`restore` puts the indentation back.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from markdown_it.rules_block import StateBlock

from .blockquote import _ends_quote

_MARKER = re.compile(r"(?:[*+-]|\d{1,9}\.)(?=[ \t]|$)")


def _content_col(state: StateBlock, line: int, marker_end: int) -> int:
    """Column of an item's text: after the marker and 1-4 spaces (1 when more or none)."""
    pos = marker_end
    eol = state.eMarks[line]
    while pos < eol and state.src[pos] == " ":
        pos += 1
    start = state.bMarks[line] + state.tShift[line]
    spaces = pos - marker_end
    width = marker_end - start
    if pos >= eol or spaces > 4 or spaces == 0:
        spaces = 1
    return state.sCount[line] + width + spaces


def lift_lazy_lines(state: StateBlock, start: int,
                    end: int) -> tuple[list[tuple[int, int]], int]:
    """Indent the lazy lines of the list starting at ``start``; returns what to restore and
    the line where the list ends (nested lists in between need no scan of their own)."""
    changed: list[tuple[int, int]] = []
    stack: list[int] = []                  # content columns of the open items, outermost first
    ordered = state.src[state.bMarks[start] + state.tShift[start]].isdigit()
    last_blank = False
    line = start
    for line in range(start, end):
        if state.isEmpty(line):
            last_blank = True
            continue
        col = state.sCount[line]
        if col < state.blkIndent:
            break
        pos = state.bMarks[line] + state.tShift[line]
        m = _MARKER.match(state.src, pos, state.eMarks[line])
        if stack and col < stack[-1]:
            keep = bisect_right(stack, col)      # content columns grow with the nesting
            if m is not None and not keep and \
                    state.src[pos].isdigit() != ordered and not last_blank:
                m = None                   # the other kind of marker: a lazy line in kramdown
            if m is not None or last_blank:
                del stack[keep:]
                if not stack and m is None:
                    break                  # after a blank line, not indented: the list ends
            elif _ends_quote(state, line):
                break
            else:
                changed.append((line, col))
                state.sCount[line] = stack[-1]
                last_blank = False
                continue
        if m is not None:
            stack.append(_content_col(state, line, m.end()))
        last_blank = False
    else:
        line = end
    return changed, line


def restore(state: StateBlock, changed: list[tuple[int, int]]) -> None:
    for line, col in changed:
        state.sCount[line] = col
