"""Jekyll 4.3.1's Liquid filters (and the Ruby Liquid 5.4 ones python-liquid gets wrong), as
plain functions.

Written once, used twice: the Liquid engine (``blogtool.liquid``) registers thin wrappers that
read the site's settings, and the Jinja2 theme can register the same functions. Every function
takes its settings explicitly (``baseurl``, ``zone``...) so that it stays pure and picklable.

The semantics are Jekyll's, checked against a real ``jekyll build`` (see tests/test_filters.py):
``where`` compares as strings and matches inside arrays, ``sort`` puts nils first and compares
numeric-looking strings as numbers, date filters read strings in the site's zone, output of
hashes is Ruby's ``inspect``.
"""
from __future__ import annotations

import datetime as _dt
import functools
import html
import json
import math
import random
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

from blogtool.timeutil import RubyTime, parse_date_string

# --- Ruby value printing ---------------------------------------------------------------------


def _ruby_float(value: float) -> str:
    """``Float#to_s``: ``1.0``, ``1.0e+20``, ``Infinity``."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    if "e" in text:
        mantissa, exp = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        sign = exp[0] if exp[0] in "+-" else "+"
        digits = exp.lstrip("+-").rjust(2, "0")
        return f"{mantissa}e{sign}{digits}"
    return text


def _ruby_str_inspect(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "#":
            out.append("#")
        elif ord(ch) < 32:
            out.append(f"\\x{ord(ch):02X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def ruby_inspect(value: Any, _seen: frozenset[int] = frozenset()) -> str:
    """Ruby 3.1's ``inspect``: ``{"a"=>1, "l"=>[1, nil, true]}``; an element that contains
    itself prints as ``{...}`` / ``[...]`` (posts reach each other through previous/next)."""
    if value is None or _is_undefined(value):
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _ruby_str_inspect(value)
    if isinstance(value, float):
        return _ruby_float(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Mapping):
        if id(value) in _seen:
            return "{...}"
        seen = _seen | {id(value)}
        return "{" + ", ".join(f"{ruby_inspect(k, seen)}=>{ruby_inspect(v, seen)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        if id(value) in _seen:
            return "[...]"
        seen = _seen | {id(value)}
        return "[" + ", ".join(ruby_inspect(v, seen) for v in value) + "]"
    if isinstance(value, _dt.datetime):
        return str(RubyTime.wrap(value)) if value.tzinfo else str(value)
    if isinstance(value, _dt.date):
        return f"#<Date: {value.isoformat()}>"
    return str(value)


def join(value: Any, separator: Any = " ") -> Any:
    """Liquid's ``join`` with Ruby's ``to_s`` of each item (``true``, not ``True``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not isinstance(value, (list, tuple)):
        return to_ruby_string(value)
    return to_ruby_string(separator).join(to_ruby_string(v) for v in value)


def to_ruby_string(value: Any) -> str:
    """How Ruby Liquid prints a value: arrays joined without separator (recursively), nil
    empty, hashes as ``inspect``, times as ``2014-10-13 00:00:00 +0000``."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _ruby_float(value)
    if isinstance(value, (list, tuple)):
        return "".join(to_ruby_string(v) for v in value)
    if isinstance(value, Mapping):
        if _is_undefined(value):
            return ""
        return ruby_inspect(value)
    if isinstance(value, _dt.datetime) and value.tzinfo is not None:
        return str(RubyTime.wrap(value))
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    return str(value)


def ruby_to_s(value: Any) -> str:
    """Ruby's ``to_s``, which filters apply: like :func:`to_ruby_string` except that arrays
    and hashes are ``inspect``ed (``[1, 2]``), not joined."""
    if isinstance(value, (list, tuple, Mapping)) and not _is_undefined(value):
        return ruby_inspect(value)
    return to_ruby_string(value)


def _is_undefined(value: Any) -> bool:
    return type(value).__name__.endswith("Undefined") and hasattr(value, "poke")


def _liquid_url(value: Any) -> Any:
    """Jekyll uses ``input.url`` when the input responds to ``url`` (documents, pages)."""
    if isinstance(value, Mapping) and "url" in value:
        return value["url"]
    return value


# --- URL filters -----------------------------------------------------------------------------

_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_URL_SAFE = "/!$&'()*+,;=:@-._~?#%[]"


_QUERY_OR_FRAGMENT = re.compile(r"[?#]")


def _remove_dot_segments(path: str) -> str:
    out: list[str] = []
    parts = path.split("/")
    for i, seg in enumerate(parts):
        last = i == len(parts) - 1
        if seg in (".", ".."):
            if seg == ".." and len(out) > 1:
                out.pop()
            if last:
                out.append("")
            continue
        out.append(seg)
    return "/".join(out)


def _normalize_url(url: str) -> str:
    """Addressable's ``normalize``: dot segments removed from the path, non-ASCII and spaces
    percent-encoded, existing escapes kept."""
    m = _QUERY_OR_FRAGMENT.search(url)
    path, rest = (url[: m.start()], url[m.start():]) if m else (url, "")
    return quote(_remove_dot_segments(path), safe=_URL_SAFE) + quote(rest, safe=_URL_SAFE)


def _ensure_leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def relative_url(value: Any, baseurl: str | None = "") -> str | None:
    """``baseurl`` + input with a leading ``/``, URI-normalized; absolute URLs unchanged."""
    if value is None:
        return None
    value = _liquid_url(value)
    text = to_ruby_string(value)
    if _ABSOLUTE.match(text):
        return text
    base = "" if baseurl is None else str(baseurl)
    base = base[:-1] if base.endswith("/") else base
    return _normalize_url(_ensure_leading_slash(base) + _ensure_leading_slash(text))


def absolute_url(value: Any, url: str | None = "", baseurl: str | None = "") -> str | None:
    """``url`` + ``relative_url``; just ``relative_url`` when the site has no ``url``."""
    rel = relative_url(value, baseurl)
    if rel is None or _ABSOLUTE.match(rel):   # nil, or already absolute: unchanged
        return rel
    if not url:
        return rel
    return _normalize_url(str(url) + rel)


_INDEX = re.compile(r"/index\.html?$")


def strip_index(value: Any) -> Any:
    if value is None or to_ruby_string(value) == "":
        return None
    return _INDEX.sub("/", str(value), count=1)


# --- dates -----------------------------------------------------------------------------------


def to_time(value: Any, zone: _dt.tzinfo) -> RubyTime | None:
    """Liquid's ``Utils.to_date`` then ``localtime`` in the site zone; None when unreadable."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        return RubyTime.wrap(value.astimezone(zone))
    if isinstance(value, _dt.date):
        return RubyTime(value.year, value.month, value.day, tzinfo=zone)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return None   # Liquid's to_date: only integers and digit strings are epoch seconds
    if isinstance(value, int):
        return RubyTime.wrap(_dt.datetime.fromtimestamp(value, zone))
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().lower()
    if text in ("now", "today"):
        return RubyTime.wrap(_dt.datetime.now(zone))
    if text.isdigit():
        return RubyTime.wrap(_dt.datetime.fromtimestamp(int(text), zone))
    try:
        return parse_date_string(value, zone)
    except ValueError:
        pass
    return None


_STRFTIME = re.compile(r"%([-_0^#]*)(\d*)(:{0,2}z|[A-Za-z%+])")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _offset(t: _dt.datetime, sep: str) -> str:
    off = t.utcoffset() or _dt.timedelta(0)
    sign = "-" if off < _dt.timedelta(0) else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}{sep}{minutes % 60:02d}"


