"""Theme sites: the pages the generators add (home, tags, categories, archive, 404, feed,
sitemap, robots.txt), their URLs, pagination edges and escaping, built end to end."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import html5lib
import pytest

from blogtool.build.config import BLOGTOOL_DEFAULTS
from blogtool.build.generators import paginate, taxonomy
from blogtool.build.generators.pages import chunk
from blogtool.build.site import build

SITE_TIME = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def post(root: Path, day: int, title: str, *, tags=(), categories=(), body="正文。\n",
         extra: str = "") -> None:
    tag_list = ", ".join(f'"{t}"' for t in tags)
    cat_list = ", ".join(f'"{c}"' for c in categories)
    write(root, f"_posts/2015-03-{day:02d}-p{day}.md",
          f'---\ntitle: "{title}"\ntags: [{tag_list}]\ncategories: [{cat_list}]\n{extra}---\n'
          f"{body}")


def site(tmp_path: Path, config: str = "", posts: int = 0, **kw) -> Path:
    src = tmp_path / "src"
    write(src, "_config.yml", "title: 测试站\nurl: https://example.com\n" + config)
    for i in range(1, posts + 1):
        post(src, i, f"第 {i} 篇", **kw)
    return src


def run(src: Path) -> Path:
    dest = src.parent / "out"
    build(src, dest, site_time=SITE_TIME, jobs=1)
    return dest


def files(dest: Path) -> set[str]:
    return {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}


def html_errors(path: Path) -> list:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(path.read_bytes())
    return parser.errors


# --- pagination edges -------------------------------------------------------------------------

@pytest.mark.parametrize("count,pages", [(0, 1), (7, 3), *[pytest.param(c, p, marks=pytest.mark.sweep)
                                                           for c, p in ((1, 1), (3, 1), (4, 2))]])
def test_home_pagination_edges(tmp_path: Path, count: int, pages: int) -> None:
    src = site(tmp_path, "blogtool:\n  paginate: 3\n", posts=count)
    dest = run(src)
    out = files(dest)
    assert "index.html" in out
    made = sorted(f for f in out if f.startswith("page/"))
    assert made == [f"page/{n}/index.html" for n in range(2, pages + 1)]
    assert f"page/{pages + 1}/index.html" not in out
    home = (dest / "index.html").read_text("utf-8")
    # newest first; exactly min(count, 3) posts on the first page
    shown = [i for i in range(count, 0, -1) if f"第 {i} 篇" in home]
    assert shown == list(range(count, max(count - 3, 0), -1))
    if count == 0:
        assert "还没有文章" in home
    if pages > 1:
        assert 'href="/page/2/"' in home
        last = (dest / f"page/{pages}/index.html").read_text("utf-8")
        assert 'rel="next"' not in last
        assert f'href="/page/{pages - 1}/"' in last or (pages == 2 and 'href="/"' in last)
    else:
        assert 'class="pagination"' not in home


def test_theme_pages_paths_and_paginator_keys() -> None:
    docs = [SimpleNamespace(rel_path=f"_posts/p{i}.md") for i in range(5)]
    pages = paginate.theme_pages(docs, 2, "/tags/中文/")
    assert [url for url, _ in pages] == ["/tags/中文/", "/tags/中文/page/2/", "/tags/中文/page/3/"]
    first, second, last = (p for _, p in pages)
    assert first["previous_page_path"] is None and first["next_page_path"] == "/tags/中文/page/2/"
    assert second["previous_page_path"] == "/tags/中文/" and second["next_page"] == 3
    assert last["next_page"] is None and last["total_posts"] == 5 and last["total_pages"] == 3
    assert list(first["posts"]) == ["_posts/p0.md", "_posts/p1.md"]
    assert list(last["posts"]) == ["_posts/p4.md"]
    assert chunk([], 3) == [[]] and chunk([1, 2, 3], 3) == [[1, 2, 3]]


# --- tags and categories ----------------------------------------------------------------------

def test_tag_and_category_pages_with_cjk_and_case_folding(tmp_path: Path) -> None:
    src = site(tmp_path)
    post(src, 1, "一", tags=["Flume", "中文 标签"], categories=["大数据"])
    post(src, 2, "二", tags=["flume", "中文  标签"], categories=["大数据"])
    post(src, 3, "三", tags=["FLUME"], categories=["Ops"])
    dest = run(src)
    out = files(dest)
    # one page per term, whatever the case or spacing; CJK kept (decoded on disk)
    assert {f for f in out if f.startswith("tags/")} == {
        "tags/index.html", "tags/flume/index.html", "tags/中文-标签/index.html"}
    assert {f for f in out if f.startswith("categories/")} == {
        "categories/index.html", "categories/大数据/index.html", "categories/ops/index.html"}
    flume = (dest / "tags/flume/index.html").read_text("utf-8")
    assert all(t in flume for t in ("一", "二", "三")) and "3 篇" in flume
    # links from a post use the percent-encoded URL
    page = (dest / "大数据/2015/03/01/p1.html").read_text("utf-8")
    assert 'href="/tags/%E4%B8%AD%E6%96%87-%E6%A0%87%E7%AD%BE/"' in page
    assert 'href="/categories/%E5%A4%A7%E6%95%B0%E6%8D%AE/"' in page
    # the index is sorted by count, then name
    index = (dest / "tags/index.html").read_text("utf-8")
    assert index.index("#Flume") < index.index("#中文 标签")
    cats = (dest / "categories/index.html").read_text("utf-8")
    assert cats.index("大数据") < cats.index("Ops")


@pytest.mark.parametrize("term", ["../../etc", "a?b#c", *[pytest.param(t, marks=pytest.mark.sweep)
                                                          for t in ("a/b", "?", "#", "   ", "..", "🔥")]])
def test_hostile_terms_give_safe_urls(tmp_path: Path, term: str) -> None:
    src = site(tmp_path)
    post(src, 1, "一", tags=[term, "ok"])
    dest = run(src)
    for path in dest.rglob("*"):
        assert dest in path.resolve().parents or path.resolve() == dest
    out = files(dest)
    tag_pages = {f for f in out if f.startswith("tags/") and f != "tags/index.html"}
    expected = 1 if term.strip() else 0   # a blank term is no term
    assert len(tag_pages) == 1 + expected
    for f in tag_pages:
        parts = f.split("/")
        assert len(parts) == 3 and parts[1] not in ("", ".", "..")
        assert not any(c in parts[1] for c in "?#/")


def test_colliding_slugs_get_distinct_pages() -> None:
    terms = [taxonomy.Term("c++", "C++"), taxonomy.Term("c#", "C#"), taxonomy.Term("c", "c")]
    taxonomy.assign_urls(terms, "/tags/:name/", "tag_permalink")
    assert [t.url for t in terms] == ["/tags/c/", "/tags/c-2/", "/tags/c-3/"]


def test_tag_pages_paginate_under_their_own_url(tmp_path: Path) -> None:
    src = site(tmp_path, "blogtool:\n  paginate: 2\n", posts=5, tags=["page"])
    dest = run(src)
    out = files(dest)
    assert {"tags/page/index.html", "tags/page/page/2/index.html",
            "tags/page/page/3/index.html"} <= out
    assert "tags/page/page/4/index.html" not in out


def test_configurable_term_urls(tmp_path: Path) -> None:
    src = site(tmp_path, "blogtool:\n  tag_permalink: /topic/:name.html\n", posts=1,
               tags=["Java"])
    dest = run(src)
    assert (dest / "topic/java.html").is_file()
    assert (dest / "topic/index.html").is_file()


# --- escaping, archive, 404 -------------------------------------------------------------------

def test_titles_and_tags_are_escaped_once(tmp_path: Path) -> None:
    src = site(tmp_path)
    post(src, 1, "<3 秒> & 总结", tags=["<b>x</b>"], body="**粗体** 与 <em>强调</em>\n")
    dest = run(src)
    for rel in ("2015/03/01/p1.html", "index.html", "archive/index.html", "tags/index.html"):
        text = (dest / rel).read_text("utf-8")
        assert "<3 秒>" not in text and "<b>x</b>" not in text, rel
        assert html_errors(dest / rel) == [], rel
    page = (dest / "2015/03/01/p1.html").read_text("utf-8")
    assert "<h1>&lt;3 秒&gt; &amp; 总结</h1>" in page
    assert "&amp;amp;" not in page
    assert "<strong>粗体</strong>" in page and "<em>强调</em>" in page


def test_archive_404_and_own_files_win(tmp_path: Path) -> None:
    src = site(tmp_path)
    post(src, 1, "一")
    write(src, "_posts/2016-01-01-later.md", "---\ntitle: 后来\n---\n后来。\n")
    write(src, "index.md", "---\ntitle: 我的首页\n---\n自己的首页\n")
    write(src, "robots.txt", "User-agent: *\n")
    dest = run(src)
    archive = (dest / "archive/index.html").read_text("utf-8")
    assert archive.index("2016") < archive.index("2015")
    assert (dest / "404.html").is_file() and "404" in (dest / "404.html").read_text("utf-8")
    assert "自己的首页" in (dest / "index.html").read_text("utf-8")
    assert not (dest / "page/2").exists()
    assert (dest / "robots.txt").read_text("utf-8") == "User-agent: *\n"


# --- feed and sitemap -------------------------------------------------------------------------

def test_feed_is_valid_atom_with_latest_posts(tmp_path: Path) -> None:
    src = site(tmp_path, "blogtool:\n  feed_posts: 3\n")
    for i in range(1, 6):
        post(src, i, f"第 {i} 篇 <3 & \\x01控制", tags=["标签"], body=f"内容 {i} ]]> 结束\n")
    dest = run(src)
    root = ET.parse(dest / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"第 {i} 篇 <3 & 控制" for i in (5, 4, 3)]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == "https://example.com/2015/03/05/p5.html"
    assert first.findtext(f"{ATOM}content") == "<p>内容 5 ]]&gt; 结束</p>"
    assert first.findtext(f"{ATOM}summary") == "内容 5 ]]> 结束"   # split CDATA survives
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["标签"]
    assert root.findtext(f"{ATOM}title") == "测试站"


def test_feed_updated_is_its_newest_post_not_the_build_time(tmp_path: Path) -> None:
    src = site(tmp_path, "timezone: UTC\n")
    post(src, 7, "较早", extra="date: 2015-03-07 08:00:00 +0800\n")
    post(src, 9, "最新", extra="date: 2015-03-09 21:30:00 +0800\n")
    dest = run(src)
    root = ET.parse(dest / "feed.xml").getroot()
    assert root.findtext(f"{ATOM}updated") == "2015-03-09T13:30:00+00:00"   # in the site's zone
    later = tmp_path / "later"
    build(src, later, site_time=SITE_TIME + dt.timedelta(days=400), jobs=1, use_cache=False)
    assert (later / "feed.xml").read_bytes() == (dest / "feed.xml").read_bytes()
    empty = site(tmp_path / "empty", "timezone: UTC\n")
    assert ET.parse(run(empty) / "feed.xml").getroot().findtext(f"{ATOM}updated") == \
        "2024-01-02T03:04:05+00:00"      # no posts: the build's time


def test_sitemap_lists_every_page(tmp_path: Path) -> None:
    src = site(tmp_path, "blogtool:\n  paginate: 1\n", posts=2, tags=["t"])
    write(src, "about.md", "---\ntitle: 关于\n---\n关于。\n")
    dest = run(src)
    locs = [e.text for e in ET.parse(dest / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    html_files = {f for f in files(dest) if f.endswith(".html")
                  and f not in ("404.html", "search/index.html")}   # both sitemap: false
    expected = set()
    for f in html_files:
        url = "/" + f
        expected.add("https://example.com" + (url[: -len("index.html")]
                                              if url.endswith("/index.html") else url))
    assert set(locs) == expected
    assert len(locs) == len(set(locs))
    assert (dest / "robots.txt").read_text("utf-8") == \
        "Sitemap: https://example.com/sitemap.xml\n"


def test_stylesheet_has_theme_and_code_colours(tmp_path: Path) -> None:
    dest = run(site(tmp_path, posts=1))
    css = (dest / "assets/blogtool.css").read_text("utf-8")
    assert "prefers-color-scheme: dark" in css and ".highlight" in css
    assert "text-emphasis" in css and "PingFang SC" in css
    assert "@import" not in css and "url(" not in css


def test_defaults_documented_in_config() -> None:
    assert BLOGTOOL_DEFAULTS["tag_permalink"] == "/tags/:name/"
    assert BLOGTOOL_DEFAULTS["category_permalink"] == "/categories/:name/"
