"""The filters of the Liquid environment: Liquid's standard ones, Jekyll's, and those that
need Liquid itself (``where_exp``, ``find_exp``, ``group_by_exp``).

Every filter gets undefined values as nil, and a filter's own error (a bad date, values
that do not sort) becomes a Liquid error that the engine reports with the line of the
``{{ }}``. The site's base URL, time zone and Markdown options come from the engine's
settings through the render context.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from liquid.exceptions import FilterArgumentError
from liquid.filter import with_context
from liquid.undefined import Undefined

from blogtool import filters as F
from blogtool.filters.arrays import groupable
from blogtool.filters.rubyvalues import ruby_eq, ruby_to_s

from . import jekyll_ruby as R
from . import lax, strict
from .expressions import read_value
from .standard_filters import FILTERS as LIQUID
from .state import EnvironmentRef
from .values import PLAIN_TYPES, RubySyntaxError

if TYPE_CHECKING:
    from liquid.context import RenderContext

# Jekyll's filters where Liquid's type rules differ from the plain functions'
JEKYLL_RUBY: dict[str, Callable] = {
    "slugify": R.slugify, "cgi_escape": R.cgi_escape, "number_of_words": R.number_of_words,
    "smartify": R.smartify,
}

# Filters python-liquid has and Liquid 5.4 does not: under Jekyll they leave the value as it is.
_NOT_IN_LIQUID_5_4 = ("has", "reject", "find_index", "sum", "squish", "escapejs", "safe")
_OWN_ERRORS = (ValueError, ArithmeticError, KeyError, AttributeError, TypeError)


def _nil(value: Any) -> Any:
    if type(value) in PLAIN_TYPES:
        return value
    return None if isinstance(value, Undefined) else value


def _plain(func: Callable) -> Callable:
    """The filter with undefined arguments as nil and its own errors (a bad date, values
    that do not sort) as Liquid errors."""

    def call(value: Any, *args: Any) -> Any:
        if type(value) not in PLAIN_TYPES:
            value = _nil(value)
        try:
            return func(value, *[_nil(a) for a in args]) if args else func(value)
        except FilterArgumentError:
            raise
        except _OWN_ERRORS as exc:
            raise FilterArgumentError(str(exc), token=None) from exc
    call.__name__ = getattr(func, "__name__", "filter")
    return call


def _in_context(func: Callable) -> Callable:
    """A filter that reads the render context: ``func(context, value, *args)``."""

    @with_context
    def call(value: Any, *args: Any, context: RenderContext) -> Any:
        if type(value) not in PLAIN_TYPES:
            value = _nil(value)
        try:
            return func(context, value, *[_nil(a) for a in args]) if args else \
                func(context, value)
        except FilterArgumentError:
            raise
        except _OWN_ERRORS as exc:
            raise FilterArgumentError(str(exc), token=None) from exc
    return call


def _settings(context: RenderContext) -> Any:
    return context.state.engine.settings  # type: ignore[attr-defined]


def _zone(context: RenderContext) -> Any:
    return context.state.engine.zone  # type: ignore[attr-defined]


def _now(context: RenderContext) -> Any:
    """What ``"now"`` reads: the build's clock as ``site.time`` offers it (``clock_now``,
    which records what is read of it), else None (the machine's clock)."""
    site = context.globals.get("site")
    return getattr(dict.get(site, "time") if isinstance(site, dict) else None, "clock_now", None)


_PARSED: dict[tuple[str, str, str], Any] = {}


def _parsed(env: EnvironmentRef, kind: str, text: str) -> Any:
    """A ``where_exp`` condition (strict only) or a ``group_by_exp`` expression (strict,
    then lax unless ``error_mode: strict``), cached by text."""
    key = (kind, text, env.error_mode)
    parsed = _PARSED.get(key)
    if parsed is None:
        try:
            if kind == "condition":
                parsed = strict.read_condition(text, None, read_value)
            else:
                try:
                    parsed = strict.read_output(text)
                except RubySyntaxError:
                    if env.error_mode == "strict":
                        raise
                    parsed = lax.read_output(text)
        except RubySyntaxError as err:
            raise FilterArgumentError(f"Liquid syntax error: {err.message} in \"{text}\"",
                                      token=None) from None
        if len(_PARSED) > 1024:
            _PARSED.clear()
        _PARSED[key] = parsed
    return parsed


def _select(context: RenderContext, items: Any, variable: Any, expression: Any,
            first: bool) -> Any:
    if isinstance(items, Mapping):
        seq = list(items.values())
    elif isinstance(items, (list, tuple, range)):
        seq = list(items)
    else:
        return items
    condition = _parsed(context.env, "condition", ruby_to_s(expression))
    name = ruby_to_s(variable)
    out = []
    for item in seq:
        with context.extend({name: item}):
            if condition.holds(context):
                if first:
                    return item
                out.append(item)
    return None if first else out


def _where_exp(context: RenderContext, items: Any, variable: Any, expression: Any) -> Any:
    return _select(context, items, variable, expression, first=False)


def _find_exp(context: RenderContext, items: Any, variable: Any, expression: Any) -> Any:
    return _select(context, items, variable, expression, first=True)


def _group_by_exp(context: RenderContext, items: Any, variable: Any, expression: Any) -> Any:
    """Groups by the expression's value; values group together only when of the same type
    and equal (``1`` and ``1.0`` apart)."""
    seq = groupable(items)
    if seq is None:
        return items
    expr = _parsed(context.env, "output", ruby_to_s(expression))
    name = ruby_to_s(variable)
    groups: list[tuple[Any, list]] = []
    for item in seq:
        with context.extend({name: item}):
            value = expr.evaluate(context)
        for group in groups:
            if type(group[0]) is type(value) and ruby_eq(group[0], value):
                group[1].append(item)
                break
        else:
            groups.append((value, [item]))
    return [{"name": k, "items": v, "size": len(v)} for k, v in groups]


def _zoned(func: Callable) -> Callable:
    return lambda context, value, *args: func(value, *args, zone=_zone(context),
                                              now=_now(context))


_WITH_CONTEXT: dict[str, Callable] = {
    "relative_url": lambda c, v: F.relative_url(v, _settings(c).baseurl),
    "absolute_url": lambda c, v: F.absolute_url(v, _settings(c).url, _settings(c).baseurl),
    "date": lambda c, v, fmt=None: F.date(v, fmt, _zone(c), _now(c)),
    "markdownify": lambda c, v: F.markdownify(v, _settings(c).markdown),
    "where_exp": _where_exp, "find_exp": _find_exp, "group_by_exp": _group_by_exp,
}


def register(env: EnvironmentRef) -> None:
    """Liquid's filters, then Jekyll's over them; python-liquid's extras removed."""
    for name in _NOT_IN_LIQUID_5_4:
        env.filters.pop(name, None)
    table: dict[str, Callable] = {
        **{name: _plain(func) for name, func in LIQUID.items()},
        **{name: _plain(func) for name, func in F.PLAIN.items()},
        **{name: _plain(func) for name, func in JEKYLL_RUBY.items()},
        **{name: _in_context(_zoned(func)) for name, func in F.ZONED.items()},
        **{name: _in_context(func) for name, func in _WITH_CONTEXT.items()},
    }
    for name, func in table.items():
        env.add_filter(name, func)