def _pad(number: int, width: int, flags: str, default_pad: str = "0") -> str:
    if "-" in flags:
        return str(number)
    pad = "_" if "_" in flags else ("0" if "0" in flags else default_pad)
    return str(number).rjust(width, " " if pad == "_" or pad == " " else "0")


def ruby_strftime(t: _dt.datetime, fmt: str) -> str:
    """Ruby's ``Time#strftime`` (English names; ``%-d``, ``%e``, ``%j``, ``%L``, ``%N``,
    ``%:z``, ``%s``, ``%^B`` ...), independent of the machine's locale."""

    def one(m: re.Match) -> str:
        flags, width, conv = m.group(1), m.group(2), m.group(3)
        w = int(width) if width else None
        upper = "^" in flags or "#" in flags
        text: str
        if conv == "Y":
            text = str(t.year) if w is None else _pad(t.year, w, flags)
        elif conv == "C":
            text = _pad(t.year // 100, w or 2, flags)
        elif conv == "y":
            text = _pad(t.year % 100, w or 2, flags)
        elif conv == "m":
            text = _pad(t.month, w or 2, flags)
        elif conv == "d":
            text = _pad(t.day, w or 2, flags)
        elif conv == "e":
            text = _pad(t.day, w or 2, flags, " ")
        elif conv == "j":
            text = _pad(t.timetuple().tm_yday, w or 3, flags)
        elif conv == "H":
            text = _pad(t.hour, w or 2, flags)
        elif conv == "k":
            text = _pad(t.hour, w or 2, flags, " ")
        elif conv == "I":
            text = _pad((t.hour % 12) or 12, w or 2, flags)
        elif conv == "l":
            text = _pad((t.hour % 12) or 12, w or 2, flags, " ")
        elif conv == "M":
            text = _pad(t.minute, w or 2, flags)
        elif conv == "S":
            text = _pad(t.second, w or 2, flags)
        elif conv == "L":
            digits = w or 3
            text = f"{t.microsecond:06d}000"[:digits].ljust(digits, "0")
        elif conv == "N":
            digits = w or 9
            text = f"{t.microsecond:06d}000"[:digits].ljust(digits, "0")
        elif conv == "z":
            text = _offset(t, "")
        elif conv == ":z":
            text = _offset(t, ":")
        elif conv == "::z":
            text = _offset(t, ":") + ":00"
        elif conv == "Z":
            text = t.tzname() or ""
        elif conv == "A":
            text = _DAYS[t.weekday()]
        elif conv == "a":
            text = _DAYS[t.weekday()][:3]
        elif conv == "B":
            text = _MONTHS[t.month - 1]
        elif conv in ("b", "h"):
            text = _MONTHS[t.month - 1][:3]
        elif conv == "p":
            text = "AM" if t.hour < 12 else "PM"
            if "#" in flags:
                return text.lower()
        elif conv == "P":
            text = "am" if t.hour < 12 else "pm"
        elif conv == "s":
            text = str(int(t.timestamp()))
        elif conv == "%":
            text = "%"
        elif conv == "F":
            text = f"{t.year:04d}-{t.month:02d}-{t.day:02d}"
        elif conv == "T" or conv == "X":
            text = f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}"
        elif conv == "R":
            text = f"{t.hour:02d}:{t.minute:02d}"
        elif conv == "D" or conv == "x":
            text = f"{t.month:02d}/{t.day:02d}/{t.year % 100:02d}"
        elif conv == "c":
            text = ruby_strftime(t, "%a %b %e %H:%M:%S %Y")
        elif conv == "r":
            text = ruby_strftime(t, "%I:%M:%S %p")
        elif conv == "u":
            text = str(t.isoweekday())
        elif conv == "w":
            text = str(t.isoweekday() % 7)
        elif conv in ("U", "W", "V", "G", "g"):
            text = t.strftime("%" + conv)
            if "-" in flags:
                text = text.lstrip("0") or "0"
        elif conv == "n":
            text = "\n"
        elif conv == "t":
            text = "\t"
        elif conv == "+":
            text = ruby_strftime(t, "%a %b %e %H:%M:%S %Z %Y")
        else:
            return m.group(0)
        if w is not None and conv in ("A", "a", "B", "b", "h", "Z", "p", "P"):
            text = text.rjust(w)
        return text.upper() if upper else text

    return _STRFTIME.sub(one, fmt)


