"""Cached (incremental) builds give exactly the bytes of a full build, edit after edit.

The cache and ``serve``'s rebuilds share one mechanism: each output records what it read
(files and fields of other documents) and is re-rendered only when one of those changed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogtool.build import deps
from blogtool.build.cachedir import FORMAT
from blogtool.build.payload import Drop
from blogtool.build.site import BuildResult, BuildSession, build
from blogtool.errors import BuildError
from support.spies import spy

PINNED = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)

LAYOUT_DEFAULT = """<html><head><title>{{ page.title }} | {{ site.title }}</title></head>
<body>{% include nav.html %}{{ content }}<footer>{{ site.data.authors.main }}
&copy; {{ site.time | date: "%Y" }}</footer></body></html>
"""
LAYOUT_POST = """---
layout: default
---
<h1>{{ page.title }}</h1><p>{{ page.date | date_to_string }} {{ page.tags | join: "," }}</p>
{{ content }}
{% if page.previous %}<a href="{{ page.previous.url }}">{{ page.previous.title }}</a>{% endif %}
{% if page.next %}<a href="{{ page.next.url }}">{{ page.next.title }}</a>{% endif %}
"""
INDEX = """---
layout: default
title: Home
---
{% for post in site.posts %}<li><a href="{{ post.url }}">{{ post.title }}</a></li>
{% endfor %}"""
EXCERPTS = """---
layout: default
title: Excerpts
---
{% for post in site.posts limit: 2 %}<div>{{ post.excerpt }}</div>{% endfor %}"""
TAGS = """---
layout: default
title: Tags
---
{% for tag in site.tags %}<h2>{{ tag[0] }}</h2>{% for p in tag[1] %}{{ p.title }};{% endfor %}
{% endfor %}"""


def post(title: str, tags: str, body: str) -> str:
    return f"---\nlayout: post\ntitle: {title}\ntags: [{tags}]\n---\n{body}\n"


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "_layouts").mkdir(parents=True)
    (src / "_includes").mkdir()
    (src / "_data").mkdir()
    (src / "_posts").mkdir()
    (src / "_config.yml").write_text("title: 测试站点\ntimezone: Asia/Shanghai\n", "utf-8")
    (src / "_layouts/default.html").write_text(LAYOUT_DEFAULT, "utf-8")
    (src / "_layouts/post.html").write_text(LAYOUT_POST, "utf-8")
    (src / "_includes/nav.html").write_text("<nav>首页</nav>", "utf-8")
    (src / "_data/authors.yml").write_text("main: 张三\n", "utf-8")
    (src / "index.html").write_text(INDEX, "utf-8")
    (src / "excerpts.html").write_text(EXCERPTS, "utf-8")
    (src / "tags.html").write_text(TAGS, "utf-8")
    for i in range(1, 7):
        (src / f"_posts/2014-10-{10 + i:02d}-p{i}.md").write_text(
            post(f"第{i}篇", "flume" if i % 2 else "hdfs", f"正文 {i}\n\n第二段 {i}"), "utf-8")
    return src


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def check(src: Path, tmp: Path, session: BuildSession, name: str,
          when: dt.datetime = PINNED) -> BuildResult:
    warm = build(src, tmp / "warm", site_time=when, jobs=1, session=session)
    build(src, tmp / f"cold-{name}", site_time=when, jobs=1, use_cache=False)
    assert tree(tmp / "warm") == tree(tmp / f"cold-{name}"), name
    return warm


EDITS = {
    "body": lambda s: (s / "_posts/2014-10-13-p3.md").write_text(
        post("第3篇", "flume", "改过的正文\n\n第二段"), "utf-8"),
    "title": lambda s: (s / "_posts/2014-10-14-p4.md").write_text(
        post("新标题", "hdfs", "正文 4\n\n第二段 4"), "utf-8"),
    "add_tag": lambda s: (s / "_posts/2014-10-15-p5.md").write_text(
        post("第5篇", "flume, kafka", "正文 5\n\n第二段 5"), "utf-8"),
    "delete_post": lambda s: (s / "_posts/2014-10-12-p2.md").unlink(),
    "layout": lambda s: (s / "_layouts/post.html").write_text(
        LAYOUT_POST.replace("<h1>", "<h1 class=t>"), "utf-8"),
    "include": lambda s: (s / "_includes/nav.html").write_text("<nav>主页</nav>", "utf-8"),
    "data": lambda s: (s / "_data/authors.yml").write_text("main: 李四\n", "utf-8"),
    "new_post": lambda s: (s / "_posts/2014-10-20-p9.md").write_text(
        post("第9篇", "zk", "新的\n\n文章"), "utf-8"),
    "config": lambda s: (s / "_config.yml").write_text(
        "title: 新站点\ntimezone: Asia/Shanghai\n", "utf-8"),
}


def test_every_edit_gives_the_full_build(site: Path, tmp_path: Path) -> None:
    session = BuildSession(site)
    first = check(site, tmp_path, session, "start")
    assert first.written == first.documents
    for name, edit in EDITS.items():
        edit(site)
        check(site, tmp_path, session, name)


def test_a_body_edit_renders_only_what_shows_it(site: Path, tmp_path: Path) -> None:
    session = BuildSession(site)
    build(site, tmp_path / "out", site_time=PINNED, jobs=1, session=session)
    EDITS["body"](site)
    result = build(site, tmp_path / "out", site_time=PINNED, jobs=1, session=session)
    # Only the post is laid out again: its neighbours show its title, the index lists titles,
    # the excerpts page shows the two newest posts' excerpts: none of them changed.
    assert result.rendered == ["_posts/2014-10-13-p3.md"]
    assert result.written == 1


def test_a_title_edit_renders_the_pages_that_show_the_title(site: Path, tmp_path: Path) -> None:
    session = BuildSession(site)
    build(site, tmp_path / "out", site_time=PINNED, jobs=1, session=session)
    EDITS["title"](site)
    result = build(site, tmp_path / "out", site_time=PINNED, jobs=1, session=session)
    assert set(result.rendered) == {"_posts/2014-10-14-p4.md", "_posts/2014-10-13-p3.md",
                                    "_posts/2014-10-15-p5.md", "index.html", "tags.html"}


def test_cache_on_disk_is_reused_and_corrupt_entries_are_ignored(site: Path,
                                                                  tmp_path: Path) -> None:
    build(site, tmp_path / "a", site_time=PINNED, jobs=1)
    entries = list((site / ".blogtool-cache").rglob("*.json"))
    assert entries
    entries[0].write_text("{not json", "utf-8")
    entries[1].write_bytes(b"\x80\x04\x95pickle?")
    again = build(site, tmp_path / "a", site_time=PINNED, jobs=1)
    assert again.written == 0
    cold = build(site, tmp_path / "b", site_time=PINNED, jobs=1, use_cache=False)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert cold.documents == again.documents


def test_rebuilds_patch_the_site_in_place(site: Path, tmp_path: Path) -> None:
    """A rebuild of a site blogtool built renames only changed files into place; removed
    outputs and strays disappear, keep_files stay, unchanged files keep their inode."""
    session = BuildSession(site)
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1, session=session)
    untouched = out / "2014/10/16/p6.html"      # neither edited nor next to an edit
    untouched_inode = untouched.stat().st_ino
    (out / "stray.txt").write_text("not ours", "utf-8")
    (out / ".git").mkdir()
    (out / ".git/config").write_text("[core]", "utf-8")
    EDITS["body"](site)
    EDITS["delete_post"](site)
    build(site, out, site_time=PINNED, jobs=1, session=session)
    assert not (out / "2014/10/12/p2.html").exists()
    assert not (out / "2014/10/12").exists()
    assert "改过的正文" in (out / "2014/10/13/p3.html").read_text("utf-8")
    assert not (out / "stray.txt").exists()          # Jekyll cleans what it did not make
    assert (out / ".git/config").read_text("utf-8") == "[core]"   # except keep_files
    cold = build(site, tmp_path / "cold", site_time=PINNED, jobs=1, use_cache=False)
    produced = {p for p in tree(out) if not p.startswith(".git/")}
    assert produced == set(tree(tmp_path / "cold"))
    assert all(tree(out)[p] == tree(tmp_path / "cold")[p] for p in produced)
    assert cold.documents > 0
    assert untouched.stat().st_ino == untouched_inode


def test_cli_rebuilds_patch_too_and_a_failed_one_changes_nothing(site: Path,
                                                                  tmp_path: Path) -> None:
    """A new process (a fresh session) patches the site its cache says it built; a build that
    fails leaves every file as it was."""
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    untouched = out / "2014/10/16/p6.html"
    inode = untouched.stat().st_ino
    EDITS["body"](site)
    build(site, out, site_time=PINNED, jobs=1)          # fresh session, same cache folder
    assert untouched.stat().st_ino == inode
    before = tree(out)
    (site / "_posts/2014-10-13-p3.md").write_text("---\ndate: 2014-13-45\n---\nx\n", "utf-8")
    with pytest.raises(BuildError):
        build(site, out, site_time=PINNED, jobs=1)
    assert tree(out) == before
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]


def test_nothing_changed_renders_nothing_and_writes_nothing(site: Path, tmp_path: Path) -> None:
    """Every layout prints the year of ``site.time``; a later build in the same year is a
    no-op, in the same session and in a new process alike."""
    session = BuildSession(site)
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1, session=session)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    later = PINNED + dt.timedelta(days=3, hours=5, seconds=7)
    again = build(site, out, site_time=later, jobs=1, session=session)
    assert again.rendered == [] and again.written == 0
    fresh = build(site, out, site_time=later + dt.timedelta(minutes=1), jobs=1)
    assert fresh.rendered == [] and fresh.written == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def test_the_clock_crossing_a_year_gives_the_full_build(site: Path, tmp_path: Path) -> None:
    """The year is the site's (Asia/Shanghai): 16:30 UTC on 31 December is already the next
    year there. Pages that print the whole time render on every build."""
    (site / "now.html").write_text("---\n---\n{{ site.time }}|{{ site.time | date: '%m' }}\n",
                                   "utf-8")
    session = BuildSession(site)
    times = [dt.datetime(2026, 12, 31, 15, 0, tzinfo=dt.UTC),     # 23:00 in Shanghai
             dt.datetime(2026, 12, 31, 15, 50, tzinfo=dt.UTC),
             dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC),    # 2027 in Shanghai
             dt.datetime(2027, 1, 2, 16, 30, tzinfo=dt.UTC)]
    results = [check(site, tmp_path, session, f"t{i}", when) for i, when in enumerate(times)]
    assert results[1].rendered == ["now.html"]
    assert len(results[2].rendered) == results[2].documents       # every layout shows 2027
    assert results[3].rendered == ["now.html"]
    assert "2027" in (tmp_path / "warm/index.html").read_text("utf-8")


def test_reads_are_recorded_without_module_state() -> None:
    recorder = deps.Recorder()
    page = deps.TrackedDict("a.md", {"title": "t", "tags": []}, recorder=recorder)
    assert not hasattr(deps, "_CURRENT")
    page["title"]
    with recorder.recording() as outer:
        page.get("tags")
        with recorder.recording() as inner:
            page["title"]
    assert inner == {("a.md", "title")}
    assert outer == {("a.md", "tags"), ("a.md", "title")}
    assert recorder.reads is None


def test_a_new_process_trusts_old_stamps_and_rehashes_changed_ones(site: Path,
                                                                    tmp_path: Path) -> None:
    """Source stamps outlive the process; an edit that keeps the size is still seen, a file
    touched without a change renders nothing."""
    old = PINNED.timestamp() - 3600
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, (old, old))
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    assert (site / f".blogtool-cache/v{FORMAT}/stamps.json").is_file()
    post = site / "_posts/2014-10-13-p3.md"
    os.utime(post)                                             # touched, same bytes
    assert build(site, out, site_time=PINNED, jobs=1).rendered == []
    post.write_text(post.read_text("utf-8").replace("正文 3", "正文 8"), "utf-8")   # same size
    again = build(site, out, site_time=PINNED, jobs=1)
    assert again.rendered == ["_posts/2014-10-13-p3.md"]
    build(site, tmp_path / "cold", site_time=PINNED, jobs=1, use_cache=False)
    assert tree(out) == tree(tmp_path / "cold")


@pytest.fixture(autouse=True)
def _memo_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The read memo's key lives in the user's cache folder: one per test here."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def _age(site: Path, seconds: float = 3600) -> None:
    old = PINNED.timestamp() - seconds
    for path in site.rglob("*"):
        if path.is_file() and ".blogtool-cache" not in path.parts:
            os.utime(path, (old, old))


def _same_as_full(site: Path, tmp_path: Path, out: Path, name: str,
                  parsed: list[str] | None = None) -> BuildResult:
    """A build in a new process (a fresh session) against a full ``--no-cache`` build;
    ``parsed`` gets the posts the cached build parsed."""
    build(site, tmp_path / f"cold-{name}", site_time=PINNED, jobs=1, use_cache=False)
    if parsed is not None:
        parsed.clear()
    warm = build(site, out, site_time=PINNED, jobs=1)
    assert tree(out) == tree(tmp_path / f"cold-{name}"), name
    return warm


def test_a_new_process_reuses_parsed_posts_and_sees_every_change(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Posts parsed by the last build are taken from the read memo when their files did not
    change; touched, deleted, renamed, new and edited posts all give the full build."""
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "start")
    assert (site / ".blogtool-cache/read-memo.bin").is_file()
    from blogtool.build.reader import posts as reader_posts
    parsed: list[str] = spy(monkeypatch, reader_posts, "read_post", lambda ctx, rel, *a: rel)

    assert _same_as_full(site, tmp_path, out, "noop", parsed).rendered == []
    assert parsed == [], "unchanged posts are not parsed again"
    p3 = site / "_posts/2014-10-13-p3.md"
    os.utime(p3)                                              # touched, same bytes
    assert _same_as_full(site, tmp_path, out, "touch", parsed).rendered == []
    assert parsed == ["_posts/2014-10-13-p3.md"]
    (site / "_posts/2014-10-12-p2.md").unlink()
    _same_as_full(site, tmp_path, out, "delete")
    (site / "_posts/2014-10-14-p4.md").rename(site / "_posts/2014-10-19-p4b.md")
    _same_as_full(site, tmp_path, out, "rename")
    (site / "_posts/2014-10-21-p10.md").write_text(post("第10篇", "zk", "新\n\n文"), "utf-8")
    _same_as_full(site, tmp_path, out, "new")
    _age(site)
    _same_as_full(site, tmp_path, out, "settle")
    p5 = site / "_posts/2014-10-15-p5.md"
    p5.write_text(post("第5篇", "hdfs", "改了正文 5\n\n第二段"), "utf-8")
    os.utime(p5, (PINNED.timestamp() - 60, PINNED.timestamp() - 60))
    result = _same_as_full(site, tmp_path, out, "body", parsed)
    assert "_posts/2014-10-15-p5.md" in result.rendered and parsed == [
        "_posts/2014-10-15-p5.md"]


