"""Block rule: kramdown extensions ``{::comment}``, ``{::nomarkdown}`` and ``{::options /}``.

A start line ``{::name attrs}`` takes the lines up to the stop line ``{:/name}`` or ``{:/}``
(in the same container) as its body; ``{::name attrs /}`` has none. ``comment`` becomes an HTML
comment, ``nomarkdown`` its body as it is (unless ``type=`` names other converters only),
``options`` sets kramdown options for the rest of the document (``env["kramdown_options"]``).
A start line without a stop line, or an unknown name, is left to the other rules, as kramdown
does (it warns and reads the line as text).
"""
from __future__ import annotations

from markdown_it.rules_block import StateBlock

from .attrs import EXT_START, EXT_STOP, parse_attr_list
from .blockline import line_match

KNOWN = frozenset(("comment", "nomarkdown", "options"))


def _stop_line(state: StateBlock, start: int, end: int, name: str) -> int | None:
    for line in range(start + 1, end):
        m = line_match(state, line, "{:/", EXT_STOP)
        if m and m.group(1) in (None, name):
            return line
    return None


def kramdown_extension(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    m = line_match(state, start, "{::", EXT_START)
    if m is None or m.group(1) not in KNOWN:
        return False
    name = m.group(1)
    stop = start if m.group(3) else _stop_line(state, start, end, name)
    if stop is None:
        return False
    if silent:
        return True
    attrs = parse_attr_list(m.group(2) or "").attrs
    body = state.getLines(start + 1, stop, state.blkIndent, False) if stop > start else ""
    if body.endswith("\n"):
        body = body[:-1]
    if name == "options":
        state.env.setdefault("kramdown_options", {}).update(attrs)
        token = state.push("kramdown_options", "", 0)
        token.hidden = True
    elif name == "comment":
        token = state.push("html_block", "", 0)
        token.content = f"<!-- {body} -->\n" if stop > start else ""
    else:
        types = attrs.get("type", "").split()
        token = state.push("html_block", "", 0)
        token.content = body + "\n" if stop > start and (not types or "html" in types) else ""
    token.map = [start, stop + 1]
    state.line = stop + 1
    return True

