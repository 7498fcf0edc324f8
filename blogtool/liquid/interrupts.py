"""``{% break %}`` and ``{% continue %}`` as Ruby Liquid 5.4 treats them.

Ruby Liquid keeps a stack of interrupts in the render context: ``break`` and ``continue``
push one, and every block body stops after the tag, output or block that left one there.
Only ``for`` takes an interrupt off the stack. So, outside any loop:

* the template stops where the interrupt happened (no error); what was written stays;
* an interrupt in an include ends the include and whatever encloses it, up to a ``for`` of
  the including template, which takes it as its own;
* ``capture`` keeps what its body wrote before the interrupt, and ``ifchanged`` compares
  and writes it, before the enclosing body stops;
* ``tablerow`` does not take interrupts: its later cells start with the interrupt still
  there, so each of their bodies writes its text up to and including its first tag or output,
  and the body enclosing the table stops after it. A ``for`` inside such a cell takes the
  interrupt.

Here an interrupt travels as python-liquid's ``BreakLoop``/``ContinueLoop`` exception, which
ends each enclosing body as Ruby's check does. Only a ``tablerow`` cell keeps one waiting, in
:attr:`RenderState.interrupts`; a body in which one waits raises it after its next node that
is not text, which is where Ruby's check would stop it. Several can wait (a ``break`` in each
later cell), and a ``for`` takes only one of them.
"""
from __future__ import annotations

from typing import Any, TextIO

from liquid.ast import BlockNode, Node
from liquid.builtin.content import ContentNode
from liquid.builtin.tags.for_tag import BreakNode, ContinueNode
from liquid.builtin.tags.ifchanged_tag import IfChangedNode, IfChangedTag
from liquid.context import RenderContext
from liquid.exceptions import LiquidInterrupt
from liquid.output import NullIO
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION

from .state import EnvironmentRef

_NONE: list[LiquidInterrupt] = []


def waiting(context: RenderContext) -> list[LiquidInterrupt]:
    """The interrupts left waiting by ``tablerow`` cells (the list itself, often empty)."""
    state = getattr(context, "state", None)
    return state.interrupts if state is not None else _NONE


def render_body(nodes: list[Node], context: RenderContext, buffer: TextIO) -> int:
    """Render a block body's nodes; while an interrupt waits, only up to and including the
    first node that is not text, after which the interrupt goes on as an exception."""
    pending = waiting(context)
    written = 0
    for node in nodes:
        written += node.render(context, buffer)
        if pending and not is_text(node):
            raise pending.pop()
    return written


def is_text(node: Node) -> bool:
    """Text between tags; a ``raw`` block, read as text here, is a tag in Ruby."""
    if not isinstance(node, ContentNode):
        return False
    token = node.token
    return not (token.source or "").startswith("{%", token.start_index)


class RubyBlock(BlockNode):
    """A block body that follows :func:`render_body`."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        if context.env.suppress_blank_control_flow_blocks and self.blank:
            render_body(self.nodes, context, NullIO())
            return 0
        return render_body(self.nodes, context, buffer)


class CellBlock(RubyBlock):
    """A ``tablerow`` cell: an interrupt ends the cell and waits for the next one. A cell
    of whitespace only writes it."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        try:
            return render_body(self.nodes, context, buffer)
        except LiquidInterrupt as interrupt:
            pending = waiting(context)
            if pending is _NONE:
                raise
            pending.append(interrupt)
            return 0


def after_table(context: RenderContext) -> None:
    """After a ``tablerow``: an interrupt still waiting stops the enclosing body."""
    pending = waiting(context)
    if pending:
        raise pending.pop()


class ChangedNode(IfChangedNode):
    """``ifchanged``: an interrupt in the body still compares and writes what came before.
    Its body is never dropped as blank (whitespace only is written, as Ruby does)."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        buf = context.get_buffer(buffer)
        stopped: LiquidInterrupt | None = None
        try:
            render_body(self.block.nodes, context, buf)
        except LiquidInterrupt as interrupt:
            stopped = interrupt
        value = buf.getvalue()
        written = buffer.write(value) if context.ifchanged(value) else 0
        if stopped is not None:
            raise stopped
        return written


class ChangedTag(IfChangedTag):
    node_class = ChangedNode

    def parse(self, stream: Any) -> Node:
        node = super().parse(stream)
        assert isinstance(node, ChangedNode)
        return node


class BreakTag(Tag):
    """``{% break %}``; Ruby ignores anything written after the name. Not blank: a block
    holding one keeps its whitespace, as in Ruby."""

    name = "break"
    block = False
    node: type[Node] = BreakNode

    def parse(self, stream: Any) -> Node:
        token = stream.current
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
        node = self.node(token)
        node.blank = False
        return node


class ContinueTag(BreakTag):
    name = "continue"
    node = ContinueNode


def ends_template(node: Node, context: RenderContext) -> bool:
    """After a node of a template's top level: whether an interrupt waits, which ends the
    template as any interrupt outside a loop does."""
    return bool(waiting(context)) and not is_text(node)


def ended(context: RenderContext) -> None:
    """Note that the template stopped at an interrupt outside any loop: the text after
    its last tag is not written either."""
    state = getattr(context, "state", None)
    if state is not None:
        state.stopped = True


def register(env: EnvironmentRef) -> None:
    for tag in (ChangedTag, BreakTag, ContinueTag):
        env.add_tag(tag)
