"""Rules for dates written in numbers only: separated by dashes, slashes or dots, Japanese
era dates, week dates, days of the year, and an apostrophe year."""
from __future__ import annotations

import re

from .model import Pieces
from .rule import DASH, DIGIT, DOT, SLASH, Rule, pattern
from .triple import place

# Added to a year of the era to give the Gregorian year (Meiji 1 is 1868; then Taisho, Showa,
# Heisei, Reiwa); a letter the pattern takes only by Unicode case folding (``ſ`` for s) adds 0.
_ERA_START = {"m": 1867, "t": 1911, "s": 1925, "h": 1988, "r": 2018}


def _in_slots(m: re.Match[str], pieces: Pieces) -> None:
    place(m.group("year"), m.group("month"), m.group("day"), pieces)


def _era_date(m: re.Match[str], pieces: Pieces) -> None:
    pieces.year = int(m.group("year")) + _ERA_START.get(m.group("era").lower(), 0)
    pieces.mon = int(m.group("month"))
    pieces.mday = int(m.group("day"))


def _month_and_day(m: re.Match[str], pieces: Pieces) -> None:
    if m.group("month") is not None:
        pieces.mon = int(m.group("month"))
    if m.group("day") is not None:
        pieces.mday = int(m.group("day"))


def _year_and_day(m: re.Match[str], pieces: Pieces) -> None:
    pieces.year = int(m.group("year"))
    pieces.yday = int(m.group("yday"))


def _day_of_year(m: re.Match[str], pieces: Pieces) -> None:
    pieces.yday = int(m.group("yday"))


def _week_date(_m: re.Match[str], _pieces: Pieces) -> None:
    """Time.parse builds nothing from a week date (``2016-W10-3`` has no time information);
    the rule only uses up its text."""


def _quoted_year(m: re.Match[str], pieces: Pieces) -> None:
    pieces.year = int(m.group("year"))


DASHED = Rule(
    "dashed", pattern(r"(?P<year>'?[-+]?[0-9]+)-(?P<month>[0-9]+)-(?P<day>'?-?[0-9]+)", False),
    _in_slots, ("2016-09-20", "20-09-2016", "16-9-5", "2016-9-20T10:00"), DIGIT | DASH)

JAPANESE_ERA = Rule(
    "japanese era",
    pattern(r"\b(?P<era>[mtshr])(?P<year>[0-9]+)\.(?P<month>[0-9]+)\.(?P<day>[0-9]+)"),
    _era_date, ("H27.1.2", "R5.1.1", "s64.1.7"), DIGIT | DOT)

# The second separator may be any non-digit: ``2016/09 20``, ``2016/09-20``.
SLASHED = Rule(
    "slashed", pattern(
        r"(?P<year>'?-?[0-9]+)/\s*(?P<month>'?[0-9]+)(?:[^0-9]\s*(?P<day>'?-?[0-9]+))?"),
    _in_slots, ("2016/9/20", "20/09/2016", "9/20", "2016/ 09.20"), DIGIT | SLASH)

DOTTED = Rule(
    "dotted", pattern(r"(?P<year>'?-?[0-9]+)\.\s*(?P<month>'?[0-9]+)\.\s*(?P<day>'?-?[0-9]+)"),
    _in_slots, ("2016.09.20", "20.9.2016", "2016. 9. 20"), DIGIT | DOT)

WEEK = Rule("week", pattern(r"\b(?:[0-9]{2}|[0-9]{4})?-?w[0-9]{2}(?:-?[0-9])?\b"),
            _week_date, ("2016-W10-3", "W10", "16w105"), DIGIT)

WEEKDAY_NUMBER = Rule("week day", pattern(r"-w-[0-9]\b"), _week_date, ("-w-3 10:00",), DIGIT)

MONTH_DAY_DASHED = Rule(
    "--month-day", pattern(r"--(?P<month>[0-9]{2})?-(?P<day>[0-9]{2})\b", False),
    _month_and_day, ("--09-20", "---20"), DIGIT)

MONTH_DAY_RUN = Rule(
    "--monthday", pattern(r"--(?P<month>[0-9]{2})(?P<day>[0-9]{2})?\b", False),
    _month_and_day, ("--0920", "--09"), DIGIT)

# ``2016-100``, ``16-100``; not where such a pair follows a comma or a dot anywhere.
YEAR_DAY = Rule(
    "year-yday", pattern(r"\b(?P<year>[0-9]{2}|[0-9]{4})-(?P<yday>[0-9]{3})\b", False),
    _year_and_day, ("2016-100", "16-366", "0016-100"), DIGIT,
    unless=pattern(r"[,.](?:[0-9]{2}|[0-9]{4})-[0-9]{3}\b", False))

# ``day-100``: a day of the current year, after a letter (not after a digit).
DAY_OF_YEAR = Rule(
    "-yday", pattern(r"\b-(?P<yday>[0-9]{3})\b", False),
    _day_of_year, ("x-100", "day-365"), DIGIT,
    unless=pattern(r"[0-9]-[0-9]{3}\b", False))

QUOTED_YEAR = Rule("'year", pattern(r"'(?P<year>[0-9]+)\b", False), _quoted_year,
                   ("'16", "'16 10:00"), DIGIT)
