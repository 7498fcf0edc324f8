"""CJK Markdown rules (blogtool.markup.cjk) and text measures (blogtool.markup.text).

The main table (tests/cjk_cases.py) holds, per case, the source, blogtool's expected output and
the output real Jekyll 4.3.1 produced for it, with a reason wherever the two differ.
"""
from __future__ import annotations

import math
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from blogtool.markup.cjk import (
    cjk_plugin,
    heading_ids_plugin,
    heading_slug,
    is_cjk,
)
from blogtool.markup.text import (
    display_width,
    measure,
    number_of_words,
    reading_minutes,
    summarize,
    visible_text,
)
from cjk_cases import CASES, Case

NOTE_PREFIXES = ("Jekyll bug:", "blogtool improvement:", "CommonMark:", "not a CJK rule:")


def base_md() -> MarkdownIt:
    """blogtool's MarkdownIt setup (typographer, strikethrough, tables); CJK rules not yet
    installed."""
    return MarkdownIt("commonmark", {"typographer": True}).enable(
        ["strikethrough", "table", "replacements", "smartquotes"]
    )


def make_md(cjk: bool = True) -> MarkdownIt:
    md = base_md()
    if cjk:
        cjk_plugin(md)
    heading_ids_plugin(md)
    return md


MD = make_md()
PLAIN = make_md(cjk=False)


def blogtool_output(case: Case) -> str:
    if case.kind == "md":
        return MD.render(case.source)
    if case.kind == "words":
        return "/".join(str(number_of_words(case.source, m)) for m in (None, "cjk", "auto"))
    if case.kind == "summary":
        return summarize(MD.render(case.source), width=40)
    if case.kind == "reading":
        return str(reading_minutes(MD.render(case.source)))
    raise AssertionError(f"unknown case kind {case.kind}")


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------


