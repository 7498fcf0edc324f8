"""Markup read the lax way: what Liquid falls back to when the strict reading fails (with a
warning under ``error_mode: warn``, silently under ``lax``), and the only reading ``assign``,
``capture``, ``case``/``when``, ``cycle`` and ``tablerow`` have.

The lax reading takes *fragments* and drops what lies between them. A fragment is a quoted
string (``'a b'``), or a run of characters other than whitespace, ``,``, ``|`` and quotes,
possibly with complete quoted strings inside (``h['x y'].z``). So ``{{ $x | upcase }}``
prints ``x`` upcased (``$x`` is one fragment; ``$`` is not part of a variable path), and
``{% if a = b %}`` compares with an operator ``=`` that fails when it renders.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from liquid.token import Token

from blogtool.filters.rubyvalues import ruby_strip

from .expressions import Comparison, Condition, FilterCall, Filtered, condition_value, read_value
from .values import RubySyntaxError, tag_syntax_error

S = r"[ \t\n\v\f\r]"
_NOT_S = r"[^ \t\n\v\f\r]"
_W = r"[A-Za-z0-9_]"
QUOTED = r"\"[^\"]*\"|'[^']*'"
FRAGMENT = rf"(?:{QUOTED})|(?:[^ \t\n\v\f\r,|'\"]|{QUOTED})+"
# ``name: value`` anywhere in a tag's markup (for's limit and offset, tablerow's cols)
ATTRIBUTE = re.compile(rf"({_W}[A-Za-z0-9_-]*){S}*:{S}*({FRAGMENT})")

_FIRST_FRAGMENT = re.compile(FRAGMENT)
_AFTER_BAR = re.compile(rf"\|{S}*(.*)", re.S)
_FILTER_TEXT = re.compile(rf"(?:{S}+|{FRAGMENT}|,)+")
_WORD = re.compile(rf"{_W}+")
_FILTER_ARGUMENT = re.compile(rf"(?::|,){S}*((?:{_W}+{S}*:{S}*)?(?:{FRAGMENT}))")
_KEYWORD_ARGUMENT = re.compile(rf"({_W}[A-Za-z0-9_-]*){S}*:{S}*({FRAGMENT})")


def filter_call(name: str, raw_args: Sequence[str], token: Token | None) -> FilterCall:
    """A filter with its arguments' texts; ``key: value`` is a keyword argument."""
    args: list[Any] = []
    kwargs: dict[str, Any] | None = None
    for raw in raw_args:
        keyword = _KEYWORD_ARGUMENT.fullmatch(raw)
        if keyword:
            kwargs = kwargs or {}
            kwargs[keyword.group(1)] = read_value(keyword.group(2), token)
        else:
            args.append(read_value(raw, token))
    return FilterCall(name, args, kwargs)


def read_output(markup: str, token: Token | None = None) -> Filtered:
    """The first fragment is the value. After the first ``|``, each stretch between bars
    is a filter: its first word is the name, and each fragment that follows a ``:`` or a
    ``,`` an argument (``{{ x | append: a b }}`` appends ``a``)."""
    first = _FIRST_FRAGMENT.search(markup)
    if first is None:
        return Filtered(None, [], token)
    out = Filtered(read_value(first.group(0), token), [], token)
    bar = _AFTER_BAR.search(markup, first.end())
    if bar:
        for text in _FILTER_TEXT.findall(bar.group(1)):
            name = _WORD.search(text)
            if name:
                out.filters.append(filter_call(name.group(0), _FILTER_ARGUMENT.findall(text),
                                               token))
    return out


_JOIN = rf"\b(?:{S}?and{S}?|{S}?or{S}?)\b"
_CONDITION_PARTS = re.compile(rf"(?:{_JOIN}|(?:{S}*(?!{_JOIN})(?:{FRAGMENT}|{_NOT_S}+){S}*)+)")
_COMPARISON = re.compile(rf"({FRAGMENT}){S}*([=!<>a-z_]+)?{S}*({FRAGMENT})?")
IF_SYNTAX_ERROR = "Syntax Error in tag 'if' - Valid syntax: if [expression]"


def _comparison(text: str | None, token: Token | None) -> Comparison:
    """The first fragment, an operator made of ``=!<>`` and small letters, and a fragment;
    the operator is checked only when the condition renders."""
    m = _COMPARISON.search(text or "")
    if not m:
        raise RubySyntaxError(IF_SYNTAX_ERROR, token=token)
    return Comparison(condition_value(m.group(1), token), m.group(2),
                      condition_value(m.group(3), token))


def read_condition(markup: str, token: Token | None = None) -> Condition:
    """The markup split at the words ``and`` and ``or``; each part is one comparison. The
    parts are taken from the right, so a word that is neither (``a xor b``) stops the build."""
    parts = _CONDITION_PARTS.findall(markup)
    terms = [_comparison(parts.pop() if parts else None, token)]
    joins: list[str] = []
    while parts:
        join = ruby_strip(parts.pop())
        term = _comparison(parts.pop() if parts else None, token)
        if join not in ("and", "or"):
            raise RubySyntaxError(IF_SYNTAX_ERROR, token=token)
        terms.append(term)
        joins.append(join)
    terms.reverse()
    joins.reverse()
    return Condition(terms, joins, token)


_LOOP = re.compile(rf"\A([A-Za-z0-9_-]+){S}+in{S}+((?:{FRAGMENT})+){S}*(reversed)?")


def read_loop(markup: str, token: Token | None = None) -> tuple[str, str, bool, dict[str, str]]:
    """``item in collection reversed`` at the start; ``limit:`` and ``offset:`` anywhere
    after (the last of each counts); other words are ignored."""
    m = _LOOP.search(markup)
    if not m:
        raise tag_syntax_error(token, "Syntax Error in 'for loop' - Valid syntax: for [item] in "
                                      "[collection]")
    attributes = {am.group(1): am.group(2) for am in ATTRIBUTE.finditer(markup)
                  if am.group(1) in ("limit", "offset")}
    return m.group(1), m.group(2), bool(m.group(3)), attributes
