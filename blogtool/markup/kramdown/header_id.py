"""Core rule (after block parsing): an explicit header id ``# Title {#id}``.

The id is a space or tab, then ``{#name}`` at the very end of an ATX or setext heading, where
the name is an XML name (letters of any script, digits, ``_ : . -``; not starting with a digit,
``-`` or ``.``). It is taken off the heading's text and set as the heading's id, which the
automatic ids then leave alone.
"""
from __future__ import annotations

import re

from markdown_it.rules_core import StateCore

_START = ("A-Z_a-z:\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
          "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
          "\U00010000-\U000effff")
_CHAR = _START + r"\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
HEADER_ID = re.compile(rf"[\t ]\{{#([{_START}][{_CHAR}]*)\}}$")


def _closed_atx(src: str, tok: object) -> bool:
    """``## Title {#id} ##``: kramdown looks for the id before taking off the closing
    hashes, so there is no id."""
    markup = getattr(tok, "markup", "")
    line_map = getattr(tok, "map", None)
    if not markup.startswith("#") or not line_map:
        return False
    lines = src.split("\n", line_map[0] + 1)
    return len(lines) > line_map[0] and lines[line_map[0]].rstrip().endswith("#")


def header_ids(state: StateCore) -> None:
    tokens = state.tokens
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open":
            continue
        inline = tokens[i + 1]
        content = inline.content.rstrip()
        if not content.endswith("}"):
            continue
        m = HEADER_ID.search(content)
        if m is None or _closed_atx(state.src, tok):
            continue
        inline.content = content[:m.start()].rstrip()
        tok.attrs["id"] = m.group(1)
