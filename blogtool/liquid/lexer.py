"""Expression tokenizing with Ruby Liquid's tolerance, on top of python-liquid's tokenizer.

Ruby Liquid reads keywords by position, so real themes use ``reversed``, ``limit`` or
``offset`` as variable names (``{% assign reversed = ... %}``) and write an empty filter
(``{{ x | | split: ',' }}``). python-liquid's tokenizer makes every keyword a keyword and
rejects both. Here a keyword becomes a plain word wherever it cannot be a keyword (after a dot,
before a dot or bracket, at the start of an expression, after an operator), and repeated
pipes collapse into one. Nothing global is patched: the parser gets this through
:class:`JekyllTokenStream` and the output tag.
"""
from __future__ import annotations

from collections.abc import Iterator

from liquid.builtin.expressions import tokenize as _liquid_tokenize
from liquid.exceptions import LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.token import (
    TOKEN_AND,
    TOKEN_AS,
    TOKEN_ASSIGN,
    TOKEN_BLANK,
    TOKEN_COLON,
    TOKEN_COLS,
    TOKEN_COMMA,
    TOKEN_CONTAINS,
    TOKEN_CONTINUE,
    TOKEN_DOT,
    TOKEN_ELSE,
    TOKEN_EMPTY,
    TOKEN_EQ,
    TOKEN_EXPRESSION,
    TOKEN_FALSE,
    TOKEN_FOR,
    TOKEN_GE,
    TOKEN_GT,
    TOKEN_IDENTINDEX,
    TOKEN_IDENTSTRING,
    TOKEN_IF,
    TOKEN_IN,
    TOKEN_LBRACKET,
    TOKEN_LE,
    TOKEN_LG,
    TOKEN_LIMIT,
    TOKEN_LT,
    TOKEN_NE,
    TOKEN_NIL,
    TOKEN_NOT,
    TOKEN_NULL,
    TOKEN_OFFSET,
    TOKEN_OR,
    TOKEN_PIPE,
    TOKEN_REQUIRED,
    TOKEN_REVERSED,
    TOKEN_TRUE,
    TOKEN_WITH,
    TOKEN_WORD,
    Token,
)

# Keywords that only mean something in one position of one tag; elsewhere they are names.
_POSITIONAL = frozenset((TOKEN_REVERSED, TOKEN_LIMIT, TOKEN_OFFSET, TOKEN_COLS, TOKEN_CONTINUE,
                         TOKEN_WITH, TOKEN_FOR, TOKEN_AS, TOKEN_IN, TOKEN_REQUIRED, TOKEN_IF,
                         TOKEN_ELSE, TOKEN_NOT))
# Every keyword is a property name after a dot (``page.empty``, ``site.data.for``).
_ALL_KEYWORDS = _POSITIONAL | frozenset((TOKEN_TRUE, TOKEN_FALSE, TOKEN_NIL, TOKEN_NULL,
                                         TOKEN_EMPTY, TOKEN_BLANK, TOKEN_AND, TOKEN_OR,
                                         TOKEN_CONTAINS))
_PATH_CONTINUES = frozenset((TOKEN_DOT, TOKEN_LBRACKET, TOKEN_IDENTINDEX, TOKEN_IDENTSTRING))
_VALUE_EXPECTED_AFTER = frozenset((TOKEN_ASSIGN, TOKEN_EQ, TOKEN_NE, TOKEN_LG, TOKEN_LT,
                                   TOKEN_GT, TOKEN_LE, TOKEN_GE, TOKEN_AND, TOKEN_OR,
                                   TOKEN_CONTAINS, TOKEN_COMMA, TOKEN_IN))


def jekyll_tokenize(source: str, parent_token: Token) -> Iterator[Token]:
    """python-liquid's expression tokens, with positional keywords read as Ruby reads them."""
    tokens = list(_liquid_tokenize(source, parent_token))
    out: list[Token] = []
    for i, tok in enumerate(tokens):
        kind = tok.kind
        if kind == TOKEN_PIPE and out and out[-1].kind == TOKEN_PIPE:
            continue  # ``x | | f``: Ruby skips the empty filter
        if kind in _ALL_KEYWORDS:
            prev = out[-1].kind if out else None
            nxt = tokens[i + 1].kind if i + 1 < len(tokens) else None
            as_word = prev == TOKEN_DOT or nxt in _PATH_CONTINUES
            if not as_word and kind in _POSITIONAL:
                as_word = (prev is None and nxt != TOKEN_COLON and kind != TOKEN_NOT) or (
                    prev in _VALUE_EXPECTED_AFTER) or (
                    prev == TOKEN_COLON and kind != TOKEN_CONTINUE)
            if as_word:
                tok = Token(TOKEN_WORD, tok.value, tok.start_index, tok.source)
        out.append(tok)
    return iter(out)


class JekyllTokenStream(TokenStream):
    """The template token stream; tags that read their expression get Jekyll's tokenizing."""

    def into_inner(self, *, tag: Token | None = None, eat: bool = True) -> TokenStream:
        token = self.current
        if token.kind != TOKEN_EXPRESSION:
            raise LiquidSyntaxError("missing expression", token=tag or token)
        if eat:
            next(self)
        return TokenStream(jekyll_tokenize(token.value, parent_token=token))
