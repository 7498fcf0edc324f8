"""kramdown's HTML inside a paragraph, which differs from CommonMark's raw inline HTML:

* a start tag is ``<name attr attr="v" attr='v' attr=word>`` (names may be any XML name, so
  ``<中文>`` is a tag); an attribute value that is neither quoted nor a word makes the whole
  thing text (``<meta content=”text/html”>`` is shown, not hidden);
* an end tag that does not close the innermost open element is text (``a </b> c``,
  ``<i>a <b>b</i>``), and an element left open is closed at the end of the paragraph
  (``List<String>`` gets ``</String>``);
* ``code``, ``kbd``, ``samp``, ``var``, ``script``, ``style``, ``textarea`` and the like keep their
  content as typed (no emphasis inside ``<code>*a*</code>``).

Comments and other markup (``<!-- -->``, ``<?...?>``) stay markdown-it's.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

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


def _open_tags(state: StateInline) -> list[str]:
    tags: list[str] | None = getattr(state, _OPEN, None)
    if tags is None:
        tags = []
        setattr(state, _OPEN, tags)
    return tags


def _push(state: StateInline, content: str) -> None:
    token = state.push("html_inline", "", 0)
    token.content = content


def make_span_html(previous):  # type: ignore[no-untyped-def]
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
    cache: dict[str, dict[int, int]] | None = getattr(state, _PAIRS, None)
    if cache is None:
        cache = {}
        setattr(state, _PAIRS, cache)
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


def span_html_plugin(md: MarkdownIt) -> None:
    rules = md.inline.ruler.get_all_rules()
    if "html_inline" not in rules:
        return
    previous = next(r.fn for r in md.inline.ruler.__rules__ if r.name == "html_inline")
    md.inline.ruler.at("html_inline", make_span_html(previous))
    md.inline.ruler2.push("kd_close_html", close_open_tags)
