"""The plugins blogtool reproduces, checked without Ruby: jemoji's markup (no Debian package
to compare with), jekyll-mentions, jekyll-toc, jekyll-github-metadata's environment cases,
jekyll-last-modified-at's git lookup, paginate-v2's ordering, a theme's _config.yml. Each is
also compared with real Jekyll in the compatibility suite where Debian packages the plugin."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from blogtool.build import site as site_mod
from blogtool.build.plugins import emoji, github_metadata, last_modified, mentions, toc
from blogtool.build.themes.resolve import ResolvedTheme, theme_config
from blogtool.errors import BuildError
from blogtool.timeutil import site_zone


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


LAYOUT = ("<html><head><title>{{ page.title }} :smile:</title></head>"
          "<body>{{ content }}</body></html>\n")


# --- jemoji -----------------------------------------------------------------------------------

def test_jemoji_image_markup_and_names() -> None:
    html = "<html><head><title>:smile:</title></head><body><p>Ship it :shipit: :+1: " \
           ":no_such_emoji: <code>:smile:</code></p></body></html>"
    out = emoji.emojify(html, {})
    assert "<title>:smile:</title>" in out                       # the head is left alone
    assert '<img class="emoji" title=":shipit:" alt=":shipit:" ' \
           'src="https://github.githubassets.com/images/icons/emoji/shipit.png" ' \
           'height="20" width="20">' in out
    assert 'src="https://github.githubassets.com/images/icons/emoji/unicode/1f44d.png"' in out
    assert ":no_such_emoji:" in out and "<code>:smile:</code>" in out


def test_jemoji_strips_variation_selector_and_honours_src() -> None:
    # :heart: is U+2764 U+FE0F: the image is named 2764.png
    out = emoji.emojify("<p>:heart:</p>", {"emoji": {"src": "/assets/emoji"}})
    assert 'src="/assets/emoji/emoji/unicode/2764.png"' in out


def test_jemoji_in_a_build_only_when_listed(tmp_path: Path) -> None:
    site = write(tmp_path / "s", {"_layouts/default.html": LAYOUT,
                                  "index.md": "---\nlayout: default\ntitle: T\n---\nHi :smile:\n",
                                  "_config.yml": "plugins: [jemoji]\n"})
    site_mod.build(site, tmp_path / "out", use_cache=False, jobs=1)
    page = (tmp_path / "out/index.html").read_text()
    assert "<title>T :smile:</title>" in page
    assert 'alt=":smile:" src="https://github.githubassets.com/images/icons/emoji/unicode/' \
           '1f604.png"' in page
    write(site, {"_config.yml": "title: x\n"})
    site_mod.build(site, tmp_path / "out2", use_cache=False, jobs=1)
    assert "<img" not in (tmp_path / "out2/index.html").read_text()


# --- jekyll-mentions --------------------------------------------------------------------------

@pytest.mark.parametrize("text,linked", [
    ("hi @octocat!", ["octocat"]), ("mail a@b.com", []), ("@mention stays", []),
    ("end @dhh.", ["dhh"]), ("path @foo/bar", []), ("中文@user 后", ["user"]),
])
def test_mentions_pattern(text: str, linked: list[str]) -> None:
    out = mentions.mentionify(f"<p>{text}</p>", {}, {})
    assert [a.split('"')[1].rsplit("/", 1)[1] for a in out.split("<a href=")[1:]] == linked


def test_mentions_skip_code_links_and_turned_off_pages() -> None:
    html = "<body><a href='x'>@in_link</a><pre>@in_pre</pre><p>@yes</p></body>"
    out = mentions.mentionify(html, {"jekyll-mentions": "https://gitlab.example/"}, {})
    assert out.count("user-mention") == 1 and 'href="https://gitlab.example/yes"' in out
    assert mentions.mentionify(html, {}, {"jekyll-mentions": False}) == html
    with pytest.raises(BuildError):
        mentions.mentionify(html, {"jekyll-mentions": 3}, {})


# --- jekyll-toc -------------------------------------------------------------------------------

def test_toc_levels_ordered_list_and_classes() -> None:
    html = '<h2 id="a">A</h2><h3>B &amp; c</h3><h5>deep</h5><h2 class="no_toc">skip</h2>'
    opts = toc.options({"toc": {"max_level": 3, "ordered_list": True, "sublist_class": "sub",
                                "item_class": "item", "list_class": "lst"}})
    out = toc.build_toc(html, opts)
    assert out == ('<ol id="toc" class="lst">\n<li class="item toc-h2"><a href="#a">A</a>\n'
                   '<ol class="sub">\n<li class="item toc-h3"><a href="#b--c">B &amp; c</a>'
                   '</li>\n</ol>\n</li>\n</ol>')


# --- jekyll-github-metadata -------------------------------------------------------------------

def test_github_metadata_user_page_and_env_overrides(tmp_path: Path) -> None:
    config = {"repository": "octo/octo.github.com"}
    drop = github_metadata.metadata(config, str(tmp_path), "development", env={})
    assert drop is not None
    assert (drop["is_user_page"], drop["url"], drop["source"]["branch"]) == \
        (True, "https://github.com/pages/octo", "master")
    drop = github_metadata.metadata({"repository": "a/b"}, str(tmp_path), "production",
                                    env={"PAGES_REPO_NWO": "c/d", "PAGES_ENV": "dotcom"})
    assert drop is not None
    assert (drop["repository_nwo"], drop["url"], drop["pages_hostname"]) == \
        ("c/d", "http://c.github.io/d", "github.io")
    assert github_metadata.metadata({}, str(tmp_path), "production", env={}) is None


def test_github_metadata_from_the_origin_remote(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin",
                    "git@github.com:someone/blog.git"], check=True)
    drop = github_metadata.metadata({}, str(tmp_path), "development", env={})
    assert drop is not None and drop["repository_nwo"] == "someone/blog"
    site: dict = {}
    github_metadata.apply(site, {"github": {"extra": 1}}, str(tmp_path), "development", env={})
    assert site["github"]["extra"] == 1 and site["title"] == "blog"


# --- jekyll-last-modified-at ------------------------------------------------------------------

def test_last_modified_from_git_then_mtime(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo, {"site/a.md": "a\n", "site/b.md": "b\n"})
    env = {"GIT_AUTHOR_DATE": "2020-02-03T04:05:06+00:00",
           "GIT_COMMITTER_DATE": "2020-02-03T04:05:06+00:00", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e",
           "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "site/a.md"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-qm", "a"], check=True, env=env)
    times = last_modified.last_modified(str(repo / "site"), ["a.md", "b.md", "gone.md"],
                                        site_zone("Asia/Shanghai"))
    assert str(times["a.md"]) == "2020-02-03 12:05:06 +0800"
    assert "b.md" in times and "gone.md" not in times      # uncommitted: its mtime


# --- a theme's _config.yml --------------------------------------------------------------------

def test_theme_config_is_a_default_and_cannot_set_jekyll_keys(tmp_path: Path) -> None:
    root = write(tmp_path / "t", {"_config.yml": "title: Theme\nplugins: [jekyll-feed]\n"
                                                 "permalink: pretty\nskin: dark\n"
                                                 "sass: {style: compressed}\n"})
    theme = ResolvedTheme("theme", "t", root, "gem", str(root))
    merged, dropped = theme_config(theme, {"title": "Site", "sass": {"sourcemap": "never"}})
    assert merged["title"] == "Site" and merged["skin"] == "dark"
    assert merged["sass"] == {"style": "compressed", "sourcemap": "never"}
    assert "plugins" not in merged and "permalink" not in merged
    assert sorted(dropped) == ["permalink", "plugins"]
    assert theme_config(theme, {"ignore_theme_config": True}) == \
        ({"ignore_theme_config": True}, [])
