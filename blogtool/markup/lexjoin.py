"""Joined patterns for the lexer loop of ``fastlex.py``: one regular expression per state.

A state's regexes are joined into one alternation, ``(?:r0)()|(?:r1)()|...`` (see
``fastlex.py`` for why the rule that matches and its span are the same), in runs when some
rules cannot share a pattern.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["Rule", "State", "JOIN_MIN", "JOIN_AFTER", "RUN", "non_capturing"]

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
# (group number, token type) pairs, applied by the scan loop itself; as a list, the pairs
# number the groups of a joined pattern that kept the regex's groups.
Rule = tuple[Callable[..., Any], Any, Any, tuple]



class State:
    """One state's rules, and once the state has been busy enough, their joined pattern's
    match function with the rule each closing group number stands for. A state with rules
    that cannot share a pattern is joined in runs: ``scan`` then holds, in order, the rules
    scanned alone and the runs' patterns (each marked ``RUN``, with its own group map)."""

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
                by_group[number] = _shifted(rule, number - kept - 1) if kept else rule
            if len(self._plan) == 1:
                self.joined, self.by_group = compiled.match, by_group
                return
            scan.append((compiled.match, RUN, by_group, ()))
        self.scan = scan


RUN_MIN = 4     # rules; a shorter run between rules that cannot share is scanned rule by rule
RUN = object()  # marks a run's pattern among the rules a state scans one by one
# a regex's own flags set at its start, which a joined pattern keeps as a scoped group
_LEADING_FLAGS = re.compile(r"\(\?([ims]+)\)")
_FLAG_BITS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}

# One rule as an alternative of a joined pattern: (its text, flags or None for any, how many
# of its own groups stay capturing).
Part = tuple[str, int | None, int]


def _shifted(rule: Rule, offset: int) -> Rule:
    """A rule whose token groups (``bygroups`` pairs) are read from a joined pattern in which
    its groups come after ``offset`` others: the pairs as a list, with the joined numbers."""
    match, token, callback, steps = rule
    if type(callback) is not tuple:
        return rule
    return match, token, [(offset + group, kind) for group, kind in callback], steps


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


