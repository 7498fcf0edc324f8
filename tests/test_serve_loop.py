"""The build loop and build state: one build at a time, bursts merged, failures survived,
the changed paths handed to the (injected) build function, config changes noticed."""
from __future__ import annotations

import threading
import time
from pathlib import Path

from blogtool.commands.serve.loop import (
    BuildLoop,
    BuildState,
    Reporter,
    SiteBuilder,
    config_changed,
    describe_failure,
)
from blogtool.errors import BuildError


class Recorder(Reporter):
    def __init__(self):
        self.events: list[tuple] = []

    def building(self, changed):
        self.events.append(("building", set(changed)))

    def built(self, result, seconds):
        self.events.append(("built", result))

    def failed(self, message, exc):
        self.events.append(("failed", message))


def test_first_build_gets_an_empty_set_and_publishes_an_epoch():
    calls = []
    state = BuildState()
    loop = BuildLoop(lambda changed: calls.append(set(changed)) or "ok", state)
    assert state.snapshot().epoch == 0
    loop.request()
    assert loop.run_pending() is True
    assert calls == [set()]
    snap = state.snapshot()
    assert snap.epoch > 0 and snap.error is None and not snap.building
    assert loop.run_pending() is False


def test_requests_are_merged_into_one_build():
    calls = []
    loop = BuildLoop(lambda changed: calls.append(set(changed)), BuildState())
    loop.request({"_posts/a.md"})
    loop.request({"_posts/b.md"})
    loop.request({"_posts/a.md", "about.md"})
    loop.run_pending()
    assert calls == [{"_posts/a.md", "_posts/b.md", "about.md"}]


def test_build_error_is_published_as_file_line_sentence_and_cleared_by_a_good_build():
    outcomes = [BuildError("_posts/2014-10-18-x.md", 3, "invalid date '2014-13-45'"), "ok"]

    def build(changed):
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    state, recorder = BuildState(), Recorder()
    loop = BuildLoop(build, state, reporter=recorder)
    loop.request()
    loop.run_pending()
    snap = state.snapshot()
    assert snap.error == "_posts/2014-10-18-x.md:3: invalid date '2014-13-45'"
    assert snap.epoch == 0 and snap.error_seq == 1
    loop.request({"_posts/2014-10-18-x.md"})
    loop.run_pending()
    snap = state.snapshot()
    assert snap.error is None and snap.epoch > 0
    assert recorder.events == [
        ("building", set()),
        ("failed", "_posts/2014-10-18-x.md:3: invalid date '2014-13-45'"),
        ("building", {"_posts/2014-10-18-x.md"}),
        ("built", "ok"),
    ]


def test_internal_errors_never_kill_the_loop():
    def build(changed):
        if "boom" in changed:
            raise RuntimeError("unexpected")
        return "fine"

    state = BuildState()
    loop = BuildLoop(build, state)
    loop.start()
    try:
        loop.request({"boom"})
        deadline = time.monotonic() + 5
        while state.snapshot().error is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert state.snapshot().error.startswith("<blogtool>: internal error: RuntimeError")
        loop.request({"_posts/a.md"})
        while state.snapshot().epoch == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert state.snapshot().epoch > 0 and state.snapshot().error is None
    finally:
        loop.stop()


def test_saves_during_a_build_give_exactly_one_more_build():
    started = threading.Event()
    release = threading.Event()
    calls = []

    def build(changed):
        calls.append(set(changed))
        if len(calls) == 1:
            started.set()
            release.wait(5)

    loop = BuildLoop(build, BuildState())
    loop.start()
    try:
        loop.request({"a.md"})
        assert started.wait(5)
        for name in ("b.md", "c.md", "d.md"):
            loop.request({name})
        release.set()
        deadline = time.monotonic() + 5
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)
        assert calls == [{"a.md"}, {"b.md", "c.md", "d.md"}]
    finally:
        loop.stop()


def test_config_change_is_noticed_before_the_build():
    order = []
    loop = BuildLoop(lambda changed: order.append("build"), BuildState(),
                     on_config_change=lambda: order.append("replan"))
    loop.request({"_posts/a.md"})
    loop.run_pending()
    loop.request({"_config.yml", "_posts/a.md"})
    loop.run_pending()
    assert order == ["build", "replan", "build"]
    assert config_changed({"sub/_config.yml"}, {"_config.yml"}) is False
    assert config_changed({"_config.dev.yml"}, {"_config.dev.yml"}) is True


