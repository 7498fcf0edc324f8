"""Unit tests of ``blogtool.build.output``: the new site is staged beside the destination and swapped
in whole; unchanged files keep their mtime; ``keep_files`` survive; a crash half-way leaves the
old site whole; a destination that is (or contains) the source is refused."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from blogtool.build.output import STAGING_MARK, Staging, check_destination
from blogtool.errors import BuildError


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def beside(dest: Path) -> list[str]:
    return sorted(p.name for p in dest.parent.iterdir() if p.name != dest.name)


def build(dest: Path, files: dict[str, bytes], keep: tuple[str, ...] = ()) -> Staging:
    staging = Staging(dest)
    for rel, data in files.items():
        staging.write(rel, data)
    staging.keep(keep)
    staging.commit()
    return staging


def test_first_build_creates_destination(tmp_path):
    dest = tmp_path / "_site"
    build(dest, {"index.html": b"home", "a/b.html": b"b"})
    assert tree(dest) == {"index.html": b"home", "a/b.html": b"b"}
    assert beside(dest) == []


def test_swap_replaces_whole_site_and_removes_stale_files(tmp_path):
    dest = tmp_path / "_site"
    build(dest, {"index.html": b"v1", "old.html": b"stale"})
    build(dest, {"index.html": b"v2"})
    assert tree(dest) == {"index.html": b"v2"}
    assert beside(dest) == []


def test_unchanged_files_keep_their_mtime(tmp_path):
    dest = tmp_path / "_site"
    build(dest, {"same.html": b"same", "changed.html": b"v1"})
    old = 1_000_000_000_000_000_000
    os.utime(dest / "same.html", ns=(old, old))
    os.utime(dest / "changed.html", ns=(old, old))
    stats = build(dest, {"same.html": b"same", "changed.html": b"v2"}).stats
    assert (dest / "same.html").stat().st_mtime_ns == old
    assert (dest / "changed.html").stat().st_mtime_ns != old
    assert stats.unchanged == 1 and stats.written == 1


def test_static_copy_links_identical_previous_copy(tmp_path):
    src = tmp_path / "src.css"
    src.write_bytes(b"body{}")
    dest = tmp_path / "_site"
    s = Staging(dest)
    s.copy("assets/app.css", src)
    s.commit()
    first = (dest / "assets/app.css").stat().st_ino
    s = Staging(dest)
    s.copy("assets/app.css", src)
    s.commit()
    assert (dest / "assets/app.css").read_bytes() == b"body{}"
    assert (dest / "assets/app.css").stat().st_ino == first


def test_keep_files_survive_and_others_do_not(tmp_path):
    dest = tmp_path / "_site"
    build(dest, {"index.html": b"v1"})
    (dest / ".git").mkdir()
    (dest / ".git/HEAD").write_bytes(b"ref")
    (dest / "kept").mkdir()
    (dest / "kept/x.txt").write_bytes(b"x")
    (dest / "stale.txt").write_bytes(b"stale")
    build(dest, {"index.html": b"v2"}, keep=(".git", "kept"))
    assert tree(dest) == {"index.html": b"v2", ".git/HEAD": b"ref", "kept/x.txt": b"x"}


def test_a_new_output_beats_a_kept_file(tmp_path):
    dest = tmp_path / "_site"
    build(dest, {"kept/x.txt": b"old"})
    build(dest, {"kept/x.txt": b"new"}, keep=("kept",))
    assert tree(dest) == {"kept/x.txt": b"new"}


def test_crash_while_writing_leaves_old_site_whole(tmp_path):
    dest = tmp_path / "_site"
    build(dest, {"index.html": b"v1", "a.html": b"a1"})
    before = tree(dest)
    staging = Staging(dest)
    try:
        staging.write("index.html", b"v2")
        raise KeyboardInterrupt  # the process is interrupted half-way
    except KeyboardInterrupt:
        staging.abort()
    assert tree(dest) == before
    assert beside(dest) == []


def test_stale_staging_folder_of_a_killed_build_is_cleaned(tmp_path):
    dest = tmp_path / "_site"
    build(dest, {"index.html": b"v1"})
    dead = tmp_path / f"._site{STAGING_MARK}-999999"
    dead.mkdir()
    (dead / STAGING_MARK).touch()
    (dead / "half.html").write_bytes(b"half")
    build(dest, {"index.html": b"v2"})
    assert beside(dest) == []
    assert tree(dest) == {"index.html": b"v2"}


def test_staging_is_beside_destination_and_invisible_until_commit(tmp_path):
    dest = tmp_path / "_site"
    build(dest, {"index.html": b"v1"})
    staging = Staging(dest)
    staging.write("index.html", b"v2")
    assert staging.root.parent == dest.parent and staging.root.name.startswith(".")
    assert (dest / "index.html").read_bytes() == b"v1"
    staging.commit()
    assert (dest / "index.html").read_bytes() == b"v2"


@pytest.mark.parametrize("rel", ["../escape.html", "a/../../x", ""])
def test_output_paths_cannot_leave_the_destination(tmp_path, rel):
    staging = Staging(tmp_path / "_site")
    with pytest.raises(BuildError):
        staging.write(rel, b"x")
    staging.abort()
    assert not (tmp_path / "escape.html").exists()


def test_write_failure_is_a_located_error_and_old_site_survives(tmp_path):
    dest = tmp_path / "_site"
    build(dest, {"index.html": b"v1"})
    staging = Staging(dest)
    staging.write("a", b"a file")
    with pytest.raises(BuildError) as err:
        staging.write("a/b.html", b"needs a folder where a file is")
    staging.abort()
    assert "previous site is intact" in err.value.problem.message
    assert tree(dest) == {"index.html": b"v1"}
    assert beside(dest) == []


def test_destination_that_is_or_contains_the_source_is_refused(tmp_path):
    src = tmp_path / "site"
    src.mkdir()
    for dest in (src, tmp_path, Path("/")):
        with pytest.raises(BuildError):
            check_destination(src, dest)
    check_destination(src, src / "_site")        # inside the source is Jekyll's default
    check_destination(src, tmp_path / "out")
