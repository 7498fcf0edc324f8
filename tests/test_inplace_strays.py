"""A rebuild in place finds the files it did not make by listing only the folders that changed.

The whole destination is walked only when there is no record of its folders or a stray is
found; an edit build (a page rewritten, its folder's mtime moved) lists that folder alone.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from blogtool.build import inplace
from blogtool.build.site import BuildSession, build
from support.spies import spy

PINNED = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
POST = "---\nlayout: default\ntitle: {n}\n---\n正文 {n}\n"


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\n", "utf-8")
    (src / "_layouts").mkdir()
    (src / "_layouts/default.html").write_text("<title>{{ page.title }}</title>{{ content }}",
                                               "utf-8")
    for n in range(1, 7):
        (src / f"_posts/2024-0{n}-1{n}-p{n}.md").write_text(POST.format(n=n), "utf-8")
    return src


@pytest.fixture()
def walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders ``os.walk`` was started on in inplace.py."""
    return spy(monkeypatch, inplace.os, "walk", lambda top, *a, **k: str(top))


def _files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def _age(out: Path) -> None:
    old = PINNED.timestamp() - 600
    for folder in [out, *(p for p in out.rglob("*") if p.is_dir())]:
        os.utime(folder, (old, old))


def test_an_edit_lists_the_changed_folder_only(site: Path, tmp_path: Path,
                                               walks: list[str]) -> None:
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    build(site, out, site_time=PINNED, jobs=1)          # no record yet: walks, records
    assert str(out.resolve()) in walks
    made = _files(out)
    _age(out)
    post = site / "_posts/2024-03-13-p3.md"
    post.write_text(post.read_text("utf-8") + "改了\n", "utf-8")
    walks.clear()
    build(site, out, site_time=PINNED, jobs=1)
    assert str(out.resolve()) not in walks, walks
    assert _files(out) == made
    # the folder the edit rewrote is too recent to trust: a stray put there is still found
    (out / "2024/03/13/stray.html").write_text("not ours", "utf-8")
    build(site, out, site_time=PINNED, jobs=1)
    assert _files(out) == made


@pytest.mark.parametrize("stray", ["stray.html", "2024/05/15/x.txt", "new/deep/x.html",
                                   "2024/05/new.html"])
def test_a_stray_anywhere_is_removed(site: Path, tmp_path: Path, stray: str) -> None:
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    build(site, out, site_time=PINNED, jobs=1)
    made = _files(out)
    _age(out)
    build(site, out, site_time=PINNED, jobs=1)          # records trusted mtimes
    (out / stray).parent.mkdir(parents=True, exist_ok=True)
    (out / stray).write_text("not ours", "utf-8")
    build(site, out, site_time=PINNED, jobs=1)
    assert _files(out) == made


def test_the_page_of_a_deleted_post_is_removed_without_a_walk(
        site: Path, tmp_path: Path, walks: list[str]) -> None:
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    build(site, out, site_time=PINNED, jobs=1)
    _age(out)
    build(site, out, site_time=PINNED, jobs=1)
    (site / "_posts/2024-02-12-p2.md").unlink()
    walks.clear()
    build(site, out, site_time=PINNED, jobs=1)
    assert str(out.resolve()) not in walks
    assert not (out / "2024/02/12").exists()        # the page, and its emptied folders
    assert (out / "2024/04/14/p4.html").exists()
    build(site, tmp_path / "full", site_time=PINNED, jobs=1, use_cache=False)
    assert _files(out) == _files(tmp_path / "full")


def test_a_new_post_in_a_new_folder_is_recorded(site: Path, tmp_path: Path) -> None:
    """The folders an edit build creates are in the record: a stray dropped into one later
    is found."""
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    build(site, out, site_time=PINNED, jobs=1)
    _age(out)
    (site / "_posts/2025-01-02-new.md").write_text(POST.format(n="new"), "utf-8")
    build(site, out, site_time=PINNED, jobs=1)
    made = _files(out)
    assert "2025/01/02/new.html" in made
    _age(out)
    build(site, out, site_time=PINNED, jobs=1)
    (out / "2025/01/02/stray.html").write_text("not ours", "utf-8")
    build(site, out, site_time=PINNED, jobs=1)
    assert _files(out) == made


def test_the_recorded_folder_times_are_the_folders_times_after_an_edit(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folders an edit build's renames went into are stat-ed again after them; the
    others keep the time found before the renames, which is theirs: the record equals the
    destination. A stray dropped into an untouched folder while the renames run (after that
    first look) is found by the next build."""
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    build(site, out, site_time=PINNED, jobs=1)
    _age(out)
    build(site, out, site_time=PINNED, jobs=1)
    made = _files(out)
    post = site / "_posts/2024-03-13-p3.md"
    post.write_text(post.read_text("utf-8") + "改了\n", "utf-8")
    first_look = inplace.Patch._changed_folders
    dropped: list[str] = []

    def look_then_drop(self: inplace.Patch) -> list[str] | None:
        found = first_look(self)
        (out / "2024/05/15/stray.html").write_text("not ours", "utf-8")
        dropped.append("2024/05/15/stray.html")
        return found
    monkeypatch.setattr(inplace.Patch, "_changed_folders", look_then_drop)
    session = BuildSession(site)
    build(site, out, site_time=PINNED, jobs=1, session=session)
    monkeypatch.setattr(inplace.Patch, "_changed_folders", first_look)
    assert dropped
    mtimes = session.folders[str(out.resolve())]["mtimes"]
    for rel in ("", "2024", "2024/03/13", "2024/04/14"):
        assert mtimes[rel] == os.stat(out / rel).st_mtime_ns, rel
    assert mtimes["2024/05/15"] != os.stat(out / "2024/05/15").st_mtime_ns
    build(site, out, site_time=PINNED, jobs=1)
    assert _files(out) == made
