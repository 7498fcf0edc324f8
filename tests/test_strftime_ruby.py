"""``ruby_strftime`` against Ruby 3.1's ``Time#strftime`` on generated formats.

Formats are drawn from the whole alphabet: every ASCII letter after ``%`` (known directives and
unknown ones), the flags ``-_0^#`` in any order, widths (also ``0``-led and very long ones),
the ``E``/``O`` modifiers, one to four colons, ``%%``, ``%+`` and a ``%`` that ends the format
(an ``invalid format`` error in Ruby). Each is printed at instants in zones with odd offsets
(St. John's -03:30/-02:30, Kathmandu +05:45, Lord Howe's half-hour summer time, local mean
time with seconds before 1920, a zone name the C library does not know), across New Year,
daylight saving switches and before 1970. Each generated batch of formats goes to one
``ruby`` process.
"""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from blogtool.filters.strftime import InvalidFormat, ruby_strftime
from blogtool.timeutil import RubyTime, site_zone
from rubyoracle import run_batch

ZONES = ["UTC", "America/St_Johns", "Asia/Kathmandu", "Europe/Berlin", "Australia/Lord_Howe",
         "America/Santiago", "Asia/Beijing"]      # the last is no zone: UTC called "Asia"
_UTC = [
    (2020, 12, 31, 23, 59, 59, 999999), (2021, 1, 1, 0, 0, 0, 1), (2024, 12, 30, 12, 4, 5, 6),
    (2027, 1, 3, 2, 0, 0, 0), (2016, 2, 29, 14, 30, 7, 123456),
    (2025, 3, 30, 0, 59, 59, 0), (2025, 3, 30, 1, 0, 0, 0),        # Berlin springs forward
    (2025, 3, 9, 5, 29, 59, 0), (2025, 11, 2, 3, 30, 0, 0),        # St. John's switches
    (2025, 4, 5, 15, 0, 0, 0),                                       # Lord Howe falls back
    (1969, 12, 31, 23, 59, 59, 500000), (1900, 1, 1, 12, 0, 0, 0), (2000, 7, 2, 8, 4, 5, 70),
]
INSTANTS = [dt.datetime(*fields, tzinfo=dt.UTC) for fields in _UTC]

DIRECTIVES = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + \
    [chr(c) for c in range(ord("a"), ord("z") + 1)] + ["%", "+", "z", ":z", "::z", ":::z",
                                                       "::::z", ":", "::Y", "Ey", "EY", "Ez",
                                                       "Od", "OV", "OY", "E", "O", " ", "年"]
WIDTHS = ["", "", "", "0", "1", "2", "3", "4", "5", "6", "9", "10", "12", "05", "010", "00",
          "99999999999"]


@st.composite
def directive(draw: st.DrawFn) -> str:
    flags = draw(st.text("-_0^#", max_size=3))
    width = draw(st.sampled_from(WIDTHS))
    late = draw(st.sampled_from(["", "", "", "", "", "-", "^", "_", "#"]))   # after the width
    return "%" + flags + width + late + draw(st.sampled_from(DIRECTIVES))


@st.composite
def formats(draw: st.DrawFn) -> str:
    parts = draw(st.lists(directive() | st.sampled_from(["", " ", "-", "年", "T", ":", "ab",
                                                        "%%", "%", "%-", "%5"]),
                          min_size=1, max_size=4))
    return "".join(parts)


_RUBY = ('ENV["TZ"] = input["tz"]; t = Time.at(input["s"], input["us"]).localtime\n'
         'input["f"].map { |f| begin; t.strftime(f); rescue ArgumentError => e; '
         '"!" + e.message; end }')


def _ours(t: dt.datetime, fmt: str) -> str:
    try:
        return ruby_strftime(t, fmt)
    except InvalidFormat as exc:
        return "!" + str(exc)


def compare(fmts: list[str]) -> list[tuple[str, str, str, str, str]]:
    """(format, zone, instant, Ruby's text, ours) wherever they differ."""
    cases, times = [], []
    for zone in ZONES:
        for when in INSTANTS:
            seconds = (when - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(seconds=1)
            cases.append({"tz": zone, "s": seconds, "us": when.microsecond, "f": fmts})
            times.append(RubyTime.wrap(when.astimezone(site_zone(zone))))
    found = []
    for case, t, texts in zip(cases, times, run_batch([], _RUBY, cases), strict=True):
        for fmt, ruby in zip(fmts, texts, strict=True):
            ours = _ours(t, fmt)
            if ours != ruby:
                found.append((fmt, case["tz"], t.isoformat(), ruby, ours))
    return found


FORMATS_PER_BATCH = 60
BATCHES = 6


@settings(max_examples=BATCHES, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
@given(st.lists(formats(), min_size=FORMATS_PER_BATCH, max_size=FORMATS_PER_BATCH))
def test_generated_formats_print_what_ruby_prints(fmts: list[str]) -> None:
    found = compare(fmts)
    assert not found, f"{len(found)} differ, first: " + "\n".join(map(repr, found[:12]))


EDGES = ["%v", "%-v", "%12v", "%+", "%^+", "%6G", "%6V", "%_U", "%_V", "%-W", "%_4u", "%6z",
         "%_z", "%_:z", "%_::z", "%-z", "%:::z", "%_10::z", "%6R", "%012R", "%-12F", "%#Z",
         "%#c", "%^c", "%#p", "%#P", "%^P", "%010A", "%-10A", "%5-Y", "%0_5Y", "%E%Y", "%:%Y",
         "%Ez", "%s", "%_12s", "%-6N", "%12N", "%-L", "%5%", "%05n", "%", "a%Y%", "%-", "%5",
         "%:", "%E", "%%%", "%Y年%-m月%-d日", "%B %-d, %Y", "%Y-%m-%dT%H:%M:%S%:z", ""]


def test_named_edges_print_what_ruby_prints() -> None:
    found = compare(EDGES)
    assert not found, f"{len(found)} differ, first: " + "\n".join(map(repr, found[:12]))


# years Python cannot hold (blogtool moves them by whole 400-year cycles) and early ones
FAR = ["12024-03-05 10:00:00 +0000", "-0005-03-05 10:00:00 +0545", "0099-12-31 23:00:00 -0330",
       "10000-01-01 00:00:00 +0000", "0001-01-01 00:00:00 +0000", "-0001-12-28 12:00:00 +0000"]


def test_years_beyond_python_print_what_ruby_prints() -> None:
    from blogtool.filters.dates import date
    fmts = ["%" + flag + conv for conv in "YCyGgsFcjaAuwUWVvxDz" for flag in ("", "-", "_", "7")]
    body = ('ENV["TZ"] = input["tz"]; t = Time.parse(input["v"]).localtime\n'
            'input["f"].map { |f| t.strftime(f) }')
    cases = [{"tz": zone, "v": v, "f": fmts} for zone in ("UTC", "Asia/Kathmandu") for v in FAR]
    found = []
    for case, texts in zip(cases, run_batch(["time"], body, cases), strict=True):
        for fmt, ruby in zip(fmts, texts, strict=True):
            ours = date(case["v"], fmt, site_zone(case["tz"]))
            if ours != ruby:
                found.append((fmt, case["tz"], case["v"], ruby, ours))
    assert not found, f"{len(found)} differ, first: " + "\n".join(map(repr, found[:12]))
