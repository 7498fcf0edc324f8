"""Jekyll's URL filters as the Liquid engine runs them: the text is normalised the way Ruby's
URI library does it for Jekyll (escapes decoded, Unicode NFKC, ``，`` -> ``,``, then
percent-encoded; ``.`` and ``..`` segments resolved), a document or page stands for its
``url``, and a scheme that cannot be one stops the build (``Invalid scheme format``)."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from blogtool.filters.rubyvalues import RubyTypeError, no_method, ruby_strip, ruby_to_s
from blogtool.filters.urls import leading_slash, remove_dot_segments


def _is_document(value: Any) -> bool:
    """Documents and pages answer ``url``; plain hashes of the site's data do not."""
    return isinstance(value, Mapping) and type(value) is not dict and "url" in value \
        and getattr(value, "owner", "site.data") not in ("site", "site.data")


_SCHEME = re.compile(r"^([^:/?#]+):")
_VALID_SCHEME = re.compile(r"\A[A-Za-z][A-Za-z0-9.+-]*\Z")


def _absolute(text: str) -> bool:
    """``https://x`` and ``mailto:x`` are absolute; ``1x:y`` raises (not a scheme)."""
    m = _SCHEME.match(text)
    if not m:
        return False
    if not _VALID_SCHEME.match(m.group(1)):
        raise RubyTypeError(f"Invalid scheme format: '{m.group(1)}'")
    return True


_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_PATH_CHARS = _UNRESERVED + "!$&'()*+,;=:@/"
_QUERY_CHARS = _PATH_CHARS + "?"
COMPONENT_CHARS = _UNRESERVED + ":/?#[]@!$&'()*+,;="
_PERCENT = re.compile(r"((?:%[0-9A-Fa-f]{2})+)")


def encode_component(text: str, safe: str) -> str:
    """Escapes decoded (``%41`` -> ``A``), NFKC applied (``，`` -> ``,``), then every character
    outside ``safe`` percent-encoded as UTF-8 (``中`` -> ``%E4%B8%AD``)."""

    def decode(m: re.Match) -> str:
        raw = bytes.fromhex(m.group(1).replace("%", ""))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return m.group(1)
    text = unicodedata.normalize("NFKC", _PERCENT.sub(decode, text))
    return "".join(ch if ch in safe else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
                   for ch in text)


def _normalize(url: str) -> str:
    """Path, query and fragment each encoded with the characters they may hold."""
    url = ruby_strip(url)
    url, hash_mark, fragment = url.partition("#")
    path, question_mark, query = url.partition("?")
    out = encode_component(remove_dot_segments(path), _PATH_CHARS)
    if question_mark:
        out += "?" + encode_component(query, _QUERY_CHARS)
    if hash_mark:
        out += "#" + encode_component(fragment, _QUERY_CHARS)
    return out


def relative_url(value: Any, baseurl: str | None) -> Any:
    if value is None:
        return None
    if _is_document(value):
        value = value["url"]
    text = ruby_to_s(value)
    if _absolute(text):
        return value
    base = "" if baseurl is None else ruby_to_s(baseurl)
    base = base[:-1] if base.endswith("/") else base
    return _normalize(leading_slash(base) + leading_slash(text))


def absolute_url(value: Any, url: str | None, baseurl: str | None) -> Any:
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
