"""How Jekyll's Ruby sees the values of a template: how they print, what class they are, when
two are equal and how two compare. Both template engines (Liquid and the Jinja theme) and the
filters use these rules, so each is written once here.

Printing has three forms: ``to_ruby_string`` is what ``{{ x }}`` writes (an array's items run
together, ``[1, [2, "x"]]`` -> ``12x``), ``ruby_to_s`` is what a filter sees as its text
(``[1, 2]`` -> ``[1, 2]``) and ``ruby_inspect`` is the debugging form
(``{"a"=>1, "l"=>[nil, true]}``).
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any

from blogtool.rubytime.scalars import float_to_s, inspect_string
from blogtool.timeutil import RubyTime

RUBY_SPACE = " \t\n\v\f\r"   # what Ruby strips and splits on: ASCII only, never U+3000


def ruby_strip(text: str) -> str:
    """Both ends trimmed of ASCII whitespace; trailing NUL bytes go too (``" a\\0"`` -> ``"a"``)."""
    return text.rstrip(RUBY_SPACE + "\0").lstrip(RUBY_SPACE)


def ruby_rstrip(text: str) -> str:
    return text.rstrip(RUBY_SPACE + "\0")


def ruby_lstrip(text: str) -> str:
    return text.lstrip(RUBY_SPACE + "\0")


def is_undefined(value: Any) -> bool:
    """A template engine's placeholder for a missing variable (python-liquid's or Jinja's)."""
    return type(value).__name__.endswith("Undefined") and hasattr(value, "poke")


def is_drop(value: Any) -> bool:
    """A document, page or ``site`` as Jekyll exposes it (a payload object with keys)."""
    return hasattr(value, "drop_keys")


class JekyllLiteral:
    """What ``empty`` and ``blank`` are outside a condition under Jekyll: prints as ``""``,
    equals only itself (``{% case empty %}{% when empty %}`` matches nothing)."""

    __slots__ = ("method",)

    def __init__(self, method: str):
        self.method = method

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"JekyllLiteral({self.method})"


JEKYLL_EMPTY = JekyllLiteral("empty?")
JEKYLL_BLANK = JekyllLiteral("blank?")

# --- printing ----------------------------------------------------------------------------------


def ruby_inspect(value: Any, _open: frozenset[int] = frozenset()) -> str:
    """``{"a"=>1, "l"=>[1, nil, true]}``. A hash or array met again inside itself prints as
    ``{...}`` or ``[...]`` (posts reach each other through ``previous`` and ``next``)."""
    if value is None or is_undefined(value):
        return "nil"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return inspect_string(value)
    if isinstance(value, float):
        return float_to_s(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Mapping):
        if id(value) in _open:
            return "{...}"
        inner = _open | {id(value)}
        return "{" + ", ".join(f"{ruby_inspect(k, inner)}=>{ruby_inspect(v, inner)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        if id(value) in _open:
            return "[...]"
        inner = _open | {id(value)}
        return "[" + ", ".join(ruby_inspect(v, inner) for v in value) + "]"
    if isinstance(value, _dt.datetime):
        return str(RubyTime.wrap(value)) if value.tzinfo else str(value)
    if isinstance(value, _dt.date):
        return f"#<Date: {value.isoformat()}>"
    return str(value)


def to_ruby_string(value: Any) -> str:
    """What ``{{ value }}`` writes: nil as nothing, arrays' items run together (recursively),
    hashes inspected, times as ``2014-10-13 00:00:00 +0000``, ranges as ``1..3``."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    if isinstance(value, float):
        return float_to_s(value)
    if isinstance(value, (list, tuple)):
        return "".join(to_ruby_string(v) for v in value)
    if isinstance(value, Mapping):
        return "" if is_undefined(value) else ruby_inspect(value)
    if isinstance(value, _dt.datetime) and value.tzinfo is not None:
        return str(RubyTime.wrap(value))
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    return str(value)


def ruby_to_s(value: Any) -> str:
    """The text a filter works on: as :func:`to_ruby_string`, except that arrays and hashes
    are inspected (``[1, 2]`` stays ``[1, 2]``)."""
    if type(value) is str:
        return value
    if isinstance(value, (list, tuple, Mapping)) and not is_undefined(value):
        return ruby_inspect(value)
    return to_ruby_string(value)


def ruby_class(value: Any) -> str:
    """The class name Ruby's error messages give a value (``comparison of Integer with ...``)."""
    if value is None:
        return "NilClass"
    if value is True or value is False:
        return "TrueClass" if value else "FalseClass"
    for kind, name in _CLASS_NAMES:
        if isinstance(value, kind):
            return name
    return type(value).__name__


_CLASS_NAMES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (int, "Integer"), (float, "Float"), (str, "String"), (Mapping, "Hash"), (range, "Range"),
    ((list, tuple), "Array"))

# --- numbers from text -------------------------------------------------------------------------

