"""Wall-clock times read in the site's zone (a YAML ``date:``, a file name's date) give the
instant and offset Ruby's ``Time.local`` gives, on the days a zone's offset changes too."""
from __future__ import annotations

import datetime as dt
import zoneinfo

from blogtool.timeutil import localize
from rubyoracle import run_batch

ZONES = ["America/Havana", "America/Sao_Paulo", "America/New_York", "Europe/London",
         "Australia/Lord_Howe", "America/Santiago", "Asia/Tehran", "Asia/Shanghai"]


def change_days(zone: zoneinfo.ZoneInfo, years: range) -> list[dt.date]:
    """Days on which the zone's offset at the start differs from the offset at the end."""
    days = []
    day = dt.date(years.start, 1, 1)
    while day.year < years.stop:
        start = dt.datetime(day.year, day.month, day.day, tzinfo=zone).utcoffset()
        end = dt.datetime(day.year, day.month, day.day, 23, 59, tzinfo=zone).utcoffset()
        if start != end:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def cases() -> list[list]:
    found = []
    for name in ZONES:
        zone = zoneinfo.ZoneInfo(name)
        for day in change_days(zone, range(2010, 2020))[:12]:
            for minutes in range(0, 24 * 60, 30):
                found.append([name, day.year, day.month, day.day, minutes // 60, minutes % 60])
    return found


def test_wall_clocks_around_offset_changes_read_as_ruby_reads_them() -> None:
    inputs = cases()
    assert len(inputs) > 2000          # every zone above changes its offset in these years
    answers = run_batch([], 'ENV["TZ"] = input[0]; t = Time.local(*input[1..]); '
                            '[t.to_i, t.strftime("%Y-%m-%d %H:%M:%S %z")]', inputs)
    wrong = []
    for case, answer in zip(inputs, answers, strict=True):
        name, *fields = case
        got = localize(dt.datetime(*fields), zoneinfo.ZoneInfo(name))
        mine = [int(got.timestamp()), got.strftime("%Y-%m-%d %H:%M:%S %z")]
        if mine != answer:
            wrong.append((case, mine, answer))
    assert wrong == []
