"""Dates the way Jekyll (Ruby) sees them: parsed once, in the site's time zone.

Rules (verified against Jekyll 4.3.1; why, in docs/decisions.md):
* an unquoted YAML timestamp without an offset is UTC, then shifted into the site zone;
* a YAML timestamp or string with an offset keeps its instant, shown in the site zone;
* a quoted string without offset, a bare date and a file-name date are read *in* the site zone;
* every string (and ``date: 12345``) is read by Ruby's ``Time.parse`` rules (``rubytime``).
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import rubytime


class RubyTime(_dt.datetime):
    """A timezone-aware datetime that prints like Ruby's ``Time#to_s``."""

    year_shift: int     # set only on times moved into Python's year range (from_instant)

    def __str__(self) -> str:  # 2014-10-13 00:00:00 +0000
        if hasattr(self, "year_shift"):
            return format_year(ruby_year(self)) + self.strftime("-%m-%d %H:%M:%S %z")
        return self.strftime("%Y-%m-%d %H:%M:%S %z")

    @classmethod
    def wrap(cls, value: _dt.datetime) -> RubyTime:
        return cls(value.year, value.month, value.day, value.hour, value.minute, value.second,
                   value.microsecond, tzinfo=value.tzinfo, fold=value.fold)


def iana_zone(name: str | None) -> _dt.tzinfo:
    """The zone named ``name`` (an IANA name); without one, the machine's local zone. An
    unknown name raises ``ValueError`` (for the commands that write a zone into files)."""
    if name:
        try:
            return ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone '{name}'") from exc
    return _dt.datetime.now().astimezone().tzinfo or _dt.UTC


def site_zone(name: str | None) -> _dt.tzinfo:
    """The zone a build runs in: ``timezone:`` as Jekyll's ``ENV["TZ"]``. An unknown name is
    UTC, called by its leading letters, as the C library reads it (``Asia/Beijing``: UTC,
    "Asia")."""
    try:
        return iana_zone(name)
    except ValueError:
        letters = re.match(r"[A-Za-z]*", str(name))
        label = letters.group() if letters and len(letters.group()) >= 3 else "UTC"
        return _dt.timezone(_dt.timedelta(0), label)


def in_zone(value: _dt.datetime, zone: _dt.tzinfo) -> RubyTime:
    return RubyTime.wrap(value.astimezone(zone))


def localize(value: _dt.datetime, zone: _dt.tzinfo) -> RubyTime:
    """Read a naive wall-clock time in ``zone`` as Ruby's ``Time.local`` does. Where the zone's
    offset changes, the wall clock is read with the smaller of the offsets on either side: a
    repeated hour is its second occurrence, and a skipped one (midnight in Sao Paulo on
    2018-11-04) is the instant it names before the change, shown after it (01:00 -0200)."""
    offsets = [value.replace(tzinfo=zone, fold=fold).utcoffset() for fold in (0, 1)]
    if None in offsets or offsets[0] == offsets[1]:
        return RubyTime.wrap(value.replace(tzinfo=zone))
    offset = min(o for o in offsets if o is not None)
    try:
        return in_zone((value - offset).replace(tzinfo=_dt.UTC), zone)
    except OverflowError:            # the first or last day Python holds
        return RubyTime.wrap(value.replace(tzinfo=zone))


def from_instant(instant: rubytime.Instant, zone: _dt.tzinfo) -> RubyTime:
    """A parsed instant shown in ``zone`` (Jekyll calls ``localtime`` on it). A year Python
    cannot hold (before 1, after 9999; Ruby can) is moved by whole 400-year cycles, which keep
    the calendar, and the distance is kept in ``year_shift`` for the URL's ``:year``."""
    try:
        return _at(instant.seconds, instant.usec, zone)
    except (OverflowError, ValueError):
        pass
    days = instant.seconds // 86400
    year = _dt.date(1970, 1, 1).year + days // 365      # rough: which side of the range
    cycles = (2 - year) // 400 + 1 if year < 2 else -((year - 9998) // 400 + 1)
    if abs(cycles) > 1000:
        raise ValueError("year out of range")
    moved = _at(instant.seconds + cycles * 146097 * 86400, instant.usec, zone)
    moved.year_shift = -cycles * 400
    return moved


