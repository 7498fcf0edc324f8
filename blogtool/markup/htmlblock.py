"""HTML blocks the way kramdown reads them: from a block-level start tag to its matching end tag.

CommonMark ends an HTML block at the first blank line, so the very common Jekyll pattern of a
``<ul>`` whose ``{% for %}`` lines render to blank lines falls apart (the ``<li>`` lines become
an indented code block). kramdown, and therefore every Jekyll site, keeps the whole element as
raw HTML. This block rule runs before markdown-it's ``html_block`` and only takes over when the
element is balanced; everything else is left to CommonMark. The block also ends at the end tag
when text follows on the next line (CommonMark would run on to the next blank line).

``markdown="1"`` (or ``"block"``) on the start tag, or kramdown's ``parse_block_html`` option,
makes the element's content Markdown: the start and end tags (each alone on its line) stay HTML
(without the ``markdown`` attribute) and the lines between are parsed as blocks. Headings in
there get kramdown's own ids (``meta["kramdown_html"]``), as kramdown's GFM parser leaves them to
its HTML converter.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

BLOCK_TAGS = frozenset("""address article aside blockquote body center dd details dialog dir div
dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html iframe
legend li main menu nav noscript ol p pre section summary table tbody td tfoot th thead tr ul
video audio canvas script style textarea""".split())  # noqa: SIM905

_START = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
_MARKDOWN_ATTR = re.compile(r"""\s+markdown=(["']?)(1|block)\1""")
_ALONE = re.compile(r"^<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?>\s*$")
# Elements whose content kramdown parses as blocks under markdown="1" / parse_block_html.
_BLOCK_CONTENT = frozenset("""article aside blockquote body details dialog dir div dl fieldset
figure footer form header hgroup main menu nav noscript ol section ul""".split())  # noqa: SIM905


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
    if not m or m.group(1).lower() not in BLOCK_TAGS:
        return False
    markdown = _MARKDOWN_ATTR.search(first) is not None
    if 'markdown="' in first and not markdown:
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
    tag = m.group(1).lower()
    parse_inside = (markdown or _parse_block_html(state.env)) and \
        tag in _BLOCK_CONTENT and line > start and _ALONE.match(first.rstrip()) and \
        closes.fullmatch(state.src[state.bMarks[line] + state.tShift[line]:
                                   state.eMarks[line]].strip())
    if parse_inside:
        if silent:
            return True
        _markdown_inside(state, start, line, _MARKDOWN_ATTR.sub("", first.rstrip()))
        return True
    closing = state.src[state.bMarks[line]:state.eMarks[line]].rstrip()
    text_follows = (line + 1 < end and not state.isEmpty(line + 1)
                    and closes.search(closing) is not None
                    and closing.endswith(closes.findall(closing)[-1]))
    if not spans_blank and not text_follows:
        return False           # CommonMark gives the same block
    if silent:
        return True
    token = state.push("html_block", "", 0)
    token.map = [start, line + 1]
    token.content = state.getLines(start, line + 1, state.blkIndent, True)
    state.line = line + 1
    return True


def _parse_block_html(env: Any) -> bool:
    inline = (env.get("kramdown_options") or {}).get("parse_block_html")
    if inline is not None:
        return str(inline).lower() == "true"
    return bool(env.get("kramdown_parse_block_html"))


def _markdown_inside(state: StateBlock, start: int, close: int, opening: str) -> None:
    token = state.push("html_block", "", 0)
    token.map = [start, start + 1]
    token.content = opening + "\n"
    first = len(state.tokens)
    state.md.block.tokenize(state, start + 1, close)
    for tok in state.tokens[first:]:
        if tok.type == "heading_open":
            tok.meta = {**(tok.meta or {}), "kramdown_html": True}
    token = state.push("html_block", "", 0)
    token.map = [close, close + 1]
    token.content = state.getLines(close, close + 1, state.blkIndent, True)
    state.line = close + 1


# kramdown's span-level elements: a line starting with one of them is a paragraph, not HTML.
_SPAN_TAG = re.compile(r"</?(?:a|abbr|acronym|b|bdo|big|br|button|cite|code|del|dfn|em|i|img|"
                       r"input|ins|kbd|label|option|q|rb|rbc|rp|rt|rtc|ruby|samp|select|small|"
                       r"span|strong|sub|sup|textarea|tt|var)(?=[\s/>]|$)", re.I)


def _span_lines_are_text(inner):  # type: ignore[no-untyped-def]
    def html_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        if _SPAN_TAG.match(state.src, pos, state.eMarks[start]) and \
                state.sCount[start] - state.blkIndent < 4:
            return False
        return bool(inner(state, start, end, silent))
    return html_block


def kramdown_html_plugin(md: MarkdownIt, parse_block_html: bool = False,
                         span_lines_are_text: bool = False) -> None:
    """Install the rule; ``parse_block_html`` is kramdown's option of that name;
    ``span_lines_are_text``: a line starting with a span-level tag (``<img>``, ``<br>``,
    ``<span>``) starts a paragraph, as in kramdown, not a CommonMark HTML block."""
    if span_lines_are_text:
        rule = md.block.ruler.__rules__[md.block.ruler.__find__("html_block")]
        md.block.ruler.at("html_block", _span_lines_are_text(rule.fn), {"alt": list(rule.alt)})
    if parse_block_html:
        md.core.ruler.before("block", "kramdown_parse_block_html", _parse_block_html_on)
    md.block.ruler.before("html_block", "kramdown_html_block", kramdown_html_block,
                          {"alt": ["paragraph", "reference", "blockquote"]})


def _parse_block_html_on(state) -> None:  # type: ignore[no-untyped-def]
    state.env["kramdown_parse_block_html"] = True
