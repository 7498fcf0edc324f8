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
busy enough to repay it. ``tests/test_fastlex.py``
checks the tokens against Pygments for every lexer blogtool speeds up.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

from pygments.lexer import Lexer, RegexLexer, bygroups
from pygments.token import Error, Keyword, Name, Whitespace, _TokenType

__all__ = ["fast_lexer"]

JOIN_MIN = 10   # rules; a shorter state is as fast rule by rule (measured on xml, ini, diff)
# Positions a state scans rule by rule before its rules are joined. Compiling a joined pattern
# costs more than scanning a few blocks (Scala's root state: about 0.5 s), so a language that
# appears in a handful of blocks never pays for it; one in hundreds of blocks does, once.
JOIN_AFTER = 2000

# what stops a regex from sharing one pattern with others: named groups and references to
# groups (their numbers change), conditionals, inline flags
_UNSHAREABLE = re.compile(r"\(\?P[<=]|\(\?\(|\\[1-9]|\(\?[aiLmsux-]+[):]")

# One rule, ready to apply: (its own match function, token type or None, callback or None,
# stack steps). A step is a state name to push, "#push" (the top again) or -n (pop n). A
# ``bygroups`` callback whose actions are all token types (or None) is kept as its
# (group number, token type) pairs, applied by the scan loop itself.
Rule = tuple[Callable[..., Any], Any, Any, tuple]

# the code every ``bygroups(...)`` callback shares (its actions are in the closure)
_BYGROUPS_CODE = getattr(bygroups(), "__code__", None)

_SPED_UP: dict[type, type] = {}


class _State:
    """One state's rules, and once the state has been busy enough, their joined pattern's
    match function with the rule each closing group number stands for. A state with rules
    that cannot share a pattern is joined in runs: ``scan`` then holds, in order, the rules
    scanned alone and the runs' patterns (each marked ``_RUN``, with its own group map)."""

    __slots__ = ("rules", "scan", "joined", "by_group", "countdown", "_plan")

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.scan: list[Rule] = rules
        self.joined: Callable[..., Any] | None = None
        self.by_group: dict[int, Rule] = {}
        self._plan = _plan(rules) if len(rules) >= JOIN_MIN else None
        self.countdown = JOIN_AFTER if self._plan is not None else -1
        if self.countdown == 0:
            self.join()

    @property
    def joinable(self) -> bool:
        return self._plan is not None

    def join(self) -> None:
        """Compile the joined patterns (a run whose pattern fails to compile stays rule by
        rule)."""
        self.countdown = -1
        if self._plan is None:
            return
        scan: list[Rule] = []
        for run, parts in self._plan:
            compiled = None
            if parts is not None:
                flags = next((f for _, f, _ in parts if f is not None), 0)
                try:
                    compiled = re.compile("|".join(alt for alt, _, _ in parts), flags)
                except (re.error, RecursionError, OverflowError):
                    compiled = None
            if compiled is None:
                scan.extend(run)
                continue
            by_group: dict[int, Rule] = {}
            number = 0
            for rule, (_, _, kept) in zip(run, parts or (), strict=True):
                number += kept + 1          # the regex's groups kept, then the closing ()
                by_group[number] = rule
            if len(self._plan) == 1:
                self.joined, self.by_group = compiled.match, by_group
                return
            scan.append((compiled.match, _RUN, by_group, ()))
        self.scan = scan


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
        if not any(s.joinable for s in _states(sped_up(**lexer.options)).values()):
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
    types = self.__dict__.get("_c_types")
    if types is None:
        types = self._c_types = frozenset().union(*(  # type: ignore[attr-defined]
            getattr(self, table) for option, table in _C_TYPE_TABLES
            if getattr(self, option, True)))
    for index, token, value in _scan(self, text, stack):
        yield index, (Keyword.Type if token is Name and value in types else token), value


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


def _states(lexer: RegexLexer) -> dict[str, _State]:
    """Per state, its rules ready to apply; made once per lexer class (Pygments compiles the
    rules on the first instance)."""
    cls = type(lexer)
    states = cls._states
    if states is None:
        states = {name: _State([_rule(*rule) for rule in rules])
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


RUN_MIN = 4     # rules; a shorter run between rules that cannot share is scanned rule by rule
_RUN = object()  # marks a run's pattern among the rules a state scans one by one
# a regex's own flags set at its start, which a joined pattern keeps as a scoped group
_LEADING_FLAGS = re.compile(r"\(\?([ims]+)\)")
_FLAG_BITS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}

