"""``{% liquid %}``: one tag per line, a tag of its own on each (what each line's markup is:
:func:`blogtool.liquid.tagsupport.written_markup`). A tag with no lines, or only blank
ones, writes nothing, as in Ruby (python-liquid wants an expression there)."""
from __future__ import annotations

from typing import Any

from liquid.ast import Node
from liquid.builtin.tags.liquid_tag import LiquidNode, LiquidTag
from liquid.token import TOKEN_EXPRESSION

from .interrupts import RubyBlock
from .state import EnvironmentRef


class LinesTag(LiquidTag):
    def parse(self, stream: Any) -> Node:
        token = stream.current
        if stream.peek.kind != TOKEN_EXPRESSION:
            return LiquidNode(token, None, block=RubyBlock(token, []))
        node = super().parse(stream)
        assert isinstance(node, LiquidNode)
        node.block = RubyBlock(node.block.token, node.block.nodes)   # Ruby's body rules
        return node


def register(env: EnvironmentRef) -> None:
    env.add_tag(LinesTag)
