"""Ruby's ``Time.parse`` (Ruby 3.1, date 3.2): the heuristic date reader Jekyll applies to every
front matter ``date:`` and file-name date.

``Date._parse`` cleans the string, then tries one pattern after another; each pattern that
matches cuts its text out and records fields (year, mon, mday, yday, hour, min, sec, fraction,
zone). ``Time.parse`` fills the leading missing fields from "now", applies the zone (only the
zones ``Time.zone_offset`` knows; an unknown name means local time) and builds the time with
``Time.local``/``Time.utc``'s range checks. The result is an instant: epoch seconds and
microseconds, valid for any year.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

LIMIT = 128          # Date._parse refuses longer strings (bytes)


class TimeParseError(ValueError):
    """What Ruby raises: ``ArgumentError`` (or ``RangeError`` for numbers beyond a C int)."""

    def __init__(self, message: str, kind: str = "ArgumentError") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Instant:
    seconds: int             # since the epoch, UTC
    usec: int                # 0..999999
    utc_offset: int | None   # the zone's fixed offset when the string named one Ruby knows


# --- Date._parse ---------------------------------------------------------------------------

_I = re.I
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DAYS = "sun|mon|tue|wed|thu|fri|sat"
_ERA = r"(c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.))?"
_ALPHA = r"[^\W\d_]"


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_DAY = _rx(rf"\b({_DAYS})[^-/0-9\s]*", _I)
_TIME = _rx(
    r"((?:[0-9]+\s*:\s*[0-9]+(?:\s*:\s*[0-9]+(?:[,.][0-9]*)?)?"
    r"|[0-9]+\s*h(?:\s*[0-9]+m?(?:\s*[0-9]+s?)?)?)"
    r"(?:\s*[ap](?:m\b|\.m\.))?"
    r"|[0-9]+\s*[ap](?:m\b|\.m\.))"
    r"(?:\s*((?:gmt|utc?)?[-+][0-9]+(?:[,.:][0-9]+(?::[0-9]+)?)?"
    rf"|(?-i:(?:{_ALPHA}|[.\s])+)(?:standard|daylight)\stime\b"
    rf"|(?-i:{_ALPHA}+)(?:\sdst)?\b))?", _I)
_TIME_FIELDS = _rx(r"\A([0-9]+)h?(?:\s*:?\s*([0-9]+)m?(?:\s*:?\s*([0-9]+)(?:[,.]([0-9]+))?s?)?)?"
                   r"(?:\s*([ap])(?:m\b|\.m\.))?", _I)
_EU = _rx(rf"('?[0-9]+)[^-0-9\s]*\s*({_MONTHS})[^-0-9\s']*"
          rf"(?:\s*{_ERA}\s*('?-?[0-9]+(?:(?:st|nd|rd|th)\b)?))?", _I)
_US = _rx(rf"\b({_MONTHS})[^-0-9\s']*\s*('?[0-9]+)[^-0-9\s']*"
          rf"(?:\s*,?\s*{_ERA}\s*('?-?[0-9]+))?", _I)
_ISO = _rx(r"('?[-+]?[0-9]+)-([0-9]+)-('?-?[0-9]+)")
_ISO21 = _rx(r"\b([0-9]{2}|[0-9]{4})?-?w([0-9]{2})(?:-?([0-9]))?\b", _I)
_ISO22 = _rx(r"-w-([0-9])\b", _I)
_ISO23 = _rx(r"--([0-9]{2})?-([0-9]{2})\b")
_ISO24 = _rx(r"--([0-9]{2})([0-9]{2})?\b")
_ISO25_NOT = _rx(r"[,.]([0-9]{2}|[0-9]{4})-[0-9]{3}\b")
_ISO25 = _rx(r"\b([0-9]{2}|[0-9]{4})-([0-9]{3})\b")
_ISO26_NOT = _rx(r"[0-9]-[0-9]{3}\b")
_ISO26 = _rx(r"\b-([0-9]{3})\b")
_JIS = _rx(r"\b([mtshr])([0-9]+)\.([0-9]+)\.([0-9]+)", _I)
_VMS11 = _rx(rf"('?-?[0-9]+)-({_MONTHS})[^-/.]*-('?-?[0-9]+)", _I)
_VMS12 = _rx(rf"\b({_MONTHS})[^-/.]*-('?-?[0-9]+)(?:-('?-?[0-9]+))?", _I)
_SLA = _rx(r"('?-?[0-9]+)/\s*('?[0-9]+)(?:[^0-9]\s*('?-?[0-9]+))?", _I)
_DOT = _rx(r"('?-?[0-9]+)\.\s*('?[0-9]+)\.\s*('?-?[0-9]+)", _I)
_YEAR = _rx(r"'([0-9]+)\b")
_MON = _rx(rf"\b({_MONTHS})\S*", _I)
_MDAY = _rx(r"([0-9]+)(st|nd|rd|th)\b", _I)
_DDD = _rx(r"([-+]?)([0-9]{2,14})(?:\s*t?\s*([0-9]{2,6})?(?:[,.]([0-9]*))?)?"
           r"(?:\s*(z\b|[-+][0-9]{1,4}\b|\[[-+]?[0-9][^\]]*\]))?", _I)
_BC = _rx(r"\b(bc\b|bce\b|b\.c\.|b\.c\.e\.)", _I)
_FRAG = _rx(r"\A\s*([0-9]{1,2})\s*\Z", _I)

_ALPHA_F, _DIGIT_F, _DASH_F, _DOT_F, _SLASH_F = 1, 2, 4, 8, 16
_KEEP = set("-+',./:@[]")


_MARK_AS_LETTER = "\ua66e"   # any letter: what Python's \b and [^\W\d_] see for a kept mark


def _kept(ch: str) -> str | None:
    """Onigmo's ``[-+',./:@[:alnum:]\\[\\]]`` (letters, letter-like numbers, digits, marks
    that spell letters): the character as the patterns should see it, or None."""
    if ch in _KEEP or ch.isascii() and ch.isalnum():
        return ch
    if ch.isascii():
        return None
    cat = unicodedata.category(ch)
    if cat[0] == "L" or cat in ("Nd", "Nl"):
        return ch
    return _MARK_AS_LETTER if cat == "Mc" else None


_ASCII_DROP = re.compile(r"[^-+',./:@A-Za-z0-9\[\]]+")


def _clean(text: str) -> str:
    """Runs of other characters become one space (so the string keeps only what the
    patterns look at; Onigmo counts marks as word characters, Python does not)."""
    if text.isascii():
        return _ASCII_DROP.sub(" ", text)
    out: list[str] = []
    gap = False
    for ch in text:
        kept = _kept(ch)
        if kept is not None:
            out.append(kept)
            gap = False
        elif not gap:
            out.append(" ")
            gap = True
    return "".join(out)


_HAS_ALPHA = re.compile(r"[A-Za-z]")
_HAS_DIGIT = re.compile(r"[0-9]")
_DIGITS = re.compile(r"[0-9]+")


def _classes(s: str) -> int:
    """Which of ASCII letters, digits, '-', '.', '/' the string holds (C's isalpha/isdigit)."""
    flags = 0
    if _HAS_ALPHA.search(s):
        flags |= _ALPHA_F
    if _HAS_DIGIT.search(s):
        flags |= _DIGIT_F
    if "-" in s:
        flags |= _DASH_F
    if "." in s:
        flags |= _DOT_F
    if "/" in s:
        flags |= _SLASH_F
    return flags


_INT = re.compile(r"\s*([-+]?[0-9]+)")


def _to_i(s: str) -> int:
    """Ruby's ``String#to_i`` on the digit runs these patterns capture."""
    m = _INT.match(s)
    return int(m.group(1)) if m else 0


def _mon_num(name: str) -> int:
    return _MONTHS.split("|").index(name[:3].lower()) + 1


def _day_num(name: str) -> int:
    return _DAYS.split("|").index(name[:3].lower())


class _Parse:
    """One ``Date._parse`` run: the working string and the fields found so far."""

    def __init__(self, text: str) -> None:
        self.s = _clean(text)
        self._flags: int | None = None
        self.h: dict[str, object] = {"_comp": True}

    def has(self, flags: int) -> bool:
        if self._flags is None:
            self._flags = _classes(self.s)
        return self._flags & flags == flags

    def sub(self, pattern: re.Pattern[str], found: Callable[[re.Match[str]], object]) -> bool:
        m = pattern.search(self.s)
        if m is None:
            return False
        self.s = self.s[:m.start()] + " " + self.s[m.end():]
        self._flags = None
        found(m)
        return True

    # -- the recorders ---------------------------------------------------------------------

    def s3e(self, y: str | None, m: str | None, d: str | None, bc: bool) -> None:
        """Ruby's s3e: decide which of three numbers is the year, month and day."""
        h = self.h
        comp: bool | None = None
        if y is not None and m is not None and d is None:
            y, m, d = None, y, m
        if y is None:
            if d is not None and len(d) > 2:
                y, d = d, None
            if d is not None and d[:1] == "'":
                y, d = d, None
        if y is not None:
            i = 0
            while i < len(y) and y[i] not in "+-" and not ("0" <= y[i] <= "9"):
                i += 1
            if i < len(y):
                bp = i
                if y[i] in "+-":
                    i += 1
                j = i
                while j < len(y) and "0" <= y[j] <= "9":
                    j += 1
                if j < len(y):
                    number = y[bp:j]
                    y, d = d, number
        if m is not None and (m[:1] == "'" or len(m) > 2):
            y, m, d = m, d, y   # us -> be
        if d is not None and (d[:1] == "'" or len(d) > 2):
            y, d = d, y
        if y is not None:
            i = 0
            while i < len(y) and y[i] not in "+-" and not ("0" <= y[i] <= "9"):
                i += 1
            if i < len(y):
                bp = i
                if y[i] in "+-":
                    i += 1
                    comp = False
                j = i
                while j < len(y) and "0" <= y[j] <= "9":
                    j += 1
                if j - i > 2:
                    comp = False
                h["year"] = _to_i(y[bp:j])
        if bc:
            h["_bc"] = True
        if m is not None:
            digits = _DIGITS.search(m)
            if digits:
                h["mon"] = int(digits.group())
        if d is not None:
            digits = _DIGITS.search(d)
            if digits:
                h["mday"] = int(digits.group())
        if comp is not None:
            h["_comp"] = comp

    def day(self, m: re.Match[str]) -> None:
        self.h["wday"] = _day_num(m.group(1))

    def time(self, m: re.Match[str]) -> None:
        if m.group(2) is not None:
            self.h["zone"] = m.group(2)
        f = _TIME_FIELDS.match(m.group(1))
        if f is None:
            return
        hour = int(f.group(1))
        if f.group(5) is not None:
            hour = _check_int(hour) % 12 + (12 if f.group(5) in "pP" else 0)
        self.h["hour"] = hour
        if f.group(2) is not None:
            self.h["min"] = int(f.group(2))
        if f.group(3) is not None:
            self.h["sec"] = int(f.group(3))
        if f.group(4) is not None:
            self.h["sec_fraction"] = Fraction(int(f.group(4)), 10 ** len(f.group(4)))

    def eu(self, m: re.Match[str]) -> None:
        b = m.group(3)
        self.s3e(m.group(4), str(_mon_num(m.group(2))), m.group(1),
                 b is not None and b[:1] in "bB")

    def us(self, m: re.Match[str]) -> None:
        b = m.group(3)
        self.s3e(m.group(4), str(_mon_num(m.group(1))), m.group(2),
                 b is not None and b[:1] in "bB")

    def ymd(self, m: re.Match[str]) -> None:
        self.s3e(m.group(1), m.group(2), m.group(3), False)

    def dmy_name(self, m: re.Match[str]) -> None:
        self.s3e(m.group(3), str(_mon_num(m.group(2))), m.group(1), False)

    def mdy_name(self, m: re.Match[str]) -> None:
        self.s3e(m.group(3), str(_mon_num(m.group(1))), m.group(2), False)

    def cweek(self, m: re.Match[str]) -> None:
        if m.group(1) is not None:
            self.h["cwyear"] = int(m.group(1))
        self.h["cweek"] = int(m.group(2))
        if m.group(3) is not None:
            self.h["cwday"] = int(m.group(3))

    def cwday(self, m: re.Match[str]) -> None:
        self.h["cwday"] = int(m.group(1))

    def iso23(self, m: re.Match[str]) -> None:
        if m.group(1) is not None:
            self.h["mon"] = int(m.group(1))
        self.h["mday"] = int(m.group(2))

    def iso24(self, m: re.Match[str]) -> None:
        self.h["mon"] = int(m.group(1))
        if m.group(2) is not None:
            self.h["mday"] = int(m.group(2))

    def iso25(self, m: re.Match[str]) -> None:
        self.h["year"] = int(m.group(1))
        self.h["yday"] = int(m.group(2))

    def iso26(self, m: re.Match[str]) -> None:
        self.h["yday"] = int(m.group(1))

    def jis(self, m: re.Match[str]) -> None:
        era = {"m": 1867, "t": 1911, "s": 1925, "h": 1988, "r": 2018}[m.group(1).lower()]
        self.h["year"] = int(m.group(2)) + era
        self.h["mon"] = int(m.group(3))
        self.h["mday"] = int(m.group(4))

    def year(self, m: re.Match[str]) -> None:
        self.h["year"] = int(m.group(1))

    def mon(self, m: re.Match[str]) -> None:
        self.h["mon"] = _mon_num(m.group(1))

    def mday(self, m: re.Match[str]) -> None:
        self.h["mday"] = int(m.group(1))

    def ddd(self, m: re.Match[str]) -> None:
        h = self.h
        neg = m.group(1) == "-"
        s2, s3, s4, s5 = m.group(2), m.group(3), m.group(4), m.group(5)
        n = len(s2)
        tail = s3 is None and s4 is not None     # digits end with the time: read from the right

        def num(start: int, width: int) -> int:
            return int(s2[start:start + width])

        if n == 2:
            h["sec" if tail else "mday"] = num(0, 2)
        elif n == 4:
            if tail:
                h["sec"], h["min"] = num(2, 2), num(0, 2)
            else:
                h["mon"], h["mday"] = num(0, 2), num(2, 2)
        elif n == 6:
            if tail:
                h["sec"], h["min"], h["hour"] = num(4, 2), num(2, 2), num(0, 2)
            else:
                h["year"] = -num(0, 2) if neg else num(0, 2)
                h["mon"], h["mday"] = num(2, 2), num(4, 2)
        elif n in (8, 10, 12, 14):
            if tail:
                h["sec"], h["min"] = num(n - 2, 2), num(n - 4, 2)
                h["hour"], h["mday"] = num(n - 6, 2), num(n - 8, 2)
                if n >= 10:
                    h["mon"] = num(n - 10, 2)
                if n == 12:
                    h["year"] = -num(0, 2) if neg else num(0, 2)
                if n == 14:
                    h["year"] = -num(0, 4) if neg else num(0, 4)
                    h["_comp"] = False
            else:
                h["year"] = -num(0, 4) if neg else num(0, 4)
                h["mon"], h["mday"] = num(4, 2), num(6, 2)
                if n >= 10:
                    h["hour"] = num(8, 2)
                if n >= 12:
                    h["min"] = num(10, 2)
                if n >= 14:
                    h["sec"] = num(12, 2)
                h["_comp"] = False
        elif n == 3:
            if tail:
                h["sec"], h["min"] = num(1, 2), num(0, 1)
            else:
                h["yday"] = num(0, 3)
        elif n == 5:
            if tail:
                h["sec"], h["min"], h["hour"] = num(3, 2), num(1, 2), num(0, 1)
            else:
                h["year"] = -num(0, 2) if neg else num(0, 2)
                h["yday"] = num(2, 3)
        elif n == 7:
            if tail:
                h["sec"], h["min"], h["hour"] = num(5, 2), num(3, 2), num(1, 2)
                h["mday"] = num(0, 1)
            else:
                h["year"] = -num(0, 4) if neg else num(0, 4)
                h["yday"] = num(4, 3)
        if s3 is not None and len(s3) in (2, 4, 6):
            k = len(s3)
            if s4 is not None:
                h["sec"] = int(s3[k - 2:k])
                if k >= 4:
                    h["min"] = int(s3[k - 4:k - 2])
                if k >= 6:
                    h["hour"] = int(s3[k - 6:k - 4])
            else:
                h["hour"] = int(s3[0:2])
                if k >= 4:
                    h["min"] = int(s3[2:4])
                if k >= 6:
                    h["sec"] = int(s3[4:6])
        if s4 is not None:
            h["sec_fraction"] = Fraction(int(s4 or "0"), 10 ** len(s4))
        if s5 is not None:
            h["zone"] = s5
            if s5[0] == "[":
                inner = s5[1:-1]
                h["zone"] = inner.split(":", 1)[1] if ":" in inner else inner

    def bc(self, _m: re.Match[str]) -> None:
        self.h["_bc"] = True

    def frag(self, m: re.Match[str]) -> None:
        h = self.h
        n = int(m.group(1))
        if "hour" in h and "mday" not in h and 1 <= n <= 31:
            h["mday"] = n
        if "mday" in h and "hour" not in h and 0 <= n <= 24:
            h["hour"] = n

    # -- the order Date._parse tries them in ----------------------------------------------------

    def run(self) -> dict[str, object]:
        if self.has(_ALPHA_F):
            self.sub(_DAY, self.day)
        if self.has(_DIGIT_F):
            self.sub(_TIME, self.time)
        self._date()
        if self.has(_ALPHA_F):
            self.sub(_BC, self.bc)
        if self.has(_DIGIT_F):
            self.sub(_FRAG, self.frag)
        h = self.h
        if h.pop("_bc", False):
            for key in ("cwyear", "year"):
                if key in h:
                    h[key] = 1 - int(h[key])  # type: ignore[call-overload]
        if h.pop("_comp", False):
            for key in ("cwyear", "year"):
                y = h.get(key)
                if isinstance(y, int) and 0 <= y <= 99:
                    h[key] = y + (1900 if y >= 69 else 2000)
        return h

    def _date(self) -> None:
        a, d = _ALPHA_F, _DIGIT_F
        steps: list[tuple[int, re.Pattern[str], Callable[[re.Match[str]], object]]] = [
            (a | d, _EU, self.eu), (a | d, _US, self.us),
            (d | _DASH_F, _ISO, self.ymd),
            (d | _DOT_F, _JIS, self.jis),
            (a | d | _DASH_F, _VMS11, self.dmy_name), (a | d | _DASH_F, _VMS12, self.mdy_name),
            (d | _SLASH_F, _SLA, self.ymd),
            (d | _DOT_F, _DOT, self.ymd),
        ]
        for flags, pattern, found in steps:
            if self.has(flags) and self.sub(pattern, found):
                return
        if self.has(d) and self._iso2():
            return
        for flags, pattern, found in [(d, _YEAR, self.year), (a, _MON, self.mon),
                                      (d, _MDAY, self.mday), (d, _DDD, self.ddd)]:
            if self.has(flags) and self.sub(pattern, found):
                return

    def _iso2(self) -> bool:
        if self.sub(_ISO21, self.cweek) or self.sub(_ISO22, self.cwday) or \
                self.sub(_ISO23, self.iso23) or self.sub(_ISO24, self.iso24):
            return True
        if not _ISO25_NOT.search(self.s) and self.sub(_ISO25, self.iso25):
            return True
        return not _ISO26_NOT.search(self.s) and self.sub(_ISO26, self.iso26)


# The forms nearly every post uses; Date._parse gives exactly these fields for them (the time
# pattern takes "HH:MM[:SS] [zone]", then the ISO pattern the four-digit-year date).
COMMON = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                     r"(?: ([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?: ([-+][0-9]{2}:?[0-9]{2}))?)?")


