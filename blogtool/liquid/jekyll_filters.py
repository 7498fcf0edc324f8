"""Registers :mod:`blogtool.filters` in the Liquid environment.

The wrappers here only read the site's settings (base URL, time zone, Markdown options) from
the render context and turn a filter's own errors into python-liquid's, so that the engine can
report them with the line of the ``{{ }}``. The filters that need Liquid itself
(``where_exp``, ``find_exp``, ``group_by_exp``) live here.

``markdownify`` uses :data:`MARKDOWN_OPTIONS`, which the build pipeline sets once per process
with :func:`set_markdown_options` (``None`` means the defaults of ``MarkupOptions``).
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from liquid.exceptions import FilterArgumentError
from liquid.filter import with_context

from blogtool import filters as F

from . import jekyll_ruby as R
from .rubyexpr import RubySyntaxError, lax_variable, ruby_eq, strict_variable, truthy
from .standard_filters import to_s
from .state import EnvironmentRef

# Jekyll's filters with Ruby's handling of every input type (blogtool.filters has the logic
# the Jinja theme shares)
JEKYLL_RUBY: dict[str, Callable] = {
    "strip_index": R.strip_index, "slugify": R.slugify, "xml_escape": R.xml_escape,
    "cgi_escape": R.cgi_escape, "uri_escape": R.uri_escape,
    "normalize_whitespace": R.normalize_whitespace, "number_of_words": R.number_of_words,
    "array_to_sentence_string": R.array_to_sentence_string, "inspect": R.inspect,
    "to_integer": R.to_integer, "jsonify": R.jsonify, "where": R.where, "find": R.find,
    "group_by": R.group_by, "sort": R.sort, "pop": R.pop, "shift": R.shift, "push": R.push,
    "unshift": R.unshift, "smartify": R.smartify,
}

if TYPE_CHECKING:
    from liquid.context import RenderContext


MARKDOWN_OPTIONS: Any = None


def set_markdown_options(options: Any) -> None:
    """Called by the pipeline (in every worker) with the site's ``MarkupOptions``."""
    global MARKDOWN_OPTIONS
    MARKDOWN_OPTIONS = options


# Ruby Liquid 5.4 has no such filters: an unknown filter leaves the value unchanged in Jekyll.
_NOT_IN_LIQUID_5_4 = ("has", "reject", "find_index", "sum", "squish", "escapejs", "safe")


