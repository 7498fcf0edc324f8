"""Date filters: Liquid's ``date`` (a strftime format, English names whatever the machine's
locale) and Jekyll's ``date_to_string``, ``date_to_long_string``, ``date_to_xmlschema`` and
``date_to_rfc822``. Text dates are read in the site's time zone."""
from __future__ import annotations

import datetime as _dt
from typing import Any

from blogtool.rubytime import COMMON
from blogtool.timeutil import RubyTime, parse_date_string

from .rubyvalues import ruby_inspect, ruby_to_s
from .strftime import InvalidFormat, ruby_strftime

__all__ = ["InvalidDate", "InvalidFormat", "date", "date_to_long_string", "date_to_rfc822",
           "date_to_string", "date_to_xmlschema", "ruby_strftime", "to_time"]


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

