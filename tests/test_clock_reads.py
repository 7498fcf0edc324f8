"""Liquid's ways of reading the clock (``"now"``, ``"today"``, dates that leave fields to the
clock) are recorded like reads of ``site.time``: a cached build, in the same session or a new
process, gives what a full build gives at that instant, across a year boundary too."""
from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest

from blogtool import filters as F
from blogtool.build import clock, deps
from blogtool.build.cachedir import FORMAT
from blogtool.build.site import BuildSession, build

SHANGHAI_2026_LATE = dt.datetime(2026, 12, 31, 15, 0, tzinfo=dt.UTC)      # 23:00 there
SHANGHAI_2026_LATER = dt.datetime(2026, 12, 31, 15, 50, tzinfo=dt.UTC)
SHANGHAI_2027 = dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC)          # 00:30 there
SHANGHAI_2027_DAY2 = dt.datetime(2027, 1, 1, 16, 30, tzinfo=dt.UTC)

LAYOUT = ('<html><body>{{ content }}<footer>&copy; {{ "now" | date: "%Y" }} '
          '{{ "Today" | date: "%Y年" }}</footer></body></html>\n')


@pytest.fixture(autouse=True)
def _memo_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def _site(root: Path, config: str = "title: t\ntimezone: Asia/Shanghai\n") -> Path:
    src = root / "src"
    (src / "_layouts").mkdir(parents=True)
    (src / "_posts").mkdir()
    (src / "_config.yml").write_text(config, "utf-8")
    (src / "_layouts/default.html").write_text(LAYOUT, "utf-8")
    (src / "index.md").write_text("---\nlayout: default\n---\n首页\n", "utf-8")
    for i in range(1, 4):
        (src / f"_posts/2014-10-1{i}-p{i}.md").write_text(
            f"---\nlayout: default\ntitle: 第{i}篇\n---\n正文 {i}\n", "utf-8")
    old = time.time() - 3600            # older than the stamp window: the record is kept
    for path in src.rglob("*"):
        os.utime(path, (old, old))
    return src


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _full(src: Path, root: Path, name: str, when: dt.datetime) -> dict[str, bytes]:
    build(src, root / f"full-{name}", site_time=when, jobs=1, use_cache=False)
    return _tree(root / f"full-{name}")


def test_now_and_today_read_the_site_time_and_record_its_fields() -> None:
    recorder = deps.Recorder()
    zone = dt.timezone(dt.timedelta(hours=8))
    site_time = clock.SiteTime.of(dt.datetime(2026, 12, 31, 23, 0, tzinfo=zone), recorder)
    with recorder.recording() as reads:
        assert F.date("now", "%Y", zone, site_time.clock_now) == "2026"
    assert reads == {("site", "time.year")}
    with recorder.recording() as reads:
        assert F.date_to_string("TODAY", zone=zone, now=site_time.clock_now) == "31 Dec 2026"
    assert reads == {("site", "time.year"), ("site", "time.month"), ("site", "time.day")}
    with recorder.recording() as reads:       # a year, month and day: no clock
        assert F.date("2014-10-18", "%Y", zone, site_time.clock_now) == "2014"
    assert reads == set()
    with recorder.recording() as reads:       # the year comes from the clock: all of it read
        assert F.date("March 3", "%Y-%m-%d", zone, site_time.clock_now) == "2026-03-03"
    assert ("site", "time") in reads


def test_liquid_reads_now_from_the_site_time_it_renders_with(tmp_path: Path) -> None:
    src = _site(tmp_path)
    build(src, tmp_path / "out", site_time=SHANGHAI_2027, jobs=1, use_cache=False)
    assert "&copy; 2027 2027年" in (tmp_path / "out/index.html").read_text("utf-8")


@pytest.mark.parametrize("fresh_process", [False, True])
def test_now_across_a_year_boundary_gives_the_full_build(tmp_path: Path,
                                                         fresh_process: bool) -> None:
    src = _site(tmp_path)
    out = tmp_path / "out"
    session = None if fresh_process else BuildSession(src)
    times = [SHANGHAI_2026_LATE, SHANGHAI_2026_LATER, SHANGHAI_2027, SHANGHAI_2027_DAY2]
    results = []
    for i, when in enumerate(times):
        results.append(build(src, out, site_time=when, jobs=1, session=session))
        assert _tree(out) == _full(src, tmp_path, str(i), when), when
    assert results[1].written == 0 and results[3].written == 0
    assert results[2].written == results[2].documents                 # every page shows 2027
    assert "2027" in (out / "index.html").read_text("utf-8")
    if fresh_process:
        record = json.loads((src / f".blogtool-cache/v{FORMAT}/unchanged.json").read_text("utf-8"))
        start, end = record["clock"]
        assert start == dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC).timestamp()
        assert end == dt.datetime(2027, 12, 31, 16, 0, tzinfo=dt.UTC).timestamp()


def test_a_fixed_site_time_with_now_reads_the_machine_clock(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``time:`` in the configuration fixes ``site.time``, not ``now``: a cached build follows
    the machine's clock (recorded apart) and never answers from an old record."""
    src = _site(tmp_path, "title: t\ntimezone: Asia/Shanghai\ntime: 2020-05-05 10:00:00\n")
    (src / "_layouts/default.html").write_text(
        LAYOUT.replace("</footer>", ' {{ site.time | date: "%Y" }}</footer>'), "utf-8")
    os.utime(src / "_layouts/default.html", (time.time() - 3600,) * 2)
    out = tmp_path / "out"
    for i, when in enumerate((SHANGHAI_2026_LATE, SHANGHAI_2026_LATER, SHANGHAI_2027)):
        monkeypatch.setattr(clock, "machine_now", lambda zone, when=when: when.astimezone(zone))
        result = build(src, out, jobs=1)
        assert _tree(out) == _full(src, tmp_path, str(i), when), when
        year = when.astimezone(dt.timezone(dt.timedelta(hours=8))).year
        assert f"&copy; {year} {year}年 2020" in (out / "index.html").read_text("utf-8")
        assert result.written == (0 if i == 1 else result.documents), i
        assert not (src / f".blogtool-cache/v{FORMAT}/unchanged.json").exists()
