"""Jekyll's URL filters: ``relative_url`` puts the site's ``baseurl`` in front
(``/b`` + ``post.html`` -> ``/b/post.html``), ``absolute_url`` the ``url`` too, ``strip_index``
drops a final ``index.html``, ``uri_escape`` encodes what a URL cannot hold.

The result is normalised as Jekyll's URI library does it: ``.`` and ``..`` segments resolved,
escapes decoded then written again in capitals, Unicode NFKC (``，`` -> ``,``), and every
character a path, query or fragment cannot hold percent-encoded as UTF-8 (``中`` ->
``%E4%B8%AD``). A document or page stands for its ``url``; an absolute URL is returned as it
is, and a scheme that cannot be one stops the build (``Invalid scheme format: '1x'``).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .rubyvalues import RubyTypeError, no_method, ruby_class, ruby_strip, ruby_to_s


def _is_document(value: Any) -> bool:
    """Documents and pages answer ``url``; plain hashes of the site's data do not."""
    return isinstance(value, Mapping) and type(value) is not dict and "url" in value \
        and getattr(value, "owner", "site.data") not in ("site", "site.data")


_SCHEME = re.compile(r"^([^:/?#]+):")
_VALID_SCHEME = re.compile(r"\A[A-Za-z][A-Za-z0-9.+-]*\Z")


def _absolute(text: str) -> bool:
    m = _SCHEME.match(text)
    if not m:
        return False
    if not _VALID_SCHEME.match(m.group(1)):
        raise RubyTypeError(f"Invalid scheme format: '{m.group(1)}'")
    return True


_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_PATH_CHARS = _UNRESERVED + "!$&'()*+,;=:@/"
_QUERY_CHARS = _PATH_CHARS + "?"
_COMPONENT_CHARS = _UNRESERVED + ":/?#[]@!$&'()*+,;="
_ESCAPES = re.compile(r"((?:%[0-9A-Fa-f]{2})+)")


def _encode(text: str, safe: str) -> str:
    """Escapes decoded (``%41`` -> ``A``; bytes that are no UTF-8 stay escaped), NFKC
    applied, then every character outside ``safe`` percent-encoded."""

    def decode(m: re.Match) -> str:
        raw = bytes.fromhex(m.group(1).replace("%", ""))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return m.group(1)
    text = unicodedata.normalize("NFKC", _ESCAPES.sub(decode, text))
    return "".join(ch if ch in safe else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
                   for ch in text)


def _remove_dot_segments(path: str) -> str:
    """``/a/../b/./c`` -> ``/b/c``; a final ``.`` or ``..`` leaves the path ending in ``/``."""
    out: list[str] = []
    parts = path.split("/")
    for i, seg in enumerate(parts):
        if seg in (".", ".."):
            if seg == ".." and len(out) > 1:
                out.pop()
            if i == len(parts) - 1:
                out.append("")
            continue
        out.append(seg)
    return "/".join(out)


@lru_cache(maxsize=1 << 15)
def _normalize(url: str) -> str:
    """``url`` as Jekyll's URI library writes it. Results are kept: every page prints the
    same few (the site's sections), and a tag page prints every post's URL once per tag."""
    url, hash_mark, fragment = ruby_strip(url).partition("#")
    path, question_mark, query = url.partition("?")
    out = _encode(_remove_dot_segments(path), _PATH_CHARS)
    if question_mark:
        out += "?" + _encode(query, _QUERY_CHARS)
    if hash_mark:
        out += "#" + _encode(fragment, _QUERY_CHARS)
    return out


def _leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


@lru_cache(maxsize=1 << 15)
def _relative_text(text: str, baseurl: str) -> str | None:
    """``relative_url`` of a string (None: it is an absolute URL, returned as it is)."""
    if _absolute(text):
        return None
    base = baseurl[:-1] if baseurl.endswith("/") else baseurl
    return _normalize(_leading_slash(base) + _leading_slash(text))


def relative_url(value: Any, baseurl: str | None = "") -> Any:
    if type(value) is str and type(baseurl) is str:     # the common case, kept
        found = _relative_text(value, baseurl)
        return value if found is None else found
    if value is None:
        return None
    if _is_document(value):
        value = value["url"]
    text = ruby_to_s(value)
    if _absolute(text):
        return value
    base = "" if baseurl is None else ruby_to_s(baseurl)
    base = base[:-1] if base.endswith("/") else base
    return _normalize(_leading_slash(base) + _leading_slash(text))


def absolute_url(value: Any, url: str | None = "", baseurl: str | None = "") -> Any:
    """``url`` + ``relative_url``; just ``relative_url`` when the site has no ``url``."""
    if value is None:
        return None
    if _is_document(value):
        value = value["url"]
    if _absolute(ruby_to_s(value)):
        return value
    rel = relative_url(value, baseurl)
    if not url:
        return rel
    return _normalize(ruby_to_s(url) + rel)


def strip_index(value: Any) -> Any:
    if value is None or ruby_to_s(value) == "":
        return None
    if not isinstance(value, str):
        raise no_method("sub", value)
    return re.sub(r"/index\.html?$", "/", value, count=1, flags=re.M)


def uri_escape(value: Any) -> Any:
    """Reserved characters kept, the rest encoded (``a b/中`` -> ``a%20b/%E4%B8%AD``)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise RubyTypeError(f"Can't convert {ruby_class(value)} into String.")
    return _encode(value, _COMPONENT_CHARS)
