"""Search and the error index in the build: the Pagefind bundle staged with the site, the
``/search/`` and ``/errors/`` pages, ids on log blocks, the switches, failures (one line, the
previous site intact), in-place rebuilds, and Jekyll sites that ask for it."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from blogtool.build.site import build
from blogtool.errors import BuildError
from blogtool.search import pagefind
from blogtool.search.blocks import scan_html
from blogtool.search.index import site_errors
from support.pagefind import fragments

WHEN = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)

LOG_POST = """---
title: Broker down
---
The broker stopped after the disk filled up.

```
2020-01-01 00:00:00,000 FATAL [main] kafka.server.KafkaServer: Fatal error during KafkaServer startup
java.io.IOException: No space left on device
\tat sun.nio.ch.FileDispatcherImpl.write0(Native Method)
```
"""
PLAIN_POST = """---
title: Notes on tuning
---
Nothing failed here; {word} is the word to look for.
"""


def _site(root: Path, config: str = "title: t\nlang: en\n", word: str = "wombat") -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text(config)
    (root / "_posts" / "2020-01-01-broker.md").write_text(LOG_POST)
    (root / "_posts" / "2020-02-01-notes.md").write_text(PLAIN_POST.format(word=word))
    return root


def _tree(dest: Path) -> dict[str, bytes]:
    return {str(p.relative_to(dest)): p.read_bytes() for p in sorted(dest.rglob("*"))
            if p.is_file()}


def test_a_theme_site_gets_the_index_and_both_pages(tmp_path: Path) -> None:
    src = _site(tmp_path / "src")
    dest = tmp_path / "out"
    build(src, dest, site_time=WHEN, jobs=1, use_cache=False)
    assert (dest / "pagefind" / "pagefind.js").is_file()
    assert (dest / "pagefind" / "blogtool-search.js").is_file()
    entry = json.loads((dest / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"]
    # posts only: lists, the search page and the error index are not indexed
    assert sorted(fragments(dest)) == ["/2020/01/01/broker.html", "/2020/02/01/notes.html"]
    post = (dest / "2020/01/01/broker.html").read_text()
    assert '<pre id="log-1"' in post
    assert "java.io.IOException" in post.split('class="post-errors"', 1)[1]
    errors = (dest / "errors/index.html").read_text()
    assert 'href="/2020/01/01/broker.html#log-1"' in errors
    assert "No space left on device" in errors
    assert "data-blogtool-search" in (dest / "search/index.html").read_text()
    assert 'action="/search/"' in (dest / "index.html").read_text()


def test_search_and_errors_can_be_turned_off(tmp_path: Path) -> None:
    src = _site(tmp_path / "src", "title: t\nlang: en\nblogtool:\n  search: false\n"
                                  "  errors: false\n")
    dest = tmp_path / "out"
    build(src, dest, site_time=WHEN, jobs=1, use_cache=False)
    assert not (dest / "pagefind").exists()
    assert not (dest / "search").exists() and not (dest / "errors").exists()
    post = (dest / "2020/01/01/broker.html").read_text()
    assert "<pre id=" not in post and "post-errors" not in post
    assert "site-search" not in (dest / "index.html").read_text()


def test_the_pages_move_with_search_url_and_errors_url(tmp_path: Path) -> None:
    src = _site(tmp_path / "src", "title: t\nlang: en\nblogtool:\n  search_url: /find/\n"
                                  "  errors_url: /known-errors/\n")
    dest = tmp_path / "out"
    build(src, dest, site_time=WHEN, jobs=1, use_cache=False)
    assert (dest / "find/index.html").is_file() and (dest / "known-errors/index.html").is_file()
    assert 'href="/known-errors/#e-java.io.IOException"' in \
        (dest / "2020/01/01/broker.html").read_text()


@pytest.mark.parametrize("setting,message", [
    ("search: 'yes'", "_config.yml: blogtool.search must be true or false, not 'yes'"),
    ("errors_url: errors", "_config.yml: blogtool.errors_url must be a path starting with '/', "
                           "not 'errors'"),
])
def test_bad_settings_are_one_line(tmp_path: Path, setting: str, message: str) -> None:
    src = _site(tmp_path / "src", f"title: t\nblogtool:\n  {setting}\n")
    with pytest.raises(BuildError) as err:
        build(src, tmp_path / "out", site_time=WHEN, jobs=1, use_cache=False)
    assert str(err.value) == message


def test_a_failing_indexer_stops_the_build_and_keeps_the_previous_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _site(tmp_path / "src")
    dest = tmp_path / "out"
    build(src, dest, site_time=WHEN, jobs=1, use_cache=False)
    before = _tree(dest)
    fake = tmp_path / "fake-pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: Pagefind could not read the site' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pagefind, "executable", lambda: str(fake))
    (src / "_posts" / "2020-02-01-notes.md").write_text(PLAIN_POST.format(word="changed"))
    with pytest.raises(BuildError) as err:
        build(src, dest, site_time=WHEN, jobs=1, use_cache=False)
    assert str(err.value) == ("pagefind: the search index failed: Error: Pagefind could not "
                              "read the site; the previous site is intact")
    assert _tree(dest) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-pagefind", "out", "src"]


def test_a_site_with_its_own_pagefind_folder_is_told_so(tmp_path: Path) -> None:
    src = _site(tmp_path / "src")
    (src / "pagefind").mkdir()
    (src / "pagefind" / "pagefind.js").write_text("// the site's own\n")
    with pytest.raises(BuildError) as err:
        build(src, tmp_path / "out", site_time=WHEN, jobs=1, use_cache=False)
    assert str(err.value) == ("pagefind/: the site writes its own pagefind/ folder, where the "
                              "search index goes; rename it, or set blogtool.search: false")


def test_without_the_pagefind_package_the_message_says_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)
    src = _site(tmp_path / "src")
    with pytest.raises(BuildError) as err:
        build(src, tmp_path / "out", site_time=WHEN, jobs=1, use_cache=False)
    assert "pip install 'pagefind[extended]'" in str(err.value)
    assert "\n" not in str(err.value)
    assert not (tmp_path / "out").exists()


def test_a_site_rebuilt_in_place_has_a_current_index(tmp_path: Path) -> None:
    src = _site(tmp_path / "src")
    dest = tmp_path / "out"
    build(src, dest, site_time=WHEN, jobs=1)              # with the cache: patched next time
    assert "wombat" in fragments(dest)["/2020/02/01/notes.html"]
    (src / "_posts" / "2020-02-01-notes.md").write_text(PLAIN_POST.format(word="quokka"))
    result = build(src, dest, site_time=WHEN, jobs=1)
    assert result.changed_files is not None            # patched in place, not swapped
    pages = fragments(dest)
    assert sorted(pages) == ["/2020/01/01/broker.html", "/2020/02/01/notes.html"]
    assert "quokka" in pages["/2020/02/01/notes.html"]
    assert "wombat" not in pages["/2020/02/01/notes.html"]
    assert any(f.startswith("pagefind/") for f in result.changed_files)




@pytest.mark.parametrize("use_cache", [True, False], ids=["patched", "swapped"])
def test_a_rebuild_with_no_page_changed_keeps_the_index_without_indexing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_cache: bool) -> None:
    src = _site(tmp_path / "src")
    dest = tmp_path / "out"
    build(src, dest, site_time=WHEN, jobs=1, use_cache=use_cache)
    before = {p: p.stat().st_mtime_ns for p in (dest / "pagefind").rglob("*") if p.is_file()}

    def not_again(*args: object) -> None:
        raise AssertionError("the indexer ran for an unchanged site")

    monkeypatch.setattr(pagefind, "_run", not_again)
    result = build(src, dest, site_time=WHEN, jobs=1, use_cache=use_cache)
    after = {p: p.stat().st_mtime_ns for p in (dest / "pagefind").rglob("*") if p.is_file()}
    assert after == before
    if use_cache:
        assert result.changed_files == []
    # a change to every page (the site's title) indexes them again
    (src / "_config.yml").write_text("title: t2\nlang: en\n")
    monkeypatch.undo()
    runs: list[object] = []
    real = pagefind._run
    monkeypatch.setattr(pagefind, "_run", lambda *a: runs.append(a) or real(*a))
    build(src, dest, site_time=WHEN, jobs=1, use_cache=use_cache)
    assert len(runs) == 1
    assert "wombat" in fragments(dest)["/2020/02/01/notes.html"]


def test_the_index_is_the_same_in_any_folder_and_kept_for_the_same_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundle's digest of what it was made from holds content only: builds of the same
    source into two folders, cached or not, are byte for byte the same; pages written again
    with the same bytes keep the index without indexing."""
    src = _site(tmp_path / "src")
    build(src, tmp_path / "a", site_time=WHEN, jobs=1)
    build(src, tmp_path / "b", site_time=WHEN, jobs=1, use_cache=False)

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes()
                for p in sorted(root.rglob("*")) if p.is_file()}
    assert files(tmp_path / "a") == files(tmp_path / "b")
    digest = (tmp_path / "a" / pagefind.BUNDLE / pagefind.MANIFEST).read_text("utf-8")
    assert len(digest.splitlines()) == 2
    for page in (tmp_path / "b").rglob("*.html"):      # the same bytes, newer files
        page.write_bytes(page.read_bytes())

    def not_again(*args: object) -> None:
        raise AssertionError("the indexer ran for the same pages")
    monkeypatch.setattr(pagefind, "_run", not_again)
    build(src, tmp_path / "b", site_time=WHEN, jobs=1, use_cache=False)
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_an_incremental_build_brings_the_error_index_up_to_date(tmp_path: Path) -> None:
    src = _site(tmp_path / "src")
    dest = tmp_path / "out"
    build(src, dest, site_time=WHEN, jobs=1)
    post = src / "_posts" / "2020-01-01-broker.md"
    post.write_text(LOG_POST.replace("java.io.IOException: No space left on device",
                                     "java.nio.file.FileSystemException: Read-only file system"))
    build(src, dest, site_time=WHEN, jobs=1)
    errors = (dest / "errors/index.html").read_text()
    assert "java.nio.file.FileSystemException" in errors and "java.io.IOException" not in errors
    assert "Read-only file system" in fragments(dest)["/2020/01/01/broker.html"]


