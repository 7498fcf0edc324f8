"""Which of up to three numbers is the year, the month and the day.

A date form hands over its numbers in the slots its usual order suggests (``2016-09-20``:
year, month, day); these rules then move them by how they are written, as Ruby does:

* two numbers only (a year slot and a month slot) are the month and the day: ``9/20`` is
  20 September;
* without a year, a day written like a year (more than two characters, or with an
  apostrophe) is the year: ``Sep 2016``;
* a year slot with letters after its digits is a day: ``2016 Sep 20th`` is 20 September 2016;
* a month written like a year moves everything round: ``20/2016/09`` is 20 September 2016;
* a day written like a year trades places with the year: ``20/09/2016`` is 20 September 2016
  (and ``09/20/2016`` is month 20, which Ruby rejects).

The year is its first signed run of digits; with a sign or more than two digits it is taken as
written (``0016`` is the year 16), otherwise it gets a century. Month and day are their first
run of digits.
"""
from __future__ import annotations

import re

from .model import Pieces

_NUMBER = re.compile(r"[^-+0-9]*([-+]?)([0-9]*)")
_DIGITS = re.compile(r"[0-9]+")


def _like_year(text: str) -> bool:
    return len(text) > 2 or text[:1] == "'"


def place(year: str | None, month: str | None, day: str | None, pieces: Pieces,
          before_christ: bool = False) -> None:
    if day is None and year is not None and month is not None:
        year, month, day = None, year, month
    if year is None and day is not None and _like_year(day):
        year, day = day, None
    if year is not None:
        number = _NUMBER.match(year)
        assert number is not None
        if number.end() < len(year) and (number.group(1) or number.group(2)):
            year, day = day, number.group(1) + number.group(2)
    if month is not None and _like_year(month):
        year, month, day = month, day, year
    if day is not None and _like_year(day):
        year, day = day, year
    if year is not None:
        number = _NUMBER.match(year)
        assert number is not None
        sign, digits = number.groups()
        if sign or digits:
            pieces.year = int(sign + digits) if digits else 0
            if sign or len(digits) > 2:
                pieces.full_year = True
    if before_christ:
        pieces.before_christ = True
    if month is not None:
        found = _DIGITS.search(month)
        if found:
            pieces.mon = int(found.group())
    if day is not None:
        found = _DIGITS.search(day)
        if found:
            pieces.mday = int(found.group())
