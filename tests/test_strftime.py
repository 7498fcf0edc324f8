"""``ruby_strftime`` without Ruby (the fast suite): texts Ruby 3.1 printed for the same time
and format (``tests/test_strftime_ruby.py`` compares generated formats with Ruby itself), and
the build's clock: what a conversion prints depends only on the fields it records.
"""
from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from blogtool.build import clock, deps
from blogtool.filters import dates
from blogtool.filters.strftime import InvalidFormat, ruby_strftime
from blogtool.timeutil import RubyTime

# 2020-12-27 20:34:05.123456 in St. John's (-03:30, "NST"), as Ruby printed it
ST_JOHNS = RubyTime(2020, 12, 27, 20, 34, 5, 123456, tzinfo=ZoneInfo("America/St_Johns"))
RUBY = {
    "%v": "27-DEC-2020", "%12v": " 27-DEC-2020", "%+": "%+", "%^+": "%^+", "%5+": "%5+",
    "%6G": "002020", "%6V": "000052", "%_U": "52", "%-z": "-0330", "%_z": " -330",
    "%6z": "-00330", "%_6z": "  -330", "%10:z": "-000003:30", "%_10::z": "  -3:30:00",
    "%:::z": "-03:30", "%::::z": "%::::z", "%:%Y": "%:2020", "%E%Y": "%E2020", "%Ey": "20",
    "%Od": "27", "%OY": "%OY", "%#Z": "nst", "%^#Z": "nst", "%#c": "Sun Dec 27 20:34:05 2020",
    "%^10c": "SUN DEC 27 20:34:05 2020", "%#P": "PM", "%^P": "PM", "%#p": "pm",
    "%010A": "0000Sunday", "%-10A": "Sunday", "%5-Y": "%5-Y", "%_0Y": "2020", "%0_5Y": " 2020",
    "%-_5d": "27", "%-6N": "123456", "%12N": "123456000000", "%-L": "123", "%_12s": "  1609113845",
    "%5%": "    %", "%-5%": "%", "%05n": "0000\n", "%^5b": "  DEC", "%05Z": "00NST",
    "%5EY": "02020", "%E5Y": "%E5Y", "%5C": "00020", "%99999999999Y": "%99999999999Y",
    "%-12F": "  2020-12-27", "%012F": "002020-12-27", "%012R": "000000020:34", "%:": "%:",
    "%E": "%E", "%::::Y": "2020", "%::::::z": "-03:30:00", "": "",
}


@pytest.mark.parametrize(("fmt", "ruby"), RUBY.items())
def test_prints_what_ruby_printed(fmt: str, ruby: str) -> None:
    assert ruby_strftime(ST_JOHNS, fmt) == ruby


@pytest.mark.parametrize("fmt", ["%", "a%Y%", "%-", "%5", "%::::", "%_0"])
def test_a_format_ending_inside_a_directive_is_invalid(fmt: str) -> None:
    with pytest.raises(InvalidFormat, match="^invalid format: "):
        ruby_strftime(ST_JOHNS, fmt)
    with pytest.raises(ValueError):                # the date filter stops the build
        dates.date("2020-01-01", fmt, dt.UTC)


def test_local_mean_time_keeps_its_seconds_where_ruby_does() -> None:
    t = RubyTime.wrap(dt.datetime(1900, 1, 1, tzinfo=dt.UTC).astimezone(ZoneInfo("Asia/Kathmandu")))
    assert ruby_strftime(t, "%z|%:z|%::z|%:::z|%Z|%v") == \
        "+0541|+05:41|+05:41:16|+05:41:16|LMT| 1-JAN-1900"


CONVERSIONS = [chr(c) for c in itertools.chain(range(65, 91), range(97, 123))] + \
    [":z", "::z", ":::z", "Ey", "EC", "Od", "OV", "%", "+"]
FLAGS = ["", "-", "_", "0", "^", "#", "6", "-6"]
FIELDS = ("year", "month", "day", "hour", "minute", "second", "microsecond")
INSTANTS = [dt.datetime(2024, 12, 29, 23, 30, 5, 9, tzinfo=dt.UTC),
            dt.datetime(2025, 1, 4, 1, 2, 3, 456789, tzinfo=dt.UTC),
            dt.datetime(2025, 3, 30, 1, 30, tzinfo=dt.UTC),
            dt.datetime(2031, 7, 9, 14, 59, 59, 999999, tzinfo=dt.UTC)]


@pytest.mark.parametrize("zone_name", ["UTC", "Asia/Kathmandu", "Europe/Berlin"])
def test_what_a_conversion_prints_depends_only_on_the_fields_it_records(zone_name: str) -> None:
    """A page printing the build's time depends on the fields read (it is built again when
    one changes): another instant with the same values of those fields prints the same."""
    zone = ZoneInfo(zone_name)
    checked = 0
    for conv, flag, (when, other) in itertools.product(
            CONVERSIONS, FLAGS, itertools.permutations(INSTANTS, 2)):
        fmt = f"%{flag}{conv}"
        recorder = deps.Recorder()
        now = clock.SiteTime.of(when.astimezone(zone), recorder)
        with recorder.recording() as reads:
            printed = dates.date(now, fmt, zone)
        if ("site", "time") in reads:
            continue                    # the whole time: a template, or built every time
        kept = {key[1].removeprefix("time.") for key in reads}
        assert kept <= set(FIELDS), (fmt, reads)
        wall, there = now.replace(tzinfo=None), other.astimezone(zone)
        same = dt.datetime(**{f: getattr(wall if f in kept else there, f) for f in FIELDS},
                           tzinfo=zone)
        assert dates.date(RubyTime.wrap(same), fmt, zone) == printed, (fmt, kept, now, same)
        checked += 1
    assert checked > 1000
