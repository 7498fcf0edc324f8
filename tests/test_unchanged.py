"""A build in which nothing changed is answered from the last build's record, touching nothing;
any change to what the record covers gives exactly the full build."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogtool.build import cache, cachedir, inputs, timeslots, unchanged
from blogtool.build import tree as tree_mod
from blogtool.build.quick import quick_render
from blogtool.build.site import BuildSession, build
from blogtool.errors import BuildError
from tests.support.spies import spy
from tests.test_gem_themes import SITE_FILES, THEME_FILES, fake_gem, isolated  # noqa: F401
from tests.test_gem_themes import write as write_files
from tests.test_incremental import PINNED, post, site, tree  # noqa: F401  (site: a fixture)

OLD = time.time() - 3600         # sources older than the racy window
_ticks = count()
HEAVY = ("yaml", "liquid", "markdown_it", "mdit_py_plugins", "pygments", "jinja2", "pagefind")


def age(root: Path, *rels: str) -> None:
    """Give files (all of the source when none is named) a distinct time an hour ago."""
    paths = [root / r for r in rels] if rels else [p for p in root.rglob("*") if p.is_file()]
    for p in paths:
        t = OLD + next(_ticks)
        os.utime(p, (t, t))


def fast(src: Path, dest: Path, **kwargs) -> bool:
    return unchanged.check(src, dest, site_time=kwargs.pop("site_time", PINNED),
                           **kwargs).result is not None


def full(src: Path, tmp: Path, name: str, **kwargs) -> dict[str, bytes]:
    build(src, tmp / f"cold-{name}", site_time=kwargs.pop("site_time", PINNED), jobs=1,
          use_cache=False, **kwargs)
    return tree(tmp / f"cold-{name}")


def settle(src: Path, dest: Path, **kwargs) -> None:
    """A build that leaves a record, and the check that it is used."""
    age(src)
    options = {"site_time": PINNED, **kwargs}
    build(src, dest, jobs=1, **options)
    assert fast(src, dest, **options)


def write(src: Path, rel: str, text: str) -> None:
    (src / rel).parent.mkdir(parents=True, exist_ok=True)
    (src / rel).write_text(text, "utf-8")
    age(src, rel)


EDITS = {
    "body": lambda s: write(s, "_posts/2014-10-13-p3.md", post("第3篇", "flume", "改过\n\n二段")),
    "front_matter": lambda s: write(s, "_posts/2014-10-14-p4.md",
                                    post("新标题", "hdfs", "正文 4\n\n第二段 4")),
    "config": lambda s: write(s, "_config.yml", "title: 新站点\ntimezone: Asia/Shanghai\n"),
    "data": lambda s: write(s, "_data/authors.yml", "main: 李四\n"),
    "include": lambda s: write(s, "_includes/nav.html", "<nav>主页</nav>"),
    "layout": lambda s: write(s, "_layouts/default.html",
                              (s / "_layouts/default.html").read_text("utf-8") + "<!-- -->"),
    "static": lambda s: write(s, "assets/a.txt", "new static file"),
    "new_post": lambda s: write(s, "_posts/2014-10-20-p9.md", post("第9篇", "zk", "新的")),
    "removed": lambda s: (s / "_posts/2014-10-12-p2.md").unlink(),
    "renamed": lambda s: (s / "_posts/2014-10-11-p1.md").rename(s / "_posts/2014-10-11-q1.md"),
    "same_size": lambda s: write(s, "_includes/nav.html", "<nav>主頁</nav>"),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_an_edit_after_a_no_op_gives_the_full_build(site: Path, tmp_path: Path,
                                                    name: str) -> None:
    dest = tmp_path / "out"
    write(site, "assets/keep.txt", "static")
    settle(site, dest)
    before = tree(dest)
    again = build(site, dest, site_time=PINNED, jobs=1)
    assert again.written == 0 and again.unchanged == again.documents and tree(dest) == before
    EDITS[name](site)
    assert not fast(site, dest)
    build(site, dest, site_time=PINNED, jobs=1)
    assert tree(dest) == full(site, tmp_path, name)
    assert fast(site, dest)      # and the build that followed left its own record


def _deep(dest: Path) -> Path:
    """A file the build wrote two folders or more below the destination."""
    return dest / min(rel for rel in tree(dest) if rel.count("/") >= 2)


def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The folder check forks for any number of folders; the children's pids, as forked."""
    monkeypatch.setattr(tree_mod, "FORK_FROM", 0)
    pids: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            pids.append(pid)
        return pid
    monkeypatch.setattr(tree_mod.os, "fork", fork)
    return pids