def test_describe_failure_shapes():
    assert describe_failure(BuildError("_config.yml", 2, "bad")) == "_config.yml:2: bad"
    assert describe_failure(BuildError("a.md", None, "bad")) == "a.md: bad"
    err = FileNotFoundError(2, "No such file or directory", "_posts/x.md")
    assert describe_failure(err) == "_posts/x.md: No such file or directory"
    assert "internal error: KeyError" in describe_failure(KeyError("x"))


def test_wait_for_change_wakes_on_epoch_error_and_close():
    state = BuildState()
    seen = state.snapshot()
    assert state.wait_for_change(seen, 0.05) == seen        # timeout: nothing new
    threading.Timer(0.05, state.succeeded).start()
    after = state.wait_for_change(seen, 5)
    assert after.epoch > seen.epoch
    threading.Timer(0.05, lambda: state.failed("x.md:1: bad")).start()
    failed = state.wait_for_change(after, 5)
    assert failed.error == "x.md:1: bad" and failed.epoch == after.epoch
    threading.Timer(0.05, state.close).start()
    assert state.wait_for_change(failed, 5).closed


def test_epochs_grow_across_restarts():
    first = BuildState().succeeded()
    time.sleep(0.002)
    assert BuildState().succeeded() > first


def test_site_builder_runs_the_real_pipeline_and_reports_problems(tmp_path: Path):
    """Whatever state the pipeline is in, SiteBuilder either builds or raises a located
    error that the loop turns into one line; it never escapes as a crash of serve."""
    (tmp_path / "_config.yml").write_text("title: [unclosed\n", "utf-8")
    state = BuildState()
    loop = BuildLoop(SiteBuilder(tmp_path, tmp_path / "_site"), state)
    loop.request()
    loop.run_pending()
    error = state.snapshot().error
    assert error is not None and not (tmp_path / "_site").exists()
    assert error.startswith(("_config.yml", "<blogtool>: internal error"))


def test_site_builder_passes_overrides(tmp_path: Path):
    builder = SiteBuilder(tmp_path, None, overrides={"url": "http://localhost:4000"})
    config, settings = builder.plan()
    assert config["url"] == "http://localhost:4000"
    assert settings.url == "http://localhost:4000"
    assert Path(settings.destination) == (tmp_path / "_site").resolve()


def test_site_builder_keeps_one_session_until_the_config_changes(monkeypatch, tmp_path: Path):
    import sys
    import types

    import blogtool.build

    sessions, calls = [], []

    class BuildSession:
        def __init__(self, source):
            sessions.append(source)

    def build(source, destination, **kwargs):
        calls.append(kwargs)
        return "ok"

    fake = types.ModuleType("blogtool.build.site")
    fake.BuildSession, fake.build = BuildSession, build
    monkeypatch.setitem(sys.modules, "blogtool.build.site", fake)
    monkeypatch.setattr(blogtool.build, "site", fake, raising=False)
    builder = SiteBuilder(tmp_path, None, overrides={"url": "http://localhost:1"}, jobs=1)
    builder(set())
    builder({"_posts/a.md"})
    assert len(sessions) == 1 and calls[0]["session"] is calls[1]["session"]
    assert calls[0]["jobs"] == 1 and calls[0]["overrides"] == {"url": "http://localhost:1"}
    builder.reset()
    builder({"_config.yml"})
    assert len(sessions) == 2 and calls[2]["session"] is not calls[1]["session"]


def test_changed_since_unions_the_epochs_a_page_missed():
    state = BuildState()
    first = state.succeeded()                      # a full swap: files unknown
    assert state.changed_since(first) == []
    quick = state.published(["2014/10/18/x.html"])
    assert state.changed_since(first) == ["2014/10/18/x.html"]
    full = state.succeeded(["index.html", "2014/10/18/x.html"])
    assert state.changed_since(first) == ["2014/10/18/x.html", "index.html"]
    assert state.changed_since(quick) == ["2014/10/18/x.html", "index.html"]
    assert state.changed_since(full) == []
    assert state.changed_since(first - 1) is None   # older than anything remembered
    assert state.changed_since(None) is None
    state.succeeded()                               # unknown files: every page reloads
    assert state.changed_since(full) is None


