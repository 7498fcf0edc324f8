"""kramdown links and images, which replace CommonMark's:

* the text ends at the matching ``]`` (brackets counted; code spans, images and other spans
  are read on the way); links never nest (``[a [b](c) d](e)`` is one link whose text shows
  ``[b](c)``); ``[^`` never starts a link;
* ``[text](url)``: the URL runs to the matching ``)`` and may contain spaces and parentheses
  (``[a](my file.html)``), or is written ``<...>``; a title is ``"..."`` or ``'...'`` after
  whitespace, and an empty title makes the whole thing text;
* ``[text][id]``, ``[text] [id]``, ``[text][]`` and ``[text]`` look the id up among kramdown's
  link definitions (``link_def.py``); an unknown id leaves the text as typed;
* an image's ``alt`` is its text as typed (backslash escapes removed), not rendered.

URLs and titles are kept as written (entity references read once), as ``links.py`` explains.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .link_def import LINK_DEFS, link_definition, normalize_id
from .links import decode_entities

__all__ = ["kramdown_links_plugin"]

_ESCAPED = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=\-~])")
_REF = re.compile(r"\s*?\[([^\]]+)?\]")
_TITLE = re.compile(r"\s*?([\"'])(.+?)\1\s*?\)", re.DOTALL)
_ANGLE = re.compile(r"\(<(.*?)>")


class _Tables:
    """Bracket and parenthesis pairs of one inline text, found in one pass, so that trying a
    link at every ``[`` stays linear (``[[[[...]]]]`` would otherwise be quadratic)."""
    __slots__ = ("src", "brackets", "parens", "quotes")

    def __init__(self, src: str) -> None:
        self.src = src
        self.brackets: dict[int, int] = {}
        self.parens: dict[int, int] = {}
        open_brackets: list[int] = []
        open_parens: list[int] = []
        skip = 0
        for m in _MARKS.finditer(src):
            i = m.start()
            if i < skip:
                continue
            ch = src[i]
            if ch == "`":       # a code span hides its brackets (kramdown reads it whole)
                close = src.find(m.group(0), m.end())
                skip = close + len(m.group(0)) if close >= 0 else m.end()
            elif ch == "[":
                open_brackets.append(i)
            elif ch == "]" and open_brackets:
                self.brackets[open_brackets.pop()] = i
            elif ch == "(":
                open_parens.append(i)
            elif ch == ")" and open_parens:
                self.parens[open_parens.pop()] = i
        self.quotes = [m.start() for m in _WS_QUOTE.finditer(src)]


_MARKS = re.compile(r"\\.|`+|[\[\]()]", re.DOTALL)
_WS_QUOTE = re.compile(r"\s(?=['\"])")
_TABLES = "_kramdown_link_tables"


def _tables(state: StateInline) -> _Tables:
    tables: _Tables | None = getattr(state, _TABLES, None)
    if tables is None or tables.src is not state.src:
        tables = _Tables(state.src)
        setattr(state, _TABLES, tables)
    return tables


def _label_end(state: StateInline, start: int) -> int:
    """Position of the ``]`` closing a link text that starts at ``start``, or -1."""
    close = _tables(state).brackets.get(start - 1, -1)
    return close if close < state.posMax else -1


def _destination(state: StateInline, pos: int) -> tuple[str, str | None, int] | None:
    """URL, title and the position after ``)`` for ``(...)`` at ``pos``, or None. The URL runs
    to the matching ``)``, or to whitespace before a quote (then a title must follow)."""
    src = state.src
    end = state.posMax
    m = _ANGLE.match(src, pos, end)
    if m is not None:
        url = m.group(1)
        after = m.end()
        if src.startswith(")", after):
            return url, None, after + 1
    else:
        tables = _tables(state)
        close = tables.parens.get(pos, -1)
        if close >= end:
            close = -1
        k = bisect_left(tables.quotes, pos)
        quote = tables.quotes[k] if k < len(tables.quotes) else -1
        if quote >= 0 and (close < 0 or quote < close):
            url = src[pos + 1:quote].strip()
            after = quote + 1
        elif close >= 0:
            return src[pos + 1:close].strip(), None, close + 1
        else:
            return None
    t = _TITLE.match(src, after, end)
    if t is None:
        return None
    return url, t.group(2), t.end()


def kramdown_link(state: StateInline, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    image = src[pos] == "!"
    start = pos + 2 if image else pos + 1
    if not src.startswith("[", start - 1) or src.startswith("^", start) or start > state.posMax:
        return False
    if not image and state.linkLevel > 0:
        return False
    close = _label_end(state, start)
    if close < 0:
        return False
    text = src[start:close]
    after = close + 1
    ref = _REF.match(src, after, state.posMax)
    if ref is not None or not src.startswith("(", after):
        label = ref.group(1) if ref is not None and ref.group(1) else text
        defs = state.env.get(LINK_DEFS)
        found = defs.get(normalize_id(_ESCAPED.sub(r"\1", label))) if defs else None
        if found is None:
            if image:       # kramdown reads "![" as text and goes on after it
                if not silent:
                    state.append_pending("![")
                state.pos = start
                return True
            return False
        url, title, definition = found
        extra = dict(definition.attrs)
        end = ref.end() if ref is not None else after
    else:
        dest = _destination(state, after)
        if dest is None:
            return False
        url, title, end = dest
        extra = {}
    if not silent:
        attrs: dict[str, str | int | float] = {"src" if image else "href": decode_entities(url)}
        if image:
            token = state.push("image", "img", 0)
            alt = Token("text", "", 0)
            alt.content = _ESCAPED.sub(r"\1", text)
            token.children = [alt]
            token.content = text
            attrs["alt"] = ""
        if title is not None:
            attrs["title"] = decode_entities(title)
        attrs.update((k, str(v)) for k, v in extra.items())
        if image:
            token.attrs = dict(attrs)
        else:
            token = state.push("link_open", "a", 1)
            token.attrs = dict(attrs)
            old_max = state.posMax
            state.pos = start
            state.posMax = close
            state.linkLevel += 1
            state.md.inline.tokenize(state)
            state.linkLevel -= 1
            state.posMax = old_max
            state.push("link_close", "a", -1)
    state.pos = end
    return True


def kramdown_links_plugin(md: MarkdownIt) -> None:
    """kramdown's links, images and link definitions instead of CommonMark's."""
    md.inline.ruler.at("link", kramdown_link)
    md.inline.ruler.disable("image")
    md.inline.add_terminator_char("!")
    md.block.ruler.at("reference", link_definition)
    md.add_render_rule("kramdown_link_def", lambda *args: "")
