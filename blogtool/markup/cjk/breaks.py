"""Line breaks inside Chinese and Japanese paragraphs.

Chinese and Japanese put no spaces between words, so a newline in the source between two
East-Asian-wide characters is only a line wrap; a browser would show it as a stray space.
The rule removes such soft breaks from the token stream (so excerpts and search text see the
joined line too). Hangul is the exception: Korean separates words with spaces. A zero-width
space on either side also removes the break. The characters compared are the nearest text
on each side, through inline markup (``**中文**`` then a newline then ``中文`` joins).
With the ``breaks`` option every newline is a deliberate ``<br>`` and nothing is removed.
"""
from __future__ import annotations

from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token

from .chars import is_hangul, is_wide

__all__ = ["cjk_breaks", "joins_lines"]

_ZERO_WIDTH_SPACE = "\u200b"
_TEXT_TYPES = ("text", "text_special")


def joins_lines(last: str, first: str) -> bool:
    """Whether a soft break between a line ending in ``last`` and one starting with
    ``first`` should disappear."""
    if last == _ZERO_WIDTH_SPACE or first == _ZERO_WIDTH_SPACE:
        return True
    return (is_wide(last) and is_wide(first)
            and not is_hangul(last) and not is_hangul(first))


def _remove(token: Token) -> None:
    token.type = "text"
    token.tag = ""
    token.content = ""


def _join_paragraph_lines(children: list[Token]) -> None:
    """One pass over an inline's tokens: a soft break waits for the first character of the
    next text, then is decided with the last character of the text before it."""
    last = " "                                # line start counts as a space
    waiting: list[tuple[Token, str]] = []     # soft breaks since the last text, with `last`
    for token in children:
        if token.type == "softbreak":
            waiting.append((token, last))
        elif token.type in _TEXT_TYPES and token.content:
            if waiting:
                _decide(waiting, token.content[0])
            last = token.content[-1]
    if waiting:
        _decide(waiting, " ")                 # line end counts as a space


def _decide(waiting: list[tuple[Token, str]], first: str) -> None:
    for softbreak, last in waiting:
        if joins_lines(last, first):
            _remove(softbreak)
    waiting.clear()


def cjk_breaks(state: StateCore) -> None:
    """Core rule: drop the soft breaks :func:`joins_lines` accepts."""
    if state.md.options.get("breaks"):
        return
    for block in state.tokens:
        if block.type == "inline" and block.children:
            _join_paragraph_lines(block.children)
