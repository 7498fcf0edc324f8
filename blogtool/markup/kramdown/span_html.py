"""kramdown's HTML inside a paragraph, which differs from CommonMark's raw inline HTML:

* a start tag is ``<name attr attr="v" attr='v' attr=word>`` (names may be any XML name, so
  ``<中文>`` is a tag); an attribute value that is neither quoted nor a word makes the whole
  thing text (``<meta content=”text/html”>`` is shown, not hidden);
* an end tag that does not close the innermost open element is text (``a </b> c``,
  ``<i>a <b>b</i>``), and an element left open is closed at the end of the paragraph
  (``List<String>`` gets ``</String>``);
* ``code``, ``kbd``, ``samp``, ``var``, ``script``, ``style``, ``textarea`` and the like keep their
  content as typed (no emphasis inside ``<code>*a*</code>``).

Under ``compat: jekyll`` an element kramdown does not know as HTML (``List<String>`` in
prose) keeps its content as typed up to its end tag or the paragraph end: tags inside stay
tags, text is escaped, and no Markdown is read there (``**x**`` stays), as Jekyll shows it.

Comments and other markup (``<!-- -->``, ``<?...?>``) stay markdown-it's.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .scratch import kept

__all__ = ["span_html_plugin", "START_TAG"]

_NAME = r"(?:[^\W\d][\w.-]*:)?[^\W\d][\w.-]*"
_START = re.compile(
    rf"<({_NAME})\s*((?:\s+{_NAME}(?:\s*=\s*(?:\w+|\"[^\"]*\"|'[^']*'))?)*)\s*(/)?>")
START_TAG = _START
_END = re.compile(rf"</({_NAME})\s*>")
_VOID = frozenset(("area", "base", "br", "col", "command", "embed", "hr", "img", "input",
                   "keygen", "link", "meta", "param", "source", "track", "wbr"))
_RAW = frozenset(("script", "style", "math", "option", "textarea", "pre", "code", "kbd",
                  "samp", "var"))
_OPEN = "_kramdown_open_tags"
_KNOWN = frozenset((
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn",
    "em", "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc",
    "rp", "rt", "rtc", "ruby", "s", "samp", "select", "small", "span", "strike", "strong",
    "sub", "sup", "textarea", "tt", "u", "var", "address", "article", "aside", "audio",
    "blockquote", "canvas", "center", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "iframe", "legend", "li", "main", "math", "nav", "noscript",
    "ol", "p", "pre", "script", "section", "style", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "video"))
_ANY_TAG = re.compile(rf"{_START.pattern}|{_END.pattern}|<!--.*?-->", re.DOTALL)


def _open_tags(state: StateInline) -> list[str]:
    return kept(state, _OPEN, list)


def _push(state: StateInline, content: str) -> None:
    token = state.push("html_inline", "", 0)
    token.content = content


def _raw_text(state: StateInline, text: str) -> None:
    if text:
        token = state.push("kd_raw_text", "", 0)
        token.content = text


def _raw_element(state: StateInline, name: str, start: int, content: int) -> None:
    """Push an unknown element whose start tag is ``src[start:content]``: its content as
    tags and escaped text only, then its end tag (written when the paragraph ends first)."""
    src = state.src
    end = _element_end(state, name, content)
    close = src.rfind("</", content, end)
    m_close = _END.fullmatch(src, close, end) if close >= 0 else None
    found = m_close is not None and m_close.group(1) == name
    inner_end = close if found else end
    _push(state, src[start:content])
    inside: list[str] = []
    last = content
    for m in _ANY_TAG.finditer(src, content, inner_end):
        _raw_text(state, src[last:m.start()])
        tag = m.group(0)
        last = m.end()
        if tag.startswith("</"):
            closing = _END.match(tag)
            if closing is None or not inside or inside[-1] != closing.group(1):
                _raw_text(state, tag)      # an end tag that closes nothing is text
                continue
            inside.pop()
        elif not tag.startswith("<!--"):
            opening = _START.match(tag)
            if opening is not None and not opening.group(3) and \
                    opening.group(1).lower() not in _VOID:
                inside.append(opening.group(1))
        _push(state, tag)
    _raw_text(state, src[last:inner_end])
    for open_name in reversed(inside):
        _push(state, f"</{open_name}>")
    _push(state, src[inner_end:end] if found else f"</{name}>")
    state.pos = end


def make_span_html(previous, raw_unknown: bool = False):  # type: ignore[no-untyped-def]
    """The inline rule, falling back to markdown-it's for comments and the like."""
    def span_html(state: StateInline, silent: bool) -> bool:
        src = state.src
        pos = state.pos
        if src[pos] != "<" or pos + 1 >= state.posMax:
            return False
        nxt = src[pos + 1]
        if nxt in "!?":
            return bool(previous(state, silent))
        if nxt == "/":
            m = _END.match(src, pos, state.posMax)
            if m is None:
                return False
            tags = _open_tags(state)
            if not tags or tags[-1] != m.group(1):
                return False        # only the innermost open element can end here
            if not silent:
                tags.pop()
                _push(state, m.group(0))
            state.pos = m.end()
            return True
        m = _START.match(src, pos, state.posMax)
        if m is None:
            return False
        name = m.group(1)
        end = m.end()
        if name.lower() in _RAW and not m.group(3):
            close = re.compile(rf"</{re.escape(name)}\s*>").search(src, end, state.posMax)
            if close is not None:
                if not silent:
                    _push(state, src[pos:close.end()])
                state.pos = close.end()
                return True
        if raw_unknown and name not in _KNOWN and not m.group(3) and not silent:
            _raw_element(state, name, pos, end)
            return True
        if silent:
            # skipped over as a whole, as kramdown parses an element with its content: emphasis
            # looking for its end never pairs with a star inside <b>*x*</b>
            state.pos = _element_end(state, name, end) \
                if not m.group(3) and name.lower() not in _VOID else end
            return True
        _push(state, m.group(0))
        if not m.group(3) and name.lower() not in _VOID:
            _open_tags(state).append(name)
        state.pos = end
        return True

    return span_html


