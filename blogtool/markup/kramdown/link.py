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

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .link_def import LINK_DEFS, link_definition, normalize_id
from .links import decode_entities

__all__ = ["kramdown_links_plugin"]

_ESCAPED = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=\-~])")
_REF = re.compile(r"\s*?\[([^\]]+)?\]")
_PAREN_STOP = re.compile(r"(\()|(\))|\s(?=['\"])")
_TITLE = re.compile(r"\s*?([\"'])(.+?)\1\s*?\)", re.DOTALL)
_ANGLE = re.compile(r"\(<(.*?)>")


def _label_end(state: StateInline, start: int) -> int:
    """Position of the ``]`` closing a link text that starts at ``start``, or -1."""
    src = state.src
    end = state.posMax
    level = 1
    pos = start
    saved = state.pos
    saved_cache = state.cache
    state.cache = {}        # skipToken results elsewhere were found in another context
    try:
        while pos < end:
            ch = src[pos]
            if ch == "]":
                level -= 1
                if level == 0:
                    return pos
                pos += 1
            elif ch == "[":
                level += 1
                pos += 1
            elif ch == "!" and src.startswith("[", pos + 1):
                state.pos = pos
                if kramdown_link(state, True):
                    pos = state.pos
                else:
                    level += 1
                    pos += 2
            else:
                state.pos = pos
                state.md.inline.skipToken(state)
                pos = state.pos if state.pos > pos else pos + 1
        return -1
    finally:
        state.pos = saved
        state.cache = saved_cache


def _destination(src: str, pos: int, end: int) -> tuple[str, str | None, int] | None:
    """URL, title and the position after ``)`` for ``(...)`` at ``pos``, or None."""
    m = _ANGLE.match(src, pos, end)
    if m is not None:
        url = m.group(1)
        after = m.end()
        if src.startswith(")", after):
            return url, None, after + 1
    else:
        depth = 0
        scan = pos
        stop = pos
        while True:
            found = _PAREN_STOP.search(src, scan, end)
            if found is None:
                break
            stop = found.end()
            scan = stop
            if found.group(2):
                depth -= 1
                if depth == 0:
                    break
            elif found.group(1):
                depth += 1
            else:
                break
        url = src[pos + 1:stop - 1].strip()
        if depth == 0 and stop > pos:
            return url, None, stop
        after = stop
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
        found = (state.env.get(LINK_DEFS) or {}).get(normalize_id(_ESCAPED.sub(r"\1", label)))
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
        dest = _destination(src, after, state.posMax)
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