def test_an_edit_within_the_stamp_window_is_read_again(site: Path, tmp_path: Path) -> None:
    """A post saved moments before a build is not kept in the memo: a second save of the
    same size with the same mtime (within a coarse file system's granularity) is still seen."""
    _age(site)
    out = tmp_path / "out"
    p3 = site / "_posts/2014-10-13-p3.md"
    p3.write_text(post("第3篇", "flume", "正文 A\n\n第二段 3"), "utf-8")
    stamp = p3.stat().st_mtime_ns
    _same_as_full(site, tmp_path, out, "first")
    p3.write_text(post("第3篇", "flume", "正文 B\n\n第二段 3"), "utf-8")   # same size
    os.utime(p3, ns=(stamp, stamp))
    result = _same_as_full(site, tmp_path, out, "second")
    assert "正文 B" in (out / "2014/10/13/p3.html").read_text("utf-8")
    assert result.rendered == ["_posts/2014-10-13-p3.md"]


def test_a_memo_not_signed_with_the_users_key_is_ignored(site: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo is a pickle: one made with another key (a cache folder from elsewhere, an
    edited file) is never loaded."""
    _age(site)
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    memo = site / ".blogtool-cache/read-memo.bin"
    blob = memo.read_bytes()
    (site / "_posts/2014-10-13-p3.md").write_text(post("换了", "flume", "正文"), "utf-8")
    _age(site)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    _same_as_full(site, tmp_path, out, "other-key")      # a new key: the old memo fails
    memo.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))
    _same_as_full(site, tmp_path, out, "edited")


def test_stray_files_are_removed_and_an_unchanged_destination_is_not_walked(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk for files a build did not make is skipped when the destination's folders
    kept their mtimes; a file dropped into any folder is still removed, as a full build does."""
    from blogtool.build import inplace
    _age(site)
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)

    def age_output() -> None:
        old = PINNED.timestamp() - 600
        for folder in [out, *(p for p in out.rglob("*") if p.is_dir())]:
            os.utime(folder, (old, old))
    age_output()
    build(site, out, site_time=PINNED, jobs=1)          # walks, finds nothing, records
    assert (site / f".blogtool-cache/v{FORMAT}/folders.json").is_file()
    walked: list[str] = spy(monkeypatch, inplace.os, "walk", lambda top, *a, **k: str(top))
    assert build(site, out, site_time=PINNED, jobs=1).rendered == []
    assert str(out) not in walked
    for stray in ("stray.html", "2014/10/13/stray.txt", "new/folder/x.html"):
        (out / stray).parent.mkdir(parents=True, exist_ok=True)
        (out / stray).write_text("stray", "utf-8")
        walked.clear()
        _same_as_full(site, tmp_path, out, stray.replace("/", "-"))
        assert not (out / stray).exists() and str(out) in walked
        age_output()
        build(site, out, site_time=PINNED, jobs=1)


