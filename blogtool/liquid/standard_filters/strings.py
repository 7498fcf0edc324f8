"""Liquid's text filters as Jekyll runs them: the input as Ruby's ``to_s`` (nil is ``""``,
an array its ``inspect``), slices and lengths by characters, ``split`` as Ruby splits
(``" "`` splits on runs of whitespace, trailing empty parts dropped), ASCII-only
whitespace for the strip filters."""
from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote_plus, unquote_to_bytes

from blogtool.filters.rubyvalues import RUBY_SPACE, ruby_lstrip, ruby_rstrip, ruby_strip
from blogtool.filters.rubyvalues import ruby_to_s as to_s
from blogtool.filters.text import escape_html

from ..values import to_integer
from .numbers import error


def downcase(a: Any) -> str:
    return to_s(a).lower()


def upcase(a: Any) -> str:
    return to_s(a).upper()


def capitalize(a: Any) -> str:
    text = to_s(a)
    return text[:1].upper() + text[1:].lower()


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_ESCAPE_ONCE = re.compile(r"[\"><']|&(?!([a-zA-Z]+|(#[0-9]+));)")


def escape(a: Any) -> str | None:
    if a is None:
        return None
    return escape_html(to_s(a))


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
        raise error("invalid byte sequence in UTF-8") from None


def base64_encode(a: Any) -> str:
    return base64.b64encode(to_s(a).encode("utf-8")).decode("ascii")


def base64_decode(a: Any) -> str:
    try:
        return base64.b64decode(to_s(a), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        raise error("invalid base64 provided to base64_decode") from None


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
        raise error("invalid base64 provided to base64_url_safe_decode") from None


def _ruby_slice(seq: Any, start: int, length: int) -> Any:
    size = len(seq)
    if start < 0:
        start += size
        if start < 0:
            return None
    if start > size or length < 0:
        return None
    return seq[start:start + length]


_LONG_MIN, _LONG_MAX = -(2 ** 63), 2 ** 63 - 1   # what a position or length may be


def slice_(a: Any, offset: Any, length: Any = None) -> Any:
    start = to_integer(offset)
    count = to_integer(length) if length is not None else 1
    if not (_LONG_MIN <= start <= _LONG_MAX and _LONG_MIN <= count <= _LONG_MAX):
        raise error("bignum too big to convert into `long'")
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
        while i < n and text[i] in RUBY_SPACE:
            i += 1
        if i >= n:
            break
        if limit > 0 and len(out) == limit - 1:
            out.append(text[i:])
            break
        j = i
        while j < n and text[j] not in RUBY_SPACE:
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
    return ruby_strip(to_s(a))


def lstrip(a: Any) -> str:
    return ruby_lstrip(to_s(a))


def rstrip(a: Any) -> str:
    return ruby_rstrip(to_s(a))


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


def _removing(replacing: Callable[[Any, Any, Any], str]) -> Callable[[Any, Any], str]:
    """``remove``, ``remove_first``, ``remove_last``: the replacement with nothing."""
    def remove_(a: Any, old: Any) -> str:
        return replacing(a, old, "")
    return remove_


remove, remove_first, remove_last = map(_removing, (replace, replace_first, replace_last))


def append(a: Any, b: Any) -> str:
    return to_s(a) + to_s(b)


def prepend(a: Any, b: Any) -> str:
    return to_s(b) + to_s(a)

