"""Proleptic Gregorian arithmetic for any year, and the argument rules of Ruby's
``Time.utc``/``Time.local``."""
from __future__ import annotations

from .model import TimeParseError, fits_c_int

_DAYS_IN = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_CYCLE = 146097                  # days in 400 years
_TO_EPOCH = 719468               # days from 0000-03-01 to 1970-01-01


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def month_length(year: int, month: int) -> int:
    return 29 if month == 2 and is_leap(year) else _DAYS_IN[month - 1]


def listed_month_length(year: int, month: int) -> int | None:
    """The length Ruby looks up in its 12-entry table by ``month - 1``: months 0 down to -11
    count from the end (0 is December), others past the table have none."""
    if -11 <= month <= 12:
        return month_length(year, (month - 1) % 12 + 1)
    return None


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01; years counted from March so the leap day comes last."""
    shifted = year - 1 if month <= 2 else year
    month_from_march = month - 3 if month > 2 else month + 9
    cycle, year_of_cycle = divmod(shifted, 400)
    day_of_year = (153 * month_from_march + 2) // 5 + day - 1
    day_of_cycle = year_of_cycle * 365 + year_of_cycle // 4 - year_of_cycle // 100 + day_of_year
    return cycle * _CYCLE + day_of_cycle - _TO_EPOCH


def civil_from_days(days: int) -> tuple[int, int, int]:
    cycle, day_of_cycle = divmod(days + _TO_EPOCH, _CYCLE)
    year_of_cycle = (day_of_cycle - day_of_cycle // 1460 + day_of_cycle // 36524
                     - day_of_cycle // 146096) // 365
    day_of_year = day_of_cycle - (365 * year_of_cycle + year_of_cycle // 4 - year_of_cycle // 100)
    month_from_march = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * month_from_march + 2) // 5 + 1
    month = month_from_march + 3 if month_from_march < 10 else month_from_march - 9
    year = cycle * 400 + year_of_cycle + (1 if month <= 2 else 0)
    return year, month, day


def day_of_year(days: int) -> int:
    year = civil_from_days(days)[0]
    return days - days_from_civil(year, 1, 1) + 1


# How many bits Ruby gives month, day, hour, minute and second before anything else.
_BITS = (4, 5, 5, 6, 6)


def wall_clock(year: int, mon: int, day: int, hour: int, minute: int,
               sec: int) -> tuple[int, int]:
    """A wall-clock reading as Time.utc accepts it: (days since the epoch, seconds into the
    day). Each field must fit a C int (RangeError) and its bit width (ArgumentError), in
    order; then a day past February's end moves into March (2014-02-30 is 2014-03-02),
    the 31st of a 30-day month is the 1st of the next, and the result must be a real date
    with hour 0..24 (24 only as 24:00:00), minute 0..59, second 0..60."""
    if 1 <= mon <= 12 and 1 <= day <= 28 and 0 <= hour < 24 and 0 <= minute < 60 and \
            0 <= sec < 60:                       # the usual case: nothing to check or move
        return days_from_civil(year, mon, day), hour * 3600 + minute * 60 + sec
    for value, bits in zip((mon, day, hour, minute, sec), _BITS, strict=True):
        if not 0 <= fits_c_int(value) < 1 << bits:
            raise TimeParseError("argument out of range")
    if mon == 2 and day > month_length(year, 2):
        mon, day = 3, day - month_length(year, 2)
    elif day == 31 and mon in (4, 6, 9, 11):
        mon, day = mon + 1, 1
    if not (1 <= mon <= 12 and day >= 1 and hour <= 24 and minute <= 59 and sec <= 60) or \
            hour == 24 and (minute or sec):
        raise TimeParseError("argument out of range")
    return days_from_civil(year, mon, day), hour * 3600 + minute * 60 + sec