def date_parse(text: str) -> dict[str, object]:
    """Ruby's ``Date._parse(text)`` (comp = true): the fields it finds."""
    size = len(text.encode("utf-8"))
    if size > LIMIT:
        raise TimeParseError(f"string length ({size}) exceeds the limit {LIMIT}")
    m = COMMON.fullmatch(text)
    if m is None:
        return _Parse(text).run()
    year, mon, mday, hour, minute, sec, zone = m.groups()
    fields: dict[str, object] = {}
    if zone is not None:
        fields["zone"] = zone
    if hour is not None:
        fields["hour"], fields["min"] = int(hour), int(minute)
        if sec is not None:
            fields["sec"] = int(sec)
    fields.update(year=int(year), mon=int(mon), mday=int(mday))
    return fields


# --- Time.parse ------------------------------------------------------------------------------

_ZONE_HOURS = {
    "UTC": 0, "Z": 0, "UT": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8, "I": 9, "K": 10, "L": 11,
    "M": 12, "N": -1, "O": -2, "P": -3, "Q": -4, "R": -5, "S": -6, "T": -7, "U": -8, "V": -9,
    "W": -10, "X": -11, "Y": -12,
}
_NUMERIC_ZONE = re.compile(r"([+-])([0-9]{2})(:?)([0-9]{2})(?:\3([0-9]{2}))?", re.ASCII)