def date(value: Any, fmt: Any, zone: _dt.tzinfo) -> Any:
    """Liquid's ``date``: input unchanged when the format is empty or the input unreadable."""
    if fmt is None or ruby_to_s(fmt) == "":
        return value
    t = to_time(value, zone) if not isinstance(value, _dt.datetime) else (
        value if value.tzinfo else value.replace(tzinfo=zone))
    if t is None:
        return value
    return ruby_strftime(t, ruby_to_s(fmt))


class InvalidDate(ValueError):
    """Jekyll stops the build on ``Invalid Date: '...' is not a valid datetime.``"""


def _jekyll_time(value: Any, zone: _dt.tzinfo) -> RubyTime:
    t = to_time(value, zone)
    if t is None:
        raise InvalidDate(f"Invalid Date: '{ruby_inspect(value)}' is not a valid datetime.")
    return t


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _stringify_date(value: Any, month: str, kind: Any, style: Any, zone: _dt.tzinfo) -> Any:
    if ruby_to_s(value) == "":
        return value
    t = _jekyll_time(value, zone)
    if kind == "ordinal":
        day = f"{t.day}{_ordinal(t.day)}"
        if style == "US":
            return ruby_strftime(t, f"{month} {day}, %Y")
        return ruby_strftime(t, f"{day} {month} %Y")
    return ruby_strftime(t, f"%d {month} %Y")


