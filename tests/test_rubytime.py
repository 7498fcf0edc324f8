"""Ruby's Time.parse in Python (blogtool.rubytime) against real Ruby, one ``ruby`` per batch.

Each generated batch (``datecases.date_string``: ASCII and full-width separators, slashes, month
and weekday names, am/pm, zones, ISO 8601 basic and reduced forms, trailing words, CJK text,
mangled variants; odd characters; wall-clock times around summer-time changes) is parsed by
Ruby with a fixed ``now`` and ``ENV["TZ"]``, and by blogtool; the instants (epoch seconds and
microseconds) or the error class must be the same for every string. Each recogniser's own
examples and the readings the docstrings show are compared too.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from datecases import (
    DOCUMENTED_INSTANTS,
    DOCUMENTED_READINGS,
    around_offset_changes,
    date_string,
    rule_examples,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogtool import rubytime
from blogtool.timeutil import document_date, parse_date_string, site_zone
from rubyoracle import RubyError, run_batch

NOW = 1796300000          # 2026-12-03 13:33:20 UTC: "now" for strings without a year
BATCH = 1200              # strings per ruby process; two examples per zone


def _ruby(inputs: list[str], zone: str) -> list[object]:
    body = (f'ENV["TZ"] = "{zone}"\n'
            f't = Time.parse(input, Time.at({NOW}))\n'
            '[t.to_i, t.usec]')
    answers = run_batch(["time"], body, inputs)
    return [f"error {str(a).split(':')[0]}" if isinstance(a, RubyError) else a for a in answers]


def _ours(text: str, zone: str) -> object:
    try:
        instant = rubytime.time_parse(text, ZoneInfo(zone),
                                      dt.datetime.fromtimestamp(NOW, dt.UTC))
    except rubytime.TimeParseError as exc:
        return f"error {exc.kind}"
    return [instant.seconds, instant.usec]


LAST_SECOND_OF_9999 = 253402300799


def _known_difference(want: object, got: object) -> str | None:
    """The differences that remain, each with its reason."""
    if isinstance(want, list) and isinstance(got, list) and want[0] > LAST_SECOND_OF_9999 \
            and abs(want[0] - got[0]) <= 3600 and want[1] == got[1]:
        return ("a year past 9999 in a zone with summer time: Ruby's C library and Python's "
                "zoneinfo disagree on whether summer time applies that far ahead")
    return None


def _differences(inputs: list[str], zone: str) -> list[str]:
    out = []
    for text, want in zip(inputs, _ruby(inputs, zone), strict=True):
        got = _ours(text, zone)
        if got != want and _known_difference(want, got) is None:
            out.append(f"{text!r}: ruby {want}, blogtool {got}")
    return out


_FUZZ_PARTS = list("0123456789-/:.,'+[]@ TtZzapmhs") + [
    "Sep", "mon", "jan", "bc", "utc", "gmt", "dst", "st", "th", "w", "H", "99999999999", "0000",
    "12345", "366", "367", "24:00", ":60", "-0000", "12/31", "02-29", "ǅ", "ſ", "K", "Ⅻ", "①",
    "²", "１２", "：", "－", "年", "月", "日", "中", "\u0301", "\u0903", "\u3000", "\t", "_",
    "ſep", "ſun", "ſ1.2.3", " h ", ".pm", ",am", "p.m.", "[-5:EST]", "--", "-w-", "W"]


def _fuzz_string(rng: random.Random) -> str:
    return "".join(rng.choice(_FUZZ_PARTS) for _ in range(rng.randint(1, 14)))


def _seeded(runs: int) -> Callable[[Callable[[int], None]], Callable[..., None]]:
    """Run a test on ``runs`` random seeds (each seed makes one batch for one ruby)."""
    def wrap(test: Callable[[int], None]) -> Callable[..., None]:
        return settings(max_examples=runs, deadline=None,
                        suppress_health_check=list(HealthCheck))(given(st.integers(0, 2 ** 32))(test))
    return wrap


def _batch_agrees(seed: int, make: Callable[[random.Random], str], zone: str) -> None:
    rng = random.Random(seed)
    assert _differences([make(rng) for _ in range(BATCH)], zone) == []


@_seeded(2)
def test_time_parse_matches_ruby_in_utc(seed: int) -> None:
    _batch_agrees(seed, date_string, "UTC")


@_seeded(2)
def test_time_parse_matches_ruby_in_shanghai(seed: int) -> None:
    """Strings without a zone are read in the process's zone (Jekyll sets it from timezone:)."""
    _batch_agrees(seed, date_string, "Asia/Shanghai")


