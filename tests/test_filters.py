"""Jekyll's filters as plain functions. Expected values are the output of a real
``jekyll build`` (4.3.1, timezone UTC, baseurl /b, url https://example.com) on the same input."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from blogtool import filters as F
from blogtool.build.payload import Drop
from blogtool.timeutil import RubyTime

UTC = dt.UTC
D = RubyTime(2014, 10, 14, tzinfo=UTC)
PEOPLE = [{"name": "A", "g": "a", "n": 3}, {"name": "B", "g": "b"},
          {"name": "C", "g": "a", "n": "10"}, {"name": "D", "g": 1, "n": 1}]


def names(items):
    return ",".join(i["name"] for i in items)


def test_url_filters():
    assert F.relative_url("/about/", "/b") == "/b/about/"
    assert F.relative_url("about", "/b") == "/b/about"
    assert F.relative_url("", "/b") == "/b"
    assert F.relative_url("/中文 页/", "/b") == "/b/%E4%B8%AD%E6%96%87%20%E9%A1%B5/"
    assert F.relative_url("http://x.com/a", "/b") == "http://x.com/a"
    assert F.relative_url("/a/../b/./c", "/b") == "/b/b/c"
    assert F.relative_url("/a%20b", "/b") == "/b/a%20b"
    assert F.relative_url("#x", "/b") == "/b/#x"
    assert F.relative_url(None, "/b") is None
    post = Drop("_posts/2014-10-14-second.md", {"url": "/2014/10/14/second.html"})
    assert F.relative_url(post, "/b") == "/b/2014/10/14/second.html"
    assert F.absolute_url("/about/", "https://example.com", "/b") == "https://example.com/b/about/"
    assert F.absolute_url("/a?q=中", "https://example.com", "/b") == "https://example.com/b/a?q=%E4%B8%AD"
    assert F.absolute_url("/x/", "", "/b") == "/b/x/"
    assert F.strip_index("/foo/index.html") == "/foo/"
    assert F.strip_index("/foo/index.htm") == "/foo/"
    assert F.strip_index("/foo/bar.html") == "/foo/bar.html"


def test_date_filters():
    assert F.date_to_string(D, zone=UTC) == "14 Oct 2014"
    assert F.date_to_string(D, "ordinal", zone=UTC) == "14th Oct 2014"
    assert F.date_to_string(D, "ordinal", "US", zone=UTC) == "Oct 14th, 2014"
    assert F.date_to_long_string(D, "ordinal", zone=UTC) == "14th October 2014"
    assert F.date_to_xmlschema(D, zone=UTC) == "2014-10-14T00:00:00+00:00"
    assert F.date_to_rfc822(D, zone=UTC) == "Tue, 14 Oct 2014 00:00:00 +0000"
    assert F.date_to_xmlschema("2014-10-13 10:00", zone=UTC) == "2014-10-13T10:00:00+00:00"
    assert F.date_to_string("", zone=UTC) == ""
    with pytest.raises(ValueError, match="Invalid Date"):
        F.date_to_xmlschema("not a date", zone=UTC)


def test_date_filters_use_site_zone():
    shanghai = dt.timezone(dt.timedelta(hours=8))
    assert F.date_to_xmlschema("2014-10-13 10:00", zone=shanghai) == "2014-10-13T10:00:00+08:00"
    assert F.date_to_xmlschema(D, zone=shanghai) == "2014-10-14T08:00:00+08:00"


def test_liquid_date_ruby_strftime():
    fmt = "%-d %e %j %B %b %a %A %y %I %p %P %L %N %z %:z %Z %s %U %u %w %C %G %V %%"
    assert F.date(D, fmt, UTC) == ("14 14 287 October Oct Tue Tuesday 14 12 AM am 000 000000000 "
                                   "+0000 +00:00 UTC 1413244800 41 2 2 20 2014 42 %")
    assert F.date(D, "%^a %^B %-m %-H %k %l", UTC) == "TUE OCTOBER 10 0  0 12"
    assert F.date("2014-01-12", "%Y年%m月%d日 %A", UTC) == "2014年01月12日 Sunday"
    assert F.date("garbage", "%Y", UTC) == "garbage"
    assert F.date(1413244800, "%Y-%m-%d", UTC) == "2014-10-14"
    assert F.date("Oct 14, 2014", "%F", UTC) == "2014-10-14"
    assert F.date(RubyTime(2011, 11, 1, tzinfo=UTC), "%B %e, %Y", UTC) == "November  1, 2011"
    assert F.date(D, "", UTC) is D


def test_escaping_filters():
    assert F.xml_escape("a & < > \" ' 中") == "a &amp; &lt; &gt; &quot; &apos; 中"
    assert F.xml_escape(None) == ""
    assert F.escape_html("a & < > \" ' 中") == "a &amp; &lt; &gt; &quot; &#39; 中"
    assert F.cgi_escape("foo bar/baz?x=1&y=中") == "foo+bar%2Fbaz%3Fx%3D1%26y%3D%E4%B8%AD"
    assert F.uri_escape("foo bar/baz?x=1&y=中#frag") == "foo%20bar/baz?x=1&y=%E4%B8%AD#frag"
    assert F.uri_escape("a%20b [x] |") == "a%20b%20[x]%20%7C"


def test_smartify():
    text = "He said \"hi\" -- it's <<x>> `code \"q\"` a & b ... --- <b>x</b> 'single'"
    assert F.smartify(text) == ("He said “hi” – it’s «x» `code “q”` a &amp; b … — <b>x</b> "
                                "‘single’")


def test_jsonify_and_inspect():
    assert F.jsonify(["Second", 'Hello "World" & <you>']) == '["Second","Hello \\"World\\" & <you>"]'
    assert F.jsonify("a</b>中\"' \\ ") == '"a</b>中\\"\' \\\\ "'
    assert F.jsonify(1.5) == "1.5"
    assert F.jsonify(None) == "null"
    assert F.jsonify(D) == '"2014-10-14 00:00:00 +0000"'
    h = {"name": "Ann", "n": 1, "l": [1, "two", None, True]}
    assert F.inspect(h) == ("{&quot;name&quot;=&gt;&quot;Ann&quot;, &quot;n&quot;=&gt;1, "
                            "&quot;l&quot;=&gt;[1, &quot;two&quot;, nil, true]}")
    assert F.inspect('x"y') == "&quot;x\\&quot;y&quot;"
    assert F.inspect(None) == "nil"
    assert F.inspect(1.0) == "1.0"


def test_jsonify_documents_do_not_recurse_forever():
    a = {"title": "A", "relative_path": "_posts/a.md", "collection": "posts", "content": "x"}
    b = {"title": "B", "relative_path": "_posts/b.md", "collection": "posts", "content": "y",
         "previous": a}
    a["next"] = b
    a["previous"] = None
    out = F.jsonify(a)
    assert out.startswith('{"title":"A"')
    assert '"next":{"title":"B"' in out


def test_to_ruby_string():
    assert F.to_ruby_string({"name": "Ann", "n": 1, "l": [1, "two", None, True]}) == \
        '{"name"=>"Ann", "n"=>1, "l"=>[1, "two", nil, true]}'
    assert F.to_ruby_string([[1, [2, "x"]], {"k": None}]) == '12x{"k"=>nil}'
    assert F.to_ruby_string(1.0) == "1.0"
    assert F.to_ruby_string(2.5) == "2.5"
    assert F.to_ruby_string(("name", "Ann")) == "nameAnn"
    assert F.to_ruby_string(D) == "2014-10-14 00:00:00 +0000"
    assert F.to_ruby_string(True) == "true"
    assert F.to_ruby_string(None) == ""


def test_text_filters():
    assert F.array_to_sentence_string(["a", "b", "c"]) == "a, b, and c"
    assert F.array_to_sentence_string(["a", "b"], "or") == "a or b"
    assert F.array_to_sentence_string(["a"]) == "a"
    assert F.array_to_sentence_string([]) == ""
    assert F.normalize_whitespace("  a  b\n c  ") == "a b c"
    assert F.to_integer("12") == 12
    assert F.to_integer(True) == 1
    assert F.to_integer("3.7") == 3
    assert F.slugify("Flume Agent Stops!") == "flume-agent-stops"
    assert F.slugify("中文 标题：测试", "pretty") == "中文-标题-测试"


def test_number_of_words():
    assert F.number_of_words("Hello world 你好世界") == 3
    assert F.number_of_words("Hello world 你好世界", "cjk") == 6
    assert F.number_of_words("Hello world", "auto") == 2


def test_where_find_group_by():
    posts = [{"title": "Second", "n": 2, "tags": ["java"]},
             {"title": 'Hello "World" & <you>', "n": "10", "tags": ["flume", "中文"]}]
    assert [p["title"] for p in F.where(posts, "n", 10)] == ['Hello "World" & <you>']
    assert len(F.where(posts, "tags", "java")) == 1
    assert len(F.where(posts, "nope", None)) == 2
    assert names(F.where(PEOPLE, "g", "a")) == "A,C"
    assert F.find(PEOPLE, "n", "1")["name"] == "D"
    assert F.find(PEOPLE, "n", "99") is None
    assert F.jsonify(F.group_by(PEOPLE, "g")) == (
        '[{"name":"a","items":[{"name":"A","g":"a","n":3},{"name":"C","g":"a","n":"10"}],'
        '"size":2},{"name":"b","items":[{"name":"B","g":"b"}],"size":1},'
        '{"name":"1","items":[{"name":"D","g":1,"n":1}],"size":1}]')


def test_sort():
    assert names(F.sort(PEOPLE, "n")) == "B,D,A,C"
    assert names(F.sort(PEOPLE, "n", "last")) == "D,A,C,B"
    assert F.sort([3, 1, 2]) == [1, 2, 3]
    # {{ site.tags | sort }}: [name, posts] pairs by name
    assert F.sort({"java": [1], "flume": [2, 3]}) == [["flume", [2, 3]], ["java", [1]]]
    with pytest.raises(ValueError, match="null"):
        F.sort(None)
    with pytest.raises(ValueError, match="nils order"):
        F.sort(PEOPLE, "n", "middle")
    with pytest.raises(ValueError, match="comparison of (String|Integer) with (String|Integer) failed"):
        F.sort(["a", 1])


def test_array_copies():
    nums = [3, 1, 2]
    assert F.push(nums, 9) == [3, 1, 2, 9]
    assert F.pop(nums) == [3, 1]
    assert F.pop(nums, 2) == [3]
    assert F.shift(nums) == [1, 2]
    assert F.unshift(nums, 0) == [0, 3, 1, 2]
    assert nums == [3, 1, 2]
    assert F.sample(nums, 1, random.Random(1)) in nums
    assert sorted(F.sample(nums, 2, random.Random(1))) in ([1, 2], [1, 3], [2, 3])


def test_sassify():
    assert F.sassify("a { b { color: red; } }", scss=True).split() == ["a", "b", "{", "color:", "red;", "}"]


def test_long_texts_escaped_once_give_the_same_text() -> None:
    """A long text (a post's content in a feed) is escaped once and taken from the memo
    after, equal to escaping it again; the memo starts again past its cap."""
    from blogtool.filters import text as text_filters
    body = "<p>\"A\" & 'B' 中文</p>\n" * 200
    first = text_filters.xml_escape(body)
    assert first == text_filters.xml_escape(body[:]) == \
        text_filters.xml_escape("".join(list(body)))
    assert first.count("&amp;") == 200 and "<" not in first and "'" not in first
    assert text_filters._ESCAPED[body] == first
    short = "<b>"
    assert text_filters.xml_escape(short) == "&lt;b&gt;" and short not in text_filters._ESCAPED
    saved = text_filters.ESCAPED_CAP
    try:
        text_filters.ESCAPED_CAP = 0
        text_filters.xml_escape("x" * 2000 + "<")
        other = "y" * 2000 + ">"
        assert text_filters.xml_escape(other).endswith("&gt;")
        assert list(text_filters._ESCAPED) == [other]
    finally:
        text_filters.ESCAPED_CAP = saved
