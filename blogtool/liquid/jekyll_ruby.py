"""Jekyll's text filters as the Liquid engine runs them: the plain functions of
:mod:`blogtool.filters`, stopping the build where Jekyll's Ruby has no method for the input
(``{{ 5 | slugify }}``: undefined method `gsub' for 5:Integer; ``{{ true | cgi_escape }}``),
and ``smartify`` writing entities for a non-string whose text is ASCII. The Jinja theme keeps
the lenient plain functions for these four.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from blogtool import filters as F
from blogtool.filters.arrays import sort, where
from blogtool.filters.rubyvalues import (
    RubyTypeError,
    no_conversion,
    no_method,
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


__all__ = ["RubyTypeError", "absolute_url", "cgi_escape", "normalize_whitespace",
           "number_of_words", "relative_url", "slugify", "smartify", "sort", "strip_index",
           "uri_escape", "where", "xml_escape"]
