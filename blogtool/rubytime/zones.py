"""Offsets: of the zone names Ruby's ``Time`` knows, and of the local zone (``ENV["TZ"]``,
here a ``tzinfo``) at an instant or at a wall-clock time, for any year."""
from __future__ import annotations

import datetime as _dt
import re

_FIXED_HOURS = {
    "UTC": 0, "Z": 0, "UT": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    # military letters (J is not a zone)
    "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8, "I": 9, "K": 10, "L": 11,
    "M": 12, "N": -1, "O": -2, "P": -3, "Q": -4, "R": -5, "S": -6, "T": -7, "U": -8, "V": -9,
    "W": -10, "X": -11, "Y": -12,
}
# "+09:00", "+0900", "+09:00:30", "+090030" (seconds only with the same separator), "+09".
_SIGNED = re.compile(r"([+-])([0-9]{2})(?:(:?)([0-9]{2})(?:\3([0-9]{2}))?)?", re.ASCII)

_EPOCH = _dt.datetime(1970, 1, 1)
_CYCLE_DAYS = 146097                       # 400 years: the calendar repeats
_FIRST_SAFE = -719162 + 2                  # 0001-01-03, days since the epoch
_LAST_SAFE = 2932896 - 2                   # 9999-12-29


def _cycles_to_range(days: int) -> int:
    """How many 400-year cycles move ``days`` into the years Python's datetime holds."""
    if days < _FIRST_SAFE:
        return -((days - _FIRST_SAFE) // _CYCLE_DAYS)
    if days > _LAST_SAFE:
        return -((days - _LAST_SAFE + _CYCLE_DAYS - 1) // _CYCLE_DAYS)
    return 0


def _seconds(delta: _dt.timedelta | None) -> int:
    return int(delta.total_seconds()) if delta is not None else 0


def offset_at(seconds: int, zone: _dt.tzinfo) -> int:
    """The local zone's offset at an instant (seconds since the epoch)."""
    days, rest = divmod(seconds, 86400)
    days += _cycles_to_range(days) * _CYCLE_DAYS
    moment = (_EPOCH + _dt.timedelta(days=days, seconds=rest)).replace(tzinfo=_dt.UTC)
    return _seconds(moment.astimezone(zone).utcoffset())


def local_to_epoch(days: int, secs: int, zone: _dt.tzinfo) -> int:
    """Seconds since the epoch of a wall-clock time in the local zone. Where the offset
    changes, Ruby reads the time with the smaller of the offsets before and after: a time
    that happens twice (the hour summer time ends) is its second occurrence, and one that
    never happens (the hour summer time starts) lands after the change (New York's
    02:30 on the day summer time starts is 03:30)."""
    moved = days + _cycles_to_range(days) * _CYCLE_DAYS
    wall = (_EPOCH + _dt.timedelta(days=moved, seconds=secs)).replace(tzinfo=zone)
    offset = min(_seconds(wall.utcoffset()), _seconds(wall.replace(fold=1).utcoffset()))
    return days * 86400 + secs - offset


def zone_offset(name: str, year: int, zone: _dt.tzinfo) -> int | None:
    """The offset a zone name means to Ruby's Time, or None (then the time is local): a
    signed offset, a name from the fixed list (``UTC``, ``EST``, military letters), or the
    local zone's own abbreviation on 1 January or else 1 July of ``year``."""
    upper = name.upper()
    signed = _SIGNED.fullmatch(upper)
    if signed is not None:
        sign, hours, _, minutes, secs = signed.groups()
        value = (int(hours) * 60 + int(minutes or 0)) * 60 + int(secs or 0)
        return -value if sign == "-" else value
    if upper in _FIXED_HOURS:
        return _FIXED_HOURS[upper] * 3600
    clamped = min(max(year, 1), 9999)
    for month in (1, 7):
        first = _dt.datetime(clamped, month, 1, tzinfo=zone)
        abbreviation = first.tzname()
        if abbreviation is not None and abbreviation.upper() == upper:
            return _seconds(first.utcoffset())
    return None