def test_a_first_build_hashes_the_posts_from_the_bytes_the_reader_read(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's file hashes of the posts parsed come from the reader (no second read of
    each post file); they are those of the files, and an edit is still seen."""
    from blogtool.build import cache
    hashed: list[bytes] = spy(monkeypatch, cache, "content_hash", lambda data: data)
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "first")
    posts = {p.read_bytes() for p in (site / "_posts").iterdir()}
    assert hashed and not posts & set(hashed)
    import json
    stamps = json.loads((site / f".blogtool-cache/v{FORMAT}/stamps.json").read_text("utf-8"))
    for p in (site / "_posts").iterdir():
        rel = f"_posts/{p.name}"
        assert stamps[rel][2] == deps.content_hash(p.read_bytes())
        assert stamps[rel][:2] == [p.stat().st_mtime_ns, p.stat().st_size]
    p3 = site / "_posts/2014-10-13-p3.md"
    p3.write_text(p3.read_text("utf-8") + "\n又一段。\n", "utf-8")
    _age(site)
    _same_as_full(site, tmp_path, out, "edited")


def folders(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


def test_an_empty_stray_folder_goes_as_after_a_full_build(
        site: Path, tmp_path: Path) -> None:
    """A build in place removes folders it did not make once they are empty (a full build
    swaps in a site without them), found by listing the changed folders or by the walk;
    a folder ``keep_files`` spares stays."""
    (site / "_config.yml").write_text((site / "_config.yml").read_text("utf-8")
                                      + "keep_files: [kept]\n", "utf-8")
    _age(site)
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    build(site, out, site_time=PINNED, jobs=1)          # the folders are recorded
    for n, stray in enumerate(("empty", "2014/10/13/empty", "new/deeper/still", "x/y.html")):
        (out / stray).mkdir(parents=True)
        (out / "kept/sub").mkdir(parents=True, exist_ok=True)
        if n == 2:          # no record of the folders: the whole destination is walked
            (site / f".blogtool-cache/v{FORMAT}/folders.json").unlink()
        _same_as_full(site, tmp_path, out, f"folder-{n}")
        assert not (out / stray).exists()
        assert folders(out) == sorted(folders(tmp_path / f"cold-folder-{n}") + ["kept",
                                                                               "kept/sub"])


def test_edits_after_a_no_op_build_give_the_full_build(site: Path, tmp_path: Path) -> None:
    """When the documents are the ones of the last build, their recorded fields are not
    checked again, except those of documents rendered again earlier in the build: an include
    shown in a post's excerpt, a layout, data and the clock still reach every page."""
    (site / "_includes/note.html").write_text("<em>注意</em>", "utf-8")
    (site / "_posts/2014-10-16-p6.md").write_text(
        post("第6篇", "hdfs", "{% include note.html %} 正文 6\n\n第二段 6"), "utf-8")
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "start")
    edits = {
        "_includes/note.html": "<em>小心</em>",
        "_layouts/post.html": LAYOUT_POST.replace("<h1>", "<h1 class=t>"),
        "_data/authors.yml": "main: 李四\n",
        "_includes/nav.html": "<nav>主页</nav>",
    }
    for i, (name, text) in enumerate(edits.items()):
        assert _same_as_full(site, tmp_path, out, f"noop-{i}").rendered == []
        assert (site / f".blogtool-cache/v{FORMAT}/inputs.json").read_text("utf-8") != "{}"
        (site / name).write_text(text, "utf-8")
        old = PINNED.timestamp() - 3000 + 60 * i     # only this file changes (the documents
        os.utime(site / name, (old, old))           # are those of the last build)
        result = _same_as_full(site, tmp_path, out, str(i))
        if name == "_includes/note.html":
            assert {"_posts/2014-10-16-p6.md", "excerpts.html"} <= set(result.rendered)
    later = dt.datetime(2027, 1, 2, tzinfo=dt.UTC)
    warm = build(site, out, site_time=later, jobs=1)
    build(site, tmp_path / "cold-year", site_time=later, jobs=1, use_cache=False)
    assert tree(out) == tree(tmp_path / "cold-year") and warm.rendered


