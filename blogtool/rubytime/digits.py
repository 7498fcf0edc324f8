"""Rules for a run of digits with no separators (``20160920``, ``20160920T101112``,
``101112.5``) and for a lone number left over at the end.

A run of 2 to 14 digits is read from the left as a date, with its width saying which fields it
holds; a run followed directly by a fraction (``101112.5``) is read from the right as a clock
instead. Digits after the run (``T101112``) are a clock: from the left (``HH``, ``HHMM``,
``HHMMSS``), or from the right when a fraction follows. A zone may end it: ``Z``, ``+0900``,
or ``[+9]``/``[-5:EST]`` (the name after the colon). Widths 9, 11 and 13 spell nothing.
"""
from __future__ import annotations

import re
from fractions import Fraction

from .model import Pieces
from .rule import DIGIT, Rule, pattern

# Field letters: y year (0..99 gets a century, even from four digits), Y year taken as written,
# m month, d day, j day of the year, H hour, M minute, S second.
_READ_AS_DATE = {2: "dd", 3: "jjj", 4: "mmdd", 5: "yyjjj", 6: "yymmdd", 7: "yyyyjjj",
                 8: "YYYYmmdd", 10: "YYYYmmddHH", 12: "YYYYmmddHHMM", 14: "YYYYmmddHHMMSS"}
_READ_AS_CLOCK = {2: "SS", 3: "MSS", 4: "MMSS", 5: "HMMSS", 6: "HHMMSS", 7: "dHHMMSS",
                  8: "ddHHMMSS", 10: "mmddHHMMSS", 12: "yymmddHHMMSS", 14: "YYYYmmddHHMMSS"}
_CLOCK_FROM_LEFT = {2: "HH", 4: "HHMM", 6: "HHMMSS"}
_CLOCK_FROM_RIGHT = {2: "SS", 4: "MMSS", 6: "HHMMSS"}
_FIELD = {"y": "year", "Y": "year", "m": "mon", "d": "mday", "j": "yday", "H": "hour",
          "M": "minute", "S": "sec"}

Layout = tuple[tuple[str, int, int], ...]


def _spans(layout: str) -> Layout:
    """``YYYYmmdd`` -> (("year", 0, 4), ("mon", 4, 6), ("mday", 6, 8))."""
    spans = [(_FIELD[ch], at) for at, ch in enumerate(layout) if at == 0 or layout[at - 1] != ch]
    ends = [at for _, at in spans[1:]] + [len(layout)]
    return tuple((name, start, end) for (name, start), end in zip(spans, ends, strict=True))


def _compile(table: dict[int, str]) -> dict[int, tuple[Layout, bool]]:
    return {width: (_spans(layout), "Y" in layout) for width, layout in table.items()}


_AS_DATE = _compile(_READ_AS_DATE)
_AS_CLOCK = _compile(_READ_AS_CLOCK)
_LEFT = _compile(_CLOCK_FROM_LEFT)
_RIGHT = _compile(_CLOCK_FROM_RIGHT)


def _spread(digits: str, layout: Layout, pieces: Pieces, negative: bool = False) -> None:
    for name, start, end in layout:
        value = int(digits[start:end])
        if name == "year" and negative:
            value = -value
        setattr(pieces, name, value)


def _digit_run(m: re.Match[str], pieces: Pieces) -> None:
    run, clock, fraction = m.group("run"), m.group("clock"), m.group("fraction")
    table = _AS_CLOCK if clock is None and fraction is not None else _AS_DATE
    layout = table.get(len(run))
    if layout is not None:
        _spread(run, layout[0], pieces, m.group("sign") == "-")
        if layout[1]:
            pieces.full_year = True
    if clock is not None:
        clock_layout = (_LEFT if fraction is None else _RIGHT).get(len(clock))
        if clock_layout is not None:
            _spread(clock, clock_layout[0], pieces)
    if fraction is not None:
        pieces.fraction = Fraction(int(fraction or "0"), 10 ** len(fraction))
    zone = m.group("zone")
    if zone is not None:
        if zone[0] == "[":
            inner = zone[1:-1]
            zone = inner.partition(":")[2] if ":" in inner else inner
        pieces.zone = zone


def _lone_number(m: re.Match[str], pieces: Pieces) -> None:
    """What is left is one number of one or two digits: the day after a clock without a
    date (``10:00 5``), or the hour after a date without a clock (``2016-09-20 5``)."""
    number = int(m.group("n"))
    if pieces.hour is not None and pieces.mday is None:
        if 1 <= number <= 31:
            pieces.mday = number
    elif pieces.mday is not None and pieces.hour is None and 0 <= number <= 24:
        pieces.hour = number


DIGIT_RUN = Rule(
    "digit run", pattern(r"""
        (?P<sign>[-+]?)(?P<run>[0-9]{2,14})
        (?:\s*t?\s*(?P<clock>[0-9]{2,6})?(?:[,.](?P<fraction>[0-9]*))?)?
        (?:\s*(?P<zone>z\b|[-+][0-9]{1,4}\b|\[[-+]?[0-9][^\]]*\]))?"""),
    _digit_run,
    ("20160920", "20160920T101112Z", "101112.5", "12345", "2016100", "-160920", "0920 [-5:EST]"),
    DIGIT)

LONE_NUMBER = Rule("lone number", pattern(r"\A\s*(?P<n>[0-9]{1,2})\s*\Z"), _lone_number,
                   ("10:00 5", "2016-09-20 5", "5pm 7"), DIGIT)
