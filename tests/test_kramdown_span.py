"""kramdown span rules where there is no Jekyll oracle to compare with: blogtool's own mode
(improvements on), jekyll-commonmark sites (``markdown: CommonMark``/``GFM``), and the
settings plumbing. Jekyll's output for the span syntax itself is checked by
``tests/test_kramdown_oracle.py`` with the cases in ``tests/kramdown_cases/span.py``."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from blogtool.build.config import load_config, settings_from
from blogtool.markup.highlight import RougeOptions, rouge_options
from blogtool.markup.markdown import render_markdown
from blogtool.markup.options import MarkupOptions, freeze_mapping

JEKYLL = MarkupOptions(compat="jekyll", cjk=False, code_recovery=False, detect_language=False)
BLOGTOOL = MarkupOptions()


def _settings(tmp_path: Path, **overrides: object) -> MarkupOptions:
    config = load_config(tmp_path, overrides=dict(overrides))
    return settings_from(config, str(tmp_path / "_site")).markup


@pytest.mark.parametrize(("text", "improved", "kramdown"), [
    ('和"直引号"', "和“直引号”", "和”直引号”"),
    ('他说"你好"，然后\'离开\'了。', "他说“你好”，然后‘离开’了。", "他说”你好”，然后’离开’了。"),
    ('彼は"こんにちは"と言った。', "彼は“こんにちは”と言った。", "彼は”こんにちは”と言った。"),
    ('：“已是弯引号”', "：“已是弯引号”", "：“已是弯引号”"),
])
def test_quotes_after_cjk_open_in_blogtool_mode_only(text: str, improved: str,
                                                     kramdown: str) -> None:
    assert render_markdown(text, BLOGTOOL) == f"<p>{improved}</p>\n"
    assert render_markdown(text, JEKYLL) == f"<p>{kramdown}</p>\n"


def test_english_quotes_are_kramdowns_in_both_modes() -> None:
    text = "\"Fancy\" 'cool' in the '80s, it's <em>Cluster</em>'s.\n"
    want = "<p>“Fancy” ‘cool’ in the ’80s, it’s <em>Cluster</em>’s.</p>\n"
    assert render_markdown(text, BLOGTOOL) == want
    assert render_markdown(text, JEKYLL) == want


def test_span_syntax_works_in_blogtool_mode_too() -> None:
    html = render_markdown("*[HDFS]: Hadoop FS\n\n用HDFS存储[^1]，见 ![图](/a.png){: width=\"50%\"}"
                           " 和 $$E=mc^2$$。\n\n[^1]: 注释\n", BLOGTOOL)
    assert '<abbr title="Hadoop FS">HDFS</abbr>' in html
    assert '<img src="/a.png" alt="图" width="50%" />' in html
    assert "\\(E=mc^2\\)" in html
    assert '<li id="fn:1" role="doc-endnote">' in html


def test_footnote_numbers_start_again_in_every_document() -> None:
    text = "a[^x] b[^y]\n\n[^x]: one\n[^y]: two\n"
    first = render_markdown(text, JEKYLL)
    assert first == render_markdown(text, JEKYLL)
    assert 'rel="footnote">2</a>' in first and 'rel="footnote">3</a>' not in first


@pytest.mark.parametrize("markdown", ["CommonMark", "GFM"])
def test_commonmark_sites_get_no_kramdown_syntax(markdown: str) -> None:
    options = MarkupOptions(compat="jekyll", cjk=False, markdown=markdown)
    html = render_markdown("a[^1] *e*{: .c} $$x$$\n\n[^1]: n\n\n*[AB]: x\n\nAB\n", options)
    assert "<sup" not in html and "<abbr" not in html and "\\(" not in html
    assert "{: .c}" in html and "$$x$$" in html


def test_commonmark_code_blocks_raw_html_and_quotes() -> None:
    options = MarkupOptions(compat="jekyll", cjk=False, markdown="CommonMark")
    html = render_markdown('"q" -- <b>x</b>\n\n```ruby\nputs 1\n```\n\n    plain\n', options)
    assert html.startswith("<p>&quot;q&quot; -- <!-- raw HTML omitted -->x"
                           "<!-- raw HTML omitted --></p>")
    assert ('<div class="language-ruby highlighter-rouge"><div class="highlight">'
            '<pre class="highlight"><code data-lang="ruby"><span class="nb">puts</span>') in html
    assert ('<div class="highlighter-rouge"><div class="highlight"><pre class="highlight">'
            "<code>plain\n</code></pre></div></div>") in html


def test_commonmark_options_and_extensions() -> None:
    options = MarkupOptions(compat="jekyll", cjk=False, markdown="CommonMark",
                            commonmark=freeze_mapping({"options": ["smart", "unsafe"],
                                                       "extensions": ["table", "tagfilter"]}))
    html = render_markdown('"q" <b>x</b> <script>1</script>\n\n| a |\n|---|\n| b |\n', options)
    assert "<p>“q” <b>x</b> &lt;script>1&lt;/script></p>" in html
    assert "<td>b</td>" in html


def test_gfm_has_githubs_extensions_and_kramdown_style_ids() -> None:
    options = MarkupOptions(compat="jekyll", cjk=False, markdown="GFM")
    html = render_markdown("# Hi there\n\n## 中文\n\n## 中文\n\nsee https://a.com/x). ~~old~~\n",
                           options)
    assert '<h1 id="hi-there">' in html
    assert '<h2 id="section">' in html and '<h2 id="section-1">' in html
    assert '<a href="https://a.com/x">https://a.com/x</a>).' in html
    assert "<del>old</del>" in html


def test_github_pages_renders_commonmark_sites_with_kramdown(tmp_path: Path) -> None:
    assert _settings(tmp_path, markdown="CommonMark").markdown == "CommonMark"
    assert not _settings(tmp_path, markdown="CommonMark").kramdown_syntax
    pages = _settings(tmp_path, markdown="CommonMark", blogtool={"compat": "github-pages"})
    assert pages.kramdown_syntax
    assert not _settings(tmp_path, markdown="GFM",
                         blogtool={"compat": "github-pages"}).kramdown_syntax


def test_kramdown_settings_reach_the_renderer(tmp_path: Path) -> None:
    options = _settings(tmp_path, kramdown={"footnote_nr": 3, "syntax_highlighter_opts": {
        "block": {"line_numbers": True, "start_line": 10}, "css_class": "hl"}})
    assert options.kramdown_option("footnote_nr") == 3
    rouge = rouge_options(options.kramdown_option("syntax_highlighter_opts"))
    assert rouge == RougeOptions(css_class="hl", line_numbers=True, start_line=10)
    html = render_markdown("a[^1]\n\n[^1]: x\n\n```\nlog\n```\n", options)
    assert '<ol start="3">' in html and 'rel="footnote">3</a>' in html
    assert '<pre class="lineno">10\n</pre>' in html and '<pre class="hl">' in html


def test_rouge_options_ignore_malformed_settings() -> None:
    assert rouge_options(None) == RougeOptions()
    assert rouge_options({"block": "yes", "start_line": "x"}) == RougeOptions()
    assert rouge_options({"disable": "true", "default_lang": "java"}) == RougeOptions(
        disable=True, default_lang="java")


@pytest.mark.parametrize("text", [
    "*a <span>x</span> " * 3000,
    "*a x " * 5000,
    "**a " * 5000,
    "*a [b](c) " * 3000,
    "[" * 10000 + "x" + "]" * 10000,
    "[" * 5000 + "x" + "](" * 5000,
    "![" * 5000,
    "*a <span>" * 3000,
    "<b>" * 20000,
    "x[^1] " * 3000 + "\n\n[^1]: n\n",
    "*[A]: b\n\n" + "A " * 20000,
    "$$" * 10000,
])
@pytest.mark.realtime
def test_span_rules_stay_linear(text: str) -> None:
    for options in (BLOGTOOL, JEKYLL):
        started = time.process_time()
        render_markdown(text, options)
        assert time.process_time() - started < 2.0
