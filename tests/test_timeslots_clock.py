"""Time-slot templates and every strftime directive Ruby has: a page printing the time in any
format is either cut into a template that writes, at any later instant, what rendering would
write, or not kept. Near New Year ``%G`` is not ``%Y``; ``%p``, ``%Z`` and ``%z`` change within
a year; ``%d`` and ``%-d`` agree from the 10th on. The last tests build a site with an
injected ``site.time`` across a year boundary and compare every no-op check's output with a
``--no-cache`` build at the same instant.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogtool.build import timeslots
from blogtool.build.site import build
from blogtool.filters.dates import ruby_strftime
from blogtool.timeutil import RubyTime
from tests.test_incremental import site, tree  # noqa: F401  (site: a fixture)
from tests.test_unchanged import ATOM, age, fast, full, write

# Ruby's Time#strftime conversions, and the ones made of others
DIRECTIVES = ["%Y", "%C", "%y", "%m", "%B", "%b", "%h", "%d", "%e", "%j", "%H", "%k", "%I",
              "%l", "%P", "%p", "%M", "%S", "%L", "%N", "%3N", "%z", "%:z", "%::z", "%Z", "%A",
              "%a", "%u", "%w", "%G", "%g", "%V", "%U", "%W", "%s", "%c", "%D", "%F", "%v",
              "%x", "%X", "%r", "%R", "%T", "%+", "%%", "%n", "%t"]
FLAGS = ["", "", "-", "_", "0", "^", "#", "6"]
ZONES = ["UTC", "Asia/Shanghai", "Europe/Berlin", "America/Santiago", "Australia/Lord_Howe"]
AROUND = ["%Y", "%Y-%m-%d", "%b %-d, %Y", "%Y年%m月%d日", "", ""]


# directives that write what a catalogue format's directive writes at some instants only
TWINS = {"%Y": ["%G", "%-Y", "%0Y", "%5Y"], "%d": ["%-d", "%e", "%_d"], "%-d": ["%d", "%e"],
         "%m": ["%-m", "%_m"], "%-m": ["%m"], "%H": ["%k", "%-H", "%I", "%l"],
         "%M": ["%-M", "%_M"], "%S": ["%-S"], "%z": ["%:z", "%Z", "%::z"], "%Z": ["%z"],
         "%:z": ["%z"], "%b": ["%^b", "%h", "%#b"], "%B": ["%^B"], "%a": ["%^a", "%#a"],
         "%A": ["%^A"], "%e": ["%-d", "%d"]}
_CATALOGUED = [f for f in timeslots.CATALOGUE if f[0] == "%"]


def _with_flag(directive: str, flag: str) -> str:
    return directive if directive in ("%%", "%n", "%t") else "%" + flag + directive[1:]


@st.composite
def twin(draw: st.DrawFn) -> str:
    """A catalogue format with one directive swapped for a near twin (or none)."""
    fmt = draw(st.sampled_from(_CATALOGUED))
    found = [d for d in TWINS if d in fmt]
    if not found or draw(st.integers(0, 4)) == 0:
        return fmt
    d = draw(st.sampled_from(found))
    return fmt.replace(d, draw(st.sampled_from(TWINS[d])), 1)


@st.composite
def formats(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(twin())
    parts = [_with_flag(draw(st.sampled_from(DIRECTIVES)), draw(st.sampled_from(FLAGS)))
             for _ in range(draw(st.integers(1, 3)))]
    seps = [draw(st.sampled_from([" ", "-", "/", ":", "T", "年", ""])) for _ in parts]
    text = "".join(p + s for p, s in zip(parts, seps, strict=True))
    around = draw(st.sampled_from(AROUND))
    return draw(st.sampled_from([text, around + " " + text, text + " " + around]))


def _page(fmt: str, t: dt.datetime) -> str:
    return f"<p>© 2019 {ruby_strftime(t, fmt)}</p><updated>{timeslots.value('xmlschema', t)}"


def _filled(template: dict, t: dt.datetime) -> str:
    pieces, slots = template["pieces"], template["slots"]
    return pieces[0] + "".join(timeslots.value(name, t) + piece
                               for name, piece in zip(slots, pieces[1:], strict=True))


_BUILDS = st.datetimes(min_value=dt.datetime(2019, 1, 1), max_value=dt.datetime(2031, 12, 31))
# later no-op checks: near the build, and at the turns of the year, the day and DST
_LATER = st.one_of(
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=800)),
    st.sampled_from([dt.timedelta(days=d, hours=h) for d in (0, 1, 3, 9, 40, 190)
                     for h in (0, 7, 13)]))


@pytest.mark.sweep
@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(formats(), st.sampled_from(ZONES), _BUILDS, st.lists(_LATER, min_size=4, max_size=4))
def test_a_template_writes_what_rendering_writes_or_is_not_kept(
        fmt: str, zone_name: str, when: dt.datetime, later: list[dt.timedelta]) -> None:
    zone = ZoneInfo(zone_name)
    now = RubyTime.wrap(when.replace(tzinfo=dt.UTC).astimezone(zone))
    at = timeslots.instants(now)
    template = timeslots.cut([_page(fmt, t) for t in at], at)
    if template is None:
        return
    year_end = dt.datetime(now.year, 12, 27, tzinfo=dt.UTC)
    for step in later:
        for base in (now, year_end):
            t = RubyTime.wrap((base.astimezone(dt.UTC) + step).astimezone(zone))
            assert _filled(template, t) == _page(fmt, t), (fmt, zone_name, now, t)


@pytest.mark.parametrize("zone_name", ZONES)
@pytest.mark.parametrize("when", [dt.datetime(2024, 11, 20, 4, 0), dt.datetime(2024, 12, 28, 15),
                                  dt.datetime(2025, 6, 15, 9, 30), dt.datetime(2027, 1, 1),
                                  dt.datetime(2028, 2, 29, 23, 59, 59)])
def test_the_other_instants_tell_apart_what_near_ones_may_not(zone_name: str,
                                                              when: dt.datetime) -> None:
    zone = ZoneInfo(zone_name)
    at = timeslots.instants(RubyTime.wrap(when.replace(tzinfo=zone)))
    assert at[0] == when.replace(tzinfo=zone)
    for fmt in ("%m", "%d", "%H", "%M", "%S", "%L"):   # the near ones differ in each field
        assert len({ruby_strftime(t, fmt) for t in at[:3]}) == 3, fmt
    assert len({t.year for t in at[1:]}) == 4 and at[0].year != at[1].year   # and the years
    assert any(ruby_strftime(t, "%G") != ruby_strftime(t, "%Y") for t in at)
    for fmt in ("%p", "%C", "%-d", "%-m", "%-H", "%-I", "%-M", "%-S"):
        assert len({len(ruby_strftime(t, fmt)) if fmt[1] == "-" else ruby_strftime(t, fmt)
                    for t in at}) > 1, fmt
    if zone_name not in ("UTC", "Asia/Shanghai"):        # zones with daylight saving time
        assert len({ruby_strftime(t, "%z %Z") for t in at}) > 1


_FIELDS = ("year", "month", "day", "hour", "minute", "second", "microsecond")


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.sampled_from(DIRECTIVES), st.sampled_from(FLAGS), st.sampled_from(ZONES), _BUILDS,
       _BUILDS)
def test_what_a_directive_prints_depends_only_on_the_fields_it_records(
        directive: str, flag: str, zone_name: str, when: dt.datetime,
        other: dt.datetime) -> None:
    """A page printing the time through ``date`` depends on the fields recorded (it is built
    again when one changes): another instant with the same values of those fields prints
    the same, across New Year and daylight saving time too."""
    from blogtool import filters as F
    from blogtool.build import clock, deps
    fmt, zone = _with_flag(directive, flag), ZoneInfo(zone_name)
    recorder = deps.Recorder()
    now = clock.SiteTime.of(when.replace(tzinfo=dt.UTC).astimezone(zone), recorder)
    with recorder.recording() as reads:
        printed = F.date(now, fmt, zone)
    if ("site", "time") in reads:
        return                          # the whole time: a template, or built every time
    kept = {key[1].removeprefix("time.") for key in reads}
    assert kept <= set(_FIELDS), reads
    wall = now.replace(tzinfo=None)
    try:
        same = dt.datetime(**{f: getattr(wall if f in kept else other, f) for f in _FIELDS},
                           tzinfo=zone)
    except ValueError:                  # the 31st of a shorter month
        return
    assert F.date(RubyTime.wrap(same), fmt, zone) == printed, (fmt, kept, now, same)


# --- a site, across a year boundary -------------------------------------------------------------

def _settle(src: Path, dest: Path, when: dt.datetime) -> None:
    age(src)
    build(src, dest, site_time=when, jobs=1)


def _printing(site: Path, fmt: str, zone: str = "Asia/Shanghai") -> None:  # noqa: F811
    write(site, "_config.yml", f"title: 测试站点\ntimezone: {zone}\n")
    write(site, "atom.xml", ATOM.replace("<title>", '<title>{{ site.time | date: "' + fmt +
                                         '" }}', 1))


def _same_as_full(site: Path, dest: Path, tmp: Path, when: dt.datetime) -> bool:  # noqa: F811
    """The check at ``when`` (which fills kept pages in, or answers that a build is needed),
    then the build; the destination is the ``--no-cache`` build's at ``when`` after both.
    Answers whether the check alone was enough."""
    filled = fast(site, dest, site_time=when)
    if filled:
        assert tree(dest) == full(site, tmp, f"check-{when:%Y%m%d%H}", site_time=when)
    build(site, dest, site_time=when, jobs=1)
    assert tree(dest) == full(site, tmp, f"build-{when:%Y%m%d%H}", site_time=when)
    return filled


CROSSING = [dt.datetime(2024, 12, 20, 4, tzinfo=dt.UTC),     # built here
            dt.datetime(2024, 12, 29, 23, tzinfo=dt.UTC),    # Monday 30th there: ISO 2025
            dt.datetime(2024, 12, 5, 16, tzinfo=dt.UTC),     # one-digit day, afternoon
            dt.datetime(2025, 1, 1, 1, tzinfo=dt.UTC),       # the new year
            dt.datetime(2025, 1, 3, 13, tzinfo=dt.UTC)]


@pytest.mark.parametrize("fmt", ["%G", "%Y %p", *[pytest.param(f, marks=pytest.mark.sweep) for f in (
    "%G-%m-%d", "%Y-%m-%d %k:%M", "%b %d, %Y", "%Y-W%V-%u", "%Y %j", "%s")]])
def test_a_page_printing_the_time_is_right_across_new_year(site: Path, tmp_path: Path,  # noqa: F811
                                                           fmt: str) -> None:
    _printing(site, fmt)
    dest = tmp_path / "out"
    _settle(site, dest, CROSSING[0])
    for when in CROSSING[1:]:
        _same_as_full(site, dest, tmp_path, when)


def test_formats_told_apart_are_still_filled_in(site: Path, tmp_path: Path) -> None:  # noqa: F811
    # the 20th: %d and %-d write the same; the fifth one-digit instant tells them apart
    _printing(site, "%b %d, %Y")
    dest = tmp_path / "out"
    _settle(site, dest, CROSSING[0])
    assert _same_as_full(site, dest, tmp_path, CROSSING[2])    # Dec 05, not Dec 5


def test_a_zone_name_that_daylight_saving_time_changes(site: Path, tmp_path: Path) -> None:  # noqa: F811
    _printing(site, "%Y %Z %z", "Europe/Berlin")
    dest = tmp_path / "out"
    summer = dt.datetime(2025, 7, 20, 10, tzinfo=dt.UTC)
    _settle(site, dest, summer)
    assert not _same_as_full(site, dest, tmp_path, dt.datetime(2025, 11, 20, 10, tzinfo=dt.UTC))


def test_templates_cut_at_fewer_instants_are_not_trusted(site: Path, tmp_path: Path) -> None:  # noqa: F811
    import json
    _printing(site, "%b %d, %Y")
    dest = tmp_path / "out"
    _settle(site, dest, CROSSING[0])
    path = Path(timeslots.templates_path(str(site)))
    kept = json.loads(path.read_text("utf-8"))
    assert kept.pop("cut") == timeslots.CUT
    path.write_text(json.dumps(kept), "utf-8")
    assert not _same_as_full(site, dest, tmp_path, CROSSING[2])