def _local_fields(seconds: int, zone: _dt.tzinfo) -> _dt.datetime:
    """The wall clock of an instant in ``zone``. Years outside Python's range are moved by
    whole 400-year cycles (same calendar) to the nearest representable ones for the zone's
    rules, then moved back by the caller's arithmetic (only the offset is used)."""
    days, rest = divmod(seconds, 86400)
    year = _civil(days)[0]
    cycles = 0
    if year < 2:
        cycles = (2 - year + 399) // 400
    elif year > 9998:
        cycles = -((year - 9998 + 399) // 400)
    base = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC) + \
        _dt.timedelta(days=days + cycles * 146097, seconds=rest)
    return base.astimezone(zone)


def _offset_at(seconds: int, zone: _dt.tzinfo) -> int:
    if -62135596800 + 86400 * 2 < seconds < 253402300799 - 86400 * 2:    # years 1..9999
        off = _dt.datetime.fromtimestamp(seconds, zone).utcoffset()
        return int(off.total_seconds()) if off is not None else 0
    off = _local_fields(seconds, zone).utcoffset()
    return int(off.total_seconds()) if off is not None else 0


def _zone_name(year: int, month: int, zone: _dt.tzinfo) -> str | None:
    y = min(max(year, 1), 9999)
    return _dt.datetime(y, month, 1, tzinfo=zone).tzname()


