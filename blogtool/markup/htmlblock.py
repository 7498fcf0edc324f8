"""HTML blocks the way kramdown reads them: from a block-level start tag to its matching end tag.

CommonMark ends an HTML block at the first blank line, so the very common Jekyll pattern of a
``<ul>`` whose ``{% for %}`` lines render to blank lines falls apart (the ``<li>`` lines become
an indented code block). kramdown, and therefore every Jekyll site, keeps the whole element as
raw HTML. This block rule runs before markdown-it's ``html_block`` and only takes over when the
element is balanced; everything else is left to CommonMark.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

BLOCK_TAGS = frozenset("""address article aside blockquote body center dd details dialog dir div
dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html iframe
legend li main menu nav noscript ol p pre section summary table tbody td tfoot th thead tr ul
video audio canvas script style textarea""".split())

_START = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")


@lru_cache(maxsize=128)
def _tag_patterns(tag: str) -> tuple[re.Pattern, re.Pattern]:
    return (re.compile(rf"<{tag}(?=[\s>])|<{tag}$", re.I | re.M),
            re.compile(rf"</{tag}\s*>", re.I))


def kramdown_html_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    first = state.src[pos:state.eMarks[start]]
    m = _START.match(first)
    if not m or m.group(1).lower() not in BLOCK_TAGS or 'markdown="1"' in first:
        return False
    opens, closes = _tag_patterns(m.group(1))
    depth = 0
    spans_blank = False
    line = start
    while line < end:
        text = state.src[state.bMarks[line]:state.eMarks[line]]
        if not text.strip():
            spans_blank = True
        depth += len(opens.findall(text)) - len(closes.findall(text))
        if depth <= 0:
            break
        line += 1
    else:
        return False           # never closed: CommonMark's reading stands
    if not spans_blank:
        return False           # no blank line inside: CommonMark gives the same block
    if silent:
        return True
    token = state.push("html_block", "", 0)
    token.map = [start, line + 1]
    token.content = state.getLines(start, line + 1, state.blkIndent, True)
    state.line = line + 1
    return True


def kramdown_html_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("html_block", "kramdown_html_block", kramdown_html_block,
                          {"alt": ["paragraph", "reference", "blockquote"]})
