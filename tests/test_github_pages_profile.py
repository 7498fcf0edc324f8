"""compat: github-pages reproduces what GitHub Pages' always-on plugins change."""
from pathlib import Path

from blogtool.build.site import build


def test_markdown_without_front_matter_is_a_page_and_md_links_follow(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "docs").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\n", "utf-8")
    (src / "notes.md").write_text("See [other](docs/other.md).\n", "utf-8")
    (src / "docs/other.md").write_text("# Other\n", "utf-8")
    build(src, tmp_path / "gh", overrides={"blogtool": {"compat": "github-pages"}}, jobs=1)
    notes = (tmp_path / "gh/notes.html").read_text("utf-8")
    assert '<a href="/docs/other.html">other</a>' in notes
    assert (tmp_path / "gh/docs/other.html").is_file()
    # Jekyll 4 copies both files raw
    build(src, tmp_path / "j4", overrides={"blogtool": {"compat": "jekyll"}}, jobs=1)
    assert (tmp_path / "j4/notes.md").is_file() and not (tmp_path / "j4/notes.html").exists()


def test_future_posts_are_published_on_github_pages(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "_posts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\n", "utf-8")
    (src / "_posts/2999-01-01-later.md").write_text("---\ntitle: later\n---\nx\n", "utf-8")
    build(src, tmp_path / "gh", overrides={"blogtool": {"compat": "github-pages"}}, jobs=1)
    assert (tmp_path / "gh/2999/01/01/later.html").is_file()
    build(src, tmp_path / "j4", overrides={"blogtool": {"compat": "jekyll"}}, jobs=1)
    assert not (tmp_path / "j4/2999").exists()


def test_rewritten_links_follow_a_renamed_target_through_the_cache(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "docs").mkdir(parents=True)
    (src / "_config.yml").write_text("title: t\n", "utf-8")
    (src / "notes.md").write_text("See [other](docs/other.md).\n", "utf-8")
    (src / "docs/other.md").write_text("---\npermalink: /first/\n---\n# Other\n", "utf-8")
    gh = {"blogtool": {"compat": "github-pages"}}
    build(src, tmp_path / "gh", overrides=gh, jobs=1)
    assert 'href="/first/"' in (tmp_path / "gh/notes.html").read_text("utf-8")
    (src / "docs/other.md").write_text("---\npermalink: /second/\n---\n# Other\n", "utf-8")
    build(src, tmp_path / "gh", overrides=gh, jobs=1)
    assert 'href="/second/"' in (tmp_path / "gh/notes.html").read_text("utf-8")