def test_rendered_content_kept_beside_the_shards_must_match_them(site: Path,
                                                                  tmp_path: Path) -> None:
    """Long rendered strings live in a text file beside each shard: a text file from another
    flush (its token differs) makes its entries misses, never wrong content."""
    (site / "_posts/2014-10-13-p3.md").write_text(
        post("第3篇", "flume", "很长的正文。" * 200 + "\n\n第二段"), "utf-8")
    _age(site)
    out = tmp_path / "out"
    build(site, out, site_time=PINNED, jobs=1)
    texts = sorted((site / f".blogtool-cache/v{FORMAT}").glob("content-*.txt"))
    assert texts
    for text in texts:
        text.write_text("0" + text.read_text("utf-8"), "utf-8")
    (out / "2014/10/13/p3.html").unlink()
    result = _same_as_full(site, tmp_path, out, "blobs")
    assert "_posts/2014-10-13-p3.md" in result.rendered


def test_a_site_without_timezone_follows_the_process_zone(site: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``timezone:`` posts are dated in the machine's zone: parsed posts kept by an
    earlier process in another zone are not reused."""
    import time
    (site / "_config.yml").write_text("title: 测试站点\n", "utf-8")
    (site / "dates.html").write_text("---\n---\n{% for p in site.posts %}{{ p.date }};{% endfor %}",
                                     "utf-8")
    _age(site)
    out = tmp_path / "out"
    try:
        for zone in ("UTC", "Asia/Tokyo"):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            _same_as_full(site, tmp_path, out, zone.replace("/", "-"))
        assert "+0900" in (out / "dates.html").read_text("utf-8")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_read_memo_is_kept_in_shards_each_checked_on_its_own(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing one post rewrites only the memo shard that holds it; a shard that fails its
    check (corrupt, or of another key) costs only its own posts a second parse."""
    from blogtool.build import readmemo
    from blogtool.build.reader import posts as reader_posts
    for i in range(7, 25):      # enough posts that every shard cannot hold one
        (site / f"_posts/2014-11-{i:02d}-q{i}.md").write_text(
            post(f"第{i}篇", "flume", f"正文 {i}"), "utf-8")
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "start")
    cache = site / ".blogtool-cache"
    shards = {i: cache / ("read-memo.bin" if i == 0 else f"read-memo-{i}.bin")
              for i in range(readmemo.SHARDS)}
    assert all(p.is_file() for p in shards.values())
    before = {i: p.stat().st_mtime_ns for i, p in shards.items()}
    parsed: list[str] = spy(monkeypatch, reader_posts, "read_post", lambda ctx, rel, *a: rel)

    p5 = "_posts/2014-10-15-p5.md"
    (site / p5).write_text(post("第5篇", "hdfs", "改了正文 5"), "utf-8")
    os.utime(site / p5, (PINNED.timestamp() - 60, PINNED.timestamp() - 60))
    _same_as_full(site, tmp_path, out, "body", parsed)
    assert parsed == [p5]
    assert [i for i, p in shards.items() if p.stat().st_mtime_ns != before[i]] == \
        [readmemo.shard_of(p5)]

    all_posts = sorted(f"_posts/{p.name}" for p in (site / "_posts").iterdir())
    p3 = "_posts/2014-10-13-p3.md"
    broken = shards[readmemo.shard_of(p3)]
    blob = broken.read_bytes()
    broken.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]))
    (site / p5).write_text(post("第5篇", "hdfs", "又改了正文 5"), "utf-8")
    os.utime(site / p5, (PINNED.timestamp() - 30, PINNED.timestamp() - 30))
    _same_as_full(site, tmp_path, out, "corrupt", parsed)
    in_broken = {rel for rel in all_posts if readmemo.shard_of(rel) == readmemo.shard_of(p3)}
    assert set(parsed) == in_broken | {p5}
    assert len(parsed) < len(all_posts)


def test_the_read_memo_keeps_the_posts_the_reader_found_without_a_stat_each(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries come from the reader with their body hashes (named by the file's bytes, not
    hashed again); a deleted post's entry leaves the memo, and the memo's snapshot asks the
    file system nothing about the others."""
    from blogtool.build import readmemo
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "start")
    gone = "_posts/2014-10-13-p3.md"
    (site / gone).unlink()
    looked: list[str] = []
    real_exists = readmemo.os.path.exists
    monkeypatch.setattr(readmemo.os.path, "exists", lambda p: looked.append(p) or real_exists(p))
    _same_as_full(site, tmp_path, out, "deleted")
    assert not [p for p in looked if "_posts" in str(p)]
    session = BuildSession(site)
    assert gone not in session.read_memo and len(session.read_memo) == 5
    for rel, entry in session.read_memo.items():
        assert entry[2] == deps.file_body_hash(deps.content_hash((site / rel).read_bytes())), rel


def test_fields_of_other_documents_are_checked_in_a_new_process(site: Path,
                                                                tmp_path: Path) -> None:
    """An entry keeps the fields it read of single documents packed in one text, looked into
    only when a document it names changed: a new title, tags or layout still reach every page
    that shows them, and nothing else is rendered."""
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "start")
    shards = list((site / f".blogtool-cache/v{FORMAT}").glob("output-*.json"))
    assert any('"doc_fields"' in p.read_text("utf-8") for p in shards)
    for i, name in enumerate(("title", "add_tag", "body")):
        EDITS[name](site)
        edited = {"title": "_posts/2014-10-14-p4.md", "add_tag": "_posts/2014-10-15-p5.md",
                  "body": "_posts/2014-10-13-p3.md"}[name]
        os.utime(site / edited, (PINNED.timestamp() - 600 + i, PINNED.timestamp() - 600 + i))
        result = _same_as_full(site, tmp_path, out, name)
        if name == "title":
            assert set(result.rendered) == {"_posts/2014-10-14-p4.md", "_posts/2014-10-13-p3.md",
                                            "_posts/2014-10-15-p5.md", "index.html",
                                            "tags.html"}
        if name == "body":
            assert result.rendered == [edited]


@pytest.mark.parametrize("damage", [
    lambda e: e.update(fields=[["site"]]),
    lambda e: e.update(fields="rows"),
    lambda e: e.update(doc_fields="[[not json"),
    lambda e: e.update(doc_fields=[[1, 2]]),
    lambda e: e.update(files=["x"]),
    lambda e: e.update(out=[1, 2]),
    lambda e: e.update(warnings=[1]),
    lambda e: e.pop("body"),
])
def test_a_malformed_cache_entry_is_only_a_miss(site: Path, tmp_path: Path,
                                                damage: Any) -> None:
    """Every entry of every shard damaged the same way, then a post edited: no error, and
    the full build's bytes (a damaged entry that is looked at is a miss)."""
    import json
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "start")
    for shard in (site / f".blogtool-cache/v{FORMAT}").glob("*-*.json"):
        data = json.loads(shard.read_text("utf-8"))
        for rel, entry in data.items():
            if isinstance(entry, dict) and rel != "\x00blob":
                damage(entry)
        shard.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    (site / "_posts/2014-10-13-p3.md").write_text(post("第3篇", "flume", "改了"), "utf-8")
    os.utime(site / "_posts/2014-10-13-p3.md", (PINNED.timestamp() - 60,) * 2)
    result = _same_as_full(site, tmp_path, out, "damaged")
    assert "_posts/2014-10-13-p3.md" in result.rendered


