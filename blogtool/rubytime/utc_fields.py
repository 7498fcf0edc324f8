"""Moving a wall-clock reading with a fixed offset to UTC, field by field, as Ruby's
``Time.parse`` does before ``Time.utc`` checks the result.

Ruby does not normalise the reading first, so the outcome depends on which parts of the
offset are zero: the offset is split into seconds, minutes and hours, and only a field whose
part is non-zero is moved and wrapped into its range, passing any carry to the next part.
``10:99 +0130`` is 10:09 UTC (minute 99 moved by 30 and wrapped), while ``10:99 +0100``
keeps minute 99 and is rejected. A carry past the hours moves the day by whole days, and a
day that leaves its month takes the first day of the next month or the last of the previous
one (``23:00 -0200`` on 31 March is 1 April, 01:00).
"""
from __future__ import annotations

from .calendar import listed_month_length
from .model import TimeParseError

Reading = tuple[int, int, int, int, int, int]     # year, month, day, hour, minute, second

_PARTS = ((5, 60), (4, 60), (3, 24))             # (field index, base): seconds, minutes, hours


def to_utc(reading: Reading, offset: int) -> Reading:
    fields = list(reading)
    step = -1 if offset > 0 else 1                # UTC is the reading minus the offset
    rest = abs(offset)
    for index, base in _PARTS:
        rest, part = divmod(rest, base)
        if part:
            carry, fields[index] = divmod(fields[index] + step * part, base)
            rest += step * carry
    year, mon, day = fields[0], fields[1], fields[2]
    if rest and step > 0:
        day += rest
        length = listed_month_length(year, mon)
        if length is not None and day > length:
            year, mon, day = (year + 1, 1, 1) if mon >= 12 else (year, mon + 1, 1)
    elif rest:
        day -= rest
        if day < 1:
            year, mon = (year - 1, 12) if mon <= 1 else (year, mon - 1)
            length = listed_month_length(year, mon)
            if length is None:
                raise TimeParseError("argument out of range")
            day = length
    return year, mon, day, fields[3], fields[4], fields[5]
