"""Block rule: a line that starts with a letter goes straight to the rules that can read it.

Most blocks of a post are paragraphs that open with a letter (a Chinese character, a word).
The rules between ``code`` and ``lheading`` each look for a marker that is never a letter
(``{ ^ : < ` ~ > * - _ + [ # $``, a digit), so for such a line this rule calls only the rules
after them (setext heading, code recovery, tables, paragraph), in the same order, instead of
eleven calls that all answer no. When the chain holds any other rule in that stretch, it steps
aside.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from .lists import BlockRule

# The rules that never start a block on a line whose first character is a letter.
_MARKER_RULES = frozenset((
    "kramdown_marker_line", "fence", "blockquote", "hr", "list", "kramdown_span_blocks",
    "reference", "kramdown_html_block", "html_block", "heading", "nospace_heading",
))
_NAME = "kramdown_prose_line"


def _after_markers(md: MarkdownIt) -> list[BlockRule] | None:
    """The enabled rules after the marker rules that follow this one, or None when
    something else stands between."""
    names = [rule.name for rule in md.block.ruler.__rules__ if rule.enabled]
    fns = [rule.fn for rule in md.block.ruler.__rules__ if rule.enabled]
    if _NAME not in names:
        return None
    k = names.index(_NAME) + 1
    while k < len(names) and names[k] in _MARKER_RULES:
        k += 1
    if k < len(names) and names[k] != "lheading":
        return None
    return fns[k:]


def prose_plugin(md: MarkdownIt) -> None:
    """Install the rule right after ``code`` (call once the marker rules are in place)."""
    seen: list[BlockRule] | None = None     # the chain the rest was worked out for
    rest: list[BlockRule] | None = None

    def kramdown_prose_line(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        nonlocal seen, rest
        pos = state.bMarks[start] + state.tShift[start]
        if silent or not state.src[pos:pos + 1].isalpha():
            return False
        chain = state.md.block.ruler.getRules("")
        if seen is not chain:
            seen, rest = chain, _after_markers(state.md)
        if rest is None:
            return False
        return any(rule(state, start, end, False) for rule in rest)

    md.block.ruler.after("code", _NAME, kramdown_prose_line)
