"""Smart quotes that know CJK text has no spaces before a quotation.

A straight quote becomes an opening or closing curly quote depending on its neighbours: it
may open when the next character is not a space and it is not glued to a word on its left,
and close in the mirror case. Chinese and Japanese write ``和"直引号"`` with no space before
the opening quote, so here a CJK character counts as punctuation when deciding, and
``和"直引号"`` becomes ``和“直引号”`` (the plain rule would read the first quote as closing).
Openers wait on a stack per nesting level of inline markup and are replaced when a closer
of the same kind arrives; a single quote that neither opens nor pairs is an apostrophe.
Code spans, HTML and other non-text tokens are never changed. Replaces the core rule
``smartquotes`` and, like it, acts only when ``typographer`` is on.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.common.utils import isWhiteSpace
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token

from .chars import is_cjk, is_punctuation

__all__ = ["cjk_smartquotes", "quote_sides"]

_STRAIGHT = re.compile("['\"]")
_APOSTROPHE = "\u2019"
_LINE_ENDS = ("softbreak", "hardbreak")


def _punctuation_like(ch: str) -> bool:
    return is_punctuation(ch) or is_cjk(ch)


def quote_sides(before: str, after: str, quote: str) -> tuple[bool, bool]:
    """(may open, may close) for ``quote`` between ``before`` and ``after``."""
    if quote == '"' and after == '"' and "0" <= before <= "9":
        return False, False                  # 12"" : the first one is an inch mark
    space_before = isWhiteSpace(ord(before))
    space_after = isWhiteSpace(ord(after))
    punct_before = _punctuation_like(before)
    punct_after = _punctuation_like(after)
    opens = not space_after and (punct_before or space_before or not punct_after)
    closes = not space_before and (punct_after or space_after or not punct_before)
    if opens and closes:
        # both ways possible: only a quote inside punctuation ("a-"-b") is decided
        return punct_before, punct_after
    return opens, closes


class _Inline:
    """The text of one inline's tokens with the replacements made so far. Replaced text is
    kept as a list of strings, one per original character, so positions never shift."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.edited: dict[int, list[str]] = {}

    def text(self, i: int) -> Sequence[str]:
        return self.edited.get(i) or self.tokens[i].content

    def replace(self, i: int, pos: int, new: str) -> None:
        chars = self.edited.get(i)
        if chars is None:
            chars = self.edited[i] = list(self.tokens[i].content)
        chars[pos] = new

    def before(self, i: int, pos: int) -> str:
        """The character before position ``pos`` of token ``i``, on the same line."""
        if pos:
            return self.text(i)[pos - 1][-1]
        for j in range(i - 1, -1, -1):
            if self.tokens[j].type in _LINE_ENDS:
                break
            text = self.text(j)
            if text:
                return text[-1][-1]
        return " "

    def after(self, i: int, pos: int) -> str:
        """The character after position ``pos`` of token ``i``, on the same line."""
        text = self.text(i)
        if pos + 1 < len(text):
            return text[pos + 1][0]
        for j in range(i + 1, len(self.tokens)):
            if self.tokens[j].type in _LINE_ENDS:
                break
            text = self.text(j)
            if text:
                return text[0][0]
        return " "

    def commit(self) -> None:
        for i, chars in self.edited.items():
            self.tokens[i].content = "".join(chars)


def _curl(tokens: list[Token], quotes: Sequence[str]) -> None:
    inline = _Inline(tokens)
    # waiting openers: (token index, position, quote, nesting level)
    openers: list[tuple[int, int, str, int]] = []
    for i, token in enumerate(tokens):
        level = token.level
        while openers and openers[-1][3] > level:
            openers.pop()               # markup closed around them: they can no longer pair
        if token.type != "text":
            continue
        for found in _STRAIGHT.finditer(token.content):
            pos = found.start()
            quote = found.group()
            opens, closes = quote_sides(inline.before(i, pos), inline.after(i, pos), quote)
            if closes and _close(inline, openers, i, pos, quote, level, quotes):
                continue
            if opens:
                openers.append((i, pos, quote, level))
            elif quote == "'":
                inline.replace(i, pos, _APOSTROPHE)  # in a word, or closing nothing
    inline.commit()


def _close(inline: _Inline, openers: list[tuple[int, int, str, int]], i: int, pos: int,
           quote: str, level: int, quotes: Sequence[str]) -> bool:
    """Pair the quote at ``pos`` with the newest waiting opener of its kind on its level."""
    for k in range(len(openers) - 1, -1, -1):
        o_token, o_pos, o_quote, o_level = openers[k]
        if o_level < level:
            return False
        if o_quote == quote and o_level == level:
            pair = 2 if quote == "'" else 0
            inline.replace(i, pos, quotes[pair + 1])
            inline.replace(o_token, o_pos, quotes[pair])
            del openers[k:]
            return True
    return False


def cjk_smartquotes(state: StateCore) -> None:
    """Core rule: curl the straight quotes of every inline."""
    if not state.md.options.typographer:
        return
    quotes = state.md.options.quotes
    for token in state.tokens:
        if token.type == "inline" and token.children and _STRAIGHT.search(token.content):
            _curl(token.children, quotes)
