"""Class runs for highlighting: the joined-rules scan of ``fastlex.py`` without a token stream.

Highlighting needs, of the tokens, only each one's CSS class and text, and writes the tokens
of one class in a row as one span. :func:`class_runs` has the scan (``fastlex.walk``) keep the
runs of one class as ``(start, end, class)`` slices of the text, so the block is escaped once,
whole: a token that continues the run before it only moves the run's end, and no token's text
is cut (a sixth less time than reading the scan's tokens). Where the lexer drops text between
two tokens of one class (a ``bygroups`` group without a token type), the piece before it is
kept with the class None: it belongs to the run that follows. A callback's tokens are checked
to be the text at their index (a callback may make others); when one is not, the scan gives
up (None) and the caller highlights from the token stream. :func:`token_runs` makes the same
runs from any lexer's tokens (the tests hold the two equal).
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import groupby, pairwise
from operator import itemgetter

from pygments.lexer import RegexLexer
from pygments.token import _TokenType

from .fastlex import SCANS, NotText, Runs, c_types, walk

__all__ = ["class_runs", "token_runs", "Runs"]


def class_runs(lexer: RegexLexer, text: str, css_class: Callable[[_TokenType], str],
               classes: dict[_TokenType, str]) -> Runs | None:
    """The runs of ``text`` as ``lexer`` (a sped-up lexer, ``fastlex``) tokenises it, each
    token's class from ``classes`` (filled by ``css_class`` for a type not in it yet), or
    None when a callback's tokens are not slices of the text."""
    try:
        if type(lexer).get_tokens_unprocessed in SCANS:     # c_types: None but for C's
            return walk(lexer, text, classes=classes, css_class=css_class, types=c_types(lexer))
        return token_runs(lexer, text, css_class, classes)
    except NotText:
        return None


def token_runs(lexer: RegexLexer, text: str, css_class: Callable[[_TokenType], str],
               classes: dict[_TokenType, str]) -> Runs:
    """The runs of the lexer's token stream, made another way than ``walk`` makes them (the
    tests compare the two): the tokens grouped by class, each group cut where the lexer
    dropped text. Raises ``NotText`` on a token that is not the text at its index."""
    pieces: list[tuple[str, int, int]] = []
    for index, kind, value in type(lexer).get_tokens_unprocessed(lexer, text):
        if not value:
            continue
        if not text.startswith(value, index):
            raise NotText
        cls = classes.get(kind)
        pieces.append((css_class(kind) if cls is None else cls, index, index + len(value)))
    out: Runs = []
    for cls, grouped in groupby(pieces, key=itemgetter(0)):
        group = list(grouped)
        start = group[0][1]
        for (_, _, before_end), (_, after_start, _) in pairwise(group):
            if after_start != before_end:       # text dropped between: a piece of the run
                out.append((start, before_end, None))
                start = after_start
        out.append((start, group[-1][2], cls))
    return out
