"""kramdown's emphasis (``compat: jekyll``): ``*``/``_`` and ``**``/``__`` read the way kramdown
reads them, which is not CommonMark's delimiter algorithm:

* an opening run (one or two characters) must not be followed by whitespace; ``_`` must not
  follow a letter (``foo_bar_baz``, ``中_x_`` stay text); an element never nests in itself;
* the closing run is the first one after some content that does not follow whitespace; an
  ``em`` does not close at a double run (``**`` that is not ``***``); ``_`` does not close
  before a letter or digit. Anything else (code spans, links, other emphasis) is read on the
  way, so ``*a **b** c*`` nests;
* a ``**`` without a closing ``**`` becomes an ``em`` opened by its second character, the first
  one dropped (``**a*`` is ``<em>*a</em>``), unless directly inside an ``em``.

So ``**Heads up!**We`` and ``**Note：**另外`` are bold, as Jekyll shows them (CommonMark leaves
the asterisks). blogtool's own mode keeps CommonMark's rules with the CJK amendments instead.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from .scratch import kept

__all__ = ["kramdown_emphasis_plugin"]

_SPACE = frozenset(" \t\n\r\f\v")
_STACK = "_kramdown_emphasis"
_FAILED = "_kramdown_emphasis_failed"


def _stack(state: StateInline) -> list[str]:
    return kept(state, _STACK, list)


def _after_letter(src: str, pos: int) -> bool:
    """kramdown's ``[[:alpha:]]-?[[:alpha:]]*\\z`` on the text before ``pos``."""
    if pos == 0:
        return False
    last = src[pos - 1]
    if last.isalpha():
        return True
    return last == "-" and pos > 1 and src[pos - 2].isalpha()


def _find_close(state: StateInline, start: int, delim: str, elem: str) -> int:
    """Position of the closing run for an element whose content starts at ``start``, or -1."""
    src = state.src
    end = state.posMax
    kind = delim[0]
    double = kind * 2
    pos = start
    saved = state.pos
    saved_cache = state.cache
    state.cache = {}        # what skipToken found elsewhere depends on the open elements
    # Positions a failed search in the same context passed through: from any of them on, the
    # walk is the same and finds nothing, so unclosed markers stay linear, not quadratic.
    failed_sets: dict[tuple, set[int]] = getattr(state, _FAILED, None) or {}
    setattr(state, _FAILED, failed_sets)
    key = (delim, elem, tuple(_stack(state)), end, state.linkLevel)
    failed = failed_sets.setdefault(key, set())
    visited: list[int] = []
    try:
        while pos < end:
            if pos in failed and pos > start:
                break
            visited.append(pos)
            if src.startswith(delim, pos) and pos > start and src[pos - 1] not in _SPACE:
                after = pos + len(delim)
                ok = not (elem == "em" and src.startswith(double, pos)
                          and not src.startswith(kind, pos + 2))
                if ok and kind == "_" and after < end and src[after].isalnum():
                    ok = False
                if ok:
                    return pos
            state.pos = pos
            state.md.inline.skipToken(state)
            pos = state.pos if state.pos > pos else pos + 1
        failed.update(visited)
        return -1
    finally:
        state.pos = saved
        state.cache = saved_cache


def _emit(state: StateInline, elem: str, markup: str, start: int, close: int,
          after: int) -> None:
    token = state.push(f"{elem}_open", elem, 1)
    token.markup = markup
    stack = _stack(state)
    stack.append(elem)
    old_max = state.posMax
    state.pos = start
    state.posMax = close
    state.md.inline.tokenize(state)
    state.posMax = old_max
    stack.pop()
    token = state.push(f"{elem}_close", elem, -1)
    token.markup = markup
    state.pos = after


def _search(state: StateInline, start: int, delim: str, elem: str) -> int:
    stack = _stack(state)
    stack.append(elem)
    try:
        return _find_close(state, start, delim, elem)
    finally:
        stack.pop()


def kramdown_emphasis(state: StateInline, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    kind = src[pos]
    if kind != "*" and kind != "_":
        return False
    length = 2 if src.startswith(kind, pos + 1) and pos + 1 < state.posMax else 1
    delim = kind * length
    elem = "strong" if length == 2 else "em"
    stack = _stack(state)
    after = pos + length
    literal = ((kind == "_" and _after_letter(src, pos))
               or (after < state.posMax and src[after] in _SPACE) or elem in stack)
    if not literal:
        close = _search(state, after, delim, elem)
        if close >= 0:
            if silent:
                state.pos = close + length
            else:
                _emit(state, elem, delim, after, close, close + length)
            return True
        if elem == "strong" and not (stack and stack[-1] == "em"):
            close = _search(state, pos + 1, kind, "em")
            if close >= 0:
                if silent:
                    state.pos = close + 1
                else:
                    _emit(state, "em", kind, pos + 1, close, close + 1)
                return True
    if not silent:
        state.append_pending(delim)
    state.pos = after
    return True


def kramdown_emphasis_plugin(md: MarkdownIt) -> None:
    """Replace markdown-it's emphasis tokenizer (pairing then finds no delimiters)."""
    md.inline.ruler.at("emphasis", kramdown_emphasis)
