"""What Liquid does with values while a template renders under Jekyll: truth, reading a
variable's keys, ``size``/``first``/``last``, the comparison operators and ``contains``.

* Only ``nil`` and ``false`` are false: ``0``, ``""`` and ``[]`` are true.
* ``a.b`` and ``a["b"]`` read a hash's key or an array's index; ``size``, ``first`` and
  ``last`` answer when there is no such key (``{{ tags.size }}``, ``{{ h.first }}`` is the
  first ``[key, value]`` pair); anything else is nil.
* ``1 == 1.0`` but ``true != 1``; ``<`` between text and a number stops the build
  (``comparison of Integer with String failed``); ``x == empty`` asks whether ``x`` is empty.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from liquid.exceptions import LiquidSyntaxError, LiquidTypeError
from liquid.token import Token
from liquid.undefined import Undefined

from blogtool.filters.rubyvalues import (
    JekyllLiteral,
    comparison_failed,
    leading_integer,
    ruby_class,
    ruby_eq,
    ruby_inspect,
    strict_integer,
    to_ruby_string,
)


class RubySyntaxError(LiquidSyntaxError):
    """Markup Liquid cannot read; ``str`` is the message without the line."""


def source_line(token: Token | None) -> int:
    """The 1-based line of a tag in its template, as Liquid's messages count it."""
    if token is None or not token.source or token.start_index < 0:
        return 1
    return token.source.count("\n", 0, token.start_index) + 1


def tag_syntax_error(token: Token | None, message: str) -> RubySyntaxError:
    """``Liquid syntax error (line 3): Syntax Error in 'cycle' - ...``."""
    return RubySyntaxError(f"Liquid syntax error (line {source_line(token)}): {message}",
                           token=token)


class RubyArgumentError(LiquidTypeError):
    """A value Liquid cannot use while rendering (Jekyll stops the build)."""


# the types most values have: checked first, they spare the slower abstract-class checks
PLAIN_TYPES = frozenset((str, int, float, bool, list, dict, type(None)))


def truthy(value: Any) -> bool:
    if value is None or value is False:
        return False
    return type(value) in PLAIN_TYPES or not isinstance(value, Undefined)


def to_integer(value: Any) -> int:
    """A whole integer from a number or text (``"3"``, ``" 010 "`` is octal 8); anything
    else stops with ``invalid integer``."""
    try:
        return strict_integer(value)
    except ValueError:
        raise RubyArgumentError("Liquid error: invalid integer", token=None) from None


