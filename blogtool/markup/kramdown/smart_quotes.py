"""kramdown's smart quotes, decided quote by quote while the inline text is read.

markdown-it pairs quotes after parsing; kramdown decides each quote from the character just
before it in the running text (if any: after emphasis markers, an escape or an HTML tag there is
none) and the characters after it:

* with no character before: ``"*x`` opens; a quote before punctuation that is not followed by a
  word character (``"."``) closes; ``'80s`` is an apostrophe; before a space, ``s`` + boundary or
  the line end it closes; otherwise it opens;
* after whitespace: ``"'word`` / ``'"word`` open both, ``'80s`` is an apostrophe, else it opens;
* after any other character it closes (``it's``, ``word"``), except after ``[ { ( -``.

So ``和"直引号"`` becomes ``和”直引号”`` in kramdown. blogtool's improvement (``cjk``): after a
CJK character a quote opens unless a quote of its kind is open, giving ``和“直引号”``.
The four characters come from kramdown's ``smart_quotes`` setting.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from ..cjk import is_cjk

__all__ = ["smart_quotes_plugin"]

_PUNCT = frozenset("!\"#$%'()*+,-./:;<=>?@[\\]^_`{|}~")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_SPACE = frozenset(" \t\n\r\f\v")
_NO_CLOSE = frozenset(" \\\t\r\n[{(-")
_OPEN_KEY = "_kramdown_open_quotes"


def _word(ch: str) -> bool:
    return ch in _WORD and ch != ""


def _decide(before: str | None, quote: str, rest: str) -> tuple[str, int]:
    """What the quote is (``open``, ``close``, ``apostrophe``, or ``both`` for ``"'`` opening
    two) and how many characters it uses; ``rest`` is the text after the quote."""
    first = rest[:1]
    second = rest[1:2]
    if before is None or before in _SPACE:
        if before is None:
            if first in ("_", "*") and second != "" and second not in _SPACE:
                return "open", 1
            if first in _PUNCT and rest[1:3] != ".." and _word(first) == _word(second):
                return "close", 1
        if first in ("'", '"') and first != quote and _word(second):
            return "both", 2
        if quote == "'" and rest[:2].isdigit() and rest[:2].isascii() and rest[2:3] == "s":
            return "apostrophe", 1
        if before is None and (first == "" or first in _SPACE
                               or (first == "s" and not _word(second))):
            return "close", 1
        return "open", 1
    if before in _NO_CLOSE:
        return "open", 1
    return "close", 1


def _chars(state: StateInline) -> str:
    quotes = state.md.options.quotes
    return str(quotes) if quotes and len(quotes) >= 4 else "\u201c\u201d\u2018\u2019"


def smart_quote(state: StateInline, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    quote = src[pos]
    if quote != '"' and quote != "'":
        return False
    if silent:
        return False        # never part of link labels' or emphasis' look-ahead
    pending = state.pending
    if pending:
        before: str | None = pending[-1]
    elif state.tokens and state.tokens[-1].type == "softbreak":
        before = "\n"
    else:
        before = None
    kind, used = _decide(before, quote, src[pos + 1:state.posMax])
    chars = _chars(state)
    double = (chars[0], chars[1])
    single = (chars[2], chars[3])
    pair = double if quote == '"' else single
    open_quotes: dict[str, int] | None = getattr(state, _OPEN_KEY, None)
    if state.md.options.get("kd_cjk_quotes"):
        if open_quotes is None:
            open_quotes = {'"': 0, "'": 0}
            setattr(state, _OPEN_KEY, open_quotes)
        if kind == "close" and before is not None and is_cjk(before):
            kind = "close" if open_quotes[quote] else "open"
        if kind == "open":
            open_quotes[quote] += 1
        elif kind == "close" and open_quotes[quote]:
            open_quotes[quote] -= 1
    if kind == "both":
        other = single if quote == '"' else double
        state.pending = pending + pair[0] + other[0]
    elif kind == "apostrophe":
        state.pending = pending + single[1]
    else:
        state.pending = pending + (pair[0] if kind == "open" else pair[1])
    state.pos = pos + used
    return True


def smart_quotes_plugin(md: MarkdownIt, cjk: bool = False) -> None:
    """Replace markdown-it's quote pairing by kramdown's rules (``cjk``: blogtool's
    direction after CJK characters)."""
    md.options["kd_cjk_quotes"] = cjk
    md.inline.add_terminator_char('"')
    md.inline.add_terminator_char("'")
    md.inline.ruler.after("text", "kd_smart_quotes", smart_quote)
    if "smartquotes" in md.core.ruler.get_all_rules():
        md.core.ruler.disable("smartquotes")
