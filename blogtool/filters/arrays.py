"""Jekyll's array filters: ``where``, ``find``, ``group_by``, ``sort``, ``push``, ``pop``,
``shift``, ``unshift`` and ``sample``, with the answers Jekyll gives for every kind of input.

A property is read from each item with :func:`item_property`: ``post["title"]``, or a dotted
path (``author.name``); a text item answers ``item["x"]`` with ``"x"`` when it contains it.
Values that look like numbers compare as numbers (``"10"`` sorts after ``"9"``). ``where``
compares as text and matches any element of an array property (``where: "tags", "java"``).
"""
from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Mapping
from typing import Any

from .rubyvalues import (
    JekyllLiteral,
    RubyTypeError,
    comparison_failed,
    is_undefined,
    no_conversion,
    no_method,
    ruby_join,
    ruby_to_s,
    spaceship,
    strict_integer,
    to_ruby_string,
)
from .text import to_integer

_INTEGER_LIKE = re.compile(r"\A\s*-?\d+\s*\Z")
_FLOAT_LIKE = re.compile(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\Z")


def parse_sort_input(value: Any) -> Any:
    """``"12"`` -> 12, ``" 2.5 "`` -> 2.5; anything else as it is."""
    if isinstance(value, bool) or value is None:
        return value
    text = to_ruby_string(value) if not isinstance(value, (Mapping, list, tuple)) else ""
    if _INTEGER_LIKE.match(text):
        return int(text)
    if _FLOAT_LIKE.match(text):
        return float(text)
    return value


def _index(data: Any, key: str) -> Any:
    """``data[key]`` for a text key: a hash's value, a string's substring or nil; an array
    or a number wants an integer, anything else has no ``[]``."""
    if isinstance(data, Mapping):
        value = data.get(key)
        return None if is_undefined(value) else value
    if isinstance(data, str):
        return key if key in data else None
    if isinstance(data, (list, tuple)) or (isinstance(data, int) and not isinstance(data, bool)):
        raise no_conversion(key, "Integer")
    raise no_method("[]", data)


def _indexable(value: Any) -> bool:
    return isinstance(value, (Mapping, str, list, tuple)) or (
        isinstance(value, int) and not isinstance(value, bool))


def item_property(item: Any, prop: Any) -> Any:
    """``item[prop]``; along a dotted path a step into a value without ``[]`` gives
    ``false``. Number-like results become numbers."""
    key = ruby_to_s(prop)
    if "." not in key:
        value = _index(item, key)
    else:
        value = item
        for part in key.split("."):
            value = _index(value, part) if _indexable(value) else False
    return parse_sort_input(value)


def _entries(value: Any) -> list:
    """A hash's elements as its ``[key, value]`` pairs, an array's as they are."""
    return [[k, v] for k, v in value.items()] if isinstance(value, Mapping) else list(value)


def _property_matches(prop: Any, target: Any) -> bool:
    """``where``'s test: the same text, or an element of an array with that text; nil
    matches nil; ``empty`` and ``blank`` match what prints as nothing."""
    if target is None:
        return prop is None
    if isinstance(target, JekyllLiteral):
        if prop == "":
            return True
        parts = [] if prop is None else _entries(prop) if isinstance(
            prop, (Mapping, list, tuple)) else [prop]
        return ruby_join(parts, "") == ""
    wanted = ruby_to_s(target)
    if isinstance(prop, str):
        return prop == wanted
    candidates = [] if prop is None else _entries(prop) if isinstance(
        prop, (Mapping, list, tuple)) else [prop]
    return any(ruby_to_s(p) == wanted for p in candidates)


def _searched(items: Any, prop: Any, value: Any) -> list | None:
    """The items ``where`` and ``find`` look through (a hash's values), or None when they
    give the input back unchanged: no property, a list or hash as the value, no list."""
    if prop is None or prop is False or isinstance(value, (list, tuple, Mapping)):
        return None
    if isinstance(items, Mapping):
        return list(items.values())
    if isinstance(items, (list, tuple, range)):
        return list(items)
    return None


def where(items: Any, prop: Any, value: Any) -> Any:
    seq = _searched(items, prop, value)
    if seq is None:
        return items
    return [i for i in seq if _property_matches(item_property(i, prop), value)]


def find(items: Any, prop: Any, value: Any) -> Any:
    seq = _searched(items, prop, value)
    if seq is None:
        return items
    return next((i for i in seq if _property_matches(item_property(i, prop), value)), None)


def groupable(items: Any) -> list | None:
    """What ``group_by`` and ``group_by_exp`` group: a list, or a hash's pairs."""
    if isinstance(items, (Mapping, list, tuple, range)):
        return _entries(items)
    return None


def group_by(items: Any, prop: Any) -> Any:
    """``[{"name", "items", "size"}]`` in first-seen order, names as text."""
    seq = groupable(items)
    if seq is None:
        return items
    groups: dict[str, list] = {}
    for item in seq:
        groups.setdefault(ruby_to_s(item_property(item, prop)), []).append(item)
    return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]


