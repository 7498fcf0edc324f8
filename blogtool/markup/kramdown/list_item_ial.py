"""Core rule (after block parsing): an IAL at the start of a list item, ``* {: .done} text``.

It sets attributes on the ``<li>`` itself and is taken off the item's text.
"""
from __future__ import annotations

import re

from markdown_it.rules_core import StateCore

from .attrs import AttrList, apply_attrs, parse_attr_list

_ITEM_IAL = re.compile(r"\s*\{:(?!(?:\w[\w-]*)?:|/)((?:\\\}|[^}])+)\}\s*", re.ASCII)


def list_item_ials(state: StateCore) -> None:
    tokens = state.tokens
    alds: dict[str, AttrList] = state.env.get("kramdown_alds", {})
    for i, tok in enumerate(tokens):
        if tok.type != "list_item_open" or i + 2 >= len(tokens):
            continue
        para, inline = tokens[i + 1], tokens[i + 2]
        if para.type != "paragraph_open" or not inline.content.startswith("{:"):
            continue
        m = _ITEM_IAL.match(inline.content)
        if m is None:
            continue
        inline.content = inline.content[m.end():]
        attrs = {k: str(v) for k, v in tok.attrs.items()}
        apply_attrs(attrs, parse_attr_list(m.group(1)), alds)
        tok.attrs = dict(attrs)