def zone_offset(name: str, year: int, zone: _dt.tzinfo) -> int | None:
    """Ruby's ``Time.zone_offset``: numeric offsets, the RFC 822 names, or the local zone's
    own abbreviation (winter, then summer); anything else is unknown (``None``)."""
    up = name.upper()
    m = _NUMERIC_ZONE.fullmatch(up)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return sign * ((int(m.group(2)) * 60 + int(m.group(4))) * 60 + int(m.group(5) or 0))
    if re.fullmatch(r"[+-][0-9]{2}", up, re.ASCII):
        return int(up) * 3600
    if up in _ZONE_HOURS:
        return _ZONE_HOURS[up] * 3600
    for month in (1, 7):
        abbr = _zone_name(year, month, zone)
        if abbr is not None and abbr.upper() == up:
            y = min(max(year, 1), 9999)
            off = _dt.datetime(y, month, 1, tzinfo=zone).utcoffset()
            return int(off.total_seconds()) if off is not None else 0
    return None


def _days_from_civil(y: int, m: int, d: int) -> int:
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil(days: int) -> tuple[int, int, int]:
    days += 719468
    era = days // 146097
    doe = days - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return y + (m <= 2), m, d


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _month_days(y: int, m: int) -> int:
    return 29 if m == 2 and _leap(y) else _MONTH_DAYS[m - 1]


