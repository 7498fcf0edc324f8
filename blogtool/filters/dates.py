"""Date filters: Liquid's ``date`` (a strftime format, English names whatever the machine's
locale) and Jekyll's ``date_to_string``, ``date_to_long_string``, ``date_to_xmlschema`` and
``date_to_rfc822``. Text dates are read in the site's time zone."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from blogtool.rubytime import COMMON
from blogtool.timeutil import RubyTime, parse_date_string

from .rubyvalues import ruby_inspect, ruby_to_s


def to_time(value: Any, zone: _dt.tzinfo, now: _dt.datetime | None = None) -> RubyTime | None:
    """The time a value stands for, in the site's zone: a time, a date (midnight), integer
    seconds since 1970 (also as ASCII digits), ``now``/``today`` in any case, or text read in
    the site's zone (fields it leaves out come from the clock: ``March 3``, ``10:00``); None
    when it stands for none. ``now``: what the clock reads (None: the machine's clock); its
    fields are read only when the value needs them."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        return RubyTime.wrap(value.astimezone(zone))
    if isinstance(value, _dt.date):
        return RubyTime(value.year, value.month, value.day, tzinfo=zone)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return None   # Liquid's to_date: only integers and digit strings are epoch seconds
    if isinstance(value, int):
        return RubyTime.wrap(_dt.datetime.fromtimestamp(value, zone))
    if not isinstance(value, str) or not value:
        return None
    text = value.lower()
    if text == "now" or text == "today":
        if now is None:
            return RubyTime.wrap(_dt.datetime.now(zone))
        return now if isinstance(now, RubyTime) else RubyTime.wrap(now)
    if text.isdigit() and text.isascii():
        return RubyTime.wrap(_dt.datetime.fromtimestamp(int(text), zone))
    if now is not None and COMMON.fullmatch(value):
        now = None          # a year, month and day: nothing comes from the clock
    try:
        return parse_date_string(value, zone, now)
    except ValueError:
        pass
    return None


_STRFTIME = re.compile(r"%([-_0^#]*)(\d*)(:{0,2}z|[A-Za-z%+])")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _offset(t: _dt.datetime, sep: str) -> str:
    off = t.utcoffset() or _dt.timedelta(0)
    sign = "-" if off < _dt.timedelta(0) else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}{sep}{minutes % 60:02d}"


def _pad(number: int, width: int, flags: str, default_pad: str = "0") -> str:
    if "-" in flags:
        return str(number)
    pad = "_" if "_" in flags else ("0" if "0" in flags else default_pad)
    return str(number).rjust(width, " " if pad == "_" or pad == " " else "0")


def ruby_strftime(t: _dt.datetime, fmt: str) -> str:
    """Ruby's ``Time#strftime`` (English names; ``%-d``, ``%e``, ``%j``, ``%L``, ``%N``,
    ``%:z``, ``%s``, ``%^B`` ...), independent of the machine's locale."""

    def one(m: re.Match) -> str:
        flags, width, conv = m.group(1), m.group(2), m.group(3)
        w = int(width) if width else None
        upper = "^" in flags or "#" in flags
        text: str
        if conv == "Y":
            text = str(t.year) if w is None else _pad(t.year, w, flags)
        elif conv == "C":
            text = _pad(t.year // 100, w or 2, flags)
        elif conv == "y":
            text = _pad(t.year % 100, w or 2, flags)
        elif conv == "m":
            text = _pad(t.month, w or 2, flags)
        elif conv == "d":
            text = _pad(t.day, w or 2, flags)
        elif conv == "e":
            text = _pad(t.day, w or 2, flags, " ")
        elif conv == "j":
            text = _pad(t.timetuple().tm_yday, w or 3, flags)
        elif conv == "H":
            text = _pad(t.hour, w or 2, flags)
        elif conv == "k":
            text = _pad(t.hour, w or 2, flags, " ")
        elif conv == "I":
            text = _pad((t.hour % 12) or 12, w or 2, flags)
        elif conv == "l":
            text = _pad((t.hour % 12) or 12, w or 2, flags, " ")
        elif conv == "M":
            text = _pad(t.minute, w or 2, flags)
        elif conv == "S":
            text = _pad(t.second, w or 2, flags)
        elif conv == "L":
            digits = w or 3
            text = f"{t.microsecond:06d}000"[:digits].ljust(digits, "0")
        elif conv == "N":
            digits = w or 9
            text = f"{t.microsecond:06d}000"[:digits].ljust(digits, "0")
        elif conv == "z":
            text = _offset(t, "")
        elif conv == ":z":
            text = _offset(t, ":")
        elif conv == "::z":
            text = _offset(t, ":") + ":00"
        elif conv == "Z":
            text = t.tzname() or ""
        elif conv == "A":
            text = _DAYS[t.weekday()]
        elif conv == "a":
            text = _DAYS[t.weekday()][:3]
        elif conv == "B":
            text = _MONTHS[t.month - 1]
        elif conv in ("b", "h"):
            text = _MONTHS[t.month - 1][:3]
        elif conv == "p":
            text = "AM" if t.hour < 12 else "PM"
            if "#" in flags:
                return text.lower()
        elif conv == "P":
            text = "am" if t.hour < 12 else "pm"
        elif conv == "s":
            text = str(int(t.timestamp()))
        elif conv == "%":
            text = "%"
        elif conv == "F":
            text = f"{t.year:04d}-{t.month:02d}-{t.day:02d}"
        elif conv == "T" or conv == "X":
            text = f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}"
        elif conv == "R":
            text = f"{t.hour:02d}:{t.minute:02d}"
        elif conv == "D" or conv == "x":
            text = f"{t.month:02d}/{t.day:02d}/{t.year % 100:02d}"
        elif conv == "c":
            text = ruby_strftime(t, "%a %b %e %H:%M:%S %Y")
        elif conv == "r":
            text = ruby_strftime(t, "%I:%M:%S %p")
        elif conv == "u":
            text = str(t.isoweekday())
        elif conv == "w":
            text = str(t.isoweekday() % 7)
        elif conv in ("U", "W", "V", "G", "g"):
            text = t.strftime("%" + conv)
            if "-" in flags:
                text = text.lstrip("0") or "0"
        elif conv == "n":
            text = "\n"
        elif conv == "t":
            text = "\t"
        elif conv == "+":
            text = ruby_strftime(t, "%a %b %e %H:%M:%S %Z %Y")
        else:
            return m.group(0)
        if w is not None and conv in ("A", "a", "B", "b", "h", "Z", "p", "P"):
            text = text.rjust(w)
        return text.upper() if upper else text

    return _STRFTIME.sub(one, fmt)


