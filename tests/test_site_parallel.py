"""The build's result does not depend on the number of worker processes."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

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
