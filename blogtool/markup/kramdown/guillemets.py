"""kramdown's ``<<`` and ``>>`` read before HTML: ``<<is>>`` is ``«is»``, not the tag ``<is>``
between two brackets; ``\\<<`` and ``\\>>`` stay as typed. The text is left for the
typographic-symbol rule, which turns the pairs into guillemets."""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

__all__ = ["guillemets_plugin"]


def guillemets(state: StateInline, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    ch = src[pos]
    if ch == "\\":
        pair = src[pos + 1:pos + 3]
        if pair != "<<" and pair != ">>":
            return False
        if not silent:
            token = state.push("text_special", "", 0)   # the typographic rule skips it
            token.content = pair
            token.markup = "\\" + pair
            token.info = "escape"
        state.pos = pos + 3
        return True
    if ch != "<" or not src.startswith("<<", pos):
        return False
    if not silent:
        state.append_pending("<<")
    state.pos = pos + 2
    return True


def guillemets_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("escape", "kd_guillemets", guillemets)