def test_fast_path_publishes_before_the_build(tmp_path):
    """The loop calls ``quick`` before the full build and publishes its pages at once."""
    state = BuildState()
    order = []
    epochs: dict = {}

    def quick(changed):
        order.append(("quick", sorted(changed), state.snapshot().building))
        return ["2014/10/18/x.html"]

    class Result:
        changed_files = ["index.html"]

    def build(changed):
        order.append(("build", sorted(changed), state.changed_since(epochs.get("first"))))
        return Result()

    loop = BuildLoop(build, state, quick=quick)
    loop.request()
    loop.run_pending()                  # the first build: nothing changed is known
    first = epochs["first"] = state.snapshot().epoch
    loop.request(["_posts/2014-10-18-x.md"])
    loop.run_pending()
    assert order == [("build", [], None),
                     ("quick", ["_posts/2014-10-18-x.md"], True),
                     ("build", ["_posts/2014-10-18-x.md"], ["2014/10/18/x.html"])]
    assert state.changed_since(first) == ["2014/10/18/x.html", "index.html"]
    assert not state.snapshot().building


class FakeIndex:
    """A followup (serve's search index) whose end the test decides."""

    def __init__(self, log: list, fail: bool = False):
        self.log, self.fail = log, fail
        self.done: object = None

    def start(self, done):
        self.log.append("index started")
        self.done = done

    def finish(self):
        self.log.append("index finished")
        if self.fail:
            raise BuildError("pagefind", None, "the search index failed: boom")
        return ["pagefind/pagefind-entry.json"]

    def cancel(self):
        self.log.append("index cancelled")


def _loop_with_index(log: list, fail: bool = False):
    state = BuildState()

    class Result:
        changed_files = ["2014/10/18/x.html"]

    def build(changed):
        log.append("build")
        return Result()

    jobs: list[FakeIndex] = []

    def followup():
        jobs.append(FakeIndex(log, fail))
        return jobs[-1]

    return state, BuildLoop(build, state, followup=followup), jobs


def test_the_pages_are_published_before_the_search_index():
    log: list = []
    state, loop, jobs = _loop_with_index(log)
    loop.request(["_posts/2014-10-18-x.md"])
    loop.run_pending()
    pages = state.snapshot()
    assert log == ["build", "index started"]
    assert pages.epoch and pages.building            # reloaded, the index still to come
    assert loop.finish_followup() is True
    done = state.snapshot()
    assert done.epoch > pages.epoch and not done.building and done.error is None
    assert state.changed_since(pages.epoch) == ["pagefind/pagefind-entry.json"]
    assert loop.finish_followup() is False             # nothing left to finish


def test_a_failed_search_index_is_reported_like_a_failed_build():
    log: list = []
    state, loop, _jobs = _loop_with_index(log, fail=True)
    loop.request(["_posts/2014-10-18-x.md"])
    loop.run_pending()
    loop.finish_followup()
    snap = state.snapshot()
    assert snap.error == "pagefind: the search index failed: boom" and not snap.building


def test_a_new_save_cancels_the_running_index_and_the_loop_thread_finishes_the_next():
    log: list = []
    state, loop, jobs = _loop_with_index(log)
    loop.request(["_posts/2014-10-18-x.md"])
    loop.run_pending()
    loop.request(["_posts/2014-10-18-x.md"])
    loop.run_pending()
    assert log == ["build", "index started", "index cancelled", "build", "index started"]
    loop.start()
    try:
        jobs[-1].done()                                 # the indexer exits
        deadline = time.monotonic() + 5
        while state.snapshot().building and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not state.snapshot().building and log[-1] == "index finished"
    finally:
        loop.stop()


def test_a_fixed_build_clears_the_error_before_its_search_index():
    """The overlay goes and the page reloads as soon as the pages are live, not only once
    the index caught up (the index's own event names bundle files alone)."""
    from blogtool.commands.serve.livereload import events_between
    log: list = []
    state, loop, _jobs = _loop_with_index(log)
    good = loop._build
    loop.request()
    loop.run_pending()
    loop.finish_followup()

    def broken(changed):
        raise BuildError("_posts/2014-10-18-x.md", 4, "invalid date")

    loop._build = broken
    loop.request(["_posts/2014-10-18-x.md"])
    loop.run_pending()
    failed = state.snapshot()
    assert failed.error == "_posts/2014-10-18-x.md:4: invalid date"
    loop._build = good
    loop.request(["_posts/2014-10-18-x.md"])
    loop.run_pending()
    pages = state.snapshot()
    assert pages.error is None and pages.building
    event = events_between(failed, pages, state.changed_since(failed.epoch))
    assert event.startswith(b"event: reload") and b"2014/10/18/x.html" in event