def date_to_string(value: Any, kind: Any = None, style: Any = None, *,
                   zone: _dt.tzinfo = _dt.UTC) -> Any:
    """``14 Oct 2014``; ``ordinal`` -> ``14th Oct 2014``; ``ordinal, US`` -> ``Oct 14th, 2014``."""
    return _stringify_date(value, "%b", kind, style, zone)


def date_to_long_string(value: Any, kind: Any = None, style: Any = None, *,
                        zone: _dt.tzinfo = _dt.UTC) -> Any:
    return _stringify_date(value, "%B", kind, style, zone)


def date_to_xmlschema(value: Any, *, zone: _dt.tzinfo = _dt.UTC) -> Any:
    """``2014-10-14T00:00:00+00:00`` (Ruby ``Time#xmlschema``)."""
    if ruby_to_s(value) == "":
        return value
    return ruby_strftime(_jekyll_time(value, zone), "%Y-%m-%dT%H:%M:%S%:z")


def date_to_rfc822(value: Any, *, zone: _dt.tzinfo = _dt.UTC) -> Any:
    """``Tue, 14 Oct 2014 00:00:00 +0000``."""
    if ruby_to_s(value) == "":
        return value
    return ruby_strftime(_jekyll_time(value, zone), "%a, %d %b %Y %H:%M:%S %z")


# --- strings ---------------------------------------------------------------------------------

_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"})


def xml_escape(value: Any) -> str:
    return to_ruby_string(value).translate(_XML)


def cgi_escape(value: Any) -> str:
    """Form encoding: space -> ``+``, everything but ``*-._`` and alphanumerics encoded."""
    return quote_plus(to_ruby_string(value), safe="*")


_URI_COMPONENT_SAFE = "!$&'()*+,;=:@/?#[]-._~%"


def uri_escape(value: Any) -> str:
    """Addressable ``normalize_component``: reserved characters kept, the rest encoded."""
    return quote(to_ruby_string(value), safe=_URI_COMPONENT_SAFE)


_WS = re.compile(r"\s+")


def normalize_whitespace(value: Any) -> str:
    return _WS.sub(" ", to_ruby_string(value)).strip()


def slugify(value: Any, mode: Any = None) -> str:
    from blogtool.urls import slugify as _slugify
    return _slugify(None if value is None else to_ruby_string(value),
                    None if mode is None else str(mode))


def number_of_words(value: Any, mode: Any = None) -> int:
    from blogtool.markup.text import number_of_words as _count
    return _count(to_ruby_string(value), None if mode is None else str(mode))


def array_to_sentence_string(array: Any, connector: Any = "and") -> str:
    items = list(array) if isinstance(array, (list, tuple)) else [array]
    items = [to_ruby_string(i) for i in items]
    conn = to_ruby_string(connector)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conn} {items[1]}"
    return f"{', '.join(items[:-1])}, {conn} {items[-1]}"


def inspect(value: Any) -> str:
    return xml_escape(ruby_inspect(value))