def test_serve_keeps_the_index_current(tmp_path: Path) -> None:
    from blogtool.commands.serve.loop import SiteBuilder
    src = _site(tmp_path / "src")
    dest = tmp_path / "out"
    builder = SiteBuilder(src, dest, overrides={"url": "http://127.0.0.1:4000"}, jobs=1)
    builder(set())
    (src / "_posts" / "2020-02-01-notes.md").write_text(PLAIN_POST.format(word="quokka"))
    changed = {"_posts/2020-02-01-notes.md"}
    assert builder.quick(changed) == ["2020/02/01/notes.html"]   # the page first, at once
    assert "wombat" in fragments(dest)["/2020/02/01/notes.html"]
    builder(changed)                                               # then the full rebuild
    index = builder.followup()                                     # then the index
    index.start(lambda: None)
    index.finish()
    assert "quokka" in fragments(dest)["/2020/02/01/notes.html"]
    builder.reset()


JEKYLL_LAYOUT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body><header>{% include blogtool/search-box.html url="/search.html" %}</header>
<main data-pagefind-body><h1>{{ page.title }}</h1>
{{ content }}
{% include blogtool/post-meta.html %}</main></body></html>
"""


def _jekyll_site(root: Path, config: str) -> Path:
    src = _site(root, config)
    (src / "_layouts").mkdir()
    (src / "_layouts" / "default.html").write_text(JEKYLL_LAYOUT)
    (src / "_layouts" / "post.html").write_text("---\nlayout: default\n---\n{{ content }}")
    # `search: false`: pages about the search and the errors are not results themselves
    (src / "search.md").write_text("---\nlayout: default\ntitle: Search\nsearch: false\n---\n"
                                   "{% include blogtool/search.html %}\n")
    (src / "errors.md").write_text("---\nlayout: default\ntitle: Errors\nsearch: false\n---\n"
                                   "{% include blogtool/errors.html %}\n")
    (src / "about.md").write_text("---\nlayout: default\ntitle: About\n---\nAbout me.\n")
    for post in (src / "_posts").iterdir():
        post.write_text(post.read_text().replace("---\n", "---\nlayout: post\n", 1))
    return src


def test_a_jekyll_site_asks_for_search(tmp_path: Path) -> None:
    src = _jekyll_site(tmp_path / "src", "title: t\nblogtool:\n  search: true\n")
    dest = tmp_path / "out"
    build(src, dest, site_time=WHEN, jobs=1, use_cache=False)
    pages = fragments(dest)
    # posts and Markdown pages, less those that say `search: false`
    assert sorted(pages) == ["/2020/01/01/broker.html", "/2020/02/01/notes.html", "/about.html"]
    post = (dest / "2020/01/01/broker.html").read_text()
    assert '<pre id="log-1"' in post and "blogtool-post-errors" in post
    assert 'data-pagefind-meta="date:2020-01-01"' in post
    errors = (dest / "errors.html").read_text()
    assert 'id="e-java.io.IOException"' in errors
    assert 'href="/2020/01/01/broker.html#log-1"' in errors
    search = (dest / "search.html").read_text()
    assert 'src="/pagefind/blogtool-search.js"' in search
    assert '<form class="blogtool-search-box" role="search" method="get" action="/search.html">' \
        in (dest / "2020/02/01/notes.html").read_text()


def test_a_jekyll_site_without_search_is_left_as_jekyll_makes_it(tmp_path: Path) -> None:
    src = _jekyll_site(tmp_path / "src", "title: t\n")
    dest = tmp_path / "out"
    build(src, dest, site_time=WHEN, jobs=1, use_cache=False)
    assert not (dest / "pagefind").exists()
    post = (dest / "2020/01/01/broker.html").read_text()
    assert "<pre id=" not in post and "blogtool-post-errors" not in post
    assert "No post shows an error yet." in (dest / "errors.html").read_text()


def test_a_jekyll_site_can_have_the_error_index_without_search(tmp_path: Path) -> None:
    src = _jekyll_site(tmp_path / "src", "title: t\nblogtool:\n  errors: true\n")
    dest = tmp_path / "out"
    build(src, dest, site_time=WHEN, jobs=1, use_cache=False)
    assert not (dest / "pagefind").exists()
    assert '<pre id="log-1"' in (dest / "2020/01/01/broker.html").read_text()
    assert 'id="e-java.io.IOException"' in (dest / "errors.html").read_text()


def test_block_ids_never_collide_and_a_block_keeps_its_own() -> None:
    html = ('<h2 id="log-1">Logs</h2><pre><code>java.lang.IllegalStateException: x\n'
            '</code></pre><pre id="mine">Exception in thread "main" '
            'java.lang.OutOfMemoryError: Java heap space</pre><pre>ls -l</pre>')
    out, errors = scan_html(html)
    assert '<pre id="log-2"><code>' in out and '<pre id="mine">' in out
    assert out.endswith("<pre>ls -l</pre>")
    assert [(e["name"], e["block"]) for e in errors] == [
        ("IllegalStateException", "log-2"), ("OutOfMemoryError", "mine")]


def test_highlighted_blocks_are_read_as_text() -> None:
    html = ('<div class="language-log highlighter-rouge"><div class="highlight"><pre class='
            '"highlight"><code><span class="mi">2023/01/01</span> <span class="p">[</span>'
            '<span class="gr">error</span><span class="p">]</span> 12#12: *5 connect() failed '
            '(111: Connection refused) while connecting to upstream, client: 10.0.0.1</code>'
            '</pre></div></div>')
    out, errors = scan_html(html)
    assert '<pre id="log-1" class="highlight">' in out
    assert [(e["exception"], e["message"]) for e in errors] == [
        ("", "connect() failed (<n>: Connection refused) while connecting to upstream")]


def test_site_errors_groups_by_exception_with_plain_log_errors_last() -> None:
    a = {"url": "/a.html", "errors": [
        {"exception": "", "message": "Disk full", "context": "", "block": "log-1"},
        {"exception": "java.io.IOException", "message": "Broken pipe", "context": "",
         "block": "log-2"}]}
    b = {"url": "/b.html", "errors": [
        {"exception": "java.io.IOException", "message": "Broken pipe", "context": "x",
         "block": "log-1"},
        {"exception": "java.lang.ArithmeticException", "message": "/ by zero", "context": "",
         "block": "log-3"}]}
    groups = site_errors([a, b])
    assert [g["exception"] for g in groups] == ["java.lang.ArithmeticException",
                                                "java.io.IOException", ""]
    io = groups[1]
    assert io["post_count"] == 2 and len(io["signatures"]) == 1
    assert [h["url"] for h in io["signatures"][0]["posts"]] == ["/a.html#log-2", "/b.html#log-1"]
    assert groups[2]["id"] == "e-log"
