"""``smartify``: straight quotes, dashes and dots made typographic, as Jekyll's kramdown
does it (``"Hi" -- it's...`` -> ``“Hi” – it’s…``); HTML tags and entities pass through and
any other ``&``, ``<`` or ``>`` is escaped."""
from __future__ import annotations

import re
from typing import Any

from .rubyvalues import to_ruby_string

_SMART_TAG = re.compile(
    r"(<!--.*?-->|</[A-Za-z][A-Za-z0-9-]*\s*>|<[A-Za-z][A-Za-z0-9-]*"
    r"(?:\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>)", re.S)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);")
# kramdown's typographic symbols, longest first as kramdown lists them
_TYPO = re.compile(r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>")
_TYPO_OUT = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "\\<<": "&lt;&lt;",
             "\\>>": "&gt;&gt;", "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab",
             ">>": "\u00bb"}
# kramdown's smart quote rules (parser/kramdown/smart_quotes.rb), tried in order where a quote
# or the character before one starts
_SQ_PUNCT = r"[!\"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"
_SQ_CLOSE = r"[^ \\\t\r\n\[{(-]"
_W = r"[A-Za-z0-9_]"
_SQ_RULES: tuple[tuple[re.Pattern[str], tuple], ...] = tuple(
    (re.compile(pattern, re.M | re.S), subst) for pattern, subst in (
        (r"(\"|')(?=[_*]{1,2}\S)", ("lquote", 1)),
        (rf"(\"|')(?={_SQ_PUNCT}(?!\.\.)\B)", ("rquote", 1)),
        (rf"([ \t\n\v\f\r]?)\"'(?={_W})", (1, "\u201c", "\u2018")),
        (rf"([ \t\n\v\f\r]?)'\"(?={_W})", (1, "\u2018", "\u201c")),
        (r"([ \t\n\v\f\r]?)'(?=[0-9][0-9]s)", (1, "\u2019")),
        (rf"([ \t\n\v\f\r])('|\")(?={_W})", (1, ("lquote", 2))),
        (rf"({_SQ_CLOSE})('|\")", (1, ("rquote", 2))),
        (r"(\"|')(?=[ \t\n\v\f\r]|s\b|$)", ("rquote", 1)),
        (r"(.?)'", (1, "\u2018")),
        (r'(.?)"', (1, "\u201c")),
    ))
_QUOTE_CHARS = {("lquote", '"'): "\u201c", ("lquote", "'"): "\u2018",
                ("rquote", '"'): "\u201d", ("rquote", "'"): "\u2019"}


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _smart_quote(text: str, pos: int) -> tuple[str, int]:
    """Apply the first smart quote rule matching at ``pos``: output and the new position."""
    for rule, subst in _SQ_RULES:
        m = rule.match(text, pos)
        if not m:
            continue
        out = []
        items = subst if isinstance(subst[0], int) else (subst,)
        for item in items:
            if isinstance(item, int):
                out.append(_escape_text(m.group(item)))
            elif isinstance(item, tuple):
                out.append(_QUOTE_CHARS[(item[0], m.group(item[1]))])
            else:
                out.append(item)
        return "".join(out), m.end()
    return _escape_text(text[pos]), pos + 1


def _smart_text(text: str) -> str:
    """kramdown's SmartyPants parser: smart quotes, entities, typographic symbols and HTML
    tags are elements, tried in that order; kramdown looks for the next place one can start, and a
    quote's rule may start one character earlier (``[^\\]?["']``)."""
    out: list[str] = []
    open_tags: list[str] = []
    i, n = 0, len(text)
    plain = i
    while i < n:
        ch = text[i]
        quote_next = i + 1 < n and text[i + 1] in "\"'" and ch != "\\"
        if ch in "\"'" or quote_next:
            out.append(_escape_text(text[plain:i]))
            piece, i = _smart_quote(text, i)
            out.append(piece)
            plain = i
            continue
        m = _ENTITY.match(text, i) if ch == "&" else None
        if m:
            out.append(_escape_text(text[plain:i]) + m.group(0))
            i = plain = m.end()
            continue
        m = _TYPO.match(text, i)
        if m:
            out.append(_escape_text(text[plain:i]) + _TYPO_OUT[m.group(0)])
            i = plain = m.end()
            continue
        m = _SMART_TAG.match(text, i) if ch == "<" else None
        if m:   # an HTML tag: kramdown's HTML span element
            tag = _html_tag(m.group(0), open_tags)
            if tag is not None:
                out.append(_escape_text(text[plain:i]) + tag)
                i = plain = m.end()
                continue
        i += 1
    out.append(_escape_text(text[plain:]))
    if open_tags:   # kramdown closes the elements left open
        out.append("\n" + "".join(f"</{name}>" for name in reversed(open_tags)))
    return "".join(out)


_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"])
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def _html_tag(tag: str, open_tags: list[str]) -> str | None:
    """How kramdown writes an HTML tag back: void elements as ``<br />``, a closing tag only
    when it closes the innermost open element (else None: it is text)."""
    if tag.startswith("<!--"):
        return tag
    m = _TAG_NAME.match(tag)
    name = m.group(1).lower() if m else ""
    if tag.startswith("</"):
        if open_tags and open_tags[-1] == name:
            open_tags.pop()
            return tag
        return None
    if name in _VOID:
        return tag[:-1].rstrip().rstrip("/").rstrip() + " />"
    if not tag.endswith("/>"):
        open_tags.append(name)
    return tag


def smartify(value: Any) -> str:
    """kramdown's SmartyPants (Jekyll's ``smartify``): quotes, dashes, ellipses, guillemets;
    HTML tags and entities pass through, other ``&``, ``<`` and ``>`` are escaped."""
    return _smart_text(to_ruby_string(value))

