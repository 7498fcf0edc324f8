"""HTML shapes of code (checked against Jekyll 4.3.1 output), the code
render rules in both compatibility modes, and the stylesheet."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from blogtool.markup.code import code_plugin, fence_language
from blogtool.markup.codecss import code_css
from blogtool.markup.highlight import (
    code_block_html,
    escape_code,
    find_lexer,
    highlight_tag_html,
)
from blogtool.markup.loglexer import LogLexer
from blogtool.markup.options import MarkupOptions

WRAP = ('<div class="language-{} highlighter-rouge"><div class="highlight">'
        '<pre class="highlight"><code>{}</code></pre></div></div>\n')


def md(**options: object) -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"typographer": True}).enable(
        ["table", "strikethrough", "replacements", "smartquotes"])
    code_plugin(parser, MarkupOptions(**options))  # type: ignore[arg-type]
    return parser


# --- code_block_html: each branch of 8.4 -------------------------------------------------------

def test_known_language_exact() -> None:
    # Jekyll: ...<span class="mi">1</span><span class="o">;</span>...; Pygments calls ; "p"
    assert code_block_html("int a = 1; // x\n", "java") == WRAP.format(
        "java", '<span class="kt">int</span> <span class="n">a</span> <span class="o">=</span> '
        '<span class="mi">1</span><span class="p">;</span> <span class="c1">// x</span>\n')


def test_quotes_are_not_escaped_and_no_whitespace_spans() -> None:
    out = code_block_html('String s = "a" + \'b\' < c & d;\n', "java")
    assert '<span class="s">"a"</span>' in out and "<span class=\"sc\">'b'</span>" in out
    assert '<span class="o">&lt;</span>' in out and '<span class="o">&amp;</span>' in out
    assert 'class="w"' not in out and "&quot;" not in out and "&#39;" not in out


def test_no_language_is_plaintext_escaped() -> None:
    assert code_block_html("indented code\n<b>x</b>\n", None) == WRAP.format(
        "plaintext", "indented code\n&lt;b&gt;x&lt;/b&gt;\n")
    assert code_block_html('plain "q" \t<b> &\n', "") == WRAP.format(
        "plaintext", 'plain "q" \t&lt;b&gt; &amp;\n')


def test_unknown_language_is_bare_pre() -> None:
    assert code_block_html("foo bar\n", "nosuchlang") == \
        '<pre><code class="language-nosuchlang">foo bar\n</code></pre>\n'
    assert code_block_html("foo\n", "Java", lexer_lang="Java") == \
        '<pre><code class="language-Java">foo\n</code></pre>\n'


def test_unhighlighted_shapes() -> None:
    assert code_block_html('String s = "a" + \'b\' < c & d;\n', "java", highlight=False) == \
        '<pre><code class="language-java">String s = "a" + \'b\' &lt; c &amp; d;\n</code></pre>\n'
    assert code_block_html("indented\n", None, highlight=False) == \
        "<pre><code>indented\n</code></pre>\n"
    assert code_block_html("x\n", "nosuchlang", highlight=False) == \
        '<pre><code class="language-nosuchlang">x\n</code></pre>\n'


def test_case_insensitive_lookup_keeps_written_class() -> None:
    out = code_block_html("int a;\n", "Java", lexer_lang="java")
    assert out.startswith('<div class="language-Java highlighter-rouge">')
    assert '<span class="kt">int</span>' in out


def test_log_language_uses_log_lexer() -> None:
    out = code_block_html("2014-10-11 22:48:56,818 ERROR [main] a.b.C - boom\n", "log")
    assert out.startswith('<div class="language-log highlighter-rouge">')
    assert '<span class="ld">2014-10-11 22:48:56,818</span>' in out
    assert '<span class="gr">ERROR</span>' in out
    assert isinstance(find_lexer("log4j"), LogLexer)
    assert find_lexer("nosuchlang") is None and find_lexer("text") is None


def test_escape_code() -> None:
    assert escape_code("<a href=\"x\">'&'</a>") == "&lt;a href=\"x\"&gt;'&amp;'&lt;/a&gt;"


# --- {% highlight %} ------------------------------------------------------------------------

def test_highlight_tag_without_linenos() -> None:
    assert highlight_tag_html("int x;", "c++", False) == (
        '<figure class="highlight"><pre><code class="language-c--" data-lang="c++">'
        '<span class="kt">int</span> <span class="n">x</span><span class="p">;</span>'
        "</code></pre></figure>")


def test_highlight_tag_linenos_exact() -> None:
    # Jekyll 4.3.1 output for the same block, character for character
    assert highlight_tag_html("\ndef f():\n    return 1\n\n", "python", True) == (
        '<figure class="highlight"><pre><code class="language-python" data-lang="python">'
        '<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1\n2\n'
        '</pre></td><td class="code"><pre><span class="k">def</span> <span class="nf">f</span>'
        '<span class="p">():</span>\n    <span class="k">return</span> <span class="mi">1</span>\n'
        "</pre></td></tr></tbody></table></code></pre></figure>")


def test_highlight_tag_unknown_language_escapes() -> None:
    assert highlight_tag_html("a < b", "nosuchlang", False) == (
        '<figure class="highlight"><pre><code class="language-nosuchlang" '
        'data-lang="nosuchlang">a &lt; b</code></pre></figure>')


# --- code_plugin: render rules --------------------------------------------------------------

def test_inline_code_shapes() -> None:
    assert md().render('`"q" <b>`') == \
        '<p><code class="language-plaintext highlighter-rouge">"q" &lt;b&gt;</code></p>\n'
    assert md(highlight=False).render("`x`") == "<p><code>x</code></p>\n"


def test_fence_language_as_written() -> None:
    assert fence_language("java {.numbered}") == "java"
    assert fence_language("") == "" and fence_language("{.x}") == ""
    html = md().render("```Java\nint a;\n```\n")
    assert html.startswith('<div class="language-Java highlighter-rouge">')
    assert '<span class="kt">int</span>' in html
    # Jekyll (Rouge) does not find "Java": bare <pre>
    assert md(compat="jekyll").render("```Java\nint a;\n```\n") == \
        '<pre><code class="language-Java">int a;\n</code></pre>\n'


def test_unlabelled_blocks_detected_in_blogtool_mode_only() -> None:
    src = "```\npublic void start() {\n  super.start();\n}\n```\n\n    SELECT 1;\n"
    blog = md().render(src)
    assert blog.count('<div class="language-java highlighter-rouge">') == 1
    assert '<div class="language-sql highlighter-rouge">' in blog
    for options in ({"compat": "jekyll"}, {"compat": "github-pages"}, {"detect_language": False}):
        html = md(**options).render(src)
        assert html.count('<div class="language-plaintext highlighter-rouge">') == 2, options
        assert "<span" not in html


def test_text_detection_stays_plaintext() -> None:
    assert md().render("    just some words\n") == WRAP.format("plaintext", "just some words\n")


def test_unhighlighted_mode_in_markdown() -> None:
    html = md(highlight=False).render("```java\nint a = 1;\n```\n\n    indented\n")
    # "indented" is detected as text, so it has no class
    assert html == ('<pre><code class="language-java">int a = 1;\n</code></pre>\n'
                    "<pre><code>indented\n</code></pre>\n")
    detected = md(highlight=False).render("    SELECT 1;\n")
    assert detected == '<pre><code class="language-sql">SELECT 1;\n</code></pre>\n'
    jekyll = md(highlight=False, compat="jekyll").render("    indented\n")
    assert jekyll == "<pre><code>indented\n</code></pre>\n"


def test_no_smart_quotes_or_replacements_in_code() -> None:
    html = md().render('```java\nString s = "a" -- \'b\' ...;\n```\n')
    assert "\u201c" not in html and "\u2013" not in html and "\u2026" not in html


# --- stylesheet -------------------------------------------------------------------------------

def _rule(css: str, cls: str) -> str:
    found = re.findall(rf"^\s*\.highlight \.{cls} \{{ ([^}}]*) \}}", css, re.M)
    assert found, cls
    return found[-1]


def test_code_css_colours_levels_distinctly() -> None:
    # ERROR, WARN, INFO and DEBUG of the log lexer: four different colours in any style
    for style in ("friendly", "default", "monokai"):
        css = code_css(style)
        colours = [re.search(r"color: (#\w+)", _rule(css, c)).group(1)  # type: ignore[union-attr]
                   for c in ("gr", "ge", "kp", "cs")]
        assert len(set(colours)) == 4, style


def test_code_css_dark_variant() -> None:
    css = code_css("friendly", "monokai")
    light, _, dark = css.partition("@media (prefers-color-scheme: dark) {")
    assert dark.rstrip().endswith("}")
    assert "#272822" in dark and "#272822" not in light        # monokai's background
    assert _rule(light, "gr") != _rule(dark, "gr")           # level colours follow the scheme


def test_lexers_of_other_packages_are_never_looked_up(monkeypatch) -> None:
    # plugins (IPython's lexers, say) are not Rouge's: an unknown name is unknown, at once
    import pygments.lexers
    import pygments.plugin

    def no_plugins() -> None:
        raise AssertionError("Pygments plugins looked up")

    monkeypatch.setattr(pygments.lexers, "find_plugin_lexers", no_plugins)
    monkeypatch.setattr(pygments.plugin, "find_plugin_lexers", no_plugins)
    find_lexer.cache_clear()
    try:
        assert find_lexer("no-such-language") is None
        assert find_lexer("ipython") is None
        assert find_lexer("java") is not None and find_lexer("yml") is not None
        assert isinstance(find_lexer("log"), LogLexer)
    finally:
        find_lexer.cache_clear()
