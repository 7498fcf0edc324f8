"""The visible text of a rendered HTML fragment, block by block (for summaries, reading time).

Tags, comments and script text are read as :mod:`html.parser` reads them, one token at a time
(``scan_html``). What reading time needs, the characters of that text, is taken with a few
substitutions instead (``plain_text``) when the fragment is made of plain tags only, which is
what Markdown renders.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

from .textwidth import is_wide

__all__ = ["Blocks", "scan_html", "plain_text"]

_SKIPPED = frozenset(("pre", "script", "style", "template", "textarea", "svg", "math"))
_RAW_TEXT = frozenset(("script", "style"))    # their content is text, never tags
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_CONTAINERS = frozenset(("p", "li", "dd", "dt", "td", "th", "figcaption"))
_BLOCKS = _CONTAINERS | _HEADINGS | frozenset(
    ("div", "blockquote", "ul", "ol", "dl", "table", "tr", "hr", "br", "section", "article")
)
_NOTABLE = _SKIPPED | _BLOCKS     # the tags that start or end anything here

# One scan over the fragment, in the order an HTML tokenizer sees it: comments, declarations
# and processing instructions (dropped), tags (quoted attribute values may hold ">"), text.
# A construct left open (``<!--`` with no ``-->``) is text up to the next ">", as
# HTMLParser.close() reads it.
_HTML_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<!\[.*?\]\s*\]\s*>"
    r"|<!(?!--|\[)[^>]*>"
    r"|<\?[^>]*>"
    r"|</(?:[^a-zA-Z>][^>]*)?>"
    r"|<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|[^<]+"
    r"|<(?=[!?/a-zA-Z])(?P<open>)"
    r"|<",
    re.S)
_RAW_END = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in _RAW_TEXT}
_PRE_END = re.compile(r"</pre(?=[\t\n\r\f />])[^>]*>", re.I)
_PRE_UNSURE = re.compile(r"<!--|<pre|</(?:svg|math|template|textarea|script|style)", re.I)

class Blocks:
    """Text of an HTML fragment, block by block, gathered in one pass for two readers:
    ``text`` (every visible block: reading time, search) and ``paragraphs`` (only text inside
    paragraph-like containers and outside headings: a description). Code (``<pre>``), scripts
    and the like are dropped. With ``enough``, the paragraphs stop after the first one it
    accepts (a summary needs no more); without ``keep_text`` no ``text`` is gathered and the
    reading stops there too (``done``)."""

    def __init__(self, enough: Callable[[str], bool] | None, keep_text: bool = True) -> None:
        self.enough = enough
        self.keep_text = keep_text
        self.text: list[str] = []
        self.paragraphs: list[str] = []
        self.full = self.done = False
        self.skip = self.in_heading = self.container = 0
        self.pieces: list[str] = []     # the current block's text
        self.para: list[str] = []       # ... and the part of it a description may use

    def flush(self) -> None:
        if self.pieces:
            text = _normalize_space("".join(self.pieces))
            self.pieces = []
            if text:
                self.text.append(text)
        if self.para:
            text = _normalize_space("".join(self.para))
            self.para = []
            if text and not self.full:
                self.paragraphs.append(text)
                if self.enough is not None:
                    self.full = self.enough(text)
                    self.done = self.full and not self.keep_text

    def data(self, text: str) -> None:
        """Text as it stands in the HTML (entities not yet decoded)."""
        if self.skip:
            return
        if "&" in text:
            text = unescape(text)
        if self.keep_text:
            self.pieces.append(text)
        if self.container and not self.in_heading and not self.full:
            self.para.append(text)

    def start(self, tag: str, self_closing: bool) -> None:
        if tag in _SKIPPED:
            if not self_closing:
                self.skip += 1
        elif tag in _BLOCKS:
            self.flush()
            if not self_closing:
                if tag in _HEADINGS:
                    self.in_heading += 1
                elif tag in _CONTAINERS:
                    self.container += 1

    def end(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.flush()
            if tag in _HEADINGS:
                self.in_heading = max(0, self.in_heading - 1)
            elif tag in _CONTAINERS:
                self.container = max(0, self.container - 1)


def scan_html(html: str, enough: Callable[[str], bool] | None = None,
              keep_text: bool = True) -> Blocks:
    """The blocks of ``html`` (see :class:`Blocks`)."""
    blocks = Blocks(enough, keep_text)
    _scan_tokens(html, blocks)
    blocks.flush()
    return blocks


# A plain tag: its name ends as _HTML_TOKEN's names do and holds no quote, and no quoted value
# holds "<" or ">", so it ends at its first ">" under _HTML_TOKEN too. When every "<" of a
# stretch opens one, or a comment, the token reader's tags there are exactly these. The group
# is the tag's name (None for a comment).
_PLAIN_TAG = re.compile(r"<(/?[a-zA-Z][^\t\n\r\f />\x00<>\"']*)(?=[\t\n\r\f />\x00])"
                        r"[^<>\"']*(?:(?:\"[^\"<>]*\"|'[^'<>]*')[^<>\"']*)*>")
_PLAIN_TOKEN = re.compile(r"<!--.*?-->|" + _PLAIN_TAG.pattern, re.S)
_SKIP_TAG = re.compile(r"<(/?)(" + "|".join(_SKIPPED) + r")(?=[\t\n\r\f />\x00])([^>]*)>",
                       re.I | re.A)


def plain_text(html: str) -> str | None:
    """The characters of ``" ".join(scan_html(html).text)`` before its whitespace is
    normalised: blocks end in a space, inline tags and comments go, entities are decoded. None
    unless every "<" opens a plain tag or a comment and the only skipped elements are ``<pre>``
    blocks that end where the token reader jumps to (the token reader must read such a
    fragment)."""
    if "<?" in html or "\u212a" in html:   # K: a "k" only to str.lower()
        return None
    out: list[str] = []
    pos = 0
    while (m := _SKIP_TAG.search(html, pos)) is not None:
        if m.group(1) or m.group(2).lower() != "pre" or m.group(3).rstrip().endswith("/"):
            return None
        after = _after_pre(html, m.end())
        if after is None:
            return None
        if not _plain_text_of(html[pos:m.start()], html[m.start():m.end()], out):
            return None
        pos = after
    if not _plain_text_of(html[pos:], "", out):
        return None
    return "".join(out)


def _plain_text_of(stretch: str, pre: str, out: list[str]) -> bool:
    """Append the text of a stretch between ``<pre>`` blocks (``pre``: the tag that opens the
    next one); False if they are not made of plain tags and comments."""
    if pre and _PLAIN_TAG.fullmatch(pre) is None:
        return False
    if "<" not in stretch:
        out.append(unescape(stretch) if "&" in stretch else stretch)
        return True
    parts = _PLAIN_TOKEN.split(stretch)      # text, tag name (None: a comment), text, ...
    texts = parts[0::2]
    if any("<" in text for text in texts):
        return False                        # a "<" that opens neither
    for i in range(1, len(parts), 2):
        name = parts[i]
        parts[i] = " " if name is not None and name.lstrip("/").lower() in _BLOCKS else ""
    if "&" in stretch:
        out.append("".join(unescape(p) if "&" in p else p for p in parts))
    else:
        out.append("".join(parts))
    return True


def _after_pre(html: str, pos: int) -> int | None:
    """Nothing in a <pre> (its opening tag ends at ``pos``) is read: where its end tag ends
    (or the end of ``html``), unless a comment or another skipped element comes first and
    could change where it ends (then None: every token is read)."""
    end = _PRE_END.search(html, pos)
    if _PRE_UNSURE.search(html, pos, end.start() if end else len(html)):
        return None
    return end.end() if end else len(html)


def _after_open(html: str, pos: int, tag: str, blocks: Blocks) -> int:
    """Where reading goes on after the opening tag of ``pre``, ``script`` or ``style`` that
    ends at ``pos`` (``pos`` itself for other tags)."""
    n = len(html)
    if tag == "pre":
        after = _after_pre(html, pos)
        if after is not None:
            blocks.end(tag)
            return after
    elif tag in _RAW_TEXT:
        # a script's "<" is not a tag: its text runs to the end tag
        end = _RAW_END[tag].search(html, pos)
        blocks.data(html[pos:end.start() if end else n])
        blocks.end(tag)
        return end.end() if end else n
    return pos


def _scan_tokens(html: str, blocks: Blocks) -> None:
    pos, n = 0, len(html)
    match = _HTML_TOKEN.match
    find = html.find
    while pos < n and not blocks.done:
        if html[pos] != "<":            # text runs to the next "<" (the pattern's [^<]+)
            k = find("<", pos)
            k = n if k < 0 else k
            blocks.data(html[pos:k])
            pos = k
            continue
        m = match(html, pos)
        assert m is not None, "the token pattern matches at every position"
        pos = m.end()
        tag = m.group(2)
        if tag is None:
            if m.group("open") is not None:
                # an unfinished construct is text up to the next ">" (HTMLParser.close())
                i = m.start()
                k = find(">", i + 1)
                if k >= 0:
                    pos = k + 1
                else:
                    k = find("<", i + 1)
                    pos = k if k >= 0 else i + 1
                blocks.data(html[i:pos])
            elif pos - m.start() == 1:
                blocks.data("<")                # a "<" that starts no tag
            continue
        tag = tag.lower()
        if tag not in _NOTABLE:                 # inline markup (em, code, a...): no block
            continue
        if m.group(1):
            blocks.end(tag)
            continue
        closing = m.group(3).rstrip().endswith("/")
        blocks.start(tag, closing)
        if not closing:
            pos = _after_open(html, pos, tag, blocks)


# Full-width punctuation carries its own spacing: a space beside it is never wanted
# ("错误：  foo" reads "错误：foo").
_FULLWIDTH_PUNCT = ("、。〃〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟・"
                    "，．：；！？（）［］｛｝｟｠")
_SPACE_BY_PUNCT_RE = re.compile(f" (?=[{_FULLWIDTH_PUNCT}])|(?<=[{_FULLWIDTH_PUNCT}]) ")
_WHITESPACE_RE = re.compile(r"\s+")


def _normalize_space(text: str) -> str:
    """Collapse whitespace runs to one space; a line break between two wide (CJK) characters
    disappears, as it would with blogtool's CJK soft-break rule, and so does a space beside
    full-width punctuation."""
    text = _collapse_space(text)
    return text if text.isascii() else _SPACE_BY_PUNCT_RE.sub("", text)


def _collapse_space(text: str) -> str:
    if "\n" not in text and "\r" not in text:
        return " ".join(text.split())        # the same, without a call per run

    def repl(m: re.Match[str]) -> str:
        run = m.group(0)
        s, e = m.start(), m.end()
        if ("\n" in run or "\r" in run) and s > 0 and e < len(text):
            if is_wide(text[s - 1]) and is_wide(text[e]):
                return ""
        return " "

    return _WHITESPACE_RE.sub(repl, text).strip()