def to_integer(value: Any) -> int:
    """``"12"`` -> 12, ``true`` -> 1; Ruby's ``to_i`` reads the leading digits."""
    if value is True:
        return 1
    if value is False or value is None:
        return 0
    if isinstance(value, (int, float)):
        return int(value)
    m = re.match(r"\s*([-+]?\d+)", to_ruby_string(value).replace("_", ""))
    return int(m.group(1)) if m else 0


# --- smartify (kramdown's SmartyPants parser) ------------------------------------------------

_SMART_TAG = re.compile(
    r"(<!--.*?-->|</[A-Za-z][A-Za-z0-9-]*\s*>|<[A-Za-z][A-Za-z0-9-]*"
    r"(?:\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>)", re.S)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);")
# kramdown's typographic symbols, longest first as kramdown lists them
_TYPO = re.compile(r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>")
_TYPO_OUT = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "\\<<": "&lt;&lt;",
             "\\>>": "&gt;&gt;", "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab",
             ">>": "\u00bb"}
# kramdown's smart quote rules (parser/kramdown/smart_quotes.rb), tried in order where a quote
# or the character before one starts
_SQ_PUNCT = r"[!\"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"
_SQ_CLOSE = r"[^ \\\t\r\n\[{(-]"
_W = r"[A-Za-z0-9_]"
_SQ_RULES: tuple[tuple[re.Pattern[str], tuple], ...] = tuple(
    (re.compile(pattern, re.M | re.S), subst) for pattern, subst in (
        (r"(\"|')(?=[_*]{1,2}\S)", ("lquote", 1)),
        (rf"(\"|')(?={_SQ_PUNCT}(?!\.\.)\B)", ("rquote", 1)),
        (rf"([ \t\n\v\f\r]?)\"'(?={_W})", (1, "\u201c", "\u2018")),
        (rf"([ \t\n\v\f\r]?)'\"(?={_W})", (1, "\u2018", "\u201c")),
        (r"([ \t\n\v\f\r]?)'(?=[0-9][0-9]s)", (1, "\u2019")),
        (rf"([ \t\n\v\f\r])('|\")(?={_W})", (1, ("lquote", 2))),
        (rf"({_SQ_CLOSE})('|\")", (1, ("rquote", 2))),
        (r"(\"|')(?=[ \t\n\v\f\r]|s\b|$)", ("rquote", 1)),
        (r"(.?)'", (1, "\u2018")),
        (r'(.?)"', (1, "\u201c")),
    ))
_QUOTE_CHARS = {("lquote", '"'): "\u201c", ("lquote", "'"): "\u2018",
                ("rquote", '"'): "\u201d", ("rquote", "'"): "\u2019"}


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _smart_quote(text: str, pos: int) -> tuple[str, int]:
    """Apply the first smart quote rule matching at ``pos``: output and the new position."""
    for rule, subst in _SQ_RULES:
        m = rule.match(text, pos)
        if not m:
            continue
        out = []
        items = subst if isinstance(subst[0], int) else (subst,)
        for item in items:
            if isinstance(item, int):
                out.append(_escape_text(m.group(item)))
            elif isinstance(item, tuple):
                out.append(_QUOTE_CHARS[(item[0], m.group(item[1]))])
            else:
                out.append(item)
        return "".join(out), m.end()
    return _escape_text(text[pos]), pos + 1


def _smart_text(text: str) -> str:
    """kramdown's SmartyPants parser: smart quotes, entities, typographic symbols and HTML
    tags are elements, tried in that order; kramdown looks for the next place one can start, and a
    quote's rule may start one character earlier (``[^\\]?["']``)."""
    out: list[str] = []
    open_tags: list[str] = []
    i, n = 0, len(text)
    plain = i
    while i < n:
        ch = text[i]
        quote_next = i + 1 < n and text[i + 1] in "\"'" and ch != "\\"
        if ch in "\"'" or quote_next:
            out.append(_escape_text(text[plain:i]))
            piece, i = _smart_quote(text, i)
            out.append(piece)
            plain = i
            continue
        m = _ENTITY.match(text, i) if ch == "&" else None
        if m:
            out.append(_escape_text(text[plain:i]) + m.group(0))
            i = plain = m.end()
            continue
        m = _TYPO.match(text, i)
        if m:
            out.append(_escape_text(text[plain:i]) + _TYPO_OUT[m.group(0)])
            i = plain = m.end()
            continue
        m = _SMART_TAG.match(text, i) if ch == "<" else None
        if m:   # an HTML tag: kramdown's HTML span element
            tag = _html_tag(m.group(0), open_tags)
            if tag is not None:
                out.append(_escape_text(text[plain:i]) + tag)
                i = plain = m.end()
                continue
        i += 1
    out.append(_escape_text(text[plain:]))
    if open_tags:   # kramdown closes the elements left open
        out.append("\n" + "".join(f"</{name}>" for name in reversed(open_tags)))
    return "".join(out)