def reaped(pids: list[int]) -> bool:
    """Whether every child in ``pids`` has been waited for (none is left a zombie)."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


@pytest.mark.parametrize("name", ["replaced", "deleted", "stray", "stray_folder", "deep_replaced",
                                  "deep_deleted", "deep_renamed", "deep_stray"])
@pytest.mark.parametrize("fork", [False, True])
def test_a_touched_destination_is_restored_by_the_full_build(
        site: Path, tmp_path: Path, name: str, fork: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The check stats every folder of the destination (in a forked child, for the command
    line): a file or folder added, removed, renamed or replaced (written beside and renamed
    over, as editors and rsync save) shows in its folder's mtime."""
    dest = tmp_path / "out"
    settle(site, dest)
    pids = forked(monkeypatch) if fork else []
    assert fast(site, dest, fork=fork)
    page = dest / "index.html"
    deep = _deep(dest)
    if name in ("replaced", "deep_replaced"):
        target = page if name == "replaced" else deep
        target.with_name("saved.tmp").write_text("edited by hand", "utf-8")
        target.with_name("saved.tmp").replace(target)
    elif name == "deleted":
        page.unlink()
    elif name == "deep_stray":
        deep.with_name("stray.html.gz").write_bytes(b"x")
    elif name == "deep_deleted":
        deep.unlink()
    elif name == "deep_renamed":
        deep.rename(deep.with_name("moved.html"))
    elif name == "stray":
        (dest / "stray.html").write_text("x", "utf-8")
    else:
        (dest / "stray").mkdir()
        (dest / "stray/x.html").write_text("x", "utf-8")
    assert not fast(site, dest, fork=fork)
    assert len(pids) == (2 if fork else 0) and reaped(pids)
    build(site, dest, site_time=PINNED, jobs=1)
    assert tree(dest) == full(site, tmp_path, name)
    assert not (dest / "stray.html").exists() and not (dest / "stray/x.html").exists()
    assert not deep.with_name("stray.html.gz").exists()


def test_the_clock_counts_only_in_the_fields_pages_showed(site: Path, tmp_path: Path) -> None:
    dest = tmp_path / "out"
    settle(site, dest)        # the footer shows the year, in Asia/Shanghai
    assert fast(site, dest, site_time=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    new_year_there = dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC)    # 00:00 on Jan 1
    assert fast(site, dest, site_time=new_year_there - dt.timedelta(seconds=1))
    assert not fast(site, dest, site_time=new_year_there)
    build(site, dest, site_time=new_year_there, jobs=1)
    assert tree(dest) == full(site, tmp_path, "year", site_time=new_year_there)


def test_a_page_showing_the_whole_time_is_always_built(site: Path, tmp_path: Path) -> None:
    write(site, "now.html", '---\n---\n{{ site.time | date: "%j" }}')   # not a format kept
    dest = tmp_path / "out"
    age(site)
    build(site, dest, site_time=PINNED, jobs=1)
    assert not fast(site, dest)
    assert not os.path.exists(unchanged.record_path(str(site)))


def test_a_configured_time_fixes_the_clock(site: Path, tmp_path: Path) -> None:
    write(site, "_config.yml", "title: t\ntimezone: Asia/Shanghai\ntime: 2020-05-01 10:00:00\n")
    write(site, "now.html", "---\n---\n{{ site.time }}")
    dest = tmp_path / "out"
    settle(site, dest)
    assert fast(site, dest, site_time=dt.datetime(2031, 1, 1, tzinfo=dt.UTC))


def test_a_source_changed_just_before_the_build_is_not_trusted(site: Path,
                                                                tmp_path: Path) -> None:
    dest = tmp_path / "out"
    settle(site, dest)
    (site / "_includes/nav.html").write_text("<nav>刚改</nav>", "utf-8")   # now: racy
    build(site, dest, site_time=PINNED, jobs=1)
    assert not fast(site, dest)


