"""Jekyll's text filters in their plain form (escaping, whitespace, slugs, word counts,
sentences, ``inspect``, ``to_integer``) and the two that call other engines: ``markdownify``
and ``sassify``."""
from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus

from .rubyvalues import (
    RubyTypeError,
    leading_integer,
    no_method,
    ruby_inspect,
    ruby_join,
    ruby_to_s,
    to_ruby_string,
)

# Long texts escaped so far, by text: a feed and its twin (atom.xml, rss.xml) escape the same
# posts' content, and a page that prints the time is rendered again at other instants
_ESCAPED: dict[str, str] = {}
_ESCAPED_SIZE = [0]
ESCAPED_FROM = 1024          # characters; shorter texts are escaped every time
ESCAPED_CAP = 32 * 2**20     # characters kept at most (then the memo starts again)


def xml_escape(value: Any) -> str:
    """``&<>"'`` as entities; a list is escaped as its ``inspect``. Five replaces (``&``
    first) rather than one ``translate``, which looks every character up in a table: a feed
    escapes every post's content, and this is about eight times faster."""
    text = ruby_to_s(value)
    long = len(text) >= ESCAPED_FROM
    if long:
        done = _ESCAPED.get(text)
        if done is not None:
            return done
    out = text.replace("&", "&amp;") if "&" in text else text
    out = out.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace(
        "'", "&apos;")
    if long:
        if _ESCAPED_SIZE[0] > ESCAPED_CAP:
            _ESCAPED.clear()
            _ESCAPED_SIZE[0] = 0
        _ESCAPED[text] = out
        _ESCAPED_SIZE[0] += len(text) + len(out)
    return out


def cgi_escape(value: Any) -> str:
    """Form encoding: space -> ``+``, everything but ``*-._`` and alphanumerics encoded."""
    return quote_plus(to_ruby_string(value), safe="*")


def normalize_whitespace(value: Any) -> str:
    """Runs of ASCII whitespace as one space, ends trimmed; an ideographic space stays."""
    return re.sub(r"[ \t\n\v\f\r]+", " ", ruby_to_s(value)).strip(" \t\n\v\f\r\0")


def slugify(value: Any, mode: Any = None) -> str:
    from blogtool.urls import slugify as _slugify
    return _slugify(None if value is None else to_ruby_string(value),
                    None if mode is None else str(mode))


def number_of_words(value: Any, mode: Any = None) -> int:
    from blogtool.markup.text import number_of_words as _count
    return _count(to_ruby_string(value), None if mode is None else str(mode))


def array_to_sentence_string(array: Any, connector: Any = "and") -> str:
    """``a, b, and c``; a string counts as its characters, a hash of up to two pairs as
    that many nils; anything else has no length."""
    if isinstance(array, (list, tuple)):
        items = list(array)
    elif isinstance(array, str):
        items = list(array)
        if len(items) > 2:
            raise no_method("join", array[:-1])
    elif isinstance(array, Mapping):
        if len(array) > 2:
            raise no_method("join", None)
        items = [None] * len(array)
    else:
        raise no_method("length", array)
    conn = ruby_to_s(connector)
    if len(items) <= 2:
        return f" {conn} ".join(ruby_to_s(i) for i in items)
    return ruby_join(items[:-1], ", ") + f", {conn} {ruby_to_s(items[-1])}"


def inspect(value: Any) -> str:
    return xml_escape(ruby_inspect(value))


def to_integer(value: Any) -> int:
    """``"12"`` -> 12, ``" 3.7"`` -> 3, ``true`` -> 1, nil -> 0; an array has no ``to_i``."""
    if value is True:
        return 1
    if value is False or value is None:
        return 0
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise RubyTypeError("FloatDomainError")
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return leading_integer(value)
    raise no_method("to_i", value)


def escape_html(value: Any) -> str:
    """Liquid's ``escape`` (``'`` -> ``&#39;``)."""
    return html.escape(to_ruby_string(value), quote=True).replace("&#x27;", "&#39;")



def markdownify(value: Any, options: Any = None) -> str:
    from blogtool.markup.markdown import render_markdown
    return render_markdown(to_ruby_string(value), options)


def sassify(value: Any, *, scss: bool = False) -> str:
    """Compile Sass/SCSS with libsass (Jekyll: ``style: expanded``-like output)."""
    import sass  # libsass
    return sass.compile(string=to_ruby_string(value), indented=not scss,
                        output_style="expanded").rstrip("\n") + "\n"