def _at(seconds: int, usec: int, zone: _dt.tzinfo) -> RubyTime:
    return in_zone(_EPOCH + _dt.timedelta(seconds=seconds, microseconds=usec), zone)


def ruby_year(value: _dt.datetime) -> int:
    """The year Ruby sees (see :func:`from_instant`)."""
    return value.year + getattr(value, "year_shift", 0)


def format_year(year: int) -> str:
    """Ruby's ``%Y``: at least four digits, the sign before them (``0000``, ``-0005``)."""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)


def parse_date_string(text: str, zone: _dt.tzinfo,
                      now: _dt.datetime | None = None) -> RubyTime:
    """Read a date string as Ruby's ``Time.parse`` does (``2016/9/20 14:13``, ``Sep 20 2016``,
    ``2023-12-10 01:5:00 +0900``, trailing words...), in ``zone`` when it names no zone Ruby
    knows. Raises ``ValueError`` where Ruby raises."""
    if now is None and rubytime.COMMON.fullmatch(text):
        return _common_date(text, zone)      # has a year: does not depend on now
    return _parse(text, zone, now)


def _parse(text: str, zone: _dt.tzinfo, now: _dt.datetime | None) -> RubyTime:
    try:
        instant = rubytime.time_parse(text, zone, now)
    except rubytime.TimeParseError as exc:
        raise ValueError(f"{text}: {exc}") from None
    return from_instant(instant, zone)


@functools.lru_cache(maxsize=4096)
def _common_date(text: str, zone: _dt.tzinfo) -> RubyTime:
    """Posts of one day share their file-name date: parse each text once."""
    return _parse(text, zone, None)


def from_front_matter(value: object, zone: _dt.tzinfo) -> RubyTime:
    """Convert a front matter ``date`` value as PyYAML returned it. Raises ``ValueError``.

    Jekyll hands ``value.to_s`` to ``Time.parse``: a YAML timestamp keeps its instant, a date
    is local midnight, anything else (strings, ``12345``, an empty ``date:``) is parsed as text.
    """
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:  # unquoted YAML timestamp without offset: UTC (Psych)
            value = value.replace(tzinfo=_dt.UTC)
        return in_zone(value, zone)
    if isinstance(value, _dt.date):
        return localize(_dt.datetime(value.year, value.month, value.day), zone)
    if value is None or isinstance(value, (str, int, float)):
        return parse_date_string(rubytime.to_s(value), zone)
    raise ValueError(str(value))


def document_date(value: object, zone: _dt.tzinfo) -> RubyTime:
    """A document's ``date:``: as :func:`from_front_matter`, whole seconds (Jekyll parses the
    date again from its ``to_s`` after reading, which drops fractions)."""
    parsed = from_front_matter(value, zone)
    whole = parsed.replace(microsecond=0)
    if hasattr(parsed, "year_shift"):
        whole.year_shift = parsed.year_shift
    return whole


def ruby_date(year: int, month: int, day: int) -> _dt.date:
    """Ruby's ``Time.parse`` accepts a day up to 31 in any month and rolls over
    (2014-02-30 is 2014-03-02); a month outside 1-12 or a day outside 1-31 is invalid."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"{year}-{month}-{day}")
    return _dt.date(year, month, 1) + _dt.timedelta(days=day - 1)


def from_ymd(year: int, month: int, day: int, zone: _dt.tzinfo) -> RubyTime:
    """Local midnight of a date in the site zone. Raises ``ValueError`` when invalid."""
    d = ruby_date(year, month, day)
    return localize(_dt.datetime(d.year, d.month, d.day), zone)


def from_file_name(text: str, zone: _dt.tzinfo) -> RubyTime:
    """A file-name date (``2016-9-5``, ``16-09-05``): ``Time.parse`` of the text, as Jekyll
    does. Raises ``ValueError`` when Ruby rejects it."""
    return parse_date_string(text, zone)
