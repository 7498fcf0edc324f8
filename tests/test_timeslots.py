"""Time-slot templates are made again only for pages whose inputs changed: a cached full build
after an edit elsewhere keeps the templates of the feeds it did not touch, and what it writes,
and what the next no-op check fills in, are the full build's bytes."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from blogtool.build import timeslots
from blogtool.build.site import build
from support.spies import spy
from tests.test_incremental import PINNED, post, site, tree  # noqa: F401  (site: a fixture)
from tests.test_unchanged import ATOM, LATER, RSS, fast, full, settle, write


@pytest.fixture(autouse=True)
def _memo_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def _cuts(monkeypatch: pytest.MonkeyPatch) -> list:
    """The pages rendered at other instants and cut (their first text's first line)."""
    return spy(monkeypatch, timeslots, "cut", lambda texts, instants: texts[0][:60])


def _kept(src: Path) -> dict:
    return json.loads(Path(timeslots.templates_path(str(src))).read_text("utf-8"))["pages"]


def test_templates_of_unchanged_feeds_are_kept(site: Path, tmp_path: Path,  # noqa: F811
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write(site, "atom.xml", ATOM)        # shows every post's content
    write(site, "rss.xml", RSS)          # titles and dates only
    dest = tmp_path / "out"
    settle(site, dest)
    first = _kept(site)
    assert set(first) == {"atom.xml", "rss.xml"}
    cuts = _cuts(monkeypatch)
    write(site, "_posts/2014-10-13-p3.md", post("第3篇", "flume", "改过的正文\n\n第二段"))
    build(site, dest, site_time=LATER, jobs=1)
    assert len(cuts) == 1 and "<feed" in cuts[0]          # atom.xml only
    assert tree(dest) == full(site, tmp_path, "body", site_time=LATER)
    assert _kept(site)["rss.xml"]["inputs"] == first["rss.xml"]["inputs"]
    assert _kept(site)["atom.xml"]["inputs"] != first["atom.xml"]["inputs"]
    # the kept template fills in as a new one would
    later = LATER + dt.timedelta(days=20, hours=3)
    assert fast(site, dest, site_time=later)
    build(site, dest, site_time=later, jobs=1)
    assert tree(dest) == full(site, tmp_path, "later", site_time=later)


def test_a_feed_whose_own_file_changed_is_cut_again(site: Path, tmp_path: Path,  # noqa: F811
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    write(site, "rss.xml", RSS)
    dest = tmp_path / "out"
    settle(site, dest)
    cuts = _cuts(monkeypatch)
    # the same text at every instant: only the inputs tell
    write(site, "rss.xml", RSS.replace("<channel>", "<channel>{% comment %}x{% endcomment %}"))
    build(site, dest, site_time=LATER, jobs=1)
    assert len(cuts) == 1
    later = LATER + dt.timedelta(days=2)
    assert fast(site, dest, site_time=later)
    build(site, dest, site_time=later, jobs=1)
    assert tree(dest) == full(site, tmp_path, "comment", site_time=later)


def test_a_kept_template_that_no_longer_matches_the_page_is_cut_again(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    write(site, "rss.xml", RSS)
    dest = tmp_path / "out"
    settle(site, dest)
    path = Path(timeslots.templates_path(str(site)))
    kept = json.loads(path.read_text("utf-8"))
    kept["pages"]["rss.xml"]["pieces"] = "0" * 32
    path.write_text(json.dumps(kept), "utf-8")
    cuts = _cuts(monkeypatch)
    write(site, "_posts/2014-10-13-p3.md", post("第3篇", "flume", "改过的正文\n\n第二段"))
    build(site, dest, site_time=LATER, jobs=1)
    assert len(cuts) == 1
    later = LATER + dt.timedelta(days=3)
    assert fast(site, dest, site_time=later)
    build(site, dest, site_time=later, jobs=1)
    assert tree(dest) == full(site, tmp_path, "later", site_time=later)
