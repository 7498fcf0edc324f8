"""Jekyll 4.3.1's filters with Ruby's handling of every input type, for the Liquid engine.

:mod:`blogtool.filters` holds the logic both template engines share; this layer adds what
Ruby does around it: ``to_s`` of an array is its ``inspect``, a method the input's class does
not have stops the build (``{{ 5 | slugify }}``, ``{{ true | array_to_sentence_string }}``), a
string item answers ``item["x"]`` with a substring, and ``jsonify`` prints floats as Ruby.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from blogtool import filters as F

from .rubyexpr import RubySyntaxError, StrictParser, ruby_class
from .standard_filters import awk_split, to_s
from .standard_filters import spaceship as _spaceship


class RubyTypeError(ValueError):
    """What Ruby raises for a method the input's class lacks; Jekyll stops the build."""


def _no_method(method: str, value: Any) -> RubyTypeError:
    return RubyTypeError(f"undefined method `{method}' for {F.ruby_inspect(value)}:"
                         f"{ruby_class(value)}")


def _no_conversion(value: Any, into: str = "String") -> RubyTypeError:
    shown = {None: "nil", True: "true", False: "false"}.get(value) if not isinstance(
        value, (list, dict, int, float, str)) or isinstance(value, bool) else None
    return RubyTypeError(f"no implicit conversion of {shown or ruby_class(value)} into {into}")


def _is_drop(value: Any) -> bool:
    """Jekyll documents and pages answer ``url``; plain hashes do not."""
    return isinstance(value, Mapping) and type(value) is not dict and "url" in value \
        and getattr(value, "owner", "site.data") not in ("site", "site.data")


# --- URLs ---------------------------------------------------------------------------------------

_SCHEME = re.compile(r"^([^:/?#]+):")
_VALID_SCHEME = re.compile(r"\A[A-Za-z][A-Za-z0-9.+-]*\Z")
_PATH_SAFE = "/!$&'()*+,;=:@-._~%"
_QUERY_SAFE = "/!$&'()*+,;=:@-._~%?"


def _absolute(text: str) -> bool:
    """``Addressable::URI.parse(text).absolute?``; an impossible scheme raises as there."""
    m = _SCHEME.match(text)
    if not m:
        return False
    if not _VALID_SCHEME.match(m.group(1)):
        raise RubyTypeError(f"Invalid scheme format: '{m.group(1)}'")
    return True


_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_PCHAR = _UNRESERVED + "!$&'()*+,;=:@/"
_QUERY = _PCHAR + "?"
_COMPONENT = _UNRESERVED + ":/?#[]@!$&'()*+,;="
_PERCENT = re.compile(r"((?:%[0-9A-Fa-f]{2})+)")


def _addressable(text: str, safe: str) -> str:
    """Addressable's ``normalize_component``: escapes decoded, NFKC, then everything outside
    ``safe`` percent-encoded (``，`` becomes ``,``; ``%41`` becomes ``A``)."""
    import unicodedata

    def decode(m: re.Match) -> str:
        raw = bytes.fromhex(m.group(1).replace("%", ""))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return m.group(1)
    text = unicodedata.normalize("NFKC", _PERCENT.sub(decode, text))
    out = []
    for ch in text:
        if ch in safe:
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
    return "".join(out)


def _normalize(url: str) -> str:
    """``Addressable::URI.parse(url).normalize.to_s`` for a path with query and fragment."""
    from .rubyexpr import strip
    url = strip(url)   # Addressable::URI.parse strips the string
    hash_at = url.find("#")
    frag = url[hash_at + 1:] if hash_at >= 0 else None
    url = url[:hash_at] if hash_at >= 0 else url
    q_at = url.find("?")
    query = url[q_at + 1:] if q_at >= 0 else None
    path = url[:q_at] if q_at >= 0 else url
    out = _addressable(F._remove_dot_segments(path), _PCHAR)
    if query is not None:
        out += "?" + _addressable(query, _QUERY)
    if frag is not None:
        out += "#" + _addressable(frag, _QUERY)
    return out


