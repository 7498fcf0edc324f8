"""Unit tests of ``blogtool.urls`` against the values real Jekyll 4.3.1 produced
(permalink styles, placeholders, escaping and slugify modes; re-verified by the fixture
builds)."""
from __future__ import annotations

import datetime as dt

import pytest

from blogtool import urls

SLUGIFY = [  # input, default, raw, pretty, ascii, latin
    ("The _config.yml file", "the-config-yml-file", "the-_config.yml-file",
     "the-_config.yml-file", "the-config-yml-file", "the-config-yml-file"),
    ("Flume Agent Stops!", "flume-agent-stops", "flume-agent-stops!", "flume-agent-stops!",
     "flume-agent-stops", "flume-agent-stops"),
    ("中文 标题：测试", "中文-标题-测试", "中文-标题：测试", "中文-标题-测试", "", ""),
    ("日本語のタイトル 2014", "日本語のタイトル-2014", "日本語のタイトル-2014", "日本語のタイトル-2014",
     "2014", "2014"),
    ("한국어 제목", "한국어-제목", "한국어-제목", "한국어-제목", "", ""),
    ("Héllo Wörld Ça va?", "héllo-wörld-ça-va", "héllo-wörld-ça-va?", "héllo-wörld-ça-va",
     "h-llo-w-rld-a-va", "hello-world-ca-va"),
    ("Über die Brücke", "über-die-brücke", "über-die-brücke", "über-die-brücke",
     "ber-die-br-cke", "uber-die-brucke"),
    ("C++ & C# (notes)", "c-c-notes", "c++-&-c#-(notes)", "c++-&-c-(notes)", "c-c-notes",
     "c-c-notes"),
    ("  --Leading-- and trailing--  ", "leading-and-trailing", "--leading---and-trailing--",
     "leading-and-trailing", "leading-and-trailing", "leading-and-trailing"),
    ("Hello.World.txt", "hello-world-txt", "hello.world.txt", "hello.world.txt",
     "hello-world-txt", "hello-world-txt"),
]


@pytest.mark.parametrize("row", SLUGIFY, ids=lambda r: r[0])
def test_slugify_modes(row):
    text, *expected = row
    got = [urls.slugify(text, mode) for mode in ("default", "raw", "pretty", "ascii", "latin")]
    assert got == expected


@pytest.mark.parametrize("mode", ["cjk", "none", "whatever"])
def test_unknown_slugify_modes_only_lowercase(mode):
    assert urls.slugify("中文 标题：测试 ABC", mode) == "中文 标题：测试 abc"


def test_slugify_none_mode_is_default_and_cased_keeps_case():
    assert urls.slugify("Upper Case", None) == "upper-case"
    assert urls.slugify("Upper_Case.Title", "pretty", cased=True) == "Upper_Case.Title"
    assert urls.slugify(None) == ""


@pytest.mark.parametrize("value, encoded", [
    ("a?b#c%d[e]f", "a?b%23c%25d%5Be%5Df"),
    ("g h+i&j~k_l:m@n'o(p)!q*r,s;t=u", "g%20h+i&j~k_l:m@n'o(p)!q*r,s;t=u"),
    ("中文-标题", "%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98"),
    ("plain/path-1.html", "plain/path-1.html"),
])
def test_placeholder_escaping(value, encoded):
    assert urls.escape_path(value) == encoded
    assert urls.unescape_path(encoded) == value


@pytest.mark.parametrize("style, template", [
    ("date", "/:categories/:year/:month/:day/:title:output_ext"),
    (None, "/:categories/:year/:month/:day/:title:output_ext"),
    ("pretty", "/:categories/:year/:month/:day/:title/"),
    ("ordinal", "/:categories/:year/:y_day/:title:output_ext"),
    ("weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext"),
    ("none", "/:categories/:title:output_ext"),
    ("/:year/:title/", "/:year/:title/"),
])
def test_style_templates(style, template):
    assert urls.style_template(style) == template


def _values(**kw):
    base = dict(date=urls_date(2014, 10, 13), slug="flume-agent-stops",
                basename="2014-10-13-flume-agent-stops", categories=["Big Data", "hadoop"],
                collection="posts", output_ext=".html", rel_path="/2014-10-13-flume-agent-stops")
    base.update(kw)
    return urls.document_placeholders(**base)


def urls_date(y, m, d, h=0, mi=0, s=0):
    return dt.datetime(y, m, d, h, mi, s, tzinfo=dt.UTC)


@pytest.mark.parametrize("style, url", [
    ("date", "/big%20data/hadoop/2014/10/13/flume-agent-stops.html"),
    ("pretty", "/big%20data/hadoop/2014/10/13/flume-agent-stops/"),
    ("ordinal", "/big%20data/hadoop/2014/286/flume-agent-stops.html"),
    ("weekdate", "/big%20data/hadoop/2014/W42/Mon/flume-agent-stops.html"),
    ("none", "/big%20data/hadoop/flume-agent-stops.html"),
    ("/:year/:month/:title:output_ext", "/2014/10/flume-agent-stops.html"),
    ("/:categories/:title", "/big%20data/hadoop/flume-agent-stops"),
])
def test_post_urls_per_style(style, url):
    assert urls.document_url(urls.style_template(style), _values()) == url


def test_every_date_placeholder():
    values = _values(date=urls_date(2014, 1, 2, 3, 4, 5))
    template = ("/:year/:short_year/:month/:i_month/:short_month/:long_month/:day/:i_day/:y_day"
                "/:hour/:minute/:second/:week/:w_year/:w_day/:short_day/:long_day")
    assert urls.fill_template(template, values) == \
        "/2014/14/01/1/Jan/January/02/2/002/03/04/05/01/2014/4/Thu/Thursday"


