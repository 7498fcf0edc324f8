"""``*``, ``**`` and ``~~`` that open and close next to CJK text.

CommonMark decides whether a run of delimiters may open or close from the characters on its
two sides. Its punctuation rule keeps ``**注意：**这里`` literal: the closing run follows
punctuation and is followed by a letter. The CJK-friendly amendments to CommonMark relax that
for ``*`` and ``~``: when a CJK character is on either side, punctuation no longer blocks the
run. Whitespace still does, and ``_`` keeps CommonMark's rules (it never opens or closes
inside a word). A variation selector after a character is looked through to that character.

Only the side classification changes; the tokens and delimiter records are the ones
markdown-it's own pairing (``balance_pairs``) and emphasis/strikethrough post-processing read.
"""
from __future__ import annotations

import unicodedata

from markdown_it.common.utils import isWhiteSpace
from markdown_it.rules_inline.state_inline import Delimiter, StateInline

from .chars import is_cjk, is_punctuation

__all__ = ["delimiter_run", "emphasis_rule", "strikethrough_rule"]

# U+FE00..U+FE0E: text-style variation selectors; U+E0100..U+E01EF: ideographic ones.
_TEXT_SELECTORS = range(0xFE00, 0xFE0F)
_IDEOGRAPHIC_SELECTORS = range(0xE0100, 0xE01F0)
# Curly quotes followed by U+FE01 ask for their full-width (East Asian) glyph.
_FULLWIDTH_QUOTE_BASES = frozenset("\u2018\u2019\u201c\u201d")


def _touches_cjk_before(before: str, base: str | None) -> bool:
    """Whether the text before a run ends in a CJK character (``base`` is the character a
    variation selector ``before`` modifies, ``None`` when ``before`` is no selector)."""
    if base is None:
        return is_cjk(before) or ord(before) in _IDEOGRAPHIC_SELECTORS
    return is_cjk(base) or (before == "\ufe01" and base in _FULLWIDTH_QUOTE_BASES)


def delimiter_run(src: str, start: int, stop: int) -> tuple[int, bool, bool]:
    """Length of the delimiter run at ``src[start]`` (not past ``stop``) and whether it may
    open and close. The ends of the inline text count as whitespace."""
    marker = src[start]
    end = start + 1
    while end < stop and src[end] == marker:
        end += 1
    length = end - start
    after = src[end] if end < stop else " "
    before = src[start - 1] if start else " "
    base = None
    if ord(before) in _TEXT_SELECTORS:
        base = src[start - 2] if start > 1 else " "
    seen_before = before if base is None or unicodedata.category(base) == "Zs" else base

    space_before = isWhiteSpace(ord(seen_before))
    space_after = isWhiteSpace(ord(after))
    if space_before or space_after:
        return length, not space_after, not space_before
    punct_before = is_punctuation(seen_before)
    punct_after = is_punctuation(after)
    if marker == "_":
        # inside a word only punctuation lets an underscore open (before) or close (after)
        return length, punct_before, punct_after
    if is_cjk(after) or _touches_cjk_before(before, base):
        return length, True, True
    return length, punct_before or not punct_after, punct_after or not punct_before


def _push_delimiters(state: StateInline, text: str, count: int, weight: int,
                     opens: bool, closes: bool) -> None:
    """Append ``count`` text tokens holding ``text``, each registered as a delimiter;
    ``weight`` is the run length the "multiple of 3" pairing rule sees (0 disables it)."""
    code = ord(text[0])
    for _ in range(count):
        state.push("text", "", 0).content = text
        state.delimiters.append(Delimiter(marker=code, length=weight,
                                          token=len(state.tokens) - 1, end=-1,
                                          open=opens, close=closes))


def emphasis_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule for ``*`` and ``_`` runs: one delimiter token per marker character."""
    marker = state.src[state.pos]
    if silent or (marker != "*" and marker != "_"):
        return False
    length, opens, closes = delimiter_run(state.src, state.pos, state.posMax)
    _push_delimiters(state, marker, length, length, opens, closes)
    state.pos += length
    return True


def strikethrough_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule for ``~`` runs: pairs of tildes are delimiters (an odd one is plain text);
    with the ``strikethrough_single_tilde`` option a run of one or two tildes is one delimiter
    and a longer run is plain text."""
    if silent or state.src[state.pos] != "~":
        return False
    length, opens, closes = delimiter_run(state.src, state.pos, state.posMax)
    if state.md.options.get("strikethrough_single_tilde", False):
        if length > 2:
            state.push("text", "", 0).content = "~" * length
        else:
            _push_delimiters(state, "~" * length, 1, 0, opens, closes)
    elif length < 2:
        return False
    else:
        if length % 2:
            state.push("text", "", 0).content = "~"
        _push_delimiters(state, "~~", length // 2, 0, opens, closes)
    state.pos += length
    return True
