"""kramdown math: ``$$ ... $$`` as display math when it forms a block of its own, inline
math anywhere else, written for MathJax (kramdown's ``math_engine: mathjax``): ``\\[ ... \\]``
and ``\\( ... \\)`` around the content, which is stripped and HTML-escaped and otherwise left
as typed (no emphasis, typography or quotes inside).

A display block starts a line (after a blank line, at the start of the document or of a
container) with ``$$``, and its closing ``$$`` ends a line followed by a blank line or the end;
the content may span lines, blank ones included. Otherwise ``$$ ... $$`` (possibly over line
ends inside one paragraph) is inline. ``\\$$`` is an escaped dollar. With ``math_engine: null``
the source is kept: ``<div class="kdmath">$$ ... $$</div>``, ``<span class="kdmath">``.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from ..highlight import escape_code

__all__ = ["math_plugin"]


def _after_boundary(state: StateBlock, start: int) -> bool:
    """After a blank line, ``^``, an attribute list waiting for the next block, or first in
    the document or in a container (quote, list item)."""
    if start == 0 or not state.tokens:
        return True
    last = state.tokens[-1]
    if last.nesting == 1 or last.type == "kramdown_eob" or state.isEmpty(start - 1):
        return True
    return last.type == "kramdown_ial" and bool((last.meta or {}).get("after_blank"))


def _before_boundary(state: StateBlock, line: int, end: int) -> bool:
    """Followed by a blank line, the end, an attribute list line or ``^``."""
    if line >= end or state.isEmpty(line) or state.sCount[line] < state.blkIndent:
        return True         # the end of the document or of the list item
    text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
    return (text.startswith("{:") and not text.startswith(("{::", "{:/"))
            or text.rstrip() == "^")


def math_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    src = state.src
    if not src.startswith("$$", pos) or not _after_boundary(state, start):
        return False
    close = src.find("$$", pos + 2)
    if close < 0:
        return False
    # the closing $$ must end its line, and that line must be the last of the block
    after = close + 2
    line_end = src.find("\n", after)
    if line_end < 0:
        line_end = len(src)
    if src[after:line_end].strip(" \t"):
        return False
    line = start
    while line < end and state.eMarks[line] < close + 2:
        line += 1
    if line >= end:
        return False
    nxt = line + 1
    if not _before_boundary(state, nxt, end):
        return False
    # the block may not reach outside the container (a quote's or a list item's lines)
    if any(state.sCount[n] < state.blkIndent and not state.isEmpty(n)
           for n in range(start + 1, line + 1)):
        return False
    if silent:
        return True
    token = state.push("math_block", "div", 0)
    token.content = src[pos + 2:close].strip()
    token.map = [start, nxt]
    token.block = True
    state.line = nxt
    return True


def _escaped_block(state: StateInline) -> int:
    """``\\$$ ... $$`` opening a paragraph (the closing ``$$`` ending a line) is kramdown's
    way to write inline math where a display block would be: the position of the ``$$``."""
    src = state.src
    if state.pos != 0 or not src.startswith("\\$$"):
        return -1
    close = src.find("$$", 3, state.posMax)
    if close < 0 or src[close + 2:].split("\n", 1)[0].strip(" \t"):
        return -1
    return 1


def math_inline(state: StateInline, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    if src[pos] == "\\":
        pos = _escaped_block(state)
        if pos < 0:
            return False
    elif src[pos] != "$" or not src.startswith("$$", pos):
        return False
    close = src.find("$$", pos + 2, state.posMax)
    if close < 0:
        return False
    if not silent:
        token = state.push("math_inline", "span", 0)
        token.content = src[pos + 2:close].strip()
    state.pos = close + 2
    return True


def _attrs(token: Token) -> str:
    return "".join(f' {k}="{escape_code(str(v)).replace(chr(34), "&quot;")}"'
                   for k, v in token.attrs.items())


def _render_block(engine: str | None):
    def render(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
        token = tokens[idx]
        body = escape_code(token.content)
        if engine is None:
            token_attrs = dict(token.attrs)
            token_attrs["class"] = ("kdmath " + str(token_attrs.get("class", ""))).strip()
            attrs = "".join(f' {k}="{escape_code(str(v))}"' for k, v in token_attrs.items())
            return f"<div{attrs}>$$\n{body}\n$$</div>\n"
        if token.attrs:
            return f"<div{_attrs(token)}>\\[{body}\\]\n</div>\n"
        return f"\\[{body}\\]\n"
    return render


def _render_inline(engine: str | None):
    def render(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
        token = tokens[idx]
        body = escape_code(token.content)
        if engine is None:
            return f'<span class="kdmath">${body}$</span>'
        return f"\\({body}\\)"
    return render


def math_plugin(md: MarkdownIt, engine: str | None = "mathjax") -> None:
    """Install kramdown math (``engine`` None is kramdown's ``math_engine: null``)."""
    md.block.ruler.before("paragraph", "math_block", math_block)
    md.inline.ruler.before("escape", "math_inline", math_inline)
    md.add_render_rule("math_block", _render_block(engine))
    md.add_render_rule("math_inline", _render_inline(engine))
