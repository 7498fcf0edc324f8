"""Ruby Liquid 5.4's own tags, parsed as Ruby parses them: ``{{ }}``, echo, if, unless,
elsif, case/when, for, assign, capture and cycle.

``if``/``unless``/``elsif``, ``for`` and every variable (``{{ }}``, assign's value, echo) are
parsed strictly first; how a failure is handled follows ``liquid: error_mode`` (``warn``:
warning and lax parse, Jekyll's default; ``lax``: lax parse without a word, and ``if``/``for``
lax from the start; ``strict``: the build stops). ``assign``, ``capture``, ``case``/``when``
and ``cycle`` only have Ruby's regular expressions, in every mode.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from liquid.ast import BlockNode, Node
from liquid.builtin.expressions import StringLiteral
from liquid.builtin.expressions.loop import LoopExpression
from liquid.builtin.tags.for_tag import ForNode
from liquid.context import RenderContext
from liquid.parser import get_parser
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG, Token

from blogtool.filters import to_ruby_string

from .rubyexpr import (
    QUOTED_FRAGMENT,
    TAG_ATTRIBUTES,
    Condition,
    ConditionExpr,
    RubyArgumentError,
    RubySyntaxError,
    Variable,
    condition_expression,
    evaluate,
    lax_condition,
    lax_variable,
    parse_expression,
    strict_condition,
    strict_variable,
    strip,
    to_integer,
    truthy,
)
from .state import EnvironmentRef

_S = r"[ \t\n\v\f\r]"
_VARIABLE_SIGNATURE = r"\(?[A-Za-z0-9_\-.\[\]]\)?"
_ASSIGN = re.compile(rf"((?:{_VARIABLE_SIGNATURE})+){_S}*={_S}*(.*){_S}*", re.S)
_CAPTURE = re.compile(rf"((?:{_VARIABLE_SIGNATURE})+)")
_CASE = re.compile(rf"({QUOTED_FRAGMENT})")
_WHEN = re.compile(rf"({QUOTED_FRAGMENT})(?:(?:{_S}+or{_S}+|{_S}*,{_S}*)({QUOTED_FRAGMENT}.*))?",
                   re.S)
_FOR = re.compile(rf"\A([A-Za-z0-9_-]+){_S}+in{_S}+((?:{QUOTED_FRAGMENT})+){_S}*(reversed)?")
_CYCLE_NAMED = re.compile(rf"\A({QUOTED_FRAGMENT}){_S}*:{_S}*(.*)", re.S)
_CYCLE_SIMPLE = re.compile(rf"\A(?:{QUOTED_FRAGMENT})+")
_CYCLE_VAR = re.compile(rf"{_S}*({QUOTED_FRAGMENT}){_S}*")


# --- parsing with Ruby's error modes --------------------------------------------------------


def ruby_line(token: Token | None) -> int:
    if token is None or not token.source or token.start_index < 0:
        return 1
    return token.source.count("\n", 0, max(token.start_index, 0)) + 1


def syntax_message(token: Token | None, message: str, context_text: str) -> str:
    return f"Liquid syntax error (line {ruby_line(token)}): {message} in \"{context_text}\""


def parse_switching(env: EnvironmentRef, token: Token, markup: str,
                    strict: Callable[[str, Token], Any], lax: Callable[[str, Token], Any],
                    context_text: str, *, tag: bool) -> Any:
    """Ruby's ``ParserSwitching``: strict, then lax with a warning (``warn``), lax at once
    for tags in ``lax`` mode, no fallback in ``strict`` mode."""
    mode = env.error_mode
    if tag and mode not in ("warn", "strict"):
        return lax(markup, token)
    try:
        return strict(markup, token)
    except RubySyntaxError as err:
        message = syntax_message(token, str(err.message), context_text)
        if mode == "strict":
            raise RubySyntaxError(message, token=token) from None
        if mode == "warn":
            env.parse_warnings.append((token, f"Liquid Warning: {message}"))
        return lax(markup, token)


def _lax_only(token: Token, message: str) -> RubySyntaxError:
    return RubySyntaxError(f"Liquid syntax error (line {ruby_line(token)}): {message}",
                           token=token)


def _markup(stream: Any) -> tuple[Token, str]:
    """The tag token and its markup; the stream is left on the markup (or the tag)."""
    token = stream.current
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        return token, _raw_markup(stream.current)
    return token, ""


def _raw_markup(expr: Token) -> str:
    """The markup as Ruby sees it: trailing whitespace kept (python-liquid strips it)."""
    source, start = expr.source, expr.start_index
    if not source or start < 0 or not source.startswith(expr.value, start):
        return expr.value
    end = source.find("%}", start)
    if end < 0:
        return expr.value
    raw = source[start:end]
    return raw[:-1] if raw.endswith("-") else raw


def _parse_block(env: Any, stream: Any, end: frozenset[str]) -> BlockNode:
    return get_parser(env).parse_block(stream, end)


# --- output and echo ----------------------------------------------------------------------------


_CONTENT_OF_VARIABLE = re.compile(r"\A\{\{-?(.*?)-?\}\}\Z", re.S)


class RubyOutputNode(Node):
    """``{{ }}`` printing values as Ruby Liquid does (arrays joined, hashes inspected)."""

    __slots__ = ("expression",)

    def __init__(self, token: Token, expression: Variable):
        super().__init__(token)
        self.expression = expression
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        return buffer.write(to_ruby_string(self.expression.evaluate(context)))

    def expressions(self) -> Iterator[Any]:
        yield self.expression


def parse_variable(env: EnvironmentRef, token: Token, markup: str) -> Variable:
    return parse_switching(env, token, markup, strict_variable, lax_variable,
                           "{{" + markup + "}}", tag=False)


class RubyOutput(Tag):
    name = TOKEN_OUTPUT
    block = False

    def parse(self, stream: Any) -> Node:
        token = stream.current
        m = _CONTENT_OF_VARIABLE.match(token.value)
        markup = m.group(1) if m else ""
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
        return RubyOutputNode(token, parse_variable(self.env, token, markup))  # type: ignore[arg-type]


class EchoTag(Tag):
    name = "echo"
    block = False

    def parse(self, stream: Any) -> Node:
        token, markup = _markup(stream)
        return RubyOutputNode(token, parse_variable(self.env, token, markup))  # type: ignore[arg-type]


# --- assign and capture ---------------------------------------------------------------------------


class AssignNode(Node):
    __slots__ = ("name", "expression")

    def __init__(self, token: Token, name: str, expression: Variable):
        super().__init__(token)
        self.name = name
        self.expression = expression
        self.blank = True

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        context.assign(self.name, self.expression.evaluate(context))
        return 0

    def expressions(self) -> Iterator[Any]:
        yield self.expression


class AssignTag(Tag):
    name = "assign"
    block = False

    def parse(self, stream: Any) -> Node:
        token, markup = _markup(stream)
        m = _ASSIGN.search(markup)
        if not m:
            raise _lax_only(token, "Syntax Error in 'assign' - Valid syntax: assign [var] = "
                                   "[source]")
        value = parse_variable(self.env, token, m.group(2))  # type: ignore[arg-type]
        return AssignNode(token, m.group(1), value)


class CaptureNode(Node):
    __slots__ = ("name", "block")

    def __init__(self, token: Token, name: str, block: BlockNode):
        super().__init__(token)
        self.name = name
        self.block = block
        self.blank = True

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        buf = context.get_buffer(buffer)
        for node in self.block.nodes:
            node.render(context, buf)
        context.assign(self.name, buf.getvalue())
        return 0

    def children(self, *args: Any, **kwargs: Any) -> Iterator[Node]:
        yield self.block


class CaptureTag(Tag):
    name = "capture"
    end = "endcapture"

    def parse(self, stream: Any) -> Node:
        token, markup = _markup(stream)
        m = _CAPTURE.search(markup)
        if not m:
            raise _lax_only(token, "Syntax Error in 'capture' - Valid syntax: capture [var]")
        next(stream)
        block = _parse_block(self.env, stream, frozenset((self.end,)))
        _expect_end(stream, token, self.end)
        return CaptureNode(token, m.group(1), block)


def _expect_end(stream: Any, token: Token, end: str) -> None:
    if not stream.current.is_tag(end):
        raise RubySyntaxError(f"'{token.value}' tag was never closed", token=token)


# --- if / unless / elsif / else -------------------------------------------------------------------


def parse_condition(env: EnvironmentRef, token: Token, markup: str) -> Condition:
    return parse_switching(env, token, markup, strict_condition, lax_condition,
                           strip(markup), tag=True)


class IfNode(Node):
    """Ruby's If: the first block whose condition holds renders (``else`` always holds);
    ``unless`` negates the first condition only."""

    __slots__ = ("branches", "negate_first")

    def __init__(self, token: Token, branches: list[tuple[Condition | None, BlockNode]],
                 negate_first: bool):
        super().__init__(token)
        self.branches = branches
        self.negate_first = negate_first
        self.blank = all(block.blank for _, block in branches)
        for _, block in branches:
            block.blank = self.blank

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        for i, (condition, block) in enumerate(self.branches):
            if condition is None:
                return block.render(context, buffer)
            result = truthy(condition.evaluate(context))
            if i == 0 and self.negate_first:
                result = not result
            if result:
                return block.render(context, buffer)
        return 0

    def children(self, *args: Any, **kwargs: Any) -> Iterator[Node]:
        for _, block in self.branches:
            yield block

    def expressions(self) -> Iterator[Any]:
        for condition, _ in self.branches:
            if condition is not None:
                yield ConditionExpr(condition, self.token)


class IfTag(Tag):
    name = "if"
    end = "endif"
    negate = False

    def parse(self, stream: Any) -> Node:
        token, markup = _markup(stream)
        branches: list[tuple[Condition | None, BlockNode]] = []
        condition: Condition | None = parse_condition(self.env, token, markup)  # type: ignore[arg-type]
        ends = frozenset((self.end, "elsif", "else"))
        while True:
            next(stream)
            branches.append((condition, _parse_block(self.env, stream, ends)))
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
                _, elsif_markup = _markup(stream)
                condition = parse_condition(self.env, tag, elsif_markup)  # type: ignore[arg-type]
        return IfNode(token, branches, self.negate)


class UnlessTag(IfTag):
    name = "unless"
    end = "endunless"
    negate = True


# --- case / when ----------------------------------------------------------------------------------


class CaseNode(Node):
    """Every matching ``when`` renders; an ``else`` renders when none before it matched."""

    __slots__ = ("blocks",)

    def __init__(self, token: Token, blocks: list[tuple[Condition | None, BlockNode]]):
        super().__init__(token)
        self.blocks = blocks
        self.blank = all(block.blank for _, block in blocks)
        for _, block in blocks:
            block.blank = self.blank

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        run_else = True
        count = 0
        for condition, block in self.blocks:
            if condition is None:
                if run_else:
                    count += block.render(context, buffer)
                continue
            if truthy(condition.evaluate(context)):
                run_else = False
                count += block.render(context, buffer)
        return count

    def children(self, *args: Any, **kwargs: Any) -> Iterator[Node]:
        for _, block in self.blocks:
            yield block


class CaseTag(Tag):
    name = "case"
    end = "endcase"

    def parse(self, stream: Any) -> Node:
        token, markup = _markup(stream)
        m = _CASE.search(markup)
        if not m:
            raise _lax_only(token, "Syntax Error in tag 'case' - Valid syntax: case [condition]")
        left = parse_expression(m.group(1), token)
        ends = frozenset((self.end, "when", "else"))
        next(stream)
        _parse_block(self.env, stream, ends)   # text before the first when is dropped
        blocks: list[tuple[Condition | None, BlockNode]] = []
        while True:
            if stream.current.kind == TOKEN_EOF:
                raise RubySyntaxError("'case' tag was never closed", token=token)
            tag = stream.current
            if tag.value == self.end:
                break
            _, tag_markup = _markup(stream)
            conditions: list[Condition | None] = []
            if tag.value == "else":
                if strip(tag_markup):
                    raise _lax_only(tag, "Syntax Error in tag 'case' - Valid else condition: "
                                         "{% else %} (no parameters) ")
                conditions.append(None)
            else:
                rest: str | None = tag_markup
                while rest is not None:
                    wm = _WHEN.search(rest)
                    if not wm:
                        raise _lax_only(tag, "Syntax Error in tag 'case' - Valid when condition:"
                                             " {% when [condition] [or condition2...] %}")
                    rest = wm.group(2)
                    conditions.append(Condition(left, "==",
                                                condition_expression(wm.group(1), tag)))
            next(stream)
            block = _parse_block(self.env, stream, ends)
            for condition in conditions:
                blocks.append((condition, block))
        return CaseNode(token, blocks)


# --- for ------------------------------------------------------------------------------------------


class _Markup:
    """The collection expression with its source text (the loop's name for ``offset:
    continue``)."""

    def __init__(self, text: str, expr: Any):
        self.text, self.expr = text, expr

    def __str__(self) -> str:
        return self.text

    def evaluate(self, context: RenderContext) -> Any:
        return evaluate(self.expr, context)

    def children(self) -> list:
        return []


class RubyLoop(LoopExpression):
    """Ruby's ``For#collection_segment``: offset, limit, slicing and ``reversed``."""

    def __init__(self, token: Token, variable: str, collection: _Markup, *, limit: Any,
                 offset: Any, reversed_: bool) -> None:
        super().__init__(token, variable, collection,  # type: ignore[arg-type]
                         limit=None, offset=None, reversed_=reversed_, cols=None)
        self.ruby_limit = limit
        self.ruby_offset = offset

    def segment(self, context: RenderContext) -> list:
        key = f"{self.identifier}-{self.iterable}"
        if self.ruby_offset == "continue":
            start = _int(context.stopindex(key))
        else:
            value = evaluate(self.ruby_offset, context)
            start = 0 if value is None else to_integer(value)
        collection = self.iterable.evaluate(context)
        limit = evaluate(self.ruby_limit, context)
        stop = None if limit is None else to_integer(limit) + start
        items = _each(collection)
        out = []
        for index, item in enumerate(items):
            if stop is not None and stop <= index:
                break
            if start <= index:
                out.append(item)
        if self.reversed:
            out.reverse()
        context.stopindex(key=key, index=start + len(out))
        return out

    def evaluate(self, context: RenderContext) -> tuple[Iterator[object], int]:
        segment = self.segment(context)
        return iter(segment), len(segment)


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _each(collection: Any) -> list:
    from collections.abc import Mapping
    if isinstance(collection, str):
        return [collection] if collection else []
    if hasattr(collection, "drop_keys"):   # a Jekyll drop yields its keys
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


