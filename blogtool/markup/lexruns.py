"""Class runs for highlighting: the joined-rules scan of ``fastlex.py`` without a token stream.

Highlighting needs, of the tokens, only each one's CSS class and text, and writes the tokens
of one class in a row as one span. :func:`class_runs` scans like ``fastlex._scan`` (the same
rules, stack moves and tokens) but keeps, instead of yielding a tuple per token, the runs of
one class as ``(start, end, class)`` slices of the text: a token that continues the run
before it only moves the run's end. Where the lexer drops text between two tokens of one
class (a ``bygroups`` group without a token type), the piece before it is kept with the
class None: it belongs to the run that follows. A callback's tokens are checked to be the
text at their index; when one is not, the scan gives up (None) and the caller highlights
from the token stream.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pygments.lexer import RegexLexer
from pygments.token import Error, Keyword, Name, Whitespace, _TokenType

from .fastlex import _move, _states, c_types
from .lexjoin import RUN, Rule

__all__ = ["class_runs", "Runs"]

# (start, end, class) per run, in order; a class None marks a piece of the run after it (the
# two are one run, with text the lexer dropped between them)
Runs = list[tuple[int, int, str | None]]


class _NotText(Exception):
    """A callback gave a token that is not the text at its index."""


def class_runs(lexer: RegexLexer, text: str, css_class: Callable[[_TokenType], str],
               classes: dict[_TokenType, str]) -> Runs | None:
    """The runs of ``text`` as ``lexer`` (a sped-up lexer, ``fastlex``) tokenises it, each
    token's class from ``classes`` (filled by ``css_class`` for a type not in it yet), or
    None when a callback's tokens are not slices of the text."""
    try:
        return _runs(lexer, text, css_class, classes)
    except _NotText:
        return None


def _runs(self: RegexLexer, text: str, css_class: Callable[[_TokenType], str],
          classes: dict[_TokenType, str]) -> Runs:
    types = c_types(self)
    states = _states(self)
    names = ["root"]
    state = states["root"]
    joined = state.joined
    out: Runs = []
    add = out.append
    run_cls: str | None = None
    run_start = run_end = 0
    pos = 0
    size = len(text)
    while True:
        rule: Rule | None = None
        if joined is not None:
            found = joined(text, pos)
            if found is not None:
                rule = state.by_group[found.lastindex]
                end = found.end()
                own = False
        else:
            for candidate in state.scan:
                found = candidate[0](text, pos)
                if found is not None:
                    end = found.end()
                    if candidate[1] is RUN:
                        rule = candidate[2][found.lastindex]
                        own = False
                    else:
                        rule = candidate
                        own = True
                    break
            if state.countdown > 0:
                state.countdown -= 1
                if state.countdown == 0:
                    state.join()
        if rule is not None:
            match, token, callback, steps = rule
            if token is not None:
                if end > pos:
                    if types is not None and token is Name and text[pos:end] in types:
                        token = Keyword.Type
                    cls = classes.get(token)
                    if cls is None:
                        cls = css_class(token)
                    if cls != run_cls:
                        if run_end > run_start:
                            add((run_start, run_end, run_cls))
                        run_cls, run_start, run_end = cls, pos, end
                    elif pos == run_end:
                        run_end = end
                    else:                   # text dropped in between: the run goes on after it
                        add((run_start, run_end, None))
                        run_start, run_end = pos, end
            else:
                if type(callback) is tuple:
                    if not own:
                        found = match(text, pos)
                    span = found.span
                    pieces = [(span(group), kind) for group, kind in callback]
                elif type(callback) is list:    # the groups are the joined match's
                    span = found.span
                    pieces = [(span(group), kind) for group, kind in callback]
                elif callback is not None:
                    pieces = _slices(text, callback(self, found if own else match(text, pos)))
                else:
                    pieces = []
                for (index, stop), kind in pieces:
                    if stop <= index:       # an empty or unmatched group: no token
                        continue
                    if types is not None and kind is Name and text[index:stop] in types:
                        kind = Keyword.Type
                    cls = classes.get(kind)
                    if cls is None:
                        cls = css_class(kind)
                    if cls != run_cls:
                        if run_end > run_start:
                            add((run_start, run_end, run_cls))
                        run_cls, run_start, run_end = cls, index, stop
                    elif index == run_end:
                        run_end = stop
                    else:                   # text dropped in between: the run goes on after it
                        add((run_start, run_end, None))
                        run_start, run_end = index, stop
            pos = end
            if steps:
                _move(names, steps)
                state = states[names[-1]]
            joined = state.joined
            continue
        if pos >= size:
            break
        if text[pos] == "\n":
            names = ["root"]
            state = states["root"]
            joined = state.joined
            kind = Whitespace
        else:
            kind = Error
        cls = classes.get(kind)
        if cls is None:
            cls = css_class(kind)
        if cls != run_cls:
            if run_end > run_start:
                add((run_start, run_end, run_cls))
            run_cls, run_start, run_end = cls, pos, pos + 1
        elif pos == run_end:
            run_end = pos + 1
        else:                   # text dropped in between: the run goes on after it
            add((run_start, run_end, None))
            run_start, run_end = pos, pos + 1
        pos += 1
    if run_end > run_start:
        add((run_start, run_end, run_cls))
    return out


def _slices(text: str, tokens: Iterable[tuple[int, Any, str]]
            ) -> list[tuple[tuple[int, int], Any]]:
    """A callback's tokens as ((start, end), type) slices of ``text``."""
    pieces = []
    for index, kind, value in tokens:
        stop = index + len(value)
        if value and text[index:stop] != value:
            raise _NotText
        pieces.append(((index, stop), kind))
    return pieces
