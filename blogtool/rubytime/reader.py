"""Reading a date string into :class:`~.model.Pieces`: the rules, in the order they apply.

The scrubbed string goes through four stages; in each, the first rule whose pattern matches
reads its values and blanks its text out, and the other rules of that stage are not tried:

1. a weekday name (``Tue,``), only used up;
2. a time of day with its zone (``10:20:30 +0900``, ``5pm``);
3. one date, the first of these forms that matches anywhere in what is left: names before
   numbers (``2016-09-20 Oct 5`` is 20 October 2005: ``20 Oct 5`` is read first), dashes
   before slashes, slashes before dots (``2016/09/20 2015-1-2`` and ``20.09.2016 2015/1/2``
   are both 2 January 2015), then week and year-day forms, an apostrophe year, a month name
   alone, an ordinal day, and last a run of digits (``20160920``);
4. ``BC``.

Then a lone number of one or two digits that is all that is left fills the day or the hour
(:data:`~.digits.LONE_NUMBER`), and the year gets its era and century (:meth:`Pieces.finish`).
"""
from __future__ import annotations

import re

from .clock import CLOCK
from .digits import DIGIT_RUN, LONE_NUMBER
from .model import Pieces, TimeParseError
from .names import (
    BC,
    DAY_DASH_MONTH,
    DAY_MONTH_YEAR,
    MONTH_ALONE,
    MONTH_DASH_DAY,
    MONTH_DAY_YEAR,
    ORDINAL_DAY,
    WEEKDAY,
)
from .numbers import (
    DASHED,
    DAY_OF_YEAR,
    DOTTED,
    JAPANESE_ERA,
    MONTH_DAY_DASHED,
    MONTH_DAY_RUN,
    QUOTED_YEAR,
    SLASHED,
    WEEK,
    WEEKDAY_NUMBER,
    YEAR_DAY,
)
from .rule import Rule, kinds_of
from .scrub import scrub

LIMIT = 128          # longer strings (in UTF-8 bytes) are refused, as Ruby refuses them

STAGES: tuple[tuple[Rule, ...], ...] = (
    (WEEKDAY,),
    (CLOCK,),
    (DAY_MONTH_YEAR, MONTH_DAY_YEAR, DASHED, JAPANESE_ERA, DAY_DASH_MONTH, MONTH_DASH_DAY,
     SLASHED, DOTTED, WEEK, WEEKDAY_NUMBER, MONTH_DAY_DASHED, MONTH_DAY_RUN, YEAR_DAY,
     DAY_OF_YEAR, QUOTED_YEAR, MONTH_ALONE, ORDINAL_DAY, DIGIT_RUN),
    (BC,),
    (LONE_NUMBER,),
)

# The forms nearly every post uses, read directly: "YYYY-MM-DD[ HH:MM[:SS][ +HH[:]MM]]" gives
# exactly these fields through the rules too.
COMMON = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                    r"(?: ([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?: ([-+][0-9]{2}:?[0-9]{2}))?)?")


def _common(m: re.Match[str]) -> Pieces:
    year, mon, mday, hour, minute, sec, zone = m.groups()
    pieces = Pieces(year=int(year), mon=int(mon), mday=int(mday), zone=zone, full_year=True)
    if hour is not None:
        pieces.hour, pieces.minute = int(hour), int(minute)
        if sec is not None:
            pieces.sec = int(sec)
    return pieces


def read(text: str, fired: list[str] | None = None) -> Pieces:
    """The pieces ``text`` spells out; ``fired`` collects the names of the rules that read it."""
    size = len(text.encode("utf-8"))
    if size > LIMIT:
        raise TimeParseError(f"string length ({size}) exceeds the limit {LIMIT}")
    common = COMMON.fullmatch(text) if fired is None else None
    if common is not None:
        return _common(common)
    work = scrub(text)
    kinds = kinds_of(work)
    pieces = Pieces()
    for stage in STAGES:
        for rule in stage:
            if rule.needs & kinds != rule.needs or \
                    rule.unless is not None and rule.unless.search(work):
                continue
            m = rule.pattern.search(work)
            if m is None:
                continue
            rule.record(m, pieces)
            work = work[:m.start()] + " " + work[m.end():]
            kinds = kinds_of(work)
            if fired is not None:
                fired.append(rule.name)
            break
    return pieces.finish()