_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"])
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def _html_tag(tag: str, open_tags: list[str]) -> str | None:
    """How kramdown writes an HTML tag back: void elements as ``<br />``, a closing tag only
    when it closes the innermost open element (else None: it is text)."""
    if tag.startswith("<!--"):
        return tag
    m = _TAG_NAME.match(tag)
    name = m.group(1).lower() if m else ""
    if tag.startswith("</"):
        if open_tags and open_tags[-1] == name:
            open_tags.pop()
            return tag
        return None
    if name in _VOID:
        return tag[:-1].rstrip().rstrip("/").rstrip() + " />"
    if not tag.endswith("/>"):
        open_tags.append(name)
    return tag


def smartify(value: Any) -> str:
    """kramdown's SmartyPants (Jekyll's ``smartify``): quotes, dashes, ellipses, guillemets;
    HTML tags and entities pass through, other ``&``, ``<`` and ``>`` are escaped."""
    return _smart_text(to_ruby_string(value))


# --- markdownify / sass ----------------------------------------------------------------------


def markdownify(value: Any, options: Any = None) -> str:
    from blogtool.markup.markdown import render_markdown
    return render_markdown(to_ruby_string(value), options)


def sassify(value: Any, *, scss: bool = False) -> str:
    """Compile Sass/SCSS with libsass (Jekyll: ``style: expanded``-like output)."""
    import sass  # libsass
    return sass.compile(string=to_ruby_string(value), indented=not scss,
                        output_style="expanded").rstrip("\n") + "\n"


# --- JSON ------------------------------------------------------------------------------------

_NESTED_BLACKLIST = ("content", "output", "excerpt", "next", "previous")


def _is_document(value: Any) -> bool:
    return isinstance(value, Mapping) and "relative_path" in value and "collection" in value


def as_json_value(value: Any, depth: int = 0) -> Any:
    """Plain JSON data the way Jekyll's ``to_json`` sees drops: documents nested two levels
    deep lose ``content``, ``excerpt``, ``next`` and ``previous`` (no endless chains)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if _is_undefined(value):
        return None
    if isinstance(value, Mapping):
        items = dict(value.items())
        if _is_document(value) and depth >= 2:
            for key in ("previous", "next"):
                if isinstance(items.get(key), Mapping):
                    items[key] = {k: v for k, v in items[key].items() if k not in _NESTED_BLACKLIST}
        return {str(k): as_json_value(v, depth + 1) for k, v in items.items()}
    if isinstance(value, (list, tuple)):
        return [as_json_value(v, depth + 1) for v in value]
    if isinstance(value, _dt.datetime):
        return to_ruby_string(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return to_ruby_string(value)


def jsonify(value: Any) -> str:
    """Ruby's ``to_json``: compact, non-ASCII kept, ``</`` not escaped."""
    return json.dumps(as_json_value(value), ensure_ascii=False, separators=(",", ":"))


# --- arrays ----------------------------------------------------------------------------------

