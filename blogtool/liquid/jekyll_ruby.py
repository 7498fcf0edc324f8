"""Jekyll's text filters as the Liquid engine runs them: the plain functions of
:mod:`blogtool.filters`, plus what Jekyll does with inputs of the wrong kind. A filter that
needs text stops the build on a number or a list (``{{ 5 | slugify }}``: undefined method
`gsub' for 5:Integer), an array prints as its ``inspect`` where Jekyll calls ``to_s``, and
``jsonify`` writes floats as Ruby does (``1.0``, ``1.0e+20``).
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from blogtool import filters as F
from blogtool.filters.arrays import sort, where
from blogtool.filters.rubyvalues import (
    RubyTypeError,
    float_to_s,
    is_undefined,
    no_conversion,
    no_method,
    ruby_join,
    ruby_to_s,
)
from blogtool.filters.urls import absolute_url, relative_url, strip_index, uri_escape


def slugify(value: Any, mode: Any = None) -> Any:
    if value is None:
        return None
    from blogtool.urls import SLUGIFY_MODES
    if not isinstance(value, str):
        raise no_method("gsub" if (mode or "default") in SLUGIFY_MODES else "downcase", value)
    return F.slugify(value, mode)


def cgi_escape(value: Any) -> str:
    if not isinstance(value, str):
        raise no_conversion(value)
    return F.cgi_escape(value)


def number_of_words(value: Any, mode: Any = None) -> int:
    if not isinstance(value, str):
        raise no_method("split" if mode not in ("cjk", "auto") else "scan", value)
    return F.number_of_words(value, mode)


def array_to_sentence_string(array: Any, connector: Any = "and") -> str:
    """``a, b, and c``; a string counts as its characters, a hash of up to two pairs as
    that many nils; anything else has no length."""
    if isinstance(array, (list, tuple)):
        items = list(array)
    elif isinstance(array, str):
        items = list(array)
        if len(items) > 2:
            raise no_method("join", array[:-1])
    elif isinstance(array, Mapping):
        if len(array) > 2:
            raise no_method("join", None)
        items = [None] * len(array)
    else:
        raise no_method("length", array)
    conn = ruby_to_s(connector)
    if len(items) <= 2:
        return f" {conn} ".join(ruby_to_s(i) for i in items)
    return ruby_join(items[:-1], ", ") + f", {conn} {ruby_to_s(items[-1])}"


def _json(value: Any) -> str:
    """Ruby's ``to_json``: floats as Ruby prints them, keys as text, anything else its text."""
    if is_undefined(value):
        return "null"
    if value is None or isinstance(value, (bool, int)):
        return json.dumps(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise RubyTypeError(f"{float_to_s(value)} not allowed in JSON")
        return float_to_s(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{_json(ruby_to_s(k))}:{_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_json(v) for v in value) + "]"
    if isinstance(value, range):
        return json.dumps(ruby_to_s(value))
    return json.dumps(ruby_to_s(value), ensure_ascii=False)


def jsonify(value: Any) -> str:
    return _json(F.as_json_value(value))


def _ascii_inspect(value: Any) -> bool:
    """Whether Ruby would print ``value`` as US-ASCII text: nil, booleans and numbers do, a
    string never; an array or hash as its first element (or key)."""
    if isinstance(value, str):
        return False
    if isinstance(value, (list, tuple)):
        return _ascii_inspect(value[0]) if value else True
    if isinstance(value, Mapping):
        return _ascii_inspect(next(iter(value))) if value else True
    return True


_SMART_CHARS = "\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u00ab\u00bb"


def smartify(value: Any) -> str:
    """``smartify`` of a non-string whose text is US-ASCII (``["a--b"]``) writes the
    typographic characters as numeric entities (``&#8211;``)."""
    text = ruby_to_s(value)
    out = F.smartify(text)
    if not isinstance(value, str) and text.isascii() and _ascii_inspect(value):
        out = "".join(f"&#{ord(c)};" if c in _SMART_CHARS else c for c in out)
    return out


normalize_whitespace = F.normalize_whitespace
xml_escape = F.xml_escape


__all__ = ["RubyTypeError", "absolute_url", "array_to_sentence_string", "cgi_escape", "jsonify",
           "normalize_whitespace", "number_of_words", "relative_url", "slugify", "smartify",
           "sort", "strip_index", "uri_escape", "where", "xml_escape"]
