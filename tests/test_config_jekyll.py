"""_config.yml read as Jekyll 4.3.1 reads it: the files are merged over each other and checked
(``plugins``, ``include`` and ``exclude`` must be arrays, even when empty) before they are laid
over the defaults, and a key with no value keeps the default. Each case is built by real Jekyll
and by blogtool."""
from __future__ import annotations

from pathlib import Path

import pytest

from blogtool.build.config import deep_merge, load_config, ruby_inspect
from blogtool.errors import BuildError
from compat.build import build_blogtool, build_jekyll


def _site(root: Path, config: str) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text(config, "utf-8")
    (root / "_posts" / "2020-01-01-a.md").write_text("---\ntitle: a\n---\nhi `x`\n", "utf-8")
    (root / "index.html").write_text(
        "---\n---\n{{ site.permalink }}|{{ site.exclude | size }}|{{ site.markdown_ext }}|"
        "{{ site.kramdown.input }}|{{ site.highlighter }}|{{ site.keep_files | join: ',' }}\n",
        "utf-8")
    return root


def test_keys_without_a_value_keep_jekylls_defaults(tmp_path: Path) -> None:
    src = _site(tmp_path / "src", "permalink:\nmarkdown_ext:\nkramdown:\n  input:\n"
                                  "highlighter:\nkeep_files:\n")
    jekyll, blogtool = build_jekyll(src, tmp_path / "j"), build_blogtool(src, tmp_path / "b")
    assert jekyll.ok and blogtool.ok, blogtool.describe()
    for rel in ("index.html", "2020/01/01/a.html"):
        assert (tmp_path / "j" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    assert (tmp_path / "b" / "index.html").read_text("utf-8") == \
        "date|10|markdown,mkdown,mkdn,mkd,md|GFM|rouge|.git,.svn\n"


@pytest.mark.parametrize("config, line, message", [
    ("title: t\nplugins: jekyll-feed\n", 2,
     "'plugins' should be set as an array, but was: \"jekyll-feed\"."),
    ("title: t\nplugins:\n", 2, "'plugins' should be set as an array, but was: nil."),
    ("exclude:\n", 1, "'exclude' should be set as an array, but was: nil."),
    ("include: .htaccess\n", 1, "'include' should be set as an array, but was: \".htaccess\"."),
])
def test_non_array_plugins_include_exclude_stop_both(tmp_path: Path, config: str, line: int,
                                                     message: str) -> None:
    src = _site(tmp_path / "src", config)
    jekyll, blogtool = build_jekyll(src, tmp_path / "j"), build_blogtool(src, tmp_path / "b")
    assert not jekyll.ok and message.rstrip(".") in jekyll.stdout + jekyll.stderr
    assert not blogtool.ok
    assert f"_config.yml:{line}: {message}" in blogtool.stderr


def test_the_check_sees_the_files_merged(tmp_path: Path) -> None:
    # a later file's nil keeps the earlier file's list, so the merged value is an array
    src = _site(tmp_path / "src", "exclude: [drafts]\n")
    extra = tmp_path / "extra.yml"
    extra.write_text("exclude:\n", "utf-8")
    config = load_config(src, [str(src / "_config.yml"), str(extra)])
    assert config["exclude"][0] == "drafts"
    with pytest.raises(BuildError, match="'exclude' should be set as an array"):
        load_config(src, [str(extra)])


def test_deep_merge_nil_keeps_and_mappings_merge() -> None:
    assert deep_merge({"a": 1, "k": {"x": 1, "y": 2}}, {"a": None, "k": {"y": None, "z": 3},
                                                      "n": None}) == \
        {"a": 1, "k": {"x": 1, "y": 2, "z": 3}, "n": None}


def test_ruby_inspect() -> None:
    assert ruby_inspect(None) == "nil"
    assert ruby_inspect('a"b') == '"a\\"b"'
    assert ruby_inspect({"a": [1, None, True]}) == '{"a"=>[1, nil, true]}'
