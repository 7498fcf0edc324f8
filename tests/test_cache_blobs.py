"""Long strings of cache entries (the rendered content) live in a text file beside their shard;
the shard keeps offsets. What is read back is what was kept, and offsets that do not come with
their text are never trusted."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from blogtool.build.cache import Cache
from blogtool.build.cacheblobs import BLOB_KEY, BLOB_MIN
from blogtool.build.cachedir import FORMAT
from blogtool.build.deferred import Deferred
from support.entries import plain


def _entries() -> dict[str, dict]:
    return {
        "_posts/long.md": {"env": "e", "files": {"_posts/long.md": "h"},
                           "result": {"content": "<p>正文\"引号\"</p>" * 60, "toc": []}},
        "_posts/short.md": {"env": "e", "files": {},
                            "result": {"content": "<p>短</p>", "excerpt": ""}},
        "_posts/none.md": {"env": "e", "files": {}, "fields": [["site", "title", "f"]]},
    }


def _shard_files(root: Path) -> list[Path]:
    return sorted((root / f"v{FORMAT}").glob("content-*.json"))


def test_long_strings_round_trip_through_the_text_file(tmp_path: Path) -> None:
    assert len(_entries()["_posts/long.md"]["result"]["content"]) >= BLOB_MIN
    cache = Cache(tmp_path / "c")
    for rel, entry in _entries().items():
        cache.put("content", rel, entry)
    cache.flush()
    shards = [json.loads(p.read_text("utf-8")) for p in _shard_files(tmp_path / "c")]
    kept = {rel: e for shard in shards for rel, e in shard.items() if rel != BLOB_KEY}
    assert "content" not in kept["_posts/long.md"]["result"]        # in the text file
    assert kept["_posts/short.md"]["result"]["content"] == "<p>短</p>"
    again = Cache(tmp_path / "c")
    for rel, entry in _entries().items():
        assert plain(again.get("content", rel, "e")) == entry
    loaded = again.get("content", "_posts/long.md", "e")
    assert loaded is not None and type(loaded["result"]["content"]) is Deferred   # not decoded


def test_offsets_without_their_text_are_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    cache.put("content", "_posts/long.md", _entries()["_posts/long.md"])
    cache.flush()
    [path] = _shard_files(tmp_path / "c")
    shard = json.loads(path.read_text("utf-8"))
    token = shard.pop(BLOB_KEY)
    path.write_text(json.dumps(shard), "utf-8")                 # the token gone
    assert Cache(tmp_path / "c").get("content", "_posts/long.md", "e") is None
    path.write_text(json.dumps({**shard, BLOB_KEY: token}), "utf-8")
    assert Cache(tmp_path / "c").get("content", "_posts/long.md", "e") is not None
    path.with_suffix(".txt").write_text("another write\n", "utf-8")
    assert Cache(tmp_path / "c").get("content", "_posts/long.md", "e") is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=BLOB_MIN, max_size=BLOB_MIN + 40), min_size=1, max_size=5))
def test_any_text_comes_back_from_its_byte_offsets(texts: list[str]) -> None:
    """Lone surrogates (file names that are not UTF-8), CJK, astral characters: each string is
    decoded from its own bytes and comes back as it was kept."""
    with tempfile.TemporaryDirectory() as tmp:
        cache = Cache(Path(tmp) / "c")
        entries = {f"_posts/p{i}.md": {"env": "e", "result": {"content": t, "excerpt": t[:9]}}
                   for i, t in enumerate(texts)}
        for rel, entry in entries.items():
            cache.put("content", rel, entry)
        cache.flush()
        again = Cache(Path(tmp) / "c")
        for rel, entry in entries.items():
            assert plain(again.get("content", rel, "e")) == entry


def test_offsets_that_do_not_fit_their_text_are_misses(tmp_path: Path) -> None:
    """Past the end, reversed, or cutting a character's bytes: a miss, never an error; an
    older text file (offsets in characters) is not read as one of bytes."""
    def written() -> tuple[Path, dict, str]:
        cache = Cache(tmp_path / "c")
        cache.put("content", "_posts/long.md", _entries()["_posts/long.md"])
        cache.flush()
        [path] = _shard_files(tmp_path / "c")
        return path, json.loads(path.read_text("utf-8")), path.with_suffix(".txt").read_text(
            "utf-8")
    path, shard, text = written()
    start, end = shard["_posts/long.md"][BLOB_KEY]["content"]
    inside = start + len("<p>") + 1          # the second byte of 正
    for bad in ([start, end + 10**6], [end, start], [inside, end]):
        shard["_posts/long.md"][BLOB_KEY]["content"] = bad
        path.write_text(json.dumps(shard), "utf-8")
        assert Cache(tmp_path / "c").get("content", "_posts/long.md", "e") is None, bad
    path, shard, text = written()
    old_token = shard[BLOB_KEY][1:]          # the token of a file of character offsets
    shard[BLOB_KEY] = old_token
    path.write_text(json.dumps(shard), "utf-8")
    path.with_suffix(".txt").write_text(old_token + "\n" + text.split("\n", 1)[1], "utf-8")
    assert Cache(tmp_path / "c").get("content", "_posts/long.md", "e") is None