def test_a_file_name_that_is_not_utf8_is_kept_in_the_records(site: Path, tmp_path: Path) -> None:
    """A name the file system gives with bytes that are not UTF-8 goes into the cache's
    records and comes back the same: the cached build is the full build."""
    name = os.fsdecode(b"stat\xff.txt")
    (site / name).write_text("x", "utf-8")
    (site / "_posts" / os.fsdecode(b"2014-10-20-p\xfe.md")).write_text(
        post("第9篇", "zk", "正文 9"), "utf-8")
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "start")
    (site / "_posts/2014-10-13-p3.md").write_text(post("第3篇", "flume", "改了"), "utf-8")
    os.utime(site / "_posts/2014-10-13-p3.md", (PINNED.timestamp() - 60,) * 2)
    result = _same_as_full(site, tmp_path, out, "again")
    assert result.rendered == ["_posts/2014-10-13-p3.md"]


def _hash_stats(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], Any, Any]:
    """From now on, the paths ``FileHashes.of`` ``stat``s are listed: the list, the counting
    ``stat`` put in place and the real one."""
    from blogtool.build import cache as cache_module
    stats: list[str] = []
    real_stat = os.stat

    def counting(path, *args, **kwargs):   # type: ignore[no-untyped-def]
        if sys._getframe(1).f_code is cache_module.FileHashes.of.__code__:
            stats.append(str(path))
        return real_stat(path, *args, **kwargs)
    monkeypatch.setattr(cache_module.os, "stat", counting)
    return stats, counting, real_stat


