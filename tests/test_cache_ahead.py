"""The first build's cache writing overlaps its rendering: side tasks of the output wave write
the content entries (in a forked worker). What lands on disk is what one process writes, and a
later build trusts nothing more than before."""
from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import shutil
import time
from pathlib import Path

import pytest

from blogtool.build import pool, readmemo
from blogtool.build.cache import SHARDS, Cache
from blogtool.build.deps import Fingerprints, fingerprint
from blogtool.build.render import Renderer
from blogtool.build.site import BuildSession, build
from blogtool.build.work import HEAVY_SITE, PARALLEL_THRESHOLD
from blogtool.errors import BuildError
from support.corpus import generate_corpus
from support.entries import plain
from support.spies import spy

PINNED = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _memo_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _double(shared: int, chunk: list[int]) -> list[int]:
    time.sleep(0.02)      # a chunk takes longer than a side task
    return [shared * x for x in chunk]


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value


def _fails() -> None:
    raise OSError("disk full")


def test_side_tasks_run_once_each_and_their_values_come_back_in_order() -> None:
    chunks = [[i] for i in range(20)]
    side = [lambda i=i: _pid_and(i) for i in range(3)] + [_fails]
    for jobs in (1, 2):
        values: list = []
        got = pool.run_chunks(_double, 3, chunks, jobs, side=side, side_results=values)
        assert got == [[3 * i] for i in range(20)]
        assert [v[1] for v in values[:3]] == [0, 1, 2] and values[3] is None
        if jobs == 1:
            assert {v[0] for v in values[:3]} == {os.getpid()}


def test_enough_side_tasks_fork_a_worker_beside_few_chunks() -> None:
    """Three long chunks and eight side tasks (a first build's listing pages and its cache
    shards): a worker is forked and takes side tasks; one side task beside three chunks
    (an edit's one shard) is not worth a fork."""
    chunks = [[i] for i in range(3)]
    values: list = []
    got = pool.run_chunks(_double, 2, chunks, 2, side=[lambda i=i: _pid_and(i) for i in range(8)],
                          side_results=values)
    assert got == [[0], [2], [4]] and [v[1] for v in values] == list(range(8))
    assert any(pid != os.getpid() for pid, _ in values)
    values.clear()
    pool.run_chunks(_double, 2, chunks, 2, side=[lambda: _pid_and(0)], side_results=values)
    assert values == [(os.getpid(), 0)]


def test_side_tasks_wait_where_the_processes_meet() -> None:
    """Workers take chunks from the front, this process from the back: the side tasks sit
    between the workers' share of the items and this process's."""
    assert pool._meeting([[1], [2], [3]], 2) == 1
    assert pool._meeting([[1, 2], [3, 4], [5, 6], [7, 8]], 2) == 2
    assert pool._meeting([[1]] * 9, 3) == 6
    assert pool._meeting([[1], [2]], 1) == 0


def _sleep_chunk(shared: float, chunk: list[int]) -> tuple[int, float, float]:
    start = time.monotonic()
    time.sleep(shared)
    return os.getpid(), start, time.monotonic()


def _sleep_side() -> tuple[int, float]:
    start = time.monotonic()
    time.sleep(0.2)
    return os.getpid(), start


@pytest.mark.realtime
def test_side_tasks_are_shared_when_both_processes_reach_them() -> None:
    """Two long pages and four side tasks (a first build's listing pages and its cache
    shards): the worker is forked before this process renders anything, each renders one
    page at once, and both then take side tasks, instead of the worker writing every shard
    first and one process waiting for the other at the end."""
    values: list = []
    got = pool.run_chunks(_sleep_chunk, 0.5, [[0], [1]], 2,
                          side=[_sleep_side for _ in range(4)], side_results=values)
    (pid0, start0, _), (pid1, start1, end1) = got
    assert pid1 == os.getpid() and pid0 != os.getpid()     # this process: from the back
    assert start0 < end1                                    # the worker's page beside it
    assert {pid for pid, _ in values} == {pid0, pid1}       # both wrote
    assert all(start >= end1 - 0.05 for pid, start in values if pid == pid1)


def _entry(i: int) -> dict:
    return {"env": "e", "files": {}, "result": {"content": f"正文 {i} " * 100}}


