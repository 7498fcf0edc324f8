"""Pygments' RegexLexer loop with one regular expression per state: the same tokens, faster.

Why: ``RegexLexer`` tries a state's rules one by one from Python, so a Java identifier costs
about twenty calls (keywords, declarations, types ... before ``Name``); highlighting was the
largest single cost of a build. Here the rules of a state are joined into one alternation,
``(?P<_0>rule0)|(?P<_1>rule1)|...``: Python's regex engine tries alternatives in order at the
same position and takes the first that matches, exactly what the loop does, so the chosen
rule, its span and the tokens are the same (checked over every code block of the benchmark
corpus and the test data, for each lexer blogtool uses). A rule whose action needs its own
groups (``bygroups``, ``using``) is matched again alone at that position, which gives the
same match. States whose rules cannot be joined (back-references, named groups, inline
flags) keep Pygments' loop.
"""
from __future__ import annotations

import re
from typing import Iterator

from pygments.lexer import Lexer, RegexLexer
from pygments.token import Error, Whitespace, _TokenType

__all__ = ["fast_lexer"]

_UNJOINABLE = re.compile(r"\(\?P[<=]|\(\?\(|\\[1-9]|\(\?[aiLmsux-]+\)|\(\?[aiLmsux-]+:")
_FAST_CLASSES: dict[type, type] = {}


def fast_lexer(lexer: Lexer) -> Lexer:
    """``lexer`` itself, or the same lexer class with the joined-rules loop when it is a plain
    :class:`RegexLexer` (one that does not override the loop)."""
    cls = type(lexer)
    if not isinstance(lexer, RegexLexer) or \
            cls.get_tokens_unprocessed is not RegexLexer.get_tokens_unprocessed:
        return lexer
    fast = _FAST_CLASSES.get(cls)
    if fast is None:
        fast = type(cls.__name__, (cls,), {
            "get_tokens_unprocessed": _get_tokens_unprocessed, "_joined": None,
            "__module__": cls.__module__, "__doc__": cls.__doc__})
        if not any(_joined(fast(**lexer.options)).values()):
            fast = cls            # no state long enough to gain: keep Pygments' own loop
        _FAST_CLASSES[cls] = fast
    return lexer if fast is cls else fast(**lexer.options)


def _joined(lexer: RegexLexer) -> dict[str, object]:
    """Per state: the joined pattern's match function, or None to keep the loop."""
    table = type(lexer)._joined
    if table is None:
        table = {}
        for state, rules in lexer._tokens.items():
            table[state] = _join(rules)
        type(lexer)._joined = table
    return table


JOIN_MIN = 10   # rules; a shorter state is as fast with the loop (measured on xml, ini, diff)


def _join(rules: list) -> object:
    if len(rules) < JOIN_MIN:
        return None
    parts = []
    flags = None
    for i, (rexmatch, _action, _new_state) in enumerate(rules):
        compiled = getattr(rexmatch, "__self__", None)
        if not isinstance(compiled, re.Pattern) or _UNJOINABLE.search(compiled.pattern):
            return None
        if compiled.pattern:          # an empty rule (``default``) matches whatever the flags
            if flags is None:
                flags = compiled.flags
            elif compiled.flags != flags:
                return None
        parts.append(f"(?P<_{i}>{compiled.pattern})")
    if not parts:
        return None
    try:
        return re.compile("|".join(parts), flags & ~re.UNICODE if flags else 0).match
    except (re.error, RecursionError, OverflowError):
        return None


def _get_tokens_unprocessed(self, text: str, stack=("root",)) -> Iterator[tuple]:
    """RegexLexer.get_tokens_unprocessed, one regex call per token."""
    pos = 0
    tokendefs = self._tokens
    joined = _joined(self)
    statestack = list(stack)
    state = statestack[-1]
    statetokens = tokendefs[state]
    match = joined[state]
    while 1:
        if match is not None:
            m = match(text, pos)
            if m:
                index = m.lastindex - 1 if m.lastgroup is None else int(m.lastgroup[1:])
                rexmatch, action, new_state = statetokens[index]
                if action is not None:
                    if type(action) is _TokenType:
                        yield pos, action, m.group(m.lastgroup)
                    else:
                        yield from action(self, rexmatch(text, pos))
                pos = m.end(m.lastgroup)
            found = m is not None
        else:
            found = False
            for rexmatch, action, new_state in statetokens:
                m = rexmatch(text, pos)
                if m:
                    if action is not None:
                        if type(action) is _TokenType:
                            yield pos, action, m.group()
                        else:
                            yield from action(self, m)
                    pos = m.end()
                    found = True
                    break
        if found:
            if new_state is not None:
                if isinstance(new_state, tuple):
                    for st in new_state:
                        if st == "#pop":
                            if len(statestack) > 1:
                                statestack.pop()
                        elif st == "#push":
                            statestack.append(statestack[-1])
                        else:
                            statestack.append(st)
                elif isinstance(new_state, int):
                    if abs(new_state) >= len(statestack):
                        del statestack[1:]
                    else:
                        del statestack[new_state:]
                elif new_state == "#push":
                    statestack.append(statestack[-1])
                else:
                    raise AssertionError(f"wrong state def: {new_state!r}")
                state = statestack[-1]
                statetokens = tokendefs[state]
                match = joined[state]
            continue
        try:
            if text[pos] == "\n":
                statestack = ["root"]
                state = "root"
                statetokens = tokendefs["root"]
                match = joined["root"]
                yield pos, Whitespace, "\n"
                pos += 1
                continue
            yield pos, Error, text[pos]
            pos += 1
        except IndexError:
            break