def relative_url(value: Any, baseurl: str | None) -> Any:
    if value is None:
        return None
    if _is_drop(value):
        value = value["url"]
    text = to_s(value)
    if _absolute(text):
        return value
    base = "" if baseurl is None else to_s(baseurl)
    base = base[:-1] if base.endswith("/") else base
    return _normalize(F._ensure_leading_slash(base) + F._ensure_leading_slash(text))


def absolute_url(value: Any, url: str | None, baseurl: str | None) -> Any:
    if value is None:
        return None
    if _is_drop(value):
        value = value["url"]
    if _absolute(to_s(value)):
        return value
    rel = relative_url(value, baseurl)
    if not url:
        return rel
    return _normalize(to_s(url) + rel)


def strip_index(value: Any) -> Any:
    if value is None or to_s(value) == "":
        return None
    if not isinstance(value, str):
        raise _no_method("sub", value)
    return re.sub(r"/index\.html?$", "/", value, count=1, flags=re.M)


# --- strings ------------------------------------------------------------------------------------


def slugify(value: Any, mode: Any = None) -> Any:
    if value is None:
        return None
    from blogtool.urls import SLUGIFY_MODES
    if not isinstance(value, str):
        raise _no_method("gsub" if (mode or "default") in SLUGIFY_MODES else "downcase", value)
    return F.slugify(value, mode)


