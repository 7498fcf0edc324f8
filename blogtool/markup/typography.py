"""kramdown's typographic symbols instead of markdown-it's ``replacements`` rule.

kramdown (Jekyll) turns ``---``, ``--``, ``...``, ``<<`` and ``>>`` into dashes, an ellipsis
and guillemets, and nothing else; markdown-it also rewrites ``(c)``, ``+-`` and any run of two or
more dots (``trailing..md`` would lose a dot). Code spans and autolinks are left alone.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_SYMBOLS = re.compile(r"---|--|\.\.\.|<< |<<| >>|>>")
_REPLACE = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "<< ": "\u00ab\u00a0",
            "<<": "\u00ab", " >>": "\u00a0\u00bb", ">>": "\u00bb"}


def kramdown_typography(state: StateCore) -> None:
    if not state.md.options.get("typographer"):
        return
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        in_autolink = 0
        for child in token.children:
            if child.type == "link_open" and child.info == "auto":
                in_autolink += 1
            elif child.type == "link_close" and in_autolink:
                in_autolink -= 1
            elif child.type == "text" and not in_autolink and (
                    "--" in child.content or "..." in child.content or "<<" in child.content
                    or ">>" in child.content):
                child.content = _SYMBOLS.sub(lambda m: _REPLACE[m.group(0)], child.content)


def kramdown_typography_plugin(md: MarkdownIt) -> None:
    md.core.ruler.at("replacements", kramdown_typography)