def _sorted(items: list, compare: Callable[[Any, Any], int]) -> list:
    return sorted(items, key=functools.cmp_to_key(compare))


def _plain_order(a: Any, b: Any) -> int:
    order = spaceship(a, b)
    if order is None:
        raise RubyTypeError(comparison_failed(a, b))
    return order


def sort(items: Any, prop: Any = None, nils: Any = "first") -> Any:
    """Plain (values of different kinds stop the build), or by a property with nils
    ``first`` (default) or ``last``; property values of different kinds compare as text."""
    if items is None or is_undefined(items):
        raise RubyTypeError("Cannot sort a null object.")
    if prop is None:
        if not isinstance(items, (Mapping, list, tuple, range)):
            raise no_method("sort", items)
        return _sorted(_entries(items), _plain_order)
    if nils not in ("first", "last"):
        raise RubyTypeError(f"Invalid nils order: '{ruby_to_s(nils)}' is not a valid nils order. "
                            "It must be 'first' or 'last'.")
    if not isinstance(items, (Mapping, list, tuple, range)):
        raise no_method("map", items)
    nil_side = -1 if nils == "first" else 1
    keyed = [(item_property(i, prop), i) for i in _entries(items)]

    def by_property(a: tuple, b: tuple) -> int:
        x, y = a[0], b[0]
        if x is None or y is None:
            return 0 if x is y else nil_side if x is None else -nil_side
        order = spaceship(x, y)
        if order is None:
            return spaceship(ruby_to_s(x), ruby_to_s(y)) or 0
        return order
    return [i for _, i in _sorted(keyed, by_property)]


def _count(num: Any) -> int:
    n = strict_integer(num)
    if n < 0:
        raise RubyTypeError("negative array size")
    return n


def pop(array: Any, num: Any = 1) -> Any:
    """A copy without the last ``num`` items; anything but an array unchanged."""
    if not isinstance(array, (list, tuple)):
        return array
    return list(array[: max(len(array) - _count(num), 0)])


def shift(array: Any, num: Any = 1) -> Any:
    """A copy without the first ``num`` items."""
    if not isinstance(array, (list, tuple)):
        return array
    return list(array[_count(num):])


def push(array: Any, value: Any) -> Any:
    return [*array, value] if isinstance(array, (list, tuple)) else array


def unshift(array: Any, value: Any) -> Any:
    return [value, *array] if isinstance(array, (list, tuple)) else array


def sample(items: Any, num: Any = 1, rng: random.Random | None = None) -> Any:
    """One random item (``num`` 1), or a list of ``num`` different ones."""
    if not isinstance(items, (list, tuple)):
        return items
    r = rng or random
    n = to_integer(num)
    if n == 1:
        return r.choice(items) if items else None
    return r.sample(list(items), min(max(n, 0), len(items)))
