"""The Liquid engine: Ruby Liquid's printing and tolerance, Jekyll's warnings and errors with
the right file and line, caching and the HTML stash. Expected outputs come from Jekyll 4.3.1."""
from __future__ import annotations

import datetime as dt
import pickle

import pytest

from blogtool.errors import BuildError, Diagnostics
from blogtool.liquid.engine import LiquidEngine, LiquidSettings, unstash
from blogtool.liquid.expressions import Path
from blogtool.liquid.lax import read_output as lax_output
from blogtool.timeutil import RubyTime

UTC = dt.UTC


def make(tmp_path, diagnostics=None, **settings):
    return LiquidEngine(LiquidSettings(source=str(tmp_path), baseurl="/b",
                                       url="https://example.com", timezone="UTC", **settings),
                        post_urls={}, link_urls={}, diagnostics=diagnostics)


CTX = {
    "site": {"title": "T", "data": {"h": {"name": "Ann", "n": 1, "l": [1, "two", None, True]},
                                    "nums": [3, 1, 2], "nested": [[1, [2, "x"]], {"k": None}],
                                    "people": [{"name": "A", "g": "a", "n": 3},
                                               {"name": "B", "g": "b"},
                                               {"name": "C", "g": "a", "n": "10"},
                                               {"name": "D", "g": 1, "n": 1}]}},
    "page": {"title": "P", "date": RubyTime(2014, 10, 14, tzinfo=UTC), "path": "p.md"},
    "jekyll": {"version": "4.3.1", "environment": "development"},
}


def render(engine, text, **kw):
    return engine.render(text, CTX, path=kw.pop("path", "p.md"), **kw)


def test_text_without_liquid_is_returned_unchanged(tmp_path):
    engine = make(tmp_path)
    text = "no liquid {here} % }} at all"
    assert engine.render(text, {}, path="x.md") is text


def test_output_prints_like_ruby(tmp_path):
    engine = make(tmp_path)
    assert render(engine, "[{{ site.data.h }}][{{ site.data.nested }}][{{ 1.0 }}]") == \
        '[{"name"=>"Ann", "n"=>1, "l"=>[1, "two", nil, true]}][12x{"k"=>nil}][1.0]'
    assert render(engine, "[{{ site.data.h.first }}][{{ page.date }}][{{ true }}][{{ nil }}]") == \
        "[nameAnn][2014-10-14 00:00:00 +0000][true][]"
    assert render(engine, "[{{ nothing.here }}][{{ nothing | upcase }}]") == "[][]"


def test_liquid_semantics_jekyll_relies_on(tmp_path):
    engine = make(tmp_path)
    assert render(engine, "{% assign t = 'abc' %}{% if t[0] == null %}nil{% else %}notnil{% endif %}") == "nil"
    assert render(engine, "{% assign a = site.data.nums %}{{ a.first }}{{ a.last }}{{ a.size }}") == "323"
    assert render(engine, "{% assign t = 'abc' %}[{{ t.first }}]") == "[]"
    assert render(engine, "{% if nil == empty %}y{% else %}n{% endif %}{% if '' == empty %}y{% else %}n{% endif %}") == "ny"
    assert render(engine, "{% for p in site.data.h %}{{ p[0] }}={{ p[1] }};{% endfor %}") == \
        "name=Ann;n=1;l=1twotrue;"


