"""Rules for dates written with English month and weekday names, and for ``BC``.

Names are matched by their first three letters in any case, whatever follows them
(``Sep``, ``Sept.``, ``SEPTEMBER``). A name the patterns accept only through Unicode case
folding (``ſep``, with a long s) is month 13, which Ruby rejects.
"""
from __future__ import annotations

import re

from .model import Pieces
from .rule import DASH, DIGIT, LETTER, MONTH_NAME, MONTH_NAMES, Rule, pattern
from .triple import place

MONTH = "(?P<month>" + "|".join(MONTH_NAMES) + ")"
_ERA = r"(?P<era>c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.))?"


def month_number(name: str) -> str:
    """The month a matched name stands for, as the digits the slot rules read."""
    try:
        return str(MONTH_NAMES.index(name[:3].lower()) + 1)
    except ValueError:
        return "13"


def _is_bc(match: re.Match[str]) -> bool:
    era = match.group("era")
    return era is not None and era[:1] in "bB"


def _day_month_year(m: re.Match[str], pieces: Pieces) -> None:
    place(m.group("year"), month_number(m.group("month")), m.group("day"), pieces, _is_bc(m))


def _dashed(m: re.Match[str], pieces: Pieces) -> None:
    place(m.group("year"), month_number(m.group("month")), m.group("day"), pieces)


def _record_nothing(_m: re.Match[str], _pieces: Pieces) -> None:
    """Weekdays, week dates: Time.parse builds nothing from them, but they use up their text."""


def _before_christ(_m: re.Match[str], pieces: Pieces) -> None:
    pieces.before_christ = True


def _month_only(m: re.Match[str], pieces: Pieces) -> None:
    pieces.mon = int(month_number(m.group("month")))


def _ordinal_day(m: re.Match[str], pieces: Pieces) -> None:
    pieces.mday = int(m.group("day"))


WEEKDAY = Rule(
    "weekday", pattern(r"\b(?:sun|mon|tue|wed|thu|fri|sat)[^-/0-9\s]*"), _record_nothing,
    ("Tue, 20 Sep 2016", "Tuesday. 2016-09-20", "MON 9:00"), LETTER)

# The day, anything but digits, dashes and spaces (``20th``, ``20.``, ``20日``), the month,
# then an optional era and year; the year may carry an ordinal (``2016 Sep 20th``).
DAY_MONTH_YEAR = Rule(
    "day month year", pattern(
        rf"(?P<day>'?[0-9]+)[^-0-9\s]*\s*{MONTH}[^-0-9\s']*"
        rf"(?:\s*{_ERA}\s*(?P<year>'?-?[0-9]+(?:(?:st|nd|rd|th)\b)?))?"),
    _day_month_year,
    ("20 Sep 2016", "20th September, 2016 BC", "2016-09-20 Oct 5", "2016 Sep 20th", "5 mar"),
    MONTH_NAME | DIGIT)

# The month, its day, then an optional comma, era and year.
MONTH_DAY_YEAR = Rule(
    "month day year", pattern(
        rf"\b{MONTH}[^-0-9\s']*\s*(?P<day>'?[0-9]+)[^-0-9\s']*"
        rf"(?:\s*,?\s*{_ERA}\s*(?P<year>'?-?[0-9]+))?"),
    _day_month_year, ("Sep 20, 2016", "September 20 2016 10:00", "Sep 2016", "Sept. 5 '16"),
    MONTH_NAME | DIGIT)

DAY_DASH_MONTH = Rule(
    "day-month-year", pattern(rf"(?P<day>'?-?[0-9]+)-{MONTH}[^-/.]*-(?P<year>'?-?[0-9]+)"),
    _dashed, ("20-Sep-2016", "5-mar-16"), MONTH_NAME | DIGIT | DASH)

MONTH_DASH_DAY = Rule(
    "month-day-year", pattern(
        rf"\b{MONTH}[^-/.]*-(?P<day>'?-?[0-9]+)(?:-(?P<year>'?-?[0-9]+))?"),
    _dashed, ("Sep-20-2016", "sep-20"), MONTH_NAME | DIGIT | DASH)

MONTH_ALONE = Rule("month", pattern(rf"\b{MONTH}\S*"), _month_only,
                   ("September", "10:00 UTC Sept."), MONTH_NAME)

ORDINAL_DAY = Rule("ordinal day", pattern(r"(?P<day>[0-9]+)(?:st|nd|rd|th)\b"), _ordinal_day,
                   ("the 20th", "3rd 10:00"), DIGIT)

BC = Rule("bc", pattern(r"\b(?:bc\b|bce\b|b\.c\.|b\.c\.e\.)"), _before_christ,
          ("2016-09-20 BC", "10 b.c. 2016-1-1"), LETTER)
