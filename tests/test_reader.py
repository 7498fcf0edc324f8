"""Unit tests of ``blogtool.build.frontmatter`` (Jekyll's front matter split and its fix-ups) and of
``blogtool.build.reader`` on small sites made in a temporary folder."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from blogtool.build import frontmatter
from blogtool.build.reader import read_site
from blogtool.build.site import plan
from blogtool.errors import BuildError, Diagnostics
from blogtool.timeutil import RubyTime

# --- split ------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, has", [
    (b"---\ntitle: x\n---\n", True), (b"---   \ntitle: x\n---\n", True),
    (b"---\r\ntitle: x\r\n---\r\n", True), (b"\xef\xbb\xbf---\ntitle: x\n---\n", False),
    (b"title: x\n", False), (b"----\n", False), (b" ---\n", False),
])
def test_has_front_matter_is_decided_on_raw_bytes(raw, has):
    assert frontmatter.has_front_matter(raw) is has


def test_split_basic_and_body_line():
    s = frontmatter.split("---\ntitle: Hi\n---\nbody\n", "a.md")
    assert s.found and s.data == {"title": "Hi"} and s.body == "body\n" and s.body_line == 4


def test_block_may_end_with_three_dots():
    s = frontmatter.split("---\ntitle: Dots\n...\nbody\n", "a.md")
    assert s.data == {"title": "Dots"} and s.body == "body\n"


def test_closing_delimiter_eats_following_blank_lines_not_indentation():
    s = frontmatter.split("---\nlayout: null\n---\n\n  \n\n<?xml?>\n", "rss.xml")
    assert s.body == "<?xml?>\n"
    s = frontmatter.split("---\na: 1\n---\n\n    code\n", "a.md")
    assert s.body == "    code\n"


def test_empty_block_and_unclosed_block():
    assert frontmatter.split("---\n---\nrest\n", "a.md").data == {}
    unclosed = frontmatter.split("---\ntitle: x\nno end\n", "a.md")
    assert not unclosed.found and unclosed.body == "---\ntitle: x\nno end\n"


def test_crlf_front_matter():
    s = frontmatter.split("---\r\ntitle: CRLF\r\n---\r\nbody\r\n", "a.md")
    assert s.data["title"] == "CRLF"


def test_yaml_1_1_scalars_and_spaced_keys():
    s = frontmatter.split("---\ncategory : hadoop\ntags : [flume]\nspecial: yes\ntitle: 2014\n"
                          "date: 2014-10-13 23:30:00\n---\n", "a.md")
    assert s.data["category"] == "hadoop" and s.data["tags"] == ["flume"]
    assert s.data["special"] is True and s.data["title"] == 2014
    assert s.data["date"] == dt.datetime(2014, 10, 13, 23, 30)


def test_broken_yaml_raises_located_error():
    with pytest.raises(BuildError) as err:
        frontmatter.split("---\ntitle: ok\nbad: [unclosed\n---\nbody\n", "_posts/x.md")
    problem = err.value.problem
    assert problem.path == "_posts/x.md" and problem.line in (3, 4)
    assert "YAML" in problem.message


def test_non_mapping_front_matter_is_an_error():
    with pytest.raises(BuildError):
        frontmatter.split("---\n- a\n- b\n---\n", "p.md")


def test_liquid_value_is_read_as_text():
    s = frontmatter.split("---\ntitle: {{ site.name }}\n---\n", "p.md")
    assert s.data["title"] == "{{ site.name }}"


# --- fix-ups -------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, path_cats, cats", [
    ({"category": "hadoop"}, [], ["hadoop"]),
    ({"category": "one", "categories": ["two", "three"]}, [], ["two", "three", "one"]),
    ({"categories": "X Y"}, [], ["X", "Y"]),
    ({"categories": "x, y"}, [], ["x,", "y"]),
    ({"category": 123}, [], ["123"]),
    ({"category": ["Big Data", "hadoop"]}, [], ["Big Data", "hadoop"]),
    ({"category": None, "tags": None}, [], []),
    ({"categories": ["A", "a"]}, [], ["A", "a"]),
    ({"categories": ["java", "hadoop"]}, ["hadoop"], ["hadoop", "java"]),
])
def test_categories(data, path_cats, cats):
    assert frontmatter.categories_of(data, path_cats) == cats


@pytest.mark.parametrize("data, tags", [
    ({"tags": ["flume"]}, ["flume"]),
    ({"tag": "one", "tags": ["two", "three"]}, ["one"]),
    ({"tags": "a b  c"}, ["a", "b", "c"]),
    ({"tags": "a, b"}, ["a,", "b"]),
    ({"tags": None}, []),
    ({"tags": ["中文", "中文"]}, ["中文", "中文"]),
    ({"tags": [2014, 3.5, True]}, [2014, 3.5, True]),
])
def test_tags(data, tags):
    assert frontmatter.tags_of(data) == tags


# --- reader on a small site ------------------------------------------------------------------------

def _site(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


def _read(root: Path, **overrides):
    diagnostics = Diagnostics()
    config, settings = plan(root, root / "_site", overrides={"blogtool": {"compat": "jekyll"},
                                                             **overrides},
                            diagnostics=diagnostics)
    now = RubyTime(2020, 6, 1, 12, tzinfo=dt.UTC)
    return read_site(config, settings, now, diagnostics), diagnostics


def test_reader_discovers_posts_pages_static(tmp_path):
    _site(tmp_path, {
        "_config.yml": "timezone: Asia/Shanghai\n",
        "_posts/2014-10-13-flume-agent-stops.md": "---\ncategory : hadoop\n---\nx\n",
        "hadoop/_posts/2014-10-16-in-dir.md": "---\n---\nx\n",
        "_posts/sub/2014-10-17-in-subdir.md": "---\n---\nx\n",
        "_posts/2014-10-14-unquoted.md": "---\ndate: 2014-10-13 23:30:00\n---\nx\n",
        "_posts/2014-10-20-nofm.md": "no front matter\n",
        "_posts/no-date.md": "---\n---\nx\n",
        "_posts/2014-10-18-future-not.md~": "---\n---\nx\n",
        "_notes/_posts/2014-10-19-hidden.md": "---\n---\nx\n",
        "about.md": "---\ntitle: About\n---\nx\n",
        "README.md": "plain\n",
        ".hidden.md": "---\n---\n",
        "_drafts/d.md": "---\n---\nx\n",
    })
    sources, _ = _read(tmp_path)
    by_path = {p.rel_path: p for p in sources.posts}
    assert set(by_path) == {"_posts/2014-10-13-flume-agent-stops.md",
                            "hadoop/_posts/2014-10-16-in-dir.md",
                            "_posts/sub/2014-10-17-in-subdir.md",
                            "_posts/2014-10-14-unquoted.md", "_posts/2014-10-20-nofm.md"}
    flume = by_path["_posts/2014-10-13-flume-agent-stops.md"]
    assert flume.url == "/hadoop/2014/10/13/flume-agent-stops.html"
    assert flume.data["title"] == "Flume Agent Stops"
    assert by_path["hadoop/_posts/2014-10-16-in-dir.md"].categories == ["hadoop"]
    assert by_path["_posts/sub/2014-10-17-in-subdir.md"].categories == []
    assert by_path["_posts/2014-10-14-unquoted.md"].url == "/2014/10/14/unquoted.html"
    assert str(by_path["_posts/2014-10-14-unquoted.md"].date) == "2014-10-14 07:30:00 +0800"
    assert [p.rel_path for p in sources.pages] == ["about.md"]
    assert [f.rel_path for f in sources.static_files] == ["README.md"]
    # ascending by date, ties by path
    dates = [p.date for p in sources.posts]
    assert dates == sorted(dates)


def test_reader_drafts_future_unpublished(tmp_path):
    _site(tmp_path, {
        "_posts/2020-05-31-past.md": "---\n---\nx\n",
        "_posts/2020-06-02-future.md": "---\n---\nx\n",
        "_posts/2020-05-01-hidden.md": "---\npublished: false\n---\nx\n",
        "_drafts/a-draft.md": "---\ndate: 2014-11-01\n---\nx\n",
    })
    sources, _ = _read(tmp_path)
    assert [p.slug for p in sources.posts] == ["past"]
    sources, _ = _read(tmp_path, future=True, unpublished=True, show_drafts=True)
    assert sorted(p.slug for p in sources.posts) == ["a-draft", "future", "hidden", "past"]
    draft = next(p for p in sources.posts if p.draft)
    assert draft.url == "/2014/11/01/a-draft.html"


def test_reader_broken_yaml_post_warns_and_uses_site_time(tmp_path):
    _site(tmp_path, {"_posts/2014-01-09-bad-yaml.md": "---\ntitle: [unclosed\n---\nbody\n"})
    sources, diagnostics = _read(tmp_path)
    (post,) = sources.posts
    assert post.url == "/2020/06/01/2014-01-09-bad-yaml.html"
    assert diagnostics.warnings and diagnostics.warnings[0].path == "_posts/2014-01-09-bad-yaml.md"


def test_reader_bad_file_name_date_is_an_error(tmp_path):
    _site(tmp_path, {"_posts/2014-13-45-bad.md": "---\n---\nx\n"})
    with pytest.raises(BuildError) as err:
        _read(tmp_path)
    assert err.value.problem.path == "_posts/2014-13-45-bad.md"


def test_reader_defaults_scopes(tmp_path):
    _site(tmp_path, {
        "_config.yml": "defaults:\n  - scope: {path: ''}\n    values: {layout: default}\n"
                       "  - scope: {path: '', type: posts}\n    values: {layout: post}\n"
                       "  - scope: {path: blog}\n    values: {section: blog}\n",
        "_posts/2014-01-01-p.md": "---\n---\nx\n",
        "blog/page.md": "---\nlayout: own\n---\nx\n",
        "other.md": "---\n---\nx\n",
    })
    sources, _ = _read(tmp_path)
    assert sources.posts[0].data["layout"] == "post"
    pages = {p.rel_path: p.data for p in sources.pages}
    assert pages["blog/page.md"] == {"layout": "own", "section": "blog"}
    assert pages["other.md"] == {"layout": "default"}


def test_reader_bom_post_and_bom_page_in_compat(tmp_path):
    _site(tmp_path, {"_posts/2014-10-11-bom.md": b"\xef\xbb\xbf---\ntitle: BOM\n---\nx\n",
                     "bom.md": b"\xef\xbb\xbf---\ntitle: BOM page\n---\nx\n"})
    sources, _ = _read(tmp_path)
    assert sources.posts[0].data["title"] == "BOM"
    assert [f.rel_path for f in sources.static_files] == ["bom.md"]


def test_reader_empty_title_gets_the_slug_title(tmp_path):
    """Jekyll: data['title'] ||= titleize_slug(slug), so an empty or false title is replaced."""
    _site(tmp_path, {"_posts/2014-10-17-empty-title.md": "---\ntitle:\n---\nx\n"})
    sources, _ = _read(tmp_path)
    assert sources.posts[0].data["title"] == "Empty Title"


def test_categories_and_tags_as_jekyll_reads_them() -> None:
    """Outputs of Jekyll 4.3.1 (page.categories | jsonify, page.tags | jsonify)."""
    from blogtool.build.frontmatter import categories_of, tags_of
    assert categories_of({"category": "data mining"}, []) == ["data mining"]
    assert categories_of({"categories": "data mining"}, []) == ["data", "mining"]
    assert categories_of({"category": 2019}, []) == ["2019"]
    assert categories_of({"category": "one", "categories": ["two", "three"]}, []) == \
        ["two", "three", "one"]
    assert categories_of({"categories": ["a", None]}, []) == ["a", None, ""]
    assert categories_of({"category": "from defaults", "categories": "c"}, ["a", "b"]) == \
        ["a", "b", "c", "from defaults"]
    assert categories_of({"categories": [["Game Engine", "Unity"], "C#"]}, []) == \
        ['["Game Engine", "Unity"]', "C#", "Game Engine", "Unity"]
    assert tags_of({"tags": [["Game Engine", "Unity"], "C#", None]}) == \
        ["Game Engine", "Unity", "C#"]
    assert tags_of({"tag": "solo tag", "tags": "a b"}) == ["solo tag"]
    assert tags_of({"tags": [1, True, 2.5]}) == [1, True, 2.5]


def test_post_dates_front_matter_wins_over_a_bad_name(tmp_path: Path) -> None:
    from blogtool.build.site import build
    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("timezone: Asia/Shanghai\n", "utf-8")
    (src / "_posts/2018-26-08-notes.md").write_text("---\ndate: 2018-08-26 10:00\n---\nx\n")
    (src / "_posts/2016-01-13-data.yml").write_text("title: data\n")
    (src / "_posts/0000-01-01-zero.md").write_text("---\n---\nzero\n")
    build(src, tmp_path / "site", jobs=1, use_cache=False,
          overrides={"blogtool": {"compat": "jekyll"}})
    files = sorted(str(p.relative_to(tmp_path / "site")) for p in
                   (tmp_path / "site").rglob("*") if p.is_file())
    assert files == ["0000/01/01/zero.html", "2018/08/26/notes.html"], files
