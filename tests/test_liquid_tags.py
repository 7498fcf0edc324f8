"""Jekyll's tags through the Liquid engine. Each expected output was produced by Jekyll 4.3.1
on a scratch site with the same files (baseurl /b, timezone UTC)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from blogtool.build.plugins import liquid_tags
from blogtool.errors import BuildError, Diagnostics
from blogtool.liquid.engine import LiquidEngine, LiquidSettings, unstash
from blogtool.timeutil import RubyTime

UTC = dt.UTC

INCLUDES = {
    "note.html": "[{{ include.a }}|{{ include.b }}|{{ include.c }}|{{ include.n }}]"
                 "{% assign leaked = \"yes\" %}\n",
    "nested.html": "<{{ include.a }}{% include inner.html %}>\n",
    "inner.html": "({{ include.a }})\n",
    "broken.html": "ok\n\n{% nosuchtag %}\n",
    "bad_filter.html": "one\n{{ 'x' | date_to_xmlschema }}\n",
}


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    for name, text in INCLUDES.items():
        path = tmp_path / "_includes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "snippet.md").write_text("snippet {{ page.title }}\n", encoding="utf-8")
    return tmp_path


def engine_for(site: Path, diagnostics=None, **kw) -> LiquidEngine:
    return LiquidEngine(
        LiquidSettings(source=str(site), baseurl="/b", url="https://example.com",
                       timezone="UTC", **kw),
        post_urls={"2011-11-01-older": "/2011/11/01/older.html",
                   "sub/2014-10-14-in-sub": "/2014/10/14/in-sub.html"},
        extensions=(liquid_tags.register,),
        link_urls={"docs/snippet.md": "/docs/snippet.md",
                   "_posts/2011-11-01-older.md": "/2011/11/01/older.html"},
        diagnostics=diagnostics)


PAGE = {"title": 'Inc "T"', "v": "val", "fname": "note.html", "path": "inc.html",
        "url": "/inc.html"}


def render(engine, text, page=PAGE, **kw):
    return engine.render(text, {"site": {}, "page": page}, path=kw.pop("path", "inc.html"), **kw)


def test_include_params_and_shared_scope(site):
    e = engine_for(site)
    out = render(e, 'INC1{% include note.html a="dq" b=\'sq\' c=page.v n=42 %}LEAK[{{ leaked }}]')
    assert out == "INC1[dq|sq|val|42]\nLEAK[yes]"


def test_include_variable_path(site):
    e = engine_for(site)
    assert render(e, 'INC2{% include {{ page.fname }} a="var path" %}') == "INC2[var path|||]\n"


def test_nested_include_sees_outer_include_params(site):
    e = engine_for(site)
    assert render(e, 'INC3{% include nested.html a="outer" %}') == "INC3<outer(outer)\n>\n"


def test_include_records_dependencies(site):
    e = engine_for(site)
    deps: set[str] = set()
    render(e, "{% include note.html %}", deps=deps)
    with pytest.raises(BuildError):
        render(e, "{% include missing.html %}", deps=deps)
    assert {"_includes/note.html", "_includes/missing.html"} <= deps


def test_include_reloads_changed_file(site):
    e = engine_for(site)
    assert render(e, "{% include inner.html %}") == "()\n"
    path = site / "_includes" / "inner.html"
    path.write_text("changed, longer\n", encoding="utf-8")
    assert render(e, "{% include inner.html %}") == "changed, longer\n"


def test_missing_include_is_fatal_at_the_tag(site):
    e = engine_for(site)
    with pytest.raises(BuildError) as err:
        e.render("x\n{% include missing.html %}", {}, path="_layouts/default.html",
                 line_offset=3)
    problem = err.value.problem
    assert (problem.path, problem.line) == ("_layouts/default.html", 5)
    assert "Could not locate the included file 'missing.html'" in problem.message


@pytest.mark.parametrize("name", ["../secret.html", "中文.html", "a//b.html", "/../etc/passwd"])
def test_invalid_include_names_are_fatal(site, name):
    e = engine_for(site)
    with pytest.raises(BuildError, match="Invalid syntax for include tag"):
        render(e, "{% include " + name + " %}")


def test_invalid_include_params_are_fatal(site):
    e = engine_for(site)
    with pytest.raises(BuildError, match="Invalid syntax for include tag"):
        render(e, "{% include note.html a: 1 %}")


def test_errors_inside_an_include_point_at_the_include(site):
    e = engine_for(site)
    with pytest.raises(BuildError) as err:
        render(e, "a\n{% include broken.html %}")
    assert (err.value.problem.path, err.value.problem.line) == ("_includes/broken.html", 3)
    with pytest.raises(BuildError) as err:
        render(e, "{% include bad_filter.html %}")
    assert (err.value.problem.path, err.value.problem.line) == ("_includes/bad_filter.html", 2)


def test_builtin_jb_setup_when_site_has_none(site):
    e = engine_for(site)
    ctx = {"site": {"JB": {"BASE_PATH": "http://u.github.io/p"}}, "page": {},
           "layout": {"theme": {"name": "bootstrap-3"}}, "jekyll": {"environment": "development"}}
    out = e.render("{% include JB/setup %}\n[{{ BASE_PATH }}|{{ HOME_PATH }}|{{ ASSET_PATH }}]",
                   ctx, path="index.md")
    assert out == "\n\n[|/|/assets/themes/bootstrap-3]"
    ctx["jekyll"] = {"environment": "production"}
    out = e.render("{% include JB/setup %}[{{ BASE_PATH }}|{{ HOME_PATH }}|{{ ASSET_PATH }}]",
                   ctx, path="index.md")
    assert out == ("\n[http://u.github.io/p|http://u.github.io/p|"
                   "http://u.github.io/p/assets/themes/bootstrap-3]")
    ctx = {"site": {"github": {"x": 1}}, "page": {"theme": {"name": "twitter"}}, "layout": {},
           "jekyll": {"environment": "development"}}
    out = e.render("{% include JB/is_production %}{{ is_production }} {{ jb_prod_env }}"
                   "{% include JB/setup %}{{ ASSET_PATH }}", ctx, path="index.md")
    assert out == "true github\n/assets/themes/twitter"


def test_site_jb_setup_wins_over_builtin(site):
    (site / "_includes" / "JB").mkdir()
    (site / "_includes" / "JB" / "setup").write_text("{% assign BASE_PATH = '/own' %}")
    e = engine_for(site)
    assert render(e, "{% include JB/setup %}{{ BASE_PATH }}") == "/own"


def test_include_relative(site):
    e = engine_for(site)
    page = {"title": "Docs", "path": "docs/index.html"}
    assert e.render("REL[{% include_relative snippet.md %}]", {"page": page},
                    path="docs/index.html") == "REL[snippet Docs\n]"
    with pytest.raises(BuildError, match="Invalid syntax"):
        e.render("{% include_relative ../x.md %}", {"page": page}, path="docs/index.html")


def test_post_url_and_link(site):
    e = engine_for(site)
    assert render(e, "[{% post_url 2011-11-01-older %}]") == "[/b/2011/11/01/older.html]"
    assert render(e, "[{% post_url sub/2014-10-14-in-sub %}]") == "[/b/2014/10/14/in-sub.html]"
    assert render(e, "[{% link docs/snippet.md %}|{% link _posts/2011-11-01-older.md %}]") == \
        "[/b/docs/snippet.md|/b/2011/11/01/older.html]"
    page = dict(PAGE, target="docs/snippet.md")
    assert render(e, "{% link {{ page.target }} %}", page=page) == "/b/docs/snippet.md"


def test_post_url_without_baseurl_for_github_pages(site):
    e = engine_for(site, compat="github-pages")
    assert render(e, "{% post_url 2011-11-01-older %}") == "/2011/11/01/older.html"


def test_post_url_and_link_errors(site):
    e = engine_for(site)
    with pytest.raises(BuildError) as err:
        render(e, "\n{% post_url 2099-01-01-nope %}", line_offset=2)
    assert err.value.problem.line == 4
    assert 'Could not find post "2099-01-01-nope"' in err.value.problem.message
    with pytest.raises(BuildError, match="Could not parse name of post"):
        render(e, "{% post_url not-a-post %}")
    with pytest.raises(BuildError, match="Could not find document 'nope.md' in tag 'link'"):
        render(e, "{% link nope.md %}")


def test_raw(site):
    e = engine_for(site)
    assert render(e, "RAW[{% raw %}{{ not rendered }} {% if %}{% endraw %}]") == \
        "RAW[{{ not rendered }} {% if %}]"


def test_highlight_without_highlighter(site):
    e = engine_for(site, highlight=False)
    out = render(e, "{% highlight C++ %}\n\nx < y && 'q'\n\n{% endhighlight %}")
    assert out == ('<figure class="highlight"><pre><code class="language-c--" data-lang="c++">'
                   "x &lt; y &amp;&amp; &#39;q&#39;</code></pre></figure>")


def test_highlight_runs_liquid_inside_and_keeps_figure_shape(site):
    e = engine_for(site)
    out = render(e, "{% highlight java linenos %}\nString t = \"{{ page.v }}\";\n{% endhighlight %}")
    assert out.startswith('<figure class="highlight"><pre><code class="language-java" '
                          'data-lang="java">')
    assert out.endswith("</code></pre></figure>")
    assert "val" in out and "{{" not in out


def test_highlight_is_stashed_in_markdown_documents(site):
    e = engine_for(site, highlight=False)
    stash: list[str] = []
    body = "text\n{% highlight java %}\na;\n\n*not emphasis*\n{% endhighlight %}\nmore"
    out = render(e, body, stash=stash)
    assert stash == ['<figure class="highlight"><pre><code class="language-java" '
                     'data-lang="java">a;\n\n*not emphasis*</code></pre></figure>']
    assert "\n\n<!--bt-stash:0-->\n\n" in out and "<figure" not in out
    assert unstash("<p>text</p>\n<!--bt-stash:0-->\n<p>more</p>", stash) == \
        "<p>text</p>\n" + stash[0] + "\n<p>more</p>"


def test_highlight_syntax_errors(site):
    e = engine_for(site)
    with pytest.raises(BuildError, match="'highlight' tag was never closed"):
        render(e, "{% highlight java %}\nx")
    with pytest.raises(BuildError, match="Syntax Error in tag 'highlight'"):
        render(e, "{% highlight %}x{% endhighlight %}")


def test_feed_meta(site):
    e = engine_for(site)
    out = e.render("{% feed_meta %}", {"site": {"title": "Test Blog", "url": "https://example.com"},
                                       "page": {}}, path="_layouts/default.html")
    e2 = LiquidEngine(LiquidSettings(source=str(site), baseurl="/base", url="https://example.com"),
                      post_urls={}, link_urls={}, extensions=(liquid_tags.register,))
    out = e2.render("{% feed_meta %}", {"site": {"title": "Test Blog"}, "page": {}}, path="l.html")
    assert out == ('<link type="application/atom+xml" rel="alternate" '
                   'href="https://example.com/base/feed.xml" title="Test Blog" />')


SEO_POST = """<!-- Begin Jekyll SEO tag v2.8.0 -->
<title>Desc post | Test Blog</title>
<meta name="generator" content="Jekyll v4.3.1" />
<meta property="og:title" content="Desc post" />
<meta name="author" content="Ann" />
<meta property="og:locale" content="en_US" />
<meta name="description" content="My own description" />
<meta property="og:description" content="My own description" />
<link rel="canonical" href="https://example.com/base/2014/10/14/desc.html" />
<meta property="og:url" content="https://example.com/base/2014/10/14/desc.html" />
<meta property="og:site_name" content="Test Blog" />
<meta property="og:type" content="article" />
<meta property="article:published_time" content="2014-10-14T00:00:00+00:00" />
<meta name="twitter:card" content="summary" />
<meta property="twitter:title" content="Desc post" />
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"BlogPosting","author":{"@type":"Person","name":"Ann"},"dateModified":"2014-10-14T00:00:00+00:00","datePublished":"2014-10-14T00:00:00+00:00","description":"My own description","headline":"Desc post","mainEntityOfPage":{"@type":"WebPage","@id":"https://example.com/base/2014/10/14/desc.html"},"url":"https://example.com/base/2014/10/14/desc.html"}</script>
<!-- End Jekyll SEO tag -->
"""

SEO_HOME = """<!-- Begin Jekyll SEO tag v2.8.0 -->
<title>Test Blog | A test blog about things</title>
<meta name="generator" content="Jekyll v4.3.1" />
<meta property="og:title" content="Test Blog" />
<meta name="author" content="Ann" />
<meta property="og:locale" content="en_US" />
<meta name="description" content="A test blog about things" />
<meta property="og:description" content="A test blog about things" />
<link rel="canonical" href="https://example.com/base/" />
<meta property="og:url" content="https://example.com/base/" />
<meta property="og:site_name" content="Test Blog" />
<meta property="og:type" content="website" />
<meta name="twitter:card" content="summary" />
<meta property="twitter:title" content="Test Blog" />
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"WebSite","author":{"@type":"Person","name":"Ann"},"description":"A test blog about things","headline":"Test Blog","name":"Test Blog","url":"https://example.com/base/"}</script>
<!-- End Jekyll SEO tag -->
"""

SEO_SITE = {"title": "Test Blog", "description": "A test blog about things",
            "url": "https://example.com", "baseurl": "/base", "author": "Ann"}


def seo_engine(site):
    return LiquidEngine(LiquidSettings(source=str(site), baseurl="/base",
                                       url="https://example.com", timezone="UTC"),
                        post_urls={}, link_urls={}, extensions=(liquid_tags.register,))


def test_seo_tag_post(site):
    page = {"title": "Desc post", "description": "My own description",
            "url": "/2014/10/14/desc.html", "date": RubyTime(2014, 10, 14, tzinfo=UTC)}
    out = seo_engine(site).render("{% seo %}", {"site": SEO_SITE, "page": page,
                                               "jekyll": {"version": "4.3.1"}}, path="l.html")
    assert out == SEO_POST


def test_seo_tag_home_and_title_false(site):
    ctx = {"site": SEO_SITE, "page": {"url": "/index.html"}, "jekyll": {"version": "4.3.1"}}
    e = seo_engine(site)
    assert e.render("{% seo %}", ctx, path="l.html") == SEO_HOME
    no_title = e.render("{% seo title=false %}", ctx, path="l.html")
    assert "<title>" not in no_title and no_title.count("\n") == SEO_HOME.count("\n") - 1


def test_include_with_leading_slash_and_include_cached(site: Path) -> None:
    """Jekyll joins ``_includes`` and ``/inner.html`` into ``_includes/inner.html``;
    jekyll-include-cache's tag renders the include (and is unknown without the plugin)."""
    with pytest.raises(BuildError, match="Unknown tag 'include_cached'"):
        engine_for(site).render("{% include_cached note.html %}", {}, path="index.html")
    engine = engine_for(site, plugins=("jekyll-include-cache",))
    out = engine.render('{% include /inner.html a="1" %}{% include_cached note.html a="c" %}'
                        '{% include_relative /docs/snippet.md %}', {"page": {"title": "T"}},
                        path="index.html")
    assert out == "(1)\n[c|||]\nsnippet T\n"
    with pytest.raises(BuildError, match="invalid characters or sequences"):
        engine.render("{% include /../inner.html %}", {}, path="index.html")
    with pytest.raises(BuildError, match=r"Could not locate the included file '/etc/passwd' in "
                                         r'any of \["_includes"\]'):
        engine.render("{% include /etc/passwd %}", {}, path="index.html")


