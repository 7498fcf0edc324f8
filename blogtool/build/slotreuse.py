"""Whether the time-slot template of a page made by the last build still describes it, so a
build that renders the page again need not render it at two more instants to cut a new one.

It does when what the page was made of besides the time is what the template was made of
(:func:`inputs`: its cache entries' files, environment and recorded reads, except those of
``site.time`` and of what its own rendering made, which hold the time), and the page as
written now is the template's text pieces with its slots filled at the build's time
(:func:`again`, checked against a digest of the pieces)."""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

# fields of a document whose value the rendering makes: another document reading one of them
# would carry the time elsewhere
CARRIERS = frozenset(("content", "excerpt", "summary", "reading_time", "toc", "toc_requested",
                      "sass_map", "errors", "output"))


def _digest(value: Any) -> str:
    data = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _timely(row: list, rel: str) -> bool:
    """A recorded read that follows the time: of ``site.time``, or of a field the page's own
    rendering made (its content holds the time)."""
    owner, key = row[0], row[1]
    return (owner == "site" and isinstance(key, str) and key[:4] == "time" and
            (len(key) == 4 or key[4] == ".")) or (owner == rel and key in CARRIERS)


def inputs(rel: str, entries: Iterable[tuple[str, dict]]) -> str:
    """A digest of what the document ``rel`` was made of besides the time: its cache entries'
    environment, files and body, and the reads they recorded (in any order)."""
    parts = []
    for owner, entry in entries:
        if owner != rel:
            continue
        rows = [row for row in entry.get("fields", ()) if not _timely(row, rel)]
        packed = entry.get("doc_fields")
        if packed:
            rows += [row for row in json.loads(packed) if not _timely(row, rel)]
        parts.append([entry.get("env"), entry.get("files"), entry.get("body"),
                      sorted(json.dumps(row, ensure_ascii=False) for row in rows)])
    return _digest(parts)


def pieces_digest(pieces: Iterable[bytes | str | memoryview]) -> str:
    """A digest of a page's text pieces (what lies around its slots)."""
    h = hashlib.blake2b(digest_size=16)
    for piece in pieces:
        raw = piece.encode("utf-8") if isinstance(piece, str) else piece
        h.update(len(raw).to_bytes(8, "little"))
        h.update(raw)
    return h.hexdigest()


def again(page: dict, data: bytes, made_of: str, now: _dt.datetime,
          fill: Callable[[str, _dt.datetime], str]) -> dict | None:
    """The template kept as ``page`` (a well-formed one) when it still describes the page:
    made of ``made_of``, and ``data`` (the page written at ``now``) is its pieces with its slots
    filled at ``now`` (``fill(format, now)``). Its pieces are memory views of ``data``."""
    if page.get("inputs") != made_of or not isinstance(page.get("pieces"), str):
        return None
    view = memoryview(data)
    pieces: list[memoryview] = []
    done = shift = 0
    for offset, name, old in page["slots"]:
        new = fill(name, now).encode("utf-8")
        at = offset + shift
        if at < done or view[at:at + len(new)] != new:
            return None
        pieces.append(view[done:at])
        done = at + len(new)
        shift += len(new) - len(old.encode("utf-8"))
    pieces.append(view[done:])
    if pieces_digest(pieces) != page["pieces"]:
        return None
    return {"pieces": pieces, "slots": [name for _, name, _ in page["slots"]]}