_INTEGER_LIKE = re.compile(r"\A\s*-?\d+\s*\Z")
_FLOAT_LIKE = re.compile(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\Z")


def parse_sort_input(value: Any) -> Any:
    """Numeric-looking values compare as numbers (Jekyll's ``parse_sort_input``)."""
    if isinstance(value, bool) or value is None:
        return value
    text = to_ruby_string(value) if not isinstance(value, (Mapping, list, tuple)) else ""
    if _INTEGER_LIKE.match(text):
        return int(text)
    if _FLOAT_LIKE.match(text):
        return float(text)
    return value


def _get(item: Any, key: str) -> Any:
    if isinstance(item, Mapping):
        value = item.get(key)
        return None if _is_undefined(value) else value
    if isinstance(item, (list, tuple)) and key.lstrip("-").isdigit():
        try:
            return item[int(key)]
        except IndexError:
            return None
    return None


def item_property(item: Any, prop: Any) -> Any:
    """``item[prop]`` with dotted paths, then numeric-looking strings made numbers."""
    key = to_ruby_string(prop)
    if "." in key:
        value: Any = item
        for part in key.split("."):
            value = _get(value, part)
            if value is None:
                break
    else:
        value = _get(item, key)
    return parse_sort_input(value)


def compare_property_vs_target(prop: Any, target: Any) -> bool:
    if target is None:
        return prop is None
    target_s = to_ruby_string(target)
    if isinstance(prop, str):
        return prop == target_s
    props = prop if isinstance(prop, (list, tuple)) else ([] if prop is None else [prop])
    return any(to_ruby_string(p) == target_s for p in props)


def _as_list(value: Any) -> list | None:
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    return None


def _matches(input: Any, prop: Any, value: Any) -> Iterator[Any] | None:
    """Items whose ``prop`` equals ``value`` as strings (any element of an array property);
    None when Jekyll returns the input unchanged (no property, an array value, no list)."""
    if not prop or isinstance(value, (list, tuple, Mapping)) and not _is_undefined(value):
        return None
    items = _as_list(input)
    if items is None:
        return None
    if _is_undefined(value):
        value = None
    return (i for i in items if compare_property_vs_target(item_property(i, prop), value))


def where(input: Any, prop: Any, value: Any) -> Any:
    """Items whose ``prop`` equals ``value`` as strings (any element of an array property)."""
    found = _matches(input, prop, value)
    return input if found is None else list(found)


def find(input: Any, prop: Any, value: Any) -> Any:
    found = _matches(input, prop, value)
    return input if found is None else next(found, None)


def group_by(input: Any, prop: Any) -> Any:
    """``[{"name", "items", "size"}]`` in first-seen order; names stringified."""
    items = _as_list(input)
    if items is None:
        return input
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(to_ruby_string(item_property(item, prop)), []).append(item)
    return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]


def group_by_key(items: Iterable[Any], key: Callable[[Any], Any]) -> list[dict]:
    """``group_by_exp``'s grouping, the key computed by the caller (a Liquid expression)."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(to_ruby_string(key(item)), []).append(item)
    return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]


class SortError(ValueError):
    """Jekyll stops on sorting values of different types or an unknown ``nils`` order."""


def _cmp(a: Any, b: Any) -> int | None:
    """Ruby's ``<=>``: None when the values are not comparable."""
    num = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        return 0 if a == b else None
    if isinstance(a, num) and isinstance(b, num):
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        for x, y in zip(a, b, strict=False):
            c = _cmp(x, y)
            if c != 0:
                return c
        return (len(a) > len(b)) - (len(a) < len(b))
    if isinstance(a, _dt.date) and isinstance(b, _dt.date):
        try:
            return (a > b) - (a < b)
        except TypeError:
            return None
    return None


def _stable_sort(items: list, compare: Callable[[Any, Any], int]) -> list:
    import functools
    return sorted(items, key=functools.cmp_to_key(compare))


def sort(input: Any, prop: Any = None, nils: Any = "first") -> list:
    """Jekyll's ``sort``: plain, or by property with nils ``first`` (default) or ``last``."""
    if input is None or _is_undefined(input):
        raise SortError("Cannot sort a null object.")
    if isinstance(input, Mapping):  # Ruby's Hash#sort: [key, value] pairs
        items: list | None = [[k, v] for k, v in input.items()]
    else:
        items = _as_list(input)
    if items is None:
        items = [input]
    if prop is None or _is_undefined(prop):
        def plain(a: Any, b: Any) -> int:
            c = _cmp(a, b)
            if c is None:
                raise SortError(f"comparison of {_ruby_class(a)} with {_ruby_class(b)} failed")
            return c
        return _stable_sort(items, plain)
    if nils == "first":
        order = -1
    elif nils == "last":
        order = 1
    else:
        raise SortError(f"Invalid nils order: '{to_ruby_string(nils)}' is not a valid nils order. "
                        "It must be 'first' or 'last'.")
    keyed = [(item_property(i, prop), i) for i in items]

    def by_prop(a: tuple, b: tuple) -> int:
        x, y = a[0], b[0]
        if x is not None and y is None:
            return -order
        if x is None and y is not None:
            return order
        c = _cmp(x, y)
        if c is None:
            xs, ys = to_ruby_string(x), to_ruby_string(y)
            return (xs > ys) - (xs < ys)
        return c
    return [i for _, i in _stable_sort(keyed, by_prop)]