def test_source_stamps_come_from_the_listing_the_build_started_with(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build after the unchanged-site check takes the stamps of the source listing that
    check made instead of ``stat``-ing the files again; a file changed after that listing
    is built by the next build, and one changed within the stamp window is ``stat``-ed."""
    from blogtool.build import cache as cache_module
    from blogtool.build import unchanged
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "start")
    (site / "_posts/2014-10-13-p3.md").write_text(post("第3篇", "flume", "改\n\n二"), "utf-8")
    os.utime(site / "_posts/2014-10-13-p3.md", (PINNED.timestamp() - 60,) * 2)
    stats, counting, real_stat = _hash_stats(monkeypatch)
    probe = unchanged.check(site, out, site_time=PINNED)
    stats.clear()
    build(site, out, site_time=PINNED, jobs=1, probe=probe)
    assert not stats
    build(site, tmp_path / "other", site_time=PINNED, jobs=1)      # other arguments
    assert not stats
    monkeypatch.setattr(cache_module.os, "stat", real_stat)
    build(site, tmp_path / "cold-body", site_time=PINNED, jobs=1, use_cache=False)
    assert tree(out) == tree(tmp_path / "cold-body")

    # the include changes after the listing: this build may keep the old one, the next not
    probe = unchanged.check(site, out, site_time=PINNED)
    (site / "_includes/nav.html").write_text("<nav>后来改的</nav>", "utf-8")
    os.utime(site / "_includes/nav.html", (PINNED.timestamp() - 30,) * 2)
    build(site, out, site_time=PINNED, jobs=1, probe=probe)
    after = _same_as_full(site, tmp_path, out, "after-listing")
    assert "后来改的" in (out / "index.html").read_text("utf-8")
    assert after.rendered

    # a file written just before the listing is not trusted: stat-ed when it is hashed
    hashes = cache_module.FileHashes(site)
    nav = site / "_includes/nav.html"
    nav.write_text("<nav>刚写的</nav>", "utf-8")
    listing = [rel for rel in ["_includes/nav.html"]
               for rel in (rel, nav.stat().st_mtime_ns, nav.stat().st_size)]
    hashes.trust(listing, time.time_ns() - unchanged.RACY_NS)
    nav.write_text("<nav>又改了一次</nav>", "utf-8")
    assert hashes.of("_includes/nav.html") == deps.content_hash(nav.read_bytes())
    # an older stamp is taken as it is listed
    hashes.new_build()
    hashes.trust(listing, nav.stat().st_mtime_ns + 1)
    monkeypatch.setattr(cache_module.os, "stat", counting)
    stats.clear()
    assert hashes.of("_includes/nav.html") == deps.content_hash(nav.read_bytes())
    assert not stats
    monkeypatch.setattr(cache_module.os, "stat", real_stat)


def test_a_session_takes_the_stamps_of_the_posts_its_memo_kept(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """serve's rebuilds (a session, no unchanged-site check) take each unchanged post's
    mtime and size from the reader, which ``stat``-ed it to take it from the memo, instead
    of ``stat``-ing it again to hash it; a post changed within the stamp window is
    ``stat``-ed again; every rebuild gives the full build's bytes."""
    from blogtool.build import cache as cache_module
    _age(site)
    session = BuildSession(site)
    check(site, tmp_path, session, "start")
    stats = _hash_stats(monkeypatch)[0]
    p3 = site / "_posts/2014-10-13-p3.md"
    p3.write_text(post("第3篇", "flume", "改过\n\n二"), "utf-8")
    os.utime(p3, (PINNED.timestamp() - 60,) * 2)
    check(site, tmp_path, session, "body")
    assert not [p for p in stats if "_posts" in p]
    # a post written just now: the reader's stamp is too recent to vouch for its hash
    stats.clear()
    p4 = site / "_posts/2014-10-14-p4.md"
    p4.write_text(post("第4篇", "hdfs", "刚改的\n\n二"), "utf-8")
    check(site, tmp_path, session, "recent")
    stats.clear()
    check(site, tmp_path, session, "recent-again")
    assert [p for p in stats if "_posts" in p] == [str(p4)]

    hashes = cache_module.FileHashes(site)
    hashes.trust_stats({"_posts/2014-10-14-p4.md": (p4.stat().st_mtime_ns, p4.stat().st_size)},
                       p4.stat().st_mtime_ns + 1)
    stats.clear()
    assert hashes.of("_posts/2014-10-14-p4.md") == deps.content_hash(p4.read_bytes())
    assert not stats


def test_the_record_of_outputs_is_written_when_they_change(site: Path, tmp_path: Path) -> None:
    """What a build wrote is recorded for the next one (which patches the site in place);
    a rebuild that writes the same files leaves the record as it is."""
    session = BuildSession(site)
    check(site, tmp_path, session, "start")
    record = site / ".blogtool-cache" / f"v{FORMAT}" / "outputs.json"
    os.utime(record, (1_000_000_000, 1_000_000_000))
    EDITS["body"](site)
    check(site, tmp_path, session, "body")
    assert record.stat().st_mtime == 1_000_000_000
    EDITS["new_post"](site)
    check(site, tmp_path, session, "new")
    assert record.stat().st_mtime != 1_000_000_000
    assert any(p.endswith("p9.html") for p in
               json.loads(record.read_text("utf-8"))[str((tmp_path / "warm").resolve())])


def test_a_new_process_takes_the_hashes_of_unchanged_bodies_from_the_read_memo(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The read memo keeps each post's body hash, named by the file's bytes: a new process
    hashes no body of a post it takes from the memo, nor of one it parses again (the
    reader's digest of the file names it), and the output is the same."""
    from blogtool.build import work
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "start")
    session = BuildSession(site)
    assert len(session.body_hashes) == 6
    for rel, (body, digest) in session.body_hashes.items():
        assert session.read_memo[rel][1].body is body
        assert digest == deps.file_body_hash(deps.content_hash((site / rel).read_bytes()))
    hashed: list[bytes] = []
    real = work.content_hash

    def counting(data: bytes) -> str:
        hashed.append(data)
        return real(data)
    # hashed once, by whichever comes first: the reader (for the memo) or the render
    monkeypatch.setattr(work, "content_hash", counting)
    monkeypatch.setattr(deps, "content_hash", counting)
    p3 = site / "_posts/2014-10-13-p3.md"
    p3.write_text(post("第3篇", "flume", "新的正文\n\n第二段"), "utf-8")
    os.utime(p3, (PINNED.timestamp() - 60,) * 2)
    result = _same_as_full(site, tmp_path, out, "body")
    assert "_posts/2014-10-13-p3.md" in result.rendered
    assert not [h for h in hashed if "正文".encode() in h], "no body hashed"
    assert BuildSession(site).body_hashes["_posts/2014-10-13-p3.md"][1] == \
        deps.file_body_hash(deps.content_hash(p3.read_bytes()))


def test_what_a_kept_pause_made_goes_to_the_oldest_generation_and_stays_collectable() -> None:
    """``paused(keep=True)``: the young generations are left empty (no young collection
    walks the loaded cache again), nothing stays frozen, and a cycle made inside is still
    freed by a full collection (``serve`` builds again and again in one process)."""
    import gc
    import weakref

    from blogtool.build.gcpause import paused

    class Node:
        pass

    gc.collect()
    with paused(keep=True):
        assert not gc.isenabled()
        kept = [{"entry": i, "files": {"a": str(i)}} for i in range(5000)]
        cycle = Node()
        cycle.self = cycle         # type: ignore[attr-defined]
        ref = weakref.ref(cycle)
    assert gc.isenabled()
    assert gc.get_count()[0] < 100 and gc.get_freeze_count() == 0
    assert gc.is_tracked(kept[0])
    del cycle
    assert ref() is not None       # only a collection frees a cycle
    gc.collect()
    assert ref() is None
    with paused():
        with paused(keep=True):
            pass
        assert not gc.isenabled()  # nested: the outer pause goes on
    assert gc.isenabled()


def test_digests_of_long_inputs_are_sha256_and_short_ones_blake2b() -> None:
    """Fingerprints and content hashes keep their length whichever hash makes them; the same
    bytes always give the same digest, and a one-byte change a different one."""
    import hashlib
    short, long = b"x" * (deps.LONG_INPUT - 1), b"x" * deps.LONG_INPUT
    assert deps.content_hash(short) == hashlib.blake2b(short, digest_size=16).hexdigest()
    assert deps.content_hash(long) == hashlib.sha256(long).hexdigest()[:32]
    text = "中文" * deps.LONG_INPUT
    assert deps.fingerprint(text) == deps.fingerprint("中文" * deps.LONG_INPUT)
    assert deps.fingerprint(text) != deps.fingerprint(text[:-1] + "字")
    assert len(deps.fingerprint(text)) == len(deps.fingerprint("short")) == 24


def test_one_documents_plain_fields_are_one_row_and_any_change_shows() -> None:
    """A post's layout reads its own title, date and tags, its neighbour's title and URL and
    the site's title: one row for each document's plain fields, the fields rendering makes
    (content) and the site's fields in rows of their own; a change to any joined field, or a
    value moved from one field to another, fails the record."""
    recorder = deps.Recorder()
    own = deps.TrackedDict("_posts/2020-01-02-b.md", {
        "title": "乙", "date": dt.datetime(2020, 1, 2), "tags": ["java"], "content": "<p>x</p>"},
        recorder=recorder)
    prev = deps.TrackedDict("_posts/2020-01-01-a.md", {"title": "甲", "url": "/a.html"},
                            recorder=recorder)
    site = deps.TrackedDict("site", {"title": "博客"}, recorder=recorder)
    payloads = {own.owner: own, prev.owner: prev}
    fps = deps.Fingerprints(payloads, site)
    with recorder.recording() as reads:
        own["title"], own["date"], own["tags"], own["content"]
        prev["title"], prev["url"], site["title"]
    rows = fps.record(reads, own.owner)
    keys = sorted((o, k) for o, k, _ in rows)
    assert keys == [(prev.owner, deps.several(["title", "url"])),
                    (own.owner, deps.several(["date", "tags", "title"])),
                    (own.owner, "content"),
                    ("site", "title")]
    assert fps.valid(rows)
    for owner, key, value in [(own, "tags", ["java", "jvm"]), (prev, "url", "/a2.html"),
                              (own, "date", dt.datetime(2020, 1, 3))]:
        before = dict.__getitem__(owner, key)
        dict.__setitem__(owner, key, value)
        assert not deps.Fingerprints(payloads, site).valid(rows), key
        dict.__setitem__(owner, key, before)
    assert deps.Fingerprints(payloads, site).valid(rows)
    swapped = deps.TrackedDict(prev.owner, {"title": "/a.html", "url": "甲"})
    assert not deps.Fingerprints({**payloads, prev.owner: swapped}, site).valid(rows)
    del payloads[prev.owner]                      # the neighbour is gone
    assert not deps.Fingerprints(payloads, site).valid(rows)


_FIELD_VALUES = st.one_of(st.text(max_size=6), st.integers(-3, 3), st.none(), st.booleans(),
                          st.lists(st.text(max_size=3), max_size=3),
                          st.datetimes(min_value=dt.datetime(2000, 1, 1),
                                       max_value=dt.datetime(2030, 1, 1)))
_FIELD_NAMES = st.sampled_from(["title", "date", "tags", "url", "content", "excerpt", "layout",
                                "a\x00b", "\x02odd", "*"])


_OWNERS = ["_posts/a.md", "_posts/b.md", "about.md"]


@settings(max_examples=300, deadline=None)
@given(docs=st.fixed_dictionaries({rel: st.dictionaries(_FIELD_NAMES, _FIELD_VALUES, max_size=5)
                                   for rel in _OWNERS}),
       reads=st.lists(st.tuples(st.sampled_from(_OWNERS + ["site"]), _FIELD_NAMES),
                      max_size=12),
       own=st.sampled_from(_OWNERS), data=st.data())
def test_joined_rows_fail_exactly_when_a_field_read_changed(docs, reads, own, data) -> None:
    """Against the plain model (one row a field read): whatever a page read and whichever
    field then changed (one it read, most often), the recorded rows fail exactly when a
    field it read changed. A field whose name starts with the joined rows' mark counts as
    a read of its whole document."""
    recorder = deps.Recorder()
    payloads = {rel: deps.TrackedDict(rel, fields, recorder=recorder)
                for rel, fields in docs.items()}
    site = deps.TrackedDict("site", {"title": "站"}, recorder=recorder)
    rows = deps.Fingerprints(payloads, site).record(set(reads), own)
    owner, key = data.draw(st.sampled_from(reads) if reads and data.draw(st.booleans())
                           else st.tuples(st.sampled_from(_OWNERS + ["site"]), _FIELD_NAMES))
    value = data.draw(_FIELD_VALUES)
    target = site if owner == "site" else payloads[owner]
    before = dict.get(target, key, "\x00missing")
    dict.__setitem__(target, key, value)
    changed = deps.fingerprint(before) != deps.fingerprint(value)
    whole = {o for o, k in reads if k == deps.ALL or (o != "site" and k[:1] == deps.SEVERAL)}
    read_it = (owner, key) in reads or owner in whole
    assert deps.Fingerprints(payloads, site).valid(rows) is not (changed and read_it)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None, blacklist_categories=()), max_size=700)
       | st.text(min_size=505, max_size=520))
