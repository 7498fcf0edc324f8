"""Class runs for highlighting: the joined-rules scan of ``fastlex.py`` without a token stream.

Highlighting needs, of the tokens, only each one's CSS class and text, and writes the tokens
of one class in a row as one span. :func:`class_runs` scans ``text`` with a sped-up lexer's
rules (``fastlex``) and keeps the runs of one class as ``(start, end, class)`` slices of the
text, so the block is escaped once, whole: a token that continues the run before it only
moves the run's end. The scan is the loop of ``fastlex._scan`` with the runs made in place:
no generator is resumed and no string is cut per token (a third of a Java or log block's
highlighting). Where the lexer drops text between two tokens of one class (a ``bygroups``
group without a token type), the piece before it is kept with the class None: it belongs to
the run that follows. A callback's tokens are checked to be the text at their index (a
callback may make others); when one is not, the scan gives up (None) and the caller
highlights from the token stream. :func:`token_runs` makes the same runs from any token
stream (the tests hold the two equal).
"""
from __future__ import annotations

from collections.abc import Callable

from pygments.lexer import RegexLexer
from pygments.token import Error, Keyword, Name, Whitespace, _TokenType

from .fastlex import _scan, _scan_c, c_types, move, states_of
from .lexjoin import RUN

__all__ = ["class_runs", "token_runs", "Runs"]

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
    scan = type(lexer).get_tokens_unprocessed
    try:
        if scan is _scan:
            return _scan_runs(lexer, text, css_class, classes, None)
        if scan is _scan_c:
            return _scan_runs(lexer, text, css_class, classes, c_types(lexer))
        return token_runs(lexer, text, css_class, classes)
    except _NotText:
        return None


def token_runs(lexer: RegexLexer, text: str, css_class: Callable[[_TokenType], str],
               classes: dict[_TokenType, str]) -> Runs:
    """The runs of the lexer's token stream (raises ``_NotText`` on a token that is not the
    text at its index)."""
    out: Runs = []
    add = out.append
    run_cls: str | None = None
    run_start = run_end = 0
    for index, kind, value in type(lexer).get_tokens_unprocessed(lexer, text):
        if not value:
            continue
        if not text.startswith(value, index):
            raise _NotText
        stop = index + len(value)
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
    if run_end > run_start:
        add((run_start, run_end, run_cls))
    return out


def _scan_runs(lexer: RegexLexer, text: str, css_class: Callable[[_TokenType], str],
               classes: dict[_TokenType, str], types: frozenset[str] | None) -> Runs:
    """``token_runs`` of ``fastlex._scan`` (``types``: the names ``_scan_c`` makes types):
    the scan's loop, making the runs as it goes. A rule with one token type, the common
    case, extends or ends the run inline; groups, callbacks and the characters no rule
    matched go through ``pieces``."""
    out: Runs = []
    add = out.append
    run_cls: str | None = None
    run_start = run_end = 0
    states = states_of(lexer)
    names = ["root"]
    state = states["root"]
    joined = state.joined
    pos = 0
    while True:
        rule = None
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
        pieces: list[tuple[int, int, _TokenType]]
        if rule is not None:
            match, token, callback, steps = rule
            if token is not None:
                pieces = []
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
                    else:
                        add((run_start, run_end, None))
                        run_start, run_end = pos, end
            elif type(callback) is tuple or type(callback) is list:
                if not own and type(callback) is tuple:
                    found = match(text, pos)
                pieces = [(found.start(group), found.end(group), kind)
                          for group, kind in callback]
            elif callback is not None:
                pieces = []
                for index, kind, value in callback(lexer, found if own else match(text, pos)):
                    if value and not text.startswith(value, index):
                        raise _NotText
                    pieces.append((index, index + len(value), kind))
            else:
                pieces = []
            pos = end
            if steps:
                move(names, steps)
                state = states[names[-1]]
            joined = state.joined
        elif pos >= len(text):
            break
        else:                       # no rule: a newline goes back to root, else an error
            if text[pos] == "\n":
                names = ["root"]
                state = states["root"]
                joined = state.joined
                pieces = [(pos, pos + 1, Whitespace)]
            else:
                pieces = [(pos, pos + 1, Error)]
            pos += 1
        for start, stop, kind in pieces:
            if stop <= start:
                continue
            if types is not None and kind is Name and text[start:stop] in types:
                kind = Keyword.Type
            cls = classes.get(kind)
            if cls is None:
                cls = css_class(kind)
            if cls != run_cls:
                if run_end > run_start:
                    add((run_start, run_end, run_cls))
                run_cls, run_start, run_end = cls, start, stop
            elif start == run_end:
                run_end = stop
            else:
                add((run_start, run_end, None))
                run_start, run_end = start, stop
    if run_end > run_start:
        add((run_start, run_end, run_cls))
    return out