def _errors(func: Callable) -> Callable:
    """A filter's ValueError (bad date, bad sort) becomes a located Liquid error."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except FilterArgumentError:
            raise
        except (ValueError, ArithmeticError, KeyError, AttributeError, TypeError) as exc:
            raise FilterArgumentError(str(exc), token=None) from exc
    return wrapper


def _undef(value: Any) -> Any:
    return None if F._is_undefined(value) else value


def _settings(context: RenderContext) -> Any:
    return context.state.engine.settings  # type: ignore[attr-defined]


def _zone(context: RenderContext) -> Any:
    return context.state.engine.zone  # type: ignore[attr-defined]


_PARSED: dict[tuple[str, str, str], Any] = {}


def _parse(env: EnvironmentRef, kind: str, text: str) -> Any:
    """A ``where_exp`` condition (Ruby's strict parser) or a ``group_by_exp`` expression
    (a Liquid variable: strict, then lax unless ``error_mode: strict``), cached."""
    key = (kind, text, env.error_mode)
    parsed = _PARSED.get(key)
    if parsed is None:
        try:
            if kind == "bool":
                parsed = R.parse_condition(text)
            else:
                try:
                    parsed = strict_variable(text)
                except RubySyntaxError:
                    if env.error_mode == "strict":
                        raise
                    parsed = lax_variable(text)
        except RubySyntaxError as err:
            raise FilterArgumentError(f"Liquid syntax error: {err.message} in \"{text}\"",
                                      token=None) from None
        if len(_PARSED) > 1024:
            _PARSED.clear()
        _PARSED[key] = parsed
    return parsed


def _select(input: Any, variable: Any, expression: Any, context: RenderContext,
            first: bool) -> Any:
    if isinstance(input, Mapping):
        items: list | None = list(input.values())
    elif isinstance(input, (list, tuple, range)):
        items = list(input)
    else:
        items = None
    if items is None:
        return input
    condition = _parse(context.env, "bool", to_s(expression))  # type: ignore[arg-type]
    name = to_s(variable)
    out = []
    for item in items:
        with context.extend({name: item}):
            if truthy(condition.evaluate(context)):
                if first:
                    return item
                out.append(item)
    return None if first else out


def register(env: EnvironmentRef) -> None:
    """Add Jekyll's filters and fix python-liquid's where they differ from Ruby Liquid."""
    for name in _NOT_IN_LIQUID_5_4:
        env.filters.pop(name, None)

    @with_context
    @_errors
    def relative_url(value: Any, *, context: RenderContext) -> Any:
        return R.relative_url(_undef(value), _settings(context).baseurl)

    @with_context
    @_errors
    def absolute_url(value: Any, *, context: RenderContext) -> Any:
        s = _settings(context)
        return R.absolute_url(_undef(value), s.url, s.baseurl)

    @with_context
    @_errors
    def date(value: Any, fmt: Any = None, *, context: RenderContext) -> Any:
        return F.date(_undef(value), _undef(fmt), _zone(context))

    def _date_filter(func: Callable) -> Callable:
        @with_context
        @_errors
        def wrapper(value: Any, *args: Any, context: RenderContext) -> Any:
            return func(_undef(value), *[_undef(a) for a in args], zone=_zone(context))
        return wrapper

    @with_context
    @_errors
    def markdownify(value: Any, *, context: RenderContext) -> str:
        return F.markdownify(_undef(value), MARKDOWN_OPTIONS)

    @with_context
    @_errors
    def where_exp(input: Any, variable: Any, expression: Any, *, context: RenderContext) -> Any:
        return _select(input, variable, expression, context, first=False)

    @with_context
    @_errors
    def find_exp(input: Any, variable: Any, expression: Any, *, context: RenderContext) -> Any:
        return _select(input, variable, expression, context, first=True)

    @with_context
    @_errors
    def group_by_exp(input: Any, variable: Any, expression: Any, *,
                     context: RenderContext) -> Any:
        items = R._groupable(input)
        if items is None:
            return input
        expr = _parse(context.env, "variable", to_s(expression))  # type: ignore[arg-type]
        name = to_s(variable)
        groups: list[tuple[Any, list]] = []
        for item in items:
            with context.extend({name: item}):
                value = expr.evaluate(context)
            for group in groups:
                if type(group[0]) is type(value) and ruby_eq(group[0], value):
                    group[1].append(item)
                    break
            else:
                groups.append((value, [item]))
        return [{"name": k, "items": v, "size": len(v)} for k, v in groups]

    def plain(func: Callable) -> Callable:
        @_errors
        def wrapper(value: Any, *args: Any) -> Any:
            return func(_undef(value), *[_undef(a) for a in args])
        return wrapper

    from .standard_filters import FILTERS as LIQUID
    table: dict[str, Callable] = {
        **{name: plain(func) for name, func in LIQUID.items()},
        **{name: plain(func) for name, func in F.PLAIN.items() if name != "join"},
        **{name: plain(func) for name, func in JEKYLL_RUBY.items()},
        **{name: _date_filter(func) for name, func in F.ZONED.items()},
        "relative_url": relative_url,
        "absolute_url": absolute_url,
        "date": date,
        "markdownify": markdownify,
        "where_exp": where_exp,
        "find_exp": find_exp,
        "group_by_exp": group_by_exp,
    }
    for name, func in table.items():
        env.add_filter(name, func)