def date(value: Any, fmt: Any, zone: _dt.tzinfo, now: _dt.datetime | None = None) -> Any:
    """Liquid's ``date``: input unchanged when the format is empty or the input unreadable.
    ``now``: what ``"now"`` reads (see :func:`to_time`)."""
    if fmt is None or ruby_to_s(fmt) == "":
        return value
    t = to_time(value, zone, now) if not isinstance(value, _dt.datetime) else (
        value if value.tzinfo else value.replace(tzinfo=zone))
    if t is None:
        return value
    return ruby_strftime(t, ruby_to_s(fmt))


class InvalidDate(ValueError):
    """Jekyll stops the build on ``Invalid Date: '...' is not a valid datetime.``"""


def _jekyll_time(value: Any, zone: _dt.tzinfo, now: _dt.datetime | None) -> RubyTime:
    t = to_time(value, zone, now)
    if t is None:
        raise InvalidDate(f"Invalid Date: '{ruby_inspect(value)}' is not a valid datetime.")
    return t


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _stringify_date(value: Any, month: str, kind: Any, style: Any, zone: _dt.tzinfo,
                    now: _dt.datetime | None) -> Any:
    if ruby_to_s(value) == "":
        return value
    t = _jekyll_time(value, zone, now)
    if kind == "ordinal":
        day = f"{t.day}{_ordinal(t.day)}"
        if style == "US":
            return ruby_strftime(t, f"{month} {day}, %Y")
        return ruby_strftime(t, f"{day} {month} %Y")
    return ruby_strftime(t, f"%d {month} %Y")


def date_to_string(value: Any, kind: Any = None, style: Any = None, *,
                   zone: _dt.tzinfo = _dt.UTC, now: _dt.datetime | None = None) -> Any:
    """``14 Oct 2014``; ``ordinal`` -> ``14th Oct 2014``; ``ordinal, US`` -> ``Oct 14th, 2014``."""
    return _stringify_date(value, "%b", kind, style, zone, now)


def date_to_long_string(value: Any, kind: Any = None, style: Any = None, *,
                        zone: _dt.tzinfo = _dt.UTC, now: _dt.datetime | None = None) -> Any:
    return _stringify_date(value, "%B", kind, style, zone, now)


def date_to_xmlschema(value: Any, *, zone: _dt.tzinfo = _dt.UTC,
                      now: _dt.datetime | None = None) -> Any:
    """``2014-10-14T00:00:00+00:00`` (Ruby ``Time#xmlschema``)."""
    if ruby_to_s(value) == "":
        return value
    return ruby_strftime(_jekyll_time(value, zone, now), "%Y-%m-%dT%H:%M:%S%:z")


def date_to_rfc822(value: Any, *, zone: _dt.tzinfo = _dt.UTC,
                   now: _dt.datetime | None = None) -> Any:
    """``Tue, 14 Oct 2014 00:00:00 +0000``."""
    if ruby_to_s(value) == "":
        return value
    return ruby_strftime(_jekyll_time(value, zone, now), "%a, %d %b %Y %H:%M:%S %z")

