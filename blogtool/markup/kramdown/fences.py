"""Block rule wrapper: fenced code blocks as kramdown's GFM parser reads them.

The info string is one word at most (```` ```bash % sudo vi ```` is no fence), and a fence
must be closed inside its container (an unclosed fence is text, not code to the end).
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from .lists import BlockRule


def _closed(state: StateBlock, start: int, end: int, char: str, size: int) -> bool:
    for line in range(start + 1, end):
        if state.sCount[line] < state.blkIndent:
            return False
        if state.sCount[line] - state.blkIndent >= 4:
            continue
        text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]].rstrip()
        if len(text) >= size and text == char * len(text):
            return True
    return False


def wrap_fence(inner: BlockRule) -> BlockRule:
    def kramdown_fence(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        char = state.src[pos:pos + 1]
        if char not in ("`", "~") or state.sCount[start] - state.blkIndent >= 4:
            return False
        line = state.src[pos:state.eMarks[start]]
        size = len(line) - len(line.lstrip(char))
        if size < 3 or len(line[size:].split()) > 1:
            return False
        if silent:
            return _closed(state, start, end, char, size) and inner(state, start, end, silent)
        count = len(state.tokens)
        if not inner(state, start, end, silent):
            return False
        last = state.line - 1
        text = state.src[state.bMarks[last] + state.tShift[last]:state.eMarks[last]].rstrip() \
            if last > start else ""
        if len(text) >= size and text == char * len(text):
            return True
        del state.tokens[count:]            # ran to the end without a closing fence: not code
        state.line = start
        return False
    return kramdown_fence


def fences_plugin(md: MarkdownIt) -> None:
    rule = md.block.ruler.__rules__[md.block.ruler.__find__("fence")]
    md.block.ruler.at("fence", wrap_fence(rule.fn), {"alt": list(rule.alt)})