_LEADING_INTEGER = re.compile(r"[ \t\n\v\f\r]*([-+]?[0-9]+(?:_[0-9]+)*)")
_WHOLE_INTEGER = re.compile(r"[-+]?[0-9]+(?:_[0-9]+)*")


def leading_integer(text: str) -> int:
    """The integer a string starts with (``" 12abc"`` -> 12, ``"1_000"`` -> 1000), else 0."""
    m = _LEADING_INTEGER.match(text)
    return int(m.group(1).replace("_", "")) if m else 0


def strict_integer(value: Any) -> int:
    """An integer, or text that is one whole integer (``"12"``, ``" -3 "``, ``"1_000"``; a
    leading zero makes it octal, ``"010"`` -> 8). Anything else raises ``ValueError``."""
    if isinstance(value, int) and value is not True and value is not False:
        return value
    text = ruby_strip(ruby_to_s(value))
    if not _WHOLE_INTEGER.fullmatch(text):
        raise ValueError("invalid integer")
    digits = text.replace("_", "")
    sign = "-" if digits.startswith("-") else ""
    body = digits.lstrip("+-")
    if len(body) > 1 and body.startswith("0"):
        if set(body) - set("01234567"):
            raise ValueError("invalid integer")
        return int(sign + body, 8)
    return int(digits)


# --- equality and order ------------------------------------------------------------------------


def ruby_eq(a: Any, b: Any, _depth: int = 0) -> bool:
    """Ruby's ``==``: ``1 == 1.0`` but ``true != 1`` and ``"1" != 1``; arrays and hashes
    compare item by item. A document equals only the same document, whichever copy of its
    payload this is."""
    if isinstance(a, JekyllLiteral) or isinstance(b, JekyllLiteral):
        return a is b
    if is_drop(a) or is_drop(b):
        return is_drop(a) and is_drop(b) and type(a) is type(b) and \
            getattr(a, "owner", None) == getattr(b, "owner", None)
    if a is None or b is None:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if _depth > 200:
        return a is b
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and \
            len(a) == len(b) and all(ruby_eq(x, y, _depth + 1)
                                     for x, y in zip(a, b, strict=True))
    if isinstance(a, Mapping) or isinstance(b, Mapping):
        return isinstance(a, Mapping) and isinstance(b, Mapping) and len(a) == len(b) and \
            all(k in b and ruby_eq(v, b[k], _depth + 1) for k, v in a.items())
    return bool(a == b)


def spaceship(a: Any, b: Any) -> int | None:
    """Ruby's ``a <=> b``: -1, 0 or 1, or None where Ruby has no order (``1 <=> "1"``,
    ``nil <=> 1``, ``true <=> false``). Strings compare by code point, which is the order of
    their UTF-8 bytes; arrays item by item, then by length; times by the instant."""
    if isinstance(a, bool) or isinstance(b, bool):
        return 0 if a is b else None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        for x, y in zip(a, b, strict=False):
            order = spaceship(x, y)
            if order != 0:
                return order
        return (len(a) > len(b)) - (len(a) < len(b))
    if a is None and b is None:
        return 0
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return 0 if ruby_eq(a, b) else None
    if isinstance(a, _dt.date) and isinstance(b, _dt.date):
        try:
            return (a > b) - (a < b)
        except TypeError:   # a date and a time, or a time without a zone
            return None
    return None


def comparison_failed(a: Any, b: Any) -> str:
    """Ruby's words when ``a <=> b`` has no answer while sorting or comparing:
    ``comparison of Integer with String failed``, ``comparison of String with 1 failed``."""
    numeric = isinstance(a, (int, float)) and not isinstance(a, bool)
    shown = ruby_class(b) if numeric else ruby_inspect(b)
    return f"comparison of {ruby_class(a)} with {shown} failed"


# --- Ruby's type errors ------------------------------------------------------------------------


class RubyTypeError(ValueError):
    """A filter given a value whose class lacks what it needs; Jekyll stops the build with
    Ruby's message (``undefined method `gsub' for 5:Integer``)."""


def no_method(method: str, value: Any) -> RubyTypeError:
    return RubyTypeError(f"undefined method `{method}' for {ruby_inspect(value)}:"
                         f"{ruby_class(value)}")


def no_conversion(value: Any, into: str = "String") -> RubyTypeError:
    """``no implicit conversion of Integer into String``; nil, true and false by name."""
    named = value is None or value is True or value is False
    shown = ruby_inspect(value) if named else ruby_class(value)
    return RubyTypeError(f"no implicit conversion of {shown} into {into}")


def ruby_join(items: Any, separator: str) -> str:
    """``Array#join``: items as ``to_s``, nested arrays joined with the same separator
    (``[1, [2, nil]]`` joined by ``,`` -> ``1,2,``)."""
    return separator.join(ruby_join(i, separator) if isinstance(i, (list, tuple)) else ruby_to_s(i)
                          for i in items)