def test_standard_filters_with_jekyll_overrides(tmp_path):
    engine = make(tmp_path)
    assert render(engine, "{{ site.data.people | sort: 'n' | map: 'name' | join: ',' }}") == "B,D,A,C"
    assert render(engine, "{{ site.data.people | sort: 'n', 'last' | map: 'name' | join: ',' }}") == "D,A,C,B"
    assert render(engine, "{{ site.data.nums | sort | join: ',' }}") == "1,2,3"
    assert render(engine, "{{ site.data.people | where: 'g', 'a' | map: 'name' | join: ',' }}") == "A,C"
    assert render(engine, "{{ site.data.people | group_by_exp: 'p', 'p.n | plus: 1' | map: 'name' | join: ',' }}") == "4,1,11,2"
    assert render(engine, "{{ site.data.people | where_exp: 'p', 'p.g == \"a\" or p.n == 1' | size }}") == "3"
    assert render(engine, "{{ site.data.people | find_exp: 'p', 'p.n == 1' | map: 'name' | join }}") == "D"
    assert render(engine, "{{ site.data.nums | push: 9 | join: ',' }}|{{ site.data.nums | pop: 2 | join: ',' }}") == "3,1,2,9|3"
    assert render(engine, "{{ 10 | divided_by: 4 }}|{{ 10 | divided_by: 4.0 }}|{{ false | default: 'd' }}") == "2|2.5|d"
    assert render(engine, "{{ page.date | date: '%Y年%m月%d日 %A' }}") == "2014年10月14日 Tuesday"
    assert render(engine, "{{ page.date | date_to_string: 'ordinal', 'US' }}") == "Oct 14th, 2014"
    assert render(engine, "{{ '/about/' | relative_url }}|{{ '/about/' | absolute_url }}") == \
        "/b/about/|https://example.com/b/about/"


def test_jekyll_tolerance_reversed_and_empty_filter(tmp_path):
    engine = make(tmp_path)
    assert render(engine, "{% assign reversed = site.data.nums | reverse %}{{ reversed | join: ',' }}") == "2,1,3"
    assert render(engine, "{% for i in reversed %}{{ i }}{% endfor %}") == ""
    assert render(engine, "{% for i in site.data.nums reversed %}{{ i }}{% endfor %}") == "213"
    assert render(engine, "{% for i in site.data.nums limit: 2 %}{{ i }}{% endfor %}") == "31"
    assert render(engine, "{{ 'a<!--break-->b' | | split: '<!--break-->' | first }}") == "a"
    assert render(engine, "{% assign limit = 2 %}{{ limit }}{{ page.reversed }}") == "2"


def test_malformed_output_warns_and_renders_like_jekyll(tmp_path):
    diags = Diagnostics()
    engine = make(tmp_path, diags)
    # Jekyll 4.3.1: "{{ 'x' | }} and {{ a b }}" -> "x and" with two Liquid warnings
    assert engine.render("line one\n{{ 'x' | }} and {{ a b }}", CTX, path="w.md",
                         line_offset=3) == "line one\nx and "
    assert [(w.path, w.line) for w in diags.warnings] == [("w.md", 5), ("w.md", 5)]
    assert all("Liquid syntax error" in w.message for w in diags.warnings)


def test_lax_output():
    assert lax_output("'x' | ").value == "x" and lax_output("'x' | ").filters == []
    assert str(lax_output("a b").value) == "a"
    var = lax_output("x | f: 1, 'y' junk | g")
    assert isinstance(var.value, Path)
    assert [(f.name, f.args) for f in var.filters] == [("f", [1, "y"]), ("g", [])]


def test_unknown_filter_warns_and_leaves_value(tmp_path):
    diags = Diagnostics()
    engine = make(tmp_path, diags)
    assert render(engine, "\n{{ 'a' | nosuchfilter }}") == "\na"
    assert diags.warnings[0].line == 2 and "nosuchfilter" in diags.warnings[0].message


def test_strict_filters_and_variables(tmp_path):
    engine = make(tmp_path, strict_filters=True)
    with pytest.raises(BuildError, match="nosuchfilter"):
        render(engine, "{{ 'a' | nosuchfilter }}")
    engine = make(tmp_path, strict_variables=True)
    with pytest.raises(BuildError) as err:
        render(engine, "ok\n{{ page.nope }}")
    assert err.value.problem.line == 2


def test_unknown_tag_is_fatal_with_line(tmp_path):
    engine = make(tmp_path)
    with pytest.raises(BuildError) as err:
        engine.render("a\nb\n{% foo %}", {}, path="_posts/x.md", line_offset=4)
    assert err.value.problem.path == "_posts/x.md"
    assert err.value.problem.line == 7
    assert "Unknown tag 'foo'" in err.value.problem.message


def test_unclosed_block_is_fatal_with_opening_line(tmp_path):
    engine = make(tmp_path)
    with pytest.raises(BuildError) as err:
        engine.render("a\n{% if x %}\n{% for i in y %}{% endfor %}open", {}, path="badtag.md")
    assert str(err.value) == "badtag.md:2: Liquid syntax error: 'if' tag was never closed"


