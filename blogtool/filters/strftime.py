"""Ruby 3.1's ``Time#strftime``, English names whatever the machine's locale.

A format is read once into pieces (literal text and one printer per conversion) and kept;
printing is then a join. Ruby's rules, as observed:

* after ``%`` come flags (``-`` no padding, ``_`` spaces, ``0`` zeros, ``^`` upper case, ``#``
  change case), a width, then the conversion; a flag after a width makes the whole directive
  literal text, as does an unknown conversion (``%Q``, ``%+``) or ``E``/``O`` before a
  conversion they do not modify; a ``%`` that ends the format (also ``%-``, ``%5``) is an
  ``invalid format`` error;
* numbers are padded to the width (their default when there is none, 1 with ``-``) with
  zeros, or spaces for ``%e %k %l`` and with ``_``;
* names are padded to the width with spaces (zeros with ``0``) unless ``-``; ``#`` turns
  ``%a %A %b %B %h`` upper case, ``%p`` and ``%Z`` lower case, and leaves ``%P`` upper case;
* ``%c %D %F %r %R %T %v %x %X`` print their parts, then ``^`` turns them upper case and the
  width pads them (even with ``-``), ``#`` does nothing to them;
* ``%z`` (``%:z``, ``%::z``, ``%:::z``) pads its hours so the whole is the width wide.

Only the fields a conversion needs are read from the time (``%Y`` reads the year alone), so
the build's clock, which records its reads, records no more than the page shows.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from blogtool.timeutil import RubyTime

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_SECOND = _dt.timedelta(seconds=1)
_CYCLE_SECONDS = 146097 * 86400       # 400 Gregorian years
_WIDEST = 2 ** 31 - 1                 # a longer width makes the directive literal text

Printer = Callable[[_dt.datetime], str]


class InvalidFormat(ValueError):
    """Ruby raises ``ArgumentError: invalid format: ...`` for a format ending inside a
    directive."""


def _shift(t: _dt.datetime) -> int:
    """Years added to ``t``'s to give Ruby's (see ``timeutil.from_instant``)."""
    if type(t) is RubyTime:
        return int(t.__dict__.get("year_shift", 0))
    return 0


def _year(t: _dt.datetime) -> int:
    return t.year + _shift(t)


def _date(t: _dt.datetime) -> _dt.date:
    """The calendar day; the build's clock records this as a read of the whole time, as it
    did before conversions were read field by field (a page printing ``%a`` is built every
    time, or kept as a template)."""
    return t.date()


def _iso_year(t: _dt.datetime) -> int:
    return _date(t).isocalendar()[0] + _shift(t)


def _hour12(t: _dt.datetime) -> int:
    return t.hour % 12 or 12


def _sunday_week(t: _dt.datetime) -> int:
    d = _date(t)
    return (d.timetuple().tm_yday + 6 - d.isoweekday() % 7) // 7


def _monday_week(t: _dt.datetime) -> int:
    d = _date(t)
    return (d.timetuple().tm_yday + 6 - d.weekday()) // 7


def _epoch_seconds(t: _dt.datetime) -> int:
    if t.tzinfo is None:
        whole = t.timestamp()
        return int(whole // 1)
    return (t - _EPOCH) // _SECOND + _shift(t) // 400 * _CYCLE_SECONDS


# conversion -> (value, padding, width) for numbers
_NUMBERS: dict[str, tuple[Callable[[_dt.datetime], int], str, int]] = {
    "Y": (_year, "0", 4), "G": (_iso_year, "0", 4),
    "C": (lambda t: _year(t) // 100, "0", 2), "y": (lambda t: _year(t) % 100, "0", 2),
    "g": (lambda t: _iso_year(t) % 100, "0", 2),
    "m": (lambda t: t.month, "0", 2), "d": (lambda t: t.day, "0", 2),
    "e": (lambda t: t.day, " ", 2), "j": (lambda t: _date(t).timetuple().tm_yday, "0", 3),
    "H": (lambda t: t.hour, "0", 2), "k": (lambda t: t.hour, " ", 2),
    "I": (_hour12, "0", 2), "l": (_hour12, " ", 2),
    "M": (lambda t: t.minute, "0", 2), "S": (lambda t: t.second, "0", 2),
    "U": (_sunday_week, "0", 2), "W": (_monday_week, "0", 2),
    "V": (lambda t: _date(t).isocalendar()[1], "0", 2),
    "u": (lambda t: _date(t).isoweekday(), "0", 1),
    "w": (lambda t: _date(t).isoweekday() % 7, "0", 1),
    "s": (_epoch_seconds, "0", 1),
}

# conversion -> (text, what "#" does: "upper", "lower" or "")
_NAMES: dict[str, tuple[Callable[[_dt.datetime], str], str]] = {
    "A": (lambda t: _DAYS[_date(t).weekday()], "upper"),
    "a": (lambda t: _DAYS[_date(t).weekday()][:3], "upper"),
    "B": (lambda t: _MONTHS[t.month - 1], "upper"),
    "b": (lambda t: _MONTHS[t.month - 1][:3], "upper"),
    "h": (lambda t: _MONTHS[t.month - 1][:3], "upper"),
    "p": (lambda t: "AM" if t.hour < 12 else "PM", "lower"),
    "P": (lambda t: "AM" if t.hour < 12 else "PM", ""),
    "Z": (lambda t: t.tzname() or "", "lower"),
}

# conversions made of others
_COMPOSITES = {"c": "%a %b %e %H:%M:%S %Y", "D": "%m/%d/%y", "x": "%m/%d/%y", "F": "%Y-%m-%d",
               "T": "%H:%M:%S", "X": "%H:%M:%S", "R": "%H:%M", "r": "%I:%M:%S %p",
               "v": "%e-%^b-%4Y"}
_CHARACTERS = {"%": "%", "n": "\n", "t": "\t"}
_MODIFIED = {"E": "cCxXyY", "O": "deHkIlmMSuUVwWy"}


class _Directive:
    """What one ``%`` directive asks for."""

    __slots__ = ("left", "pad", "upper", "change", "width", "colons")

    def __init__(self) -> None:
        self.left = self.upper = self.change = False
        self.pad = ""
        self.width = -1
        self.colons = 0


def _number(value: Callable[[_dt.datetime], int], pad: str, width: int, d: _Directive
            ) -> Printer:
    if d.left:
        return lambda t: str(value(t))
    zeros = d.pad == "0" or (d.pad == "" and pad == "0")
    spec = ("0" if zeros else "") + str(d.width if d.width > 0 else width) + "d"
    if d.width <= 0 and width == 4:        # %Y, %G: five wide below year 0
        negative = "05d" if zeros else "5d"

        def year(t: _dt.datetime) -> str:
            number = value(t)
            return format(number, spec if number >= 0 else negative)
        return year
    return lambda t: format(value(t), spec)


def _padded(text: Callable[[_dt.datetime], str], d: _Directive, case: str) -> Printer:
    """A text padded on the left to the width, in the case asked for."""
    fill = d.pad or " "
    width = 0 if d.left else d.width
    if case == "upper":
        return lambda t: text(t).upper().rjust(width, fill)
    if case == "lower":
        return lambda t: text(t).lower().rjust(width, fill)
    if width <= 0:
        return text
    return lambda t: text(t).rjust(width, fill)


def _name(text: Callable[[_dt.datetime], str], change: str, d: _Directive, conv: str
          ) -> Printer:
    case = "upper" if d.upper else ""
    if d.change and change:
        case = change
    if conv == "P" and not d.change and not d.upper:
        case = "lower"
    return _padded(text, d, case)


def _composite(fmt: str, d: _Directive) -> Printer:
    pieces = _compiled(fmt)
    width = d.width
    fill = d.pad or " "

    def printer(t: _dt.datetime) -> str:
        text = _join(pieces, t)
        if d.upper:
            text = text.upper()
        return text.rjust(width, fill) if width > 0 else text
    return printer


def _fraction(default: int, d: _Directive) -> Printer:
    digits = d.width if d.width > 0 else default
    if digits <= 9:
        return lambda t: f"{t.microsecond:06d}000"[:digits]
    zeros = "0" * (digits - 9)
    return lambda t: f"{t.microsecond:06d}000" + zeros


def _offset_seconds(t: _dt.datetime) -> int:
    off = t.utcoffset()
    return 0 if off is None else round(off.total_seconds())


def _offset(d: _Directive) -> Printer:
    colons, width, spaces = d.colons, d.width, d.pad == " "

    def printer(t: _dt.datetime) -> str:
        off = _offset_seconds(t)
        sign, off = ("-", -off) if off < 0 else ("+", off)
        parts = colons
        if colons == 3:
            parts = 0 if off % 3600 == 0 else 1 if off % 60 == 0 else 2
            rest = (0, 3, 6)[parts]
        else:
            rest = (2, 3, 6)[colons]
        digits = max(2, width - 1 - rest)
        hours = str(off // 3600)
        head = (sign + hours).rjust(digits + 1) if spaces else sign + hours.zfill(digits)
        minutes, seconds = f"{off % 3600 // 60:02d}", f"{off % 60:02d}"
        if colons == 0:
            return head + minutes
        return ":".join((head, minutes, seconds)[:parts + 1])
    return printer


def _character(char: str, d: _Directive) -> Printer:
    text = char if d.left or d.width <= 1 else char.rjust(d.width, d.pad or " ")
    return lambda t: text


def _printer(conv: str, d: _Directive) -> Printer | None:
    """The printer of conversion ``conv``; None when Ruby prints the directive as it is."""
    if conv == "z":
        return _offset(d) if d.colons <= 3 else None
    if conv in _NUMBERS:
        return _number(*_NUMBERS[conv], d)
    if conv in _NAMES:
        return _name(*_NAMES[conv], d, conv)
    if conv in _COMPOSITES:
        return _composite(_COMPOSITES[conv], d)
    if conv == "L" or conv == "N":
        return _fraction(3 if conv == "L" else 9, d)
    if conv in _CHARACTERS:
        return _character(_CHARACTERS[conv], d)
    return None


def _directive(fmt: str, start: int) -> tuple[Printer | str, int]:
    """The printer of the directive at ``fmt[start]`` (a ``%``), or the literal text Ruby
    prints instead, and where the text after it starts."""
    d = _Directive()
    at, end = start + 1, len(fmt)
    while at < end:
        c = fmt[at]
        if c in "-^#_":
            if d.width > 0:
                break
            if c == "-":
                d.left, d.pad, d.width = True, "", 0
            elif c == "^":
                d.upper = True
            elif c == "#":
                d.change = True
            else:
                d.pad = " "
            at += 1
        elif c.isdigit() and c.isascii():
            if c == "0":
                d.pad = "0"
            stop = at
            while stop < end and fmt[stop].isdigit() and fmt[stop].isascii():
                stop += 1
            if int(fmt[at:stop]) > _WIDEST:
                break
            d.width, at = int(fmt[at:stop]), stop
        elif c == ":":
            colons = 1
            while colons <= 3 and at + colons < end and fmt[at + colons] == ":":
                colons += 1
            if colons <= 3 and (at + colons >= end or fmt[at + colons] != "z"):
                break
            d.colons, at = colons, at + colons      # at the z, or after four colons
        elif c in _MODIFIED:
            if at + 1 >= end or fmt[at + 1] not in _MODIFIED[c]:
                break
            at += 1
        else:
            printer = _printer(c, d)
            if printer is None:
                break
            return printer, at + 1
    else:
        raise InvalidFormat(f"invalid format: {fmt}")
    return fmt[start:at + 1], at + 1


_FORMATS: dict[str, tuple[Printer | str, ...]] = {}


def _compiled(fmt: str) -> tuple[Printer | str, ...]:
    pieces = _FORMATS.get(fmt)
    if pieces is not None:
        return pieces
    found: list[Printer | str] = []
    at = 0
    while True:
        mark = fmt.find("%", at)
        if mark < 0:
            found.append(fmt[at:])
            break
        found.append(fmt[at:mark])
        piece, at = _directive(fmt, mark)
        found.append(piece)
    merged: list[Printer | str] = []
    for piece in found:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        elif piece != "":
            merged.append(piece)
    if len(_FORMATS) > 1024:
        _FORMATS.clear()
    pieces = _FORMATS[fmt] = tuple(merged)
    return pieces


def _join(pieces: tuple[Printer | str, ...], t: _dt.datetime) -> str:
    return "".join([p if type(p) is str else p(t) for p in pieces])  # type: ignore[operator]


def ruby_strftime(t: _dt.datetime, fmt: str) -> str:
    """``t.strftime(fmt)`` as Ruby 3.1 prints it; :class:`InvalidFormat` where Ruby raises."""
    pieces = _FORMATS.get(fmt) or _compiled(fmt)
    if len(pieces) == 1:
        only = pieces[0]
        return only if type(only) is str else only(t)  # type: ignore[operator,return-value]
    return _join(pieces, t)
