"""Long strings of the cache's entries kept beside their shard: a shard's JSON holds byte
offsets into one text file written with it (the rendered content), so loading one is a UTF-8
decode of its own bytes instead of JSON-decoding every character (and no copy out of a string
of the whole file)."""
from __future__ import annotations

import os
from typing import Any

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
            if isinstance(v, str) and len(v) >= BLOB_MIN:
                data = v.encode("utf-8", "surrogatepass")
                spans[k] = [at, at + len(data)]
                pieces.append(((rel, k), data))
                at += len(data)
            else:
                kept[k] = v
        out[rel] = {**entry, "result": kept, BLOB_KEY: spans} if spans else entry
    if len(pieces) == 1:
        return shard, []
    out[BLOB_KEY] = token
    return out, pieces


def join_blobs(data: dict, text_path: str, token: Any) -> dict:
    """The entries of a shard's JSON ``data`` with their long strings back from the text file at
    ``text_path`` (none when the two files are not of one write)."""
    try:
        with open(text_path, "rb") as fh:
            raw = fh.read()
    except OSError:
        raw = b""
    if not isinstance(token, str) or not token.startswith(_BYTES) or \
            not raw.startswith(f"{token}\n".encode("ascii", "replace")):
        return {}      # the two files are not of one flush: no entries
    view = memoryview(raw)
    for entry in data.values():
        spans = entry.pop(BLOB_KEY, None) if isinstance(entry, dict) else None
        if spans:
            try:
                result = entry["result"]
                for k, (start, end) in spans.items():
                    if not 0 <= start <= end <= len(raw):
                        raise ValueError(k)
                    result[k] = str(view[start:end], "utf-8", "surrogatepass")
            except (KeyError, TypeError, ValueError):     # UnicodeDecodeError included
                entry["env"] = None      # a malformed entry is a miss
    return data


def unjoined(data: dict) -> dict:
    """The entries of a shard's JSON ``data`` that came without a text file: those that
    hold offsets into one lack their long strings, and are misses."""
    for entry in data.values():
        if isinstance(entry, dict) and BLOB_KEY in entry:
            entry["env"] = None
    return data