def _ruby_month_days(y: int, m: int) -> int | None:
    """Ruby's table lookup ``DAYS[m - 1]``: nil past the end, counted from the end below 1."""
    if not -12 <= m - 1 < 12:
        return None
    return _month_days(y, (m - 1) % 12 + 1)


def _check_int(value: int) -> int:
    if not -(2 ** 31) <= value < 2 ** 31:
        raise TimeParseError(f"integer {value} too big to convert to 'int'", "RangeError")
    return value


def _time_args(year: int, mon: int, day: int, hour: int, minute: int,
               sec: int) -> tuple[int, int]:
    """``Time.utc``/``Time.local``'s checks and roll-overs; the wall clock as
    (days since the epoch, seconds into the day)."""
    for value, bits in ((mon, 4), (day, 5), (hour, 5), (minute, 6), (sec, 6)):
        v = _check_int(value)
        if v < 0 or v >= 1 << bits:
            raise TimeParseError("argument out of range")
    if mon == 2 and day > _month_days(year, 2):
        day -= _month_days(year, 2)
        mon += 1
    elif mon in (4, 6, 9, 11) and day == 31:
        mon, day = mon + 1, 1
    if not (1 <= mon <= 12 and 1 <= day <= 31 and hour <= 24 and minute <= 59 and sec <= 60) \
            or hour == 24 and (minute > 0 or sec > 0):
        raise TimeParseError("argument out of range")
    return _days_from_civil(year, mon, day), hour * 3600 + minute * 60 + sec


