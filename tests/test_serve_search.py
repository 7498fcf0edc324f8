"""serve's search index: a site patched in place goes live first, then Pagefind indexes it
and the new bundle replaces the old one (search/refresh.py). The index then finds the saved
text, equals a full build's, and a failed build, a failed indexer or a cancelled run leave
the old index as it was."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from blogtool.build.site import BuildSession, build
from blogtool.commands.serve.loop import BuildLoop, BuildState, SiteBuilder
from blogtool.errors import BuildError
from blogtool.search import refresh
from support.pagefind import fragments

POST = "---\ntitle: Notes {n}\n---\nThe word to look for is {word}.\n"
NOTES = "_posts/2020-02-01-notes.md"
PAGE = "2020/02/01/notes.html"


def _site(root: Path) -> Path:
    (root / "_posts").mkdir(parents=True)
    # a fixed site.time: the feed of every build, serve's or a full one, says the same
    (root / "_config.yml").write_text("title: t\nlang: en\ntime: 2024-01-02 03:04:05 +0000\n",
                                      "utf-8")
    (root / "_posts/2020-01-01-first.md").write_text(POST.format(n=1, word="aardvark"))
    (root / NOTES).write_text(POST.format(n=2, word="wombat"))
    return root


def _bundle(dest: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(dest)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted((dest / "pagefind").rglob("*")) if p.is_file()}


def _tree(dest: Path) -> dict[str, bytes]:
    return {str(p.relative_to(dest)): p.read_bytes() for p in sorted(dest.rglob("*"))
            if p.is_file()}


@pytest.fixture
def served(tmp_path: Path):
    src = _site(tmp_path / "src")
    dest = tmp_path / "out"
    builder = SiteBuilder(src, dest, overrides={"url": "http://127.0.0.1:4000"}, jobs=1)
    state = BuildState()
    loop = BuildLoop(builder, state, quick=builder.quick, followup=builder.followup)
    loop.request()
    loop.run_pending()                 # the first build swaps the site in, index included
    loop.finish_followup()
    assert "wombat" in fragments(dest)["/" + PAGE]
    yield src, dest, loop, state
    loop.stop()


def test_the_saved_text_is_found_after_the_index_caught_up(served, tmp_path: Path):
    src, dest, loop, state = served
    (src / NOTES).write_text(POST.format(n=2, word="quokka"))
    loop.request([NOTES])
    loop.run_pending()
    pages = state.snapshot()
    assert pages.building                                   # the index is still to come
    assert b"quokka" in (dest / PAGE).read_bytes()          # the page is live
    assert "wombat" in fragments(dest)["/" + PAGE]         # the old index, whole
    assert loop.finish_followup()
    done = state.snapshot()
    assert not done.building and done.error is None
    assert "quokka" in fragments(dest)["/" + PAGE]
    changed = state.changed_since(pages.epoch) or []
    assert "pagefind/pagefind-entry.json" in changed
    assert all(path.startswith("pagefind/") for path in changed)
    assert not [p for p in dest.iterdir() if p.name.startswith(".pagefind")]
    # the same site, bundle included, as a full build makes it
    cold = tmp_path / "cold"
    build(src, cold, use_cache=False, jobs=1, overrides={"url": "http://127.0.0.1:4000"})
    assert _tree(dest) == _tree(cold)
    # and a later CLI build of the same source finds the index current
    session = BuildSession(src)
    again = build(src, dest, jobs=1, session=session,
                  overrides={"url": "http://127.0.0.1:4000"})
    assert again.changed_files == []


def test_a_failed_build_leaves_the_old_index(served):
    src, dest, loop, state = served
    before = _bundle(dest)
    (src / NOTES).write_text("---\ntitle: Notes\n---\n{% if %}quokka\n")
    loop.request([NOTES])
    loop.run_pending()
    assert state.snapshot().error is not None
    assert loop.finish_followup() is False                 # nothing to index
    assert _bundle(dest) == before


def test_a_failed_indexer_leaves_the_old_index(served, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch):
    src, dest, loop, state = served
    before = _bundle(dest)
    fake = tmp_path / "pagefind-fails"
    fake.write_text("#!/bin/sh\necho 'Error: out of words' >&2\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(refresh, "executable", lambda: str(fake))
    (src / NOTES).write_text(POST.format(n=2, word="quokka"))
    loop.request([NOTES])
    loop.run_pending()
    assert b"quokka" in (dest / PAGE).read_bytes()
    loop.finish_followup()
    error = state.snapshot().error
    assert error == ("pagefind: the search index failed: Error: out of words; the pages are "
                     "up to date, the index is not")
    assert _bundle(dest) == before
    assert not [p for p in dest.iterdir() if p.name.startswith(".pagefind")]
    # the next save indexes again, with a working indexer
    monkeypatch.undo()
    (src / NOTES).write_text(POST.format(n=2, word="numbat"))
    loop.request([NOTES])
    loop.run_pending()
    loop.finish_followup()
    assert state.snapshot().error is None
    assert "numbat" in fragments(dest)["/" + PAGE]


def test_a_cancelled_run_leaves_the_old_index(served):
    src, dest, loop, state = served
    before = _bundle(dest)
    (src / NOTES).write_text(POST.format(n=2, word="quokka"))
    session = loop._build._session          # the SiteBuilder's session
    result = build(src, dest, jobs=1, session=session,
                   overrides={"url": "http://127.0.0.1:4000"})
    assert result.changed_files
    job = session.pending_index
    assert job is not None
    job.start(lambda: None)
    job.cancel()
    assert _bundle(dest) == before
    assert not [p for p in dest.iterdir() if p.name.startswith(".pagefind")]


def test_the_entry_file_switches_to_the_new_index_after_its_files(served,
                                                                  monkeypatch:
                                                                  pytest.MonkeyPatch):
    src, dest, loop, state = served
    old = set(_bundle(dest))
    moved: list[str] = []
    removed: list[str] = []
    real_replace, real_unlink = os.replace, Path.unlink

    def replace(a, b):
        moved.append(Path(b).relative_to(dest).as_posix())
        real_replace(a, b)

    def unlink(self, missing_ok=False):
        if dest / "pagefind" in self.parents:
            assert "pagefind/pagefind-entry.json" in moved     # only after the switch
            removed.append(self.relative_to(dest).as_posix())
        real_unlink(self, missing_ok)

    (src / NOTES).write_text(POST.format(n=2, word="quokka"))
    loop.request([NOTES])
    loop.run_pending()
    monkeypatch.setattr(refresh.os, "replace", replace)
    monkeypatch.setattr(Path, "unlink", unlink)
    loop.finish_followup()
    monkeypatch.undo()
    bundle = [m for m in moved if m.startswith("pagefind/")]
    assert bundle[-2:] == ["pagefind/pagefind-entry.json", "pagefind/blogtool-index.txt"]
    assert any(m.startswith("pagefind/fragment/") for m in bundle)
    assert removed and set(removed) <= old                  # the old fragment, meta, index
    assert "quokka" in fragments(dest)["/" + PAGE]


def test_swap_into_a_site_without_a_bundle(tmp_path: Path):
    new, bundle = tmp_path / "new", tmp_path / "site" / "pagefind"
    (new / "fragment").mkdir(parents=True)
    (new / "fragment" / "en_1.pf_fragment").write_bytes(b"f")
    (new / "pagefind-entry.json").write_text("{}")
    assert refresh.swap(new, bundle) == ["pagefind/fragment/en_1.pf_fragment",
                                         "pagefind/pagefind-entry.json"]
    assert (bundle / "pagefind-entry.json").read_text() == "{}"


def test_the_cli_build_still_indexes_inside_the_build(tmp_path: Path):
    src = _site(tmp_path / "src")
    dest = tmp_path / "out"
    build(src, dest, jobs=1)
    (src / NOTES).write_text(POST.format(n=2, word="quokka"))
    session = BuildSession(src)
    build(src, dest, jobs=1, session=session)
    assert session.pending_index is None
    assert "quokka" in fragments(dest)["/" + PAGE]
    with pytest.raises(BuildError):
        (src / "pagefind").mkdir()
        (src / "pagefind" / "own.txt").write_text("mine")
        build(src, dest, jobs=1, session=BuildSession(src))
