"""The values of Liquid markup and how they evaluate.

:func:`read_value` turns one operand's text into a value: ``'text'`` and ``"text"``,
``42``, ``-1.5``, ``(1..n)``, ``true``/``false``/``nil``/``empty``/``blank``, or a variable
path. A path keeps only its ``[...]`` parts and its runs of word characters and ``-``, so
``site.categories.['C Sharp']`` reads ``site``, ``categories``, ``C Sharp`` and ``a$b`` reads
``a`` then ``b``. The rest of the markup (filters, operators) is read by :mod:`.strict` or,
when that fails, by :mod:`.lax`; both end here.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any

from liquid.exceptions import LiquidError, UndefinedError
from liquid.token import Token
from liquid.undefined import Undefined

from blogtool.filters.rubyvalues import (
    JEKYLL_BLANK,
    JEKYLL_EMPTY,
    JekyllLiteral,
    ruby_strip,
    to_ruby_string,
)

from .values import (
    BLANK,
    EMPTY,
    METHODS,
    OPERATORS,
    PLAIN_TYPES,
    RubyArgumentError,
    answers,
    as_read,
    literal_range_end,
    range_end,
    read_key,
    truthy,
)


class Expr:
    """Something evaluated against a render context; python-liquid's nodes call
    ``evaluate`` and ``children``."""

    __slots__ = ("token",)

    def __init__(self, token: Token | None = None):
        self.token = token

    def evaluate(self, context: Any) -> Any:
        raise NotImplementedError

    async def evaluate_async(self, context: Any) -> Any:
        return self.evaluate(context)

    def children(self) -> list:
        return []


def evaluate(value: Any, context: Any) -> Any:
    """An expression's value, or a plain value (a literal) as it is."""
    return value.evaluate(context) if isinstance(value, Expr) else value


# --- reading one operand ------------------------------------------------------------------------

_S = r"[ \t\n\v\f\r]"
_INTEGER = re.compile(r"-?[0-9]+")
_FLOATISH = re.compile(r"-?[0-9][0-9.]+")
_FLOAT_PART = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
# ``(a..b)``: the longest first end that ``..`` follows, then everything to the final ``)``
_RANGE = re.compile(rf"\({_S}*(?>([^ \t\n\v\f\r]+){_S}*\.\.){_S}*([^ \t\n\v\f\r]+){_S}*\)")
_WORDS: dict[str, Any] = {"": None, "nil": None, "null": None, "true": True, "false": False,
                          "empty": JEKYLL_EMPTY, "blank": JEKYLL_BLANK}
_NOT_A_WORD = object()


def read_value(markup: str | None, token: Token | None = None) -> Any:
    """A literal's value, or an :class:`Expr` (a path, or a range with a variable end)."""
    if markup is None:
        return None
    text = ruby_strip(markup)
    if text[:1] in ("'", '"') and text.endswith(text[0]):
        return text[1:-1]    # a lone quote is a string that starts and ends with itself: ""
    if _INTEGER.fullmatch(text):
        return int(text)
    ends = _RANGE.fullmatch(text)
    if ends:
        first, last = read_value(ends.group(1), token), read_value(ends.group(2), token)
        if isinstance(first, Expr) or isinstance(last, Expr):
            return Span(first, last, text)
        return range(literal_range_end(first), literal_range_end(last) + 1)
    if _FLOATISH.fullmatch(text):
        return float(_FLOAT_PART.match(text).group(0))  # type: ignore[union-attr]
    word = _WORDS.get(text, _NOT_A_WORD)
    if word is not _NOT_A_WORD:
        return word
    return Path(text, token)


def condition_value(markup: str | None, token: Token | None = None) -> Any:
    """An operand of a condition: there ``empty`` and ``blank`` test the other side."""
    if markup == "empty":
        return EMPTY
    if markup == "blank":
        return BLANK
    return read_value(markup, token)


class Span(Expr):
    """``(1..n)``: a range whose ends are read when it renders."""

    __slots__ = ("first", "last", "text")

    def __init__(self, first: Any, last: Any, text: str):
        super().__init__()
        self.first, self.last, self.text = first, last, text

    def evaluate(self, context: Any) -> range:
        return range(range_end(evaluate(self.first, context)),
                     range_end(evaluate(self.last, context)) + 1)

    def __str__(self) -> str:
        return self.text


_PATH_PIECE = re.compile(r"\[[^\]]+\]|[A-Za-z0-9_-]+\??")
_ABSENT = object()


def _undefined(context: Any, key: Any, token: Token | None) -> None:
    """A missing variable or key: nil, or the build stops under ``strict_variables``."""
    if getattr(context.env, "strict_variables_ruby", False):
        raise UndefinedError(f"Liquid error: undefined variable {to_ruby_string(key)}",
                             token=token)


