"""Display columns of text in a monospace or CJK layout, and cutting text to a width: wide and
full-width characters take two columns, combining marks and joiners none."""
from __future__ import annotations

import unicodedata

ELLIPSIS = "\u2026"


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


_TRAILING_JUNK = " \t,，、;；:：(（「『“‘-–—"


def _char_width(ch: str) -> int:
    cp = ord(ch)
    if cp < 0x300:
        return 0 if cp < 0x20 or 0x7F <= cp < 0xA0 else 1
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf") or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return 0  # combining marks, ZWJ/ZWSP, variation selectors
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_WIDTH: dict[str, int] = {}     # per-character columns, filled as characters are met


def _width_of(ch: str) -> int:
    w = _WIDTH.get(ch)
    if w is None:
        w = _WIDTH[ch] = _char_width(ch)
    return w


def _widths(text: str) -> list[int]:
    """Per-character columns; a character joined by ZWJ to the previous one (emoji ZWJ
    sequences such as a family emoji) takes no extra column, as it is drawn as one glyph."""
    out = []
    prev = ""
    for ch in text:
        out.append(0 if prev == "\u200d" else _width_of(ch))
        prev = ch
    return out


def capped_width(text: str, cap: int) -> int:
    """``display_width(text)`` if it is below ``cap``, else some value at least ``cap``
    (only as much of the text is measured as needed)."""
    if text.isascii() and text.isprintable():
        return len(text)
    total = 0
    prev = ""
    for ch in text:
        total += 0 if prev == "\u200d" else _width_of(ch)
        if total >= cap:
            break
        prev = ch
    return total


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospace/CJK layout: W/F characters count 2."""
    if text.isascii() and text.isprintable():
        return len(text)
    if "\u200d" in text:
        return sum(_widths(text))
    return sum(map(_width_of, text))


def _attached(text: str, i: int) -> bool:
    """True if cutting before index ``i`` would split a character from what it belongs to."""
    ch = text[i]
    cp = ord(ch)
    if 0xDC00 <= cp <= 0xDFFF:  # low surrogate (only in strings decoded with surrogatepass)
        return True
    if text[i - 1] == "\u200d" or ch == "\u200d":  # inside an emoji ZWJ sequence
        return True
    return _char_width(ch) == 0 and not ch.isspace() and cp != 0x200B


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` display columns, ending in ``…`` when cut: never inside a
    character's combining marks or ZWJ sequence, between Latin words when that loses little."""
    if capped_width(text, width + 1) <= width:
        return text
    budget = width - display_width(ELLIPSIS)
    used = 0
    cut = 0
    prev = ""
    for cut, ch in enumerate(text):  # noqa: B007 - as _widths, up to the cut; used below
        w = 0 if prev == "\u200d" else _width_of(ch)
        if used + w > budget:
            break
        used += w
        prev = ch
    while cut > 0 and _attached(text, cut):
        cut -= 1
    # Latin text: prefer a cut between words if that does not lose too much.
    if cut > 0 and text[cut - 1].isalnum() and text[cut].isalnum() and not is_wide(text[cut]):
        space = text.rfind(" ", 0, cut)
        if space > cut // 2:
            cut = space
    head = text[:cut].rstrip(_TRAILING_JUNK + "\u200d")   # a ZWJ joins nothing at the end
    return head + ELLIPSIS
