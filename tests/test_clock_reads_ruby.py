"""Liquid's ``now`` and ``today`` against real Ruby Liquid 5.4: as strings given to ``date``
(read exactly as Ruby reads them) and as variables (which Ruby does not have)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from blogtool import filters as F
from blogtool.liquid.engine import LiquidEngine, LiquidSettings
from rubyoracle import run_batch


def test_text_that_is_not_exactly_now_is_left_as_ruby_leaves_it() -> None:
    """Liquid 5.4's ``to_date`` downcases but does not strip, and reads only ASCII digits as
    seconds; what ``Time.parse`` rejects prints unchanged."""
    values = [" now ", "now ", "NOW", "²", "١٢٣", " 1700000000", "1700000000 ", "1700000000"]
    body = ('ENV["TZ"] = "UTC"\n'
            'Liquid::Template.parse(\'{{ v | date: "%Y-%m-%d %H:%M" }}\').render("v" => input)')
    expected = dict(zip(values, run_batch(["liquid"], body, values), strict=True))
    clock_now = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    got = {v: F.date(v, "%Y-%m-%d %H:%M", dt.UTC, clock_now) for v in values}
    # the one clock read: Ruby's machine clock, ours the one given
    assert expected.pop("NOW").startswith(dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"))
    assert got.pop("NOW") == "2026-05-01 00:00"
    assert got == expected
    assert got[" now "] == " now " and got["1700000000"] == "2023-11-14 22:13"


def test_now_and_today_are_no_variables_as_in_ruby(tmp_path: Path) -> None:
    """python-liquid has built-in ``now`` and ``today`` variables (the machine's clock);
    Ruby Liquid has none: nil, unless the site assigns them."""
    templates = ["[{{ now }}]", "[{{ today }}]", "{% if now %}yes{% else %}no{% endif %}",
                 '[{{ now | date: "%Y" }}]', "{% assign now = 3 %}{{ now }}",
                 "{% for x in today %}{{ x }}{% endfor %}."]
    expected = run_batch(["liquid"], "Liquid::Template.parse(input).render({})", templates)
    engine = LiquidEngine(LiquidSettings(source=str(tmp_path)), post_urls={}, link_urls={})
    assert [engine.render(t, {}, path="t.md") for t in templates] == expected
