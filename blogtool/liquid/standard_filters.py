"""Ruby Liquid 5.4's standard filters with Ruby's semantics: ``to_s`` of arrays and hashes is
``inspect``, nil is ``""``, numbers go through ``Utils.to_number`` (floats as BigDecimal, so
``0.1 | plus: 0.2`` is ``0.3``), ``split`` is ``String#split``, strings are sliced by
characters, and a filter given the wrong type raises what Ruby raises (Jekyll stops)."""
from __future__ import annotations

import base64
import binascii
import decimal
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import quote_plus, unquote_to_bytes

from blogtool.filters import _ruby_float, ruby_to_s

from .rubyexpr import RubyArgumentError, ruby_eq, strip, to_integer

_CTX = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_UP)
_RUBY_WS = " \t\n\v\f\r"


to_s = ruby_to_s


def _error(message: str) -> RubyArgumentError:
    return RubyArgumentError(f"Liquid error: {message}", token=None)


# --- numbers ---------------------------------------------------------------------------------

_DECIMAL_STRING = re.compile(r"\A-?[0-9]+\.[0-9]+\Z")


def _to_i(text: str) -> int:
    m = re.match(r"[ \t\n\v\f\r]*([-+]?[0-9]+(?:_[0-9]+)*)", text)
    return int(m.group(1).replace("_", "")) if m else 0


def to_number(obj: Any) -> int | Decimal:
    """``Utils.to_number``: floats and decimal strings as BigDecimal, other strings
    ``to_i``, anything else 0."""
    if isinstance(obj, bool) or obj is None:
        return 0
    if isinstance(obj, float):
        if math.isnan(obj) or math.isinf(obj):
            raise _error("FloatDomainError")
        return Decimal(_ruby_float(obj))
    if isinstance(obj, (int, Decimal)):
        return obj
    if isinstance(obj, str):
        text = strip(obj)
        if _DECIMAL_STRING.match(text):
            return Decimal(text)
        return _to_i(obj)
    return 0


def _out(result: Any) -> Any:
    return float(result) if isinstance(result, Decimal) else result


def _operate(a: Any, b: Any, op: str) -> Any:
    x, y = to_number(a), to_number(b)
    if op == "+":
        return _out(_CTX.add(x, y) if isinstance(x, Decimal) or isinstance(y, Decimal) else x + y)
    if op == "-":
        return _out(_CTX.subtract(x, y) if isinstance(x, Decimal) or isinstance(y, Decimal)
                    else x - y)
    if op == "*":
        return _out(_CTX.multiply(x, y) if isinstance(x, Decimal) or isinstance(y, Decimal)
                    else x * y)
    if y == 0:
        raise _error("divided by 0")
    if isinstance(x, int) and isinstance(y, int):
        return x // y if op == "/" else x % y
    dx, dy = Decimal(x), Decimal(y)
    if op == "/":
        return _out(_CTX.divide(dx, dy))
    quotient = _CTX.divide(dx, dy).to_integral_value(rounding=decimal.ROUND_FLOOR)
    return _out(_CTX.subtract(dx, _CTX.multiply(dy, quotient)))


def plus(a: Any, b: Any) -> Any:
    return _operate(a, b, "+")


def minus(a: Any, b: Any) -> Any:
    return _operate(a, b, "-")


def times(a: Any, b: Any) -> Any:
    return _operate(a, b, "*")


def divided_by(a: Any, b: Any) -> Any:
    return _operate(a, b, "/")


def modulo(a: Any, b: Any) -> Any:
    return _operate(a, b, "%")


def abs_(a: Any) -> Any:
    return _out(abs(to_number(a)))


def _round_int(value: int, digits: int) -> int:
    if digits >= 0:
        return value
    unit = 10 ** -digits
    q, r = divmod(abs(value), unit)
    if r * 2 >= unit:
        q += 1
    return (q * unit) * (1 if value >= 0 else -1)


def round_(a: Any, n: Any = 0) -> Any:
    x, digits = to_number(a), to_number(n)
    if isinstance(digits, Decimal):
        digits = int(digits)
    if isinstance(x, int):
        result: Any = _round_int(x, digits)
    else:
        result = float(x.quantize(Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)) \
            if digits > -400 else 0.0
    if isinstance(n, int) and not isinstance(n, bool) and n == 0:
        result = int(result)
    return result


def ceil(a: Any) -> int:
    return int(math.ceil(to_number(a)))


def floor(a: Any) -> int:
    return int(math.floor(to_number(a)))


def at_least(a: Any, n: Any) -> Any:
    lo, x = to_number(n), to_number(a)
    return _out(lo if lo > x else x)


def at_most(a: Any, n: Any) -> Any:
    hi, x = to_number(n), to_number(a)
    return _out(hi if hi < x else x)


