"""Jekyll sites: no file Jekyll would not write, and, with ``plugins:``, the files of
jekyll-feed, jekyll-sitemap, jekyll-paginate, jekyll-archives and jekyll-redirect-from in the
plugins' own shapes. Expected texts below were produced by Jekyll 4.3.1 with jekyll-sitemap
1.4.0, jekyll-archives 2.2.1 and jekyll-redirect-from 0.16.0 on the same fixture."""
from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from blogtool.build.site import build

SITE_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
ATOM = "{http://www.w3.org/2005/Atom}"

JEKYLL_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n<url>\n<loc>https://example.com/base/hadoop/2014/10/11/post-1.html</loc>\n<lastmod>2014-10-11T00:00:00+00:00</lastmod>\n</url>\n<url>\n<loc>https://example.com/base/hadoop/2014/10/12/post-2.html</loc>\n<lastmod>2014-10-12T00:00:00+00:00</lastmod>\n</url>\n<url>\n<loc>https://example.com/base/hadoop/2014/10/13/post-3.html</loc>\n<lastmod>2014-10-13T00:00:00+00:00</lastmod>\n</url>\n<url>\n<loc>https://example.com/base/hadoop/2014/10/14/post-4.html</loc>\n<lastmod>2014-10-14T00:00:00+00:00</lastmod>\n</url>\n<url>\n<loc>https://example.com/base/hadoop/2014/10/15/post-5.html</loc>\n<lastmod>2014-10-15T00:00:00+00:00</lastmod>\n</url>\n<url>\n<loc>https://example.com/base/about.html</loc>\n</url>\n<url>\n<loc>https://example.com/base/</loc>\n</url>\n<url>\n<loc>https://example.com/base/tag/flume/</loc>\n</url>\n<url>\n<loc>https://example.com/base/tag/%E4%B8%AD%E6%96%87/</loc>\n</url>\n<url>\n<loc>https://example.com/base/tag/big-data/</loc>\n</url>\n<url>\n<loc>https://example.com/base/category/hadoop/</loc>\n</url>\n<url>\n<loc>https://example.com/base/2014/</loc>\n</url>\n<url>\n<loc>https://example.com/base/2014/10/</loc>\n</url>\n<url>\n<loc>https://example.com/base/page2/</loc>\n</url>\n<url>\n<loc>https://example.com/base/page3/</loc>\n</url>\n</urlset>\n'

JEKYLL_REDIRECT = '<!DOCTYPE html>\n<html lang="en-US">\n  <meta charset="utf-8">\n  <title>Redirecting&hellip;</title>\n  <link rel="canonical" href="https://example.com/base/about.html">\n  <script>location="https://example.com/base/about.html"</script>\n  <meta http-equiv="refresh" content="0; url=https://example.com/base/about.html">\n  <meta name="robots" content="noindex">\n  <h1>Redirecting&hellip;</h1>\n  <a href="https://example.com/base/about.html">Click here if you are not redirected.</a>\n</html>\n'

JEKYLL_TAG_ARCHIVE = '<html><body>type=tag|title=Big Data|date=|name=index|path=tag/big-data/index.html|url=/tag/big-data/\n/hadoop/2014/10/15/post-5.html;/hadoop/2014/10/14/post-4.html;/hadoop/2014/10/13/post-3.html;/hadoop/2014/10/12/post-2.html;/hadoop/2014/10/11/post-1.html;\n</body></html>\n'

JEKYLL_YEAR_ARCHIVE = '<html><body>type=year|title=|date=2014-01-01|name=index|path=2014/index.html|url=/2014/\n/hadoop/2014/10/15/post-5.html;/hadoop/2014/10/14/post-4.html;/hadoop/2014/10/13/post-3.html;/hadoop/2014/10/12/post-2.html;/hadoop/2014/10/11/post-1.html;\n</body></html>\n'

CONFIG = """title: "Test Blog"
description: 测试博客
url: https://example.com
baseurl: /base
author:
  name: 作者
"""
PLUGINS = """plugins: [jekyll-feed, jekyll-sitemap, jekyll-paginate, jekyll-archives, jekyll-redirect-from]
paginate: 2
jekyll-archives:
  enabled: [tags, categories, year, month]
  layout: archive
"""
INDEX = """---
layout: default
---
{% for post in paginator.posts %}<a href="{{ post.url }}">{{ post.title }}</a>
{% endfor %}p={{ paginator.page }}/{{ paginator.total_pages }} prev={{ paginator.previous_page_path }} next={{ paginator.next_page_path }}
"""
ARCHIVE_LAYOUT = """---
layout: default
---
type={{ page.type }}|title={{ page.title }}|date={{ page.date }}|name={{ page.name }}|path={{ page.path }}|url={{ page.url }}
{% for p in page.posts %}{{ p.url }};{% endfor %}
"""


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def jekyll_site(tmp_path: Path, plugins: bool) -> Path:
    src = tmp_path / "src"
    write(src, "_config.yml", CONFIG + (PLUGINS if plugins else "paginate: 2\n"))
    write(src, "_layouts/default.html", "<html><body>{{ content }}</body></html>\n")
    write(src, "_layouts/archive.html", ARCHIVE_LAYOUT)
    write(src, "index.html", INDEX)
    write(src, "about.md", "---\ntitle: About\nredirect_from: [/old-about/, /older.html]\n---\n"
                           "关于\n")
    for i in range(1, 6):
        write(src, f"_posts/2014-10-1{i}-post-{i}.md",
              f'---\ntitle: "<3 秒> & 总结 {i}"\ntags: [Flume, 中文, Big Data]\n'
              f"categories: [hadoop]\n---\n正文 {i} & <b>bold</b>\n\n第二段\n")
    return src