_PAIRS = "_kramdown_element_pairs"


def _element_end(state: StateInline, name: str, pos: int) -> int:
    """Where the element whose start tag ends at ``pos`` ends (after its end tag; the end of the
    text when it is never closed). All elements of one name are paired in one pass per text."""
    cache: dict[str, dict[int, int]] = kept(state, _PAIRS, dict)
    pairs = cache.get(name)
    if pairs is None:
        pairs = {}
        stack: list[int] = []
        tags = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>")
        for m in tags.finditer(state.src):
            if m.group(1):
                if stack:
                    pairs[stack.pop()] = m.end()
            elif not m.group(0).endswith("/>"):
                stack.append(m.end())
        cache[name] = pairs
    close = pairs.get(pos, state.posMax)
    return close if close <= state.posMax else state.posMax


def close_open_tags(state: StateInline) -> None:
    """Inline post-processing: elements still open at the end of the text are closed."""
    tags = getattr(state, _OPEN, None)
    if not tags:
        return
    while tags:
        token = Token("html_inline", "", 0)
        token.content = f"</{tags.pop()}>"
        state.tokens.append(token)


def _render_raw_text(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    return tokens[idx].content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def span_html_plugin(md: MarkdownIt, raw_unknown: bool = False) -> None:
    """``raw_unknown``: kramdown's raw content for elements it does not know (compat jekyll)."""
    rules = md.inline.ruler.get_all_rules()
    if "html_inline" not in rules:
        return
    previous = next(r.fn for r in md.inline.ruler.__rules__ if r.name == "html_inline")
    md.inline.ruler.at("html_inline", make_span_html(previous, raw_unknown))
    md.add_render_rule("kd_raw_text", _render_raw_text)
    md.inline.ruler2.push("kd_close_html", close_open_tags)
