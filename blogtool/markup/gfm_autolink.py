"""GitHub's extended autolinks (``autolink`` extension of cmark-gfm): bare ``http://``,
``https://`` and ``www.`` addresses become links; trailing ``?!.,:*_~`` and an unbalanced
``)`` stay outside. Used for jekyll-commonmark sites only (kramdown links nothing bare)."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

__all__ = ["gfm_autolink_plugin"]

_URL = re.compile(r"(?:https?://|www\.)[^\s<]*", re.IGNORECASE)
_TRAILING = "?!.,:*_~"


def _trim(url: str) -> str:
    while url and url[-1] in _TRAILING:
        url = url[:-1]
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    return url


def gfm_autolink(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    ch = state.src[pos]
    if ch not in "hHwW" or (pos > 0 and not (state.src[pos - 1].isspace()
                                             or state.src[pos - 1] in "*_~(")):
        return False
    m = _URL.match(state.src, pos, state.posMax)
    if m is None:
        return False
    url = _trim(m.group(0))
    if len(url) <= 7 or url.lower() in ("http://", "https://", "www."):
        return False
    if not silent:
        href = url if not url.lower().startswith("www.") else "http://" + url
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": state.md.normalizeLink(href)}
        token.markup = "linkify"
        token.info = "auto"
        token = state.push("text", "", 0)
        token.content = url
        token = state.push("link_close", "a", -1)
        token.markup = "linkify"
        token.info = "auto"
    state.pos = pos + len(url)
    return True


def gfm_autolink_plugin(md: MarkdownIt) -> None:
    for ch in "hHwW":
        md.inline.add_terminator_char(ch)
    md.inline.ruler.before("linkify", "gfm_autolink", gfm_autolink)