# --- strings ---------------------------------------------------------------------------------


def downcase(a: Any) -> str:
    return to_s(a).lower()


def upcase(a: Any) -> str:
    return to_s(a).upper()


def capitalize(a: Any) -> str:
    text = to_s(a)
    return text[:1].upper() + text[1:].lower()


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_HTML_RE = re.compile(r"[&<>\"']")
_ESCAPE_ONCE = re.compile(r"[\"><']|&(?!([a-zA-Z]+|(#[0-9]+));)")


def escape(a: Any) -> str | None:
    if a is None:
        return None
    return _HTML_RE.sub(lambda m: _HTML[m.group(0)], to_s(a))


def escape_once(a: Any) -> str:
    return _ESCAPE_ONCE.sub(lambda m: _HTML[m.group(0)[0]], to_s(a))


def url_encode(a: Any) -> str | None:
    if a is None:
        return None
    return quote_plus(to_s(a), safe="")


def url_decode(a: Any) -> str | None:
    if a is None:
        return None
    text = to_s(a).replace("+", " ")
    raw = re.sub(r"%([0-9a-fA-F]{2})", lambda m: "%" + m.group(1), text)
    data = unquote_to_bytes(raw)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _error("invalid byte sequence in UTF-8") from None


def base64_encode(a: Any) -> str:
    return base64.b64encode(to_s(a).encode("utf-8")).decode("ascii")


def base64_decode(a: Any) -> str:
    try:
        return base64.b64decode(to_s(a), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        raise _error("invalid base64 provided to base64_decode") from None


_URL_SAFE = str.maketrans("-_", "+/")


def base64_url_safe_encode(a: Any) -> str:
    return base64.urlsafe_b64encode(to_s(a).encode("utf-8")).decode("ascii")


def base64_url_safe_decode(a: Any) -> str:
    text = to_s(a)
    if not text.endswith("=") and len(text) % 4:
        text += "=" * (4 - len(text) % 4)
    try:
        return base64.b64decode(text.translate(_URL_SAFE), validate=True).decode("utf-8",
                                                                                 "replace")
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise _error("invalid base64 provided to base64_url_safe_decode") from None


def _ruby_slice(seq: Any, start: int, length: int) -> Any:
    size = len(seq)
    if start < 0:
        start += size
        if start < 0:
            return None
    if start > size or length < 0:
        return None
    return seq[start:start + length]


def slice_(a: Any, offset: Any, length: Any = None) -> Any:
    start = to_integer(offset)
    count = to_integer(length) if length is not None else 1
    if isinstance(a, list):
        out = _ruby_slice(a, start, count)
        return [] if out is None else out
    out = _ruby_slice(to_s(a), start, count)
    return "" if out is None else out


def truncate(a: Any, length: Any = 50, ellipsis: Any = "...") -> Any:
    if a is None:
        return None
    text = to_s(a)
    n = to_integer(length)
    end = to_s(ellipsis)
    keep = max(n - len(end), 0)
    return text[:keep] + end if len(text) > n else text


def awk_split(text: str, limit: int = 0) -> list[str]:
    """``String#split(" ", limit)``: runs of ASCII whitespace, leading ones ignored."""
    out: list[str] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in _RUBY_WS + "\0" and (text[i] != "\0"):
            i += 1
        if i >= n:
            break
        if limit > 0 and len(out) == limit - 1:
            out.append(text[i:])
            break
        j = i
        while j < n and text[j] not in _RUBY_WS:
            j += 1
        out.append(text[i:j])
        i = j
    return out


def truncatewords(a: Any, words: Any = 15, ellipsis: Any = "...") -> Any:
    if a is None:
        return None
    text = to_s(a)
    n = to_integer(words)
    if n <= 0:
        n = 1
    wordlist = awk_split(text, n + 1)
    if len(wordlist) <= n:
        return text
    wordlist.pop()
    return " ".join(wordlist) + to_s(ellipsis)


def ruby_split(text: str, pattern: str) -> list[str]:
    """``String#split(String)``: ``" "`` is awk-style, ``""`` gives the characters, trailing
    empty strings are dropped."""
    if pattern == " ":
        return awk_split(text)
    parts = list(text) if pattern == "" else text.split(pattern)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def split(a: Any, pattern: Any) -> list[str]:
    return ruby_split(to_s(a), to_s(pattern))


def strip_(a: Any) -> str:
    return strip(to_s(a))


def lstrip(a: Any) -> str:
    return to_s(a).lstrip(_RUBY_WS + "\0")


def rstrip(a: Any) -> str:
    return to_s(a).rstrip(_RUBY_WS + "\0")


_STRIP_HTML_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.S)
_STRIP_HTML_TAGS = re.compile(r"<.*?>", re.S)


