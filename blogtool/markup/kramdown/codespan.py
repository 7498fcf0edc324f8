"""kramdown code spans, which differ from CommonMark's in three ways:

* a single backtick with whitespace (or the start of the text) before it and whitespace after
  it is a literal backtick (``a ` b``), not an opening;
* the closing backticks are the next occurrence of the same run, even inside a longer run;
* in a span opened by two or more backticks one space is removed at each end; a single-backtick
  span keeps its content exactly.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

__all__ = ["codespan_plugin"]


def codespan(state: StateInline, silent: bool) -> bool:
    src = state.src
    start = state.pos
    if src[start] != "`":
        return False
    end = start
    maximum = state.posMax
    while end < maximum and src[end] == "`":
        end += 1
    run = src[start:end]
    literal = (len(run) == 1 and (start == 0 or src[start - 1].isspace())
               and end < maximum and src[end].isspace())
    close = -1 if literal else src.find(run, end, maximum)
    if close < 0:
        if not silent:
            state.pending += run
        state.pos = end
        return True
    if not silent:
        text = src[end:close]
        if len(run) > 1:
            if text.startswith(" "):
                text = text[1:]
            if text.endswith(" "):
                text = text[:-1]
        token = state.push("code_inline", "code", 0)
        token.markup = run
        token.content = text
    state.pos = close + len(run)
    return True


def codespan_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.at("backticks", codespan)
