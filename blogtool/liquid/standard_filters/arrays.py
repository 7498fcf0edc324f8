"""Liquid's array filters as Jekyll runs them: the input flattened (a hash is one item, nil
no items), properties read as Ruby reads ``item[property]`` (text answers with the
property's text when it contains it, an integer with its bits), ``uniq`` telling ``1`` from
``1.0``, ``sort_natural`` ignoring ASCII case only."""
from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from blogtool.filters.rubyvalues import ruby_eq
from blogtool.filters.rubyvalues import ruby_to_s as to_s

from ..values import first_of, last_of, size_of
from .numbers import error


def _flatten(items: list) -> list:
    out: list = []
    for item in items:
        if isinstance(item, (list, tuple)):
            out.extend(_flatten(list(item)))
        else:
            out.append(item)
    return out


def input_iterator(a: Any) -> list:
    """The items a filter walks: arrays flattened, a hash is one item, nil none."""
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
    """Length of text, arrays, hashes and ranges; 8 for an integer; 0 for anything else."""
    return size_of(a) or 0


def join(a: Any, glue: Any = " ") -> str:
    return to_s(glue).join(to_s(item) for item in input_iterator(a))


first = first_of
last = last_of


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
        raise error(f"cannot select the property '{to_s(prop)}'")
    if isinstance(item, list):
        if isinstance(prop, int) and not isinstance(prop, bool):
            return True, item[prop] if -len(item) <= prop < len(item) else None
        raise error(f"cannot select the property '{to_s(prop)}'")
    if isinstance(item, int) and not isinstance(item, bool):
        if isinstance(prop, int) and not isinstance(prop, bool):
            return True, (item >> prop) & 1 if prop >= 0 else 0
        raise error(f"cannot select the property '{to_s(prop)}'")
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
        raise error("concat filter requires an array argument")
    return input_iterator(a) + list(b)



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

