"""The kramdown dialect: every kramdown rule, registered in order on a markdown-it parser.

Block rules (tried at the start of each line, before markdown-it's own):
  kramdown_prose_line a line opening with a letter skips the marker rules   prose.py
  kramdown_marker_line  by first character (marker_lines.py):
                      ``{:name: ...}`` ald.py, ``{: ...}`` ial.py, ``^`` eob.py,
                      ``: definition`` deflist.py, ``{::comment}`` ``{::nomarkdown}``
                      ``{::options /}`` extension.py
  kramdown_table      kramdown tables, tried after headings, lists, quotes (as kramdown
                      does), markdown-it's table rule off   table.py
  code, blockquote    replaced: lazy lines as kramdown      code_block.py, blockquote.py
  list, fence         wrapped: kramdown's markers, lazy lines and fences
                      (lists.py, lazy.py, fences.py)
  hr                  no longer interrupts a paragraph
  heading             wrapped: ``##`` without text is text (headings.py)
Inline rule (called from the span dispatcher in span.py, on ``{``):
  kramdown_span_extension  ``{::comment}...{:/}`` inside text  extension_span.py
Core rules:
  after block parsing   kramdown_header_id (``{#id}``), kramdown_list_merge,
                        kramdown_list_start,
                        kramdown_list_paragraphs (list_paragraphs.py),
                        kramdown_list_item_ial,
                        kramdown_ial_apply
  after inline          kramdown_task_lists (tasklist.py)
  at the end            kramdown_auto_ids, kramdown_toc, kramdown_blank_lines
Render rules: the markers render as nothing; code blocks carry IAL attributes (code_attrs.py).

Every rule first checks for its marker (``{:``, ``{#``) so a document without kramdown syntax
costs one substring test per rule.
"""
from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from ..options import MarkupOptions
from .auto_ids import make_auto_ids, option_on
from .blank_lines import blank_lines
from .blockquote import kramdown_blockquote
from .code_attrs import code_attrs_plugin
from .code_block import kramdown_code
from .fences import fences_plugin
from .header_id import header_ids
from .headings import headings_plugin
from .ial_apply import apply_ials
from .list_item_ial import list_item_ials
from .list_paragraphs import list_paragraphs
from .lists import drop_list_start, lists_plugin, merge_bullet_lists
from .marker_lines import kramdown_marker_line
from .prose import prose_plugin
from .table import kramdown_table
from .tasklist import task_lists
from .toc import make_toc, parse_levels

# What an IAL line may interrupt without a blank line (kramdown ends the block there).
_INTERRUPTS = ["paragraph", "reference", "blockquote", "list"]


def _with_lists(rule: Callable[[StateCore], None]) -> Callable[[StateCore], None]:
    def guarded(state: StateCore) -> None:
        if state.env.get("kramdown_lists"):
            rule(state)
    guarded.__name__ = rule.__name__
    return guarded


def _when(marker: str, rule: Callable[[StateCore], None]) -> Callable[[StateCore], None]:
    def guarded(state: StateCore) -> None:
        if marker in state.src:
            rule(state)
    guarded.__name__ = rule.__name__
    return guarded


def _nothing(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    return ""


def _newline(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    return "\n"


def kramdown_block_plugin(md: MarkdownIt, options: MarkupOptions) -> None:
    """Install the block half of the dialect (call after the code render rules are set)."""
    block = md.block.ruler
    block.after("code", "kramdown_marker_line", kramdown_marker_line, {"alt": _INTERRUPTS})
    block.disable("table")
    block.before("paragraph", "kramdown_table", kramdown_table)   # after headings, lists...
    block.at("code", kramdown_code)
    block.at("blockquote", kramdown_blockquote,
             {"alt": ["paragraph", "reference", "blockquote", "list"]})
    hr = block.__rules__[block.__find__("hr")]
    block.at("hr", hr.fn, {"alt": ["reference", "blockquote", "list"]})   # not after text
    lists_plugin(md)
    headings_plugin(md)
    fences_plugin(md)
    prose_plugin(md)

    core = md.core.ruler
    core.after("block", "kramdown_header_id", _when("{#", header_ids))
    core.after("kramdown_header_id", "kramdown_list_merge", _with_lists(merge_bullet_lists))
    core.after("kramdown_list_merge", "kramdown_list_start", _with_lists(drop_list_start))
    core.after("kramdown_list_start", "kramdown_list_paragraphs", _with_lists(list_paragraphs))
    core.after("kramdown_list_paragraphs", "kramdown_list_item_ial", _when("{:", list_item_ials))
    core.after("kramdown_list_item_ial", "kramdown_ial_apply", _when("{:", apply_ials))
    auto = option_on(options.kramdown_option("auto_ids"), options.auto_ids)
    prefix = str(options.kramdown_option("auto_id_prefix") or "")
    gfm = str(options.input).lower() != "kramdown"
    core.after("inline", "kramdown_task_lists", _with_lists(task_lists))
    core.push("kramdown_auto_ids", make_auto_ids(gfm, auto, prefix))
    levels = parse_levels(options.kramdown_option("toc_levels", "1..6"))
    core.push("kramdown_toc", _when("{:", make_toc(levels)))

    core.push("kramdown_blank_lines", blank_lines)

    for name in ("kramdown_ial", "kramdown_ald", "kramdown_eob", "kramdown_options"):
        md.add_render_rule(name, _nothing)
    md.add_render_rule("kramdown_blank", _newline)
    code_attrs_plugin(md)
