"""The recognisers of blogtool.rubytime without Ruby (tests/test_rubytime.py reads the same
strings with Ruby): each rule fires on its own examples, and the documented readings hold."""
from __future__ import annotations

import datetime as dt

from datecases import DOCUMENTED_INSTANTS, DOCUMENTED_READINGS

from blogtool.rubytime import TimeParseError, reader, time_parse


def test_each_rule_fires_on_its_own_examples() -> None:
    for stage in reader.STAGES:
        for rule in stage:
            for text in rule.examples:
                fired: list[str] = []
                reader.read(text, fired)
                assert rule.name in fired, (text, rule.name, fired)


def test_documented_readings() -> None:
    for text, (year, mon, mday) in DOCUMENTED_READINGS.items():
        pieces = reader.read(text)
        assert (pieces.year, pieces.mon, pieces.mday) == (year, mon, mday), text


def test_rule_names_are_unique_and_every_rule_has_examples() -> None:
    rules = [rule for stage in reader.STAGES for rule in stage]
    assert len({rule.name for rule in rules}) == len(rules)
    assert all(rule.examples for rule in rules)


def test_documented_instants() -> None:
    for text, utc in DOCUMENTED_INSTANTS.items():
        try:
            seconds = time_parse(text, dt.UTC).seconds
        except TimeParseError:
            assert utc is None, text
            continue
        shown = dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
        assert shown == utc, text
