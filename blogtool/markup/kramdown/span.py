"""The span half of the kramdown dialect, installed in one call: footnotes, abbreviations,
math, span IALs, code spans, links and link definitions, smart quotes and guillemets, escapes
(and kramdown's emphasis under ``compat: jekyll``), configured from the ``kramdown:`` settings.

Each rule lives in its own module. markdown-it tries every inline rule in turn at each
character the text rule stops at, so the span rules are not registered one by one: one
dispatcher looks up the rules for the character at hand (``{``, ``[``, ``!``, quotes, ``$``,
``\\``, ``<``) and the block rules likewise for the line's first character, which keeps a post
without kramdown syntax within a few per cent of plain markdown-it.
"""
from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from ..highlight import rouge_options
from ..options import MarkupOptions
from .abbreviations import abbreviation_def, abbreviations_plugin
from .codespan import codespan_plugin
from .emphasis import kramdown_emphasis_plugin
from .escapes import double_backslash_break, kept_backslash
from .extension_span import kramdown_span_extension
from .footnotes import footnote_def, footnote_ref, footnotes_plugin
from .guillemets import guillemets, guillemets_plugin
from .link import kramdown_links_plugin
from .links import links_plugin
from .math import math_block, math_inline, math_plugin
from .smart_quotes import smart_quote, smart_quotes_plugin
from .span_html import span_html_plugin
from .span_ial import span_ial, span_ial_plugin

InlineRule = Callable[[StateInline, bool], bool]
BlockRule = Callable[[StateBlock, int, int, bool], bool]

__all__ = ["kramdown_span_plugin"]


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def kramdown_span_plugin(md: MarkdownIt, options: MarkupOptions) -> None:
    """Install the span rules on ``md`` (after heading ids and code rendering are set up:
    abbreviations must not hide heading text from the id, and span IALs wrap the code span
    renderer)."""
    footnotes_plugin(md, first_number=_int(options.kramdown_option("footnote_nr", 1), 1),
                     backlink=str(options.kramdown_option("footnote_backlink", "&#8617;") or ""))
    abbreviations_plugin(md)
    codespan_plugin(md)
    if options.jekyll_exact:
        kramdown_emphasis_plugin(md)   # blogtool's mode keeps CommonMark + CJK rules
    engine = options.kramdown_option("math_engine", "mathjax")
    math_plugin(md, None if engine in (None, "", "null", "nil") else str(engine))
    links_plugin(md)
    kramdown_links_plugin(md)
    span_html_plugin(md, raw_unknown=options.jekyll_exact)
    rouge = rouge_options(options.kramdown_option("syntax_highlighter_opts"))
    span_ial_plugin(md, highlight=options.highlight, rouge=rouge)
    inline: dict[str, list[InlineRule]] = {"{": [kramdown_span_extension, span_ial],
                                           "[": [footnote_ref],
                                           "!": [footnote_ref], "$": [math_inline],
                                           "\\": [math_inline, double_backslash_break,
                                                  kept_backslash]}
    names = ["kd_span_ial", "footnote_ref", "math_inline"]
    if options.typographer:
        smart_quotes_plugin(md, cjk=options.cjk)
        guillemets_plugin(md)
        inline.update({"'": [smart_quote], '"': [smart_quote], "<": [guillemets],
                       "\\": [math_inline, double_backslash_break, guillemets,
                              kept_backslash]})
        names += ["kd_smart_quotes", "kd_guillemets"]
    md.inline.ruler.disable(names)
    md.inline.ruler.before("escape", "kramdown_span", _inline_dispatch(inline))
    blocks: dict[str, list[BlockRule]] = {"[": [footnote_def], "*": [abbreviation_def],
                                          "$": [math_block]}
    md.block.ruler.disable(["footnote_def", "kd_abbreviation_def", "math_block"])
    md.block.ruler.before("reference", "kramdown_span_blocks", _block_dispatch(blocks))


def _inline_dispatch(table: dict[str, list[InlineRule]]) -> InlineRule:
    def kramdown_span(state: StateInline, silent: bool) -> bool:
        rules = table.get(state.src[state.pos])
        if rules is None:
            return False
        return any(rule(state, silent) for rule in rules)
    return kramdown_span


def _block_dispatch(table: dict[str, list[BlockRule]]) -> BlockRule:
    def kramdown_span_blocks(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        rules = table.get(state.src[pos:pos + 1])
        if rules is None:
            return False
        return any(rule(state, start, end, silent) for rule in rules)
    return kramdown_span_blocks
