"""Jekyll's heading ids: kramdown-parser-gfm's id for a heading's text, with ``-1``, ``-2``
suffixes for repeats and no ``id`` attribute when the text has no word character."""
from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_core.state_core import StateCore

__all__ = ["drop_empty_heading_ids", "heading_ids_plugin", "heading_slug"]

# Letters-like symbols that Ruby's \p{Word} (Alphabetic) keeps although their category is So.
_ALPHABETIC_SYMBOLS: tuple[tuple[int, int], ...] = (
    (0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189),
)


def _is_ruby_word(ch: str) -> bool:
    """Onigmo's ``\\p{Word}``: Alphabetic, Mark, Decimal_Number, Connector_Punctuation
    (Letter_Number counts as Alphabetic). Verified against Ruby 3.1 for L*, M*, Nd, Nl, Pc, No,
    Cf and circled letters."""
    cat = unicodedata.category(ch)
    if cat[0] in "LM" or cat in ("Nd", "Nl", "Pc"):
        return True
    if cat == "So":
        cp = ord(ch)
        return any(a <= cp <= b for a, b in _ALPHABETIC_SYMBOLS)
    return False


def heading_slug(text: str) -> str:
    """Jekyll 4 (kramdown-parser-gfm ``generate_gfm_header_id``) id for a heading's text.

    Lower-case; drop every character that is not ``\\p{Word}``, ``-``, space or tab; turn each
    space or tab into ``-`` without collapsing runs. ``"C++ & code em"`` -> ``"c--code-em"``,
    ``"Flume：问题（一）"`` -> ``"flume问题一"``. Pass it to ``anchors_plugin`` as ``slug_func``;
    the plugin adds the ``-1``, ``-2`` suffixes for repeated ids. ``text`` should be the
    heading's text after smart quotes, as in Jekyll.
    """
    out = []
    for ch in text.lower():
        if ch == " " or ch == "\t":
            out.append("-")
        elif ch == "-" or _is_ruby_word(ch):
            out.append(ch)
    return "".join(out)


def drop_empty_heading_ids(state: StateCore) -> None:
    """Core rule: remove ``id=""`` from headings whose text has no word character (``## ！！！``).

    kramdown computes the empty id too (and counts it for the ``-1`` suffix of the next one)
    but never prints an empty ``id`` attribute; anchors_plugin would print ``id=""``.
    """
    for token in state.tokens:
        if token.type == "heading_open" and token.attrs.get("id") == "":
            del token.attrs["id"]


def heading_ids_plugin(md: MarkdownIt) -> None:
    """Jekyll's heading ids on ``md``: ``anchors_plugin`` (levels 1-6) with
    :func:`heading_slug`, then :func:`drop_empty_heading_ids` right after it."""
    from mdit_py_plugins.anchors import anchors_plugin

    rules = md.core.ruler.get_all_rules()
    if "anchor" in rules:  # installed already: calling twice must not add a second pass
        return
    anchors_plugin(md, min_level=1, max_level=6, slug_func=heading_slug)
    md.core.ruler.after("anchor", "drop_empty_heading_ids", drop_empty_heading_ids)

