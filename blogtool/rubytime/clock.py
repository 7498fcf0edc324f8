"""The rule for a time of day, and the zone written after it.

Three shapes: ``10:20[:30[.5]]`` (spaces allowed around the colons), ``10h[20m[30s]]``, and an
hour with a meridian (``5pm``, ``5 p.m.``). The first two may take a meridian too, except after
a point with no fraction (``11:00:00.pm`` is 11:00); in the second, a space before the ``h``
leaves only the hour (``10 h 20 pm`` is 10:00). ``12am`` is 0 h, ``12pm`` 12 h; with a meridian
the hour is taken modulo 12 (``13pm`` is 13 h), and an hour beyond a C int raises RangeError.

A zone may follow: a signed offset with an optional ``GMT``/``UTC``/``UT`` before it
(``+09:00``, ``GMT+8``, ``-0330``), words ending in ``standard time``/``daylight time``, or a
word with an optional `` dst``. The zone is kept as written; what it means is decided when the
time is built.
"""
from __future__ import annotations

import re
from fractions import Fraction

from .model import Pieces, fits_c_int
from .rule import DIGIT, Rule, pattern

_M = r"(?:m\b|\.m\.)"          # after a or p: "am", "a.m."


def _clock(m: re.Match[str], pieces: Pieces) -> None:
    if m.group("zone") is not None:
        pieces.zone = m.group("zone")
    if m.group("gap"):             # "10 h 20 pm": a space before the h leaves only the hour
        pieces.hour = int(m.group("hh"))
        return
    hour = int(m.group("h") or m.group("hh") or m.group("hour"))
    meridian = m.group("ap") or m.group("meridian")
    if meridian is not None and m.group("fraction") != "":   # "11:00:00.pm" is 11:00
        hour = fits_c_int(hour) % 12 + (12 if meridian in "pP" else 0)
    pieces.hour = hour
    minute = m.group("m") or m.group("mm")
    if minute is not None:
        pieces.minute = int(minute)
    sec = m.group("s") or m.group("ss")
    if sec is not None:
        pieces.sec = int(sec)
    fraction = m.group("fraction")
    if fraction:
        pieces.fraction = Fraction(int(fraction), 10 ** len(fraction))


CLOCK = Rule(
    "clock", pattern(rf"""
        (?:
          (?:
            (?P<h>[0-9]+)\s*:\s*(?P<m>[0-9]+)
              (?:\s*:\s*(?P<s>[0-9]+)(?:[,.](?P<fraction>[0-9]*))?)?
          | (?P<hh>[0-9]+)(?P<gap>\s*)h(?:\s*(?P<mm>[0-9]+)m?(?:\s*(?P<ss>[0-9]+)s?)?)?
          )
          (?:\s*(?P<ap>[ap]){_M})?
        | (?P<hour>[0-9]+)\s*(?P<meridian>[ap]){_M}
        )
        (?:\s*(?P<zone>
            (?:gmt|utc?)?[-+][0-9]+(?:[,.:][0-9]+(?::[0-9]+)?)?
          | (?-i:(?:[^\W\d_]|[.\s])+)(?:standard|daylight)\stime\b
          | (?-i:[^\W\d_]+)(?:\sdst)?\b
        ))?"""),
    _clock,
    ("10:20", "10 : 20 : 30,5", "10h20m30s", "5pm", "5 p.m. EST", "12am", "10:00 +09:00",
     "10:00 Pacific Standard Time", "10:00 EST DST", "10:00 GMT+8"),
    DIGIT)
