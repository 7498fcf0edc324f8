"""Liquid's loops: ``for`` (with ``limit``, ``offset``, ``offset: continue``, ``reversed``
and ``else``), ``tablerow`` and ``cycle``.

What a loop walks: an array's items, a hash's ``[key, value]`` pairs, a document's keys,
a non-empty string once as a whole; nil, numbers and booleans give no rounds. ``offset``
and ``limit`` cut the rounds before ``reversed`` turns them around. Each ``for`` that is
rendering counts toward the nesting limit that includes share.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

from liquid.ast import Node
from liquid.builtin.expressions.loop import LoopExpression
from liquid.builtin.tags.for_tag import ForNode
from liquid.builtin.tags.tablerow_tag import TablerowNode
from liquid.context import RenderContext
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, Token

from blogtool.filters.rubyvalues import ruby_strip, to_ruby_string

from . import lax, strict
from .expressions import Expr, evaluate, read_value
from .interrupts import CellBlock, after_table
from .state import EnvironmentRef
from .tagsupport import expect_end, matched_markup, parse_block, read_either, tag_markup
from .values import tag_syntax_error, to_i, to_integer


class _Collection(Expr):
    """The collection's value with its text: ``offset: continue`` finds where the last
    loop over the same variable and text stopped."""

    __slots__ = ("text", "value")

    def __init__(self, text: str, token: Token):
        super().__init__(token)
        self.text, self.value = text, read_value(text, token)

    def __str__(self) -> str:
        return self.text

    def evaluate(self, context: Any) -> Any:
        return evaluate(self.value, context)


def rounds(collection: Any) -> list:
    if isinstance(collection, str):
        return [collection] if collection else []
    if hasattr(collection, "drop_keys"):
        return list(collection.drop_keys())
    if isinstance(collection, Mapping):
        return [[k, v] for k, v in collection.items()]
    if isinstance(collection, (list, tuple, range)):
        return list(collection)
    if collection is None or isinstance(collection, (int, float, bool)):
        return []
    try:
        return list(collection)
    except TypeError:
        return []


ABSENT = object()   # a tablerow attribute that is not given (``limit: nil`` is given)


class Rounds(LoopExpression):
    """The items one loop renders, after offset, limit and reversed.

    ``for`` reads offset and limit as whole integers and a nil limit as no limit;
    ``tablerow`` (``as_tablerow``) reads them by Ruby's ``to_i``, so a nil limit is 0 rounds.
    A non-empty string is one round whatever the offset and limit.
    """

    def __init__(self, token: Token, variable: str, collection: _Collection, *, limit: Any,
                 offset: Any, reversed_: bool, as_tablerow: bool = False) -> None:
        super().__init__(token, variable, collection,  # type: ignore[arg-type]
                         limit=None, offset=None, reversed_=reversed_, cols=None)
        self.first_limit = limit
        self.first_offset = offset
        self.as_tablerow = as_tablerow

    def _bounds(self, context: RenderContext, size: int) -> tuple[int, int]:
        if self.as_tablerow:
            start = 0 if self.first_offset is ABSENT else to_i(evaluate(self.first_offset,
                                                                        context))
            if self.first_limit is ABSENT:
                return start, size
            return start, start + to_i(evaluate(self.first_limit, context))
        offset = evaluate(self.first_offset, context)
        start = 0 if offset is None else to_integer(offset)
        limit = evaluate(self.first_limit, context)
        return start, size if limit is None else to_integer(limit) + start

    def segment(self, context: RenderContext) -> list:
        key = f"{self.identifier}-{self.iterable}"
        collection = self.iterable.evaluate(context)
        items = rounds(collection)
        if self.first_offset == "continue":
            stopped = context.stopindex(key)
            start = stopped if isinstance(stopped, int) else 0
            limit = evaluate(self.first_limit, context)
            stop = len(items) if limit is None else to_integer(limit) + start
        else:
            start, stop = self._bounds(context, len(items))
        if isinstance(collection, str):
            out = items   # a string is one round, whatever the offset and limit
        else:
            out = items[max(start, 0):max(stop, 0)] if start < stop else []
        if self.reversed:
            out.reverse()
        context.stopindex(key=key, index=start + len(out))
        return out

    def evaluate(self, context: RenderContext) -> tuple[Iterator[object], int]:
        segment = self.segment(context)
        return iter(segment), len(segment)


def _loop_value(name: str, text: str, token: Token) -> Any:
    return "continue" if name == "offset" and text == "continue" else read_value(text, token)


class ForLoopNode(ForNode):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = getattr(context, "state", None)
        if state is None:
            return super().render_to_output(context, buffer)
        state.push_scope(self.token, "a for loop")
        try:
            return super().render_to_output(context, buffer)
        finally:
            state.scopes -= 1


class ForTag(Tag):
    name = "for"
    end = "endfor"

    def parse(self, stream: Any) -> Node:
        token, markup = tag_markup(stream)
        variable, collection, reverse, attributes = read_either(
            self.env, token, markup, strict.read_loop, lax.read_loop, ruby_strip(markup),
            tag=True)
        values = {k: _loop_value(k, v, token) for k, v in attributes.items()}
        loop = Rounds(token, variable, _Collection(collection, token), limit=values.get("limit"),
                      offset=values.get("offset"), reversed_=reverse)
        next(stream)
        block = parse_block(self.env, stream, frozenset((self.end, "else")))
        default = None
        if stream.current.is_tag("else"):
            if stream.peek.kind == TOKEN_EXPRESSION:
                next(stream)
            next(stream)
            default = parse_block(self.env, stream, frozenset((self.end,)))
        expect_end(stream, token, self.end)
        return ForLoopNode(token, loop, block, default)


_TABLE = re.compile(rf"([A-Za-z0-9_]+){lax.S}+in{lax.S}+((?:{lax.FRAGMENT})+)")
_TABLE_SYNTAX = ("Syntax Error in 'table_row loop' - Valid syntax: table_row [item] in "
                 "[collection] cols=3")


class _Columns:
    def __init__(self, value: Any):
        self.value = value

    def evaluate(self, context: RenderContext) -> int:
        """Columns by Ruby's ``to_i``; none or fewer than one: all cells in one row."""
        cols = to_i(evaluate(self.value, context))
        return cols if cols > 0 else sys.maxsize