def xml_escape(value: Any) -> str:
    return to_s(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;").replace("'", "&apos;")


def cgi_escape(value: Any) -> str:
    if not isinstance(value, str):
        raise _no_conversion(value)
    from urllib.parse import quote_plus
    return quote_plus(value, safe="*")


def uri_escape(value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RubyTypeError(f"Can't convert {ruby_class(value)} into String.")
    return _addressable(value, _COMPONENT)


def normalize_whitespace(value: Any) -> str:
    return re.sub(r"[ \t\n\v\f\r]+", " ", to_s(value)).strip(" \t\n\v\f\r\0")


_CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002ffff\u3005\u3007\u3021-\u3029"
                  r"\u3038-\u303b\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\u32d0-\u32fe"
                  r"\u3300-\u3357\uff66-\uff6f\uff71-\uff9d\u3041-\u3096\u309d-\u309f"
                  r"\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3\uffa0-\uffdc\ua960-\ua97c"
                  r"\ud7b0-\ud7fb\u2e80-\u2fdf\uf900-\ufaff\u30fc\u309b\u309c\u30a0\u3099\u309a]")


def number_of_words(value: Any, mode: Any = None) -> int:
    if not isinstance(value, str):
        raise _no_method("split" if mode not in ("cjk", "auto") else "scan", value)
    return F.number_of_words(value, mode)


def array_to_sentence_string(array: Any, connector: Any = "and") -> str:
    if isinstance(array, (list, tuple)):
        items = list(array)
    elif isinstance(array, str):
        items = list(array)
        if len(items) > 2:
            raise _no_method("join", array[:-1])
    elif isinstance(array, Mapping):
        if len(array) > 2:
            raise _no_method("join", None)
        items = [None] * len(array)
    else:
        raise _no_method("length", array)
    conn = to_s(connector)
    if not items:
        return ""
    if len(items) == 1:
        return to_s(items[0])
    if len(items) == 2:
        return f"{to_s(items[0])} {conn} {to_s(items[1])}"
    return _ruby_join(items[:-1], ", ") + f", {conn} {to_s(items[-1])}"


def _ruby_join(items: list, sep: str) -> str:
    """``Array#join``: nested arrays joined recursively with the same separator."""
    return sep.join(_ruby_join(list(i), sep) if isinstance(i, (list, tuple)) else to_s(i)
                    for i in items)


def inspect(value: Any) -> str:
    return xml_escape(F.ruby_inspect(value))


def to_integer(value: Any) -> int:
    if value is True:
        return 1
    if value is False or value is None:
        return 0
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise RubyTypeError("FloatDomainError")
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        m = re.match(r"[ \t\n\v\f\r]*([-+]?[0-9]+(?:_[0-9]+)*)", value)
        return int(m.group(1).replace("_", "")) if m else 0
    raise _no_method("to_i", value)


# --- JSON ---------------------------------------------------------------------------------------


def _json(value: Any) -> str:
    if value is None or F._is_undefined(value):
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise RubyTypeError(f"{F._ruby_float(value)} not allowed in JSON")
        return F._ruby_float(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{_json(to_s(k))}:{_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_json(v) for v in value) + "]"
    if isinstance(value, range):
        return json.dumps(to_s(value))
    return json.dumps(to_s(value), ensure_ascii=False)


def jsonify(value: Any) -> str:
    return _json(F.as_json_value(value))


# --- items and properties -------------------------------------------------------------------------


def _index(data: Any, key: str) -> Any:
    """``data[key]`` with a string key, as Ruby answers it."""
    if isinstance(data, Mapping):
        value = data.get(key)
        return None if F._is_undefined(value) else value
    if isinstance(data, str):
        return key if key in data else None
    if isinstance(data, (list, tuple)) or (isinstance(data, int) and not isinstance(data, bool)):
        raise _no_conversion(key, "Integer")
    raise _no_method("[]", data)


def _has_index(value: Any) -> bool:
    return isinstance(value, (Mapping, str, list, tuple)) or (
        isinstance(value, int) and not isinstance(value, bool))


def item_property(item: Any, prop: Any) -> Any:
    """Jekyll's ``item_property``: ``item[prop]``, or a dotted path where a step without
    ``[]`` gives ``false``; then numeric-looking values become numbers."""
    key = to_s(prop)
    if "." not in key:
        value = _index(item, key)
    else:
        value = item
        for part in key.split("."):
            value = _index(value, part) if _has_index(value) else False
    return F.parse_sort_input(value)


def _compare(prop: Any, target: Any) -> bool:
    from .rubyexpr import JekyllLiteral
    if target is None:
        return prop is None
    if isinstance(target, JekyllLiteral):   # `empty` / `blank`: "" or what joins to ""
        if prop == "":
            return True
        parts = list(prop) if isinstance(prop, (list, tuple)) else (
            [] if prop is None else [[k, v] for k, v in prop.items()]
            if isinstance(prop, Mapping) else [prop])
        return _ruby_join(parts, "") == ""
    target_s = to_s(target)
    if isinstance(prop, str):
        return prop == target_s
    if isinstance(prop, Mapping):
        items: list = [[k, v] for k, v in prop.items()]
    elif isinstance(prop, (list, tuple)):
        items = list(prop)
    else:
        items = [] if prop is None else [prop]
    return any(to_s(p) == target_s for p in items)


def _selectable(value: Any) -> list | None:
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, range):
        return list(value)
    return None


def where(items: Any, prop: Any, value: Any) -> Any:
    if prop is None or prop is False or isinstance(value, (list, tuple, Mapping)):
        return items
    seq = _selectable(items)
    if seq is None:
        return items
    return [i for i in seq if _compare(item_property(i, prop), value)]


def find(items: Any, prop: Any, value: Any) -> Any:
    if prop is None or prop is False or isinstance(value, (list, tuple, Mapping)):
        return items
    seq = _selectable(items)
    if seq is None:
        return items
    for i in seq:
        if _compare(item_property(i, prop), value):
            return i
    return None


def _groupable(items: Any) -> list | None:
    if isinstance(items, Mapping):
        return [[k, v] for k, v in items.items()]
    if isinstance(items, (list, tuple, range)):
        return list(items)
    return None


def group_by(items: Any, prop: Any) -> Any:
    seq = _groupable(items)
    if seq is None:
        return items
    return _grouped(seq, lambda item: item_property(item, prop))


def _grouped(seq: list, key: Callable[[Any], Any]) -> list:
    groups: dict[str, list] = {}
    for item in seq:
        groups.setdefault(to_s(key(item)), []).append(item)
    return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]


