"""Reading the site payload the way a Liquid template of a Jekyll plugin would, for the pages
blogtool writes in Python in those plugins' shapes (feed, sitemap, redirects).

``PageView`` is what such a page gets at render time: the ``site`` and ``page`` payloads
(tracked dicts, so every read is recorded for the cache like a template's), the site's URL
settings and time zone, and Jekyll's version. The helpers give payload values Ruby Liquid's
meaning: only ``nil`` and ``false`` are false, ``x.key`` on anything but a hash is ``nil``,
``default`` replaces empty strings and lists too, and values print as Ruby prints them.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ... import filters
from ...liquid import jekyll_ruby as ruby
from ...liquid.standard_filters import default
from ...liquid.values import truthy

__all__ = ["PageView", "prop", "truthy", "default", "text", "items", "select", "contains"]


@dataclass(frozen=True)
class PageView:
    """One generated page at render time."""

    site: Mapping[str, Any]
    page: Mapping[str, Any]
    url: str
    baseurl: str
    zone: _dt.tzinfo
    jekyll_version: str

    def absolute(self, value: Any) -> Any:
        """``absolute_url``: the site's ``url`` and ``baseurl`` before a path."""
        return ruby.absolute_url(value, self.url, self.baseurl)

    def xmlschema(self, value: Any) -> Any:
        """``date_to_xmlschema`` in the site's zone; raises ``ValueError`` on a bad date."""
        return filters.date_to_xmlschema(value, zone=self.zone)


def prop(obj: Any, key: Any) -> Any:
    """``obj.key`` / ``obj[key]``: a hash's value, a list's item by integer index, else nil."""
    if isinstance(obj, Mapping):
        try:
            return obj.get(key)
        except TypeError:          # a hash or list as key: no such key
            return None
    if isinstance(obj, (list, tuple)) and type(key) is int and -len(obj) <= key < len(obj):
        return obj[key]
    return None


def text(value: Any) -> str:
    """How ``{{ value }}`` prints."""
    return filters.to_ruby_string(value)


def items(value: Any) -> list:
    """What ``{% for x in value %}`` visits: a list's items, a hash's ``[key, value]`` pairs,
    a non-empty string once, nothing for nil or a number."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Mapping):
        return [[k, v] for k, v in value.items()]
    if isinstance(value, str):
        return [value] if value else []
    return []


def select(value: Any, keep: Callable[[Any], bool]) -> Any:
    """``where_exp``: the items (a hash's values) for which ``keep`` holds; anything that is
    not a collection passes through unchanged."""
    if isinstance(value, Mapping):
        candidates: Iterable[Any] = value.values()
    elif isinstance(value, (list, tuple)):
        candidates = value
    else:
        return value
    return [item for item in candidates if keep(item)]


def contains(value: Any, part: str) -> bool:
    """Liquid's ``contains``: a substring of a string, an item of a list, a key of a hash."""
    if isinstance(value, str):
        return part in value
    if isinstance(value, (list, tuple)):
        return part in value
    if isinstance(value, Mapping):
        return part in value
    return False