def strip_html(a: Any) -> str:
    return _STRIP_HTML_TAGS.sub("", _STRIP_HTML_BLOCKS.sub("", to_s(a)))


def strip_newlines(a: Any) -> str:
    return re.sub(r"\r?\n", "", to_s(a))


def newline_to_br(a: Any) -> str:
    return re.sub(r"\r?\n", "<br />\n", to_s(a))


def replace(a: Any, old: Any, new: Any = "") -> str:
    return to_s(a).replace(to_s(old), to_s(new))


def replace_first(a: Any, old: Any, new: Any = "") -> str:
    return to_s(a).replace(to_s(old), to_s(new), 1)


def replace_last(a: Any, old: Any, new: Any) -> str:
    text, o = to_s(a), to_s(old)
    i = text.rfind(o)
    if i < 0:
        return text
    return text[:i] + to_s(new) + text[i + len(o):]


def remove(a: Any, old: Any) -> str:
    return replace(a, old, "")


def remove_first(a: Any, old: Any) -> str:
    return replace_first(a, old, "")


def remove_last(a: Any, old: Any) -> str:
    return replace_last(a, old, "")


def append(a: Any, b: Any) -> str:
    return to_s(a) + to_s(b)


def prepend(a: Any, b: Any) -> str:
    return to_s(b) + to_s(a)


# --- arrays ----------------------------------------------------------------------------------


def _flatten(items: list) -> list:
    out: list = []
    for item in items:
        if isinstance(item, (list, tuple)):
            out.extend(_flatten(list(item)))
        else:
            out.append(item)
    return out


def input_iterator(a: Any) -> list:
    """``InputIterator``: arrays flattened, a hash is one item, nil is empty."""
    if isinstance(a, (list, tuple)):
        return _flatten(list(a))
    if isinstance(a, Mapping):
        return [a]
    if isinstance(a, range):
        return list(a)
    if a is None:
        return []
    return [a]


def size(a: Any) -> int:
    if isinstance(a, (str, list, tuple, Mapping, range)):
        return len(a)
    if isinstance(a, int) and not isinstance(a, bool):
        return 8
    return 0


def join(a: Any, glue: Any = " ") -> str:
    return to_s(glue).join(to_s(item) for item in input_iterator(a))


def first(a: Any) -> Any:
    if isinstance(a, Mapping):
        for k, v in a.items():
            return [k, v]
        return None
    if isinstance(a, (list, tuple, range)):
        return a[0] if len(a) else None
    return None


def last(a: Any) -> Any:
    if isinstance(a, (list, tuple, range)):
        return a[-1] if len(a) else None
    return None


def reverse(a: Any) -> list:
    return list(reversed(input_iterator(a)))


def compact(a: Any, prop: Any = None) -> Any:
    items = input_iterator(a)
    if prop is None:
        return [i for i in items if i is not None]
    out = []
    for item in items:
        found, value = _property(item, prop)
        if not found:
            return None
        if value is not None:
            out.append(item)
    return out


def _property(item: Any, prop: Any) -> tuple[bool, Any]:
    """``item[property]`` as Ruby: (False, None) when the item has no ``[]``; raises the
    property error where Ruby raises TypeError."""
    if isinstance(item, Mapping):
        try:
            return True, item.get(prop)
        except TypeError:
            return True, None
    if isinstance(item, str):
        if isinstance(prop, str):
            return True, (prop if prop in item else None)
        if isinstance(prop, int) and not isinstance(prop, bool):
            return True, item[prop] if -len(item) <= prop < len(item) else None
        raise _error(f"cannot select the property '{to_s(prop)}'")
    if isinstance(item, list):
        if isinstance(prop, int) and not isinstance(prop, bool):
            return True, item[prop] if -len(item) <= prop < len(item) else None
        raise _error(f"cannot select the property '{to_s(prop)}'")
    if isinstance(item, int) and not isinstance(item, bool):
        if isinstance(prop, int) and not isinstance(prop, bool):
            return True, (item >> prop) & 1 if prop >= 0 else 0
        raise _error(f"cannot select the property '{to_s(prop)}'")
    return False, None


def map_(a: Any, prop: Any) -> list:
    out = []
    for item in input_iterator(a):
        if prop == "to_liquid":
            out.append(item)
            continue
        found, value = _property(item, prop)
        out.append(value if found else None)
    return out


def uniq(a: Any, prop: Any = None) -> Any:
    items = input_iterator(a)
    if len(items) <= 1:
        return items   # Ruby's uniq calls no block for one item
    seen: list = []
    out = []
    for item in items:
        if prop is None:
            key = item
        else:
            found, key = _property(item, prop)
            if not found:
                return None
        if any(_eql(key, s) for s in seen):
            continue
        seen.append(key)
        out.append(item)
    return out


