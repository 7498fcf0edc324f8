"""``smartify``: straight quotes, dashes and dots made typographic, as Jekyll's kramdown
does it (``"Hi" -- it's...`` -> ``“Hi” – it’s…``); HTML tags and entities pass through and
any other ``&``, ``<`` or ``>`` is escaped."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .rubyvalues import to_ruby_string

_SMART_TAG = re.compile(
    r"(<!--.*?-->|</[A-Za-z][A-Za-z0-9-]*\s*>|<[A-Za-z][A-Za-z0-9-]*"
    r"(?:\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>)", re.S)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);")
# dashes, dots and guillemets, longest first: ``---`` em dash, ``--`` en dash, ``...``
# ellipsis, ``<<``/``>>`` guillemets (a space beside them becomes a no-break space),
# ``\<<`` and ``\>>`` escaped
_TYPO = re.compile(r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>")
_TYPO_OUT = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "\\<<": "&lt;&lt;",
             "\\>>": "&gt;&gt;", "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab",
             ">>": "\u00bb"}
_OPENING = {'"': "\u201c", "'": "\u2018"}
_CLOSING = {'"': "\u201d", "'": "\u2019"}
_PUNCTUATION = r"[!\"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"
_WORD_CHAR = r"[A-Za-z0-9_]"


def _keep(m: re.Match, group: int) -> str:
    return _escape_text(m.group(group))


# Where a quote (or the character before one) stands, the first rule that matches decides;
# each gives the text it writes for its match.
_QUOTE_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match], str]], ...] = tuple(
    (re.compile(pattern, re.M | re.S), write) for pattern, write in (
        # before emphasis: "*word* opens
        (r"(\"|')(?=[_*]{1,2}\S)", lambda m: _OPENING[m.group(1)]),
        # before punctuation (not an ellipsis) where no word starts: "Hi"! closes
        (rf"(\"|')(?={_PUNCTUATION}(?!\.\.)\B)", lambda m: _CLOSING[m.group(1)]),
        # a double and a single quote before a word both open: "'word
        (rf"([ \t\n\v\f\r]?)\"'(?={_WORD_CHAR})", lambda m: _keep(m, 1) + "\u201c\u2018"),
        (rf"([ \t\n\v\f\r]?)'\"(?={_WORD_CHAR})", lambda m: _keep(m, 1) + "\u2018\u201c"),
        # a decade: '80s
        (r"([ \t\n\v\f\r]?)'(?=[0-9][0-9]s)", lambda m: _keep(m, 1) + "\u2019"),
        # after whitespace, before a word: opens
        (rf"([ \t\n\v\f\r])('|\")(?={_WORD_CHAR})",
         lambda m: _keep(m, 1) + _OPENING[m.group(2)]),
        # after anything but whitespace, a backslash or an opening bracket or dash: closes
        (r"([^ \\\t\r\n\[{(-])('|\")", lambda m: _keep(m, 1) + _CLOSING[m.group(2)]),
        # before whitespace, a possessive s or the end: closes
        (r"(\"|')(?=[ \t\n\v\f\r]|s\b|$)", lambda m: _CLOSING[m.group(1)]),
        # otherwise it opens
        (r"(.?)'", lambda m: _keep(m, 1) + "\u2018"),
        (r'(.?)"', lambda m: _keep(m, 1) + "\u201c"),
    ))


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _smart_quote(text: str, pos: int) -> tuple[str, int]:
    """The first quote rule matching at ``pos``: what it writes and where it ends."""
    for rule, write in _QUOTE_RULES:
        m = rule.match(text, pos)
        if m:
            return write(m), m.end()
    return _escape_text(text[pos]), pos + 1


def _smart_text(text: str) -> str:
    """Quotes, entities, typographic symbols and HTML tags, tried in that order at each
    place; a quote's rule may start on the character before the quote (unless that is a
    backslash)."""
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
        if m:
            tag = _html_tag(m.group(0), open_tags)
            if tag is not None:
                out.append(_escape_text(text[plain:i]) + tag)
                i = plain = m.end()
                continue
        i += 1
    out.append(_escape_text(text[plain:]))
    if open_tags:   # elements left open are closed at the end
        out.append("\n" + "".join(f"</{name}>" for name in reversed(open_tags)))
    return "".join(out)


_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"])
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def _html_tag(tag: str, open_tags: list[str]) -> str | None:
    """An HTML tag as ``smartify`` writes it back: void elements as ``<br />``, a closing tag
    only when it closes the innermost open element (else None: it is text)."""
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