def strict_for(markup: str, token: Token) -> tuple[str, str, bool, dict[str, Any]]:
    from .rubyexpr import StrictParser
    p = StrictParser(markup)
    variable = p.consume("id")
    if not p.id_p("in"):
        raise RubySyntaxError("For loops require an 'in' clause", token=token)
    collection = p.expression()
    reversed_ = p.id_p("reversed")
    attrs: dict[str, Any] = {}
    while p.look("id") and p.look("colon", 1):
        if p.id_p("limit"):
            attribute = "limit"
        elif p.id_p("offset"):
            attribute = "offset"
        else:
            raise RubySyntaxError("Invalid attribute in for loop. Valid attributes are limit "
                                  "and offset", token=token)
        p.consume()
        _set_attribute(attrs, attribute, p.expression(), token)
    p.consume("end_of_string")
    return variable, collection, reversed_, attrs


def lax_for(markup: str, token: Token) -> tuple[str, str, bool, dict[str, Any]]:
    m = _FOR.search(markup)
    if not m:
        raise _lax_only(token, "Syntax Error in 'for loop' - Valid syntax: for [item] in "
                               "[collection]")
    attrs: dict[str, Any] = {}
    for am in TAG_ATTRIBUTES.finditer(markup):
        _set_attribute(attrs, am.group(1), am.group(2), token)
    return m.group(1), m.group(2), bool(m.group(3)), attrs


