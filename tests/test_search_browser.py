"""Search and the error index in a real browser (Debian's Chromium through Playwright) on a
fixture blog with posts in zh-CN, zh-TW, ja, ko and en, built by blogtool (the Pagefind index
included) and served by a stdlib HTTP server on 127.0.0.1.

Each query must put the right post first: Chinese, Traditional Chinese, Japanese and Korean
words, exception class names as a stack trace prints them, and phrases from log lines. The
error index must list the fixture's exceptions, and every link in it must land on a block
that shows the error."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import pytest
from test_search_build import _jekyll_site

from blogtool.build.site import build
from support.browser import chromium, static_server

SITE = Path(__file__).resolve().parent / "fixtures" / "searchblog"

SAFEMODE = "/2014/10/18/hdfs-safemode.html"
HBASE = "/2015/02/02/hbase-region.html"
KAFKA = "/2015/06/18/kafka-rebalance.html"
TOMCAT = "/2016/08/02/tomcat-memory.html"
SPRING = "/2017/01/01/spring-npe.html"
NGINX = "/2017/03/03/nginx-upstream.html"

QUERIES = [
    ("安全模式", SAFEMODE),                       # zh-CN (the decoy post has 安全组 and 模式)
    ("區域伺服器", HBASE),                        # zh-TW
    ("リバランス", KAFKA),                        # ja
    ("메모리 부족", TOMCAT),                      # ko
    ("NullPointerException", SPRING),             # a decoy post names it in prose
    ("org.apache.kafka.clients.consumer.CommitFailedException", KAFKA),
    ("CommitFailedException", KAFKA),
    ("java.lang.OutOfMemoryError", TOMCAT),      # a Korean post; an English one says "Java"
    ("SafeModeException", SAFEMODE),
    ("Safe mode is ON", SAFEMODE),                # log phrases
    ("connect() failed", NGINX),
    ("Connection refused while connecting to upstream", NGINX),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("search")
    when = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
    build(SITE, root / "site", site_time=when, jobs=1, use_cache=False)
    # the same blog under a baseurl, served from /blog/ beside it
    build(SITE, root / "site" / "blog", site_time=when, jobs=1, use_cache=False,
          overrides={"baseurl": "/blog"})
    # a Jekyll site with `search: true`, its layouts using blogtool's includes, under /jekyll/
    src = _jekyll_site(root / "jekyll-src", "title: t\nbaseurl: /jekyll\nblogtool:\n"
                                            "  search: true\n")
    build(src, root / "site" / "jekyll", site_time=when, jobs=1, use_cache=False)
    with static_server(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str):
    with chromium() as browser:
        context = browser.new_context()
        outside: list[str] = []
        context.on("request", lambda r: outside.append(r.url)
                   if not r.url.startswith(server + "/") else None)
        try:
            yield context.new_page()
        finally:
            context.close()
        assert outside == []


def _results(page, server: str, query: str, base: str = "") -> list[dict]:
    page.goto(f"{server}{base}/search/?q={quote(query)}")
    page.wait_for_function("document.querySelector('[data-search-status]').textContent"
                           " && document.querySelector('[data-search-status]').textContent"
                           " !== '…'", timeout=20_000)
    return page.eval_on_selector_all("[data-search-results] > li", """items => items.map(li => ({
        href: li.querySelector('h2 a').getAttribute('href'),
        title: li.querySelector('h2 a').textContent,
        date: (li.querySelector('.result-date') || {}).textContent || '',
        excerpt: li.querySelector('.result-excerpt').innerHTML}))""")


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_the_right_post_comes_first(page, server: str, query: str, expected: str) -> None:
    results = _results(page, server, query)
    assert results, f"no result for {query!r}"
    assert results[0]["href"] == expected, [r["href"] for r in results]


def test_a_result_shows_title_date_and_the_passage(page, server: str) -> None:
    first = _results(page, server, "安全模式")[0]
    assert first["title"] == "HDFS 重启后 NameNode 一直处于安全模式"
    assert first["date"] == "2014年10月18日"
    assert "<mark>" in first["excerpt"]


def test_under_a_baseurl_results_link_inside_it(page, server: str) -> None:
    for query, expected in (("リバランス", KAFKA), ("SafeModeException", SAFEMODE)):
        results = _results(page, server, query, base="/blog")
        assert results and results[0]["href"] == "/blog" + expected


def test_a_jekyll_site_with_search_finds_its_posts(page, server: str) -> None:
    page.goto(server + "/jekyll/2020/02/01/notes.html")
    page.fill("#blogtool-search-box-q", "No space left on device")
    page.press("#blogtool-search-box-q", "Enter")
    page.wait_for_selector("[data-search-results] > li", timeout=20_000)
    first = page.eval_on_selector("[data-search-results] > li", """li => [
        li.querySelector('h2 a').getAttribute('href'), li.querySelector('h2 a').textContent,
        li.querySelector('.result-date').textContent]""")
    assert first == ["/jekyll/2020/01/01/broker.html", "Broker down", "2020-01-01"]


def test_no_result_says_so(page, server: str) -> None:
    assert _results(page, server, "zzyzxqwv") == []
    assert page.text_content("[data-search-status]") == "没有找到结果。"


def test_the_search_box_of_a_post_leads_to_results(page, server: str) -> None:
    page.goto(server + KAFKA)
    page.fill("#site-search-q", "SafeModeException")
    page.press("#site-search-q", "Enter")
    page.wait_for_selector("[data-search-results] > li", timeout=20_000)
    assert page.url.startswith(server + "/search/?q=SafeModeException")
    assert page.get_attribute("[data-search-results] > li h2 a", "href") == SAFEMODE


def test_the_error_index_links_to_the_blocks(page, server: str) -> None:
    page.goto(server + "/errors/")
    groups = page.eval_on_selector_all(".error-group h2 code", "els => els.map(e => e.textContent)")
    assert groups == [
        "org.apache.kafka.clients.consumer.CommitFailedException",
        "org.apache.hadoop.hbase.NotServingRegionException",
        "java.lang.NullPointerException",
        "java.lang.OutOfMemoryError",
        "org.apache.hadoop.hdfs.server.namenode.SafeModeException",
    ]
    links = page.eval_on_selector_all(
        ".error-group", """groups => groups.map(g => [g.querySelector('h2').textContent,
            [...g.querySelectorAll('.error-posts a')].map(a => a.getAttribute('href'))])""")
    plain = page.eval_on_selector_all("#e-log .error-posts a", "as => as.map(a => a.getAttribute('href'))")
    assert plain == [NGINX + "#log-1"]
    for heading, hrefs in links:
        assert hrefs, heading
        for href in hrefs:
            page.goto(server + href)
            block = page.evaluate("id => { const el = document.getElementById(id);"
                                  " return el && el.tagName + ' ' + el.textContent }",
                                  href.split("#", 1)[1])
            assert block and block.startswith("PRE "), href
            name = heading.rsplit(".", 1)[-1]
            if heading.strip() != "无异常类的错误日志":
                assert name in block, (href, name)


def test_a_post_lists_its_errors(page, server: str) -> None:
    page.goto(server + KAFKA)
    items = page.eval_on_selector_all(".post-errors li", "lis => lis.map(li => li.textContent)")
    assert len(items) == 1 and "CommitFailedException" in items[0]
    page.click(".post-errors li a.in-index")
    assert page.url == server + "/errors/#e-org.apache.kafka.clients.consumer.CommitFailedException"
