"""The kramdown dialect: every kramdown rule, registered in order on a markdown-it parser.

Block rules (tried at the start of each line, before markdown-it's own):
  kramdown_ald        ``{:name: ...}``                      ald.py
  kramdown_ial        ``{: ...}``                           ial.py
  kramdown_extension  ``{::comment}`` ``{::nomarkdown}`` ``{::options /}``  extension.py
Core rules:
  after block parsing   kramdown_header_id (``{#id}``), kramdown_list_item_ial,
                        kramdown_ial_apply
  at the end            kramdown_auto_ids, kramdown_toc
Render rules: the markers render as nothing; code blocks carry IAL attributes (code_attrs.py).

Every rule first checks for its marker (``{:``, ``{#``) so a document without kramdown syntax
costs one substring test per rule.
"""
from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from ..options import MarkupOptions
from .ald import kramdown_ald
from .auto_ids import make_auto_ids, option_on
from .code_attrs import code_attrs_plugin
from .extension import kramdown_extension
from .header_id import header_ids
from .ial import kramdown_ial
from .ial_apply import apply_ials
from .list_item_ial import list_item_ials
from .toc import make_toc, parse_levels

# What an IAL line may interrupt without a blank line (kramdown ends the block there).
_INTERRUPTS = ["paragraph", "reference", "blockquote", "list"]


def _when(marker: str, rule: Callable[[StateCore], None]) -> Callable[[StateCore], None]:
    def guarded(state: StateCore) -> None:
        if marker in state.src:
            rule(state)
    guarded.__name__ = rule.__name__
    return guarded


def _nothing(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    return ""


def kramdown_block_plugin(md: MarkdownIt, options: MarkupOptions) -> None:
    """Install the block half of the dialect (call after the code render rules are set)."""
    block = md.block.ruler
    block.after("code", "kramdown_ald", kramdown_ald, {"alt": _INTERRUPTS})
    block.after("kramdown_ald", "kramdown_ial", kramdown_ial, {"alt": _INTERRUPTS})
    block.after("kramdown_ial", "kramdown_extension", kramdown_extension)

    core = md.core.ruler
    core.after("block", "kramdown_header_id", _when("{#", header_ids))
    core.after("kramdown_header_id", "kramdown_list_item_ial", _when("{:", list_item_ials))
    core.after("kramdown_list_item_ial", "kramdown_ial_apply", _when("{:", apply_ials))
    auto = option_on(options.kramdown_option("auto_ids"), options.auto_ids)
    prefix = str(options.kramdown_option("auto_id_prefix") or "")
    gfm = str(options.input).lower() != "kramdown"
    core.push("kramdown_auto_ids", make_auto_ids(gfm, auto, prefix))
    levels = parse_levels(options.kramdown_option("toc_levels", "1..6"))
    core.push("kramdown_toc", _when("{:", make_toc(levels)))

    for name in ("kramdown_ial", "kramdown_ald", "kramdown_eob"):
        md.add_render_rule(name, _nothing)
    code_attrs_plugin(md)