def test_a_string_fingerprinted_from_its_utf8_is_fingerprinted_alike(text: str) -> None:
    """The cache hashes the rendered content it encodes for its text file: the same
    fingerprint as the field's own, short or long (BLAKE2b below 512 bytes, SHA-256 from
    there), lone surrogates included."""
    assert deps.str_fingerprint(text.encode("utf-8", "surrogatepass")) == deps.fingerprint(text)


def test_a_list_of_names_is_fingerprinted_by_its_items() -> None:
    """Tags and categories: the items and their order count, an item holding a NUL is not
    taken for two items, and a list of names is not taken for a string."""
    fp = deps.fingerprint
    assert fp(["a", "b"]) != fp(["a\x00b"]) and fp(["a", "b"]) != fp(["b", "a"])
    assert fp(["a", "b"]) != fp(["ab"]) and fp(["a"]) != fp("a")
    assert fp(["a", "b"]) == fp(["a", "b"]) and fp([]) != fp([""])


class _Name(str):
    """A string of another type (as a template engine may hand back)."""


def test_a_value_is_fingerprinted_by_what_it_is_not_by_its_exact_type() -> None:
    """The common kinds take short ways to their fingerprint: a string of another type, a
    document of another class (a drop) and a joined row give what the general way gives;
    a document counts by its name, the site's data by what it holds."""
    fp = deps.fingerprint
    assert fp(_Name("标题")) == fp("标题") and fp(_Name("x")) != fp("y")
    doc = deps.TrackedDict("_posts/a.md", {"title": "甲"})
    assert fp(Drop("_posts/a.md", {"title": "乙"})) == fp(doc)
    assert fp(doc) != fp(deps.TrackedDict("_posts/b.md", {"title": "甲"}))
    data = deps.TrackedDict("site.data", {"nav": ["a", "b"]})
    assert fp(data) == fp({"nav": ["a", "b"]})
    assert fp(data) != fp(deps.TrackedDict("site.data", {"nav": ["a"]}))
    assert fp(None) != fp("None") and fp(None) == fp(None)
    payloads = {"_posts/a.md": deps.TrackedDict("_posts/a.md", {
        "title": _Name("甲"), "next": Drop("_posts/b.md", {}), "previous": None, "n": 2})}
    plain = {"_posts/a.md": deps.TrackedDict("_posts/a.md", {
        "title": "甲", "next": deps.TrackedDict("_posts/b.md", {}), "previous": None, "n": 2})}
    key = deps.several(["n", "next", "previous", "title"])
    assert deps.Fingerprints(payloads, {}).of("_posts/a.md", key) == \
        deps.Fingerprints(plain, {}).of("_posts/a.md", key)
    dict.__setitem__(plain["_posts/a.md"], "previous", "")
    assert deps.Fingerprints(payloads, {}).of("_posts/a.md", key) != \
        deps.Fingerprints(plain, {}).of("_posts/a.md", key)