@_seeded(1)
def test_time_parse_matches_ruby_on_odd_characters(seed: int) -> None:
    """Marks, letter-like numbers, full-width digits, huge numbers, days past the year."""
    _batch_agrees(seed, _fuzz_string, "America/New_York")


@_seeded(1)
def test_times_around_summer_time_changes_match_ruby(seed: int) -> None:
    """A time that happens twice is its second occurrence; one that never happens is read
    with the offset before the change."""
    rng = random.Random(seed)
    for zone in ("America/New_York", "Australia/Lord_Howe", "Asia/Shanghai"):
        assert _differences(around_offset_changes(zone, rng, 400), zone) == []


def test_each_rule_s_examples_and_the_documented_readings_are_ruby_s() -> None:
    """The strings tests/test_rubytime_rules.py reads without Ruby, read by Ruby too."""
    texts = rule_examples() + list(DOCUMENTED_READINGS) + list(DOCUMENTED_INSTANTS)
    assert _differences(texts, "Asia/Shanghai") == []


EXAMPLES = [
    # text, instant in UTC as Ruby gives it with TZ=Asia/Shanghai
    ("2016/9/20 14:13:52", "2016-09-20 06:13:52"),
    ("2016-9-5", "2016-09-04 16:00:00"),
    ("2023-12-10 01:5:00 +0900", "2023-12-09 16:05:00"),
    ("2016-09-20 12：00：00", "2016-09-19 16:00:00"),     # full-width colons: time dropped
    ("Sep 20 2016", "2016-09-19 16:00:00"),
    ("20 Sep 2016 14:13", "2016-09-20 06:13:00"),
    ("2016-09-20 10:00 +09:00", "2016-09-20 01:00:00"),
    ("2016-09-20 10:00 UTC", "2016-09-20 10:00:00"),
    ("2016-09-20 10:00 JST", "2016-09-20 02:00:00"),      # unknown to Time.zone_offset: local
    ("Tue, 20 Sep 2016 10:00:00 EST", "2016-09-20 15:00:00"),
    ("2016-09-20 10:00 更新", "2016-09-20 02:00:00"),
    ("12345", "2012-12-09 16:00:00"),
    ("2014-02-30", "2014-03-01 16:00:00"),
]


def test_examples_agree_with_ruby_and_with_what_ruby_printed() -> None:
    texts = [text for text, _ in EXAMPLES]
    assert _differences(texts, "Asia/Shanghai") == []
    zone = site_zone("Asia/Shanghai")
    for text, utc in EXAMPLES:
        got = parse_date_string(text, zone).astimezone(dt.UTC)
        assert got.strftime("%Y-%m-%d %H:%M:%S") == utc, text


def _accepted(read: Callable[[Any], object], values: list[Any]) -> list[Any]:
    """The values ``read`` does not reject with ValueError."""
    accepted = []
    for value in values:
        try:
            read(value)
        except ValueError:
            continue
        accepted.append(value)
    return accepted


def test_what_ruby_rejects_is_an_error() -> None:
    inputs = ["", "no date here", "2016年9月20日", "2018-26-08", "2016-13-01", "x" * 129,
              "10:00 +99", "true"]
    assert all(isinstance(a, str) and a.startswith("error") for a in _ruby(inputs, "UTC"))
    zone = site_zone("UTC")
    assert _accepted(lambda text: parse_date_string(text, zone), inputs) == []


def test_front_matter_values_are_read_as_jekyll_reads_them() -> None:
    zone = site_zone("Asia/Shanghai")
    assert str(document_date(12345, zone)) == "2012-12-10 00:00:00 +0800"
    assert str(document_date("2016-09-20 14:13:52.75", zone)) == "2016-09-20 14:13:52 +0800"
    assert _accepted(lambda value: document_date(value, zone), [None, False, True, [2016]]) == []


def test_to_s_of_yaml_values_matches_ruby() -> None:
    values = [["a\tb", "#{x}", "#$y", "#@z", "#x", "\x01\x07\b\v\f\x1b\x7f\n\r\"\\", "中文",
               "\u2028"], {"k": [None, True, 1.5e20, "x"]}, [2016, 1e-5, 100.0, -0.0], 2016.5,
              True, "2016-09-20"]
    assert [rubytime.to_s(v) for v in values] == run_batch([], "input.to_s", values)


def test_ruby_float_to_s() -> None:
    assert [rubytime.to_s(v) for v in (2016.5, 1e20, 1e-05, 100.0)] == \
        ["2016.5", "1.0e+20", "1.0e-05", "100.0"]
