"""kramdown footnotes: ``[^name]`` markers, ``[^name]: text`` definitions, and the notes
written at the end of the document in kramdown's HTML.

* A name is ``[A-Za-z0-9_][A-Za-z0-9_-]*`` (kramdown's ``\\w`` is ASCII): ``[^注]`` is text.
* A definition starts a block (it does not interrupt a paragraph); its text is the rest of the
  line plus following chunks that each begin, after optional blank lines, with a line indented
  by four spaces or a tab, and go on over non-blank lines. One level of indentation is removed
  and the result is read as blocks. A later definition of a name replaces an earlier one.
* Notes are numbered in the order they are first referenced, from ``footnote_nr``; a note
  referenced only from another note is numbered when that note is written. Definitions never
  referenced are dropped; a marker without a definition stays text.
* A list marked ``{:footnotes}`` is replaced by the notes (otherwise they end the document).
* Backlinks (``footnote_backlink``, ``&#8617;`` by default, empty for none) go at the end of
  the note's last paragraph, or into a paragraph of their own when the note ends in another
  block; repeated references get ``fnref:name:1``... and backlinks numbered from 2.
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .blockline import line_match
from .tokens import closing

__all__ = ["footnotes_plugin"]

_DEF = re.compile(r"\[\^([A-Za-z0-9_][A-Za-z0-9_-]*)\]:", re.ASCII)
_REF = re.compile(r"\[\^([A-Za-z0-9_][A-Za-z0-9_-]*)\]", re.ASCII)
_OUTDENT = re.compile(r"^(?:\t| {4})", re.MULTILINE)
# Lines that end a definition's lazy continuation: an IAL, ``^``, a block-level HTML tag.
_SPAN_TAGS = ("a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|"
              "label|mark|option|q|rb|rbc|rp|rt|rtc|ruby|s|samp|select|small|span|strike|"
              "strong|sub|sup|textarea|tt|u|var|script")
_IAL_OR_EOB = re.compile(r"^ {0,3}(?:\{:(?![:/])|\^\s*$|</?(?!(?:" + _SPAN_TAGS
                         + r")\b)[A-Za-z])")
_KEY = "kramdown_footnotes"


def _data(env: EnvType) -> dict[str, Any]:
    data = env.get(_KEY)
    if data is None:
        data = env[_KEY] = {"defs": {}, "order": [], "counts": {}}
    return data


def _line(state: StateBlock, n: int) -> str:
    return state.src[state.bMarks[n]:state.eMarks[n]]


def _indented(text: str) -> bool:
    return text.startswith(("\t", "    "))


def footnote_def(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    m = line_match(state, start, "[^", _DEF)
    if m is None:
        return False
    if silent:
        return True
    lines = [state.src[m.end():state.eMarks[start]].lstrip(" \t")]
    line = start + 1
    while line < end:
        probe = line
        while probe < end and state.isEmpty(probe):
            probe += 1
        if probe >= end or not _indented(_line(state, probe)):
            break
        lines.extend("" for _ in range(line, probe))
        line = probe
        while line < end and _indented(_line(state, line)) and not state.isEmpty(line):
            lines.append(_line(state, line))
            line += 1
        while (line < end and not state.isEmpty(line)
               and not _IAL_OR_EOB.match(_line(state, line))):
            lines.append(_line(state, line))
            line += 1
    content = _OUTDENT.sub("", "\n".join(lines) + "\n")
    tokens: list[Token] = []
    state.md.block.parse(content, state.md, state.env, tokens)
    _data(state.env)["defs"][m.group(1)] = tokens
    marker = state.push("kd_footnote_def", "", 0)   # an attribute list after it lands here
    marker.map = [start, line]
    marker.block = True
    marker.hidden = True
    state.line = line
    return True


def footnote_ref(state: StateInline, silent: bool) -> bool:
    """A marker of a defined note; any other ``[^`` (or ``![^``) is text, never a link."""
    src = state.src
    pos = state.pos
    if src[pos] == "!":
        if not src.startswith("[^", pos + 1):
            return False
        if not silent:
            state.append_pending("!")
        state.pos = pos + 1
        return True
    if src[pos] != "[" or not src.startswith("^", pos + 1):
        return False
    data = state.env.get(_KEY)
    m = _REF.match(src, pos, state.posMax)
    if m is None or not data or m.group(1) not in data["defs"]:
        if not silent:
            state.append_pending("[")
        state.pos = pos + 1
        return True
    if not silent:
        _push_ref(state, m.group(1), data)
    state.pos = m.end()
    return True


def _push_ref(state: StateInline, name: str, data: dict[str, Any]) -> None:
    order: list[str] = data["order"]
    if name not in order:
        order.append(name)
    count = data["counts"].get(name, 0)
    data["counts"][name] = count + 1
    token = state.push("kd_footnote_ref", "sup", 0)
    token.meta = {"name": name, "number": order.index(name), "sub": count}


def _inline_parse(state: StateCore, tokens: list[Token]) -> None:
    for token in tokens:
        if token.type == "inline":
            token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def footnote_tail(state: StateCore) -> None:
    """Core rule after ``inline``: parse the referenced notes' text (in note order, so notes
    referenced from notes come after) and append the footnote block."""
    data = state.env.get(_KEY)
    place = _placement(state.tokens)
    if not data or not data["order"]:
        if place is not None:
            del state.tokens[place[0]:place[1]]
        return
    order: list[str] = data["order"]
    out: list[Token] = []
    opening = Token("kd_footnotes_open", "div", 1)
    opening.block = True
    out.append(opening)
    i = 0
    while i < len(order):       # grows while notes reference further notes
        name = order[i]
        body: list[Token] = list(data["defs"][name])
        _inline_parse(state, body)
        note = Token("kd_footnote_open", "li", 1)
        note.meta = {"name": name}
        note.block = True
        out.append(note)
        backlinks = Token("kd_footnote_backlinks", "", 0)
        backlinks.meta = {"name": name, "count": data["counts"].get(name, 1)}
        last = body[-1] if body else None
        if last is not None and last.type == "paragraph_close" and last.level == 0:
            inline = body[-2]
            if inline.children is not None:
                inline.children.append(backlinks)
            out.extend(body)
        else:
            out.extend(body)
            para = Token("paragraph_open", "p", 1)
            para.block = True
            inline = Token("inline", "", 0)
            inline.children = [backlinks]
            close = Token("paragraph_close", "p", -1)
            close.block = True
            backlinks.meta["alone"] = True
            if _backlink_text(state.md.options) is not None:
                out.extend((para, inline, close))
        ending = Token("kd_footnote_close", "li", -1)
        ending.block = True
        out.append(ending)
        i += 1
    closing = Token("kd_footnotes_close", "div", -1)
    closing.block = True
    out.append(closing)
    if place is None:
        state.tokens.extend(out)
    else:
        state.tokens[place[0]:place[1]] = out


def _placement(tokens: list[Token]) -> tuple[int, int] | None:
    """The list marked ``{:footnotes}`` (the notes go there instead of the end), as a slice."""
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open") and tok.meta and \
                "footnotes" in tok.meta.get("kramdown_refs", ()):
            return i, closing(tokens, i) + 1
    return None


def _backlink_text(options: OptionsDict) -> str | None:
    text = options.get("kd_footnote_backlink", "&#8617;")
    return text if text else None


def _first_number(options: OptionsDict) -> int:
    return int(options.get("kd_footnote_nr", 1))


def render_ref(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
    meta = tokens[idx].meta
    name = html.escape(meta["name"])
    ref = f"fnref:{name}" + (f":{meta['sub']}" if meta["sub"] else "")
    number = meta["number"] + _first_number(options)
    return (f'<sup id="{ref}" role="doc-noteref"><a href="#fn:{name}" class="footnote" '
            f'rel="footnote">{number}</a></sup>')


def render_backlinks(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict,
                     env: EnvType) -> str:
    text = _backlink_text(options)
    if text is None:
        return ""
    meta = tokens[idx].meta
    name = html.escape(meta["name"])
    links = []
    for sub in range(meta["count"]):
        ref = f"fnref:{name}" + (f":{sub}" if sub else "")
        mark = text + (f"<sup>{sub + 1}</sup>" if sub else "")
        links.append(f'<a href="#{ref}" class="reversefootnote" role="doc-backlink">{mark}</a>')
    return ("" if meta.get("alone") else " ") + " ".join(links)


def render_block_open(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict,
                      env: EnvType) -> str:
    first = _first_number(options)
    start = f' start="{first}"' if first != 1 else ""
    return f'<div class="footnotes" role="doc-endnotes">\n  <ol{start}>\n'


def render_block_close(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict,
                       env: EnvType) -> str:
    return "  </ol>\n</div>\n"


def render_note_open(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict,
                     env: EnvType) -> str:
    return f'    <li id="fn:{html.escape(tokens[idx].meta["name"])}" role="doc-endnote">\n'


def render_note_close(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict,
                      env: EnvType) -> str:
    return "    </li>\n"


def footnotes_plugin(md: MarkdownIt, first_number: int = 1,
                     backlink: str = "&#8617;") -> None:
    """Install kramdown footnotes (replacing mdit-py-plugins' footnote rules if present)."""
    md.options["kd_footnote_nr"] = first_number
    md.options["kd_footnote_backlink"] = backlink
    block_rules = md.block.ruler.get_all_rules()
    inline_rules = md.inline.ruler.get_all_rules()
    core_rules = md.core.ruler.get_all_rules()
    if "footnote_def" in block_rules:
        md.block.ruler.at("footnote_def", footnote_def)
    else:
        md.block.ruler.before("reference", "footnote_def", footnote_def)
    if "footnote_inline" in inline_rules:
        md.inline.ruler.disable("footnote_inline")
    if "footnote_ref" in inline_rules:
        md.inline.ruler.at("footnote_ref", footnote_ref)
    else:
        md.inline.ruler.before("link", "footnote_ref", footnote_ref)
    if "footnote_tail" in core_rules:
        md.core.ruler.at("footnote_tail", footnote_tail)
    else:
        md.core.ruler.after("inline", "footnote_tail", footnote_tail)
    md.add_render_rule("kd_footnote_ref", render_ref)
    md.add_render_rule("kd_footnote_def", lambda *args: "")
    md.add_render_rule("kd_footnote_backlinks", render_backlinks)
    md.add_render_rule("kd_footnotes_open", render_block_open)
    md.add_render_rule("kd_footnotes_close", render_block_close)
    md.add_render_rule("kd_footnote_open", render_note_open)
    md.add_render_rule("kd_footnote_close", render_note_close)
