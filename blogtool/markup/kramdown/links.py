"""Link and image URLs as kramdown writes them: as typed.

markdown-it percent-encodes destinations (``/路径#片段`` becomes ``/%E8%B7%AF...``), removes
backslash escapes and refuses ``javascript:`` URLs; kramdown does none of that, so a Jekyll
post's links point where the author wrote. Here a destination keeps its characters (non-ASCII,
spaces inside ``<...>``, backslashes); entity references in it are read, so ``&amp;`` is
written once, not twice. kramdown's autolinks ``<http://a.com/x y>`` (``http``, ``https``,
``ftp``, ``ftps``, ``mailto`` up to the first ``>`` on the line) and ``<name@host>`` replace
CommonMark's.
"""
from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.entities import entities
from markdown_it.rules_inline import StateInline

__all__ = ["links_plugin"]

_ENTITY = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));")
_AUTOLINK = re.compile(r"<((?:mailto|https?|ftps?):[^\n]+?|[\w._-]+?@[\w._-]+?)>")


def _entity(m: re.Match[str]) -> str:
    hex_, dec, name = m.groups()
    try:
        if hex_ is not None:
            return chr(int(hex_, 16))
        if dec is not None:
            return chr(int(dec))
    except (ValueError, OverflowError):
        return m.group(0)
    return str(entities.get(name, m.group(0)))


def decode_entities(url: str) -> str:
    """Read the entity references in a URL (``&amp;`` -> ``&``), nothing else."""
    return _ENTITY.sub(_entity, url) if "&" in url else url


def _raw_destination(original: Any) -> Any:
    """``parseLinkDestination`` whose result is the destination as typed (``<>`` removed)."""
    def parse(string: str, pos: int, maximum: int) -> Any:
        result = original(string, pos, maximum)
        if result.ok:
            raw = string[pos:result.pos]
            if raw.startswith("<") and raw.endswith(">"):
                raw = raw[1:-1]
            result.str = raw
        return result
    return parse


def autolink(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != "<":
        return False
    m = _AUTOLINK.match(state.src, pos, state.posMax)
    if m is None:
        return False
    target = m.group(1)
    scheme = target.split(":", 1)[0] if ":" in target else ""
    if scheme not in ("mailto", "http", "https", "ftp", "ftps"):
        href, text = "mailto:" + target, target
    else:
        href, text = target, target[len("mailto:"):] if scheme == "mailto" else target
    if not silent:
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": decode_entities(href)}
        token.markup = "autolink"
        token.info = "auto"
        token = state.push("text", "", 0)
        token.content = decode_entities(text)
        token = state.push("link_close", "a", -1)
        token.markup = "autolink"
        token.info = "auto"
    state.pos = m.end()
    return True


def links_plugin(md: MarkdownIt) -> None:
    """URLs as written on this parser only (other parsers in the process keep theirs)."""
    helpers = SimpleNamespace(**{name: getattr(md.helpers, name) for name in
                                 ("parseLinkLabel", "parseLinkDestination", "parseLinkTitle")})
    helpers.parseLinkDestination = _raw_destination(md.helpers.parseLinkDestination)
    md.helpers = helpers  # type: ignore[assignment]
    md.normalizeLink = decode_entities  # type: ignore[method-assign]
    md.normalizeLinkText = lambda link: link  # type: ignore[method-assign,assignment]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.inline.ruler.at("autolink", autolink)