def run(src: Path) -> Path:
    dest = src.parent / "out"
    build(src, dest, site_time=SITE_TIME, jobs=1)
    return dest


def files(dest: Path) -> set[str]:
    return {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}


POSTS = {f"hadoop/2014/10/1{i}/post-{i}.html" for i in range(1, 6)}


def test_jekyll_site_without_plugins_gets_no_extra_files(tmp_path: Path) -> None:
    dest = run(jekyll_site(tmp_path, plugins=False))
    assert files(dest) == POSTS | {"index.html", "about.html"}


def test_plugin_files_are_the_plugins_files(tmp_path: Path) -> None:
    dest = run(jekyll_site(tmp_path, plugins=True))
    assert files(dest) == POSTS | {
        "index.html", "about.html", "page2/index.html", "page3/index.html",
        "feed.xml", "sitemap.xml", "robots.txt", "redirects.json",
        "old-about/index.html", "older.html",
        "tag/flume/index.html", "tag/中文/index.html", "tag/big-data/index.html",
        "category/hadoop/index.html", "2014/index.html", "2014/10/index.html"}
    assert (dest / "sitemap.xml").read_text("utf-8") == JEKYLL_SITEMAP
    assert (dest / "robots.txt").read_text("utf-8") == \
        "Sitemap: https://example.com/base/sitemap.xml\n"
    assert (dest / "old-about/index.html").read_text("utf-8") == JEKYLL_REDIRECT
    assert json.loads((dest / "redirects.json").read_text("utf-8")) == {
        "/old-about/": "https://example.com/base/about.html",
        "/older.html": "https://example.com/base/about.html"}
    assert (dest / "tag/big-data/index.html").read_text("utf-8") == JEKYLL_TAG_ARCHIVE
    assert (dest / "2014/index.html").read_text("utf-8") == JEKYLL_YEAR_ARCHIVE


def test_jekyll_feed_shape(tmp_path: Path) -> None:
    dest = run(jekyll_site(tmp_path, plugins=True))
    text = (dest / "feed.xml").read_text("utf-8")
    # jekyll-feed's template, minified as the plugin does
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org'
                           '/2005/Atom" ><generator uri="https://jekyllrb.com/" version="4.3.1">'
                           'Jekyll</generator><link href="https://example.com/base/feed.xml" '
                           'rel="self" type="application/atom+xml" />')
    root = ET.fromstring(text)
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        f"https://example.com/base/hadoop/2014/10/1{i}/post-{i}.html" for i in range(5, 0, -1)]
    assert entries[0].findtext(f"{ATOM}id") == "https://example.com/base/hadoop/2014/10/15/post-5"
    assert [c.get("term") for c in entries[0].findall(f"{ATOM}category")] == [
        "hadoop", "Flume", "中文", "Big Data"]


def test_jekyll_paginate_pages(tmp_path: Path) -> None:
    """Output verified against Jekyll 4.3.1 + jekyll-paginate 1.1.0 (paths without a slash,
    as ``paginate_path: /page:num`` gives them)."""
    dest = run(jekyll_site(tmp_path, plugins=True))
    assert (dest / "index.html").read_text("utf-8").endswith(
        "p=1/3 prev= next=/page2\n</body></html>\n")
    page2 = (dest / "page2/index.html").read_text("utf-8")
    assert '<a href="/hadoop/2014/10/13/post-3.html">' in page2
    assert page2.endswith("p=2/3 prev=/ next=/page3\n</body></html>\n")
    assert (dest / "page3/index.html").read_text("utf-8").endswith(
        "p=3/3 prev=/page2 next=\n</body></html>\n")


@pytest.mark.parametrize("plugin,expected", [
    ("jekyll-feed", {"feed.xml"}),
    ("jekyll-sitemap", {"sitemap.xml", "robots.txt"}),
    ("jekyll-redirect-from", {"redirects.json", "old-about/index.html", "older.html"}),
])
def test_each_plugin_alone(tmp_path: Path, plugin: str, expected: set[str]) -> None:
    src = jekyll_site(tmp_path, plugins=False)
    write(src, "_config.yml", CONFIG + f"plugins: [{plugin}]\n")
    dest = run(src)
    assert files(dest) == POSTS | {"index.html", "about.html"} | expected


def test_gems_key_only_counts_in_github_pages_compat(tmp_path: Path) -> None:
    src = jekyll_site(tmp_path, plugins=False)
    write(src, "_config.yml", CONFIG + "gems: [jekyll-sitemap]\n")
    assert "sitemap.xml" not in files(run(src))
    write(src, "_config.yml", CONFIG + "gems: [jekyll-sitemap]\nblogtool:\n"
                                       "  compat: github-pages\n")
    assert "sitemap.xml" in files(run(src))


def test_existing_files_win_over_plugin_files(tmp_path: Path) -> None:
    src = jekyll_site(tmp_path, plugins=True)
    write(src, "feed.xml", "---\nlayout: null\n---\n<feed>own</feed>\n")
    write(src, "robots.txt", "User-agent: *\n")
    dest = run(src)
    assert (dest / "feed.xml").read_text("utf-8") == "<feed>own</feed>\n"
    assert (dest / "robots.txt").read_text("utf-8") == "User-agent: *\n"