def _local_seconds(days: int, secs: int, zone: _dt.tzinfo) -> int:
    """Seconds since the epoch of a wall-clock time in ``zone``: a repeated hour takes its
    first occurrence, a skipped one is read with the offset in force before the change."""
    wall = days * 86400 + secs
    before = _offset_at(wall - 86400, zone)
    after = _offset_at(wall + 86400, zone)
    if before == after and _offset_at(wall - before, zone) == before:
        return wall - before            # no change of offset near this time
    offsets = {before, _offset_at(wall, zone), after}
    valid = [wall - o for o in offsets if _offset_at(wall - o, zone) == o]
    return min(valid) if valid else wall - before


def _apply_offset(year: int, mon: int, day: int, hour: int, minute: int, sec: int,
                  off: int) -> tuple[int, int, int, int, int, int]:
    """Ruby's Time.apply_offset, step by step (it does not normalize fields it leaves)."""
    if off < 0:
        off = -off
        off, o = divmod(off, 60)
        if o:
            sec += o
            o, sec = divmod(sec, 60)
            off += o
        off, o = divmod(off, 60)
        if o:
            minute += o
            o, minute = divmod(minute, 60)
            off += o
        off, o = divmod(off, 24)
        if o:
            hour += o
            o, hour = divmod(hour, 24)
            off += o
        if off:
            day += off
            days = _ruby_month_days(year, mon)
            if days is not None and days < day:
                mon += 1
                if mon > 12:
                    mon, year = 1, year + 1
                day = 1
    elif off > 0:
        off, o = divmod(off, 60)
        if o:
            sec -= o
            o, sec = divmod(sec, 60)
            off -= o
        off, o = divmod(off, 60)
        if o:
            minute -= o
            o, minute = divmod(minute, 60)
            off -= o
        off, o = divmod(off, 24)
        if o:
            hour -= o
            o, hour = divmod(hour, 24)
            off -= o
        if off:
            day -= off
            if day < 1:
                mon -= 1
                if mon < 1:
                    year, mon = year - 1, 12
                days = _ruby_month_days(year, mon)
                if days is None:
                    raise TimeParseError("argument out of range")
                day = days
    return year, mon, day, hour, minute, sec


