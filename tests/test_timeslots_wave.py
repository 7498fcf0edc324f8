"""Feeds printing the whole time are rendered at the other instants and cut in the output wave
(in whichever process renders them), not at the end of the build: the templates kept are
those the end of the build would have cut, a failed cut or render leaves none, and what the
other renders report never reaches the build's result."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from blogtool.build import timeslots, unchanged
from blogtool.build.render import Renderer
from blogtool.build.site import build
from blogtool.build.work import PARALLEL_THRESHOLD
from tests.test_incremental import PINNED, post, site, tree  # noqa: F401  (site: a fixture)
from tests.test_unchanged import ATOM, LATER, RSS, age, fast, full, write

STAMPED = "<p>{{ site.time | date_to_xmlschema }}</p>{{ content }}\n"


@pytest.fixture(autouse=True)
def _memo_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture()
def feeds(site: Path) -> Path:  # noqa: F811
    """Enough posts for the output wave to fork; two feeds printing the time in their own
    text, and a page whose layout alone prints it."""
    for i in range(PARALLEL_THRESHOLD):
        write(site, f"_posts/2015-{1 + i % 12:02d}-{1 + i // 12:02d}-q{i}.md",
              post(f"帖子 {i}", "kafka", f"正文 {i}\n\n第二段 {i}"))
    write(site, "atom.xml", ATOM)
    write(site, "rss.xml", RSS)
    write(site, "_layouts/stamped.html", STAMPED)
    write(site, "stamped.html", "---\nlayout: stamped\n---\n<b>hello</b>\n")
    age(site)
    return site


def _sliced(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """The output wave's answers the end of each build is given."""
    seen: list[dict] = []
    real = timeslots.Slicer.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        real(self, *args, **kwargs)
        seen.append(dict(self.sliced))
    monkeypatch.setattr(timeslots.Slicer, "__init__", init)
    return seen