class TableNode(TablerowNode):
    """A nil or false collection writes nothing; an empty one still writes one empty row."""

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        collection = self.expression.iterable.evaluate(context)
        if collection is None or collection is False:
            return 0
        _, length = self.expression.evaluate(context)
        if not length:
            return buffer.write('<tr class="row1">\n</tr>\n')
        written = int(super().render_to_output(context, buffer))
        after_table(context)
        return written


class TablerowTag(Tag):
    """``tablerow item in collection``; ``cols``, ``limit`` and ``offset`` are read wherever
    they stand in the markup, other words ignored. There is no strict reading."""

    name = "tablerow"
    end = "endtablerow"

    def parse(self, stream: Any) -> Node:
        token, markup, m = matched_markup(stream, _TABLE, _TABLE_SYNTAX)
        values = {am.group(1): read_value(am.group(2), token)
                  for am in lax.ATTRIBUTE.finditer(markup)}
        loop = Rounds(token, m.group(1), _Collection(m.group(2), token),
                      limit=values.get("limit", ABSENT), offset=values.get("offset", ABSENT),
                      reversed_=False, as_tablerow=True)
        if "cols" in values:
            loop.cols = _Columns(values["cols"])  # type: ignore[assignment]
        next(stream)
        block = parse_block(self.env, stream, frozenset((self.end,)))
        expect_end(stream, token, self.end)
        return TableNode(token, expression=loop, block=CellBlock(block.token, block.nodes))


class CycleNode(Node):
    """Writes the next of its values each time; cycles with the same name (or, unnamed,
    the same literal values) share their place."""

    __slots__ = ("group", "values")

    def __init__(self, token: Token, group: Any, values: list[Any]):
        super().__init__(token)
        self.group = group
        self.values = values
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        places = context.tag_namespace.setdefault("ruby_cycle", {})
        key = evaluate(self.group, context)
        try:
            hash(key)
        except TypeError:
            key = repr(key)
        at = places.get(key, 0)
        value = evaluate(self.values[at], context) if self.values else None
        places[key] = 0 if at + 1 >= len(self.values) else at + 1
        return buffer.write(to_ruby_string(value))


_NAMED_CYCLE = re.compile(rf"\A({lax.FRAGMENT}){lax.S}*:{lax.S}*(.*)", re.S)
_PLAIN_CYCLE = re.compile(rf"\A(?:{lax.FRAGMENT})+")
_CYCLE_VALUE = re.compile(rf"{lax.S}*({lax.FRAGMENT}){lax.S}*")


def _cycle_values(markup: str, token: Token) -> list[Any]:
    """The comma-separated values; trailing empty ones, unreadable ones and nils go."""
    parts = markup.split(",")
    while parts and parts[-1] == "":
        parts.pop()
    out = []
    for part in parts:
        m = _CYCLE_VALUE.search(part)
        value = read_value(m.group(1), token) if m else None
        if value is not None:
            out.append(value)
    return out


class CycleTag(Tag):
    name = "cycle"
    block = False

    def parse(self, stream: Any) -> Node:
        token, markup = tag_markup(stream)
        named = _NAMED_CYCLE.search(markup)
        if named:
            return CycleNode(token, read_value(named.group(1), token),
                             _cycle_values(named.group(2), token))
        if not _PLAIN_CYCLE.search(markup):
            raise tag_syntax_error(token, "Syntax Error in 'cycle' - Valid syntax: cycle "
                                          "[name :] var [, var2, var3 ...]")
        values = _cycle_values(markup, token)
        literal = not any(isinstance(v, Expr) for v in values)
        group = ("cycle", tuple(repr(v) for v in values)) if literal else ("cycle", id(token))
        return CycleNode(token, group, values)


def register(env: EnvironmentRef) -> None:
    for tag in (ForTag, TablerowTag, CycleTag):
        env.add_tag(tag)
