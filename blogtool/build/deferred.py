"""Rendered text from the cache, decoded when something reads it.

A build that finds most documents unchanged takes their rendered content from the cache and
shows it to no page: the pages that show it are unchanged too. Decoding all of it (55 MB at
5,000 posts) and holding it (twice that as Python strings) was a tenth of such a build. A
cache entry's long strings therefore come as :class:`Deferred` values: their UTF-8 bytes in
the shard's text file, mapped, not read. Payloads (:class:`blogtool.build.deps.TrackedDict`)
turn one into its string the first time it is read, and fingerprints are taken from the bytes
(the digest of a string is the digest of its UTF-8), so checking a cache entry decodes nothing.
"""
from __future__ import annotations

from typing import Any


class Deferred:
    """The string whose UTF-8 (``surrogatepass``) is ``view[start:end]``."""

    __slots__ = ("_view", "_start", "_end")

    def __init__(self, view: memoryview, start: int, end: int):
        self._view = view
        self._start = start
        self._end = end

    def encoded(self) -> bytes:
        return bytes(self._view[self._start:self._end])

    def text(self) -> str:
        piece = self._view[self._start:self._end]
        try:
            return str(piece, "utf-8", "surrogatepass")
        except UnicodeDecodeError:
            # the text file damaged in place (cache files are only ever replaced whole):
            # the text as it can be read, rather than a build stopped by its cache
            return str(piece, "utf-8", "replace")

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return repr(self.text())

    def __reduce__(self) -> tuple[Any, ...]:
        return (str, (self.text(),))     # a copy for another process is the string itself


def settled(value: Any) -> Any:
    """``value``, or the string it stands for."""
    return value.text() if type(value) is Deferred else value
