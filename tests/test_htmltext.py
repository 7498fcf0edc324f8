"""Reading time and summaries from rendered HTML: the quick reading (``plain_text``, and the
summary scan that stops at the first real paragraph) gives exactly what reading every token
gives, and hands over to the token reader wherever a tag could read differently."""
from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogtool.markup.htmltext import plain_text, scan_html
from blogtool.markup.text import _CJK_CLASS, _is_real, _summary, measure, reading_minutes

_CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
_LATIN_WORD = re.compile(f"[^\\W{_CJK_CLASS}]+")


def _reference(html: str, width: int = 160) -> tuple[str, int]:
    """Every token read, every block normalised, counted on the joined text."""
    blocks = scan_html(html, _is_real)
    text = " ".join(blocks.text)
    cjk = len(text) - len(_CJK_RUN.sub("", text))
    words = len(_LATIN_WORD.findall(text))
    minutes = max(1, math.ceil(cjk / 400 + words / 200)) if cjk or words else 0
    return _summary(blocks, width), minutes


_PIECES = [
    "<p>", "</p>", "<P>", "<li>", "</li>", "<h2>", "</h2>", "<br/>", "<br>", "<td>", "<div>",
    "</div>", "<section >", "<em>", "</em>", "<code>", "</code>", '<span class="n">', "</span>",
    '<a href="x>y">', "<a title='<p>'>", '<a"b c">', '"', "'", "<", ">", "</ p>", "</>",
    "&amp;", "&am", "p;", "&lt", "&#x4e09;", "&quot;", "<!-- c -->", "<!--", "<?x?>",
    "<![CDATA[a]]>", "<!DOCTYPE html>", "<pre>", '<pre class="highlight">', "</pre>", "<PRE>",
    "</pre\n>", "<pre/>", "<script>", "</script>", "<svg>", "</svg>", "<style>", "<textarea>",
    "<p\x00>", "<ſection>", "<bloc\u212aquote>", "<lİ>",
    "text", "word", "中文", "注意", "，", "。", "Ａ", "Ｂ", "ㄅ", "é", "\n", " ", "\r\n", "\u3000",
    "\t", "x",
]
_HTML = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@pytest.mark.sweep
@settings(max_examples=1500, deadline=None, derandomize=True, database=None)
@given(_HTML, st.sampled_from([4, 12, 160]))
def test_measure_equals_reading_every_token(html: str, width: int) -> None:
    assert measure(html, width) == _reference(html, width)


_INLINE = st.lists(st.sampled_from(["中文", "word", "&amp;", "&quot;", "Ａ", "\n", " ", "，",
                                     "<em>", "</em>", "<br />", '<a href="/x?a=1&amp;b=2">', "</a>",
                                     '<code class="language-plaintext highlighter-rouge">',
                                     "</code>", "<!--more-->", "<!-- <p> -->"]),
                   max_size=12).map("".join)
_BLOCK = st.one_of(
    _INLINE.map(lambda s: f"<p>{s}</p>\n"),
    _INLINE.map(lambda s: f'<h2 id="x">{s}</h2>\n'),
    _INLINE.map(lambda s: f"<ul>\n  <li>{s}</li>\n</ul>\n"),
    _INLINE.map(lambda s: f"<table><tr><td>{s}</td></tr></table>\n"),
    st.sampled_from(['<div class="highlight"><pre class="highlight"><code><span class="n">a'
                     '</span>&lt;<span class="o">=</span></code></pre></div>\n',
                     "<pre><code>x &lt;p&gt; y</code></pre>\n", "<hr />\n"]))


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(_BLOCK, max_size=8).map("".join))
def test_what_markdown_renders_is_read_quickly(html: str) -> None:
    assert plain_text(html) is not None
    assert measure(html) == _reference(html)
    assert measure(html, 8) == _reference(html, 8)


def test_fragments_the_token_reader_must_read() -> None:
    for html in ('<p title="a>b">x</p>', "<p>a < b</p>", "<!DOCTYPE html><p>y</p>", "<!-- x",
                 "<a\"b c\">x", "<!-- <pre> --><p>x</p>", '<a title="<pre>">',
                 "<script>a<b</script>", "<pre/>", "</pre>", "<svg></svg>", "<bloc\u212aquote>"):
        assert plain_text(html) is None, html
    assert plain_text("<p>a<em>b</em></p><pre>x<y</pre><li>c&amp;d</li>") == " ab  c&d "
    assert plain_text("<p>a<!--more-->b &am<!-- x -->p;</p>") == " ab &amp; "


def test_broken_lines_between_wide_letters_join_words() -> None:
    # "Ａ\nＢ" reads "ＡＢ" (the break between wide characters disappears): one word
    assert reading_minutes("<p>" + "Ａ\nＢ " * 200 + "</p>") == 1
    assert reading_minutes("<p>" + "Ａ Ｂ " * 200 + "</p>") == 2
    assert measure("<p>" + "Ａ\nＢ " * 200 + "</p>") == _reference("<p>" + "Ａ\nＢ " * 200 + "</p>")
