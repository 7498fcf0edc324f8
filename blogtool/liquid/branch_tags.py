"""Liquid's branching tags: ``if``/``elsif``/``else``, ``unless`` and ``case``/``when``.

``if`` renders the first branch whose condition holds; ``unless`` negates its first condition
only. ``case`` renders *every* ``when`` that matches (``{% when 1 %}a{% when 1 %}b`` gives
``ab``), and an ``else`` only when no ``when`` before it matched. Text between ``case`` and
the first ``when`` is dropped. A block whose branches are all blank writes nothing at all.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TextIO

from liquid.ast import BlockNode, Node
from liquid.context import RenderContext
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, Token

from blogtool.filters.rubyvalues import ruby_strip

from . import lax, strict
from .expressions import Comparison, Condition, condition_value, read_value
from .state import EnvironmentRef
from .tagsupport import matched_markup, parse_block, read_either, search_or_fail, tag_markup
from .values import RubySyntaxError, tag_syntax_error

Branches = list[tuple[Condition | None, BlockNode]]   # None: the ``else`` branch


def _blank_together(branches: Branches) -> bool:
    blank = all(block.blank for _, block in branches)
    for _, block in branches:
        block.blank = blank
    return blank


def read_condition(env: EnvironmentRef, token: Token, markup: str) -> Condition:
    return read_either(env, token, markup, strict.read_condition, lax.read_condition,
                       ruby_strip(markup), tag=True)


class IfNode(Node):
    __slots__ = ("branches", "negate_first")

    def __init__(self, token: Token, branches: Branches, negate_first: bool):
        super().__init__(token)
        self.branches = branches
        self.negate_first = negate_first
        self.blank = _blank_together(branches)

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        for i, (condition, block) in enumerate(self.branches):
            if condition is None:
                return block.render(context, buffer)
            if condition.holds(context) != (i == 0 and self.negate_first):
                return block.render(context, buffer)
        return 0

    def children(self, *args: Any, **kwargs: Any) -> Iterator[Node]:
        for _, block in self.branches:
            yield block

    def expressions(self) -> Iterator[Any]:
        for condition, _ in self.branches:
            if condition is not None:
                yield condition


class IfTag(Tag):
    name = "if"
    end = "endif"
    negate = False

    def parse(self, stream: Any) -> Node:
        token, markup = tag_markup(stream)
        branches: Branches = []
        condition: Condition | None = read_condition(self.env, token, markup)
        ends = frozenset((self.end, "elsif", "else"))
        while True:
            next(stream)
            branches.append((condition, parse_block(self.env, stream, ends)))
            if stream.current.kind == TOKEN_EOF:
                raise RubySyntaxError(f"'{self.name}' tag was never closed", token=token)
            tag = stream.current
            if tag.value == self.end:
                break
            if tag.value == "else":
                condition = None
                if stream.peek.kind == TOKEN_EXPRESSION:
                    next(stream)
            else:
                _, elsif_markup = tag_markup(stream)
                condition = read_condition(self.env, tag, elsif_markup)
        return IfNode(token, branches, self.negate)


class UnlessTag(IfTag):
    name = "unless"
    end = "endunless"
    negate = True


class CaseNode(Node):
    __slots__ = ("branches",)

    def __init__(self, token: Token, branches: Branches):
        super().__init__(token)
        self.branches = branches
        self.blank = _blank_together(branches)

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        matched = False
        written = 0
        for condition, block in self.branches:
            if condition is None:
                if not matched:
                    written += block.render(context, buffer)
            elif condition.holds(context):
                matched = True
                written += block.render(context, buffer)
        return written

    def children(self, *args: Any, **kwargs: Any) -> Iterator[Node]:
        for _, block in self.branches:
            yield block


_SUBJECT = re.compile(lax.FRAGMENT)
_CASE_SYNTAX = "Syntax Error in tag 'case' - Valid syntax: case [condition]"
# ``when a, b or c``: one value, then what follows a comma or an ``or`` is read again
_WHEN_VALUE = re.compile(rf"({lax.FRAGMENT})(?:(?:{lax.S}+or{lax.S}+|{lax.S}*,{lax.S}*)"
                         rf"({lax.FRAGMENT}.*))?", re.S)


def _when_values(tag: Token, markup: str) -> list[str]:
    values = []
    rest: str | None = markup
    while rest is not None:
        m = search_or_fail(_WHEN_VALUE, rest, tag, "Syntax Error in tag 'case' - Valid when "
                                                   "condition: {% when [condition] [or "
                                                   "condition2...] %}")
        values.append(m.group(1))
        rest = m.group(2)
    return values


class CaseTag(Tag):
    name = "case"
    end = "endcase"

    def parse(self, stream: Any) -> Node:
        token, _, subject = matched_markup(stream, _SUBJECT, _CASE_SYNTAX)
        left = read_value(subject.group(0), token)
        ends = frozenset((self.end, "when", "else"))
        next(stream)
        parse_block(self.env, stream, ends)
        branches: Branches = []
        while True:
            if stream.current.kind == TOKEN_EOF:
                raise RubySyntaxError("'case' tag was never closed", token=token)
            tag = stream.current
            if tag.value == self.end:
                break
            _, tag_text = tag_markup(stream)
            conditions: list[Condition | None] = []
            if tag.value == "else":
                if ruby_strip(tag_text):
                    raise tag_syntax_error(tag, "Syntax Error in tag 'case' - Valid else "
                                                "condition: {% else %} (no parameters) ")
                conditions.append(None)
            else:
                conditions.extend(Condition([Comparison(left, "==", condition_value(v, tag))],
                                            [], tag) for v in _when_values(tag, tag_text))
            next(stream)
            block = parse_block(self.env, stream, ends)
            branches.extend((condition, block) for condition in conditions)
        return CaseNode(token, branches)


def register(env: EnvironmentRef) -> None:
    for tag in (IfTag, UnlessTag, CaseTag):
        env.add_tag(tag)
