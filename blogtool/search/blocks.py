"""The errors of one rendered document: its code and log blocks are scanned once, right
after conversion, and each block that shows an error gets an id a link can point at.

``page.errors`` is a list of plain dicts (picklable, cacheable, usable from Liquid and
Jinja2): ``exception``, ``name`` (the class without its package), ``message``,
``context``, ``block`` (the id of the block, unique in the page) and ``group`` (the id of
the exception's entry on the error index page).
"""
from __future__ import annotations

import html
import re
from typing import Any

from .index import group_id, short_name
from .signatures import scan_text

__all__ = ["scan_html", "BLOCK_PREFIX"]

BLOCK_PREFIX = "log-"

_PRE = re.compile(r"<pre\b([^>]*)>(.*?)</pre>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
# cheap test before the tags are stripped: nothing in the block can be an error
# (highlighting may have put nginx's "[error]" and logfmt's "level=error" in separate spans)
_MAYBE = re.compile(r"Exception|Error|ERROR|FATAL|SEVERE|CRIT|EMERG|ALERT|Throwable|Fault|"
                    r"Failure|Interrupt|Exit|Iteration|error|crit|alert|emerg|fatal")


def scan_html(content: str) -> tuple[str, list[dict[str, Any]]]:
    """The content with ids on the blocks that show errors, and the document's errors
    (each once, in order of first appearance)."""
    if "<pre" not in content and "<PRE" not in content:
        return content, []
    errors: dict[tuple[str, str], dict[str, Any]] = {}
    taken: set[str] | None = None      # the page's ids, read once a block needs one
    counter = [0]

    def visit(match: re.Match[str]) -> str:
        attrs, inner = match.group(1), match.group(2)
        if not _MAYBE.search(inner):
            return match.group(0)
        entries = scan_text(html.unescape(_TAG.sub("", inner)))
        if not entries:
            return match.group(0)
        own = _ID.search(attrs)
        if own:
            block = own.group(1) or own.group(2) or own.group(3)
            replaced = match.group(0)
        else:
            nonlocal taken
            if taken is None:
                taken = {m.group(1) or m.group(2) or m.group(3) for m in _ID.finditer(content)}
            counter[0] += 1
            block = f"{BLOCK_PREFIX}{counter[0]}"
            while block in taken:
                counter[0] += 1
                block = f"{BLOCK_PREFIX}{counter[0]}"
            taken.add(block)
            replaced = f'<pre id="{block}"{attrs}>{inner}</pre>'
        for entry in entries:
            errors.setdefault(entry.key, {
                "exception": entry.exception, "name": short_name(entry.exception),
                "message": entry.message, "context": entry.context, "block": block,
                "group": group_id(entry.exception)})
        return replaced

    content = _PRE.sub(visit, content)
    return content, list(errors.values())
