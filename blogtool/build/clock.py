"""``site.time``, which changes on every build, recorded by what a page used of it.

A layout footer that prints ``{{ site.time | date: "%Y" }}`` reads the year and nothing else;
recording that as a read of the whole time would make every page depend on the clock and
render again on every build. :class:`SiteTime` reports each calendar field a page reads as
``("site", "time.<field>")`` (the year, the month...), and anything else done with it (printing
it whole, converting it, comparing it) as ``("site", "time")``, so a page depends on exactly
the part of the clock it shows. The zone (``tzinfo``) is the configuration's, which is part of
every cache key, so reading it records nothing.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Protocol

from ..timeutil import RubyTime


class Recorder(Protocol):
    """What :class:`blogtool.build.deps.Recorder` offers: the reads being recorded, or None."""

    reads: set | None

KEY = "time"
FIELDS = frozenset(("year", "month", "day", "hour", "minute", "second", "microsecond"))
_FREE = frozenset(("tzinfo", "__class__", "__dict__"))


def _recorder(t: _dt.datetime) -> Recorder | None:
    return object.__getattribute__(t, "__dict__").get("recorder")


def _note(t: _dt.datetime, key: str) -> None:
    recorder = _recorder(t)
    if recorder is not None and recorder.reads is not None:
        recorder.reads.add(("site", key))


class SiteTime(RubyTime):
    """The build's ``site.time``: a :class:`RubyTime` that records how it is read."""

    @classmethod
    def of(cls, value: _dt.datetime, recorder: Recorder) -> SiteTime:
        t = cls(value.year, value.month, value.day, value.hour, value.minute, value.second,
                value.microsecond, tzinfo=value.tzinfo, fold=value.fold)
        object.__getattribute__(t, "__dict__")["recorder"] = recorder
        return t

    def __getattribute__(self, name: str) -> Any:
        if name in FIELDS:
            _note(self, f"{KEY}.{name}")
        elif name not in _FREE:
            _note(self, KEY)
        return object.__getattribute__(self, name)


# Operations Python runs without an attribute lookup (special methods are looked up on the
# type) read the whole time: each is RubyTime's own, after recording that read.
_WHOLE_READS = {name: name for name in (
    "__repr__", "__format__", "__hash__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__",
    "__ge__", "__add__", "__sub__", "__rsub__", "__reduce_ex__", "__reduce__")}
_WHOLE_READS["__radd__"] = "__add__"


def _reading_whole(name: str, base_name: str) -> Any:
    base = getattr(RubyTime, base_name)

    def operation(self: SiteTime, *args: Any) -> Any:
        _note(self, KEY)
        return base(self, *args)

    operation.__name__ = name
    operation.__qualname__ = f"SiteTime.{name}"
    return operation


for _name, _base_name in _WHOLE_READS.items():
    setattr(SiteTime, _name, _reading_whole(_name, _base_name))


def field(value: Any, key: str) -> Any:
    """The current value of a recorded ``time.<field>`` key (None when it is not a time)."""
    name = key[len(KEY) + 1:]
    if name not in FIELDS or not isinstance(value, _dt.datetime):
        return None
    return object.__getattribute__(value, name)