class Path(Expr):
    """A variable and the keys read from it: ``page.tags[0]``, ``site.data[name].size``."""

    __slots__ = ("text", "root", "steps")

    def __init__(self, markup: str, token: Token | None = None):
        super().__init__(token)
        self.text = markup
        pieces = _PATH_PIECE.findall(markup)
        head = pieces.pop(0) if pieces else None
        self.root: Any = self._key(head, token) if head is not None else None
        # (key, whether size/first/last may answer for a missing key)
        self.steps: tuple[tuple[Any, bool], ...] = tuple(
            (self._key(piece, token), piece in METHODS) for piece in pieces)

    @staticmethod
    def _key(piece: str, token: Token | None) -> Any:
        if piece.startswith("[") and piece.endswith("]"):
            return read_value(piece[1:-1], token)
        return piece

    def __str__(self) -> str:
        return self.text

    def children(self) -> list:
        return [x for x in (self.root, *(key for key, _ in self.steps)) if isinstance(x, Expr)]

    def evaluate(self, context: Any) -> Any:
        name = self.root
        if isinstance(name, Expr):
            name = name.evaluate(context)
        try:
            if not isinstance(name, str):
                raise KeyError(name)
            obj = context.scope[name]
        except (KeyError, TypeError, IndexError):
            _undefined(context, name, self.token)
            return None
        if type(obj) not in PLAIN_TYPES:
            obj = None if isinstance(obj, Undefined) else as_read(obj)
        for key, method in self.steps:
            if type(key) is str and isinstance(obj, dict):
                value = obj.get(key, _ABSENT)   # the common case, read as read_key reads it
                if value is not _ABSENT:
                    obj = value if type(value) in PLAIN_TYPES else as_read(value)
                    continue
            if isinstance(key, Expr):
                key = key.evaluate(context)
            found, value = read_key(obj, key)
            if found:
                obj = value
            elif method and answers(obj, key):
                obj = METHODS[key](obj)
            else:
                _undefined(context, key, self.token)
                return None
        return obj


# --- filters ------------------------------------------------------------------------------------


class FilterCall:
    """One ``| name: arg, key: value`` of an output; the function is looked up once per
    environment."""

    __slots__ = ("name", "args", "kwargs", "_env", "_func", "_wants_context")

    def __init__(self, name: str, args: list[Any], kwargs: dict[str, Any] | None):
        self.name, self.args, self.kwargs = name, args, kwargs
        self._env: Any = None
        self._func: Callable[..., Any] | None = None
        self._wants_context = False

    def function(self, context: Any, token: Token | None) -> Callable[..., Any]:
        env = context.env
        if env is not self._env:
            func = env.filters.get(self.name)
            if func is None or getattr(func, "with_environment", False):
                return context.filter(self.name, token=token)   # warns, or stops when strict
            self._env, self._func = env, func
            self._wants_context = bool(getattr(func, "with_context", False))
        func = self._func
        assert func is not None
        return partial(func, context=context) if self._wants_context else func


class Filtered(Expr):
    """``{{ value | filter: args | ... }}``: the value (None for ``{{ }}``) through each
    filter. A filter called with the wrong arguments stops the build with its name. The
    first filter may get Jekyll's ``empty`` object itself; what a filter returns is read as
    a value, so ``{{ empty | where: "a", 1 | default: "d" }}`` writes ``d``."""

    __slots__ = ("value", "filters")

    def __init__(self, value: Any = None, filters: list[FilterCall] | None = None,
                 token: Token | None = None):
        super().__init__(token)
        self.value = value
        self.filters = filters or []

    def evaluate(self, context: Any) -> Any:
        value = self.value.evaluate(context) if isinstance(self.value, Expr) else self.value
        env = context.env
        for call in self.filters:
            func = call._func
            with_context = False
            if call._env is not env or func is None:
                func = call.function(context, self.token)
            else:                          # known in this environment: called directly
                with_context = call._wants_context
            args = [a.evaluate(context) if isinstance(a, Expr) else a for a in call.args] \
                if call.args else ()
            try:
                if call.kwargs:
                    named = {k: evaluate(v, context) for k, v in call.kwargs.items()}
                    if with_context:      # as functools.partial merges them
                        named = {"context": context, **named}
                    value = func(value, *args, **named)
                elif with_context:
                    value = func(value, *args, context=context)
                else:
                    value = func(value, *args)
            except TypeError as err:
                raise RubyArgumentError(f"Liquid error: {call.name}: {err}",
                                        token=self.token) from err
            except LiquidError as err:
                if err.token is None:
                    err.token = self.token
                raise
            if value.__class__ is JekyllLiteral:
                value = ""   # what a filter returns is read as a template value
        return value

    def children(self) -> list:
        return [x for x in (self.value, *(a for f in self.filters for a in f.args))
                if isinstance(x, Expr)]


# --- conditions ---------------------------------------------------------------------------------


class Comparison:
    """``left op right``, or a lone operand (its own value decides)."""

    __slots__ = ("left", "op", "right", "test")

    def __init__(self, left: Any, op: str | None = None, right: Any = None):
        self.left, self.op, self.right = left, op, right
        self.test = OPERATORS.get(op) if op else None

    def evaluate(self, context: Any) -> Any:
        left = evaluate(self.left, context)
        if self.op is None:
            return left
        right = evaluate(self.right, context)
        if self.test is None:
            raise RubyArgumentError(f"Liquid error: Unknown operator {self.op}", token=None)
        return self.test(left, right)


class Condition(Expr):
    """Comparisons joined by ``and``/``or``, grouped from the right: ``a or b and c`` is
    ``a or (b and c)``. The value is that of the last comparison evaluated."""

    __slots__ = ("terms", "joins")

    def __init__(self, terms: list[Comparison], joins: list[str], token: Token | None = None):
        super().__init__(token)
        self.terms, self.joins = terms, joins

    def evaluate(self, context: Any) -> Any:
        result = self.terms[0].evaluate(context)
        for join, term in zip(self.joins, self.terms[1:], strict=True):
            if (join == "or") == truthy(result):
                return result   # ``true or ...`` and ``false and ...`` go no further
            result = term.evaluate(context)
        return result

    def holds(self, context: Any) -> bool:
        return truthy(self.evaluate(context))
