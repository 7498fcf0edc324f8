"""The build's result does not depend on the number of worker processes."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from blogtool.build import pool
from blogtool.build.site import build
from blogtool.build.work import PARALLEL_THRESHOLD
from support.corpus import generate_corpus

PINNED = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_jobs_1_and_2_give_identical_sites(tmp_path: Path) -> None:
    src = tmp_path / "src"
    generate_corpus(src, PARALLEL_THRESHOLD + 12, "--seed", "3")
    one = build(src, tmp_path / "one", jobs=1, site_time=PINNED)
    two = build(src, tmp_path / "two", jobs=2, site_time=PINNED)
    assert one.documents == two.documents > PARALLEL_THRESHOLD
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert [str(w) for w in one.warnings] == [str(w) for w in two.warnings]


def test_rebuild_keeps_unchanged_files_and_their_mtime(tmp_path: Path) -> None:
    src = tmp_path / "src"
    generate_corpus(src, 5, "--seed", "4")
    dest = tmp_path / "site"
    first = build(src, dest, jobs=1, site_time=PINNED)
    post = sorted(dest.rglob("*.html"))[0]
    before = post.stat().st_mtime_ns
    second = build(src, dest, jobs=1, site_time=PINNED)
    assert second.written == 0 and second.unchanged == first.documents
    assert post.stat().st_mtime_ns == before


def _big_site(src: Path) -> None:
    from blogtool.build.reader import PARALLEL_READ
    generate_corpus(src, PARALLEL_READ + 40, "--seed", "5")
    posts = sorted((src / "_posts").glob("*.md"))
    # a warning early, in the middle and late: they must come out in file order
    for i in (3, len(posts) // 2, len(posts) - 2):
        posts[i].write_text("---\ntitle: [unclosed\n---\n正文\n", "utf-8")


def test_posts_parsed_in_parallel_give_the_same_site_and_warnings(tmp_path: Path) -> None:
    from blogtool.build.reader import PARALLEL_READ
    src = tmp_path / "src"
    _big_site(src)
    one = build(src, tmp_path / "one", jobs=1, site_time=PINNED, use_cache=False)
    two = build(src, tmp_path / "two", jobs=2, site_time=PINNED, use_cache=False)
    assert one.documents == two.documents > PARALLEL_READ
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert [str(w) for w in one.warnings] == [str(w) for w in two.warnings]
    assert sum("invalid YAML" in str(w) for w in two.warnings) == 3


def test_first_error_in_file_order_whatever_the_readers(tmp_path: Path) -> None:
    import pytest

    from blogtool.errors import BuildError
    src = tmp_path / "src"
    _big_site(src)
    (src / "_config.yml").write_text((src / "_config.yml").read_text("utf-8")
                                     + "strict_front_matter: true\n", "utf-8")
    messages = []
    for jobs in (1, 2):
        with pytest.raises(BuildError) as err:
            build(src, tmp_path / f"out{jobs}", jobs=jobs, site_time=PINNED, use_cache=False)
        messages.append(str(err.value.problem))
    assert messages[0] == messages[1] and "invalid YAML" in messages[0]
    first_bad = sorted((src / "_posts").glob("*.md"))[3].name
    assert first_bad in messages[0]


_MADE_ON_FIRST_USE: list[int] = []


def _uses_a_lazy_table(shared: int, chunk: list[int]) -> tuple[int, int, tuple[int, ...]]:
    # what rendering makes on first use (a compiled lexer, a parsed include) stands in here
    if not _MADE_ON_FIRST_USE:
        _MADE_ON_FIRST_USE.append(os.getpid())
    return chunk[0] * shared, os.getpid(), tuple(_MADE_ON_FIRST_USE)


def test_workers_inherit_what_the_first_chunk_made() -> None:
    """The building process renders one chunk before forking: a worker does not make again
    what that chunk made on first use."""
    _MADE_ON_FIRST_USE.clear()
    got = pool.run_chunks(_uses_a_lazy_table, 2, [[i] for i in range(12)], 2)
    assert [v for v, _, _ in got] == [2 * i for i in range(12)]
    assert {made for _, _, made in got} == {(os.getpid(),)}
    assert any(pid != os.getpid() for _, pid, _ in got)


def test_chunks_shrink_where_the_processes_meet() -> None:
    """Every item once, in order; chunks shrink towards the point where the workers (from
    the front) meet this process (from the back), and none is under the minimum."""
    for n, jobs in ((5000, 2), (1000, 2), (5003, 3), (30, 2), (3, 2)):
        chunks = pool.split(list(range(n)), jobs)
        assert [i for c in chunks for i in c] == list(range(n))
        sizes = [len(c) for c in chunks]
        assert min(sizes) >= min(4, n)
        if n >= 1000:
            meet = next(i for i, c in enumerate(chunks) if n * (jobs - 1) // jobs in c)
            assert max(sizes[meet - 2:meet + 3]) <= 8 < min(sizes[0], sizes[-2])
            assert sizes[0] == max(sizes) == sizes[-2]
            # the chunk this process renders before forking: an eighth, the workers start soon
            assert sizes[-1] == max(4, sizes[0] // 8)


def test_a_cached_parallel_read_keeps_order_and_writes_the_memo_from_its_readers(
        tmp_path: Path, monkeypatch) -> None:
    """With the cache, the parsing processes pickle the read memo's shards themselves (posts
    go out shard by shard): warnings still come out in file order, the first error is still
    the first in file order, the memo holds what a one-process build keeps, and the next
    process parses nothing."""
    import pytest

    from blogtool.build import readmemo
    from blogtool.build.reader import PARALLEL_READ, posts
    from blogtool.build.site import BuildSession
    from blogtool.errors import BuildError
    src = tmp_path / "src"
    _big_site(src)
    old = PINNED.timestamp() - 3600
    for p in src.rglob("*"):
        os.utime(p, (old, old))
    one = build(src, tmp_path / "one", jobs=1, site_time=PINNED)
    memo_one = BuildSession(src).read_memo
    (src / ".blogtool-cache").rename(tmp_path / "cache-one")
    made: list[int] = []
    real = readmemo.pack_parts
    monkeypatch.setattr(posts, "pack_parts", lambda entries: made.append(len(entries))
                        or real(entries))
    two = build(src, tmp_path / "two", jobs=2, site_time=PINNED)
    assert one.documents == two.documents > PARALLEL_READ
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert [str(w) for w in one.warnings] == [str(w) for w in two.warnings]
    # clean reads only, pickled by both processes (this one's count is seen here)
    assert 0 < sum(made) < len(memo_one) == PARALLEL_READ + 40 - 3
    memo_two = BuildSession(src).read_memo
    assert memo_two.keys() == memo_one.keys()
    for rel, entry in memo_two.items():
        assert entry[0] == memo_one[rel][0] and entry[2] == memo_one[rel][2]
        assert entry[1].body == memo_one[rel][1].body and entry[1].url == memo_one[rel][1].url
    parsed: list[str] = []
    real_read = posts.read_post
    monkeypatch.setattr(posts, "read_post", lambda ctx, rel, *a: parsed.append(rel)
                        or real_read(ctx, rel, *a))
    again = build(src, tmp_path / "two", jobs=2, site_time=PINNED)
    assert [str(w) for w in again.warnings] == [str(w) for w in one.warnings]
    assert len(parsed) == 3       # the posts with warnings are never kept
    (src / "_config.yml").write_text((src / "_config.yml").read_text("utf-8")
                                     + "strict_front_matter: true\n", "utf-8")
    with pytest.raises(BuildError) as err:
        build(src, tmp_path / "three", jobs=2, site_time=PINNED)
    assert sorted((src / "_posts").glob("*.md"))[3].name in str(err.value.problem)
