"""Block rule: indented code blocks as kramdown reads them (replaces markdown-it's ``code``).

Lines indented by a tab or four spaces, and the non-blank lines right after them (kramdown's
lazy lines, unless they are an IAL, ``^`` or an HTML tag line): a lazy line is joined to the
line before it with a space. Blank lines between indented lines stay inside the block.
"""
from __future__ import annotations

from markdown_it.rules_block import StateBlock

from .blockquote import _ends_quote


def _indented(state: StateBlock, line: int) -> bool:
    if state.isEmpty(line) or state.sCount[line] - state.blkIndent < 4:
        return False
    if state.blkIndent:
        return True
    # kramdown's indentation is a tab or four spaces, literally ("   \t" is not)
    start = state.bMarks[line]
    return state.src[start] == "\t" or state.src.startswith("    ", start)


def kramdown_code(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent < 4 or not _indented(state, start):
        return False
    parts: list[str] = []
    line = start
    last = start
    while line < end:
        if _indented(state, line):
            run = line + 1
            while run < end and _indented(state, run):
                run += 1
            parts.extend(state.getLines(line, run, 4 + state.blkIndent, False)
                         .rstrip("\n").split("\n"))
            line = run
            last = line
            while line < end and not state.isEmpty(line) and not _indented(state, line) \
                    and state.sCount[line] >= state.blkIndent and not _ends_quote(state, line):
                lazy = state.getLines(line, line + 1, state.blkIndent, False).rstrip("\n")
                parts[-1] += " " + lazy
                line += 1
                last = line
            continue
        if state.isEmpty(line):
            probe = line
            while probe < end and state.isEmpty(probe):
                probe += 1
            if probe < end and _indented(state, probe):
                parts.extend([""] * (probe - line))
                line = probe
                continue
        break
    if silent:
        return True
    token = state.push("code_block", "code", 0)
    token.content = "\n".join(parts) + "\n"
    token.map = [start, last]
    state.line = last
    return True