def test_arguments_and_environment_are_part_of_the_record(site: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "out"
    settle(site, dest)
    assert not fast(site, tmp_path / "elsewhere")
    assert not fast(site, dest, overrides={"show_drafts": True})
    assert not fast(site, dest, environment="production")
    monkeypatch.setenv("JEKYLL_ENV", "production")
    assert not fast(site, dest)
    monkeypatch.delenv("JEKYLL_ENV")
    monkeypatch.setenv("TZ", "America/New_York")
    assert not fast(site, dest)
    monkeypatch.delenv("TZ")
    assert fast(site, dest)


def test_warnings_are_replayed_and_strict_builds_stop_on_them(site: Path,
                                                              tmp_path: Path) -> None:
    write(site, "a.md", "---\npermalink: /same.html\n---\na")
    write(site, "b.md", "---\npermalink: /same.html\n---\nb")
    dest = tmp_path / "out"
    settle(site, dest)
    first = build(site, dest, site_time=PINNED, jobs=1, use_cache=False)
    replay = build(site, dest, site_time=PINNED, jobs=1)
    assert replay.warnings == first.warnings and replay.warnings
    assert replay.notes == first.notes and replay.static == first.static
    assert replay.documents == first.documents and replay.outputs == first.outputs
    assert not fast(site, dest, strict=True)
    with pytest.raises(BuildError):
        build(site, dest, site_time=PINNED, jobs=1, strict=True)


def test_plugins_reading_from_elsewhere_are_never_skipped(site: Path, tmp_path: Path) -> None:
    write(site, "_config.yml", "title: t\nplugins: [jekyll-last-modified-at]\n")
    dest = tmp_path / "out"
    age(site)
    build(site, dest, site_time=PINNED, jobs=1)
    assert not fast(site, dest)


@pytest.mark.parametrize("text", ["{not json", json.dumps({"format": 99}), "[]"])
def test_a_corrupt_or_foreign_record_is_no_record(site: Path, tmp_path: Path,
                                                  text: str) -> None:
    dest = tmp_path / "out"
    settle(site, dest)
    Path(unchanged.record_path(str(site))).write_text(text, "utf-8")
    assert not fast(site, dest)
    build(site, dest, site_time=PINNED, jobs=1)
    assert tree(dest) == full(site, tmp_path, "corrupt")


def test_excluded_folders_are_not_listed(site: Path, tmp_path: Path) -> None:
    write(site, "_config.yml", "title: t\nexclude: [node_modules]\n")
    write(site, "node_modules/pkg/index.js", "x")
    dest = tmp_path / "out"
    settle(site, dest)
    write(site, "node_modules/pkg/other.js", "y")
    assert fast(site, dest)
    write(site, "included/page.md", "---\n---\nnew")
    assert not fast(site, dest)


def test_another_builds_site_in_an_underscore_folder_is_not_listed(site: Path,
                                                                   tmp_path: Path) -> None:
    """The site ``serve`` writes into ``_site`` is nothing a ``build -d`` elsewhere of the same
    source reads: its changes do not call for a build; once it is included, it is listed
    again (the first build after that change leaves no record: its listing left it out)."""
    age(site)
    build(site, site / "_site", site_time=PINNED, jobs=1)
    docs = tmp_path / "docs"
    settle(site, docs)
    write(site, "_site/index.html", "changed by serve")
    write(site, "_site/new/page.html", "new")
    assert fast(site, docs)
    write(site, "_layouts/default.html",
          (site / "_layouts/default.html").read_text("utf-8") + "<!-- -->")
    assert not fast(site, docs)
    build(site, docs, site_time=PINNED, jobs=1)
    assert tree(docs) == full(site, tmp_path, "after")

    write(site, "_config.yml", "title: t\ninclude: [_site]\n")
    build(site, docs, site_time=PINNED, jobs=1)
    assert not fast(site, docs)
    settle(site, docs)
    write(site, "_site/more.html", "---\n---\nmore")
    assert not fast(site, docs)
    build(site, docs, site_time=PINNED, jobs=1)
    assert tree(docs) == full(site, tmp_path, "included")


@pytest.mark.parametrize("config", [
    "include: [_site/x]", "collections: {site: {output: true}}", "layouts_dir: _site",
    "includes_dir: _site/inc", "data_dir: _site", "sass: {sass_dir: _site}",
    "sass: {load_paths: [_site/css]}", "sass: {load_paths: _site/css}",
    "collections_dir: _site"])
def test_a_site_folder_the_build_reads_stays_listed(tmp_path: Path, config: str) -> None:
    from blogtool.build.site import plan
    src = tmp_path / "src"
    (src / "_site").mkdir(parents=True)
    (src / "_config.yml").write_text(config + "\n", "utf-8")
    conf, settings = plan(src, tmp_path / "docs")
    pruned = unchanged._prune(str(src), str(tmp_path / "docs"), settings, conf,
                              [str(src / "_site"), str(src / "_other")])
    assert "_site" not in pruned
    (src / "_config.yml").write_text("title: t\n", "utf-8")
    conf, settings = plan(src, tmp_path / "docs")
    assert "_site" in unchanged._prune(str(src), str(tmp_path / "docs"), settings, conf,
                                       [str(src / "_site")])


def _cli(src: Path, *args: str, importtime: bool = False) -> subprocess.CompletedProcess:
    code = "import sys; sys.argv[0] = 'blogtool'; from blogtool.cli import main; main()"
    return subprocess.run([sys.executable, *(["-X", "importtime"] if importtime else []),
                           "-c", code, "build", "-s", str(src), *args],
                          capture_output=True, text=True, timeout=120, check=True)


def _no_time(text: str) -> str:
    return "\n".join(line.split(" in ")[0] for line in text.splitlines())


@pytest.mark.subprocesses
def test_the_cli_answers_without_the_pipeline_and_prints_what_a_full_build_prints(
        site: Path, tmp_path: Path) -> None:
    write(site, "a.md", "---\npermalink: /same.html\n---\na")
    write(site, "b.md", "---\npermalink: /same.html\n---\nb")
    age(site)
    _cli(site)
    for flags in ((), ("-q",), ("-V",)):
        quick = _cli(site, *flags, importtime=True)
        loaded = {line.split("|")[-1].strip() for line in quick.stderr.splitlines()
                  if line.startswith("import time:")}
        assert "blogtool.build.unchanged" in loaded
        assert not [m for m in loaded if m.split(".")[0] in HEAVY], flags
        os.remove(unchanged.record_path(str(site.resolve())))
        slow = _cli(site, *flags)        # the full build (nothing to render), record again
        assert _no_time(quick.stdout) == _no_time(slow.stdout)
        assert [line for line in quick.stderr.splitlines()
                if not line.startswith("import time:")] == slow.stderr.splitlines()


@pytest.mark.subprocesses
def test_the_check_imports_nothing_heavy(site: Path, tmp_path: Path) -> None:
    write(site, "atom.xml", ATOM)     # filled in from its template, a second later
    age(site)
    build(site, jobs=1)       # the real clock, as the check below sees it
    time.sleep(1.1)
    code = ("import sys; from blogtool.build import unchanged; "
            f"assert unchanged.check({str(site)!r}).result.written == 1; "
            "print(' '.join(sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    loaded = run.stdout.split()
    assert "blogtool.filters.dates" in loaded       # the template was filled
    assert not [m for m in loaded if m.split(".")[0] in (*HEAVY, "click")]


def test_version_does_not_load_click() -> None:
    code = ("import sys; sys.argv = ['blogtool', '--version']; from blogtool.cli import main; "
            "main(); print(' '.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.startswith("blogtool, version ")
    assert "click" not in out.split()


def test_a_gem_themes_files_and_a_new_version_of_it_are_part_of_the_record(
        isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gem_home = isolated / "gemhome"
    theme = fake_gem(gem_home, "fancy-theme", "1.0.0", THEME_FILES)
    monkeypatch.setenv("GEM_HOME", str(gem_home))
    src = write_files(isolated / "site", {**SITE_FILES, "_config.yml": SITE_FILES["_config.yml"]
                                          + "theme: fancy-theme\n"})
    dest = isolated / "out"
    age(theme)
    settle(src, dest)
    write(theme, "_includes/extra.html", "<aside>new extra</aside>")
    assert not fast(src, dest)
    build(src, dest, site_time=PINNED, jobs=1)
    assert tree(dest) == full(src, isolated, "theme-file")
    assert "new extra" in (dest / "index.html").read_text("utf-8")
    settle(src, dest)
    age(fake_gem(gem_home, "fancy-theme", "1.1.0", {**THEME_FILES,
                                                    "_includes/extra.html": "<aside>v1.1</aside>"}))
    assert not fast(src, dest)
    build(src, dest, site_time=PINNED, jobs=1)
    assert tree(dest) == full(src, isolated, "theme-version")
    assert "v1.1" in (dest / "index.html").read_text("utf-8")
    settle(src, dest)
    spec = gem_home / "specifications/fancy-theme-1.1.0.gemspec"
    spec.write_text(spec.read_text("utf-8").replace(
        "end\n", "  s.add_runtime_dependency(%q<jekyll-sitemap>.freeze, [\"~> 1.0\"])\nend\n"))
    age(gem_home, "specifications/fancy-theme-1.1.0.gemspec")
    assert not fast(src, dest)
    build(src, dest, site_time=PINNED, jobs=1)
    assert tree(dest) == full(src, isolated, "theme-spec")
    assert (dest / "sitemap.xml").is_file()


@pytest.mark.parametrize("kind", ["file", "folder", "deep"])
def test_an_entry_added_within_the_destinations_timestamp_is_found(
        site: Path, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "out"
    monkeypatch.setattr(unchanged, "TICK_NS", unchanged.RACY_NS)     # a coarse file system
    settle(site, dest)        # the record is as recent as the destination's folders
    folder = _deep(dest).parent if kind == "deep" else dest
    st = os.stat(folder)
    if kind == "folder":
        (dest / "stray").mkdir()
        (dest / "stray/x.html").write_text("x", "utf-8")
    else:
        (folder / "stray.html").write_text("x", "utf-8")
    os.utime(folder, ns=(st.st_atime_ns, st.st_mtime_ns))    # as if in the same tick
    assert not fast(site, dest)
    build(site, dest, site_time=PINNED, jobs=1)
    assert tree(dest) == full(site, tmp_path, "same-tick")
    assert not (folder / "stray.html").exists() and not (dest / "stray/x.html").exists()


def test_the_forked_check_is_stopped_when_the_source_changed(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "out"
    settle(site, dest)
    pids = forked(monkeypatch)
    EDITS["body"](site)
    assert not fast(site, dest, fork=True)
    assert len(pids) == 1 and reaped(pids)


def test_the_check_does_not_fork_beside_threads(site: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A process with threads (a server, a watcher) checks its folders itself."""
    import threading
    dest = tmp_path / "out"
    settle(site, dest)
    pids = forked(monkeypatch)
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert fast(site, dest, fork=True)
    finally:
        stop.set()
        waiting.join()
    assert not pids
    assert fast(site, dest, fork=True) and len(pids) == 1 and reaped(pids)


def test_a_file_written_over_in_place_waits_for_the_next_build(site: Path,
                                                               tmp_path: Path) -> None:
    """What the check does not look for: a file of the destination that another program
    writes over in place (its folder keeps its mtime; blogtool's own writers replace files by
    renaming, or remove the record first). The next build that runs writes it again."""
    dest = tmp_path / "out"
    settle(site, dest)
    page = _deep(dest)
    page.write_text("edited by hand", "utf-8")
    assert fast(site, dest)
    EDITS["body"](site)
    build(site, dest, site_time=PINNED, jobs=1)
    assert tree(dest) == full(site, tmp_path, "in-place")


def test_recent_folders_are_read_then_only_stated_once_they_are_old(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Folders changed less than the file system's timestamp step before the record are read
    (their names compared); once more than a few were, the record is saved again and later
    checks only stat them."""
    dest = tmp_path / "out"
    settle(site, dest)
    path = Path(unchanged.record_path(str(site)))
    record = json.loads(path.read_text("utf-8"))
    assert record["racy"] == unchanged.TICK_NS          # a file system keeping nanoseconds
    record["racy"] = 10**18                                 # every folder is recent
    path.write_text(json.dumps(record), "utf-8")
    monkeypatch.setattr(unchanged, "_REREAD", 0)
    time.sleep(2 * unchanged.TICK_NS / 1e9)               # older than the step from now on
    scanned: list[str] = spy(monkeypatch, tree_mod.os, "scandir", str)
    assert fast(site, dest) and scanned
    record = json.loads(path.read_text("utf-8"))
    assert record["racy"] == 10**18 and record["written"] > 10**18    # saved again, now
    record["racy"] = unchanged.TICK_NS
    path.write_text(json.dumps(record), "utf-8")
    scanned.clear()
    assert fast(site, dest) and not scanned


def test_the_cache_folder_is_the_caches() -> None:
    assert (unchanged.CACHE_DIR, unchanged.CACHE_FORMAT) == (cache.CACHE_DIR, cache.FORMAT)
    assert unchanged.FROM_ELSEWHERE == inputs.FROM_ELSEWHERE
    assert unchanged.RACY_NS == cachedir.RACY_SECONDS * 10**9


def test_a_listing_from_the_previous_one_reads_only_changed_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "t"
    for rel in ("a/1.html", "a/2.html", "b/c/3.html", "d/4.html", "5.html"):
        write(root, rel, rel)
    for folder in ("a", "b", "b/c", "d", ""):
        os.utime(root / folder, (OLD, OLD))
    before = tree_mod.listing(str(root), folder_times=True)
    write(root, "a/new.html", "new")            # a's mtime changes
    (root / "b/c/3.html").write_text("longer text", "utf-8")   # c's does not
    (root / "d/4.html").unlink()
    (root / "d").rmdir()                         # the root's changes
    read: list[str] = []
    scandir = os.scandir

    def counted(path: str) -> Any:
        read.append(path)
        return scandir(path)

    monkeypatch.setattr(tree_mod.os, "scandir", counted)
    looked = spy(monkeypatch, tree_mod.os, "lstat", lambda path: os.path.relpath(path, root))
    again = tree_mod.listing(str(root), folder_times=True, previous=before,
                             racy_from=time.time_ns() + 10**12)
    assert sorted(read) == [str(root), str(root / "a")]
    assert sorted(looked) == ["b/c"]       # a folder of an unchanged one; no file
    read.clear()
    now = tree_mod.listing(str(root), folder_times=True)
    # a file written over in place keeps the stamps listed then: its folder did not change,
    # and a destination's check looks at its folders alone
    at = now.index("b/c/3.html")
    assert again[at + 1:at + 3] == before[before.index("b/c/3.html") + 1:][:2] != now[at + 1:at + 3]
    assert again[:at + 1] + again[at + 3:] == now[:at + 1] + now[at + 3:]


def test_a_page_written_by_serves_fast_path_is_not_taken_for_the_last_build(
        site: Path, tmp_path: Path) -> None:
    dest = tmp_path / "out"
    settle(site, dest)
    session = BuildSession(site)
    build(site, dest, site_time=PINNED, jobs=1, session=session)     # serve's first build
    assert not os.path.exists(unchanged.record_path(str(site)))     # leaves no record
    settle(site, dest)
    rel = "_posts/2014-10-13-p3.md"
    path = site / rel
    text, st = path.read_text("utf-8"), path.stat()
    path.write_text(text.replace("正文 3", "改过 3"), "utf-8")
    assert quick_render(session, {rel})
    path.write_text(text, "utf-8")                                  # the source as recorded
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert not fast(site, dest)
    build(site, dest, site_time=PINNED, jobs=1)
    assert tree(dest) == full(site, tmp_path, "quick")


@pytest.mark.parametrize("how", ["serve", "no-cache"])
def test_a_build_that_leaves_no_record_removes_the_last_one(site: Path, tmp_path: Path,
                                                            how: str) -> None:
    """``serve`` (drafts shown, its own url) and a ``--no-cache`` build with other flags
    write the destination without a record: the next build is the production site."""
    dest = tmp_path / "out"
    write(site, "_drafts/a-draft.md", post("草稿", "zk", "草稿正文").replace(
        "---\n", "---\ndate: 2014-10-15\n", 1))
    settle(site, dest)
    overrides = {"show_drafts": True, "url": "http://localhost:4000"}
    if how == "serve":
        build(site, dest, site_time=PINNED, jobs=1, session=BuildSession(site),
              overrides=overrides)
    else:
        build(site, dest, site_time=PINNED, jobs=1, use_cache=False, overrides=overrides)
    assert any("草稿正文" in text.decode("utf-8", "replace") for text in tree(dest).values())
    assert not os.path.exists(unchanged.record_path(str(site)))
    assert not fast(site, dest)
    build(site, dest, site_time=PINNED, jobs=1)
    assert tree(dest) == full(site, tmp_path, how)
    assert fast(site, dest)


# --- pages printing the whole time: filled from templates ---------------------------------

ATOM = """---
layout: nil
---
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>{{ site.title }}</title>
 <updated>{{ site.time | date_to_xmlschema }}</updated>
 {% for post in site.posts %}<entry><title>{{ post.title }}</title>
 <updated>{{ post.date | date_to_xmlschema }}</updated><content>{{ post.content | xml_escape }}</content></entry>
 {% endfor %}</feed>
"""
RSS = """---
layout: nil
---
<rss version="2.0"><channel><title>{{ site.title }}</title>
<lastBuildDate>{{ site.time | date_to_rfc822 }}</lastBuildDate>
<pubDate>{{ site.time | date_to_rfc822 }}</pubDate><generated>{{ site.time }}</generated>
<!-- {{ site.time | date_to_long_string: "ordinal" }}, {{ site.time | date: "%b %-d, %Y" }} -->
{% for post in site.posts %}<item><title>{{ post.title }}</title>
<pubDate>{{ post.date | date_to_rfc822 }}</pubDate></item>{% endfor %}
</channel></rss>
"""
LATER = dt.datetime(2026, 11, 24, 3, 4, 5, 678000, tzinfo=dt.UTC)


def _templates(src: Path) -> Path:
    return Path(unchanged.record_path(str(src))).with_name("timeslots.json")


def _filled(src: Path, dest: Path, tmp: Path, when: dt.datetime, name: str) -> None:
    """The check at ``when`` answers, and the destination is the full build's at ``when``."""
    assert fast(src, dest, site_time=when)
    result = build(src, dest, site_time=when, jobs=1)
    assert result.rendered == []
    assert tree(dest) == full(src, tmp, name, site_time=when)


def test_feeds_printing_the_time_are_filled_in_without_a_build(site: Path,
                                                                tmp_path: Path) -> None:
    write(site, "atom.xml", ATOM)
    write(site, "rss.xml", RSS)
    dest = tmp_path / "out"
    settle(site, dest)
    assert _templates(site).is_file()
    before = (dest / "2014/10/13/p3.html").stat().st_mtime_ns
    result = build(site, dest, site_time=LATER, jobs=1)
    assert result.written == 2 and result.changed_files == ["atom.xml", "rss.xml"]
    assert tree(dest) == full(site, tmp_path, "later", site_time=LATER)
    assert (dest / "2014/10/13/p3.html").stat().st_mtime_ns == before
    assert build(site, dest, site_time=LATER, jobs=1).written == 0   # the same instant
    _filled(site, dest, tmp_path, LATER + dt.timedelta(days=3, seconds=7), "later2")
    # texts of other lengths (May 2nd): the slots after them move
    _filled(site, dest, tmp_path, dt.datetime(2026, 5, 2, 1, 2, 3, tzinfo=dt.UTC), "may")


def test_jekyll_feeds_updated_time_is_filled_in(site: Path, tmp_path: Path) -> None:
    write(site, "_config.yml", "title: t\ntimezone: Asia/Shanghai\nplugins: [jekyll-feed]\n")
    dest = tmp_path / "out"
    settle(site, dest)
    assert "<updated>" in (dest / "feed.xml").read_text("utf-8")
    _filled(site, dest, tmp_path, LATER, "feed")


def test_a_page_using_the_time_otherwise_is_always_built(site: Path, tmp_path: Path) -> None:
    write(site, "atom.xml", ATOM)
    write(site, "day.html", '---\n---\n{{ site.time | date: "%j" | plus: 1 }}')
    dest = tmp_path / "out"
    age(site)
    build(site, dest, site_time=PINNED, jobs=1)
    assert not fast(site, dest, site_time=LATER)
    build(site, dest, site_time=LATER, jobs=1)
    assert tree(dest) == full(site, tmp_path, "day", site_time=LATER)


def test_a_page_whose_content_other_pages_show_is_always_built(site: Path,
                                                               tmp_path: Path) -> None:
    write(site, "_posts/2014-10-15-now.md", post("此刻", "t", "{{ site.time }}"))
    write(site, "atom.xml", ATOM)        # shows every post's content
    dest = tmp_path / "out"
    age(site)
    build(site, dest, site_time=PINNED, jobs=1)
    assert not fast(site, dest, site_time=LATER)


def test_the_years_window_and_the_slots_together(site: Path, tmp_path: Path) -> None:
    write(site, "atom.xml", ATOM)
    dest = tmp_path / "out"
    settle(site, dest)         # the footer shows the year in Asia/Shanghai
    new_year_there = dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC)
    _filled(site, dest, tmp_path, new_year_there - dt.timedelta(seconds=1), "before")
    assert not fast(site, dest, site_time=new_year_there)
    build(site, dest, site_time=new_year_there, jobs=1)
    assert tree(dest) == full(site, tmp_path, "year", site_time=new_year_there)
    _filled(site, dest, tmp_path, new_year_there + dt.timedelta(hours=5), "after")


@pytest.mark.parametrize("text", ["{broken", json.dumps({"token": "other", "pages": {}}),
                                  "[]"])
def test_a_corrupt_template_file_is_no_template(site: Path, tmp_path: Path, text: str) -> None:
    write(site, "atom.xml", ATOM)
    dest = tmp_path / "out"
    settle(site, dest)
    _templates(site).write_text(text, "utf-8")
    assert not fast(site, dest, site_time=LATER)
    build(site, dest, site_time=LATER, jobs=1)
    assert tree(dest) == full(site, tmp_path, "corrupt", site_time=LATER)
    assert fast(site, dest, site_time=LATER + dt.timedelta(seconds=1))


def test_a_template_is_cut_only_where_the_time_is_printed() -> None:
    zone = dt.timezone(dt.timedelta(hours=8))
    instants = [dt.datetime(2026, 11, 23, 20, 0, 5, tzinfo=zone),
                dt.datetime(2027, 12, 28, 21, 1, 6, tzinfo=zone),
                dt.datetime(2026, 10, 17, 14, 52, 54, tzinfo=zone)]

    def page(t: dt.datetime, extra: str = "") -> str:
        return (f"<updated>{timeslots.value('xmlschema', t)}</updated>"
                f"<p>posted 2026-01-02, © 2026 {extra}</p>{timeslots.value('to_s', t)}")

    template = timeslots.cut([page(t) for t in instants], instants)
    assert template is not None and template["slots"] == ["xmlschema", "to_s"]
    assert template["pieces"][1] == "</updated><p>posted 2026-01-02, © 2026 </p>"
    days = [page(t, t.strftime("%j")) for t in instants]       # a format not kept
    assert timeslots.cut(days, instants) is None


def test_a_page_deciding_on_the_time_is_always_built(site: Path, tmp_path: Path) -> None:
    # the same branch at the build's instant and at the two others: only the tag tells
    write(site, "atom.xml", ATOM.replace(
        "<title>", '{% assign h = site.time | date: "%H" | plus: 0 %}'
                   '{% if h < 3 %}<night/>{% endif %}<title>', 1))
    dest = tmp_path / "out"
    age(site)
    build(site, dest, site_time=PINNED, jobs=1)
    assert not fast(site, dest, site_time=LATER)
    assert timeslots.decides('{% capture x %}{{ site.time }}{% endcapture %}')
    assert not timeslots.decides('{{ site.time | date_to_xmlschema }}{% if site.title %}{% endif %}')


def test_many_pages_printing_the_time_are_not_kept(site: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeslots, "MAX_PAGES", 1)
    write(site, "atom.xml", ATOM)
    write(site, "rss.xml", RSS)
    dest = tmp_path / "out"
    age(site)
    build(site, dest, site_time=PINNED, jobs=1)
    assert not fast(site, dest, site_time=LATER)


def test_every_field_the_content_stage_makes_carries_the_time() -> None:
    from blogtool.build.work import CONTENT_KEYS
    assert set(CONTENT_KEYS) <= timeslots.CARRIERS


@pytest.mark.parametrize("files", [
    {"_config.yml": "title: t\ntimezone: Asia/Shanghai\nblogtool:\n  search: true\n",
     "now.md": "---\n---\nIt is {{ site.time }}"},                    # in the search index
    {"_posts/2014-10-20-now.md": post("此刻", "t", "{{ site.time }}")},     # a post
])
def test_the_time_on_a_post_or_a_searched_page_is_not_kept(site: Path, tmp_path: Path,
                                                             files: dict[str, str]) -> None:
    for rel, text in files.items():
        write(site, rel, text)
    dest = tmp_path / "out"
    age(site)
    build(site, dest, site_time=PINNED, jobs=1)
    assert not fast(site, dest, site_time=LATER)
    build(site, dest, site_time=LATER, jobs=1)
    assert tree(dest) == full(site, tmp_path, "searched", site_time=LATER)


_names = st.text(st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)),
                 max_size=6)
_flat = st.lists(st.tuples(_names, st.integers(-2, 2**63 - 1), st.integers(-2, 2**40)),
                 max_size=5).map(lambda rows: [x for row in rows for x in row])


@settings(max_examples=300, deadline=None)
@given(_flat, _flat)
def test_packed_listings_are_equal_exactly_when_the_listings_are(a: list, b: list) -> None:
    assert (tree_mod.packed(a) == tree_mod.packed(b)) == (a == b)
    folders, mtimes = tree_mod.folder_times(a + ["f/", 7, tree_mod.FOLDER])
    rows = list(zip(a[0::3], a[1::3], a[2::3], strict=True))
    assert folders.split("\0")[:-1] == [r for r, _, s in rows if s == -1] + ["f/"]
    assert mtimes == tree_mod.pack_ints([m for _, m, s in rows if s == -1] + [7])


def test_a_destination_without_subfolders_is_checked_too(tmp_path: Path) -> None:
    """Only the root folder: one folder recorded, not none."""
    root = tmp_path / "out"
    write(root, "index.html", "x")
    folders, mtimes = tree_mod.folder_times(tree_mod.listing(str(root), folder_times=True))
    assert folders == "\0" and tree_mod.same_folders(str(root), folders, mtimes) == [""]
    write(root, "new.html", "y")
    os.utime(root, ns=(1, 1))
    assert tree_mod.same_folders(str(root), folders, mtimes) is None


def test_the_record_is_made_with_the_collector_off(site: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Collecting and keeping the record walk every cache entry of the site: a full
    collection of the heap there freed nothing the build needed and cost more than the rest."""
    import gc
    collecting = spy(monkeypatch, unchanged.Probe, "collect", lambda *a, **k: gc.isenabled())
    keeping = spy(monkeypatch, unchanged.Probe, "keep", lambda *a, **k: gc.isenabled())
    assert gc.isenabled()
    settle(site, tmp_path / "out")
    assert collecting == [False] and keeping == [False]
    assert gc.isenabled()


def test_a_first_check_lists_the_source_in_a_child_beside_the_build(
        site: Path, tmp_path: Path) -> None:
    """No record yet: the command line's check hands the source listing to a forked child
    and returns at once; the listing it gives is the one listed in place, and the build
    that follows records it (the next check answers)."""
    age(site)
    dest = tmp_path / "out"
    probe = unchanged.check(site, dest, site_time=PINNED, fork=True)
    assert probe.result is None and probe._later is not None
    assert probe.listing == tree_mod.listing(str(site), prune=probe.pruned)
    assert probe._later is None and probe.listing is not None     # waited for once
    build(site, dest, jobs=1, site_time=PINNED, probe=probe)
    assert fast(site, dest)


def test_a_listing_made_aside_fails_as_the_listing_would(tmp_path: Path) -> None:
    root = tmp_path / "src"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "x.md").write_text("x", "utf-8")
    (root / "y.md").write_text("y", "utf-8")
    assert tree_mod.listing_aside(str(root))() == tree_mod.listing(str(root))
    assert tree_mod.listing_aside(str(root), prune={"a"})() == \
        tree_mod.listing(str(root), prune={"a"})
    (root / "link").symlink_to(root / "a")          # a link to a folder: not listable
    with pytest.raises(tree_mod.Unlistable):
        tree_mod.listing(str(root))
    later = tree_mod.listing_aside(str(root))
    with pytest.raises(tree_mod.Unlistable):
        later()
    probe = unchanged.Probe(str(root), "args", [])
    probe.list_later(tree_mod.listing_aside(str(root)))
    assert probe.listing is None                    # no listing: no record later


def test_the_written_site_is_listed_by_a_new_interpreter(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The record's listing of the destination, with folder times, made by a spawned
    interpreter beside the build's last steps: the listing made in place, the same failure
    for a tree it cannot vouch for, and made in place when no child can run."""
    root = tmp_path / "site"
    (root / "2014" / "10").mkdir(parents=True)
    (root / "2014" / "10" / "p.html").write_text("p", "utf-8")
    (root / "keep" / "x").mkdir(parents=True)
    (root / "index.html").write_text("i", "utf-8")
    here = tree_mod.listing(str(root), prune=["keep"], folder_times=True)
    assert tree_mod.listing_spawned(str(root), ["keep"])() == here
    assert tree_mod.listing_spawned(str(tmp_path / "none"), [])() == []
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    assert tree_mod.listing_spawned(str(root), ["keep"])() == here
    monkeypatch.undo()
    (root / "link").symlink_to(root / "2014")       # a link to a folder: not listable
    with pytest.raises(tree_mod.Unlistable):
        tree_mod.listing_spawned(str(root), ["keep"])()


def test_a_build_lists_what_it_wrote_beside_its_last_steps(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first build starts the destination's listing right after its last write and the
    record takes it (the next check answers); after a build with a record the listing reads
    only changed folders, in place."""
    spawned = spy(monkeypatch, tree_mod, "listing_spawned", lambda root, prune: root)
    dest = tmp_path / "out"
    settle(site, dest)
    assert spawned == [str(dest)]
    write(site, "_posts/2014-10-13-p3.md", post("第3篇", "flume", "改过"))
    settle(site, dest)
    assert spawned == [str(dest)]


def test_the_read_memo_is_written_beside_the_build_and_no_thread_outlives_it(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The read memo is signed and written by a thread while the build prepares its render;
    the build waits for it before it forks (no thread runs then) and the next build loads
    it."""
    import threading

    from blogtool.build import pool, readmemo
    waves = spy(monkeypatch, pool, "run_chunks", lambda *a, **k: threading.active_count())
    writers = spy(monkeypatch, readmemo.ReadMemo, "save_aside",
                  lambda self: bool(self._snapshots))
    age(site)
    build(site, tmp_path / "out", jobs=2, site_time=PINNED)
    assert writers == [True] and waves and set(waves) == {1}
    assert threading.active_count() == 1
    memo = readmemo.ReadMemo(site / cachedir.CACHE_DIR).load()
    assert any(rel.startswith("_posts/") for rel in memo)