def _set_attribute(attrs: dict[str, Any], key: str, expr: str, token: Token) -> None:
    if key == "offset":
        attrs["offset"] = "continue" if expr == "continue" else parse_expression(expr, token)
    elif key == "limit":
        attrs["limit"] = parse_expression(expr, token)


class ForTag(Tag):
    name = "for"
    end = "endfor"

    def parse(self, stream: Any) -> Node:
        token, markup = _markup(stream)
        variable, collection, reversed_, attrs = parse_switching(
            self.env, token, markup, strict_for, lax_for, strip(markup), tag=True)  # type: ignore[arg-type]
        loop = RubyLoop(token, variable, _Markup(collection, parse_expression(collection, token)),
                        limit=attrs.get("limit"), offset=attrs.get("offset"),
                        reversed_=reversed_)
        next(stream)
        block = _parse_block(self.env, stream, frozenset((self.end, "else")))
        default = None
        if stream.current.is_tag("else"):
            if stream.peek.kind == TOKEN_EXPRESSION:
                next(stream)
            next(stream)
            default = _parse_block(self.env, stream, frozenset((self.end,)))
        _expect_end(stream, token, self.end)
        return RubyForNode(token, loop, block, default)


class RubyForNode(ForNode):
    """A for loop that counts as one of Ruby Liquid's scopes while it renders."""

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        state = getattr(context, "state", None)
        if state is None:
            return super().render_to_output(context, buffer)
        state.push_scope(self.token, "a for loop")
        try:
            return super().render_to_output(context, buffer)
        finally:
            state.scopes -= 1


