"""``blogtool doctor``: findings with file:line for what blogtool handles differently from
Jekyll, and ``--compare`` for URLs an old site had that a new build lacks."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from blogtool.cli.doctor import command
from blogtool.commands.doctor import (
    Finding,
    config_line,
    diagnose,
    ignored_tags_suggestion,
    known_tags,
    missing_urls,
    scan_tags,
    url_key,
)

THEMES = Path(__file__).parent / "fixtures" / "themes"


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def _where(findings: list[Finding]) -> list[tuple[str, int | None, bool]]:
    return [(f.path, f.line, f.unsupported) for f in findings]


PROBLEM_SITE = {
    "_config.yml": (
        "title: 问题站点\n"                                   # 1
        "theme: minima\n"                                     # 2
        "markdown: redcarpet\n"                               # 3
        "lsi: true\n"                                         # 4
        "plugins:\n"                                          # 5
        "  - jekyll-feed\n"                                   # 6
        "  - jekyll-spaceship\n"                              # 7
        "  - jekyll-twitter-plugin\n"                         # 8
        "kramdown:\n"                                         # 9
        "  input: GFM\n"                                      # 10
        "  remove_span_html_tags: true\n"                     # 11
        "liquid:\n"                                           # 12
        "  error_mode: strict\n"                              # 13
    ),
    "_plugins/tags.rb": (
        "module Jekyll\n"
        "  class Fancy < Liquid::Tag\n"
        "  end\n"
        "end\n"
        "Liquid::Template.register_tag('fancy', Jekyll::Fancy)\n"
    ),
    "_layouts/default.html": (
        "<html><body>\n"
        "{{ content }}\n"
        "{% tweet 12345 %}\n"                                 # line 3
        "</body></html>\n"
    ),
    "_includes/widget.html": "<div>\n{% include_cached sidebar.html %}\n</div>\n",
    "_posts/2020-01-01-中文.md": (
        "---\n"
        "layout: default\n"
        "---\n"
        "正文 {% raw %}{% notatag %}{% endraw %}\n"          # 4
        "{% comment %}{% alsonot %}{% endcomment %}\n"        # 5
        "{% if true %}是{% endif %}\n"                         # 6
        "{% fancy x %}\n"                                      # 7
    ),
    "plain.md": "---\nrender_with_liquid: false\n---\n{% fancy ignored %}\n",
}


def test_problem_site_lists_every_difference_with_file_and_line(tmp_path: Path) -> None:
    findings = diagnose(_write(tmp_path, PROBLEM_SITE))
    assert _where(findings) == [
        ("_config.yml", 7, True),       # jekyll-spaceship
        ("_config.yml", 8, True),       # jekyll-twitter-plugin
        ("_config.yml", 3, True),       # markdown: redcarpet
        ("_config.yml", 11, True),      # kramdown remove_span_html_tags
        ("_config.yml", 4, True),       # lsi
        ("_config.yml", 13, True),      # liquid.error_mode
        ("_config.yml", 2, False),      # gem theme: Debian's minima, where its files come from
        ("_plugins/tags.rb", 5, True),   # register_tag
        ("_layouts/default.html", 3, True),
        ("_includes/widget.html", 2, True),   # include_cached without jekyll-include-cache
        ("_posts/2020-01-01-中文.md", 7, True),
    ]
    messages = [f.message for f in findings]
    assert messages[0] == "plugin 'jekyll-spaceship' is not supported"
    assert "defines tag 'fancy'" in messages[7]
    assert messages[8] == "unknown Liquid tag 'tweet' (from jekyll-twitter-plugin): neither " \
                          "Jekyll's nor blogtool's"
    assert "include_cached" in messages[9] and "jekyll-include-cache" in messages[9]
    assert "blogtool: {ignored_tags: [tweet]}" in findings[8].action
    assert ignored_tags_suggestion(findings) == \
        "blogtool: {ignored_tags: [tweet, include_cached, fancy]}"


def test_cli_exit_1_prints_findings_and_the_ignored_tags_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(command, ["-s", str(_write(tmp_path, PROBLEM_SITE))])
    assert result.exit_code == 1
    assert "_layouts/default.html:3: unknown Liquid tag 'tweet'" in result.output
    assert "  blogtool: {ignored_tags: [tweet, include_cached, fancy]}" in result.output
    # ten static findings (the gem theme is a note: Debian's minima loads), and the trial
    # build stopping at the first unknown tag
    assert "11 problem(s)" in result.output
    assert "the build stops here:" in result.output


def test_ignored_tags_become_notes_and_exit_0(tmp_path: Path) -> None:
    site = _write(tmp_path, {
        "_config.yml": "blogtool:\n  ignored_tags: [gist, mathblock]\n",
        "_layouts/default.html": "{{ content }}\n{% gist 1 %}\n",
        "index.md": "---\nlayout: default\n---\n{% mathblock %}\nx^2\n{% endmathblock %}\n",
    })
    findings = diagnose(site)
    assert _where(findings) == [("_layouts/default.html", 2, False), ("index.md", 4, False)]
    assert findings[1].message == ("Liquid tag 'mathblock' is ignored as configured "
                                   "(blogtool.ignored_tags)")
    result = CliRunner().invoke(command, ["-s", str(site)])
    assert result.exit_code == 0, result.output
    assert "blogtool can build this site as Jekyll does. (2 note(s))" in result.output


def test_supported_plugins_and_tags_need_nothing(tmp_path: Path) -> None:
    site = _write(tmp_path, {
        "_config.yml": "plugins: [jekyll-feed, jekyll-seo-tag, jekyll-sitemap, jekyll-paginate,"
                       " jekyll-archives, jekyll-redirect-from, jekyll-sass-converter]\n",
        "_layouts/default.html": "<head>{% seo %}{% feed_meta %}</head>{{ content }}",
        "_includes/x.html": "{% highlight java linenos %}int x;{% endhighlight %}"
                            "{% capture a %}{% cycle 'a', 'b' %}{% endcapture %}"
                            "{% case a %}{% when 'a' %}{% else %}{% endcase %}"
                            "{% for i in (1..2) %}{% break %}{% endfor %}{% tablerow i in a %}"
                            "{% endtablerow %}{% unless a %}{% endunless %}{% increment n %}"
                            "{% decrement n %}{% echo a %}{% render 'x' %}{% ifchanged %}"
                            "{% endifchanged %}{% liquid assign b = 1 %}",
        "_posts/2020-01-01-a.md": "---\n---\n{% post_url 2020-01-01-a %} {% link index.md %}"
                                  " {% include x.html %} {% include_relative a.md %}",
        "index.md": "---\n---\n{%- assign x = 1 -%}{{ x }}",
    })
    assert diagnose(site) == []
    # only building it shows that the site does not build (Jekyll stops there too: the
    # render tag has no file system in Jekyll, include_relative a.md is missing)
    output = CliRunner().invoke(command, ["-s", str(site)]).output
    assert "unknown Liquid tag" not in output and "plugin" not in output
    assert "the build stops here:" in output


def test_jekyll_bootstrap_fixture_has_only_notes() -> None:
    findings = diagnose(THEMES / "jb")
    assert _where(findings) == [("_config.yml", 13, False), ("_config.yml", 9, False)]
    assert findings[0].message.startswith("'gems:' (jekyll-sitemap) is ignored by Jekyll 4")
    assert "pygments" in findings[1].message


def test_gems_count_as_plugins_in_the_github_pages_profile(tmp_path: Path) -> None:
    site = _write(tmp_path, {"_config.yml": "gems: [jekyll-sitemap, jekyll-avatar]\n"
                                            "blogtool: {compat: github-pages}\n"})
    findings = diagnose(site)
    assert [(f.line, f.message) for f in findings] == \
        [(1, "plugin 'jekyll-avatar' is not supported")]
    gh = _write(tmp_path / "gh", {"_config.yml": "plugins: [jekyll-relative-links]\n"})
    assert diagnose(gh) == []       # listed, jekyll-relative-links runs in every mode
    assert diagnose(gh, overrides={"blogtool": {"compat": "github-pages"}}) == []


def test_remote_theme_and_dart_sass(tmp_path: Path) -> None:
    site = _write(tmp_path, {"_config.yml": "remote_theme: pages-themes/cayman\n"
                                            "sass:\n  implementation: sass-embedded\n"})
    assert [(f.line, f.message.split(" ")[0]) for f in diagnose(site)] == \
        [(3, "'sass.implementation:"), (1, "'remote_theme:")]


def test_unreadable_site_is_one_line_and_exit_1(tmp_path: Path) -> None:
    site = _write(tmp_path, {"_config.yml": "title: [unclosed\n"})
    result = CliRunner().invoke(command, ["-s", str(site)])
    assert result.exit_code == 1
    assert result.output.startswith("_config.yml:")
    assert "Traceback" not in result.output


# --- the pieces ------------------------------------------------------------------------------


def test_known_tags_are_the_engines() -> None:
    known = known_tags()
    for name in ("include", "include_relative", "highlight", "endhighlight", "post_url", "link",
                 "seo", "feed_meta", "assign", "endfor", "elsif", "raw", "endraw", "render"):
        assert name in known
    assert "gist" not in known and "illegal" not in known


def test_scan_tags_lines_raw_comment_and_nesting() -> None:
    text = ("a\n{% x1 %}\n{% raw %}\n{% no %}{% endraw %}{%- x2 -%}\n"
            "{% comment %}{% comment %}{% no %}{% endcomment %}{% no %}{% endcomment %}\n"
            "{% y %}{% endy %}\n")
    assert scan_tags(text, "p.md", 10, known_tags()) == [
        ("p.md", 11, "x1"), ("p.md", 13, "x2"), ("p.md", 15, "y"), ("p.md", 15, "endy")]
    assert scan_tags(text, "p.md", 1, known_tags(), ignored=("y",)) == [
        ("p.md", 2, "x1"), ("p.md", 4, "x2"), ("p.md", 6, "y")]


def test_config_line_finds_top_level_and_nested_keys() -> None:
    text = "title: t\nkramdown:\n  input: GFM\n  parse_block_html: true\nsass:\n  style: x\n" \
           "input: top\n"
    assert config_line(text, "title") == 1
    assert config_line(text, "input") == 7
    assert config_line(text, "input", "kramdown") == 3
    assert config_line(text, "style", "sass") == 6
    assert config_line(text, "style", "kramdown") is None
    assert config_line(text, "nothing") is None


@pytest.mark.parametrize("a,b", [
    ("about.html", "about/index.html"), ("about", "about.html"), ("index.html", ""),
    ("tag/%E4%B8%AD%E6%96%87/index.html", "tag/中文/index.html"),
    ("x/index.htm", "x.html"),
])
def test_url_key_equivalences(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)


def test_url_key_keeps_other_extensions_apart() -> None:
    assert url_key("feed.xml") != url_key("feed")
    assert url_key("a/main.css") != url_key("a/main.css.map")


def test_missing_urls(tmp_path: Path) -> None:
    old = _write(tmp_path / "old", {
        "archive.html": "", "2014/10/13/中文-标题.html": "", "tag/%E4%B8%AD/index.html": "",
        "feed.xml": "", "assets/main.css.map": "", "gone/index.html": "", "CNAME": "x",
        ".git/HEAD": "ref",
    })
    new = _write(tmp_path / "new", {
        "archive/index.html": "", "2014/10/13/中文-标题/index.html": "", "tag/中/index.html": "",
        "feed.xml": "", "assets/main.css": "",
    })
    assert missing_urls(old, new) == ["/CNAME", "/assets/main.css.map", "/gone/index.html"]


def test_compare_jekyll_bootstrap_fixture_with_jekylls_site() -> None:
    result = CliRunner().invoke(command, ["-s", str(THEMES / "jb"), "--compat", "jekyll",
                                          "--compare", str(THEMES / "jb" / "_expected")])
    assert result.exit_code == 0, result.output
    assert "Every URL of" in result.output


def test_compare_lists_what_the_new_build_lacks(tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(THEMES / "jb" / "_expected", old)
    _write(old, {"2012/01/01/旧文章.html": "<p>old</p>", "sitemap.xml": "<urlset/>"})
    result = CliRunner().invoke(command, ["-s", str(THEMES / "jb"), "--compat", "jekyll",
                                          "--compare", str(old)])
    assert result.exit_code == 1
    assert "missing: /2012/01/01/旧文章.html\nmissing: /sitemap.xml\n" in result.output
    assert "2 URL(s) of" in result.output


# --- the trial build: what stops a real build is a finding ---------------------------------


def test_a_site_that_does_not_build_is_never_said_to_build(tmp_path: Path) -> None:
    # nothing the static checks know about: only building the site shows the stop
    site = _write(tmp_path, {"_config.yml": "title: t\n",
                             "_layouts/default.html": "{{ content }}{% include nav.html %}\n",
                             "index.md": "---\nlayout: default\n---\nhome\n"})
    assert diagnose(site) == []
    findings = diagnose(site, trial=tmp_path / "trial")
    assert [(f.path, f.unsupported) for f in findings] == [("_layouts/default.html", True)]
    assert findings[0].message.startswith("the build stops here:")
    result = CliRunner().invoke(command, ["-s", str(site)])
    assert result.exit_code == 1
    assert "can build this site as Jekyll does" not in result.output
    assert "1 problem(s)" in result.output


def test_a_site_that_builds_is_said_to_build_and_warnings_are_notes(tmp_path: Path) -> None:
    site = _write(tmp_path, {"_config.yml": "title: t\n",
                             "_layouts/default.html": "<title>{{ page.title }}</title>"
                                                      "{{ content }}\n",
                             "_posts/2020-01-01-a.md": "---\nlayout: default\ntitle: A\n---\nA\n",
                             "b.md": "---\nlayout: missing\n---\nB\n"})
    findings = diagnose(site, trial=tmp_path / "trial")
    assert [(f.path, f.unsupported) for f in findings] == [("b.md", False)]
    assert findings[0].message.startswith("build warning:")
    assert (tmp_path / "trial" / "2020" / "01" / "01" / "a.html").is_file()
    result = CliRunner().invoke(command, ["-s", str(site)])
    assert result.exit_code == 0, result.output
    assert "blogtool can build this site as Jekyll does. (1 note(s))" in result.output


def test_compare_needs_a_site_that_builds(tmp_path: Path) -> None:
    site = _write(tmp_path / "src", {"_layouts/default.html": "{% include nav.html %}\n",
                                     "index.md": "---\nlayout: default\n---\nhome\n"})
    old = _write(tmp_path / "old", {"index.html": "old\n"})
    result = CliRunner().invoke(command, ["-s", str(site), "--compare", str(old)])
    assert result.exit_code == 1
    assert "does not build, so its URLs cannot be compared" in result.output


def test_kramdown_options_that_change_nothing_are_not_problems(tmp_path: Path) -> None:
    # EZLippi's blog: `use_coderay: false` is read by neither kramdown 2.4 nor Jekyll 4;
    # `parse_span_html: true` and `syntax_highlighter: rouge` are kramdown's own defaults
    site = _write(tmp_path, {"_config.yml": "kramdown:\n  use_coderay: false\n"
                                            "  parse_span_html: true\n"
                                            "  syntax_highlighter: rouge\n"
                                            "  remove_span_html_tags: true\n"})
    findings = diagnose(site)
    assert _where(findings) == [("_config.yml", 2, False), ("_config.yml", 5, True)]
    assert "read by neither kramdown 2.4 nor Jekyll 4" in findings[0].message


def test_render_order_differences_are_findings(tmp_path: Path) -> None:
    # both checked against Jekyll 4.3.1: a body's {{ content }} is the previously rendered
    # document's; a newer post's content read from an older post's layout is its raw source
    site = _write(tmp_path, {
        "_layouts/post.html": "{{ content }}\n{% for p in site.posts %}\n"
                              "{{ p.content | strip_html | number_of_words }}{% endfor %}\n",
        "_includes/quiet.html": "{% raw %}{{ post.content }}{% endraw %}{{ page.content }}\n",
        "_posts/2020-01-01-a.md": "---\nlayout: post\n---\nA\n",
        "_posts/2020-01-02-b.md": "---\nlayout: post\n---\nB\n\n    {{ content }}\n",
    })
    findings = diagnose(site)
    assert _where(findings) == [("_posts/2020-01-02-b.md", 6, True),
                                ("_layouts/post.html", 3, False)]
    assert "`p.content`" in findings[1].message
