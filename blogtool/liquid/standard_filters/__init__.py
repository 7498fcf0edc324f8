"""Liquid 5.4's standard filters with the answers Ruby gives, in three groups:
``numbers``, ``strings`` and ``arrays``. :data:`FILTERS` is what the engine registers."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .arrays import (
    compact,
    concat,
    default,
    first,
    input_iterator,
    join,
    last,
    map_,
    reverse,
    size,
    sort_natural,
    uniq,
)
from .numbers import (
    abs_,
    at_least,
    at_most,
    ceil,
    divided_by,
    floor,
    minus,
    modulo,
    plus,
    round_,
    times,
    to_number,
)
from .strings import (
    append,
    awk_split,
    base64_decode,
    base64_encode,
    base64_url_safe_decode,
    base64_url_safe_encode,
    capitalize,
    downcase,
    escape,
    escape_once,
    lstrip,
    newline_to_br,
    prepend,
    remove,
    remove_first,
    remove_last,
    replace,
    replace_first,
    replace_last,
    rstrip,
    ruby_split,
    slice_,
    split,
    strip_,
    strip_html,
    strip_newlines,
    truncate,
    truncatewords,
    upcase,
    url_decode,
    url_encode,
)

FILTERS: dict[str, Callable[..., Any]] = {
    "plus": plus, "minus": minus, "times": times, "divided_by": divided_by, "modulo": modulo,
    "abs": abs_, "round": round_, "ceil": ceil, "floor": floor, "at_least": at_least,
    "at_most": at_most, "downcase": downcase, "upcase": upcase, "capitalize": capitalize,
    "escape": escape, "h": escape, "escape_once": escape_once, "url_encode": url_encode,
    "url_decode": url_decode, "base64_encode": base64_encode, "base64_decode": base64_decode,
    "base64_url_safe_encode": base64_url_safe_encode,
    "base64_url_safe_decode": base64_url_safe_decode, "slice": slice_, "truncate": truncate,
    "truncatewords": truncatewords, "split": split, "strip": strip_, "lstrip": lstrip,
    "rstrip": rstrip, "strip_html": strip_html, "strip_newlines": strip_newlines,
    "newline_to_br": newline_to_br, "replace": replace, "replace_first": replace_first,
    "replace_last": replace_last, "remove": remove, "remove_first": remove_first,
    "remove_last": remove_last, "append": append, "prepend": prepend, "size": size,
    "join": join, "first": first, "last": last, "reverse": reverse, "compact": compact,
    "map": map_, "uniq": uniq, "concat": concat, "sort_natural": sort_natural,
    "default": default,
}


__all__ = ["FILTERS", "awk_split", "capitalize", "default", "input_iterator", "ruby_split",
           "strip_", "strip_html", "to_number"]
