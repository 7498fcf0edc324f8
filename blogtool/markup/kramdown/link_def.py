"""kramdown link definitions ``[id]: url "title"``, which replace CommonMark's reference
definitions: the URL may contain spaces (``[id]: some file.html``) or be written ``<...>``, the
title (``"..."`` or ``'...'``) may stand on the next line, and a later definition of an id
replaces an earlier one. Ids are compared with whitespace collapsed, ignoring case. An
attribute list before or after the definition goes onto every link made from it.
"""
from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock

from .blockline import line_match

__all__ = ["link_definition", "normalize_id", "LINK_DEFS"]

LINK_DEFS = "kramdown_link_defs"
_START = re.compile(
    r" {0,3}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
    r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?(?:\n|\Z)")
_SPACE_QUOTE = re.compile(r"[ \t]+[\"']")
_WS = re.compile(r"\s+")


def normalize_id(label: str) -> str:
    return _WS.sub(" ", label).lower()


def link_definition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    limit = state.eMarks[start + 1] if start + 1 < end else state.eMarks[start]
    m = line_match(state, start, "[", _START, endpos=min(limit + 1, len(state.src)))
    if m is None or (m.group(3) and _SPACE_QUOTE.search(m.group(3))):
        return False
    url = m.group(2) if m.group(2) is not None else m.group(3)
    if silent:
        return True
    consumed = state.src.count("\n", m.start(), m.end() - 1) + 1
    token = state.push("kramdown_link_def", "", 0)   # an IAL next to it lands on it
    state.env.setdefault(LINK_DEFS, {})[normalize_id(m.group(1))] = (url, m.group(5), token)
    token.map = [start, start + consumed]
    token.hidden = True
    token.block = True
    state.line = start + consumed
    return True
