"""Dates as Ruby reads them (timeutil), including Time.parse's day rollover."""
import datetime as dt
from pathlib import Path

import pytest

from blogtool.build.site import build
from blogtool.timeutil import from_front_matter, from_ymd, parse_date_string, ruby_date

UTC = dt.UTC


def test_days_up_to_31_roll_over_like_ruby() -> None:
    assert ruby_date(2014, 2, 30) == dt.date(2014, 3, 2)
    assert ruby_date(2015, 4, 31) == dt.date(2015, 5, 1)
    assert str(parse_date_string("2014-02-30 10:00", UTC)) == "2014-03-02 10:00:00 +0000"
    assert str(from_ymd(2014, 2, 29, UTC)) == "2014-03-01 00:00:00 +0000"


@pytest.mark.parametrize("args", [(2014, 13, 1), (2014, 0, 5), (2014, 1, 32), (2014, 1, 0)])
def test_month_or_day_out_of_range_is_invalid(args) -> None:
    with pytest.raises(ValueError):
        ruby_date(*args)


def test_unquoted_timestamp_is_utc_then_shifted() -> None:
    shanghai = dt.timezone(dt.timedelta(hours=8))
    value = dt.datetime(2014, 10, 13, 23, 30)
    assert str(from_front_matter(value, shanghai)) == "2014-10-14 07:30:00 +0800"
    assert str(from_front_matter("2014-10-13 23:30", shanghai)) == "2014-10-13 23:30:00 +0800"


def test_a_post_dated_february_30_is_published_on_march_2(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("timezone: UTC\n", "utf-8")
    (src / "_posts/2014-01-01-x.md").write_text("---\ndate: 2014-02-30\n---\nx\n", "utf-8")
    build(src, tmp_path / "site", jobs=1, use_cache=False, overrides={"blogtool": {"compat": "jekyll"}})
    assert (tmp_path / "site/2014/03/02/x.html").is_file()
