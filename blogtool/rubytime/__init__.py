"""Ruby's ``Time.parse`` (Ruby 3.1): the forgiving date reader Jekyll applies to every front
matter ``date:`` and file-name date, reproduced from its observable behaviour.

``time_parse`` reads a string in three steps:

* :mod:`.scrub` keeps only letters, digits and a few marks;
* :mod:`.reader` runs the recognisers (:mod:`.clock`, :mod:`.names`, :mod:`.numbers`,
  :mod:`.digits`; :mod:`.triple` decides which number is the year) into
  :class:`~.model.Pieces`;
* :mod:`.assemble` fills what is missing from "now", applies the zone (:mod:`.zones`,
  :mod:`.utc_fields`) and checks the fields as Ruby's ``Time.utc``/``Time.local`` do
  (:mod:`.calendar`), giving an :class:`~.model.Instant` valid for any year.

:func:`to_s` is Ruby's ``to_s`` of a YAML value (:mod:`.scalars`).
"""
from __future__ import annotations

import datetime as _dt

from .assemble import build
from .model import Instant, Pieces, TimeParseError
from .reader import COMMON, LIMIT, read
from .scalars import to_s
from .zones import zone_offset

__all__ = ["COMMON", "LIMIT", "Instant", "Pieces", "TimeParseError", "read", "time_parse",
           "to_s", "zone_offset"]


def time_parse(text: str, zone: _dt.tzinfo, now: _dt.datetime | None = None) -> Instant:
    """Ruby's ``Time.parse(text, now)`` with ``ENV["TZ"]`` set to ``zone``. Raises
    :class:`TimeParseError` where Ruby raises."""
    if now is None:
        now = _dt.datetime.now(_dt.UTC)
    return build(text, read(text), zone, now)