def test_case_table_is_large_and_well_formed() -> None:
    assert len(CASES) >= 60
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    kinds = {c.kind for c in CASES}
    assert kinds == {"md", "words", "summary", "reading"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_blogtool_output(case: Case) -> None:
    assert blogtool_output(case) == case.blogtool


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_difference_from_jekyll_is_explained(case: Case) -> None:
    if case.blogtool == case.jekyll:
        assert case.note == ""
    else:
        assert case.note.startswith(NOTE_PREFIXES), case.note
        assert len(case.note) > 30


# --------------------------------------------------------------------------------------------
# Emphasis next to CJK punctuation, and CommonMark without the plugin
# --------------------------------------------------------------------------------------------

CJK_EMPHASIS = [
    ("**注意：**这里", "<p><strong>注意：</strong>这里</p>\n"),
    ("**“引号”**后面", "<p><strong>“引号”</strong>后面</p>\n"),
    ("这是**重要（注意）**的", "<p>这是<strong>重要（注意）</strong>的</p>\n"),
    ("*强调。*后面", "<p><em>强调。</em>后面</p>\n"),
    ("~~删除：~~后", "<p><s>删除：</s>后</p>\n"),
    ("**한국어(괄호 포함)**을", "<p><strong>한국어(괄호 포함)</strong>을</p>\n"),
]


@pytest.mark.parametrize("source,html", CJK_EMPHASIS)
def test_cjk_emphasis_with_plugin(source: str, html: str) -> None:
    assert MD.render(source) == html


@pytest.mark.parametrize("source,html", CJK_EMPHASIS)
def test_same_setup_without_plugin_is_commonmark(source: str, html: str) -> None:
    # CommonMark: the closing run has punctuation inside and a letter outside -> literal.
    out = PLAIN.render(source)
    assert "<strong>" not in out and "<em>" not in out and "<s>" not in out
    delimiters = source.count("*") + source.count("~")
    assert out.count("*") + out.count("~") == delimiters  # the delimiters stay as text


@pytest.mark.parametrize(
    "source,html",
    [
        ('a**"b"**c', "<p>a**“b”**c</p>\n"),
        ("**foo.**bar", "<p>**foo.**bar</p>\n"),
        ("*foo*bar", "<p><em>foo</em>bar</p>\n"),
        ("foo*bar*", "<p>foo<em>bar</em></p>\n"),
        ("_foo_bar", "<p>_foo_bar</p>\n"),
        ("**foo bar **", "<p>**foo bar **</p>\n"),
    ],
)
def test_commonmark_cases_unchanged_by_plugin(source: str, html: str) -> None:
    assert MD.render(source) == html
    assert PLAIN.render(source) == html


_ASCII_MD = st.text(alphabet="ab .,!\"'()*_~`-\n" + "é«»¿", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_ASCII_MD)
def test_plugin_is_a_no_op_without_cjk_characters(source: str) -> None:
    """The spec only changes flanking next to CJK characters: for other text, identical."""
    assert MD.render(source) == PLAIN.render(source)


def test_plugin_does_not_touch_other_instances() -> None:
    other = base_md()
    assert other.render("**注意：**这里") == "<p>**注意：**这里</p>\n"
    assert other.render("中文\n中文") == "<p>中文\n中文</p>\n"


def test_plugin_is_idempotent() -> None:
    md = make_md()
    cjk_plugin(md)
    heading_ids_plugin(md)
    assert md.core.ruler.get_all_rules().count("cjk_breaks") == 1
    assert md.core.ruler.get_all_rules().count("anchor") == 1
    assert md.render("# 标题\n\n**注意：**这里\n中文") == (
        '<h1 id="标题">标题</h1>\n<p><strong>注意：</strong>这里中文</p>\n'
    )


def test_parts_can_be_switched_off() -> None:
    md = base_md()
    cjk_plugin(md, emphasis=False, breaks=True, quotes=False)
    assert md.render('**注意：**这里\n中文和"引号"') == "<p>**注意：**这里中文和&quot;引号&quot;</p>\n"


def test_strikethrough_rule_keeps_its_enabled_state() -> None:
    md = MarkdownIt("commonmark")  # strikethrough disabled
    cjk_plugin(md)
    assert md.render("~~删除：~~后") == "<p>~~删除：~~后</p>\n"


def test_single_tilde_option_is_honoured() -> None:
    md = MarkdownIt("commonmark", {"strikethrough_single_tilde": True}).enable("strikethrough")
    cjk_plugin(md)
    assert md.render("~删除：~后") == "<p><s>删除：</s>后</p>\n"
    assert md.render("前~~~不是~~~后") == "<p>前~~~不是~~~后</p>\n"


def test_underscore_keeps_commonmark_rules_next_to_cjk() -> None:
    assert MD.render("中文_强调_中文") == "<p>中文_强调_中文</p>\n"
    assert MD.render("中文 _强调_ 中文") == "<p>中文 <em>强调</em> 中文</p>\n"


def test_variation_selector_before_delimiter() -> None:
    # U+FE00 after a CJK character is looked through: 㐂︀ counts as CJK.
    assert MD.render("**㐂\ufe00：**后") == MD.render("**㐂：**后").replace("㐂", "㐂\ufe00")


@pytest.mark.parametrize(
    "ch,expected",
    [("中", True), ("：", True), ("「", True), ("한", True), ("ｱ", True), ("〰", True),
     ("𠮷", True), ("😀", False), ("a", False), ("“", False), ("…", False), ("é", False)],
)
def test_is_cjk(ch: str, expected: bool) -> None:
    assert is_cjk(ch) is expected


# --------------------------------------------------------------------------------------------
# Soft breaks and quotes beyond the table
# --------------------------------------------------------------------------------------------


def test_breaks_removed_in_tokens_not_only_html() -> None:
    tokens = MD.parse("第一行\n第二行")
    children = tokens[1].children
    assert children is not None
    assert [t.type for t in children] == ["text"]
    assert children[0].content == "第一行第二行"


def test_break_next_to_zero_width_space_is_removed() -> None:
    assert MD.render("foo\u200b\nbar") == "<p>foo\u200bbar</p>\n"


def test_break_between_cjk_and_link_text() -> None:
    assert MD.render("中文\n[链接](/x)") == '<p>中文<a href="/x">链接</a></p>\n'


def test_breaks_option_keeps_every_line_break() -> None:
    md = MarkdownIt("commonmark", {"breaks": True})
    cjk_plugin(md)
    assert md.render("第一行\n第二行") == "<p>第一行<br />\n第二行</p>\n"


def test_quotes_untouched_without_typographer() -> None:
    md = MarkdownIt("commonmark").enable("smartquotes")
    cjk_plugin(md)
    assert md.render('和"直引号"') == "<p>和&quot;直引号&quot;</p>\n"


def test_quote_inside_code_block_untouched() -> None:
    assert MD.render('```\n和"直引号"\n```') == "<pre><code>和&quot;直引号&quot;\n</code></pre>\n"


def test_custom_quotes_option() -> None:
    md = MarkdownIt("commonmark", {"typographer": True, "quotes": "「」『』"}).enable("smartquotes")
    cjk_plugin(md)
    assert md.render("和\"直引号\"和'单'") == "<p>和「直引号」和『单』</p>\n"


# --------------------------------------------------------------------------------------------
# Heading ids as Jekyll/kramdown makes them, through anchors_plugin + heading_slug
# --------------------------------------------------------------------------------------------

JEKYLL_IDS = [
    ("# Hello World\n\n## Hello World", ["hello-world", "hello-world-1"]),
    ("## 中文标题", ["中文标题"]),
    ("## 中文 English Mixed 标题", ["中文-english-mixed-标题"]),
    ("### 1. Numbered heading!", ["1-numbered-heading"]),
    ("## 1.1 背景", ["11-背景"]),
    ("## 为什么？", ["为什么"]),
    ("## Über Café", ["über-café"]),
    ("## C++ & `code` *em*", ["c--code-em"]),
    ("# 标题 With English & 符号！", ["标题-with-english--符号"]),
]


@pytest.mark.parametrize("source,ids", JEKYLL_IDS)
def test_anchors_plugin_with_heading_slug_gives_jekyll_ids(source: str, ids: list[str]) -> None:
    md = base_md()
    cjk_plugin(md)
    anchors_plugin(md, min_level=1, max_level=6, slug_func=heading_slug)
    tokens = md.parse(source)
    assert [t.attrGet("id") for t in tokens if t.type == "heading_open"] == ids


@pytest.mark.parametrize(
    "text,slug",
    [("Hello  World", "hello--world"), ("a\tb", "a-b"), ("snake_case", "snake_case"),
     ("“引号” and ‘single’", "引号-and-single"), ("①Ⓐ½Ⅻ", "ⓐⅻ"), ("e\u0301", "e\u0301"),
     ("", "")],
)
def test_heading_slug(text: str, slug: str) -> None:
    assert heading_slug(text) == slug


# --------------------------------------------------------------------------------------------
# Text measures
# --------------------------------------------------------------------------------------------


def test_number_of_words_modes() -> None:
    assert number_of_words("Hello world 你好世界") == 3
    assert number_of_words("Hello world 你好世界", "cjk") == 6
    assert number_of_words("Hello world 你好世界", "auto") == 6
    assert number_of_words("Hello world", "auto") == 2
    assert number_of_words("a\u3000b c", "cjk") == 2  # Ruby's \s is ASCII only
    assert number_of_words("  leading and trailing  ") == 3


def test_number_of_words_on_seed_post() -> None:
    seed = Path(__file__).resolve().parent.parent / "_posts" / "2014-10-18-flume-sink-hang.md"
    body = seed.read_text(encoding="utf-8").split("---", 2)[2]
    assert number_of_words(body, "cjk") > 1.5 * number_of_words(body)


def test_reading_minutes_minimum_and_code() -> None:
    assert reading_minutes("") == 0                       # nothing to read: no reading time
    assert reading_minutes("<p>字</p>") == 1
    assert reading_minutes("<p>" + "字" * 401 + "</p>") == 2
    assert reading_minutes("<pre><code>" + "word " * 5000 + "</code></pre>") == 0
    assert reading_minutes("<p>" + "<code>x</code> " * 400 + "</p>") == 2  # inline code counts


def test_text_reader_follows_html_parser_rules() -> None:
    """The one-pass tokenizer reads markup the way html.parser does: a script's "<p>" is
    script text, a quoted ">" stays in its attribute, comments and declarations are
    dropped, entities are decoded, and an unfinished construct is text up to its ">"."""
    html = ('<!DOCTYPE html><p title="a>b">一<!-- <p>hidden</p> -->二 &amp; &#x4e09;</p>'
            '<script>if (a<b) document.write("<p>no</p>")</script><STYLE>p{}</STYLE>'
            '<P>四<br/>五</P><![CDATA[ x > y ]]><p>六 <!-- open')
    assert visible_text(html) == "一二 & 三 四 五 六 <!-- open"
    summary, minutes = measure(html, 160)
    assert summary == summarize(html, 160) == "一二 & 三"   # the first paragraph only
    assert minutes == reading_minutes(html) == 1


def test_measure_reads_a_large_listing_page_once() -> None:
    listing = "".join(f'<li><a href="/p/{i}.html">标题 {i}</a></li>\n' for i in range(20000))
    html = f"<h1>Tags</h1><ul>{listing}</ul>"
    summary, minutes = measure(html, 20)
    assert summary == "标题 0"
    assert minutes == math.ceil(40000 / 400 + 20001 / 200)    # "Tags" and the numbers


def test_summary_skips_empty_paragraphs_and_code() -> None:
    html = "<p> </p>\n<p>\n</p><div class='highlight'><pre><code>x = 1</code></pre></div><p>正文。</p>"
    assert summarize(html) == "正文。"


def test_summary_width_is_display_width() -> None:
    text = summarize("<p>" + "中" * 100 + "</p>", width=21)
    assert text == "中" * 10 + "…"
    assert display_width(text) <= 21
    assert summarize("<p>" + "a" * 100 + "</p>", width=21) == "a" * 20 + "…"


def test_summary_never_splits_marks_or_variation_selectors() -> None:
    s = summarize("<p>" + "e\u0301" * 30 + "</p>", width=10)
    assert s == "e\u0301" * 9 + "…"
    s = summarize("<p>" + "葛\U000e0100" * 30 + "</p>", width=9)
    assert s == "葛\U000e0100" * 4 + "…"


def test_summary_of_crlf_markdown() -> None:
    source = "第一段第一行\r\n第一段第二行\r\n\r\n```\r\ncode\r\n```\r\n\r\n第二段\r\n"
    assert summarize(MD.render(source)) == "第一段第一行第一段第二行"
    assert summarize(PLAIN.render(source)) == "第一段第一行第一段第二行"
    assert summarize(PLAIN.render("Line one\r\nline two\r\n")) == "Line one line two"


def test_summary_decodes_entities_and_keeps_text_of_inline_tags() -> None:
    html = "<p>a &amp; b &lt;c&gt; <em>强</em><a href='/x'>链接</a></p>"
    assert summarize(html) == "a & b <c> 强链接"


def test_summary_rejects_nonsense_width() -> None:
    with pytest.raises(ValueError):
        summarize("<p>x</p>", width=0)


def test_summary_never_ends_in_a_joiner() -> None:
    assert summarize("<p>AAAAAAAAAA\u200d AA</p>", width=11) == "AAAAAAAAAA…"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_letters + " 中文，。😀\u0301\u200d", max_size=120),
       st.integers(min_value=2, max_value=60))
def test_summary_always_fits(text: str, width: int) -> None:
    import html as htmlmod

    out = summarize("<p>" + htmlmod.escape(text) + "</p>", width=width)
    assert display_width(out) <= width
    if out.endswith("…"):
        assert not out[-2:-1] or out[-2] != "\u200d"
