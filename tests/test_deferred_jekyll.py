"""A cached build after an edit, whose unchanged posts' content comes from the cache undecoded
(``build/deferred.py``), against real Jekyll 4.3.1 building the same edited site: pages that
show every post's content, its excerpt, its size and a filtered slice of it come out as
Jekyll's, and as blogtool's own ``--no-cache`` build byte for byte."""
from __future__ import annotations

import os
import time
from pathlib import Path

from compat import build_blogtool, build_jekyll, compare
from tests.test_incremental import tree

LAYOUT = """<!DOCTYPE html>
<html><head><title>{{ page.title | default: site.title }}</title></head>
<body>{{ content }}</body></html>
"""
SHOWS = """---
layout: default
title: 全部正文
---
{% for p in site.posts %}<section><h2>{{ p.title }}</h2>{{ p.content }}
<p>字数 {{ p.content | size }}：{{ p.content | strip_html | truncate: 40 }}</p></section>
{% endfor %}
"""
EXCERPTS = """---
layout: default
title: 摘要
---
{% for p in site.posts %}<article><a href="{{ p.url | relative_url }}">{{ p.title }}</a>
{{ p.excerpt }}</article>
{% endfor %}
{% assign second = site.posts | where: "title", "第2篇" | first %}<p>{{ second.content | strip_html | truncatewords: 5 }}</p>
"""


def _post(i: int, words: str) -> str:
    paragraphs = "\n\n".join(f"{words} {i} 第{n}段：日志里的 `NullPointerException` 和 **加粗** 的"
                             f"说明，第 {n} 次重试以后恢复。" for n in range(10))
    return f"---\nlayout: default\ntitle: 第{i}篇\n---\n{paragraphs}\n"


def _write(src: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, "utf-8")
    old = time.time() - 600          # older than the cache's window for recent files
    for path in src.rglob("*"):
        os.utime(path, (old, old))


def _as_jekyll_builds(src: Path, out: Path, jekyll_out: Path, name: str) -> None:
    """``out`` has Jekyll's URLs, titles, text and links for the site as it is now."""
    jekyll = build_jekyll(src, jekyll_out)
    assert jekyll.ok, jekyll.describe()
    report = compare(jekyll.dest, out)
    assert report.urls_identical, (name, report.explain())
    assert report.pages and report.title_score == 1.0, (name, report.explain())
    assert report.text_min == 1.0 and report.link_score == 1.0, (name, report.explain())


def test_a_cached_build_after_an_edit_shows_what_jekyll_shows(tmp_path: Path) -> None:
    src = tmp_path / "site"
    _write(src, {"_config.yml": "title: 缓存站点\ntimezone: Asia/Shanghai\n",
                 "_layouts/default.html": LAYOUT, "shows.html": SHOWS, "excerpts.html": EXCERPTS,
                 **{f"_posts/2015-03-{i:02d}-p{i}.md": _post(i, "正文") for i in range(1, 7)}})
    out = tmp_path / "blogtool"
    first = build_blogtool(src, out, cache=True)
    assert first.ok, first.describe()
    assert list((src / ".blogtool-cache").rglob("content-*.txt")), "nothing went to the cache"
    _write(src, {"_posts/2015-03-04-p4.md": _post(4, "改过的正文")})
    again = build_blogtool(src, out, cache=True)
    assert again.ok, again.describe()
    full = build_blogtool(src, tmp_path / "full")
    assert full.ok, full.describe()
    assert tree(out) == tree(tmp_path / "full")
    jekyll = build_jekyll(src, tmp_path / "jekyll")
    assert jekyll.ok, jekyll.describe()
    report = compare(jekyll.dest, out)
    assert report.urls_identical, report.explain()
    assert report.pages and report.title_score == 1.0, report.explain()
    assert report.text_min == 1.0 and report.link_score == 1.0, report.explain()
    shown = (out / "shows.html").read_text("utf-8")
    assert "改过的正文 4" in shown and "正文 6 第9段" in shown


def test_serves_rebuilds_after_edits_show_what_jekyll_shows(tmp_path: Path) -> None:
    """``serve``'s rebuilds (one session: unchanged posts' file hashes from the reader's
    stamps, bodies hashed before the waves) after a body edit, a title edit and a new post,
    each against real Jekyll 4.3.1 building the site as it then is."""
    from blogtool.build.site import BuildSession, build
    src = tmp_path / "site"
    _write(src, {"_config.yml": "title: 预览站点\ntimezone: Asia/Shanghai\n",
                 "_layouts/default.html": LAYOUT, "shows.html": SHOWS, "excerpts.html": EXCERPTS,
                 **{f"_posts/2015-03-{i:02d}-p{i}.md": _post(i, "正文") for i in range(1, 7)}})
    session = BuildSession(src)
    out = tmp_path / "serve"
    build(src, out, session=session, jobs=1)
    edits = {
        "body": {"_posts/2015-03-02-p2.md": _post(2, "改过的正文")},
        "title": {"_posts/2015-03-05-p5.md": _post(5, "正文").replace("第5篇", "新标题")},
        "new": {"_posts/2015-03-09-p9.md": _post(9, "新文章")},
    }
    for name, files in edits.items():
        _write(src, files)
        build(src, out, session=session, jobs=1)
        _as_jekyll_builds(src, out, tmp_path / f"jekyll-{name}", name)
    shown = (out / "shows.html").read_text("utf-8")
    assert "改过的正文 2" in shown and "新标题" in shown and "新文章 9" in shown


def test_a_forked_first_build_and_its_rebuild_show_what_jekyll_shows(tmp_path: Path) -> None:
    """A first build big enough for every path of the cache's writing (two processes, each
    chunk's entries made after its renders, the posts' content shards written beside the
    listing pages), then a new process after a body and a title edit, each against real
    Jekyll 4.3.1 building the site as it then is, and the rebuild as blogtool's full build."""
    from blogtool.build.work import HEAVY_SITE
    src = tmp_path / "site"
    count = HEAVY_SITE + 12
    _write(src, {"_config.yml": "title: 分块站点\ntimezone: Asia/Shanghai\n",
                 "_layouts/default.html": LAYOUT, "shows.html": SHOWS, "excerpts.html": EXCERPTS,
                 **{f"_posts/2015-{1 + i // 28:02d}-{1 + i % 28:02d}-p{i}.md": _post(i, "正文")
                    for i in range(count)}})
    out = tmp_path / "blogtool"
    edits = {"first": {},
             "edits": {"_posts/2015-02-03-p30.md": _post(30, "改过的正文"),
                       "_posts/2015-03-05-p60.md": _post(60, "正文").replace("第60篇", "新标题")}}
    for name, files in edits.items():
        _write(src, files)
        built = build_blogtool(src, out, cache=True, args=["--jobs", "2"])
        assert built.ok, built.describe()
        _as_jekyll_builds(src, out, tmp_path / f"jekyll-{name}", name)
    assert len(list((src / ".blogtool-cache").rglob("content-*.txt"))) > 1
    full = build_blogtool(src, tmp_path / "full")
    assert full.ok, full.describe()
    assert tree(out) == tree(tmp_path / "full")
    shown = (out / "shows.html").read_text("utf-8")
    assert "改过的正文 30" in shown and "新标题" in shown