def sort(items: Any, prop: Any = None, nils: Any = "first") -> Any:
    import functools
    if items is None:
        raise RubyTypeError("Cannot sort a null object.")
    if prop is None:
        if isinstance(items, Mapping):
            seq: list = [[k, v] for k, v in items.items()]
        elif isinstance(items, (list, tuple, range)):
            seq = list(items)
        else:
            raise _no_method("sort", items)

        def plain(a: Any, b: Any) -> int:
            c = _spaceship(a, b)
            if c is None:
                shown = ruby_class(b) if isinstance(a, (int, float)) and not isinstance(
                    a, bool) else F.ruby_inspect(b)
                raise RubyTypeError(f"comparison of {ruby_class(a)} with {shown} failed")
            return c
        return sorted(seq, key=functools.cmp_to_key(plain))
    if nils == "first":
        order = -1
    elif nils == "last":
        order = 1
    else:
        raise RubyTypeError(f"Invalid nils order: '{to_s(nils)}' is not a valid nils order. "
                            "It must be 'first' or 'last'.")
    if isinstance(items, Mapping):
        seq = [[k, v] for k, v in items.items()]
    elif isinstance(items, (list, tuple, range)):
        seq = list(items)
    else:
        raise _no_method("map", items)
    keyed = [(item_property(i, prop), i) for i in seq]

    def by_prop(a: tuple, b: tuple) -> int:
        x, y = a[0], b[0]
        if x is not None and y is None:
            return -order
        if x is None and y is not None:
            return order
        c = _spaceship(x, y)
        if c is None:
            return _spaceship(to_s(x), to_s(y)) or 0
        return c
    return [i for _, i in sorted(keyed, key=functools.cmp_to_key(by_prop))]


# --- arrays ---------------------------------------------------------------------------------------


def _count(num: Any) -> int:
    from .rubyexpr import to_integer as liquid_int
    n = liquid_int(num)
    if n < 0:
        raise RubyTypeError("negative array size")
    return n


def pop(array: Any, num: Any = 1) -> Any:
    if not isinstance(array, (list, tuple)):
        return array
    n = _count(num)
    return list(array[: max(len(array) - n, 0)])


def shift(array: Any, num: Any = 1) -> Any:
    if not isinstance(array, (list, tuple)):
        return array
    return list(array[_count(num):])


def push(array: Any, value: Any) -> Any:
    return [*array, value] if isinstance(array, (list, tuple)) else array


def unshift(array: Any, value: Any) -> Any:
    return [value, *array] if isinstance(array, (list, tuple)) else array


def _us_ascii(value: Any) -> bool:
    """Whether Ruby's ``inspect`` of ``value`` is US-ASCII: nil, booleans and numbers are; a
    string is UTF-8; an array or hash takes the encoding of its first element (or key)."""
    if isinstance(value, str):
        return False
    if isinstance(value, (list, tuple)):
        return _us_ascii(value[0]) if value else True
    if isinstance(value, Mapping):
        return _us_ascii(next(iter(value))) if value else True
    return True


_SMART_CHARS = "\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u00ab\u00bb"


def smartify(value: Any) -> str:
    """kramdown's SmartyPants. When Ruby's ``to_s`` of the input is a US-ASCII string,
    kramdown writes the typographic characters as numeric entities."""
    text = to_s(value)
    out = F.smartify(text)
    if not isinstance(value, str) and text.isascii() and _us_ascii(value):
        out = "".join(f"&#{ord(c)};" if c in _SMART_CHARS else c for c in out)
    return out


# --- expressions (where_exp, find_exp, group_by_exp) ----------------------------------------


def parse_condition(text: str) -> Any:
    """Jekyll's ``parse_condition``: Ruby's strict parser, operands by ``Expression.parse``
    (so ``empty`` is ``""`` here, not a method literal)."""
    from .rubyexpr import Condition, parse_expression
    p = StrictParser(text)

    def comparison() -> Condition:
        left = parse_expression(p.expression())
        op = p.consume_p("comparison")
        if op is not None:
            return Condition(left, op, parse_expression(p.expression()))
        return Condition(left)

    first = cond = comparison()
    while True:
        rel = "and" if p.id_p("and") else "or" if p.id_p("or") else None
        if rel is None:
            break
        child = comparison()
        cond.relation, cond.child = rel, child
        cond = child
    p.consume("end_of_string")
    return first


__all__ = ["RubyTypeError", "RubySyntaxError", "awk_split"]