def test_name_slug_title_categories_placeholders():
    values = _values(slug="中文 标题!", categories=["Hadoop", "HBase", "hadoop", "C++"])
    assert values["title"] == "中文-标题!"
    assert values["slug"] == "中文-标题"
    assert values["name"] == "2014-10-13-flume-agent-stops"
    assert values["categories"] == "hadoop/hbase/c++"
    assert values["slugified_categories"] == "hadoop/hbase/c"
    assert urls.fill_template("/:title/", values) == "/%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98!/"


def test_underscore_after_a_placeholder_and_unknown_placeholders():
    assert urls.fill_template("/:month_:day/", _values()) == "/10_13/"
    with pytest.raises(urls.UnknownPlaceholder):
        urls.fill_template("/:foo/:title/", _values())
    assert urls.fill_template("/:foo/", _values(), strict=False) == "/:foo/"


def test_literal_permalink_text_is_not_encoded():
    assert urls.document_url("/ignored/", _values(), permalink="/raw/中文 url") == "/raw/中文 url"


def test_sanitize_squeezes_and_neutralises():
    assert urls.sanitize_url("a//b/../c/./d") == "/a/b/c/d"
    assert urls.document_url("/:categories/:title/", _values(categories=[])) == \
        "/flume-agent-stops/"


@pytest.mark.parametrize("kw, url", [
    (dict(dir="", basename="about", output_ext=".html", html=True, permalink_style="date"),
     "/about.html"),
    (dict(dir="", basename="about", output_ext=".html", html=True, permalink_style="pretty"),
     "/about/"),
    (dict(dir="", basename="404", output_ext=".html", html=True, permalink_style="pretty"),
     "/404/"),
    (dict(dir="", basename="about", output_ext=".html", html=True,
          permalink_style="/:categories/:title"), "/about"),
    (dict(dir="", basename="about", output_ext=".html", html=True,
          permalink_style="/blog/:year/:title/"), "/about/"),
    (dict(dir="docs", basename="index", output_ext=".html", html=True, permalink_style="date"),
     "/docs/"),
    (dict(dir="", basename="feed", output_ext=".json", html=False, permalink_style="pretty"),
     "/feed.json"),
    (dict(dir="docs", basename="中文 页面", output_ext=".html", html=True, permalink_style="date"),
     "/docs/%E4%B8%AD%E6%96%87%20%E9%A1%B5%E9%9D%A2.html"),
    (dict(dir="", basename="p", output_ext=".html", html=True, permalink_style="date",
          permalink="/:year/:title/"), "/:year/:title/"),
    (dict(dir="a", basename="p", output_ext=".html", html=True, permalink_style="date",
          permalink="/x/:path/:basename:output_ext"), "/x/a/p.html"),
])
def test_page_urls(kw, url):
    assert urls.page_url(**kw) == url


def test_weekdate_pages_get_no_suffix():
    """Jekyll's add_permalink_suffix knows only pretty/date/ordinal/none: under weekdate a page
    URL has no extension (verified: /about, file about.html)."""
    assert urls.page_url(dir="", basename="about", output_ext=".html", html=True,
                         permalink_style="weekdate") == "/about"


@pytest.mark.parametrize("url, ext, page, path", [
    ("/2014/10/15/%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98.html", ".html", False,
     "2014/10/15/中文-标题.html"),
    ("/about/", ".html", True, "about/index.html"),
    ("/", ".html", True, "index.html"),
    ("/lessons/2011/12/29/intro", ".html", False, "lessons/2011/12/29/intro.html"),
    ("/feed.json", ".json", True, "feed.json"),
    ("/big%20data/x.html", ".html", False, "big data/x.html"),
    ("/raw/中文 url", ".html", True, "raw/中文 url.html"),
])
def test_url_to_path(url, ext, page, path):
    assert urls.url_to_path(url, ext, page=page) == path


@pytest.mark.parametrize("slug, title", [
    ("flume-agent-stops", "Flume Agent Stops"), ("Upper_Case.Title", "Upper_case.title"),
    ("UPPER", "Upper"), ("with space", "With space"), ("a_b-c", "A_b C"),
    ("中文 标题", "中文 标题"),
])
def test_titleize_slug(slug, title):
    assert urls.titleize_slug(slug) == title


def test_dot_segments_stay_inside_the_destination() -> None:
    """Jekyll's sanitized_path: '..' (also percent-encoded) is resolved from the root."""
    from blogtool.urls import url_to_path
    assert url_to_path("/%2e%2e/%2e%2e/%2e%2e/baddie.html", ".html") == "baddie.html"
    assert url_to_path("/a/%2E%2E/%2e%2E/b/", ".html") == "b/index.html"
    assert url_to_path("/./x/./y.html", ".html") == "x/y.html"


def test_a_year_python_cannot_hold_keeps_ruby_s_year_in_urls() -> None:
    from blogtool.timeutil import document_date, site_zone
    from blogtool.urls import document_placeholders, document_url, style_template
    for text, year in (("0000-01-01", "0000"), ("-5-03-01", "-0005"), ("12345-1-1", "12345")):
        date = document_date(text, site_zone("UTC"))
        values = document_placeholders(date=date, slug="x", basename="x", categories=[],
                                       collection="posts", output_ext=".html", rel_path="/x")
        assert document_url(style_template("date"), values).startswith(f"/{year}/"), text