def test_bodies_are_hashed_once_before_the_waves(site: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached build hashes every document's body in the building process before any
    worker forks, and the waves take those digests without looking the documents up again;
    a body that cannot be hashed up front is left to the render, as before."""
    from blogtool.build.work import WorkState
    from blogtool.models import Document

    class NoLookup(dict):
        def __getitem__(self, key: object) -> Any:
            raise AssertionError(f"{key} looked up after the bodies were settled")

    settled_states: list[WorkState] = []
    real = WorkState.settle_bodies

    def settle(self: WorkState) -> None:
        real(self)
        settled_states.append(self)
    monkeypatch.setattr(WorkState, "settle_bodies", settle)
    build(site, tmp_path / "out", site_time=PINNED, jobs=1)
    (state,) = settled_states
    assert set(state.body_digests) == set(state.docs)
    docs = state.docs
    assert state.body_digests["_posts/2014-10-13-p3.md"] == \
        deps.file_body_hash(deps.content_hash((site / "_posts/2014-10-13-p3.md").read_bytes()))
    state.docs = NoLookup(docs)
    assert state.body_hash("_posts/2014-10-13-p3.md") == \
        state.body_digests["_posts/2014-10-13-p3.md"]

    broken = dataclasses.replace(docs["_posts/2014-10-13-p3.md"], body="\udc80")
    state.docs = {**docs, "_posts/2014-10-13-p3.md": broken}
    state.body_hashes = {}
    real(state)
    assert "_posts/2014-10-13-p3.md" not in state.body_digests
    assert isinstance(broken, Document)
    with pytest.raises(UnicodeEncodeError):
        state.body_hash("_posts/2014-10-13-p3.md")
    # without recording (--no-cache) nothing is hashed
    settled_states.clear()
    build(site, tmp_path / "cold", site_time=PINNED, jobs=1, use_cache=False)
    assert not settled_states


def _entries(src: Path) -> dict[tuple[str, str], Any]:
    """Every cache entry on disk, by kind and document, its rendered text decoded."""
    from blogtool.build.cache import Cache
    from blogtool.build.cachedir import CACHE_DIR
    from blogtool.build.deferred import settled

    cache = Cache(src / CACHE_DIR)
    found = {}
    for path in sorted((src / CACHE_DIR / f"v{FORMAT}").glob("*-*.json")):
        kind = path.name.split("-", 1)[0]
        for rel, entry in cache._load((kind, int(path.stem.split("-")[1]))).items():
            result = entry.get("result")
            if isinstance(result, dict):
                entry = {**entry, "result": {k: settled(v) for k, v in result.items()}}
            # rows in any order (they come from a set); a page's written time is its own
            entry["fields"] = sorted(entry["fields"])
            entry["doc_fields"] = sorted(json.loads(entry.get("doc_fields") or "[]"))
            if "out" in entry:
                entry["out"] = entry["out"]["size"]
            found[kind, rel] = entry
    return found


def test_a_chunk_makes_its_cache_entries_once_its_documents_are_rendered(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within a chunk every document renders first, then the entries are made one after
    another (the recording's tables stay in the processor's caches); each entry is what it
    was when made right after its own render: a chunk of one document gives the same."""
    from blogtool.build import pool, work
    from blogtool.build.render import Renderer

    events: list[tuple[str, str]] = []
    for name in ("render_content", "render_output"):
        real_render = getattr(Renderer, name)

        def render(self: Renderer, doc: Any, *args: Any, _real: Any = real_render,
                   **kwargs: Any) -> Any:
            events.append(("render", doc.rel_path))
            return _real(self, doc, *args, **kwargs)
        monkeypatch.setattr(Renderer, name, render)
    real_entry = work._entry

    def entry(state: Any, doc: Any, *args: Any) -> dict:
        events.append(("entry", doc.rel_path))
        return real_entry(state, doc, *args)
    monkeypatch.setattr(work, "_entry", entry)
    chunks: list[list[str]] = []
    real_chunk = work._run_chunk

    def run_chunk(kind: str, state: Any, rel_paths: list[str]) -> list:
        chunks.append(list(rel_paths))
        start = len(events)
        outcomes = real_chunk(kind, state, rel_paths)
        mine = events[start:]
        renders = [rel for what, rel in mine if what == "render"]
        assert renders == rel_paths
        assert mine == [("render", rel) for rel in rel_paths] + \
            [("entry", rel) for rel in rel_paths]
        assert all(o.pending is None and o.entry is not None for o in outcomes)
        return outcomes
    monkeypatch.setattr(work, "_run_chunk", run_chunk)
    build(site, tmp_path / "together", site_time=PINNED, jobs=1)
    assert any(len(chunk) > 1 for chunk in chunks)
    together = _entries(site)

    shutil.rmtree(site / ".blogtool-cache")
    monkeypatch.setattr(pool, "split", lambda items, jobs, minimum=4: [[i] for i in items])
    chunks.clear()
    build(site, tmp_path / "alone", site_time=PINNED, jobs=1)
    assert chunks and all(len(chunk) == 1 for chunk in chunks)
    assert _entries(site) == together and len(together) > 10
    assert tree(tmp_path / "alone") == tree(tmp_path / "together")


def test_an_entry_that_cannot_be_made_fails_its_document_only(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while making a cache entry after the chunk rendered is that document's
    error, in its name, as a failure while rendering it is; the site before is intact."""
    build(site, tmp_path / "out", site_time=PINNED, jobs=1, use_cache=False)
    before = tree(tmp_path / "out")
    real_record = deps.Fingerprints.record

    def record(self: deps.Fingerprints, reads: Any, own: str | None = None) -> list:
        if own == "_posts/2014-10-14-p4.md":
            raise ValueError("no fingerprint")
        return real_record(self, reads, own)
    monkeypatch.setattr(deps.Fingerprints, "record", record)
    with pytest.raises(BuildError) as failed:
        build(site, tmp_path / "out", site_time=PINNED, jobs=1)
    assert str(failed.value).startswith("_posts/2014-10-14-p4.md")
    assert "internal error while rendering: ValueError: no fingerprint" in str(failed.value)
    assert tree(tmp_path / "out") == before


def test_a_body_the_build_rewrites_is_hashed_as_rewritten(site: Path, tmp_path: Path) -> None:
    """A post whose file did not change but whose body the build rewrites differently (a
    relative link to a page that moved) renders again: only a body read as it is from its
    file is named by the file's bytes."""
    cfg = site / "_config.yml"
    cfg.write_text(cfg.read_text("utf-8") + "plugins: [jekyll-relative-links]\n"
                   "relative_links:\n  collections: true\n", "utf-8")
    (site / "about.md").write_text("---\ntitle: 关于\npermalink: /about/\n---\n关于本站\n",
                                   "utf-8")
    p2 = site / "_posts/2014-10-12-p2.md"
    p2.write_text(post("第2篇", "hdfs", "见 [关于](../about.md)"), "utf-8")
    _age(site)
    out = tmp_path / "out"
    _same_as_full(site, tmp_path, out, "start")
    assert '<a href="/about/">关于</a>' in (out / "2014/10/12/p2.html").read_text("utf-8")
    about = site / "about.md"
    about.write_text(about.read_text("utf-8").replace("/about/", "/site/about/"), "utf-8")
    _age(site, 1800)
    result = _same_as_full(site, tmp_path, out, "moved")
    assert "_posts/2014-10-12-p2.md" in result.rendered
    assert '<a href="/site/about/">关于</a>' in (out / "2014/10/12/p2.html").read_text("utf-8")


def test_a_cached_document_reports_its_warnings_again(site: Path, tmp_path: Path) -> None:
    """A document taken from the cache reports the warnings it had when it rendered, in a new
    process too; entries of documents without warnings or notes keep no empty lists."""
    p2 = site / "_posts/2014-10-12-p2.md"
    p2.write_text(post("第2篇", "hdfs", "{{ 'x' | nosuchfilter }} 正文"), "utf-8")
    _age(site)
    out = tmp_path / "out"
    first = build(site, out, site_time=PINNED, jobs=1)
    assert [(w.path, w.line) for w in first.warnings] == [("_posts/2014-10-12-p2.md", 6)]
    p5 = site / "_posts/2014-10-15-p5.md"
    p5.write_text(p5.read_text("utf-8") + "\n又一段\n", "utf-8")
    os.utime(p5, (PINNED.timestamp() - 60,) * 2)
    again = _same_as_full(site, tmp_path, out, "warned")
    assert "_posts/2014-10-12-p2.md" not in again.rendered
    assert [(w.path, w.line, w.message) for w in again.warnings] == \
        [(w.path, w.line, w.message) for w in first.warnings]
    def entries(kind: str) -> dict:
        found: dict = {}
        for shard in (site / f".blogtool-cache/v{FORMAT}").glob(f"{kind}-*.json"):
            found.update(json.loads(shard.read_text("utf-8")))
        return found
    contents, outputs = entries("content"), entries("output")
    assert contents["_posts/2014-10-12-p2.md"]["warnings"]      # the body's Liquid warned
    for plain in (contents["_posts/2014-10-13-p3.md"], outputs["_posts/2014-10-12-p2.md"],
                  outputs["_posts/2014-10-13-p3.md"]):
        assert "env" in plain and "warnings" not in plain and "notes" not in plain
