"""Class runs for highlighting: the joined-rules scan of ``fastlex.py`` without a token stream.

Highlighting needs, of the tokens, only each one's CSS class and text, and writes the tokens
of one class in a row as one span. :func:`class_runs` reads the tokens of a sped-up lexer's
scan (``fastlex._scan``) and keeps the runs of one class as ``(start, end, class)`` slices of
the text, so the block is escaped once, whole: a token that continues the run before it only
moves the run's end. Where the lexer drops text between two tokens of one
class (a ``bygroups`` group without a token type), the piece before it is kept with the
class None: it belongs to the run that follows. Every token is checked to be the text at its
index (a callback may make others); when one is not, the scan gives up (None) and the caller
highlights from the token stream.
"""
from __future__ import annotations

from collections.abc import Callable

from pygments.lexer import RegexLexer
from pygments.token import _TokenType

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


def _runs(lexer: RegexLexer, text: str, css_class: Callable[[_TokenType], str],
          classes: dict[_TokenType, str]) -> Runs:
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
