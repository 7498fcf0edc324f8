"""Watching: the ignore rules, the event semantics of watchdog 7 (atomic saves are moves, touch
is attrib, reads are opened/closed_no_write), and real observers (inotify and polling) turning
an editor's save into one set of changed paths while writes into _site are ignored."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from watchdog.events import (
    DirCreatedEvent,
    DirModifiedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from blogtool.commands.serve.watcher import IgnoreRules, SourceWatcher, changed_paths


@pytest.fixture
def src(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    (root / "_posts").mkdir(parents=True)
    (root / "_site").mkdir()
    (root / "_posts" / "2014-10-18-post.md").write_text("---\ntitle: a\n---\nbody\n", "utf-8")
    return root.resolve()


def rules_for(src: Path, **kw) -> IgnoreRules:
    return IgnoreRules.make(src, src / "_site", **kw)


def p(src: Path, rel: str) -> str:
    return str(src / rel)


@pytest.mark.parametrize("rel", [
    "_site/index.html", "_site", "_site/2014/10/18/post.html",
    "._site.blogtool-staging-1234/index.html", "._site.blogtool-staging-1234",
    "._site.old-99", ".git/index", ".git/objects/ab/cdef", "sub/.git/HEAD",
    ".blogtool-cache/x", ".jekyll-cache/Jekyll/Cache/x", "_posts/2014-10-18-post.md~",
    "_posts/.2014-10-18-post.md.swp", "_posts/.2014-10-18-post.md.swx", "_posts/4913",
    "_posts/.#2014-10-18-post.md", "_posts/#2014-10-18-post.md#",
    "_posts/.2014-10-18-post.md.tmp.1234", "_posts/2014-10-18-post.md.tmp",
    "node_modules/x.js", "vendor/bundle/y.rb", "drafts-old/a.md", "notes.bak",
])
def test_ignored(src: Path, rel: str):
    rules = rules_for(src, exclude=["node_modules", "vendor/bundle/", "drafts-old", "*.bak"])
    assert rules.ignored(p(src, rel))


@pytest.mark.parametrize("rel", [
    "_posts/2014-10-18-post.md", "_config.yml", "about.md", "_layouts/default.html",
    "_includes/head.html", "assets/main.scss", "_data/nav.yml", "_posts/中文文章.md",
    "_drafts/idea.md", "css/site.swf", "index.html", ".htaccess",
])
def test_not_ignored(src: Path, rel: str):
    assert not rules_for(src, exclude=["node_modules"]).ignored(p(src, rel))


def test_include_overrides_exclude(src: Path):
    rules = rules_for(src, exclude=["docs"], include=["docs/keep.md"])
    assert rules.ignored(p(src, "docs/other.md"))
    assert not rules.ignored(p(src, "docs/keep.md"))


def test_destination_outside_the_source_and_paths_outside(tmp_path: Path, src: Path):
    rules = IgnoreRules.make(src, tmp_path / "out")
    assert not rules.ignored(p(src, "_site/index.html"))   # just a folder of the source now
    assert rules.ignored(str(tmp_path / "out" / "index.html"))
    assert rules.ignored(str(tmp_path / "elsewhere.md"))
    assert rules.ignored(str(src))


def test_atomic_save_counts_the_target_of_the_move(src: Path):
    tmp = p(src, "_posts/.2014-10-18-post.md.tmp.4242")
    post = p(src, "_posts/2014-10-18-post.md")
    events = [FileCreatedEvent(tmp), FileModifiedEvent(tmp), FileClosedEvent(tmp),
              FileMovedEvent(tmp, post), DirModifiedEvent(p(src, "_posts"))]
    assert changed_paths(events, rules_for(src)) == {"_posts/2014-10-18-post.md"}


def test_vim_write_by_rename_save(src: Path):
    post = p(src, "_posts/2014-10-18-post.md")
    probe = p(src, "_posts/4913")
    events = [FileCreatedEvent(probe), FileDeletedEvent(probe),
              FileMovedEvent(post, post + "~"), FileCreatedEvent(post),
              FileModifiedEvent(post), FileClosedEvent(post), FileDeletedEvent(post + "~"),
              DirModifiedEvent(p(src, "_posts"))]
    assert changed_paths(events, rules_for(src)) == {"_posts/2014-10-18-post.md"}


def test_reads_and_directory_echoes_are_not_changes(src: Path):
    post = p(src, "_posts/2014-10-18-post.md")
    events = [FileOpenedEvent(post), FileClosedNoWriteEvent(post),
              DirModifiedEvent(p(src, "_posts")),
              FileCreatedEvent(p(src, "_site/index.html")),
              FileMovedEvent(p(src, "_site"), p(src, "._site.old-1")),
              FileMovedEvent(p(src, "._site.blogtool-staging-1"), p(src, "_site"))]
    assert changed_paths(events, rules_for(src)) == set()


def test_touch_is_an_attrib_event_and_counts(src: Path):
    events = [FileAttribEvent(p(src, "_posts/2014-10-18-post.md"))]
    assert changed_paths(events, rules_for(src)) == {"_posts/2014-10-18-post.md"}


def test_new_and_deleted_folders_count(src: Path):
    events = [DirCreatedEvent(p(src, "_drafts")), FileDeletedEvent(p(src, "about.md"))]
    assert changed_paths(events, rules_for(src)) == {"_drafts", "about.md"}


# --- real observers --------------------------------------------------------------------------

class Batches:
    def __init__(self):
        self.batches: list[set[str]] = []
        self.cond = threading.Condition()

    def __call__(self, changed: set[str]) -> None:
        with self.cond:
            self.batches.append(set(changed))
            self.cond.notify_all()

    def wait(self, count: int, timeout: float = 5.0) -> list[set[str]]:
        with self.cond:
            self.cond.wait_for(lambda: len(self.batches) >= count, timeout)
            return list(self.batches)

    def union(self) -> set[str]:
        return set().union(*self.batches) if self.batches else set()


def atomic_save(path: Path, text: str) -> None:
    tmp = path.parent / f".{path.name}.tmp.{os.getpid()}"
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


@pytest.mark.realtime
@pytest.mark.parametrize("polling", [False, True], ids=["inotify", "polling"])
def test_real_watcher(src: Path, polling: bool):
    batches = Batches()
    watcher = SourceWatcher(src, rules_for(src), batches, force_polling=polling,
                            poll_interval=0.1)
    watcher.start()
    try:
        time.sleep(0.3)
        post = src / "_posts" / "2014-10-18-post.md"
        # output written by a build: never a change
        for i in range(20):
            (src / "_site" / f"page{i}.html").write_text("x", "utf-8")
        staging = src / "._site.blogtool-staging-1"
        staging.mkdir()
        (staging / "index.html").write_text("x", "utf-8")
        time.sleep(0.6)
        assert batches.batches == []
        # an editor's atomic save: one batch with the post
        atomic_save(post, "---\ntitle: b\n---\nnew body\n")
        got = batches.wait(1)
        assert got[0] == {"_posts/2014-10-18-post.md"}
        time.sleep(0.4)
        assert len(batches.batches) == 1
        # a new top-level folder is watched from now on
        (src / "_drafts").mkdir()
        time.sleep(0.4)
        (src / "_drafts" / "idea.md").write_text("draft", "utf-8")
        deadline = time.monotonic() + 5
        while "_drafts/idea.md" not in batches.union() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "_drafts/idea.md" in batches.union()
        if not polling:
            # touch: attrib only, still a change (polling sees the new mtime as modified)
            count = len(batches.batches)
            time.sleep(0.2)
            os.utime(post, (time.time() + 10, time.time() + 10))
            assert "_posts/2014-10-18-post.md" in batches.wait(count + 1)[-1]
    finally:
        watcher.stop()


@pytest.mark.realtime     # waits on the watcher's real events
def test_set_rules_follows_a_new_exclude(src: Path):
    (src / "docs").mkdir()
    batches = Batches()
    watcher = SourceWatcher(src, rules_for(src), batches)
    watcher.start()
    try:
        watcher.set_rules(rules_for(src, exclude=["docs"]))
        time.sleep(0.2)
        (src / "docs" / "x.md").write_text("x", "utf-8")
        time.sleep(0.5)
        assert batches.union() == set()
        (src / "about.md").write_text("about", "utf-8")
        assert batches.wait(1)[0] == {"about.md"}
    finally:
        watcher.stop()


def test_snapshots_find_what_changed_and_skip_what_is_ignored(tmp_path):
    from blogtool.commands.serve.watcher import changed_between, snapshot
    src = tmp_path / "site"
    (src / "_posts").mkdir(parents=True)
    (src / "_site").mkdir()
    (src / ".blogtool-cache").mkdir()
    (src / "_posts" / "2014-10-18-a.md").write_text("a", "utf-8")
    (src / "about.md").write_text("about", "utf-8")
    rules = IgnoreRules.make(src, src / "_site", exclude=["drafts-notes/"])
    before = snapshot(rules)
    assert set(before) == {"_posts/2014-10-18-a.md", "about.md"}
    (src / "_posts" / "2014-10-18-a.md").write_text("a, longer", "utf-8")
    (src / "_posts" / "2014-10-19-b.md").write_text("b", "utf-8")
    (src / "about.md").unlink()
    (src / "_site" / "index.html").write_text("out", "utf-8")          # the build's output
    (src / ".blogtool-cache" / "x.json").write_text("{}", "utf-8")    # its cache
    (src / "drafts-notes").mkdir()
    (src / "drafts-notes" / "n.md").write_text("n", "utf-8")           # excluded
    (src / "_posts" / ".2014-10-18-a.md.swp").write_text("swap", "utf-8")   # editor temp
    assert changed_between(before, snapshot(rules)) == {
        "_posts/2014-10-18-a.md", "_posts/2014-10-19-b.md", "about.md"}
