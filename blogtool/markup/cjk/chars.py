"""Character classes shared by the CJK rules: CJK, Hangul, wide, punctuation.

A *CJK character* (the CJK-friendly emphasis amendments' term) is one of East Asian Width
W, F or H that is not an emoji-presentation character, or any Hangul. Python 3.11 ships
Unicode 14 without the Emoji_Presentation or Script properties, so the classes are tables of
code-point ranges (Unicode 17), searched by bisection.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_right

from markdown_it.common.utils import isMdAsciiPunct

__all__ = [
    "is_cjk",
    "is_cjk_char_code",
    "is_hangul",
    "is_punctuation",
    "is_wide",
]

_CJK: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF), (0x20A9, 0x20A9), (0x2329, 0x232A), (0x2630, 0x2637),
    (0x268A, 0x268F), (0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5),
    (0x2FF0, 0x303E), (0x3041, 0x3096), (0x3099, 0x30FF), (0x3105, 0x312F),
    (0x3131, 0x318E), (0x3190, 0x31E5), (0x31EF, 0x321E), (0x3220, 0x3247),
    (0x3250, 0xA48C), (0xA490, 0xA4C6), (0xA960, 0xA97C), (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB), (0xF900, 0xFAFF), (0xFE10, 0xFE19),
    (0xFE30, 0xFE52), (0xFE54, 0xFE66), (0xFE68, 0xFE6B), (0xFF01, 0xFFBE),
    (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF), (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC),
    (0xFFE0, 0xFFE6), (0xFFE8, 0xFFEE), (0x16FE0, 0x16FE4), (0x16FF0, 0x16FF6),
    (0x17000, 0x18CD5), (0x18CFF, 0x18D1E), (0x18D80, 0x18DF2), (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB), (0x1AFFD, 0x1AFFE), (0x1B000, 0x1B122), (0x1B132, 0x1B132),
    (0x1B150, 0x1B152), (0x1B155, 0x1B155), (0x1B164, 0x1B167), (0x1B170, 0x1B2FB),
    (0x1D300, 0x1D356), (0x1D360, 0x1D376), (0x1F200, 0x1F200), (0x1F202, 0x1F202),
    (0x1F210, 0x1F219), (0x1F21B, 0x1F22E), (0x1F230, 0x1F231), (0x1F237, 0x1F237),
    (0x1F23B, 0x1F23B), (0x1F240, 0x1F248), (0x1F260, 0x1F265), (0x20000, 0x3FFFD),
)

# Script=Hangul. Korean puts spaces between words, so its line breaks are real spaces.
_HANGUL: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF), (0x302E, 0x302F), (0x3131, 0x318E), (0x3200, 0x321E),
    (0x3260, 0x327E), (0xA960, 0xA97C), (0xAC00, 0xD7A3), (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB), (0xFFA0, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7), (0xFFDA, 0xFFDC),
)


def _bounds(ranges: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int]]:
    return [first for first, _ in ranges], [last for _, last in ranges]


_CJK_FIRSTS, _CJK_LASTS = _bounds(_CJK)
_HANGUL_FIRSTS, _HANGUL_LASTS = _bounds(_HANGUL)
_LOWEST_CJK = _CJK_FIRSTS[0]


def is_cjk(ch: str) -> bool:
    """True if the one-character string ``ch`` is a CJK character."""
    cp = ord(ch)
    if cp < _LOWEST_CJK:
        return False
    return cp <= _CJK_LASTS[bisect_right(_CJK_FIRSTS, cp) - 1]


def is_cjk_char_code(cp: int) -> bool:
    """True if code point ``cp`` is a CJK character."""
    return is_cjk(chr(cp))


def is_hangul(ch: str) -> bool:
    """True if ``ch`` is written in the Hangul script."""
    cp = ord(ch)
    slot = bisect_right(_HANGUL_FIRSTS, cp)
    return slot > 0 and cp <= _HANGUL_LASTS[slot - 1]


def is_wide(ch: str) -> bool:
    """East Asian Width Fullwidth, Wide or Halfwidth."""
    return unicodedata.east_asian_width(ch) in "FWH"


def is_punctuation(ch: str) -> bool:
    """CommonMark's punctuation: ASCII punctuation, or a general category P* or S*."""
    cp = ord(ch)
    if cp < 0x80:
        return isMdAsciiPunct(cp)
    return unicodedata.category(ch)[0] in "PS"