def test_render_errors_are_fatal_and_located(tmp_path):
    engine = make(tmp_path)
    with pytest.raises(BuildError) as err:
        engine.render("x\n\n{{ 'nope' | date_to_xmlschema }}", {}, path="d.md", line_offset=2)
    assert err.value.problem.line == 5
    assert "Invalid Date" in err.value.problem.message
    with pytest.raises(BuildError, match="divided by 0"):  # Ruby: ZeroDivisionError
        engine.render("{{ 1 | divided_by: 0 }}", {}, path="d.md")


def test_build_error_is_picklable(tmp_path):
    engine = make(tmp_path)
    with pytest.raises(BuildError) as err:
        engine.render("{% foo %}", {}, path="x.md")
    again = pickle.loads(pickle.dumps(err.value))
    assert str(again) == str(err.value)


def test_parse_cache_per_path_and_text(tmp_path):
    engine = make(tmp_path)
    one = engine.parse("{{ a }}", "_layouts/a.html")
    assert engine.parse("{{ a }}", "_layouts/a.html") is one
    assert engine.parse("{{ a }} ", "_layouts/a.html") is not one


def test_settings_are_picklable(tmp_path):
    settings = LiquidSettings(source=str(tmp_path), ignored_tags=("gist",))
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_unstash():
    stash = ["<figure>a\n\nb</figure>", "<b>x</b>"]
    html = "<p>t</p>\n<!--bt-stash:0-->\n<p><!--bt-stash:1--></p>\n"
    assert unstash(html, stash) == "<p>t</p>\n<figure>a\n\nb</figure>\n<b>x</b>\n"
    assert unstash("<!--bt-stash:0-->", []) == "<!--bt-stash:0-->"


def test_ignored_tags_render_nothing_with_warning(tmp_path):
    diags = Diagnostics()
    engine = make(tmp_path, diags, ignored_tags=("gist", "mermaid"))
    assert render(engine, "a{% gist 123 %}b") == "ab"
    assert render(engine, "a{% mermaid %}graph{{ x }}{% endmermaid %}b") == "ab"
    assert any("gist" in w.message for w in diags.warnings)


def test_whitespace_control_keeps_what_ruby_keeps(tmp_path):
    """``{%-``/``-%}`` trim ASCII whitespace only (an ideographic space stays, as with Ruby's
    strip), and the text after the last tag keeps its final newline. Outputs from Ruby
    Liquid 5.4."""
    engine = make(tmp_path)
    assert engine.render("a\u3000 {%- if true -%} \u3000b\u00a0 {{- x -}}\u3000c{% endif %}",
                         {"x": 1}, path="w.md") == "a\u3000\u3000b\u00a01\u3000c"
    assert render(engine, "{%- if true -%}\n\u3000x\n{%- endif -%}\n") == "\u3000x"
    assert render(engine, "<head>\n  {%- if false -%}\n    x\n  {%- endif -%}\n</head>\n") == \
        "<head></head>\n"
    assert render(engine, " \u3000{%- assign y = 1 -%}\u3000 \n{{ y }}") == " \u3000\u3000 \n1"
    assert render(engine, "x {%- if true -%} \u00a0 {%- endif %} y") == "x\u00a0 y"


def test_strict_filters_and_variables_as_jekyll_reads_them(tmp_path):
    """``liquid: {strict_filters: true}`` / ``{strict_variables: true}``: Ruby's errors."""
    with pytest.raises(BuildError, match="Liquid error: undefined filter nosuch"):
        render(make(tmp_path, strict_filters=True), "\n{{ 1 | nosuch }}")
    with pytest.raises(BuildError, match="Liquid error: undefined variable missing"):
        render(make(tmp_path, strict_variables=True), "{{ missing }}")
    assert render(make(tmp_path, strict_variables=True), "{{ site.title }}") == "T"