def _eql(a: Any, b: Any) -> bool:
    """``eql?`` (``uniq``): ``1`` and ``1.0`` differ."""
    both_lists = isinstance(a, (list, tuple)) and isinstance(b, (list, tuple))
    if type(a) is not type(b) and not both_lists:
        return False
    return ruby_eq(a, b)


def concat(a: Any, b: Any) -> list:
    if not isinstance(b, (list, tuple)):
        raise _error("concat filter requires an array argument")
    return input_iterator(a) + list(b)


def where(a: Any, prop: Any, target: Any = None) -> Any:
    items = input_iterator(a)
    out = []
    for item in items:
        found, value = _property(item, prop)
        if not found:
            return None
        if (target is None and value is not None and value is not False) or (
                target is not None and ruby_eq(value, target)):
            out.append(item)
    return out


def spaceship(a: Any, b: Any) -> int | None:
    """Ruby's ``<=>`` on Liquid values: None where Ruby has no order (Jekyll's and Liquid's
    sorting filters share it). Strings compare by code point, which is UTF-8 byte order."""
    if isinstance(a, bool) or isinstance(b, bool):
        return 0 if a is b else None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        for x, y in zip(a, b, strict=False):
            c = spaceship(x, y)
            if c is None or c != 0:
                return c
        return (len(a) > len(b)) - (len(a) < len(b))
    if a is None and b is None:
        return 0
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return 0 if ruby_eq(a, b) else None
    return None


def _nil_safe_compare(a: Any, b: Any) -> int:
    c = spaceship(a, b)
    if c is not None:
        return c
    if a is None:
        return 1
    if b is None:
        return -1
    raise _error("cannot sort values of incompatible types")


def _casecmp(a: Any, b: Any) -> int:
    if a is not None and b is not None:
        x, y = _ascii_lower(to_s(a)), _ascii_lower(to_s(b))
        xb, yb = x.encode("utf-8"), y.encode("utf-8")
        return (xb > yb) - (xb < yb)
    return 1 if a is None else -1


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(65, 91)}


def sort_natural(a: Any, prop: Any = None) -> Any:
    import functools
    items = input_iterator(a)
    if not items:
        return []
    if prop is None:
        return sorted(items, key=functools.cmp_to_key(_casecmp))
    if not all(isinstance(i, (Mapping, str, list)) or (isinstance(i, int) and not
                                                          isinstance(i, bool)) for i in items):
        return None   # Ruby: not every item responds to []
    if len(items) == 1:
        return items
    keyed: list[tuple[Any, Any]] = []
    for item in items:
        found, value = _property(item, prop)
        if not found:
            return None
        keyed.append((value, item))
    def by_key(x: tuple[Any, Any], y: tuple[Any, Any]) -> int:
        return _casecmp(x[0], y[0])
    return [i for _, i in sorted(keyed, key=functools.cmp_to_key(by_key))]


def default(a: Any, value: Any = "", allow_false: Any = None) -> Any:
    falsy = a is None if allow_false not in (None, False) else (a is None or a is False)
    if falsy or (isinstance(a, (str, list, tuple, Mapping)) and len(a) == 0):
        return value
    return a


FILTERS: dict[str, Callable[..., Any]] = {
    "plus": plus, "minus": minus, "times": times, "divided_by": divided_by, "modulo": modulo,
    "abs": abs_, "round": round_, "ceil": ceil, "floor": floor, "at_least": at_least,
    "at_most": at_most, "downcase": downcase, "upcase": upcase, "capitalize": capitalize,
    "escape": escape, "h": escape, "escape_once": escape_once, "url_encode": url_encode,
    "url_decode": url_decode, "base64_encode": base64_encode, "base64_decode": base64_decode,
    "base64_url_safe_encode": base64_url_safe_encode,
    "base64_url_safe_decode": base64_url_safe_decode, "slice": slice_, "truncate": truncate,
    "truncatewords": truncatewords, "split": split, "strip": strip_, "lstrip": lstrip,
    "rstrip": rstrip, "strip_html": strip_html, "strip_newlines": strip_newlines,
    "newline_to_br": newline_to_br, "replace": replace, "replace_first": replace_first,
    "replace_last": replace_last, "remove": remove, "remove_first": remove_first,
    "remove_last": remove_last, "append": append, "prepend": prepend, "size": size,
    "join": join, "first": first, "last": last, "reverse": reverse, "compact": compact,
    "map": map_, "uniq": uniq, "concat": concat, "sort_natural": sort_natural,
    "default": default,
}

__all__ = ["FILTERS", "to_s", "to_number", "ruby_split", "awk_split", "input_iterator"]
