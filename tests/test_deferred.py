"""Rendered content from the cache stays undecoded until a page reads it.

Every way a payload can be read gives the string; fingerprints come from the bytes; a cached
build that shows no unchanged content decodes none, and its output equals a full build
whatever its pages read of other posts."""
from __future__ import annotations

import copy
import json
import os
import pickle
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blogtool.build.deferred import Deferred, settled
from blogtool.build.deps import Fingerprints, Recorder, TrackedDict, fingerprint
from blogtool.build.payload import Drop
from blogtool.build.site import build
from support.spies import spy
from tests.test_incremental import PINNED, post, tree


def _deferred(text: str) -> Deferred:
    data = b"head\n" + text.encode("utf-8", "surrogatepass") + b"tail"
    return Deferred(memoryview(data), 5, len(data) - 4)


READS = {
    "getitem": lambda d: d["content"],
    "get": lambda d: d.get("content"),
    "items": lambda d: dict(d.items())["content"],
    "values": lambda d: [v for v in d.values() if isinstance(v, str) and "正文" in v][0],
    "dict": lambda d: dict(d)["content"],
    "unpacked": lambda d: {**d}["content"],
    "json": lambda d: json.loads(json.dumps(d))["content"],
    "pickle": lambda d: pickle.loads(pickle.dumps(d))["content"],
    "copy": lambda d: copy.copy(d)["content"],
}


@pytest.mark.parametrize("kind", [TrackedDict, Drop])
@pytest.mark.parametrize("how", sorted(READS))
def test_every_way_of_reading_a_payload_gives_the_string(kind: type, how: str) -> None:
    text = "<p>正文 \"引号\" 𝒳</p>" * 30
    page = kind("_posts/a.md", {"title": "t", "content": _deferred(text)})
    assert READS[how](page) == text
    assert type(dict.__getitem__(page, "content")) is str       # decoded once, kept


def test_a_read_is_recorded_and_decodes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = Recorder()
    page = TrackedDict("_posts/a.md", {"content": _deferred("正文" * 200)}, recorder=recorder)
    decoded = spy(monkeypatch, Deferred, "text", lambda self: 1)
    with recorder.recording() as reads:
        first = page["content"]
        assert page.get("content") is first
    assert len(decoded) == 1 and type(dict.__getitem__(page, "content")) is str
    assert ("_posts/a.md", "content") in reads


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=700))
def test_a_deferred_string_has_the_strings_fingerprint_without_being_decoded(text: str) -> None:
    value = _deferred(text)
    assert settled(value) == text
    before = Deferred.text
    try:
        Deferred.text = None  # type: ignore[assignment,method-assign]   # no decoding below
        assert fingerprint(value) == fingerprint(text)
        payloads = {"_posts/a.md": TrackedDict("_posts/a.md", {"content": value})}
        assert Fingerprints(payloads, {}).of("_posts/a.md", "content") == fingerprint(text)
    finally:
        Deferred.text = before  # type: ignore[method-assign]


def test_a_damaged_text_decodes_rather_than_stops() -> None:
    bad = Deferred(memoryview(b"\xe6\xad"), 0, 2)       # a character cut short
    assert settled(bad) == "\ufffd"


LISTING = """---
layout: null
---
{% for p in site.posts %}<section>{{ p.content }}</section>{% endfor %}
{{ site.posts | where: "title", "第2篇" | jsonify }}
"""
WHOLE = """---
layout: null
---
{% assign p = site.posts[1] %}{{ p }}|{{ p.content | size }}|{{ p.excerpt }}
"""
TITLES = """---
layout: null
---
{% for p in site.posts %}<li>{{ p.title }}</li>{% endfor %}
"""


def _post(i: int, words: str = "正文") -> str:
    return post(f"第{i}篇", "flume", "\n\n".join(
        f"{words} {i} 第{n}段，`code {n}` and **bold**。" for n in range(12)))


@pytest.fixture()
def long_site(tmp_path: Path) -> Path:
    """Posts long enough that their rendered content goes to the cache's text files."""
    src = tmp_path / "src"
    files = {"_config.yml": "title: 站点\ntimezone: Asia/Shanghai\n",
             "_layouts/post.html": "<article>{{ content }}</article>",
             "titles.html": TITLES,
             **{f"_posts/2015-03-{i:02d}-p{i}.md": _post(i) for i in range(1, 9)}}
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, "utf-8")
    return src


def _age(root: Path) -> None:
    old = time.time() - 600
    for path in root.rglob("*"):
        os.utime(path, (old, old))


def _edit(src: Path, i: int, words: str) -> None:
    (src / f"_posts/2015-03-{i:02d}-p{i}.md").write_text(_post(i, words), "utf-8")
    _age(src)


def test_a_build_that_shows_no_unchanged_content_decodes_none(
        long_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _age(long_site)
    out = tmp_path / "out"
    build(long_site, out, site_time=PINNED, jobs=1)
    decoded = spy(monkeypatch, Deferred, "text", lambda self: 1)
    _edit(long_site, 3, "改过")
    result = build(long_site, out, site_time=PINNED, jobs=1)
    assert result.rendered and decoded == []
    assert "改过 3" in (out / "2015/03/03/p3.html").read_text("utf-8")
    build(long_site, tmp_path / "full", site_time=PINNED, jobs=1, use_cache=False)
    assert tree(out) == tree(tmp_path / "full")


@pytest.mark.parametrize("page", ["listing.html", "whole.html"])
def test_pages_that_read_other_posts_content_equal_a_full_build(
        long_site: Path, tmp_path: Path, page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``listing`` shows every post's content and a filtered list as JSON; ``whole`` prints
    one post whole (Ruby's inspect), its content's size and excerpt."""
    (long_site / page).write_text(LISTING if page == "listing.html" else WHOLE, "utf-8")
    _age(long_site)
    out = tmp_path / "out"
    build(long_site, out, site_time=PINNED, jobs=1)
    decoded = spy(monkeypatch, Deferred, "text", lambda self: 1)
    for n, i in enumerate((2, 7, 5)):
        _edit(long_site, i, f"第{n}次改")
        build(long_site, out, site_time=PINNED, jobs=1)
        full = tmp_path / f"full-{n}"
        build(long_site, full, site_time=PINNED, jobs=1, use_cache=False)
        assert tree(out) == tree(full), n
    assert decoded          # the unchanged posts' content came from the cache, undecoded
    assert "第2次改 5" in (out / "listing.html").read_text("utf-8") if page == "listing.html" \
        else "第1次改 7" in (out / "whole.html").read_text("utf-8")
