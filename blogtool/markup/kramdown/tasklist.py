"""Core rule (after inline parsing): GFM task lists as kramdown's GFM parser writes them.

An item whose first paragraph starts with ``[ ]`` or ``[x]`` (any case) and whitespace gets a
disabled checkbox ``<input type="checkbox" class="task-list-item-checkbox" disabled="disabled"
/>`` (``checked="checked"`` for ``[x]``) in their place and the class ``task-list-item``; its list
gets ``task-list``. Items from the first task item on that start with a paragraph get the
class too, as in kramdown.
"""
from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .tokens import closing

_BOX = re.compile(r"\A\s*\[([ xX])\]\s+")
_INPUT = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" '


def task_lists(state: StateCore) -> None:
    if "[" not in state.src:
        return
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type not in ("bullet_list_open", "ordered_list_open"):
            continue
        end = closing(tokens, i)
        seen = False
        j = i + 1
        while j < end:
            item = tokens[j]
            if item.type == "list_item_open" and item.level == tok.level + 1:
                para, inline = tokens[j + 1], tokens[j + 2]
                if para.type == "paragraph_open" and inline.children and \
                        inline.children[0].type == "text":
                    first = inline.children[0]
                    m = _BOX.match(first.content)
                    if m:
                        seen = True
                        box = Token("html_inline", "", 0)
                        box.content = _INPUT + ('checked="checked" />' if m.group(1) != " "
                                                else "/>")
                        first.content = first.content[m.end():]
                        inline.children.insert(0, box)
                    if seen:
                        item.attrs["class"] = "task-list-item"
            j += 1
        if seen:
            tok.attrs["class"] = "task-list"
