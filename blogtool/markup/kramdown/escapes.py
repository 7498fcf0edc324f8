"""kramdown's backslash escapes: only ``\\ . * _ + ` < > ( ) [ ] { } # ! : | " ' $ = - ~`` can be
escaped (the GFM parser's set); before any other ASCII punctuation (``\\&``, ``\\%``, ``\\@``,
``\\^``, ``\\,``, ``\\/``, ``\\;``, ``\\?``) the backslash stays, where CommonMark drops it."""
from __future__ import annotations

from markdown_it.rules_inline import StateInline

__all__ = ["kept_backslash", "double_backslash_break"]

_KRAMDOWN = frozenset("\\.*_+`<>()[]{}#!:|\"'$=-~")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def kept_backslash(state: StateInline, silent: bool) -> bool:
    """Inline rule (before markdown-it's ``escape``): a backslash kramdown does not treat as an
    escape is text, and the character after it is read normally."""
    src = state.src
    pos = state.pos
    if src[pos] != "\\" or pos + 1 >= state.posMax:
        return False
    nxt = src[pos + 1]
    if nxt not in _ASCII_PUNCT or nxt in _KRAMDOWN:
        return False
    if not silent:
        state.append_pending("\\")
    state.pos = pos + 1
    return True


def double_backslash_break(state: StateInline, silent: bool) -> bool:
    """kramdown's other hard line break: two backslashes at the end of a line (``a\\\\``
    then a newline) are a ``<br />``, not an escaped backslash."""
    src = state.src
    pos = state.pos
    if not src.startswith("\\\\\n", pos):
        return False
    if not silent:
        state.push("hardbreak", "br", 0)
    pos += 3
    while pos < state.posMax and src[pos] in " \t":
        pos += 1
    state.pos = pos
    return True
