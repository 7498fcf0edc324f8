"""serve's fast path: the page of a post whose body alone changed is written straight from the
last good build, and is byte for byte the page the full build then makes."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_incremental import PINNED, post, site, tree  # noqa: F401 (fixtures)

from blogtool.build.quick import quick_render
from blogtool.build.site import BuildSession, build

P3 = "_posts/2014-10-13-p3.md"
P3_PAGE = "2014/10/13/p3.html"


def first_build(src: Path, dest: Path) -> BuildSession:
    session = BuildSession(src)
    build(src, dest, site_time=PINNED, jobs=1, session=session)
    return session


def test_body_edit_is_written_ahead_and_matches_the_full_build(site: Path, tmp_path: Path):
    dest = tmp_path / "out"
    session = first_build(site, dest)
    (site / P3).write_text(post("第3篇", "flume", "新的正文，**加粗**。\n\n第二段"), "utf-8")
    assert quick_render(session, {P3}) == [P3_PAGE]
    early = (dest / P3_PAGE).read_bytes()
    assert "新的正文，<strong>加粗</strong>。".encode() in early
    before = tree(dest)
    result = build(site, dest, site_time=PINNED, jobs=1, session=session)
    assert (dest / P3_PAGE).read_bytes() == early          # the full build agrees
    changed = {rel for rel, data in tree(dest).items() if before.get(rel) != data}
    assert changed == set()               # no other page shows p3's body
    assert result.changed_files == []     # same bytes: the page is not replaced again
    cold = build(site, tmp_path / "cold", site_time=PINNED, jobs=1, use_cache=False)
    assert tree(dest) == tree(tmp_path / "cold") and cold.documents == result.documents


@pytest.mark.parametrize("edit", [
    lambda s: (s / P3).write_text(post("新标题", "flume", "正文 3"), "utf-8"),   # front matter
    lambda s: (s / P3).write_text("---\nlayout: [\n---\nbroken\n", "utf-8"),     # bad YAML
    lambda s: (s / P3).write_text(post("第3篇", "flume", "{% if %}"), "utf-8"),  # Liquid error
    lambda s: (s / P3).unlink(),                                                 # deleted
])
def test_anything_but_a_body_edit_is_left_to_the_full_build(site: Path, tmp_path: Path, edit):
    dest = tmp_path / "out"
    session = first_build(site, dest)
    before = tree(dest)
    edit(site)
    assert quick_render(session, {P3}) is None
    assert tree(dest) == before                            # nothing touched


def test_layouts_includes_and_unknown_files_are_not_quick(site: Path, tmp_path: Path):
    dest = tmp_path / "out"
    session = first_build(site, dest)
    for rel in ("_layouts/post.html", "_includes/nav.html", "_data/authors.yml",
                "_config.yml", "_posts/2014-10-30-new.md", "index.html"):
        assert quick_render(session, {rel}) is None
    assert quick_render(BuildSession(site), {P3}) is None  # no good build yet


def test_a_failed_build_turns_the_fast_path_off(site: Path, tmp_path: Path):
    dest = tmp_path / "out"
    session = first_build(site, dest)
    (site / "_layouts/post.html").write_text("{% if %}", "utf-8")
    with pytest.raises(Exception):
        build(site, dest, site_time=PINNED, jobs=1, session=session)
    (site / P3).write_text(post("第3篇", "flume", "改了"), "utf-8")
    assert quick_render(session, {P3}) is None


def test_theme_site_page_is_quick_too(tmp_path: Path):
    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: 主题站点\n", "utf-8")
    (src / "about.md").write_text("---\ntitle: 关于\n---\n关于我\n", "utf-8")
    (src / "_posts/2014-10-18-a.md").write_text("---\ntitle: 甲\ntags: [x]\n---\n旧内容\n",
                                                 "utf-8")
    dest = tmp_path / "out"
    session = BuildSession(src)
    build(src, dest, site_time=PINNED, jobs=1, session=session)
    (src / "_posts/2014-10-18-a.md").write_text("---\ntitle: 甲\ntags: [x]\n---\n新内容\n",
                                                 "utf-8")
    (src / "about.md").write_text("---\ntitle: 关于\n---\n关于你\n", "utf-8")
    written = quick_render(session, {"_posts/2014-10-18-a.md", "about.md"})
    assert written is not None and len(written) == 2
    early = {rel: (dest / rel).read_bytes() for rel in written}
    assert any("新内容".encode() in data for data in early.values())
    build(src, dest, site_time=PINNED, jobs=1, session=session)
    assert {rel: (dest / rel).read_bytes() for rel in written} == early


def test_the_full_build_names_the_other_pages_that_show_the_post(site: Path, tmp_path: Path):
    dest = tmp_path / "out"
    session = first_build(site, dest)
    newest = "_posts/2014-10-16-p6.md"                     # its excerpt is on excerpts.html
    (site / newest).write_text(post("第6篇", "hdfs", "新摘要\n\n第二段 6"), "utf-8")
    assert quick_render(session, {newest}) == ["2014/10/16/p6.html"]
    result = build(site, dest, site_time=PINNED, jobs=1, session=session)
    assert result.changed_files == ["excerpts.html"]
    assert "新摘要".encode() in (dest / "excerpts.html").read_bytes()


def test_a_failing_full_build_puts_the_early_page_back(site: Path, tmp_path: Path):
    """serve writes the saved post's page before the build; if that build then fails, the
    site must be the previous one exactly: the page goes back, bytes and mtime."""
    dest = tmp_path / "out"
    session = first_build(site, dest)
    before = tree(dest)
    mtime = (dest / P3_PAGE).stat().st_mtime_ns
    (site / P3).write_text(post("第3篇", "flume", "新的正文"), "utf-8")
    assert quick_render(session, {P3}) == [P3_PAGE]
    assert "新的正文".encode() in (dest / P3_PAGE).read_bytes()
    (site / "excerpts.html").write_text("---\nlayout: default\n---\n{% for %}", "utf-8")
    with pytest.raises(Exception):
        build(site, dest, site_time=PINNED, jobs=1, session=session)
    assert tree(dest) == before
    assert (dest / P3_PAGE).stat().st_mtime_ns == mtime
    # and the next good build brings the edit in
    (site / "excerpts.html").write_text("---\nlayout: default\n---\nok", "utf-8")
    build(site, dest, site_time=PINNED, jobs=1, session=session)
    assert "新的正文".encode() in (dest / P3_PAGE).read_bytes()
