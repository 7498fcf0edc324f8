"""The build's result does not depend on the number of worker processes."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks.gencorpus import write_site
from blogtool.site import build
from blogtool.work import PARALLEL_THRESHOLD

PINNED = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_jobs_1_and_2_give_identical_sites(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_site(src, posts=PARALLEL_THRESHOLD + 12, seed=3)
    one = build(src, tmp_path / "one", jobs=1, site_time=PINNED)
    two = build(src, tmp_path / "two", jobs=2, site_time=PINNED)
    assert one.documents == two.documents > PARALLEL_THRESHOLD
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert [str(w) for w in one.warnings] == [str(w) for w in two.warnings]


def test_rebuild_keeps_unchanged_files_and_their_mtime(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_site(src, posts=5, seed=4)
    dest = tmp_path / "site"
    first = build(src, dest, jobs=1, site_time=PINNED)
    post = sorted(dest.rglob("*.html"))[0]
    before = post.stat().st_mtime_ns
    second = build(src, dest, jobs=1, site_time=PINNED)
    assert second.written == 0 and second.unchanged == first.documents
    assert post.stat().st_mtime_ns == before
