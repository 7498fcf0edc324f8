"""Inline rule: kramdown extensions inside running text.

``Do you see {::comment}this text{:/comment}?`` — the same extensions as the block rule
(``extension.py``), written inside a paragraph (a start line right after text does not end the
paragraph in kramdown, so multi-line ones land here too): ``comment`` becomes an HTML comment,
``nomarkdown`` its body as it is, ``options`` sets options as the block form does.
"""
from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from .attrs import SPAN_EXT_START, parse_attr_list
from .extension import KNOWN


def kramdown_span_extension(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != "{" or not state.src.startswith("{::", pos):
        return False
    m = SPAN_EXT_START.match(state.src, pos)
    if m is None or m.group(1) not in KNOWN:
        return False
    name = m.group(1)
    if m.group(3):
        body, end = None, m.end()
    else:
        stop = re.compile(rf"\{{:/(?:{name})?\}}").search(state.src, m.end())
        if stop is None:
            return False
        body, end = state.src[m.end():stop.start()], stop.end()
    if not silent and name == "options":
        attrs = parse_attr_list(m.group(2) or "").attrs
        state.env.setdefault("kramdown_options", {}).update(attrs)
    if not silent and body is not None and name != "options":
        token = state.push("html_inline", "", 0)
        if name == "comment":
            token.content = f"<!-- {body} -->"
        else:
            types = parse_attr_list(m.group(2) or "").attrs.get("type", "").split()
            token.content = body if not types or "html" in types else ""
    state.pos = end
    return True