def _yday_of(inst: Instant, zone: _dt.tzinfo) -> int:
    off = inst.utc_offset if inst.utc_offset is not None else _offset_at(inst.seconds, zone)
    y, m, d = _civil((inst.seconds + off) // 86400)
    return _days_from_civil(y, m, d) - _days_from_civil(y, 1, 1) + 1


def _make_time(text: str, f: dict[str, object], zone: _dt.tzinfo, now: _dt.datetime) -> Instant:
    year = f.get("year")
    yday = f.get("yday")
    mon = f.get("mon")
    day = f.get("mday")
    hour = f.get("hour")
    minute = f.get("min")
    sec = f.get("sec")
    frac = f.get("sec_fraction")
    zname = f.get("zone")
    if all(v is None for v in (year, yday, mon, day, hour, minute, sec, frac)):
        raise TimeParseError(f"no time information in {text!r}")
    off_year = year if year is not None else now.astimezone(zone).year
    off = zone_offset(str(zname), int(off_year), zone) if zname is not None else None  # type: ignore[call-overload]
    if yday is not None:
        yd = int(yday)  # type: ignore[call-overload]
        if not 1 <= yd <= 366:
            raise TimeParseError(f"yday {yd} out of range")
        mon, day = divmod(yd - 1, 31)
        mon, day = mon + 1, day + 1
        first = _make_time(text, {**f, "yday": None, "mon": mon, "mday": day}, zone, now)
        diff = yd - _yday_of(first, zone)
        if diff == 0:
            return first
        day += diff
        mdays = _month_days(int(off_year), mon)  # type: ignore[call-overload]
        if day > 28 and day > mdays:
            mon += 1
            if mon > 12:
                raise TimeParseError(f"yday {yd} out of range")
            day -= mdays
        return _make_time(text, {**f, "yday": None, "mon": mon, "mday": day}, zone, now)
    if off is not None and not -86400 < off < 86400:
        raise TimeParseError("utc_offset out of range")
    usec: Fraction | int | None = frac * 1000000 if frac is not None else None  # type: ignore[operator]
    fill = [year, mon, day, hour, minute, sec]
    if year is None:       # the leading missing fields come from now, seen in the zone
        here = now.astimezone(_dt.timezone(_dt.timedelta(seconds=off)) if off is not None
                              else zone)
        current = [here.year, here.month, here.day, here.hour, here.minute, here.second]
        for i, value in enumerate(fill):
            if value is not None:
                break
            fill[i] = current[i]
        else:
            if usec is None:
                usec = here.microsecond
    y, mo, d, hh, mi, ss = (int(v) if v is not None else dflt  # type: ignore[call-overload]
                            for v, dflt in zip(fill, (1970, 1, 1, 0, 0, 0), strict=True))
    micro = int(usec or 0)
    if zname is not None and y != off_year:
        off = zone_offset(str(zname), y, zone)
    if off is not None:
        y, mo, d, hh, mi, ss = _apply_offset(y, mo, d, hh, mi, ss, off)
        days, secs = _time_args(y, mo, d, hh, mi, ss)
        return Instant(days * 86400 + secs, micro, off)
    days, secs = _time_args(y, mo, d, hh, mi, ss)
    return Instant(_local_seconds(days, secs, zone), micro, None)


def time_parse(text: str, zone: _dt.tzinfo, now: _dt.datetime | None = None) -> Instant:
    """Ruby's ``Time.parse(text)`` with ``ENV["TZ"]`` set to ``zone``. Raises
    :class:`TimeParseError` where Ruby raises."""
    if now is None:
        now = _dt.datetime.now(_dt.UTC)
    return _make_time(text, date_parse(text), zone, now)


def to_s(value: object) -> str:
    """Ruby's ``to_s`` of a YAML scalar, as Jekyll hands ``date`` to ``Time.parse``."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return _float_to_s(value)
    if isinstance(value, (list, dict)):
        return _inspect(value)
    return str(value)


def _inspect(value: object) -> str:
    """Ruby's ``inspect`` of YAML values (what ``to_s`` gives for arrays and hashes)."""
    if value is None:
        return "nil"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_inspect(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_inspect(k)}=>{_inspect(v)}" for k, v in value.items()) + "}"
    return to_s(value)


def _float_to_s(x: float) -> str:
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    text = repr(x)
    if "e" in text or "E" in text:
        mant, exp = text.lower().split("e")
        if "." not in mant:
            mant += ".0"
        sign = "-" if exp.startswith("-") else "+"
        return f"{mant}e{sign}{int(exp.lstrip('+-')):02d}"
    return text