def _ruby_class(value: Any) -> str:
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return "String"
    if isinstance(value, Mapping):
        return "Hash"
    if isinstance(value, (list, tuple)):
        return "Array"
    return type(value).__name__


def liquid_sort(input: Any, prop: Any = None) -> list:
    """Ruby Liquid 5.4's ``sort`` semantics for comparisons with nil: nils last."""
    return sort(input, prop, "last")


def push(array: Any, value: Any) -> Any:
    if not isinstance(array, (list, tuple)):
        return array
    return [*array, value]


def unshift(array: Any, value: Any) -> Any:
    if not isinstance(array, (list, tuple)):
        return array
    return [value, *array]


def pop(array: Any, num: Any = 1) -> Any:
    if not isinstance(array, (list, tuple)):
        return array
    n = max(0, to_integer(num))
    return list(array[: len(array) - n]) if n else list(array)


def shift(array: Any, num: Any = 1) -> Any:
    if not isinstance(array, (list, tuple)):
        return array
    n = max(0, to_integer(num))
    return list(array[n:])


def sample(input: Any, num: Any = 1, rng: random.Random | None = None) -> Any:
    if not isinstance(input, (list, tuple)):
        return input
    r = rng or random
    n = to_integer(num)
    if n == 1:
        return r.choice(input) if input else None
    return r.sample(list(input), min(max(n, 0), len(input)))


def escape_html(value: Any) -> str:
    """Liquid's ``escape`` (``'`` -> ``&#39;``)."""
    return html.escape(to_ruby_string(value), quote=True).replace("&#x27;", "&#39;")


__all__ = [
    "absolute_url", "array_to_sentence_string", "cgi_escape", "date", "date_to_long_string",
    "date_to_rfc822", "date_to_string", "date_to_xmlschema", "find", "group_by", "group_by_key",
    "inspect", "jsonify", "markdownify", "normalize_whitespace", "number_of_words", "pop",
    "push", "relative_url", "ruby_inspect", "ruby_strftime", "sample", "sassify", "shift",
    "slugify", "smartify", "sort", "strip_index", "to_integer", "to_ruby_string", "to_time",
    "unshift", "uri_escape", "where", "xml_escape",
]


# --- the registry both template engines use ------------------------------------------------------

#: Jekyll filters that need no site settings; each engine only wraps them for its own values.
PLAIN: dict[str, Callable[..., Any]] = {
    "strip_index": strip_index, "xml_escape": xml_escape, "cgi_escape": cgi_escape,
    "uri_escape": uri_escape, "normalize_whitespace": normalize_whitespace,
    "slugify": slugify, "number_of_words": number_of_words,
    "array_to_sentence_string": array_to_sentence_string, "jsonify": jsonify,
    "inspect": inspect, "to_integer": to_integer, "smartify": smartify, "sassify": sassify,
    "scssify": functools.partial(sassify, scss=True), "where": where, "find": find,
    "group_by": group_by, "sort": sort, "push": push, "pop": pop, "shift": shift,
    "unshift": unshift, "sample": sample, "join": join,
}

#: Jekyll's date filters: they also take the site's time zone (keyword ``zone``).
ZONED: dict[str, Callable[..., Any]] = {
    "date_to_string": date_to_string, "date_to_long_string": date_to_long_string,
    "date_to_xmlschema": date_to_xmlschema, "date_to_rfc822": date_to_rfc822,
}

