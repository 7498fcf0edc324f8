"""Liquid's tags that write or keep values: ``{{ }}`` and ``echo``, ``assign``, ``capture``,
``render`` (which Jekyll does not allow) and plain text.

``{{ }}`` writes a value as Jekyll does: an array's items run together, a hash inspected
(``{"a"=>1}``), nil as nothing, ``1.0`` as ``1.0``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TextIO

from liquid.ast import BlockNode, Node
from liquid.builtin.content import ContentNode, Literal
from liquid.context import RenderContext
from liquid.exceptions import LiquidInterrupt
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_OUTPUT, Token

from blogtool.filters.rubyvalues import RUBY_SPACE, to_ruby_string

from . import lax, strict
from .expressions import Filtered
from .interrupts import render_body
from .state import EnvironmentRef
from .tagsupport import (
    expect_end,
    matched_markup,
    parse_block,
    read_either,
    search_or_fail,
    tag_markup,
)
from .values import RubyArgumentError


def read_output(env: EnvironmentRef, token: Token, markup: str) -> Filtered:
    """An output's markup (also ``echo``'s and ``assign``'s value) in the error mode."""
    return read_either(env, token, markup, strict.read_output, lax.read_output,
                       "{{" + markup + "}}", tag=False)


class OutputNode(Node):
    __slots__ = ("expression",)

    def __init__(self, token: Token, expression: Filtered):
        super().__init__(token)
        self.expression = expression
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(to_ruby_string(self.expression.evaluate(context)))

    # no tag is ever disabled here (Jekyll's ``render`` stops the build), so the check that
    # python-liquid's ``render`` makes before ``render_to_output`` is skipped: outputs and
    # text are most of the nodes rendered
    render = render_to_output

    def expressions(self) -> Iterator[Any]:
        yield self.expression


_OUTPUT_INSIDE = re.compile(r"\A\{\{-?(.*?)-?\}\}\Z", re.S)


class OutputTag(Tag):
    name = TOKEN_OUTPUT
    block = False

    def parse(self, stream: Any) -> Node:
        token = stream.current
        inside = _OUTPUT_INSIDE.match(token.value)
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
        return OutputNode(token, read_output(self.env, token, inside.group(1) if inside else ""))


class EchoTag(Tag):
    name = "echo"
    block = False

    def parse(self, stream: Any) -> Node:
        token, markup = tag_markup(stream)
        return OutputNode(token, read_output(self.env, token, markup))


# ``name = value``: the name is the first run of word characters, ``-``, ``.``, ``[`` and
# ``]`` (each may be wrapped in parentheses); everything after ``=`` is the value
_NAME_CHAR = r"\(?[A-Za-z0-9_\-.\[\]]\)?"
_ASSIGNMENT = re.compile(rf"((?:{_NAME_CHAR})+){lax.S}*={lax.S}*(.*){lax.S}*", re.S)
_CAPTURED_NAME = re.compile(rf"((?:{_NAME_CHAR})+)")
_ASSIGN_SYNTAX = "Syntax Error in 'assign' - Valid syntax: assign [var] = [source]"
_CAPTURE_SYNTAX = "Syntax Error in 'capture' - Valid syntax: capture [var]"


class StoreNode(Node):
    """``assign`` (an output's value) and ``capture`` (what a block writes): the value is
    stored under the name, and nothing is written."""

    __slots__ = ("name", "expression", "block")

    def __init__(self, token: Token, name: str, *, expression: Filtered | None = None,
                 block: BlockNode | None = None):
        super().__init__(token)
        self.name, self.expression, self.block = name, expression, block
        self.blank = True

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        if self.block is None:
            value = self.expression.evaluate(context) if self.expression else None
        else:
            written = context.get_buffer(buffer)
            try:
                render_body(self.block.nodes, context, written)
            except LiquidInterrupt:   # Ruby keeps what came before, and stops the enclosing body
                context.assign(self.name, written.getvalue())
                raise
            value = written.getvalue()
        context.assign(self.name, value)
        return 0

    def expressions(self) -> Iterator[Any]:
        if self.expression is not None:
            yield self.expression

    def children(self, *args: Any, **kwargs: Any) -> Iterator[Node]:
        if self.block is not None:
            yield self.block


class AssignTag(Tag):
    name = "assign"
    block = False

    def parse(self, stream: Any) -> Node:
        token, _, m = matched_markup(stream, _ASSIGNMENT, _ASSIGN_SYNTAX)
        return StoreNode(token, m.group(1), expression=read_output(self.env, token, m.group(2)))


class CaptureTag(Tag):
    name = "capture"
    end = "endcapture"

    def parse(self, stream: Any) -> Node:
        token, _, m = matched_markup(stream, _CAPTURED_NAME, _CAPTURE_SYNTAX)
        next(stream)
        block = parse_block(self.env, stream, frozenset((self.end,)))
        expect_end(stream, token, self.end)
        return StoreNode(token, m.group(1), block=block)


class RenderNode(Node):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        raise RubyArgumentError("Liquid error: This liquid context does not allow includes.",
                                token=self.token)


_QUOTED_NAME = re.compile(rf"\A(?:{lax.QUOTED})")


class RenderTag(Tag):
    """``{% render 'x' %}`` parses, and stops the build when it runs, as in Jekyll 4.3.1:
    Jekyll gives Liquid no file system for it."""

    name = "render"
    block = False

    def parse(self, stream: Any) -> Node:
        token, markup = tag_markup(stream)
        search_or_fail(_QUOTED_NAME, markup.strip(), token, "Syntax error in tag 'render' - "
                                                            "Template name must be a quoted string")
        node = RenderNode(token)
        node.blank = False
        return node


class TextNode(ContentNode):
    """Text counts as blank (a block holding only blank text and tags writes nothing) when
    it is ASCII whitespace only: an ideographic space is text."""

    def __init__(self, token: Token, text: str):
        super().__init__(token, text)
        self.blank = not text.strip(RUBY_SPACE)

    def render(self, context: RenderContext, buffer: TextIO) -> int:   # as OutputNode's
        return buffer.write(self.text)


class TextTag(Literal):
    node_class = TextNode


def register(env: EnvironmentRef) -> None:
    for tag in (TextTag, OutputTag, EchoTag, AssignTag, CaptureTag, RenderTag):
        env.add_tag(tag)
