"""``site.time``, which changes on every build, recorded by what a page used of it.

A layout footer that prints ``{{ site.time | date: "%Y" }}`` reads the year and nothing else;
recording that as a read of the whole time would make every page depend on the clock and
render again on every build. :class:`SiteTime` reports each calendar field a page reads as
``("site", "time.<field>")`` (the year, the month...), and anything else done with it (printing
it whole, converting it, comparing it) as ``("site", "time")``, so a page depends on exactly
the part of the clock it shows. The zone (``tzinfo``) is the configuration's, which is part of
every cache key, so reading it records nothing.

Liquid's ``"now"`` and ``"today"`` (and date strings that leave fields to the clock, such as
``"March 3"``) read the clock too: they stand for :attr:`SiteTime.clock_now`, which is the
build's time itself, read and recorded as above. When the configuration fixes ``site.time``
(``time:``), the clock is the build's real time and its reads are recorded under
``time.clock`` (``time.clock.year``...), which :func:`value` answers from the current clock.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Protocol

from ..timeutil import RubyTime


class Recorder(Protocol):
    """What :class:`blogtool.build.deps.Recorder` offers: the reads being recorded, or None."""

    reads: set | None

KEY = "time"
CLOCK = "time.clock"       # the clock, when the configuration fixes site.time
FIELDS = frozenset(("year", "month", "day", "hour", "minute", "second", "microsecond"))
_FREE = frozenset(("tzinfo", "__class__", "__dict__", "clock_now"))


def _note(t: _dt.datetime, name: str | None) -> None:
    """Record a read of the field ``name`` of ``t`` (None: of the whole time)."""
    own = object.__getattribute__(t, "__dict__")
    recorder = own.get("recorder")
    if recorder is not None and recorder.reads is not None:
        key = own.get("key", KEY)
        recorder.reads.add(("site", key if name is None else f"{key}.{name}"))


def machine_now(zone: _dt.tzinfo | None) -> _dt.datetime:
    """The machine's clock (tests replace it)."""
    return _dt.datetime.now(zone)


class SiteTime(RubyTime):
    """The build's ``site.time``: a :class:`RubyTime` that records how it is read."""

    @classmethod
    def of(cls, value: _dt.datetime, recorder: Recorder, *, fixed: bool = False,
           key: str = KEY) -> SiteTime:
        """``value`` recording its reads into ``recorder``. ``fixed``: the configuration set
        ``site.time``, so the clock is another time (the real one, recorded apart)."""
        t = cls(value.year, value.month, value.day, value.hour, value.minute, value.second,
                value.microsecond, tzinfo=value.tzinfo, fold=value.fold)
        own = object.__getattribute__(t, "__dict__")
        own["recorder"] = recorder
        own["key"] = key
        own["now"] = cls.of(machine_now(value.tzinfo), recorder, key=CLOCK) if fixed else t
        return t

    @property
    def clock_now(self) -> SiteTime:
        """The time Liquid's ``"now"`` stands for in this build (reading it records nothing;
        what is read of it is recorded)."""
        now: SiteTime = object.__getattribute__(self, "__dict__")["now"]
        return now

    def __getattribute__(self, name: str) -> Any:
        if name in FIELDS:
            _note(self, name)
        elif name not in _FREE:
            _note(self, None)
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
        _note(self, None)
        return base(self, *args)

    operation.__name__ = name
    operation.__qualname__ = f"SiteTime.{name}"
    return operation


for _name, _base_name in _WHOLE_READS.items():
    setattr(SiteTime, _name, _reading_whole(_name, _base_name))


def value(site_time: Any, key: str) -> Any:
    """The current value of a recorded key of ``site``'s time: ``time.<field>``, the clock
    (``time.clock``, the whole time: it differs in every build) or ``time.clock.<field>``;
    None when it names nothing."""
    if not isinstance(site_time, _dt.datetime):
        return None
    if key == CLOCK or key.startswith(CLOCK + "."):
        own = getattr(site_time, "__dict__", None) or {}
        site_time = own.get("now")
        if not isinstance(site_time, _dt.datetime):
            return None
        if key == CLOCK:
            return _dt.datetime.isoformat(site_time)
        key = KEY + key[len(CLOCK):]
    name = key[len(KEY) + 1:]
    if name not in FIELDS:
        return None
    return object.__getattribute__(site_time, name)