# One rule as an alternative of a joined pattern: (its text, flags or None for any, how many
# of its own groups stay capturing).
Part = tuple[str, int | None, int]


def _part(rule: Rule) -> Part | None:
    """The rule's regex as ``(?:regex)()`` with its groups made non-capturing (all of them
    kept when they could not be told apart for sure), or None when it cannot share."""
    regex = getattr(rule[0], "__self__", None)
    if not isinstance(regex, re.Pattern):
        return None
    pattern, flags = regex.pattern, regex.flags
    leading = _LEADING_FLAGS.match(pattern)
    if leading is not None:     # (?s)x is (?s:x) inside an alternation
        for letter in leading.group(1):
            flags &= ~_FLAG_BITS[letter]
        pattern = pattern[leading.end():]
    if _UNSHAREABLE.search(pattern):
        return None
    if leading is not None:
        pattern = f"(?{leading.group(1)}:{pattern})"
    if not regex.pattern:       # an empty regex (``default``) matches under any flags
        return "(?:)()", None, 0
    bare = non_capturing(pattern, flags, regex.groups)
    if bare is None:
        return f"(?:{pattern})()", flags, regex.groups
    return f"(?:{bare})()", flags, 0


def _plan(rules: list[Rule]) -> list[tuple[list[Rule], list[Part] | None]] | None:
    """The rules in order, in runs that share one pattern (with their parts) and rules
    scanned alone (None); None when no run is long enough to join."""
    plan: list[tuple[list[Rule], list[Part] | None]] = []
    run: list[Rule] = []
    parts: list[Part] = []
    flags: int | None = None

    def close() -> None:
        if run:
            plan.append((list(run), list(parts) if len(run) >= RUN_MIN else None))
        run.clear()
        parts.clear()

    for rule in rules:
        part = _part(rule)
        if part is None:
            close()
            flags = None
            plan.append(([rule], None))
            continue
        if part[1] is not None and flags is not None and part[1] != flags:
            close()
            flags = None
        if part[1] is not None:
            flags = part[1]
        run.append(rule)
        parts.append(part)
    close()
    return plan if any(p is not None for _, p in plan) else None


# the pieces of a regex that can hold a "(" that opens no group: an escaped character, a
# character set (a "]" right after "[" or "[^" is part of it), a (?#comment); and the "(" of
# a capturing group. In verbose mode, a comment to the end of the line as well.
_PIECES = r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?\#[^)]*\)|(\()(?!\?)"
_GROUP_OPENS = re.compile(_PIECES, re.DOTALL)
_GROUP_OPENS_VERBOSE = re.compile(_PIECES + r"|\#[^\n]*", re.DOTALL)


def non_capturing(pattern: str, flags: int, groups: int) -> str | None:
    """``pattern`` with each capturing group made non-capturing (``(`` to ``(?:``), or None
    when the count of groups changed does not come out as ``groups``."""
    if not groups:
        return pattern
    opens = _GROUP_OPENS_VERBOSE if flags & re.VERBOSE else _GROUP_OPENS
    changed = 0

    def open_bare(found: re.Match[str]) -> str:
        nonlocal changed
        if found.group(1) is None:
            return found.group()
        changed += 1
        return "(?:"

    bare = opens.sub(open_bare, pattern)
    return bare if changed == groups else None


def _move(stack: list[str], steps: tuple) -> None:
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
    states = _states(self)
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
                    if candidate[1] is _RUN:
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
                yield pos, token, text[pos:end]
            elif type(callback) is tuple:
                if not own:
                    found = match(text, pos)
                for group, kind in callback:
                    value = found.group(group)
                    if value:
                        yield found.start(group), kind, value
            elif callback is not None:
                yield from callback(self, found if own else match(text, pos))
            pos = end
            if steps:
                _move(names, steps)
                state = states[names[-1]]
            joined = state.joined
            continue
        if pos >= len(text):
            return
        if text[pos] == "\n":
            names = ["root"]
            state = states["root"]
            joined = state.joined
            yield pos, Whitespace, "\n"
        else:
            yield pos, Error, text[pos]
        pos += 1
