"""What Liquid's tags share while parsing: the markup as written, nested blocks, and the
choice between the strict and the lax reading that ``liquid: error_mode`` makes.

* ``warn`` (Jekyll's default): strict first; on failure a warning
  (``Liquid Warning: Liquid syntax error (line 1): ... in "{{ x | }}"``) and the lax reading.
* ``lax``: ``if``, ``unless`` and ``for`` read lax at once; outputs still try strict first,
  falling back without a word.
* ``strict``: a strict failure stops the build.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from liquid.ast import BlockNode
from liquid.parser import get_parser
from liquid.token import TOKEN_EXPRESSION, Token

from .interrupts import RubyBlock
from .state import EnvironmentRef
from .values import RubySyntaxError, source_line, tag_syntax_error


def read_either(env: EnvironmentRef, token: Token, markup: str,
                strict: Callable[[str, Token], Any], lax: Callable[[str, Token], Any],
                shown: str, *, tag: bool) -> Any:
    """``strict(markup)``, or ``lax(markup)`` as the error mode says; ``shown`` is the
    markup as the warning quotes it."""
    mode = env.error_mode
    if tag and mode not in ("warn", "strict"):
        return lax(markup, token)
    try:
        return strict(markup, token)
    except RubySyntaxError as err:
        message = f"Liquid syntax error (line {source_line(token)}): {err.message} in \"{shown}\""
        if mode == "strict":
            raise RubySyntaxError(message, token=token) from None
        if mode == "warn":
            env.parse_warnings.append((token, f"Liquid Warning: {message}"))
        return lax(markup, token)


def tag_markup(stream: Any) -> tuple[Token, str]:
    """The tag's token and its markup; the stream is left on the markup (or on the tag
    when it has none)."""
    token = stream.current
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        return token, written_markup(stream.current)
    return token, ""


_LIQUID_LINE = re.compile(r"\{%-?\s*liquid\s")


def written_markup(expr: Token) -> str:
    """The markup with its trailing whitespace, which python-liquid strips and Liquid's own
    tags see (and quote in their warnings). A line of a ``{% liquid %}`` tag is a tag of its
    own: its markup ends with the line."""
    source, start = expr.source, expr.start_index
    if not source or start < 0 or not source.startswith(expr.value, start):
        return expr.value
    end = source.find("%}", start)
    if _LIQUID_LINE.match(source, max(source.rfind("{%", 0, start), 0)):
        line_end = source.find("\n", start)
        if 0 <= line_end < end:
            raw = source[start:line_end]
            return raw if not raw[len(expr.value):].strip() else expr.value
    if end < 0:
        return expr.value
    raw = source[start:end]
    return raw[:-1] if raw.endswith("-") else raw


def parse_block(env: Any, stream: Any, end: frozenset[str]) -> BlockNode:
    block = get_parser(env).parse_block(stream, end)
    return RubyBlock(block.token, block.nodes)


def expect_end(stream: Any, token: Token, end: str) -> None:
    if not stream.current.is_tag(end):
        raise RubySyntaxError(f"'{token.value}' tag was never closed", token=token)


def search_or_fail(pattern: re.Pattern[str], markup: str, token: Token,
                   message: str) -> re.Match[str]:
    """The first match of a tag's pattern in its markup; no match is the tag's syntax error
    (``Liquid syntax error (line 2): Syntax Error in 'assign' - Valid syntax: ...``)."""
    m = pattern.search(markup)
    if m is None:
        raise tag_syntax_error(token, message)
    return m


def matched_markup(stream: Any, pattern: re.Pattern[str], message: str
                   ) -> tuple[Token, str, re.Match[str]]:
    """:func:`tag_markup` and :func:`search_or_fail` in one step."""
    token, markup = tag_markup(stream)
    return token, markup, search_or_fail(pattern, markup, token, message)
