"""A recogniser: a pattern searched in the scrubbed string and what a match means.

Where a rule's pattern first matches, ``record`` writes the values it spells into
:class:`~.model.Pieces`, and the matched text is blanked out so that no later rule reads it
again. ``examples`` are strings this rule is the one to read (a test checks each against Ruby
and checks that this rule fires on it).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .model import Pieces

LETTER, DIGIT, DASH, DOT, SLASH, MONTH_NAME = 1, 2, 4, 8, 16, 32
_ASCII_LETTER = re.compile(r"[A-Za-z]")
MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
               "dec")
_MONTH_NAME = re.compile("|".join(MONTH_NAMES), re.I)
_ASCII_DIGIT = re.compile(r"[0-9]")


def kinds_of(text: str) -> int:
    """Which of ASCII letters, month names, ASCII digits, ``-``, ``.`` and ``/`` the text
    holds."""
    kinds = 0
    if _ASCII_LETTER.search(text):
        kinds |= LETTER
        if _MONTH_NAME.search(text):
            kinds |= MONTH_NAME
    if _ASCII_DIGIT.search(text):
        kinds |= DIGIT
    if "-" in text:
        kinds |= DASH
    if "." in text:
        kinds |= DOT
    if "/" in text:
        kinds |= SLASH
    return kinds


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    record: Callable[[re.Match[str], Pieces], None]
    examples: tuple[str, ...]
    needs: int = 0                        # kinds the pattern cannot match without (a shortcut)
    unless: re.Pattern[str] | None = None  # skip the rule where this matches anywhere


def pattern(text: str, ignore_case: bool = True) -> re.Pattern[str]:
    """A verbose pattern; the rules read names and letters in any case."""
    return re.compile(text, re.X | (re.I if ignore_case else 0))
