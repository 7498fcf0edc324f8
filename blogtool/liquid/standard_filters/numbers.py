"""Liquid's math filters as Jekyll runs them: numbers read from text (``"3"`` is 3,
``"2.5"`` a decimal, other text 0), decimal arithmetic for anything with a fraction
(``0.1 | plus: 0.2`` is ``0.3``, not ``0.30000000000000004``), integer division that rounds
down, and ``divided_by: 0`` stopping the build."""
from __future__ import annotations

import decimal
import math
import operator
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from blogtool.filters.rubyvalues import float_to_s, leading_integer, ruby_strip

from ..values import RubyArgumentError

_CTX = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_UP)


def error(message: str) -> RubyArgumentError:
    return RubyArgumentError(f"Liquid error: {message}", token=None)


_DECIMAL_STRING = re.compile(r"\A-?[0-9]+\.[0-9]+\Z")


def to_number(obj: Any) -> int | Decimal:
    """Floats and decimal text as decimals, other text by its leading digits, anything
    else 0."""
    if isinstance(obj, bool) or obj is None:
        return 0
    if isinstance(obj, float):
        if math.isnan(obj) or math.isinf(obj):
            raise error("FloatDomainError")
        return Decimal(float_to_s(obj))
    if isinstance(obj, (int, Decimal)):
        return obj
    if isinstance(obj, str):
        text = ruby_strip(obj)
        if _DECIMAL_STRING.match(text):
            return Decimal(text)
        return leading_integer(obj)
    return 0


def _out(result: Any) -> Any:
    return float(result) if isinstance(result, Decimal) else result


# plus, minus and times: integers as integers, anything with a decimal in decimal arithmetic
_SIMPLE = {"+": (operator.add, _CTX.add), "-": (operator.sub, _CTX.subtract),
           "*": (operator.mul, _CTX.multiply)}


def _operate(a: Any, b: Any, op: str) -> Any:
    x, y = to_number(a), to_number(b)
    if op in _SIMPLE:
        on_ints, on_decimals = _SIMPLE[op]
        if isinstance(x, Decimal) or isinstance(y, Decimal):
            return _out(on_decimals(x, y))
        return on_ints(x, y)
    if y == 0:
        raise error("divided by 0")
    if isinstance(x, int) and isinstance(y, int):
        return x // y if op == "/" else x % y
    dx, dy = Decimal(x), Decimal(y)
    if op == "/":
        return _out(_CTX.divide(dx, dy))
    quotient = _CTX.divide(dx, dy).to_integral_value(rounding=decimal.ROUND_FLOOR)
    return _out(_CTX.subtract(dx, _CTX.multiply(dy, quotient)))


def _arithmetic(op: str) -> Callable[[Any, Any], Any]:
    def apply(a: Any, b: Any) -> Any:
        return _operate(a, b, op)
    return apply


plus, minus, times, divided_by, modulo = (_arithmetic(op) for op in "+-*/%")


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

