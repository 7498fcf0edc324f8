"""Long strings of the cache's entries kept beside their shard: a shard's JSON holds byte
offsets into one text file written with it (the rendered content). Loading a shard maps the
text file and gives each long string as a :class:`~blogtool.build.deferred.Deferred` value,
decoded only if a page reads it; its bytes go to the next text file as they are."""
from __future__ import annotations

import mmap
import os
from typing import Any

from .deferred import Deferred

BLOB_KEY = "\x00blob"   # in a shard: the token of its text file; in an entry: its offsets
BLOB_MIN = 256         # characters: shorter strings stay in the JSON
# the token's mark: offsets in bytes (a text file of offsets in characters, older, is no match)
_BYTES = "b"


def split_blobs(shard: dict[str, dict]) -> tuple[dict, list[tuple[tuple[str, str] | None, bytes]]]:
    """Long strings of the entries' results (rendered content) go to one text file beside
    the shard, the entries keep their offsets in it. A token ties the two files together. The
    text file comes as its pieces, encoded, each with the entry and field it holds (None: the
    token's line); no pieces: no text file."""
    token = _BYTES + os.urandom(8).hex()
    head = f"{token}\n".encode("ascii")
    pieces: list[tuple[tuple[str, str] | None, bytes]] = [(None, head)]
    at = len(head)
    out: dict[str, Any] = {}
    for rel, entry in shard.items():
        result = entry.get("result") if isinstance(entry, dict) else None
        if not isinstance(result, dict):
            out[rel] = entry
            continue
        kept, spans = {}, {}
        for k, v in result.items():
            if isinstance(v, Deferred):
                data = v.encoded()          # its bytes as they were read: not decoded
            elif isinstance(v, str) and len(v) >= BLOB_MIN:
                data = v.encode("utf-8", "surrogatepass")
            else:
                kept[k] = v
                continue
            spans[k] = [at, at + len(data)]
            pieces.append(((rel, k), data))
            at += len(data)
        out[rel] = {**entry, "result": kept, BLOB_KEY: spans} if spans else entry
    if len(pieces) == 1:
        return shard, []
    out[BLOB_KEY] = token
    return out, pieces


def join_blobs(data: dict, text_path: str, token: Any) -> dict:
    """The entries of a shard's JSON ``data`` with their long strings, as
    :class:`~blogtool.build.deferred.Deferred` values, from the text file at ``text_path``
    (no entries when the two files are not of one write)."""
    raw = _mapped(text_path)
    if not isinstance(token, str) or not token.startswith(_BYTES) or \
            raw[:len(token) + 1] != f"{token}\n".encode("ascii", "replace"):
        return {}      # the two files are not of one flush: no entries
    view, size = memoryview(raw), len(raw)
    for entry in data.values():
        spans = entry.pop(BLOB_KEY, None) if isinstance(entry, dict) else None
        if spans:
            try:
                result = entry["result"]
                for k, (start, end) in spans.items():
                    if not (0 <= start <= end <= size and _boundary(raw, start, size) and
                            _boundary(raw, end, size)):
                        raise ValueError(k)
                    result[k] = Deferred(view, start, end)
            except (KeyError, TypeError, ValueError):
                entry["env"] = None      # a malformed entry is a miss
    return data


def _boundary(raw: bytes | mmap.mmap, at: int, size: int) -> bool:
    """Whether a character of UTF-8 text may start at byte ``at`` (not a continuation byte)."""
    return at == size or raw[at] & 0xC0 != 0x80


def _mapped(path: str) -> bytes | mmap.mmap:
    """The file's bytes, mapped (read only as pages are used; the file is only ever replaced,
    never written in place), or read where it cannot be mapped; empty when it cannot be
    opened."""
    try:
        with open(path, "rb") as fh:
            try:
                return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):     # empty, or a file system that cannot map
                return fh.read()
    except OSError:
        return b""


def unjoined(data: dict) -> dict:
    """The entries of a shard's JSON ``data`` that came without a text file: those that
    hold offsets into one lack their long strings, and are misses."""
    for entry in data.values():
        if isinstance(entry, dict) and BLOB_KEY in entry:
            entry["env"] = None
    return data
