"""Headings written without the space: ``##Flume 安装``, ``###代码``.

Redcarpet and Maruku (Jekyll's Markdown engines until 2016) read these as headings and
Chinese editors still accept them; kramdown's GFM parser and CommonMark print them as
paragraphs. This block rule reads a line of 1-6 ``#`` followed by a character that is not
``#`` as a heading, so the heading gets the same tokens (and so the same id) as the one
with the space. What it leaves alone: ``#tag`` words (a line of hashtags, or a single
``#word`` inside a paragraph), issue numbers (``#123``), ``#!/bin/bash``, C preprocessor
lines (``#include <stdio.h>``), commented-out settings (``#JAVA_HOME=/usr/java``), and
anything inside code (block rules never see the inside of a code block).
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

__all__ = ["nospace_heading_plugin", "nospace_heading"]

# 1-6 hashes, then a letter, digit, CJK character, opening bracket or quote, code span or
# strong emphasis (not "#", a space, "!", "{", "-", "*****"...)
_OPEN = re.compile(r"(#{1,6})(?=[^\W_]|[（【「『《“\[(`]|\*\*[^\s*]|__[^\s_])")
_PREPROCESSOR = re.compile(
    r"(?:include|define|undef|ifdef|ifndef|if|elif|else|endif|pragma|import|error|warning"
    r"|line|region|endregion)\b")
_SETTING = re.compile(r"(?:export[ \t]+|set[ \t]+)?[A-Za-z_][\w.-]*[ \t]*=")
_DIGITS = re.compile(r"\d+[ \t]*$")
_TAGS = re.compile(r"[^\s#]+(?:[ \t]+#[^\s#]+)+[ \t]*$")
_WORD = re.compile(r"[^\s#]+[ \t]*$")
_CLOSING = re.compile(r"[ \t]+#+[ \t]*$")


def nospace_heading(line: str, in_paragraph: bool = False) -> tuple[int, str] | None:
    """``(level, text)`` when a line (without its indentation) is a heading written
    without the space, else ``None``. ``in_paragraph``: the line would continue a
    paragraph, where a lone ``#word`` is a tag in running text."""
    m = _OPEN.match(line)
    if not m:
        return None
    level = len(m.group(1))
    rest = line[m.end():].rstrip()
    if (_PREPROCESSOR.match(rest) or _SETTING.match(rest) or _DIGITS.match(rest)
            or (level == 1 and _TAGS.match(rest))
            or (in_paragraph and level == 1 and _WORD.match(rest))):
        return None
    closing = _CLOSING.search(rest)
    if closing:
        rest = rest[:closing.start()]
    elif rest.endswith("#" * level) and not rest.endswith("#" * (level + 1)):
        rest = rest[:-level].rstrip()          # "##标题##"
    return (level, rest) if rest.strip() else None


def _rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start] + state.tShift[start]
    found = nospace_heading(state.src[pos:state.eMarks[start]], in_paragraph=silent)
    if found is None:
        return False
    if silent:
        return True
    level, text = found
    state.line = start + 1
    token = state.push("heading_open", f"h{level}", 1)
    token.markup = "#" * level
    token.map = [start, state.line]
    token = state.push("inline", "", 0)
    token.content = text.strip()
    token.map = [start, state.line]
    token.children = []
    token = state.push("heading_close", f"h{level}", -1)
    token.markup = "#" * level
    return True


def nospace_heading_plugin(md: MarkdownIt) -> None:
    """Install the rule right after ``heading``; like a heading it may end a paragraph."""
    md.block.ruler.after("heading", "nospace_heading", _rule,
                         {"alt": ["paragraph", "reference", "blockquote"]})
