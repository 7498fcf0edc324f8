"""Jekyll's URL filters in their plain form: ``relative_url`` puts the site's ``baseurl`` in
front (``/b`` + ``post.html`` -> ``/b/post.html``), ``absolute_url`` the ``url`` too, and
``strip_index`` drops a final ``index.html``."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from .rubyvalues import to_ruby_string


def _liquid_url(value: Any) -> Any:
    """Jekyll uses ``input.url`` when the input responds to ``url`` (documents, pages)."""
    if isinstance(value, Mapping) and "url" in value:
        return value["url"]
    return value



_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_URL_SAFE = "/!$&'()*+,;=:@-._~?#%[]"


_QUERY_OR_FRAGMENT = re.compile(r"[?#]")


def remove_dot_segments(path: str) -> str:
    out: list[str] = []
    parts = path.split("/")
    for i, seg in enumerate(parts):
        last = i == len(parts) - 1
        if seg in (".", ".."):
            if seg == ".." and len(out) > 1:
                out.pop()
            if last:
                out.append("")
            continue
        out.append(seg)
    return "/".join(out)


def _normalize_url(url: str) -> str:
    """The URL normalised: dot segments removed from the path, non-ASCII and spaces
    percent-encoded, existing escapes kept."""
    m = _QUERY_OR_FRAGMENT.search(url)
    path, rest = (url[: m.start()], url[m.start():]) if m else (url, "")
    return quote(remove_dot_segments(path), safe=_URL_SAFE) + quote(rest, safe=_URL_SAFE)


def leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def relative_url(value: Any, baseurl: str | None = "") -> str | None:
    """``baseurl`` + input with a leading ``/``, URI-normalized; absolute URLs unchanged."""
    if value is None:
        return None
    value = _liquid_url(value)
    text = to_ruby_string(value)
    if _ABSOLUTE.match(text):
        return text
    base = "" if baseurl is None else str(baseurl)
    base = base[:-1] if base.endswith("/") else base
    return _normalize_url(leading_slash(base) + leading_slash(text))


def absolute_url(value: Any, url: str | None = "", baseurl: str | None = "") -> str | None:
    """``url`` + ``relative_url``; just ``relative_url`` when the site has no ``url``."""
    rel = relative_url(value, baseurl)
    if rel is None or _ABSOLUTE.match(rel):   # nil, or already absolute: unchanged
        return rel
    if not url:
        return rel
    return _normalize_url(str(url) + rel)


_INDEX = re.compile(r"/index\.html?$")


def strip_index(value: Any) -> Any:
    if value is None or to_ruby_string(value) == "":
        return None
    return _INDEX.sub("/", str(value), count=1)

