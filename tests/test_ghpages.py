"""The github-pages profile's plugin behaviour: jekyll-optional-front-matter (Markdown without
front matter becomes a page) and jekyll-relative-links (links to ``.md`` files point to the
rendered URL)."""
from __future__ import annotations

from blogtool.build.ghpages import (
    RelativeLinksOptions,
    optional_front_matter_enabled,
    optional_front_matter_pages,
    optional_front_matter_removes_originals,
    relative_links_apply,
    relative_links_options,
    rewrite_relative_links,
)

MD = (".markdown", ".mkdown", ".mkdn", ".mkd", ".md")

TARGETS = {
    "about.md": "/about.html",
    "docs/setup.md": "/docs/setup.html",
    "docs/中文 指南.md": "/docs/%E4%B8%AD%E6%96%87%20%E6%8C%87%E5%8D%97.html",
    "img/arch.png": "/img/arch.png",
    "_posts/2014-10-13-flume.md": "/hadoop/2014/10/13/flume.html",
    "index.md": "/",
}


# --- jekyll-optional-front-matter ------------------------------------------------------------


def test_markdown_static_files_become_pages_except_readme_and_friends() -> None:
    statics = ["notes.md", "docs/guide.markdown", "README.md", "docs/readme.md", "LICENSE.md",
               "CONTRIBUTING.md", "img/a.png", "robots.txt", "中文笔记.md"]
    assert optional_front_matter_pages(statics, {}, MD) == \
        ["notes.md", "docs/guide.markdown", "中文笔记.md"]


def test_include_whitelists_blacklisted_names() -> None:
    config = {"include": ["README.md", "docs"]}
    assert optional_front_matter_pages(["README.md", "docs/LICENSE.md", "LICENSE.md"], config,
                                       MD) == ["README.md", "docs/LICENSE.md"]


def test_optional_front_matter_can_be_turned_off() -> None:
    assert optional_front_matter_enabled({})
    for config in ({"require_front_matter": True}, {"optional_front_matter": False},
                   {"optional_front_matter": {"enabled": False}}):
        assert not optional_front_matter_enabled(config)
        assert optional_front_matter_pages(["a.md"], config, MD) == []


def test_originals_are_kept_unless_removed() -> None:
    assert not optional_front_matter_removes_originals({})
    assert optional_front_matter_removes_originals(
        {"optional_front_matter": {"remove_originals": True}})


def test_markdown_extensions_follow_the_site() -> None:
    assert optional_front_matter_pages(["a.md", "b.txt", "c.MD"], {}, (".txt",)) == ["b.txt"]
    assert optional_front_matter_pages(["a.md", "c.MD"], {}, MD) == ["a.md", "c.MD"]


# --- jekyll-relative-links -------------------------------------------------------------------


def test_inline_links_to_site_files_are_rewritten() -> None:
    text = ("见 [关于](about.md)、[安装](docs/setup.md#step-2 \"安装步骤\") 和 "
            "![架构](img/arch.png)。\n")
    assert rewrite_relative_links(text, "index.md", TARGETS) == (
        "见 [关于](/about.html)、[安装](/docs/setup.html#step-2 \"安装步骤\") 和 "
        "![架构](/img/arch.png)。\n")


def test_links_resolve_against_the_documents_directory() -> None:
    text = "[up](../about.md) [same](setup.md) [root](/about.md) [out](../../x.md)"
    assert rewrite_relative_links(text, "docs/intro.md", TARGETS) == (
        "[up](/about.html) [same](/docs/setup.html) [root](/about.html) [out](../../x.md)")


def test_percent_encoded_and_cjk_targets_and_baseurl() -> None:
    text = "[指南](中文%20指南.md) [指南2](中文+指南.md) [post](../_posts/2014-10-13-flume.md)"
    assert rewrite_relative_links(text, "docs/a.md", TARGETS, "/blog") == (
        "[指南](/blog/docs/%E4%B8%AD%E6%96%87%20%E6%8C%87%E5%8D%97.html) "
        "[指南2](/blog/docs/%E4%B8%AD%E6%96%87%20%E6%8C%87%E5%8D%97.html) "
        "[post](/blog/hadoop/2014/10/13/flume.html)")


def test_reference_definitions_are_rewritten() -> None:
    # The plugin's `^\s*?` starts the match at the blank line before the definition and its
    # replacement starts with a newline: the text keeps its line count.
    text = "读 [文档][d]。\n\n[d]: docs/setup.md \"title\"\n[e]: https://e.com/a.md\n"
    assert rewrite_relative_links(text, "index.md", TARGETS) == (
        "读 [文档][d]。\n\n[d]: /docs/setup.html \"title\"\n[e]: https://e.com/a.md\n")
    assert rewrite_relative_links("[d]: about.md", "index.md", TARGETS) == \
        "\n[d]: /about.html"


def test_unknown_files_absolute_urls_and_fragments_are_left_alone() -> None:
    text = ("[a](missing.md) [b](https://example.com/about.md) [c](#about) "
            "[d](mailto:x@y.z) [e](//cdn.example.com/x.md)")
    assert rewrite_relative_links(text, "index.md", TARGETS) == text


def test_index_target_becomes_the_root_url() -> None:
    assert rewrite_relative_links("[home](../index.md)", "docs/a.md", TARGETS, "/b") == \
        "[home](/b/)"


def test_which_documents_are_rewritten() -> None:
    default = relative_links_options({})
    assert default == RelativeLinksOptions(True, False, ())
    assert relative_links_apply("docs/a.md", True, default, MD)
    assert not relative_links_apply("docs/a.html", True, default, MD)
    assert not relative_links_apply("_posts/2014-01-01-a.md", False, default, MD)
    with_docs = relative_links_options({"relative_links": {"collections": True,
                                                           "exclude": ["drafts/*"]}})
    assert relative_links_apply("_posts/2014-01-01-a.md", False, with_docs, MD)
    assert not relative_links_apply("drafts/x.md", True, with_docs, MD)
    off = relative_links_options({"relative_links": {"enabled": False}})
    assert not relative_links_apply("a.md", True, off, MD)