def test_nesting_limits_are_ruby_liquids(site: Path) -> None:
    """99 nested includes render, the 100th stops (Jekyll: "Nesting too deep"); a for loop
    around each include counts as one more scope, so 50 levels render and 51 stop."""
    (site / "_includes" / "deep.html").write_text(
        "{% assign d = d | plus: 1 %}{% if d < include.max %}"
        "{% include deep.html max=include.max %}{% endif %}.", encoding="utf-8")
    (site / "_includes" / "deeploop.html").write_text(
        "{% assign d = d | plus: 1 %}{% if d < include.max %}{% for i in (1..1) %}"
        "{% include deeploop.html max=include.max %}{% endfor %}{% endif %}.", encoding="utf-8")
    engine = engine_for(site)
    assert engine.render("{% include deep.html max=99 %}", {}, path="a.html") == "." * 99
    with pytest.raises(BuildError, match="Nesting too deep"):
        engine.render("{% include deep.html max=100 %}", {}, path="a.html")
    assert engine.render("{% include deeploop.html max=50 %}", {}, path="b.html") == "." * 50
    with pytest.raises(BuildError, match="Nesting too deep"):
        engine.render("{% include deeploop.html max=51 %}", {}, path="b.html")
    assert engine.render("{% if true %}" * 100 + "x" + "{% endif %}" * 100, {},
                         path="c.html") == "x"
    with pytest.raises(BuildError, match="Nesting too deep"):
        engine.render("{% if true %}" * 101 + "x" + "{% endif %}" * 101, {}, path="c.html")


def test_error_modes(site: Path) -> None:
    """warn: Ruby's lax reading with Jekyll's warning; lax: silent; strict: stops."""
    template = "{% for p in list order:ascending %}{{ p }}{% endfor %}"
    diags = Diagnostics()
    warn = engine_for(site, diags)
    assert warn.render(template, {"list": [1, 2]}, path="w.html") == "12"
    assert [w.message for w in diags.warnings] == [
        'Liquid Warning: Liquid syntax error (line 1): Invalid attribute in for loop. Valid '
        'attributes are limit and offset in "p in list order:ascending"']
    quiet = Diagnostics()
    lax = engine_for(site, quiet, error_mode="lax")
    assert lax.render(template, {"list": [1, 2]}, path="l.html") == "12"
    assert quiet.warnings == []
    strict = engine_for(site, Diagnostics(), error_mode="strict")
    with pytest.raises(BuildError, match="Invalid attribute in for loop"):
        strict.render(template, {"list": [1, 2]}, path="s.html")
