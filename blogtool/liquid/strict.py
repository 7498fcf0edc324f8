"""Markup read the strict way, which Liquid tries first for ``{{ }}``, ``echo``, ``assign``'s
value, ``if``/``elsif``/``unless``, ``for`` and Jekyll's ``where_exp``.

The markup is cut into tokens and checked against the grammar. Each operand comes back as its
tokens' text without the spaces between them (``a . b [ 0 ]`` -> ``a.b[0]``, ``( 1 .. n )``
-> ``(1..n)``) and :func:`~.expressions.read_value` reads that text. A failure raises
:class:`~.values.RubySyntaxError` with the words Jekyll prints, which name the tokens:
``Unexpected character $``, ``Expected id but found pipe``,
``[:comma, ","] is not a valid expression``.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from liquid.token import Token

from .expressions import Comparison, Condition, Filtered, condition_value, read_value
from .lax import filter_call
from .values import RubySyntaxError

_TOKEN = re.compile(
    r"(?P<comparison>==|!=|<>|<=?|>=?|contains(?=[ \t\n\v\f\r]))"
    r"|(?P<string>'[^']*'|\"[^\"]*\")"
    r"|(?P<number>-?[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<id>[a-zA-Z_][A-Za-z0-9_-]*\??)"
    r"|(?P<dotdot>\.\.)"
    r"|(?P<mark>[|.:,\[\]()?-])"
    r"|(?P<space>[ \t\n\v\f\r]+)")
_MARKS = {"|": "pipe", ".": "dot", ":": "colon", ",": "comma", "[": "open_square",
          "]": "close_square", "(": "open_round", ")": "close_round", "?": "question",
          "-": "dash"}
_END = ("end_of_string", "")


def tokens(markup: str) -> list[tuple[str, str]]:
    """(kind, text) pairs, ending with ``end_of_string``: ``a | b: 1`` -> id, pipe, id,
    colon, number."""
    out: list[tuple[str, str]] = []
    pos, size = 0, len(markup)
    while pos < size:
        m = _TOKEN.match(markup, pos)
        if m is None:
            raise RubySyntaxError(f"Unexpected character {markup[pos]}", token=None)
        kind = m.lastgroup or ""
        if kind == "mark":
            out.append((_MARKS[m.group(0)], m.group(0)))
        elif kind != "space":
            out.append((kind, m.group(0)))
        pos = m.end()
    out.append(_END)
    return out


def _shown(tok: tuple[str, str]) -> str:
    if tok[0] == "end_of_string":
        return "[:end_of_string]"
    text = tok[1].replace("\\", "\\\\").replace('"', '\\"')
    return f'[:{tok[0]}, "{text}"]'


class _Cursor:
    """A position in the token list; reading past the end keeps giving ``end_of_string``."""

    def __init__(self, markup: str):
        self.toks = tokens(markup)
        self.at = 0

    def current(self, ahead: int = 0) -> tuple[str, str]:
        i = self.at + ahead
        return self.toks[i] if i < len(self.toks) else _END

    def kind(self, ahead: int = 0) -> str:
        return self.current(ahead)[0]

    def take(self, kind: str | None = None) -> str:
        tok = self.current()
        if kind is not None and tok[0] != kind:
            raise RubySyntaxError(f"Expected {kind} but found {tok[0]}", token=None)
        self.at += 1
        return tok[1]

    def take_if(self, kind: str) -> str | None:
        return self.take() if self.kind() == kind else None

    def take_word(self, word: str) -> bool:
        if self.current() == ("id", word):
            self.at += 1
            return True
        return False

    def finish(self) -> None:
        self.take("end_of_string")


def _operand(cur: _Cursor) -> str:
    """A name or ``[operand]`` with its ``.key`` and ``[operand]`` steps, a string, a number,
    or ``(operand..operand)``."""
    kind = cur.kind()
    if kind == "id":
        return cur.take() + _steps(cur)
    if kind == "open_square":
        return cur.take() + _operand(cur) + cur.take("close_square") + _steps(cur)
    if kind in ("string", "number"):
        return cur.take()
    if kind == "open_round":
        cur.take()
        first = _operand(cur)
        cur.take("dotdot")
        last = _operand(cur)
        cur.take("close_round")
        return f"({first}..{last})"
    raise RubySyntaxError(f"{_shown(cur.current())} is not a valid expression", token=None)


def _steps(cur: _Cursor) -> str:
    text = ""
    while True:
        if cur.kind() == "open_square":
            text += cur.take() + _operand(cur) + cur.take("close_square")
        elif cur.kind() == "dot":
            text += cur.take() + cur.take("id")
        else:
            return text


def _argument(cur: _Cursor) -> str:
    """A filter argument, ``key: operand`` when a name and a colon open it."""
    if cur.kind() == "id" and cur.kind(1) == "colon":
        return cur.take() + cur.take() + " " + _operand(cur)
    return _operand(cur)


def read_output(markup: str, token: Token | None = None) -> Filtered:
    """``value | name: arg, arg | name``; empty markup prints nothing."""
    cur = _Cursor(markup)
    if cur.kind() == "end_of_string":
        return Filtered(None, [], token)
    value = read_value(_operand(cur), token)
    calls = []
    while cur.take_if("pipe") is not None:
        name = cur.take("id")
        args = []
        if cur.take_if("colon") is not None:
            args.append(_argument(cur))
            while cur.take_if("comma") is not None:
                args.append(_argument(cur))
        calls.append(filter_call(name, args, token))
    cur.finish()
    return Filtered(value, calls, token)


def read_condition(markup: str, token: Token | None = None,
                   operand: Callable[[str, Token | None], Any] = condition_value) -> Condition:
    """``a == b and c or d contains 'x'``. ``where_exp`` passes :func:`read_value` as
    ``operand``: there ``empty`` is Jekyll's empty object, not a test."""
    cur = _Cursor(markup)
    terms, joins = [], []
    while True:
        left = operand(_operand(cur), token)
        op = cur.take_if("comparison")
        terms.append(Comparison(left, op, operand(_operand(cur), token)) if op is not None
                     else Comparison(left))
        if cur.take_word("and"):
            joins.append("and")
        elif cur.take_word("or"):
            joins.append("or")
        else:
            break
    cur.finish()
    return Condition(terms, joins, token)


def read_loop(markup: str, token: Token | None = None
              ) -> tuple[str, str, bool, dict[str, str]]:
    """``item in collection [reversed] [limit: n] [offset: n]``: the variable, the
    collection's text, whether reversed, and the attributes' texts."""
    cur = _Cursor(markup)
    variable = cur.take("id")
    if not cur.take_word("in"):
        raise RubySyntaxError("For loops require an 'in' clause", token=token)
    collection = _operand(cur)
    reverse = cur.take_word("reversed")
    attributes: dict[str, str] = {}
    while cur.kind() == "id" and cur.kind(1) == "colon":
        name = cur.take()
        if name not in ("limit", "offset"):
            raise RubySyntaxError("Invalid attribute in for loop. Valid attributes are limit "
                                  "and offset", token=token)
        cur.take()
        attributes[name] = _operand(cur)
    cur.finish()
    return variable, collection, reverse, attributes