def to_i(value: Any) -> int:
    """A number by Ruby's ``to_i``, as ``tablerow`` reads ``cols``, ``limit`` and ``offset``:
    nil is 0, text its leading digits (``"2x"`` -> 2), a float its integer part; ``true``,
    ``false``, arrays and hashes have no such method and stop the build."""
    if value is None:
        return 0
    if isinstance(value, str):
        return leading_integer(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise RubyArgumentError("Liquid error: FloatDomainError", token=None)
        return int(value)
    raise RubyArgumentError(f"Liquid error: undefined method `to_i' for {ruby_inspect(value)}:"
                            f"{ruby_class(value)}", token=None)


def literal_range_end(value: Any) -> int:
    """One end of a range written with literals (``(1..3)``, ``(1.5..'4x')``): a float cut to
    its integer part, text by its leading digits, nil as 0; ``true`` is no integer."""
    if isinstance(value, bool):
        raise RubyArgumentError("Liquid error: invalid integer", token=None)
    if isinstance(value, int):
        return value
    if value is None:
        return 0
    if isinstance(value, float):
        return int(value)
    return leading_integer(str(value))


def range_end(value: Any) -> int:
    """One end of a range with a variable (``(1..n)``): text by its leading digits, nil as
    0, anything else a whole integer (a float stops with ``invalid integer``)."""
    if value is None:
        return 0
    if isinstance(value, str):
        return leading_integer(value)
    return to_integer(value)


class ConditionLiteral:
    """``empty`` or ``blank`` as an operand of a condition: ``x == empty`` is true when ``x``
    is an empty string, array or hash; ``blank`` never equals anything."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __str__(self) -> str:
        return ""

    def equals(self, other: Any) -> bool | None:
        if self.name == "empty" and isinstance(other, (str, list, tuple, Mapping)):
            return len(other) == 0
        return None


EMPTY = ConditionLiteral("empty")
BLANK = ConditionLiteral("blank")

# --- reading variables ------------------------------------------------------------------------


def as_read(value: Any) -> Any:
    """A value as a template sees it once read: a tuple is an array, Jekyll's ``empty``
    object is ``""``."""
    if type(value) in PLAIN_TYPES:
        return value
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, JekyllLiteral):
        return ""
    return value


_SCALARS = (str, int, float, bool, list, tuple, range)
_MISSING = object()


def read_key(obj: Any, key: Any) -> tuple[bool, Any]:
    """``obj[key]``: (found, value). An index past an array's end is found and nil."""
    if type(key) is str and isinstance(obj, dict):
        if type(obj) is dict:
            value = obj.get(key, _MISSING)
            return (False, None) if value is _MISSING else (True, as_read(value))
        if key in obj:   # payload dicts record what a template reads
            return True, as_read(obj[key])
        return False, None
    if isinstance(obj, Mapping):
        if isinstance(key, (list, dict)):
            return False, None
        try:
            if key in obj:
                return True, as_read(obj[key])
        except TypeError:
            pass
        return False, None
    if isinstance(obj, (list, tuple, range)):
        if isinstance(key, int) and not isinstance(key, bool):
            try:
                return True, as_read(obj[key])
            except IndexError:
                return True, None
        return False, None
    if obj is None or isinstance(obj, _SCALARS):
        return False, None
    try:   # python-liquid's own objects (forloop) and other payload mappings
        return True, as_read(obj[key])
    except (KeyError, IndexError, TypeError, AttributeError):
        return False, None


def size_of(obj: Any) -> Any:
    """``x.size``: length of text, arrays, hashes and ranges; for an integer the bytes Ruby
    keeps it in (8, or more past 2**62: ``100000000000000000000.size`` is 9)."""
    if isinstance(obj, (str, list, tuple, Mapping, range)):
        return len(obj)
    if isinstance(obj, int) and not isinstance(obj, bool):
        return 8 if -(2 ** 62) <= obj < 2 ** 62 else (abs(obj).bit_length() + 7) // 8
    return None


def first_of(obj: Any) -> Any:
    """``x.first``: an array's first item, a hash's first ``[key, value]`` pair."""
    if isinstance(obj, Mapping):
        return next(([k, v] for k, v in obj.items()), None)
    if isinstance(obj, (list, tuple, range)):
        return obj[0] if len(obj) else None
    return None


def last_of(obj: Any) -> Any:
    if isinstance(obj, (list, tuple, range)):
        return obj[-1] if len(obj) else None
    return None


def answers(obj: Any, method: str) -> bool:
    """Whether ``x.size`` / ``x.first`` / ``x.last`` means something for this value."""
    if method == "size":
        return size_of(obj) is not None
    if method == "first":
        return isinstance(obj, (list, tuple, Mapping, range))
    return isinstance(obj, (list, tuple, range))


METHODS: dict[str, Callable[[Any], Any]] = {"size": size_of, "first": first_of, "last": last_of}

# --- operators --------------------------------------------------------------------------------


def _equal(left: Any, right: Any) -> Any:
    if isinstance(left, ConditionLiteral):
        return left.equals(right)
    if isinstance(right, ConditionLiteral):
        return right.equals(left)
    return ruby_eq(left, right)


def _not_equal(left: Any, right: Any) -> bool:
    return not _equal(left, right)


def _orderable(value: Any) -> bool:
    return isinstance(value, (int, float, str)) and not isinstance(value, bool)


def _ordering(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    """``<`` and friends: nil when either side cannot be ordered at all (``nil < 1``), an
    error for text against a number."""
    def compare(left: Any, right: Any) -> Any:
        if not (_orderable(left) and _orderable(right)):
            return None
        if isinstance(left, str) != isinstance(right, str):
            raise RubyArgumentError(f"Liquid error: {comparison_failed(left, right)}",
                                    token=None)
        return test(left, right)
    return compare


def contains(left: Any, right: Any) -> bool:
    """Substring of text (the right side as text), element of an array (by ``==``),
    integer inside a range, key of a hash."""
    if left is None or left is False or right is None or right is False:
        return False
    if isinstance(left, str):
        return to_ruby_string(right) in left
    if isinstance(left, (list, tuple)):
        return any(ruby_eq(item, right) for item in left)
    if isinstance(left, range):
        return isinstance(right, (int, float)) and not isinstance(right, bool) and \
            left.start <= right <= left.stop - 1
    if isinstance(left, Mapping):
        return not isinstance(right, (list, dict)) and right in left
    return False


OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "==": _equal, "!=": _not_equal, "<>": _not_equal,
    "<": _ordering(lambda a, b: a < b), ">": _ordering(lambda a, b: a > b),
    "<=": _ordering(lambda a, b: a <= b), ">=": _ordering(lambda a, b: a >= b),
    "contains": contains,
}