def _slicing_pids(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each page rendered at the other instants, with the process that did it, into ``log``
    (workers are forked: they can only tell through a file)."""
    real = timeslots.slice_page

    def noting(renderer: Any, doc: Any, *args: Any) -> Any:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {doc.rel_path}\n")
        return real(renderer, doc, *args)
    monkeypatch.setattr(timeslots, "slice_page", noting)


def _pages(src: Path) -> dict:
    """The kept templates without the files' stamps (times of writing)."""
    kept = json.loads(Path(timeslots.templates_path(str(src))).read_text("utf-8"))
    return {rel: {k: v for k, v in page.items() if k != "stamp"}
            for rel, page in kept["pages"].items()}


def _first(src: Path, dest: Path, jobs: int) -> None:
    """A first build (no cache), as ``blogtool build`` makes it."""
    for path in (src / ".blogtool-cache", dest):
        if path.exists():
            shutil.rmtree(path)
    probe = unchanged.check(src, dest, site_time=PINNED)
    assert probe.result is None
    build(src, dest, site_time=PINNED, jobs=jobs, probe=probe)


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=pytest.mark.forks)])
def test_templates_cut_in_the_wave_are_those_of_the_serial_cut(
        feeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    dest = tmp_path / "out"
    with monkeypatch.context() as serial:
        serial.setattr(timeslots, "plan", lambda *a, **k: None)   # all at the build's end
        _first(feeds, dest, jobs)
    expected = _pages(feeds)
    assert set(expected) == {"atom.xml", "rss.xml", "stamped.html"}
    sliced = _sliced(monkeypatch)
    log = tmp_path / "slices.log"
    _slicing_pids(monkeypatch, log)
    _first(feeds, dest, jobs)
    assert _pages(feeds) == expected
    # the feeds were cut in the wave; the page whose layout prints the time at the end
    assert {rel: isinstance(answer, dict) for rel, answer in sliced[-1].items()} == \
        {"atom.xml": True, "rss.xml": True}
    done = [line.split() for line in log.read_text("utf-8").splitlines()]
    assert sorted(rel for _, rel in done) == ["atom.xml", "rss.xml", "stamped.html"]
    at_end = [rel for pid, rel in done if int(pid) == os.getpid()]
    assert "stamped.html" in at_end
    if jobs == 2:      # a worker took a feed
        assert any(int(pid) != os.getpid() for pid, _ in done)
    assert tree(dest) == full(feeds, tmp_path, "pinned")
    later = LATER + dt.timedelta(days=20, hours=5, seconds=3)   # the same year
    assert fast(feeds, dest, site_time=later)
    assert tree(dest) == full(feeds, tmp_path, "later", site_time=later)


def test_a_kept_template_is_not_cut_again_in_the_wave(feeds: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "out"
    _first(feeds, dest, 2)
    first = _pages(feeds)
    write(feeds, "_posts/2014-10-13-p3.md", post("第3篇", "flume", "改过的正文\n\n第二段"))
    sliced = _sliced(monkeypatch)
    probe = unchanged.check(feeds, dest, site_time=LATER)
    assert probe.result is None
    build(feeds, dest, site_time=LATER, jobs=2, probe=probe)
    # rss.xml shows no post's content: its template still holds
    assert set(sliced[-1]) == {"atom.xml"}
    kept = _pages(feeds)["rss.xml"]
    assert (kept["inputs"], kept["pieces"]) == (first["rss.xml"]["inputs"],
                                                first["rss.xml"]["pieces"])
    assert _pages(feeds)["atom.xml"]["inputs"] != first["atom.xml"]["inputs"]
    later = LATER + dt.timedelta(days=3)
    assert fast(feeds, dest, site_time=later)
    assert tree(dest) == full(feeds, tmp_path, "later", site_time=later)


def _elsewhen(renderer: Renderer) -> bool:
    """Whether ``renderer`` renders at another instant than the build's (``PINNED``; every
    other instant is on another day). Read without recording a read of the time."""
    t = dict.__getitem__(renderer.site, "time")
    day = tuple(object.__getattribute__(t, name) for name in ("year", "month", "day"))
    return day != (2026, 11, 23)


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=pytest.mark.forks)])
def test_a_failed_render_or_cut_leaves_no_template(feeds: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   jobs: int) -> None:
    real_render = Renderer.render_content

    def render_content(self: Renderer, doc: Any, *args: Any, **kwargs: Any) -> None:
        if doc.rel_path == "atom.xml" and _elsewhen(self):
            raise RuntimeError("not at this time")
        real_render(self, doc, *args, **kwargs)
    real_cut = timeslots.cut

    def cut(texts: list[str], instants: list) -> dict | None:
        return None if "<rss" in texts[0] else real_cut(texts, instants)
    sliced = _sliced(monkeypatch)
    dest = tmp_path / "out"
    with monkeypatch.context() as failing:
        failing.setattr(Renderer, "render_content", render_content)
        failing.setattr(timeslots, "cut", cut)
        _first(feeds, dest, jobs)
    assert sliced[-1] == {"atom.xml": timeslots.UNCUT, "rss.xml": timeslots.UNCUT}
    assert not Path(timeslots.templates_path(str(feeds))).exists()
    assert tree(dest) == full(feeds, tmp_path, "pinned")
    later = LATER + dt.timedelta(days=2)
    assert not fast(feeds, dest, site_time=later)
    build(feeds, dest, site_time=later, jobs=jobs)
    assert tree(dest) == full(feeds, tmp_path, "later", site_time=later)


@pytest.mark.parametrize("jobs", [1, 2])
def test_what_the_other_renders_report_is_dropped(feeds: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 jobs: int) -> None:
    real_render = Renderer.render_content

    def render_content(self: Renderer, doc: Any, *args: Any, **kwargs: Any) -> None:
        if _elsewhen(self):
            self.diagnostics.warn(doc.rel_path, 1, "rendered at another time")
            self.diagnostics.info(f"another time for {doc.rel_path}")
        real_render(self, doc, *args, **kwargs)
    monkeypatch.setattr(Renderer, "render_content", render_content)
    sliced = _sliced(monkeypatch)
    dest = tmp_path / "out"
    _first(feeds, dest, jobs)
    assert set(sliced[-1]) == {"atom.xml", "rss.xml"}
    result = build(feeds, dest, site_time=PINNED, jobs=jobs)     # the check's answer
    assert result.rendered == []
    rebuilt = build(feeds, tmp_path / "again", site_time=PINNED, jobs=jobs, use_cache=True)
    for answer in (result, rebuilt):
        assert not any("another time" in w.message for w in answer.warnings)
        assert not any("another time" in n for n in answer.notes)
    assert set(_pages(feeds)) == {"atom.xml", "rss.xml", "stamped.html"}