def test_markdownify_uses_the_engines_markdown_options(tmp_path):
    """The site's Markdown options reach markdownify through the engine's settings (no module
    state): kramdown's soft break stays a newline under ``compat: jekyll``; blogtool's CJK
    rule joins the two Chinese lines."""
    from blogtool.markup.options import MarkupOptions
    text = '{{ "中文**强调**文字\n第二行" | markdownify }}'
    cjk = make(tmp_path)
    jekyll = make(tmp_path, markdown=MarkupOptions(compat="jekyll", cjk=False))
    assert render(cjk, text) == "<p>中文<strong>强调</strong>文字第二行</p>\n"
    assert render(jekyll, text) == "<p>中文<strong>强调</strong>文字\n第二行</p>\n"
    assert render(cjk, text) == "<p>中文<strong>强调</strong>文字第二行</p>\n"
    assert pickle.loads(pickle.dumps(jekyll.settings)).markdown == jekyll.settings.markdown


def test_tablerow_reads_cols_limit_and_offset_as_ruby_to_i(tmp_path):
    """Outputs of Liquid 5.4 (``ruby -rliquid``): a nil ``limit`` is 0 rounds (in ``for`` it is
    no limit), ``"2x"`` is 2, 1.5 is 1, ``cols`` below 1 keeps one row, ``false`` has no
    ``to_i``."""
    engine = make(tmp_path)
    ctx = {"h": {"a": 1, "b": 2, "c": 3}, "s": "2x", "f": 1.5}

    def row(*cells: str) -> str:
        return "".join(f'<td class="col{i}">{c}</td>' for i, c in enumerate(cells, 1))

    def table(text: str) -> str:
        return engine.render("{% tablerow i in " + text + " %}{{ i }}{% endtablerow %}", ctx,
                             path="t.md")
    assert table("h offset:1") == f'<tr class="row1">\n{row("b2", "c3")}</tr>\n'
    assert table("h limit: n1 offset:1") == '<tr class="row1">\n</tr>\n'
    assert table("(1..5) limit: nil") == '<tr class="row1">\n</tr>\n'
    assert table("(1..5) offset: s limit: f") == f'<tr class="row1">\n{row("3")}</tr>\n'
    assert table("(1..5) cols: s") == (f'<tr class="row1">\n{row("1", "2")}</tr>\n'
                                      f'<tr class="row2">{row("3", "4")}</tr>\n'
                                      f'<tr class="row3">{row("5")}</tr>\n')
    assert table("(1..3) cols: 0") == f'<tr class="row1">\n{row("1", "2", "3")}</tr>\n'
    assert table("(1..3) cols: n1") == f'<tr class="row1">\n{row("1", "2", "3")}</tr>\n'
    with pytest.raises(BuildError, match="undefined method `to_i' for false:FalseClass"):
        table("(1..5) limit: false")


def test_strings_and_big_integers_as_liquid_5_4(tmp_path):
    """Outputs of Liquid 5.4: a string is one round of a loop whatever its offset and limit;
    an integer past 2**62 takes more than 8 bytes; ``slice`` refuses a bignum position."""
    engine = make(tmp_path)
    ctx = {"v": 10 ** 20, "w": 2 ** 62, "z": -(2 ** 62) - 1}
    assert engine.render('{% for i in "abc" offset:1 %}[{{ i }}]{% endfor %}'
                         '{% for i in "abc" limit:0 %}[{{ i }}]{% endfor %}', ctx,
                         path="s.md") == "[abc][abc]"
    assert engine.render("{{ v | size }}{{ w | size }}{{ z | size }}{{ v.size }}", ctx,
                         path="s.md") == "9889"
    with pytest.raises(BuildError, match="bignum too big to convert into `long'"):
        engine.render('{{ "abcdef" | slice: 1, v }}', ctx, path="s.md")


def test_a_filters_result_is_read_as_a_value(tmp_path):
    """Liquid 5.4 under Jekyll: ``where`` gives Jekyll's ``empty`` object back, and the next
    filter sees it as ``""`` (so ``default`` applies); the first filter sees the object."""
    engine = make(tmp_path)
    assert render(engine, "{{ empty | where: 'name', 'x' | default: 'd' }}") == "d"
    assert render(engine, "{{ empty | where: 'name', 'x' | inspect }}") == "&quot;&quot;"
    assert render(engine, "[{{ empty | default: 'd' }}]") == "[]"
