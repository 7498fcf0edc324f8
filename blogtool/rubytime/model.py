"""What a read produces: the pieces found in a date string, the instant built from them, and
the error raised where Ruby raises."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


class TimeParseError(ValueError):
    """Where Ruby raises: ``kind`` is ``ArgumentError``, or ``RangeError`` for a number that
    does not fit a C int."""

    def __init__(self, message: str, kind: str = "ArgumentError") -> None:
        super().__init__(message)
        self.kind = kind


def fits_c_int(value: int) -> int:
    """``value``, where Ruby converts it to a C int; RangeError beyond."""
    if not -(2 ** 31) <= value < 2 ** 31:
        raise TimeParseError(f"integer {value} too big to convert to 'int'", "RangeError")
    return value


@dataclass(frozen=True)
class Instant:
    seconds: int             # since the epoch, UTC
    usec: int                # 0..999999
    utc_offset: int | None   # the fixed offset of a zone the string named and Ruby knows


@dataclass(slots=True)
class Pieces:
    """The calendar and clock values a date string spells out; None where it says nothing.

    ``full_year`` is set when the year was written with a sign or more than two digits, so a
    value such as ``0016`` stays the year 16 instead of becoming 2016; ``before_christ`` when
    an era such as ``BC`` follows.
    """

    year: int | None = None
    mon: int | None = None
    mday: int | None = None
    yday: int | None = None
    hour: int | None = None
    minute: int | None = None
    sec: int | None = None
    fraction: Fraction | None = None
    zone: str | None = None
    full_year: bool = False
    before_christ: bool = False

    def says_nothing(self) -> bool:
        return self.year is None and self.mon is None and self.mday is None and \
            self.yday is None and self.hour is None and self.minute is None and \
            self.sec is None and self.fraction is None

    def finish(self) -> Pieces:
        """The year as the string means it: ``BC`` years count back from 1 (1 BC is the year
        0), and a two-digit year gets its century (69..99: 1900s, 00..68: 2000s)."""
        year = self.year
        if year is not None:
            if self.before_christ:
                year = 1 - year
            if not self.full_year and 0 <= year <= 99:
                year += 1900 if year >= 69 else 2000
            self.year = year
        return self