# --- tablerow -------------------------------------------------------------------------------------

_TABLEROW = re.compile(rf"([A-Za-z0-9_]+){_S}+in{_S}+((?:{QUOTED_FRAGMENT})+)")


class _Cols:
    def __init__(self, expr: Any):
        self.expr = expr

    def evaluate(self, context: RenderContext) -> Any:
        value = evaluate(self.expr, context)
        return None if value is None else to_integer(value)


def _tablerow_node(base: type) -> type:
    class RubyTablerowNode(base):  # type: ignore[valid-type, misc]
        """A nil collection writes nothing; an empty one still writes its one empty row, as
        Ruby does."""

        def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
            collection = self.expression.iterable.evaluate(context)
            if collection is None or collection is False:
                return 0
            _, length = self.expression.evaluate(context)
            if not length:
                return buffer.write('<tr class="row1">\n</tr>\n')
            return int(super().render_to_output(context, buffer))
    return RubyTablerowNode


class TablerowTag(Tag):
    """Ruby's tablerow: its regular expression in every mode, ``cols``, ``limit`` and
    ``offset`` read by ``TagAttributes`` wherever they stand, anything else ignored."""

    name = "tablerow"
    end = "endtablerow"

    def parse(self, stream: Any) -> Node:
        from liquid.builtin.tags.tablerow_tag import TablerowNode
        token, markup = _markup(stream)
        m = _TABLEROW.search(markup)
        if not m:
            raise _lax_only(token, "Syntax Error in 'table_row loop' - Valid syntax: "
                                   "table_row [item] in [collection] cols=3")
        attrs: dict[str, Any] = {}
        for am in TAG_ATTRIBUTES.finditer(markup):
            attrs[am.group(1)] = parse_expression(am.group(2), token)
        loop = RubyLoop(token, m.group(1), _Markup(m.group(2), parse_expression(m.group(2),
                                                                               token)),
                        limit=attrs.get("limit"), offset=attrs.get("offset"), reversed_=False)
        if "cols" in attrs:
            loop.cols = _Cols(attrs["cols"])  # type: ignore[assignment]
        next(stream)
        block = _parse_block(self.env, stream, frozenset((self.end,)))
        _expect_end(stream, token, self.end)
        return _tablerow_node(TablerowNode)(token, expression=loop, block=block)


