"""From :class:`~.model.Pieces` to an instant, as Ruby's ``Time.parse`` builds it.

* Nothing to build from (no date and no clock field) is an error.
* A zone name Ruby knows gives a fixed offset (see :func:`.zones.zone_offset`); otherwise the
  time is read in the local zone.
* Fields the string leaves out are taken from "now" (seen with that offset, or locally) up to
  the first one it gives: ``10:00`` is today, ``Sep 20`` is this year; the rest are the
  smallest values (``2016`` is 1 January, midnight).
* A wall-clock time with an offset is moved to UTC field by field (:mod:`.utc_fields`) and
  checked as ``Time.utc`` checks; a local one is checked as ``Time.local`` checks.
* A day of the year is first guessed as month and day in months of 31 days, then corrected
  once by how far the built time's day of the year is from it.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from fractions import Fraction

from .calendar import day_of_year, month_length, wall_clock
from .model import Instant, Pieces, TimeParseError
from .utc_fields import to_utc
from .zones import local_to_epoch, offset_at, zone_offset

_SMALLEST = (1970, 1, 1, 0, 0, 0)


def build(text: str, pieces: Pieces, zone: _dt.tzinfo, now: _dt.datetime) -> Instant:
    if pieces.says_nothing():
        raise TimeParseError(f"no time information in {text!r}")
    year_for_zone = pieces.year if pieces.year is not None else now.astimezone(zone).year
    if pieces.yday is not None:
        return _from_day_of_year(text, pieces, pieces.yday, year_for_zone, zone, now)
    offset = None
    if pieces.zone is not None:
        offset = zone_offset(pieces.zone, year_for_zone, zone)
        if offset is not None and not -86400 < offset < 86400:
            raise TimeParseError("utc_offset out of range")
    usec: Fraction | int | None = None
    if pieces.fraction is not None:
        usec = pieces.fraction * 1000000
    if pieces.year is None:
        year, mon, mday, hour, minute, sec, usec = _fill_from_now(pieces, usec, offset, zone, now)
    else:
        year = pieces.year
        mon = 1 if pieces.mon is None else pieces.mon
        mday = 1 if pieces.mday is None else pieces.mday
        hour = 0 if pieces.hour is None else pieces.hour
        minute = 0 if pieces.minute is None else pieces.minute
        sec = 0 if pieces.sec is None else pieces.sec
    micro = int(usec or 0)
    if pieces.zone is not None and year != year_for_zone:
        offset = zone_offset(pieces.zone, year, zone)
    if offset is None:
        days, secs = wall_clock(year, mon, mday, hour, minute, sec)
        return Instant(local_to_epoch(days, secs, zone), micro, None)
    days, secs = wall_clock(*to_utc((year, mon, mday, hour, minute, sec), offset))
    return Instant(days * 86400 + secs, micro, offset)


def _fill_from_now(pieces: Pieces, usec: Fraction | int | None, offset: int | None,
                   zone: _dt.tzinfo, now: _dt.datetime
                   ) -> tuple[int, int, int, int, int, int, Fraction | int | None]:
    """The fields up to the first one the string gives come from now, as seen with the
    string's offset or in the local zone (and its microseconds when no field is given)."""
    here = now.astimezone(zone if offset is None else
                          _dt.timezone(_dt.timedelta(seconds=offset)))
    current = (here.year, here.month, here.day, here.hour, here.minute, here.second)
    given = [pieces.year, pieces.mon, pieces.mday, pieces.hour, pieces.minute, pieces.sec]
    for i, value in enumerate(given):
        if value is not None:
            break
        given[i] = current[i]
    else:
        if usec is None:
            usec = here.microsecond
    year, mon, mday, hour, minute, sec = (
        smallest if value is None else value
        for value, smallest in zip(given, _SMALLEST, strict=True))
    return year, mon, mday, hour, minute, sec, usec


def _from_day_of_year(text: str, pieces: Pieces, yday: int, year_for_zone: int,
                      zone: _dt.tzinfo, now: _dt.datetime) -> Instant:
    if not 1 <= yday <= 366:
        raise TimeParseError(f"yday {yday} out of range")
    mon, mday = divmod(yday - 1, 31)
    mon, mday = mon + 1, mday + 1
    first = build(text, dataclasses.replace(pieces, yday=None, mon=mon, mday=mday), zone, now)
    local = first.utc_offset if first.utc_offset is not None else offset_at(first.seconds, zone)
    miss = yday - day_of_year((first.seconds + local) // 86400)
    if miss == 0:
        return first
    mday += miss
    length = month_length(year_for_zone, mon)
    if mday > 28 and mday > length:
        mon += 1
        if mon > 12:
            raise TimeParseError(f"yday {yday} out of range")
        mday -= length
    return build(text, dataclasses.replace(pieces, yday=None, mon=mon, mday=mday), zone, now)
