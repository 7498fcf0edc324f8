"""A faster scanner for Pygments' regex lexers: one regular expression per state.

A Pygments ``RegexLexer`` describes, per state, a list of rules ``(regex, action, transition)``
and produces tokens like this: at the current position, the first rule of the state on top of
the stack whose regex matches there wins; its action gives the tokens (one token type for the
whole match, or a callback such as ``bygroups``/``using`` that yields several) and the position
moves to the end of the match; its transition pushes states, pushes the top again
(``#push``) or pops (``#pop``, ``#pop:n``), never below the bottom state. When no rule
matches, a newline becomes a ``Whitespace`` token and the stack goes back to ``root``; any
other character becomes an ``Error`` token. The text ends the scan.

Trying the rules one by one from Python costs a call per rule (a Java identifier goes past
about twenty rules before ``Name``), and highlighting was the largest single cost of a build.
Here a state's regexes are joined into one alternation, ``(?:r0)()|(?:r1)()|...``: at one
position the regex engine tries the alternatives in order and keeps the first that matches,
with the span it would have alone, so the rule is the same; which one matched is the number
of the empty group that closed last (``lastindex``), the one ending that alternative. A
callback gets a match of its own regex, since it reads that regex's groups, so inside the
alternation the regexes' own groups are made non-capturing: the engine then records no group
on the way, and an alternative that starts with a literal or a character set is skipped at
once when the character differs (about 40 % less CPU for Java, 60 % for Scala). A regex that
cannot share a pattern (group names or numbers referred to, inline flags other than leading
ones) is tried alone in its place, between joined runs of the others (and so is a regex with
flags unlike its neighbours'); short states are scanned rule by rule, and so is every state
until it has scanned ``JOIN_AFTER`` positions: a joined pattern is compiled only for a state
busy enough to repay it (the joined patterns are made in ``lexjoin.py``). The one loop,
:func:`walk`, gives tokens (Pygments' interface) or, for highlighting (``lexruns.py``), runs
of one CSS class without the tokens. ``tests/test_fastlex.py`` checks the tokens against
Pygments for every lexer blogtool speeds up, ``tests/test_lexruns.py`` the runs against the
tokens'.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pygments.lexer import Lexer, RegexLexer, bygroups
from pygments.token import Error, Keyword, Name, Whitespace, _TokenType

from .lexjoin import RUN, Rule, State

__all__ = ["fast_lexer"]

# the code every ``bygroups(...)`` callback shares (its actions are in the closure)
_BYGROUPS_CODE = getattr(bygroups(), "__code__", None)

_SPED_UP: dict[type, type] = {}


def fast_lexer(lexer: Lexer) -> Lexer:
    """A lexer that gives the same tokens as ``lexer``, faster when ``lexer`` is a plain
    :class:`RegexLexer` (one that keeps Pygments' own scanning) with a state long enough to
    gain, or a shell session lexer (``console``) whose commands such a lexer reads;
    otherwise ``lexer`` itself."""
    base = type(lexer)
    inner = getattr(base, "_innerLexerCls", None)
    if isinstance(inner, type) and issubclass(inner, RegexLexer) and \
            not isinstance(lexer, RegexLexer):
        return _with_fast_inner(lexer, inner)
    if not isinstance(lexer, RegexLexer):
        return lexer
    scan: Callable[..., Any] = _scan
    if base.get_tokens_unprocessed is not RegexLexer.get_tokens_unprocessed:
        if not _types_c_names(base):
            return lexer
        scan = _scan_c
    sped_up = _SPED_UP.get(base)
    if sped_up is None:
        attrs = {"get_tokens_unprocessed": scan, "_states": None,
                 "__module__": base.__module__, "__doc__": base.__doc__}
        if "_tokens" in base.__dict__:      # the rules Pygments compiled, not compiled again
            attrs["_tokens"] = base.__dict__["_tokens"]
        sped_up = type(base.__name__, (base,), attrs)
        if not any(s.joinable for s in states_of(sped_up(**lexer.options)).values()):
            sped_up = base
        _SPED_UP[base] = sped_up
    return lexer if sped_up is base else sped_up(**lexer.options)


# Pygments' C and C++ lexers scan as a plain RegexLexer, then give the names found in their
# type tables (each table under its option) the type Keyword.Type: ``_scan_c`` does the same
# after the fast scan.
_C_TYPE_TABLES = (("stdlibhighlighting", "stdlib_types"), ("c99highlighting", "c99_types"),
                  ("c11highlighting", "c11_atomic_types"),
                  ("platformhighlighting", "linux_types"))


def _types_c_names(base: type) -> bool:
    """``base`` is one of Pygments' C-family lexers with their own name typing as it is."""
    family = getattr(sys.modules.get("pygments.lexers.c_cpp"), "CFamilyLexer", None)
    own = getattr(family, "get_tokens_unprocessed", None)
    return isinstance(family, type) and issubclass(base, family) and own is not None and \
        getattr(base, "get_tokens_unprocessed", None) is own and \
        all(isinstance(getattr(base, table, None), (set, frozenset))
            for _, table in _C_TYPE_TABLES)


def _scan_c(self: RegexLexer, text: str, stack: tuple[str, ...] = ("root",)
            ) -> Iterator[tuple[int, Any, str]]:
    """:func:`_scan`, with names in the type tables the lexer's options turn on as types."""
    tokens: list[tuple[int, Any, str]] = []
    walk(self, text, stack, tokens, types=c_types(self))
    return iter(tokens)


def c_types(lexer: RegexLexer) -> frozenset[str] | None:
    """The names a sped-up C-family lexer types as ``Keyword.Type``; None for other lexers."""
    if type(lexer).get_tokens_unprocessed is not _scan_c:
        return None
    types = lexer.__dict__.get("_c_types")
    if types is None:
        types = lexer._c_types = frozenset().union(*(  # type: ignore[attr-defined]
            getattr(lexer, table) for option, table in _C_TYPE_TABLES
            if getattr(lexer, option, True)))
    return types


def _with_fast_inner(lexer: Lexer, inner: type) -> Lexer:
    """A session lexer (prompts and output around commands) whose command lexer is sped
    up; its own scanning is unchanged."""
    base = type(lexer)
    sped_up = _SPED_UP.get(base)
    if sped_up is None:
        fast_inner = type(fast_lexer(inner(**lexer.options)))
        sped_up = base if fast_inner is inner else type(base.__name__, (base,), {
            "_innerLexerCls": fast_inner,
            "__module__": base.__module__, "__doc__": base.__doc__})
        _SPED_UP[base] = sped_up
    return lexer if sped_up is base else sped_up(**lexer.options)


def states_of(lexer: RegexLexer) -> dict[str, State]:
    """Per state, its rules ready to apply; made once per lexer class (Pygments compiles the
    rules on the first instance)."""
    cls = type(lexer)
    states = cls._states
    if states is None:
        states = {name: State([_rule(*rule) for rule in rules])
                  for name, rules in lexer._tokens.items()}
        cls._states = states
    return states


def joined_states(lexer: Lexer) -> dict[str, bool]:
    """Which states of a sped-up lexer scan with a joined pattern (whole or in runs) by now."""
    states = getattr(type(lexer), "_states", None) or {}
    return {name: state.joined is not None or state.scan is not state.rules
            for name, state in states.items()}


def _rule(match: Callable[..., Any], action: Any, transition: Any) -> Rule:
    token = action if type(action) is _TokenType else None
    callback = action if token is None and action is not None else None
    if callback is not None:
        callback = _token_groups(callback) or callback
    return match, token, callback, _steps(transition)


def _token_groups(callback: Any) -> tuple[tuple[int, _TokenType], ...] | None:
    """For ``bygroups(T1, None, T2...)`` (token types only), its (group, type) pairs: each
    non-empty group is one token of its type, at the group's start."""
    if getattr(callback, "__code__", None) is not _BYGROUPS_CODE or _BYGROUPS_CODE is None:
        return None
    cells = dict(zip(callback.__code__.co_freevars, callback.__closure__ or (), strict=True))
    actions = cells["args"].cell_contents if "args" in cells else None
    if not isinstance(actions, tuple) or \
            not all(a is None or type(a) is _TokenType for a in actions):
        return None
    pairs = tuple((i, a) for i, a in enumerate(actions, 1) if a is not None)
    return pairs or None


def _steps(transition: Any) -> tuple:
    """Pygments' processed transition (None, a tuple of names and ``#pop``/``#push``, a
    negative count, or ``#push``) as a tuple of steps."""
    if transition is None:
        return ()
    if isinstance(transition, int):
        return (transition,)
    if isinstance(transition, str):
        return (transition,)
    return tuple(-1 if step == "#pop" else step for step in transition)


def move(stack: list[str], steps: tuple) -> None:
    """Apply a rule's stack steps (never below the bottom state)."""
    for step in steps:
        if type(step) is int:
            del stack[max(1, len(stack) + step):]
        elif step == "#push":
            stack.append(stack[-1])
        else:
            stack.append(step)


def _scan(self: RegexLexer, text: str, stack: tuple[str, ...] = ("root",)
          ) -> Iterator[tuple[int, Any, str]]:
    """Tokens of ``text`` as ``(index, token type, text)``, starting with ``stack``."""
    tokens: list[tuple[int, Any, str]] = []
    walk(self, text, stack, tokens)
    return iter(tokens)


# (start, end, class) per run of one CSS class, in order; a class None marks a piece of the
# run after it (the two are one run, with text the lexer dropped between them)
Runs = list[tuple[int, int, str | None]]


class NotText(Exception):
    """A callback gave a token that is not the text at its index (no runs can be made)."""


def walk(lexer: RegexLexer, text: str, stack: tuple[str, ...] = ("root",),
         tokens: list[tuple[int, Any, str]] | None = None, *,
         classes: dict[_TokenType, str] | None = None,
         css_class: Callable[[_TokenType], str] | None = None,
         types: frozenset[str] | None = None) -> Runs:
    """The scan: with ``tokens``, each token is appended to it as ``(index, type, text)``;
    without, the tokens are read into runs of one CSS class (``classes``, filled by
    ``css_class`` for a type not in it yet), returned as slices of ``text`` (``lexruns.py``):
    a token that continues the run before it only moves the run's end, and no token's text is
    cut. ``types``: names made ``Keyword.Type`` (the C family's type tables). A rule with one
    token type, the common case, is handled inline; groups, callbacks and the characters no
    rule matched go through ``pieces``. In runs, a callback's token that is not the text at
    its index raises :class:`NotText`."""
    runs: Runs = []
    add = runs.append
    run_cls: str | None = None
    run_start = run_end = 0
    get_class: Callable[[_TokenType], str | None] = {}.get
    make_class: Callable[[_TokenType], str] = str       # neither is used for tokens
    if tokens is None:
        if classes is None or css_class is None:
            raise TypeError("runs need classes and css_class")
        get_class, make_class = classes.get, css_class
    states = states_of(lexer)
    names = list(stack)
    state = states[names[-1]]
    joined = state.joined
    pos = 0
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
        pieces: Sequence[tuple[int, int, Any]] = ()
        if rule is not None:
            match, token, callback, steps = rule
            if token is not None:
                if types is not None and token is Name and text[pos:end] in types:
                    token = Keyword.Type
                if tokens is not None:
                    tokens.append((pos, token, text[pos:end]))
                elif end > pos:     # the run extended or ended here, as for ``pieces`` below:
                    cls = get_class(token)     # a tuple per token cost ~8 % of highlighting
                    if cls is None:
                        cls = make_class(token)
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
                    found = match(text, pos)    # the groups are the rule's own regex's
                pieces = [(found.start(group), found.end(group), kind)
                          for group, kind in callback]
            elif callback is not None:
                made = callback(lexer, found if own else match(text, pos))
                if tokens is not None:
                    for token_ in made:
                        if types is not None and token_[1] is Name and token_[2] in types:
                            token_ = (token_[0], Keyword.Type, token_[2])
                        tokens.append(token_)
                else:
                    listed = []
                    for index, kind, value in made:
                        if value and not text.startswith(value, index):
                            raise NotText
                        listed.append((index, index + len(value), kind))
                    pieces = listed
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
            if tokens is not None:
                if stop > start:
                    value = text[start:stop]
                    if types is not None and kind is Name and value in types:
                        kind = Keyword.Type
                    tokens.append((start, kind, value))
                continue
            if stop <= start:
                continue
            if types is not None and kind is Name and text[start:stop] in types:
                kind = Keyword.Type
            cls = get_class(kind)
            if cls is None:
                cls = make_class(kind)
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
    return runs


# the scans of sped-up lexers (``lexruns.class_runs`` has ``walk`` make runs for them)
SCANS = (_scan, _scan_c)
