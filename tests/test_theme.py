"""The default theme: Jekyll's filters in Jinja2, escaping, labels, overrides from the site's
``_templates/``, and every page of the example blog (the repository root) as valid HTML5."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import html5lib
import pytest
from markupsafe import Markup

from blogtool.build.site import build
from blogtool.labels import LABELS, LANGUAGES, label, long_date, site_lang
from blogtool.theme import Theme, cdata, templates_dir, xml_text
from blogtool.timeutil import RubyTime

REPO = Path(__file__).resolve().parent.parent
SETTINGS = SimpleNamespace(baseurl="/blog", url="https://example.com", timezone="Asia/Shanghai")
SITE_TIME = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)


def render(theme: Theme, source: str, **context) -> str:
    return theme.env.from_string(source).render(**context)


@pytest.fixture()
def theme(tmp_path: Path) -> Theme:
    return Theme(tmp_path, SETTINGS)


def test_jekyll_filters_use_site_settings(theme: Theme) -> None:
    date = RubyTime(2014, 10, 18, 9, 5, tzinfo=dt.UTC)
    assert render(theme, "{{ '/tags/中文/' | relative_url }}") == \
        "/blog/tags/%E4%B8%AD%E6%96%87/"
    assert render(theme, "{{ '/a/' | absolute_url }}") == "https://example.com/blog/a/"
    assert render(theme, "{{ d | date_to_xmlschema }}", d=date) == "2014-10-18T17:05:00+08:00"
    assert render(theme, "{{ d | date_to_string }}", d=date) == "18 Oct 2014"
    assert render(theme, "{{ d | date('%Y年%m月') }}", d=date) == "2014年10月"
    assert render(theme, "{{ missing | relative_url }}") == "None"


def test_autoescape_and_markup(theme: Theme) -> None:
    out = render(theme, "<h1>{{ t }}</h1>{{ c }}", t="<3 秒> & 总结", c=Markup("<p>x</p>"))
    assert out == "<h1>&lt;3 秒&gt; &amp; 总结</h1><p>x</p>"


def test_xml_helpers() -> None:
    assert xml_text("a\x00b\x1fc\td\ufffe") == "abc\td"
    assert str(cdata("x]]>y\x01")) == "<![CDATA[x]]]]><![CDATA[>y]]>"
    root = ET.fromstring(f"<r>{cdata('a ]]> b & <i>')}</r>")
    assert root.text == "a ]]> b & <i>"


def test_labels_follow_site_lang() -> None:
    assert site_lang({}) == "zh-CN" and site_lang({"lang": "zh-TW"}) == "zh-TW"
    assert site_lang({"lang": "zh_HK"}) == "zh-TW" and site_lang({"lang": "zh-Hans"}) == "zh-CN"
    assert site_lang({"lang": "ja-JP"}) == "ja" and site_lang({"lang": "ko_KR"}) == "ko"
    assert site_lang({"lang": "en-US"}) == "en" and site_lang({"lang": "fr"}) == "en"
    assert label("zh-CN", "tags") == "标签" and label("en", "tags") == "Tags"
    assert label("zh-TW", "tags") == "標籤" and label("ja", "tags") == "タグ"
    assert label("ko", "tags") == "태그"
    assert label("fr", "archive") == "Archive"


def test_every_language_has_every_label() -> None:
    keys = set(LABELS["en"])
    for lang in LANGUAGES:
        assert set(LABELS[lang]) == keys, lang
        for key, text in LABELS[lang].items():
            fields = set(re.findall(r"\{(\w+)\}", text))
            assert fields <= set(re.findall(r"\{(\w+)\}", LABELS["en"][key])) | {"y", "m", "d"}


def test_dates_in_each_language(theme: Theme) -> None:
    date = RubyTime(2014, 10, 18, 9, 5, tzinfo=dt.UTC)
    expected = {"zh-CN": "2014年10月18日", "zh-TW": "2014年10月18日", "ja": "2014年10月18日",
                "ko": "2014년 10월 18일", "en": "Oct 18, 2014"}
    for lang, text in expected.items():
        assert long_date(lang, 2014, 10, 18) == text
        assert render(theme, "{{ d | long_date }}", d=date, site={"lang": lang}) == text
    # the page's own lang wins over the site's
    assert render(theme, "{{ d | long_date }} {{ t('tags') }}", d=date, site={"lang": "en"},
                  page={"lang": "ko"}) == "2014년 10월 18일 태그"
    assert render(theme, "{{ 'zh_TW' | html_lang }}|{{ none | html_lang }}") == "zh-TW|zh-CN"


def test_site_templates_override_the_default(tmp_path: Path) -> None:
    (tmp_path / "_templates").mkdir()
    (tmp_path / "_templates" / "page.html").write_text("OWN {{ page.title }}", "utf-8")
    theme = Theme(tmp_path, SETTINGS)
    assert theme.render("page.html", {"page": {"title": "<x>"}}) == "OWN &lt;x&gt;"
    assert theme.has("post.html") and not theme.has("nope.html")
    assert (templates_dir() / "base.html").is_file()


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("example") / "site"
    build(REPO, dest, site_time=SITE_TIME, jobs=1, use_cache=False)
    return dest


def _pages(dest: Path) -> list[Path]:
    return [p for p in sorted(dest.rglob("*.html"))
            if p.relative_to(dest).parts[0] != "templates"]


def test_every_example_page_is_valid_html5(example_site: Path) -> None:
    pages = _pages(example_site)
    kinds = {p.relative_to(example_site).as_posix().split("/")[0] for p in pages}
    assert {"index.html", "404.html", "archive", "tags", "categories", "page"} <= kinds
    for page in pages:
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_bytes())
        assert parser.errors == [], page


def test_example_pages_have_no_external_resources(example_site: Path) -> None:
    external = re.compile(r'(?:src|href)="(?:https?:)?//', re.I)
    for page in _pages(example_site):
        text = page.read_text("utf-8")
        assert not external.search(text.split("<main", 1)[0]), page   # head and header
        assert "<script src" not in text


def test_post_page_parts(example_site: Path) -> None:
    post = next(p for p in _pages(example_site) if p.name == "flume-sink-hang.html")
    text = post.read_text("utf-8")
    assert re.search('<time datetime="2014-10-18T00:00:00[+]08:00"[^>]*>2014年10月18日</time>',
                     text)
    assert 'href="/tags/flume/"' in text and 'href="/categories/hadoop/"' in text
    assert "分钟读完" in text
    assert 'rel="next"' in text          # the seed post is the oldest: only a next link
    assert 'rel="prev"' not in text
    assert "navigator.clipboard.writeText" in text


def test_long_posts_get_a_table_of_contents(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\n", "utf-8")
    body = "".join(f"## 第 {i} 节\n\n内容 {i}。\n\n" for i in range(1, 5))
    (src / "_posts/2020-01-01-long.md").write_text(f"---\ntitle: 长文\n---\n{body}", "utf-8")
    (src / "_posts/2020-01-02-short.md").write_text("---\ntitle: 短文\n---\n## 一节\n\n短。\n",
                                                    "utf-8")
    dest = tmp_path / "out"
    build(src, dest, site_time=SITE_TIME, jobs=1)
    long = (dest / "2020/01/01/long.html").read_text("utf-8")
    assert '<nav class="toc"' in long
    assert long.count('<li class="toc-level-2"><a href="#第-') == 4
    short = (dest / "2020/01/02/short.html").read_text("utf-8")
    assert '<nav class="toc"' not in short
    assert 'rel="prev" href="/2020/01/01/long.html"' in short


def test_table_of_contents_on_request(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\n", "utf-8")
    posts = {
        "asked": "---\ntitle: a\ntoc: true\n---\n## 一\n\n文。\n",
        "declined": "---\ntitle: d\ntoc: false\n---\n" + "## 节\n\n文。\n\n" * 4,
        "kramdown": "---\ntitle: k\n---\n* 目录\n{:toc}\n\n## 一\n\n## 二\n\n## 三\n",
        "notice": "---\ntitle: n\n---\n注意。\n{: .notice--warning}\n",
    }
    for name, text in posts.items():
        (src / f"_posts/2020-01-01-{name}.md").write_text(text, "utf-8")
    dest = tmp_path / "out"
    build(src, dest, site_time=SITE_TIME, jobs=1)
    page = {name: (dest / f"2020/01/01/{name}.html").read_text("utf-8") for name in posts}
    assert '<nav class="toc"' in page["asked"] and 'href="#一"' in page["asked"]
    assert '<nav class="toc"' not in page["declined"]
    assert '<nav class="toc"' not in page["kramdown"]
    assert '<ul id="markdown-toc">' in page["kramdown"]
    assert 'id="markdown-toc-一"' in page["kramdown"]
    assert '<p class="notice--warning">注意。</p>' in page["notice"]
    css = next((dest / "assets").rglob("blogtool*.css")).read_text("utf-8")
    assert ".notice--warning" in css and "#markdown-toc" in css


def test_a_page_in_another_language(tmp_path: Path) -> None:
    """``lang:`` in a post's front matter wins over the site's for that page: its
    ``<html lang>``, labels and dates; other pages keep the site's language."""
    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\nlang: zh_CN\ntimezone: Asia/Tokyo\n", "utf-8")
    (src / "_posts/2014-10-18-ja.md").write_text(
        "---\ntitle: 日本語の記事\nlang: ja\ntags: [jvm]\n---\nヒープが足りなくなりました。\n", "utf-8")
    (src / "_posts/2014-10-19-zh.md").write_text(
        "---\ntitle: 中文\ntags: [jvm]\n---\n堆内存不够了。\n", "utf-8")
    dest = tmp_path / "out"
    build(src, dest, site_time=SITE_TIME, jobs=1)
    ja = (dest / "2014/10/18/ja.html").read_text("utf-8")
    zh = (dest / "2014/10/19/zh.html").read_text("utf-8")
    assert '<html lang="ja">' in ja and '<html lang="zh-CN">' in zh
    assert ">本文へスキップ<" in ja and ">跳到正文<" in zh
    assert "2014年10月18日" in ja and "タグ" in ja and "标签" in zh
    assert 'xml:lang="zh-CN"' in (dest / "feed.xml").read_text("utf-8")