def test_shards_written_ahead_leave_only_what_changed_since_for_flush(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    rels = [f"_posts/p{i}.md" for i in range(40)]
    for i, rel in enumerate(rels):
        cache.put("content", rel, _entry(i))
        cache.put("output", rel, {"env": "e", "out": {"size": i}})
    tasks = cache.writers(("content",))
    assert tasks and len(tasks) <= 8
    cache.put("content", rels[0], _entry(100))      # after the tasks were made
    results = [task() for task in tasks]
    results[-1] = None                              # a task that failed
    known = cache.written(results)
    # the long strings the tasks wrote come back fingerprinted, paired with this process's
    # own string: none of the failed task's shards, none of a shard changed since
    failed = {key for key, _ in tasks[-1].args[0]}
    changed = cache._key("content", rels[0])
    expect = {rel for rel in rels
              if cache._key("content", rel) not in failed | {changed}}
    assert {rel for rel, field in known} == expect and expect
    for (rel, field), (value, fp) in known.items():
        assert field == "content"
        assert value is cache.get("content", rel, "e")["result"]["content"]
        assert fp == fingerprint(value)
    left = {key for key in cache._dirty if key[0] == "content"}
    assert left == {("content", cache._key("content", rels[0])[1])} | \
        {key for key, _ in tasks[-1].args[0]}
    cache.flush()
    again = Cache(tmp_path / "c")
    assert plain(again.get("content", rels[0], "e")) == _entry(100)
    for i, rel in enumerate(rels[1:], 1):
        assert plain(again.get("content", rel, "e")) == _entry(i)
        assert again.get("output", rel, "e") == {"env": "e", "out": {"size": i}}


def _entries(src: Path) -> dict:
    cache = Cache(src / ".blogtool-cache")
    found = {}
    for kind in ("content", "output"):
        for i in range(SHARDS):
            for rel, entry in cache._load((kind, i)).items():
                entry.get("out", {}).pop("mtime", None)
                found[kind, rel] = plain(entry)
    return found


def _memo(src: Path) -> dict:
    memo = readmemo.ReadMemo(src / ".blogtool-cache").load()
    return {rel: (entry[0], pickle.dumps(entry[1]), entry[2:]) for rel, entry in memo.items()}


@pytest.mark.forks
@pytest.mark.parametrize("posts", [PARALLEL_THRESHOLD + 40, HEAVY_SITE + 12])
def test_a_forked_first_build_writes_what_one_process_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, posts: int) -> None:
    """From HEAVY_SITE posts on, the posts' content shards are written beside the listing
    pages of the second wave, the rest beside the output wave: the same files either way."""
    src = tmp_path / "src"
    generate_corpus(src, posts, "--seed", "6")
    old = PINNED.timestamp() - 3600       # not in the racy window: every post is memoized
    for path in src.rglob("*"):
        os.utime(path, (old, old))
    one = build(src, tmp_path / "one", jobs=1, site_time=PINNED)
    entries, memo = _entries(src), _memo(src)
    assert len(memo) == len(list((src / "_posts").glob("*.md")))
    shutil.rmtree(src / ".blogtool-cache")
    seeded = spy(monkeypatch, Fingerprints, "known", lambda self, values: dict(values))
    two = build(src, tmp_path / "two", jobs=2, site_time=PINNED)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    if posts >= HEAVY_SITE:
        # the content shards' writers hashed every post's content before the output wave
        content = {rel: known for values in seeded for (rel, field), known in values.items()
                   if field == "content"}
        assert content.keys() >= {p.relative_to(src).as_posix()
                                  for p in (src / "_posts").glob("*.md")}
        assert all(fp == fingerprint(value) for value, fp in content.values())
    assert one.documents == two.documents > PARALLEL_THRESHOLD
    assert _entries(src) == entries and len(entries) == 2 * one.documents
    assert _memo(src) == memo          # written by the time the build returned
    # a new session trusts all of it (no content rendered again, no post parsed again)
    # and gives the same bytes as a full build
    rendered = spy(monkeypatch, Renderer, "render_content", lambda self, doc, *a: doc.rel_path)
    session = BuildSession(src)
    assert session.read_memo.keys() == memo.keys()
    build(src, tmp_path / "three", jobs=1, site_time=PINNED, session=session)
    assert rendered == []
    assert _tree(tmp_path / "three") == _tree(tmp_path / "one")


@pytest.mark.forks
def test_a_failed_forked_build_leaves_a_cache_the_next_build_can_trust(tmp_path: Path) -> None:
    src = tmp_path / "src"
    generate_corpus(src, PARALLEL_THRESHOLD + 40, "--seed", "7")
    posts = sorted((src / "_posts").glob("*.md"))
    late = posts[-3]
    text = late.read_text("utf-8")
    late.write_text(re.sub(r"(?m)^layout\s*:.*$", "layout: broken", text, count=1), "utf-8")
    (src / "_layouts" / "broken.html").write_text("{% include missing.html %}\n", "utf-8")
    with pytest.raises(BuildError):
        build(src, tmp_path / "out", jobs=2, site_time=PINNED)
    late.write_text(text, "utf-8")
    fixed = build(src, tmp_path / "out", jobs=2, site_time=PINNED)
    assert late.relative_to(src).as_posix() in fixed.rendered
    build(src, tmp_path / "cold", jobs=2, site_time=PINNED, use_cache=False)
    assert _tree(tmp_path / "out") == _tree(tmp_path / "cold")



def test_a_first_build_writes_each_content_shard_once(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The second wave writes the posts' content shards ahead, but not those its own listing
    pages will change: those wait for the output wave, so no shard is written twice; a
    new session then renders no content again."""
    src = tmp_path / "src"
    generate_corpus(src, HEAVY_SITE + 10, "--seed", "6")
    written: list[tuple[str, int]] = []
    real = Cache._write_shards

    def write_shards(self: Cache, keys: list, found: dict | None = None) -> None:
        written.extend(keys)
        real(self, keys, found)
    monkeypatch.setattr(Cache, "_write_shards", write_shards)
    build(src, tmp_path / "out", jobs=1, site_time=PINNED)
    content = [key for key in written if key[0] == "content"]
    assert len(content) == len(set(content)) == SHARDS
    pages = [p.name for p in src.glob("*.html")]
    assert pages      # the corpus's listing pages, rendered in the second wave
    cache = Cache(src / ".blogtool-cache")
    assert all(isinstance(cache._shard("content", name).get(name), dict) for name in pages)
    rendered = spy(monkeypatch, Renderer, "render_content", lambda self, doc, *a: doc.rel_path)
    build(src, tmp_path / "again", jobs=1, site_time=PINNED, session=BuildSession(src))
    assert rendered == []
    assert _tree(tmp_path / "again") == _tree(tmp_path / "out")
