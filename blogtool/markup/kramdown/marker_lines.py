"""Block rule: one entry for kramdown's marker lines, dispatched on their first character.

``{`` an ALD or a block IAL (``ald.py``, ``ial.py``) or, not inside a paragraph, an extension
(``extension.py``); ``^`` the end-of-block marker (``eob.py``); ``:`` a definition
(``deflist.py``); ``<`` a tag line that ends a paragraph (any tag but span-level ones). All of
them end a paragraph, so this rule is asked about every line of every paragraph: one call and a
character test instead of four.
"""
from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock

from .ald import kramdown_ald
from .blockquote import _HTML_TAG_LINE
from .deflist import kramdown_deflist
from .eob import kramdown_eob
from .extension import kramdown_extension
from .ial import kramdown_ial

# A tag (not an autolink such as <https://...>) whose name is not a span-level element.
_TAG_START = re.compile(_HTML_TAG_LINE.pattern.replace(r"[\w:.-]*", r"[\w.-]*(?=[\s/>]|$)"))


def kramdown_marker_line(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    pos = state.bMarks[start] + state.tShift[start]
    first = state.src[pos:pos + 1]
    if first == "{":
        if state.src.startswith("{::", pos):
            # extensions do not end a paragraph: only as a block of their own
            return not silent and kramdown_extension(state, start, end, silent)
        return kramdown_ald(state, start, end, silent) or \
            kramdown_ial(state, start, end, silent)
    if first == "^":
        return kramdown_eob(state, start, end, silent)
    if first == ":":
        return kramdown_deflist(state, start, end, silent)
    if first == "<":
        # a line starting with a tag that is not span-level (even <https://...>) ends a
        # paragraph in kramdown; what follows is read by the other rules
        # (a lazy line of a list item stops at any tag-like start, <https://... included)
        tag = _HTML_TAG_LINE if state.sCount[start] < state.blkIndent else _TAG_START
        return silent and state.sCount[start] - state.blkIndent < 4 and \
            tag.match(state.src, pos, state.eMarks[start]) is not None
    return False