# --- cycle ----------------------------------------------------------------------------------------


class CycleNode(Node):
    __slots__ = ("name", "variables")

    def __init__(self, token: Token, name: Any, variables: list[Any]):
        super().__init__(token)
        self.name = name
        self.variables = variables
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        registers = context.tag_namespace.setdefault("ruby_cycle", {})
        key = evaluate(self.name, context)
        try:
            hash(key)
        except TypeError:
            key = repr(key)
        iteration = registers.get(key, 0)
        value = evaluate(self.variables[iteration], context) if self.variables else None
        registers[key] = 0 if iteration + 1 >= len(self.variables) else iteration + 1
        return buffer.write(to_ruby_string(value))


class CycleTag(Tag):
    name = "cycle"
    block = False

    def parse(self, stream: Any) -> Node:
        token, markup = _markup(stream)
        named = _CYCLE_NAMED.search(markup)
        if named:
            variables = self._variables(named.group(2), token)
            name: Any = parse_expression(named.group(1), token)
        elif _CYCLE_SIMPLE.search(markup):
            variables = self._variables(markup, token)
            plain = all(not hasattr(v, "evaluate") for v in variables)
            name = ("cycle", tuple(repr(v) for v in variables)) if plain else ("cycle", id(token))
        else:
            raise _lax_only(token, "Syntax Error in 'cycle' - Valid syntax: cycle [name :] var "
                                   "[, var2, var3 ...]")
        return CycleNode(token, name, variables)

    @staticmethod
    def _variables(markup: str, token: Token) -> list[Any]:
        parts = markup.split(",")
        while parts and parts[-1] == "":   # Ruby's split drops trailing empty strings
            parts.pop()
        out = []
        for part in parts:
            m = _CYCLE_VAR.search(part)
            value = parse_expression(m.group(1), token) if m else None
            if value is not None:   # Ruby compacts: unmatched parts and nil literals go
                out.append(value)
        return out


