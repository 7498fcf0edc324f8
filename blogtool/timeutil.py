"""Dates the way Jekyll (Ruby) sees them: parsed once, in the site's time zone.

Rules (verified against Jekyll 4.3.1, see README "Dates"):
* an unquoted YAML timestamp without an offset is UTC, then shifted into the site zone;
* a YAML timestamp or string with an offset keeps its instant, shown in the site zone;
* a quoted string without offset, a bare date and a file-name date are read *in* the site zone.
"""
from __future__ import annotations

import datetime as _dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class RubyTime(_dt.datetime):
    """A timezone-aware datetime that prints like Ruby's ``Time#to_s``."""

    def __str__(self) -> str:  # 2014-10-13 00:00:00 +0000
        return self.strftime("%Y-%m-%d %H:%M:%S %z")

    @classmethod
    def wrap(cls, value: _dt.datetime) -> "RubyTime":
        return cls(value.year, value.month, value.day, value.hour, value.minute, value.second,
                   value.microsecond, tzinfo=value.tzinfo, fold=value.fold)


def site_zone(name: str | None) -> _dt.tzinfo:
    """The zone named by ``timezone:``; without one, the machine's local zone (as Jekyll)."""
    if name:
        try:
            return ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone '{name}'") from exc
    return _dt.datetime.now().astimezone().tzinfo or _dt.timezone.utc


def in_zone(value: _dt.datetime, zone: _dt.tzinfo) -> RubyTime:
    return RubyTime.wrap(value.astimezone(zone))


def localize(value: _dt.datetime, zone: _dt.tzinfo) -> RubyTime:
    """Read a naive wall-clock time in ``zone``."""
    return RubyTime.wrap(value.replace(tzinfo=zone))


_DATE_STRING = re.compile(
    r"^\s*(\d{2,4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?\s*$"
)


def parse_date_string(text: str, zone: _dt.tzinfo) -> RubyTime:
    """Parse the date strings Jekyll accepts (``2014-10-13``, ``2014-10-13 07:03:18 +0800``...).

    A string without an offset is read in ``zone``. Raises ``ValueError`` when invalid.
    """
    m = _DATE_STRING.match(text)
    if not m:
        raise ValueError(text)
    year, month, day, hour, minute, second, frac, offset = m.groups()
    y = int(year)
    if len(year) == 2:
        y += 2000 if y < 69 else 1900  # Ruby's Time.parse expands two-digit years this way
    micro = int((frac or "0")[:6].ljust(6, "0"))
    day_one = ruby_date(y, int(month), int(day))
    naive = _dt.datetime(day_one.year, day_one.month, day_one.day, int(hour or 0),
                         int(minute or 0), int(second or 0), micro)
    if offset is None:
        return localize(naive, zone)
    if offset == "Z":
        tz = _dt.timezone.utc
    else:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        tz = _dt.timezone(sign * _dt.timedelta(hours=hours, minutes=minutes))
    return in_zone(naive.replace(tzinfo=tz), zone)


def from_front_matter(value: object, zone: _dt.tzinfo) -> RubyTime:
    """Convert a front matter ``date`` value as PyYAML returned it. Raises ``ValueError``."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:  # unquoted YAML timestamp without offset: UTC (Psych)
            value = value.replace(tzinfo=_dt.timezone.utc)
        return in_zone(value, zone)
    if isinstance(value, _dt.date):
        return localize(_dt.datetime(value.year, value.month, value.day), zone)
    if isinstance(value, str):
        return parse_date_string(value, zone)
    raise ValueError(str(value))


def ruby_date(year: int, month: int, day: int) -> _dt.date:
    """Ruby's ``Time.parse`` accepts a day up to 31 in any month and rolls over
    (2014-02-30 is 2014-03-02); a month outside 1-12 or a day outside 1-31 is invalid."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"{year}-{month}-{day}")
    return _dt.date(year, month, 1) + _dt.timedelta(days=day - 1)


def from_ymd(year: int, month: int, day: int, zone: _dt.tzinfo) -> RubyTime:
    """A file-name date: local midnight in the site zone. Raises ``ValueError`` when invalid."""
    d = ruby_date(year, month, day)
    return localize(_dt.datetime(d.year, d.month, d.day), zone)
