"""kramdown abbreviations: ``*[HDFS]: Hadoop Distributed File System`` defines an abbreviation,
and every occurrence of ``HDFS`` in the document's text (headings, lists, tables, link text;
not code, HTML or image descriptions) becomes ``<abbr title="...">HDFS</abbr>``.

A definition is a line of its own (up to three spaces of indentation; it does not interrupt a
paragraph) and may be anywhere in the document; a later one for the same text wins, an empty
one gives ``<abbr>`` without a title, and an attribute list on the next line
(``{: .cls}``) goes onto every ``<abbr>`` it makes. An occurrence must not touch an ASCII
letter, digit or underscore on either side (kramdown's ``\\w`` is ASCII, so ``用HDFS存储``
matches); longer abbreviations are tried first.
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .attrs import BLOCK_IAL, AttrList, parse_attr_list, resolve
from .blockline import line_match

__all__ = ["abbreviations_plugin"]

_DEF = re.compile(r" {0,3}\*\[(.+?)\]:(.*)")
_KEY = "kramdown_abbreviations"
_WORD = "A-Za-z0-9_"


def abbreviation_def(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    m = line_match(state, start, "*[", _DEF, full=True)
    if m is None:
        return False
    if silent:
        return True
    state.env[_KEY] = True
    line = start + 1
    ial = None
    if line < end:
        im = BLOCK_IAL.match(state.src, state.bMarks[line] + state.tShift[line],
                             state.eMarks[line])
        if im is not None:
            ial = parse_attr_list(im.group(1))
            line += 1
    token = state.push("kd_abbreviation_def", "", 0)
    token.map = [start, line]
    token.hidden = True
    token.block = True       # an attribute list line before it lands on it
    token.meta = {"name": m.group(1), "title": m.group(2).strip(), "ial": ial}
    state.line = line
    return True


def _pattern(names: Sequence[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(f"(?<![{_WORD}])(?:{alternatives})(?![{_WORD}])")


def _split(token: Token, pattern: re.Pattern[str],
           defs: dict[str, tuple[str, AttrList | None]], alds: Any) -> list[Token] | None:
    text = token.content
    pieces: list[Token] = []
    last = 0
    for m in pattern.finditer(text):
        if m.start() > last:
            before = Token("text", "", 0)
            before.content = text[last:m.start()]
            pieces.append(before)
        title, ial = defs[m.group(0)]
        abbr = Token("kd_abbreviation", "abbr", 0)
        abbr.content = m.group(0)
        attrs: dict[str, str] = resolve(ial, alds) if ial is not None else {}
        if title:
            attrs["title"] = title
        abbr.attrs = dict(attrs)
        pieces.append(abbr)
        last = m.end()
    if not pieces:
        return None
    if last < len(text):
        after = Token("text", "", 0)
        after.content = text[last:]
        pieces.append(after)
    return pieces


def _replace(children: list[Token], pattern: re.Pattern[str],
             defs: dict[str, tuple[str, AttrList | None]], alds: Any) -> list[Token]:
    out: list[Token] = []
    for child in children:
        if child.type == "text" and child.content:
            pieces = _split(child, pattern, defs, alds)
            if pieces is not None:
                for piece in pieces:
                    piece.level = child.level
                out.extend(pieces)
                continue
        out.append(child)
    return out


def _definitions(tokens: list[Token]) -> dict[str, tuple[str, AttrList | None]]:
    """Every definition in document order (a later one wins), with the attributes of an
    attribute list before it (placed on the token) and after it."""
    defs: dict[str, tuple[str, AttrList | None]] = {}
    for token in tokens:
        if token.type == "kd_abbreviation_def":
            ial = AttrList(attrs={k: str(v) for k, v in token.attrs.items()})
            if token.meta["ial"] is not None:
                ial.update(token.meta["ial"])
            defs[token.meta["name"]] = (token.meta["title"], ial)
    return defs


def abbreviations(state: StateCore) -> None:
    """Core rule (after typography and smart quotes): mark every occurrence."""
    if not state.env.get(_KEY):
        return
    defs = _definitions(state.tokens)
    if not defs:
        return
    pattern = _pattern(list(defs))
    alds = state.env.get("kramdown_alds") or {}
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _replace(token.children, pattern, defs, alds)


def render_abbreviation(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict,
                        env: EnvType) -> str:
    token = tokens[idx]
    attrs = "".join(f' {k}="{html.escape(str(v))}"' for k, v in token.attrs.items())
    return f"<abbr{attrs}>{html.escape(token.content, quote=False)}</abbr>"


def abbreviations_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("reference", "kd_abbreviation_def", abbreviation_def)
    if "kramdown_auto_ids" in md.core.ruler.get_all_rules():
        # after the ids (made from the plain text), before the table of contents (which
        # shows the heading's <abbr> as kramdown does)
        md.core.ruler.after("kramdown_auto_ids", "kd_abbreviations", abbreviations)
    else:
        md.core.ruler.push("kd_abbreviations", abbreviations)
    md.add_render_rule("kd_abbreviation", render_abbreviation)
    md.add_render_rule("kd_abbreviation_def", lambda *args: "")
