r"""The string the recognisers look at: only letters, digits and the marks ``-+',./:@[]``
survive; every run of anything else (spaces, tabs, ideographic spaces, ``，``, ``（``) becomes
one space. ``2016-09-20\u3000（更新）`` reads as ``2016-09-20 更新 ``.

Letters and digits are Unicode ones: ``年`` and ``１`` survive and are word characters (there is
no word boundary between ``日`` and ``1``), but only ASCII digits and names ever make a value.
Spacing marks (``\u0903``) count as letters in Ruby's word boundaries but not in Python's, so
they are replaced by a letter Python sees as one.
"""
from __future__ import annotations

import re
import unicodedata

_ASCII_NOISE = re.compile(r"[^-+',./:@A-Za-z0-9\[\]]+")
_MARKS = frozenset("-+',./:@[]")
_LETTER_FOR_MARK = "\ua66e"
_kept: dict[str, str | None] = {}


def _survivor(ch: str) -> str | None:
    """What ``ch`` becomes: itself, the stand-in letter for a spacing mark, or None (noise)."""
    if ch in _MARKS or ch.isascii() and ch.isalnum():
        return ch
    if ch.isascii():
        return None
    kind = unicodedata.category(ch)
    if kind[0] == "L" or kind in ("Nd", "Nl"):
        return ch
    return _LETTER_FOR_MARK if kind == "Mc" else None


def scrub(text: str) -> str:
    if text.isascii():
        return _ASCII_NOISE.sub(" ", text)
    out: list[str] = []
    in_noise = False
    for ch in text:
        kept = _kept.get(ch, "")
        if kept == "":
            kept = _kept[ch] = _survivor(ch)
        if kept is None:
            if not in_noise:
                out.append(" ")
            in_noise = True
        else:
            out.append(kept)
            in_noise = False
    return "".join(out)
