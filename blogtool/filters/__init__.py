"""Jekyll's filters as plain functions, shared by both template engines.

The Liquid engine (:mod:`blogtool.liquid`) and the Jinja theme (:mod:`blogtool.theme`) wrap
the same functions: each passes the site's settings explicitly (``baseurl``, ``zone``...), so
the functions stay pure. Expected results come from a real ``jekyll build``
(tests/test_filters.py) and from real Ruby Liquid (tests/test_liquid_ruby_filters.py).

* ``rubyvalues``  how Ruby prints, names, equates and orders values
* ``urls``        relative_url, absolute_url, strip_index
* ``dates``       date, date_to_string and friends
* ``strftime``    Ruby 3.1's Time#strftime (flags, widths, composites, literal unknowns)
* ``text``        escaping, slugs, word counts, sentences, to_integer, markdownify, sassify
* ``smartify``    typographic quotes and dashes
* ``tojson``      jsonify
* ``arrays``      where, find, group_by, sort, push, pop, shift, unshift, sample
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .arrays import (
    find,
    group_by,
    item_property,
    parse_sort_input,
    pop,
    push,
    sample,
    shift,
    sort,
    unshift,
    where,
)
from .dates import (
    InvalidDate,
    date,
    date_to_long_string,
    date_to_rfc822,
    date_to_string,
    date_to_xmlschema,
    ruby_strftime,
    to_time,
)
from .rubyvalues import ruby_inspect, ruby_to_s, to_ruby_string
from .smartify import smartify
from .text import (
    array_to_sentence_string,
    cgi_escape,
    escape_html,
    inspect,
    markdownify,
    normalize_whitespace,
    number_of_words,
    sassify,
    slugify,
    to_integer,
    xml_escape,
)
from .tojson import as_json_value, jsonify
from .urls import absolute_url, relative_url, strip_index, uri_escape

#: Jekyll filters that need no site settings; each engine only wraps them for its own values.
PLAIN: dict[str, Callable[..., Any]] = {
    "strip_index": strip_index, "xml_escape": xml_escape, "cgi_escape": cgi_escape,
    "uri_escape": uri_escape, "normalize_whitespace": normalize_whitespace,
    "slugify": slugify, "number_of_words": number_of_words,
    "array_to_sentence_string": array_to_sentence_string, "jsonify": jsonify,
    "inspect": inspect, "to_integer": to_integer, "smartify": smartify, "sassify": sassify,
    "scssify": functools.partial(sassify, scss=True), "where": where, "find": find,
    "group_by": group_by, "sort": sort, "push": push, "pop": pop, "shift": shift,
    "unshift": unshift, "sample": sample,
}

#: Jekyll's date filters: they also take the site's time zone (keyword ``zone``).
ZONED: dict[str, Callable[..., Any]] = {
    "date_to_string": date_to_string, "date_to_long_string": date_to_long_string,
    "date_to_xmlschema": date_to_xmlschema, "date_to_rfc822": date_to_rfc822,
}

__all__ = [
    "PLAIN", "ZONED", "InvalidDate", "absolute_url", "array_to_sentence_string", "as_json_value",
    "cgi_escape", "date", "date_to_long_string", "date_to_rfc822", "date_to_string",
    "date_to_xmlschema", "escape_html", "find", "group_by", "inspect", "item_property",
    "jsonify", "markdownify", "normalize_whitespace", "number_of_words", "parse_sort_input",
    "pop", "push", "relative_url", "ruby_inspect", "ruby_strftime", "ruby_to_s", "sample",
    "sassify", "shift", "slugify", "smartify", "sort", "strip_index", "to_integer",
    "to_ruby_string", "to_time", "unshift", "uri_escape", "where", "xml_escape",
]
