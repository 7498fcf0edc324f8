"""Date strings as people write them in front matter, for the Time.parse differential tests.

``date_string(rng)`` builds one from parts (dates in every order, month and weekday names,
ASCII and full-width separators, times with am/pm and fractions, zones, trailing words and
CJK text); a share of them are mangled (characters dropped, swapped or added) so that the
parser's fallbacks are exercised too. ``around_offset_changes(zone, rng, n)`` gives wall-clock
times near the zone's summer-time changes.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from zoneinfo import ZoneInfo

from blogtool.rubytime import reader

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
ZONES = ["+0900", "+09:00", "-0500", "-05:00", "+08", "-03", "+0530", "+05:30", "Z", "UTC",
         "GMT", "UT", "JST", "KST", "CST", "EST", "EDT", "PST", "PDT", "MST", "BST", "CET",
         "Asia/Shanghai", "+8", "+800", "GMT+8", "UTC+8", "utc", "z", "-00:00", "+09:00:00",
         "Pacific Standard Time", "EST DST", "a", "H", "M", "+1", "+14:00", "-12", "+0000",
         "[+9]", "[-5:EST]", "+09,5", "-0330"]
JUNK = ["", " ", "  ", " at", " updated", " draft", " (edited)", "Z", " 更新", " 发布",
        "，星期二", " 周二", " 午後", " 오후", " 下午", " am", " pm", " p.m.", " bc", " BC",
        " AD", " T", "T", "-", "/", ".", ",", " 1", " 12", " th", "st", " 2nd", " '16"]
CJK_WORDS = ["发布于", "日期", "更新", "投稿日", "작성일", "星期一", "周二", "令和", "平成",
             "年", "月", "日", "時", "分", "秒", "点", "号"]
SEPARATORS = ["-", "/", ".", " ", "－", "／", "．", "年", "月", "日", "_", ",", ", ", "\u3000",
              "-", "-", "/", "."]
TIME_SEPARATORS = [":", ":", ":", "：", "時", "点", ".", "h", " ", "-"]


def _num(rng: random.Random, low: int, high: int, pad: bool | None = None) -> str:
    value = rng.randint(low, high)
    if pad is None:
        pad = rng.random() < 0.6
    return f"{value:02d}" if pad else str(value)


def _one_of(rng: random.Random, *choices: tuple[float, Callable[[], str]]) -> str:
    """The first choice whose limit a random number in [0, 1) falls under (the last: 1)."""
    r = rng.random()
    for limit, make in choices[:-1]:
        if r < limit:
            return make()
    return choices[-1][1]()


def _year(rng: random.Random) -> str:
    return _one_of(
        rng, (0.7, lambda: str(rng.randint(1995, 2030))),
        (0.8, lambda: f"{rng.randint(0, 99):02d}"),
        (0.85, lambda: "'" + f"{rng.randint(0, 99):02d}"),
        (0.9, lambda: str(rng.choice([0, 1, 99, 100, 999, 1900, 1969, 1970, 9999, 10000]))),
        (1, lambda: f"{rng.randint(0, 9999):04d}"))


def _month_name(rng: random.Random) -> str:
    name = rng.choice(MONTHS)
    return _one_of(rng, (0.4, lambda: name[:3]), (0.5, lambda: name[:3] + "."),
                   (0.6, name.upper), (0.7, lambda: name.lower()[:4]), (1, lambda: name))


def _month(rng: random.Random) -> str:
    return _one_of(rng, (0.55, lambda: _num(rng, 1, 12)), (0.6, lambda: _num(rng, 0, 19)),
                   (1, lambda: _month_name(rng)))


def _day(rng: random.Random) -> str:
    return _one_of(
        rng, (0.8, lambda: _num(rng, 1, 31)), (0.9, lambda: _num(rng, 0, 39)),
        (1, lambda: str(rng.randint(1, 31)) + rng.choice(["st", "nd", "rd", "th", "日", "号"])))


def _compact(rng: random.Random, y: str, m: str, d: str) -> str:
    """ISO 8601's basic and reduced forms: digit runs with a T clock, fractions and zones,
    week and ordinal dates, ``--MM-DD``."""
    digits = y + m.zfill(2) + d.zfill(2) + rng.choice(["", "T", "t", " "]) + \
        _num(rng, 0, 23, True) + rng.choice(["", _num(rng, 0, 59, True),
                                            _num(rng, 0, 59, True) + _num(rng, 0, 59, True)])
    return rng.choice([
        digits, digits + rng.choice([".5", ",123", ".", "Z", "z", "+0900", "-05", "[+9]",
                                     "[-5:EST]", ".25Z"]),
        y + "-W" + _num(rng, 1, 53, True) + "-" + str(rng.randint(1, 7)),
        y + "W" + _num(rng, 1, 53, True) + str(rng.randint(1, 7)), "-W-" + str(rng.randint(1, 7)),
        "--" + m.zfill(2) + "-" + d.zfill(2), "--" + m.zfill(2) + d.zfill(2), "---" + d.zfill(2),
        y + "-" + _num(rng, 1, 400, True), "x-" + _num(rng, 1, 400, True),
        _num(rng, 0, 99, True) + _num(rng, 1, 400, True), "'" + y[-2:],
        rng.choice("mtshr") + str(rng.randint(1, 70)) + "." + m + "." + d])


def _date(rng: random.Random) -> str:
    y, m, d = _year(rng), _month(rng), _day(rng)
    sep = rng.choice(SEPARATORS)
    sep2 = sep if rng.random() < 0.8 else rng.choice(SEPARATORS)
    order = rng.random()
    if order < 0.55:
        parts = [y, m, d]
    elif order < 0.7:
        parts = [d, m, y]
    elif order < 0.85:
        parts = [m, d, y]
        if rng.random() < 0.5:
            return f"{m} {d}, {y}"
    elif order < 0.9:
        parts = [y, m]
    elif order < 0.95:
        parts = [m, d]
    else:
        return rng.choice([y + m.zfill(2) + d.zfill(2), y + "-" + _num(rng, 1, 366, True),
                           y + "-W" + _num(rng, 1, 53, True), "H" + _num(rng, 1, 31) + "." +
                           _num(rng, 1, 12) + "." + _num(rng, 1, 28), "R5.1.1",
                           d + "-" + MONTHS[rng.randint(0, 11)][:3] + "-" + y,
                           _compact(rng, y, m, d)])
    text = sep.join(parts[:2]) + sep2 + sep.join(parts[2:]) if len(parts) == 3 \
        else sep.join(parts)
    if sep == "年" and len(parts) == 3:
        text = f"{y}年{m}月{d}日"
    return text


def _time(rng: random.Random) -> str:
    sep = rng.choice(TIME_SEPARATORS)
    h = _num(rng, 0, 23) if rng.random() < 0.9 else _num(rng, 0, 99)
    mi = _num(rng, 0, 59) if rng.random() < 0.9 else _num(rng, 0, 99)
    r = rng.random()
    if r < 0.25:
        text = h + sep + mi
    elif r < 0.85:
        text = h + sep + mi + sep + _num(rng, 0, 60)
        if rng.random() < 0.2:
            text += rng.choice([".", ","]) + str(rng.randint(0, 999999)).zfill(rng.randint(1, 9))
    elif r < 0.92:
        text = str(rng.randint(1, 12)) + rng.choice(["am", "pm", " a.m.", " PM", "AM"])
    else:
        text = h + "h" + mi + "m" + _num(rng, 0, 59) + "s"
    if rng.random() < 0.15:
        text += rng.choice([" am", " pm", "pm", " a.m.", " P.M."])
    return text


def _mangle(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        if not chars:
            break
        i = rng.randrange(len(chars))
        action = rng.random()
        if action < 0.35:
            del chars[i]
        elif action < 0.7:
            chars.insert(i, rng.choice("0123456789-/:. ,TZ+年月日：　abcdefmpstw'"))
        else:
            j = rng.randrange(len(chars))
            chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def date_string(rng: random.Random) -> str:
    """One front-matter-like date string."""
    parts: list[str] = []
    if rng.random() < 0.15:
        day = rng.choice(DAYS)
        parts.append(rng.choice([day, day[:3], day[:3] + ",", day.upper()[:3], "周二", "星期三"]))
    if rng.random() < 0.1:
        parts.append(rng.choice(CJK_WORDS))
    if rng.random() < 0.92:
        parts.append(_date(rng))
    if rng.random() < 0.6:
        joiner = rng.choice([" ", " ", "T", "t", "  ", "\u3000", " at ", ", ", "日"])
        parts.append(joiner + _time(rng) if parts else _time(rng))
        if rng.random() < 0.4:
            parts.append(rng.choice(["", " ", " ", ""]) + rng.choice(ZONES))
    if rng.random() < 0.2:
        parts.append(rng.choice(JUNK))
    if rng.random() < 0.08:
        parts.append(rng.choice(CJK_WORDS))
    text = "".join(p if i == 0 or p[:1] in " T,日t\u3000" else " " + p
                   for i, p in enumerate(parts))
    if rng.random() < 0.15:
        text = _mangle(rng, text)
    if rng.random() < 0.03:
        alphabet = "0123456789-/:.+ TZadmnopst年月日"
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
    return text


def rule_examples() -> list[str]:
    """Every recogniser's own examples, in the reader's order."""
    return [text for stage in reader.STAGES for rule in stage for text in rule.examples]


# What the reader's and the year rules' docstrings say strings mean: (year, month, day).
DOCUMENTED_READINGS = {
    "2016-09-20 Oct 5": (2005, 10, 20), "2016/09/20 2015-1-2": (2015, 1, 2),
    "20.09.2016 2015/1/2": (2015, 1, 2), "Sep 20 2016-10-11": (2016, 9, 20),
    "2016.10.11 20160920": (2016, 10, 11), "9/20": (None, 9, 20), "Sep 2016": (2016, 9, None),
    "2016 Sep 20th": (2016, 9, 20), "20/2016/09": (2016, 9, 20), "20/09/2016": (2016, 9, 20),
    "09/20/2016": (2016, 20, 9), "0016-01-02": (16, 1, 2), "'16/1/2": (2016, 1, 2)}


# What the docstring of moving a reading to UTC says: text -> UTC wall clock (None: rejected).
DOCUMENTED_INSTANTS = {
    "2016-01-01 10:99 +0130": "2016-01-01 10:09:00", "2016-01-01 10:99 +0100": None,
    "2016-03-31 23:00 -0200": "2016-04-01 01:00:00", "2014-02-30 10:00 UTC": "2014-03-02 10:00:00",
    "2015-04-31 10:00 UTC": "2015-05-01 10:00:00", "2016-01-01 24:00 +0000": "2016-01-02 00:00:00"}


def _offset_changes(zone: str, first_year: int, last_year: int) -> list[dt.datetime]:
    """The UTC instants (to within six hours) where ``zone``'s offset changes."""
    tz = ZoneInfo(zone)
    step = dt.timedelta(hours=6)
    moment = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    changes = []
    before = moment.astimezone(tz).utcoffset()
    while moment.year < last_year:
        moment += step
        after = moment.astimezone(tz).utcoffset()
        if after != before:
            changes.append(moment - step)
        before = after
    return changes


def around_offset_changes(zone: str, rng: random.Random, count: int) -> list[str]:
    """Wall-clock strings in the twelve hours after a moment just before one of ``zone``'s
    offset changes (1900-2040): times that happen twice, times that never happen, and
    ordinary ones around them."""
    changes = _offset_changes(zone, 1900, 2040)
    out = []
    for _ in range(count):
        start = rng.choice(changes).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        wall = start + dt.timedelta(minutes=15 * rng.randrange(48))
        out.append(wall.strftime(rng.choice(["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
                                             "%d %b %Y %H:%M", "%Y/%m/%d %I:%M %p"])))
    return out