# --- render: Jekyll gives Liquid no file system for it ------------------------------------------

_RENDER = re.compile(r"(\"[^\"]*\"|'[^']*')")


class RenderNode(Node):
    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        raise RubyArgumentError("Liquid error: This liquid context does not allow includes.",
                                token=self.token)


class RenderTag(Tag):
    """``{% render 'x' %}`` parses, and stops the build when it runs, as in Jekyll 4.3.1."""

    name = "render"
    block = False

    def parse(self, stream: Any) -> Node:
        token, markup = _markup(stream)
        if not _RENDER.match(markup.strip()):
            raise _lax_only(token, "Syntax error in tag 'render' - Template name must be a "
                                   "quoted string")
        node = RenderNode(token)
        node.blank = False
        return node


# --- text ---------------------------------------------------------------------------------------


def _content_tag() -> type:
    from liquid.builtin.content import ContentNode, Literal

    class RubyContentNode(ContentNode):
        """Text is blank (dropped from a block that only has blank text and tags) when it is
        ASCII whitespace, as Ruby's whitespace class: an ideographic space is text."""

        def __init__(self, token: Token, text: str):
            super().__init__(token, text)
            self.blank = not text.strip(" \t\n\v\f\r")

    class RubyContent(Literal):
        node_class = RubyContentNode

    return RubyContent


def register(env: EnvironmentRef) -> None:
    env.add_tag(_content_tag())
    for tag in (RubyOutput, EchoTag, AssignTag, CaptureTag, IfTag, UnlessTag, CaseTag, ForTag,
                CycleTag, RenderTag, TablerowTag):
        env.add_tag(tag)


__all__ = ["register", "parse_variable", "RubyOutputNode", "TOKEN_TAG", "StringLiteral"]
